"""Two English recognition classes (issue 10, GeoVirus round): a nationality adjective that is
also a place's name (Somali, Welsh) is the people's before a noun ("Somali refugees") and the
place only after a trigger, before a division's noun ("the Somali region") or before its
division ("Welsh, Louisiana"); a place before a facility noun ("the Darwin hospital", "the
Porton laboratory", "the Grasberg mine") or a plural division noun ("Kassala and Gedaref
provinces") is announced by it. Sentences written for these tests."""
from __future__ import annotations

import pytest

CASES = [
    ("Floods threaten the mostly Somali refugees in camps in Kenya.", "Somali", False),
    ("Rains flooded the Somali region of Ethiopia.", "Somali", True),
    ("Police in Welsh, Louisiana, arrested a man.", "Welsh", True),
    ("Welsh farmers protested in Cardiff.", "Welsh", False),
    ("Thai and Cambodian troops clashed at the border.", "Thai", False),
    ("Nurses at the Darwin hospital treated the crew.", "Darwin", True),
    ("Samples went to the Porton laboratory for tests.", "Porton", True),
    ("Workers blocked the road to the Grasberg mine.", "Grasberg", True),
    ("Floods hit the Kassala and Gedaref provinces.", "Gedaref", True),
]


@pytest.mark.parametrize("sentence, surface, is_place", CASES)
def test_nationality_and_facility_words(places, sentence, surface, is_place):
    found = [text for text, _, _ in places(sentence, "en")]
    assert (surface in found) == is_place, found
