"""Senses chosen by the story's geography (issue 10, item 3), one table per failure class:
same-name places read jointly in one division, a list of divisions read as divisions, and
stories elsewhere that must keep the famous sense. Sentences written for these tests; rows are
(sentence, surface, country, state code or None) — the state of the place the surface must
resolve to (None: any place of that country)."""
from __future__ import annotations

import pytest

# Same name, other place: the story's other names, read jointly, place an ambiguous town in
# the division they share — a county that several states have, a town of the same county.
COMPACT_SENSES = [
    ("The Florence council met on Monday. Lauderdale County deputies and Sheffield police said "
     "the bridge would close.", "Sheffield", "US", "AL"),
    ("The Athens council met Tuesday. Henderson County commissioners in Athens approved the "
     "budget.", "Athens", "US", "TX"),
    ("Berlin police said the suspect was seen in Coos County near Gorham.", "Berlin", "US", "NH"),
    ("The Rome school board met. Floyd County commissioners said Cave Spring would get a new "
     "road.", "Rome", "US", "GA"),
]

# A story that names its state keeps its names there: a group of names that several other
# states also share is not read in a state the story never names.
NAMED_DIVISIONS = [
    ("Kentucky officials said Madison County, Jefferson County and Montgomery County would get "
     "new roads.", "Madison County", "US", "KY"),
    ("In Nebraska, Lancaster County and Madison County reported new cases.", "Lancaster County",
     "US", "NE"),
]

# Stories set elsewhere keep the famous sense: two or three small namesakes near each other do
# not outweigh capitals and big cities.
FAMOUS_SENSES = [
    ("Talks in Paris and London ended without a deal, officials said.", "Paris", "FR", None),
    ("Talks in Paris and London ended without a deal, officials said.", "London", "GB", None),
    ("Crews in Dublin and Rome repaired the roads.", "Dublin", "IE", None),
    ("Ministers from Cairo and Alexandria met in Athens.", "Alexandria", "EG", None),
    ("Ministers from Cairo and Alexandria met in Athens.", "Athens", "GR", None),
    ("The senator flew from Washington to Paris, Texas.", "Paris", "US", "TX"),
]

# A list of first-level divisions is a list of divisions, not a town followed by its state
# ("Georgia, Oklahoma" is not a town called Georgia in Oklahoma).
DIVISION_LISTS = [
    ("Voters in Georgia, Oklahoma, Pennsylvania and Wisconsin went to the polls.", "Georgia", "US", "GA"),
    ("Voters in Georgia, Oklahoma, Pennsylvania and Wisconsin went to the polls.", "Oklahoma", "US", "OK"),
    ("Storms hit Washington, Oregon and Idaho overnight.", "Washington", "US", "WA"),
    ("Snow fell in Minnesota, Iowa and Nebraska.", "Iowa", "US", "IA"),
]


@pytest.mark.parametrize("sentence, surface, country, state",
                         COMPACT_SENSES + NAMED_DIVISIONS + FAMOUS_SENSES + DIVISION_LISTS)
def test_story_geography_chooses_the_sense(mentions_of, admin1_of, sentence, surface, country, state):
    for mention in mentions_of(sentence, surface):
        assert mention.place.country_code == country, (surface, mention.place)
        if state is not None:
            assert admin1_of(mention.place) == state, (surface, mention.place)


@pytest.mark.parametrize("sentence, surface", [(s, t) for s, t, _, _ in DIVISION_LISTS])
def test_a_list_of_divisions_is_read_as_divisions(mentions_of, sentence, surface):
    assert all(m.place.kind == "admin" for m in mentions_of(sentence, surface))


# A trigger word chooses the feature class: "the X river", "the island of X", "X county" (the
# county of that name), and a demonym before "port of" chooses the country.
TRIGGER_CLASSES = [
    ("Smugglers crossed the Jordan river at night.", "Jordan", "Jordan River", "region"),
    ("Jordan said the talks would resume.", "Jordan", "Jordan", "country"),
    ("Water levels on the Columbia river rose.", "Columbia", "Columbia River", "region"),
    ("Fishing boats on the Volga river were idle.", "Volga", "Volga", "region"),
    ("A boat capsized off the island of Crete.", "Crete", "Crete", "region"),
    ("Ferries from the island of Sicily were cancelled.", "Sicily", "Sicily", "region"),
    ("Police in Anderson county said the road was closed.", "Anderson", "Anderson County", "admin"),
    ("Tornadoes hit Franklin and Marion counties on Sunday.", "Marion", "Marion County", "admin"),
]

DEMONYM_PORTS = [
    ("Troops shelled the Lebanese port of Tripoli on Monday.", "Tripoli", "LB"),
    ("The ship docked at the port of Tripoli in Libya.", "Tripoli", "LY"),
    ("The Turkish port of Iskenderun was damaged.", "Iskenderun", "TR"),
]


@pytest.mark.parametrize("sentence, surface, name, kind", TRIGGER_CLASSES)
def test_a_trigger_chooses_the_feature_class(mentions_of, sentence, surface, name, kind):
    for mention in mentions_of(sentence, surface):
        assert (mention.place.name, mention.place.kind) == (name, kind)


@pytest.mark.parametrize("sentence, surface, country", DEMONYM_PORTS)
def test_a_demonym_before_the_trigger_chooses_the_country(mentions_of, sentence, surface, country):
    assert all(m.place.country_code == country for m in mentions_of(sentence, surface))
