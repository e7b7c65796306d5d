"""The name shown for a first-level division is its English core name when GeoNames' own name
is a transliteration or the local language's (Bayern, Nei Mongol Zizhiqu, Al Iskandariyah):
rows are (a name news writes, the division's country, the name shown)."""
from __future__ import annotations

import pytest

SHOWN_NAMES = [
    ("Bavaria", "DE", "Bavaria"),
    ("Bayern", "DE", "Bavaria"),
    ("Lower Saxony", "DE", "Lower Saxony"),
    ("Inner Mongolia", "CN", "Inner Mongolia"),
    ("Chechnya", "RU", "Chechnya"),
    ("Latakia", "SY", "Latakia"),
    ("Odeska oblast", "UA", "Odesa"),
]


@pytest.mark.parametrize("written, country, shown", SHOWN_NAMES)
def test_a_division_is_shown_by_its_english_name(gazetteer, written, country, shown):
    divisions = [e for e in gazetteer.lookup(written)
                 if e.place.kind == "admin" and e.place.country_code == country]
    assert divisions, written
    assert divisions[0].place.name == shown
