"""Which country a world province says the story is in (issue 10, item 3): a first-level
division smaller than a namesake abroad ("Hamilton", a parish of Bermuda and a city of Ontario)
says nothing of the story's country; one bigger than its namesakes (Cajamarca, Peru) still does.
Sentences written for these tests; rows are (sentence, surface, expected country, expected kind)."""
from __future__ import annotations

import pytest

ROWS = [
    # The story is set in Ohio; Hamilton's Bermuda parish no longer casts a third country's
    # vote, so the dateline town is Lebanon, Ohio, not the country.
    ("LEBANON (AP) — An Ohio man was arrested on Friday, Warren County deputies said. A judge in "
     "Hamilton set bail, and Ohio prosecutors said the trial starts next week.", "LEBANON", "US", "city"),
    # A province of Peru keeps the story in Peru: San Juan and Magdalena are its villages.
    ("Flooding in Cajamarca closed the road to San Juan and Magdalena on Monday.", "San Juan", "PE", "city"),
    ("Flooding in Cajamarca closed the road to San Juan and Magdalena on Monday.", "Magdalena", "PE", "city"),
]


@pytest.mark.parametrize("sentence, surface, country, kind", ROWS)
def test_a_small_province_does_not_set_the_story_country(mentions_of, sentence, surface, country, kind):
    for mention in mentions_of(sentence, surface):
        assert (mention.place.country_code, mention.place.kind) == (country, kind), (surface, mention.place)
