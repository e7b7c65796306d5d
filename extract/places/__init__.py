"""Toponym recognition and resolution against the embedded gazetteer.

    find_places(document)   # -> [PlaceMention, ...] in text order, non-overlapping

recognize.py finds the spans that name places (arabic.py and english.py compute the signals
from their language's table in vocabulary.py; evidence.py ranks them the same way for both),
resolve.py picks the place each one denotes, gazetteer.py holds the places, transliterate.py
bridges Arabic and Latin spellings; weights.py names every weight (data/places_weights.json).
Re-geocoding with a server is not this stage's business: extract.analyze applies the geocoder
(extract.geocoders) to what this stage resolves.
"""
from __future__ import annotations

from ..records import Document, PlaceMention
from .gazetteer import Gazetteer, default_gazetteer, load_gazetteer
from .recognize import demonym_countries, recognize, vocabulary
from .resolve import resolve

__all__ = ["find_places", "Gazetteer", "default_gazetteer", "load_gazetteer"]

ARABIC_SCRIPT_LANGS = ("ar", "fa", "ur")


def find_places(document: Document | str, lang: str = "en", gazetteer: Gazetteer | None = None
                ) -> list[PlaceMention]:
    """Every toponym of the document, in text order, with the place the embedded gazetteer
    resolves it to. A plain string is read as a Document of `lang`."""
    if isinstance(document, str):
        document = Document(document, lang)
    gazetteer = gazetteer or default_gazetteer()
    arabic = document.lang in ARABIC_SCRIPT_LANGS
    toponyms = recognize(document, arabic, gazetteer)
    table = "ar" if arabic else "en"
    return resolve(toponyms, demonym_countries(document, table), vocabulary(table).home_countries,
                   document.text, gazetteer)
