"""Events, dates and places from news text: the pipeline's public face.

    >>> from extract import analyze
    >>> analysis = analyze(text, published=datetime.date(2023, 10, 19))
    >>> analysis.to_dict()   # the JSON of docs/output.md

extract.pipeline sequences the stages; see docs/architecture.md for the layers.
"""
from __future__ import annotations

from .errors import ExtractError, InputError, StoreError
from .pipeline import analyze
from .records import Analysis, DateMention, Document, Event, Place, PlaceMention

__all__ = ["analyze", "Analysis", "DateMention", "Document", "Event", "Place", "PlaceMention",
           "ExtractError", "InputError", "StoreError"]
