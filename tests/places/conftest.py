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
