"""Senses chosen by where the story is (issue 10, item 3), second round: a trigger that says
only what kind of place a name is leaves the story's geography to choose which one, and a
name that is both a country and a division of a country the story names tells where the story
is. Sentences written for these tests; rows are (sentence, surface, country, state code or None)
— the state of the place the surface must resolve to (None: any place of that country)."""
from __future__ import annotations

import pytest

# "The city of X" says X is a town, not which one: the county the story names still places it.
KIND_HINTS = [
    ("The city of Georgetown gave $5,000 to the shelter. Scott County deputies said the shelter "
     "would stay open.", "Georgetown", "US", "KY"),
    ("The city of Georgetown gave $5,000 to the shelter. Scott County deputies said the shelter "
     "would stay open.", "Scott County", "US", "KY"),
    ("The town of Lebanon will repave Main Street. Warren County commissioners approved the "
     "money.", "Lebanon", "US", "OH"),
]

# ... and without such a county the famous town stays.
KIND_HINTS_ALONE = [
    ("The city of Richmond approved its budget on Tuesday.", "Richmond", "US", "VA"),
    ("The city of Paris approved a plan for new bicycle lanes along the Seine.", "Paris", "FR", None),
]

# Georgia the state, in a story that names other places of the US, says the story is in Georgia
# as "Kentucky" would: a state named in passing does not pull its namesake towns instead.
COUNTRY_OR_DIVISION = [
    ("Georgia lawmakers met in Atlanta on Monday, and the bill mirrors one passed in Illinois "
     "last year.", "Atlanta", "US", "GA"),
    ("Georgia lawmakers met in Atlanta on Monday, and the bill mirrors one passed in Illinois "
     "last year.", "Georgia", "US", "GA"),
]

# Georgia the country keeps its sense in a story about its own region.
COUNTRY_STAYS = [
    ("Georgia and Russia traded blame in Tbilisi on Monday.", "Georgia", "GE", None),
    ("Georgia and Russia traded blame in Tbilisi on Monday.", "Tbilisi", "GE", None),
]


@pytest.mark.parametrize("sentence, surface, country, state",
                         KIND_HINTS + KIND_HINTS_ALONE + COUNTRY_OR_DIVISION + COUNTRY_STAYS)
def test_the_story_chooses_the_sense(mentions_of, admin1_of, sentence, surface, country, state):
    for mention in mentions_of(sentence, surface):
        assert mention.place.country_code == country, (surface, mention.place)
        if state is not None:
            assert admin1_of(mention.place) == state, (surface, mention.place)
