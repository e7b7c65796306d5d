"""A former or alternate name is the place that bears it today (issue 10, resolution): a town
whose own name it is beats a big city GeoNames merely knows by it, unless the story says
otherwise; "St." reads as "Saint" and a shortened own name ("New York") is still the city's own.
Sentences written for these tests."""
from __future__ import annotations

import pytest

from extract.places import find_places

# (sentence, surface, expected place name, country)
FORMER_NAMES = [
    # The town named Madras today, not the city once called so.
    ("The Madras school board met on Monday to approve the budget.", "Madras", "Madras", "US"),
    ("Police in Madras said the highway was closed after a crash on Monday.", "Madras", "Madras", "US"),
    # The story's country says the old name means the big city.
    ("Monsoon rains flooded streets in Madras, India, on Monday.", "Madras", "Chennai", "IN"),
    ("Trade fairs in Canton drew buyers from across China and Hong Kong.", "Canton", "Guangzhou", "CN"),
    # No town bears the name today: the city it was.
    ("Flights from Bombay were delayed on Monday.", "Bombay", "Mumbai", "IN"),
    # "St." is "Saint", and "New York" is New York City's own name, shortened.
    ("Tourists in St. Petersburg visited the Hermitage before flying to Moscow.", "St. Petersburg",
     "Saint Petersburg", "RU"),
    ("The mayor of New York spoke on Monday.", "New York", "New York City", "US"),
]


@pytest.mark.parametrize("sentence,surface,name,country", FORMER_NAMES)
def test_former_names(sentence, surface, name, country):
    found = {p.text: p.place for p in find_places(sentence)}
    assert surface in found, found
    assert found[surface].name == name
    assert found[surface].country_code == country
