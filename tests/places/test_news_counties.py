"""Failure classes of English local news (issue 10), one table each: US counties, abbreviated
saints' and forts' names, currencies and abbreviations taken for places, surnames said after a
title. Sentences written for these tests; rows are (sentence, expected (surface, country, kind))
or (sentence, expected surface, state code, lat, lon)."""
from __future__ import annotations

import pytest

from extract.places import find_places
from extract.geometry import haversine_km

# "X County", "X Co.", "X Parish" (extract/data/places_us_counties.tsv): a division of the US.
COUNTIES = [
    ("Deputies in Laurel County searched the woods on Monday.", [("Laurel County", "US", "admin")]),
    ("A Walker Co. deputy stopped the truck.", [("Walker Co", "US", "admin")]),
    ("Floods closed roads across Ascension Parish.", [("Ascension Parish", "US", "admin")]),
    ("The Butte County fire grew overnight.", [("Butte County", "US", "admin")]),
    ("Voters in Moore County and Lee County approved the tax.",
     [("Moore County", "US", "admin"), ("Lee County", "US", "admin")]),
    ("Schools in Sharkey County, Miss., reopened.",
     [("Sharkey County", "US", "admin"), ("Miss", "US", "admin")]),
    ("The county commission met on Tuesday.", []),                 # no county named
]

# A county names its state; its towns are read there, and a county in many states is placed by
# the state the story names.
COUNTY_SENSES = [
    ("Police in Laurel County said a man from London was arrested.", "London", "KY", 37.13, -84.08),
    ("Henry County schools closed, officials in Kentucky said.", "Henry County", "KY", 38.39, -85.18),
    ("Graves County officials said Mayfield would rebuild.", "Graves County", "KY", 36.74, -88.64),
    ("Officials in Whitfield County said a man from Dalton was hurt.", "Dalton", "GA", 34.77, -84.97),
    ("Storms hit Lamar County, Texas, on Monday.", "Lamar County", "TX", 33.67, -95.57),
]

# Saints' and forts' names written with an abbreviation (St., Ft., Mt.).
ABBREVIATED_NAMES = [
    ("Flights to St. Petersburg resumed.", [("St. Petersburg", "RU", "city")]),
    ("The Cardinals play in St. Louis tonight.", [("St. Louis", "US", "city")]),
    ("Traffic slowed on the way to Ft. Worth.", [("Ft. Worth", "US", "city")]),
    ("Rain fell on Mt. Vernon, Ohio, all day.", [("Mt. Vernon", "US", "city"), ("Ohio", "US", "admin")]),
]

# Abbreviations and currencies are not places.
NOT_PLACES = [
    "Prices rose 3 percent to US$ 40 billion.",
    "Sales reached HK$ 2 billion last year.",
    "He lives on Main St. in the old town.",
    "St. is short for street or saint.",
    "The firm, Acme Co., hired 40 workers.",
]

# A surname said alone after the full name with its title: not a place, even after a preposition.
SURNAMES_AFTER_TITLES = [
    "Coach Mike Chandler was fired. Players who trained under Chandler were upset.",
    "Detective Laura Preston testified. Under questioning by Preston, he admitted it.",
    "Councilwoman Jean Marshall of the board spoke. A letter to Marshall asked for help.",
    "State Sen. Ruth Hamilton spoke. Parents questioned Hamilton about class sizes.",
]


def _mentions(text):
    return [(m.text, m.place.country_code, m.place.kind) for m in find_places(text, "en")]


@pytest.mark.parametrize("sentence, expected", COUNTIES)
def test_counties_are_divisions(gazetteer, sentence, expected):
    assert [(t, c, k) for t, c, k in _mentions(sentence)] == expected


@pytest.mark.parametrize("sentence, surface, state, lat, lon", COUNTY_SENSES)
def test_counties_place_the_story(gazetteer, sentence, surface, state, lat, lon):
    mention = next(m for m in find_places(sentence, "en") if m.text == surface)
    assert mention.place.country_code == "US"
    assert haversine_km((mention.place.lat, mention.place.lon), (lat, lon)) < 80


@pytest.mark.parametrize("sentence, expected", ABBREVIATED_NAMES)
def test_abbreviated_names(gazetteer, sentence, expected):
    assert _mentions(sentence) == expected


@pytest.mark.parametrize("sentence", NOT_PLACES)
def test_abbreviations_and_currencies_are_not_places(gazetteer, sentence):
    assert _mentions(sentence) == []


@pytest.mark.parametrize("sentence", SURNAMES_AFTER_TITLES)
def test_surnames_after_titles(gazetteer, sentence):
    assert _mentions(sentence) == []
