"""Shared fixtures for the places tests: the embedded gazetteer is loaded once per session."""
from __future__ import annotations

import pytest

from extract.places import find_places
from extract.places.gazetteer import default_gazetteer


@pytest.fixture(scope="session")
def gazetteer():
    return default_gazetteer()


@pytest.fixture(scope="session")
def places(gazetteer):
    """find_places as (surface, country code, kind) triples, the shape the tables below use."""
    def run(text: str, lang: str = "ar"):
        mentions = find_places(text, lang=lang, gazetteer=gazetteer)
        for m in mentions:
            assert text[m.start_char:m.end_char] == m.text
        return [(m.text, m.place.country_code, m.place.kind) for m in mentions]
    return run


@pytest.fixture(scope="session")
def mentions_of(gazetteer):
    """The English mentions of one surface in a sentence; fails when the surface is not found."""
    def run(sentence: str, surface: str):
        mentions = [m for m in find_places(sentence, lang="en", gazetteer=gazetteer) if m.text == surface]
        assert mentions, f"{surface!r} not found in {sentence!r}"
        return mentions
    return run


@pytest.fixture(scope="session")
def admin1_of(gazetteer):
    """The first-level division code of a resolved place, from its gazetteer entry."""
    def run(place) -> str:
        for entry in gazetteer.lookup(place.name):
            if entry.place == place:
                return entry.admin1
        raise AssertionError(f"{place} not in the gazetteer")
    return run
