"""Senses of world news (issue 10, item 3): an ocean or a continent named short is the feature
before a village of its name; a name followed by its country is not a town elsewhere; a state
named once does not set a story about other countries in that state. Sentences written for
these tests."""
from __future__ import annotations

import pytest

from extract.places import find_places

# (sentence, surface, expected place name or None for "not resolved at all", country or None)
FAMOUS_FEATURES = [
    ("Fishing boats crossed the Atlantic in rough weather on Monday.", "Atlantic", "Atlantic Ocean", None),
    ("Fishing boats crossed the Pacific in rough weather on Monday.", "Pacific", "Pacific Ocean", None),
    ("Birds that winter in Asia and Europe carry the virus.", "Europe", "Europe", None),
    # A town named so and placed by its state stays the town.
    ("The Atlantic, Iowa, school board met on Monday.", "Atlantic", "Atlantic", "US"),
]

NAME_AND_COUNTRY = [
    # Kent, UK is the county (places_admin2.tsv), not the town in Washington state.
    ("An outbreak of measles in Kent, UK was traced to a school.", "Kent", "Kent", "GB"),
    ("Police in Kent, Washington said the road was closed.", "Kent", "Kent", "US"),
]

COUNTRY_OR_TOWN = [
    ("Farmers in the Oaxaca region of Mexico fell ill near the border with Guatemala, and a "
     "scientist in Maine said the water was clean.", "Mexico", "Mexico", "MX"),
    # A story set in Maine by several of its places reads Mexico as its town.
    ("The Mexico select board met on Monday. Maine officials and Rumford police said the road "
     "near Dixfield would close.", "Mexico", "Mexico", "US"),
]


# A first-level division's own name is the division, not a village of that name in the
# neighbouring division the story is set in; a town placed by its state stays the town.
DIVISION_OR_VILLAGE = [
    ("Ministers met in London on Monday, and the talks moved to Wales on Tuesday, officials in "
     "England said.", "Wales", "Wales", "GB"),
    ("The Wales, Massachusetts, town meeting approved the budget.", "Wales", "Wales", "US"),
]


@pytest.mark.parametrize("sentence, surface, name, country",
                         FAMOUS_FEATURES + NAME_AND_COUNTRY + COUNTRY_OR_TOWN + DIVISION_OR_VILLAGE)
def test_world_senses(gazetteer, sentence, surface, name, country):
    mentions = [m for m in find_places(sentence, lang="en", gazetteer=gazetteer) if m.text == surface]
    if name is None:
        assert not mentions, mentions
        return
    assert mentions, f"{surface!r} not found in {sentence!r}"
    for mention in mentions:
        assert (mention.place.name, mention.place.country_code) == (name, country), mention.place
