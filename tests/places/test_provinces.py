"""Second-level provinces (extract/data/places_provinces.tsv, scripts/derive_provinces.py): the
news names Morocco's, the Philippines', Italy's and Spain's provinces like first-level divisions
(issue 10: "towns of a Philippine province", "provinces after إقليم … missed"). Sentences written
for these tests; places as (surface, country, kind) in text order."""
from __future__ import annotations

import pytest

from extract.places.gazetteer import PROVINCES, _admin1_rows

CASES = [
    # After إقليم the name is the province, found by its Arabic name with or without the word.
    ("ar", "ضربت الفيضانات إقليم شيشاوة جنوب المغرب.", [("شيشاوة", "MA", "admin"), ("المغرب", "MA", "country")]),
    ("ar", "أعلنت السلطات حالة الطوارئ في إقليم تاونات بالمغرب.",
     [("تاونات", "MA", "admin"), ("المغرب", "MA", "country")]),
    ("ar", "نزح السكان من إقليم زاكورة نحو الرشيدية.", [("زاكورة", "MA", "admin"), ("الرشيدية", "MA", "city")]),
    # English: a province the gazetteer lacked, with or without its division word.
    ("en", "Floods cut roads across Bukidnon province in the southern Philippines.",
     [("Bukidnon", "PH", "admin"), ("Philippines", "PH", "country")]),
    ("en", "The ferry sank off Bohol on Sunday, the Philippine coast guard said.", [("Bohol", "PH", "admin")]),
    ("en", "Rescuers reached villages in Misamis Oriental after the storm.", [("Misamis Oriental", "PH", "admin")]),
    ("en", "Police in the Moroccan province of Azilal arrested two men.", [("Azilal", "MA", "admin")]),
    # A province named after its town is still the town without a province word ...
    ("en", "Police in the city of Azilal arrested two men.", [("Azilal", "MA", "city")]),
    ("en", "Police in the town of Chichaoua arrested two men.", [("Chichaoua", "MA", "city")]),
    ("en", "The mayor of Cebu City said schools would reopen.", [("Cebu City", "PH", "city")]),
    # ... and a town named with its province is found with it.
    ("en", "Residents of Talibon in Bohol were evacuated before the typhoon.",
     [("Talibon", "PH", "city"), ("Bohol", "PH", "admin")]),
    ("en", "Soldiers were deployed to Maramag in Bukidnon after the attack.",
     [("Maramag", "PH", "city"), ("Bukidnon", "PH", "admin")]),
    ("ar", "ضربت الهزة بلدة إيمنتانوت في إقليم شيشاوة.", [("إيمنتانوت", "MA", "city"), ("شيشاوة", "MA", "admin")]),
]


@pytest.mark.parametrize("lang, sentence, expected", CASES)
def test_second_level_provinces(places, lang, sentence, expected):
    assert places(sentence, lang) == expected


def test_the_province_table_gives_every_row_a_centre_and_names():
    rows = list(_admin1_rows(PROVINCES))
    assert len(rows) > 300
    countries = {row["country"] for row in rows}
    assert {"MA", "PH", "IT", "ES"} <= countries
    for row in rows:
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180 and row["name"]
    moroccan = [row for row in rows if row["country"] == "MA"]
    # Arabic names given with the division word are also given without it (إقليم X and X).
    assert sum(any(not name.startswith("إقليم") for name in row["ar"]) for row in moroccan) > 40
