"""A place right next to another place the story names (issue 10, item 3), across a state line
too: the pull the joint reading gives two names of one division, for names in neighbouring
divisions. Sentences written for these tests; rows are (sentence, surface, country, state code
or None)."""
from __future__ import annotations

import pytest

NEIGHBOURS = [
    ("Commuters from Vancouver crossed the bridge into Portland on Monday.", "Vancouver", "US", "WA"),
]

# Far from the story's other places, or a country's name: the pull does not apply.
NOT_NEIGHBOURS = [
    ("Ministers from Cairo and Alexandria met in Athens.", "Alexandria", "EG", None),
    ("Refugees from Lebanon arrived in Harrisburg on Monday.", "Lebanon", "LB", None),
]


@pytest.mark.parametrize("sentence, surface, country, state", NEIGHBOURS + NOT_NEIGHBOURS)
def test_a_place_next_to_the_story_s_other_places(mentions_of, admin1_of, sentence, surface, country, state):
    for mention in mentions_of(sentence, surface):
        assert mention.place.country_code == country, (surface, mention.place)
        if state is not None:
            assert admin1_of(mention.place) == state, (surface, mention.place)
