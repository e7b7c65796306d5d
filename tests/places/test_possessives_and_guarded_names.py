"""Two English recognition classes (issue 10, GeoVirus round): a place named as the owner of what
follows ("Rome's Gemelli hospital", "Georgia's Parliament") is a place, though a capitalised name
follows it, while a person's or a saint's possessive ("Miller's Hardware", "St. Mary's School")
is not, and a preposition before it vouches for the thing owned, not the name; a guarded name
(Victoria, Midlands: more often a first name or a plain word) is a place only where a trigger,
a country or division after it, a list or a preposition says so. Sentences written for these
tests."""
from __future__ import annotations

import pytest

CASES = [
    # A place's possessive before a capitalised name: the place.
    ("Tourists queued outside Madrid's Prado museum on Sunday.", "Madrid", True),
    ("Lawmakers in Oklahoma's Senate passed the bill.", "Oklahoma", True),
    ("The art left Berlin's Pergamon Museum in crates.", "Berlin", True),
    ("Farmers crowded into Ohio's Statehouse to protest.", "Ohio", True),
    # A person's business or a saint's church: no place, a preposition before it notwithstanding.
    ("Workers at Miller's Hardware in the town closed early.", "Miller", False),
    ("Children sang at St. Mary's Catholic School on Friday.", "St. Mary", False),
    # Guarded names: a trigger, a preposition, a list with an accepted place, a trigger after it.
    ("Bushfires spread across the state of Victoria on Tuesday.", "Victoria", True),
    ("Travellers were told not to fly to Victoria this week.", "Victoria", True),
    ("Floods hit Melbourne and Victoria after heavy rain.", "Victoria", True),
    ("The Midlands region reported new cases.", "Midlands", True),
    # ... and none of these: a person, an organisation, a speaker, a hotel.
    ("Victoria Hughes, a nurse, said the ward was full.", "Victoria", False),
    ("Racing Victoria cancelled the meeting.", "Victoria", False),
    ("Victoria said the ward was full.", "Victoria", False),
    ("The Midlands Hotel reopened its bar.", "Midlands", False),
]


@pytest.mark.parametrize("sentence, surface, is_place", CASES)
def test_possessives_and_guarded_names(places, sentence, surface, is_place):
    found = [text for text, _, _ in places(sentence, "en")]
    assert (surface in found) == is_place, found
