"""A county named bare in a local story (issue 10, item 3): a name with no sense in the
division the story is set in is that division's county of the name. Sentences written for these
tests; rows are (sentence, surface, expected name, state code)."""
from __future__ import annotations

import pytest

BARE_COUNTIES = [
    ("Minnesota transportation officials said flooding closed roads near Perham and Pelican "
     "Rapids on Monday. Crews in Stearns worked through the night.", "Stearns", "Stearns County", "MN"),
]

# A town of the story's division keeps the name; a story set nowhere in particular, or
# elsewhere, keeps the name's own senses.
TOWNS_STAY = [
    ("Minnesota transportation officials said flooding closed roads near Perham and Pelican "
     "Rapids on Monday. Crews in Becker worked through the night.", "Becker", "Becker", "MN"),
    ("The Isle of Man government said ferries from Douglas were cancelled.", "Douglas", "Douglas", None),
    ("Crews in Stearns worked through the night.", "Stearns", "Stearns", None),
]


@pytest.mark.parametrize("sentence, surface, name, state", BARE_COUNTIES + TOWNS_STAY)
def test_a_bare_name_is_the_county_of_the_story_division(mentions_of, admin1_of, sentence, surface, name, state):
    for mention in mentions_of(sentence, surface):
        assert mention.place.name == name, (surface, mention.place)
        if state is not None:
            assert (mention.place.country_code, admin1_of(mention.place)) == ("US", state)
        else:
            assert mention.place.kind == "city", (surface, mention.place)
