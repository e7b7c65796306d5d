"""A state's abbreviation written with a space after its initial ("W. Va.") is that state, not
the state of its last part ("Va."); the same abbreviation without the space, and the one-word
one, read as before. Sentences written for these tests."""
from __future__ import annotations

import pytest

from extract.places import find_places

# (sentence, surface, expected place name)
ABBREVIATIONS = [
    ("Police in Elkins, W. Va., said the road was closed.", "W. Va", "West Virginia"),
    ("Police in Elkins, W.Va., said the road was closed.", "W.Va", "West Virginia"),
    ("Police in Roanoke, Va., said the road was closed.", "Va", "Virginia"),
]


@pytest.mark.parametrize("sentence,surface,name", ABBREVIATIONS)
def test_spaced_abbreviations(sentence, surface, name):
    found = {p.text: p.place for p in find_places(sentence)}
    assert surface in found, found
    assert found[surface].name == name


def test_town_is_placed_by_the_spaced_abbreviation():
    found = {p.text: p for p in find_places("Police in Elkins, W. Va., said the road was closed.")}
    assert "Va" not in found
    assert found["Elkins"].place.country_code == "US"
    assert 37.0 < found["Elkins"].place.lat < 40.7 and -82.7 < found["Elkins"].place.lon < -77.7
