"""Toponym recognition: which spans of a text name places, and which gazetteer entries each
span could be. Resolution (choosing among the candidates) is resolve.py's job.

Each language computes the signals around a gazetteer hit (arabic.py, english.py) from its own
table (vocabulary.py); one evidence model (evidence.py) ranks them the same way for both.
"""
from __future__ import annotations

from ..records import Document
from .arabic import recognize_arabic
from .english import recognize_english
from .evidence import Candidate, Toponym
from .gazetteer import Gazetteer
from .vocabulary import demonym_countries, vocabulary

__all__ = ["recognize", "recognize_arabic", "recognize_english", "demonym_countries", "vocabulary",
           "Toponym", "candidates"]


def recognize(document: Document, arabic: bool, gazetteer: Gazetteer) -> list[Toponym]:
    """The toponyms of the document, in text order, by the Arabic or the English recogniser."""
    return recognize_arabic(document, gazetteer) if arabic else recognize_english(document, gazetteer)


def candidates(document: Document, arabic: bool, gazetteer: Gazetteer) -> list[Candidate]:
    """Every gazetteer hit the recogniser judged in the document, with its signals, whether kept
    or not (the rows scripts/fit_place_weights.py fits the weights on)."""
    trace: list[Candidate] = []
    (recognize_arabic if arabic else recognize_english)(document, gazetteer, trace)
    return trace
