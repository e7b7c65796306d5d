"""Toponym recognition and resolution against the embedded gazetteer.

    find_places(text, lang="ar")   # -> [PlaceMention, ...] in text order, non-overlapping

recognize.py finds the spans that name places (arabic.py and english.py compute the signals
from their language's table in vocabulary.py; evidence.py ranks them the same way for both),
resolve.py picks the place each one denotes, gazetteer.py holds the places, transliterate.py
bridges Arabic and Latin spellings; weights.py names every weight (data/places_weights.json). A geopy-shaped `geocoder` (extract.geocoders) may re-geocode the resolved toponyms.
"""
from __future__ import annotations

import os

from ..records import PlaceMention
from ..text import ARABIC_LETTER, LATIN_LETTER
from .gazetteer import Gazetteer, default_gazetteer, load_gazetteer
from .recognize import demonym_countries, recognize, vocabulary
from .resolve import resolve

__all__ = ["find_places", "Gazetteer", "default_gazetteer", "load_gazetteer"]

ARABIC_SCRIPT_LANGS = ("ar", "fa", "ur")


def find_places(text: str, lang: str = "en", geocoder=None, gazetteer: Gazetteer | None = None
                ) -> list[PlaceMention]:
    """Every toponym in `text`, in text order, with the place it resolves to.

    `geocoder`: a geopy-shaped geocoder (see extract.geocoders) that re-geocodes each resolved
    toponym; without one, the one $NEWSMAP_GEOCODER names, else the embedded gazetteer alone.
    When the geocoder finds nothing, the embedded gazetteer's answer stands.
    """
    gazetteer = gazetteer or default_gazetteer()
    arabic = lang in ARABIC_SCRIPT_LANGS or (
        lang in ("", "auto", "und") and len(ARABIC_LETTER.findall(text)) > len(LATIN_LETTER.findall(text)))
    toponyms = recognize(text, arabic, gazetteer)
    table = "ar" if arabic else "en"
    mentions = resolve(toponyms, demonym_countries(text, table), vocabulary(table).home_countries)
    if geocoder is None and os.environ.get("NEWSMAP_GEOCODER", "gazetteer").lower() != "gazetteer":
        from ..geocoders import configured_geocoder
        geocoder = configured_geocoder()
    if geocoder is not None:
        from ..geocoders import regeocode   # imported lazily: geopy is only needed with a server
        mentions = regeocode(mentions, geocoder)
    return mentions
