"""Schools, colleges and hospitals named after a person (issue 10, GeoVirus round): an
institution the text places in another town ("Hamilton Elementary in Fresno") is named after a
person, and its name said alone later ("near Hamilton") is the institution's, not a town; a
country's or a division's name before such an institution stays a place, and so does a town
whose school the text does not place elsewhere. Sentences written for these tests."""
from __future__ import annotations

import pytest

CASES = [
    ("Five boys at Hamilton Elementary in Fresno fell ill. Parents near Hamilton were worried, "
     "and a teacher at Hamilton spoke.", "Hamilton", False),
    ("Five boys at Hamilton Elementary in Fresno fell ill.", "Fresno", True),
    ("Nurses at Whitman Memorial Hospital in Tacoma went on strike. Whitman staff joined them.",
     "Whitman", False),
    ("Students at Gainesville High School walked out. Gainesville police closed the road.",
     "Gainesville", True),
    ("Students from Ohio State University in Columbus travelled to Ohio.", "Ohio", True),
]


@pytest.mark.parametrize("sentence, surface, is_place", CASES)
def test_named_institutions(places, sentence, surface, is_place):
    found = [text for text, _, _ in places(sentence, "en")]
    assert (surface in found) == is_place, found
