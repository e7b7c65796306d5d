"""A place right next to another place the story names (issue 10, item 3), across a state line
too: the pull the joint reading gives two names of one division, for names in neighbouring
divisions. Sentences written for these tests; rows are (sentence, surface, country, state code
or None)."""
from __future__ import annotations

import pytest

from extract.places import find_places

NEIGHBOURS = [
    ("Commuters from Vancouver crossed the bridge into Portland on Monday.", "Vancouver", "US", "WA"),
]

# Far from the story's other places, or a country's name: the pull does not apply.
NOT_NEIGHBOURS = [
    ("Ministers from Cairo and Alexandria met in Athens.", "Alexandria", "EG", None),
    ("Refugees from Lebanon arrived in Harrisburg on Monday.", "Lebanon", "LB", None),
]


def _admin1(gazetteer, place) -> str:
    for entry in gazetteer.lookup(place.name):
        if entry.place == place:
            return entry.admin1
    raise AssertionError(f"{place} not in the gazetteer")


@pytest.mark.parametrize("sentence, surface, country, state", NEIGHBOURS + NOT_NEIGHBOURS)
def test_a_place_next_to_the_story_s_other_places(gazetteer, sentence, surface, country, state):
    mentions = [m for m in find_places(sentence, lang="en", gazetteer=gazetteer) if m.text == surface]
    assert mentions, f"{surface!r} not found in {sentence!r}"
    for mention in mentions:
        assert mention.place.country_code == country, (surface, mention.place)
        if state is not None:
            assert _admin1(gazetteer, mention.place) == state, (surface, mention.place)
