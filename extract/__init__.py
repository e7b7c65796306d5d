"""Events, dates and places from news text: the pipeline's public face.

    >>> from extract import analyze
    >>> analysis = analyze(text, published=datetime.date(2023, 10, 19))
    >>> analysis.to_dict()   # the JSON of ../shared/spec/OUTPUT.md
"""
from __future__ import annotations

import datetime as dt

from .dates import find_dates
from .errors import ExtractError, InputError, StoreError
from .events import assemble_events
from .places import find_places
from .records import Analysis, DateMention, Document, Event, Place, PlaceMention
from .text import detect_language, split_sentences

__all__ = ["analyze", "Analysis", "DateMention", "Document", "Event", "Place", "PlaceMention",
           "ExtractError", "InputError", "StoreError"]


def analyze(text: str, published: dt.date | None = None, lang: str = "auto", *,
            path: str | None = None, title: str | None = None, source_url: str | None = None,
            geocoder=None) -> Analysis:
    """Analyse one document: its dates, its places and the events that tie them together.

    `published` resolves relative expressions ("Thursday", "الشهر الماضي"); without it they
    stay unresolved. `geocoder` overrides the embedded gazetteer (see extract.geocoders).
    Pure: the same arguments give the same Analysis, whatever ran before.
    """
    if lang in (None, "", "auto"):
        lang = detect_language(text)
    document = Document(text=text, lang=lang, published=published, path=path, title=title,
                        source_url=source_url)
    sentences = split_sentences(text)
    dates = find_dates(text, published=published, lang=lang)
    places = find_places(text, lang=lang, geocoder=geocoder)
    events = assemble_events(document, sentences, dates, places)
    return Analysis(document, tuple(dates), tuple(places), tuple(events))
