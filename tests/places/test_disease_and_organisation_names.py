"""Names a story gives to a disease or an organisation (issue 10, GeoVirus round): a name the
text writes before a disease word is the disease's at its other mentions too ("West Nile
cases", "a case of imported Marburg"), while a country before a strain word names where the
strain was found ("the Sudan strain"); a country after an organisation's head ("the Peanut
Corporation of America", "the Voice of America") is part of the organisation's name.
Sentences written for these tests."""
from __future__ import annotations

import pytest

CASES = [
    ("The outbreak of West Nile virus spread. West Nile cases rose in Texas.", "Nile", False),
    ("The outbreak of West Nile virus spread. West Nile cases rose in Texas.", "Texas", True),
    ("The Marburg virus killed many. Doctors called it a case of imported Marburg.", "Marburg", False),
    ("Marburg is a university town in Germany.", "Marburg", True),
    ("Unlike the Zaire and Sudan strains, the Reston strain is mild.", "Sudan", True),
    ("The Hong Kong flu spread in 1968.", "Hong Kong", False),
    ("Workers at the Peanut Corporation of America plant fell ill.", "America", False),
    ("He spoke to the Voice of America on Monday.", "America", False),
    ("Farmers across America lost their crops.", "America", True),
]


@pytest.mark.parametrize("sentence, surface, is_place", CASES)
def test_disease_and_organisation_names(places, sentence, surface, is_place):
    found = [text for text, _, _ in places(sentence, "en")]
    assert (surface in found) == is_place, found
