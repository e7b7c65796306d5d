"""Local news names the towns of its own area without a state or a trigger word; these tables
check the English recognition features that read such a story (evidence.features: `dateline`,
`resident`, `story_division`, `rare_word`; against them `speaker` and `frequent_word`) and the
institutions a place leads (`jurisdiction`). Sentences written for these tests."""
from __future__ import annotations

import pytest

from extract.places.evidence import features
from extract.places.recognize import candidates
from extract.records import Document

# A dateline names the place a story was filed from.
DATELINES = [
    ("PIKEVILLE — The county fiscal court approved a new budget on Monday.", "PIKEVILLE"),
    ("KEARNEY, Neb. (AP) — Two trucks collided on the interstate early Sunday.", "KEARNEY"),
    ("STATESBORO — Students returned to class a week late after the storm.", "STATESBORO"),
    ("Ellensburg — The rodeo drew a record crowd this year.", "Ellensburg"),
]

# A town's people, area or services after its name: "a Pikeville man", "Carthage residents".
RESIDENTS = [
    ("A Bluefield woman was charged with theft on Tuesday.", "Bluefield"),
    ("Several Tahlequah residents asked for a traffic light.", "Tahlequah"),
    ("The Ocala area saw its first frost of the year.", "Ocala"),
    ("Two Kokomo teenagers were hurt in the crash.", "Kokomo"),
    ("A Waycross-based trucking company will hire 50 drivers.", "Waycross"),
]

# A town the story's other places share a division with, named alone.
STORY_GEOGRAPHY = [
    ("Storms knocked out power in Hattiesburg, Mississippi, and in nearby Laurel and Petal. "
     "Crews said Purvis would wait until Friday.", "Purvis", "US"),
    ("Voters in Johnson City, Tennessee, and in Elizabethton approved the school tax. "
     "Kingsport rejected it.", "Kingsport", "US"),
]

# A word too rare to be a common word, named alone, is mostly the town.
RARE_NAMES = [
    ("Wapakoneta will close its pool early this summer.", "Wapakoneta"),
    ("Snow closed schools across Ishpeming on Monday.", "Ishpeming"),
]

# A single word next to a verb of saying is a person; a common word is mostly the word.
NOT_PLACES = [
    "Officer Ray Nolan stopped the car. Nolan said the driver was calm.",
    "The council met on Monday. Said Garland: \"We need more money.\"",
    "Well, the season is over now.",
    "Early voting begins on Monday, officials said. Early results are expected by nine.",
]

# A place that leads an institution's name is a place of the story.
INSTITUTIONS = [
    ("The Valdosta City Council approved the budget.", "Valdosta"),
    ("Students at Tupelo High School raised money for the shelter.", "Tupelo"),
    ("Dothan Mayor Carl Reeves signed the order.", "Dothan"),
    ("The Owensboro Public Library will open on Sundays.", "Owensboro"),
    ("Deputies from the Tangipahoa Parish Sheriff’s Office searched the woods.", "Tangipahoa Parish"),
    ("Paducah City Manager Ann Royce resigned on Friday.", "Paducah"),
    ("The Sebring Public Works director said the road will reopen.", "Sebring"),
    ("She was taken to Ardmore Regional Hospital.", "Ardmore"),
]

# A word an organisation's name ends with is no surname where the text also writes it after
# "in" or "near": "Proudly Kalispell" is a campaign, "in Kalispell" a town.
NOT_SURNAMES = [
    ("The Proudly Kalispell fair opened on Friday. Shops in Kalispell stayed open late. "
     "Kalispell will host the fair again next year.", "Kalispell", 2),
    ("Volunteers of Generation Bozeman cleaned the park. The park near Bozeman reopened.",
     "Bozeman", 1),
]


@pytest.mark.parametrize("text,span", DATELINES)
def test_a_dateline_names_a_place(places, text, span):
    assert span in [surface for surface, _, _ in places(text, "en")]


@pytest.mark.parametrize("text,span", DATELINES)
def test_the_dateline_feature_is_set(gazetteer, text, span):
    judged = [c for c in candidates(Document(text, "en"), False, gazetteer) if c.text == span]
    assert judged and features(judged[0].signals, "en")["dateline"] == 1.0


@pytest.mark.parametrize("text,span", RESIDENTS)
def test_a_town_with_its_residents_is_a_place(places, text, span):
    assert span in [surface for surface, _, _ in places(text, "en")]


@pytest.mark.parametrize("text,span,country", STORY_GEOGRAPHY)
def test_the_storys_geography_supports_a_bare_town(places, text, span, country):
    assert (span, country) in [(surface, cc) for surface, cc, _ in places(text, "en")]


@pytest.mark.parametrize("text,span", RARE_NAMES)
def test_a_rare_word_named_alone_is_a_town(places, text, span):
    assert span in [surface for surface, _, _ in places(text, "en")]


@pytest.mark.parametrize("text", NOT_PLACES)
def test_speakers_and_common_words_are_not_places(places, text):
    assert places(text, "en") == []


@pytest.mark.parametrize("text,span", INSTITUTIONS)
def test_a_place_leading_an_institution_is_a_place(places, text, span):
    assert span in [surface for surface, _, _ in places(text, "en")]


@pytest.mark.parametrize("text,span,mentions", NOT_SURNAMES)
def test_a_word_after_in_is_no_surname(places, text, span, mentions):
    assert [surface for surface, _, _ in places(text, "en")].count(span) == mentions


# A descriptor that the gazetteer also lists ("Northeast" is North-East, South Africa) describes
# the name after it and does not swallow it.
DESCRIBED = [
    ("Most teachers in Northeast Georgia were paid less.", "Georgia"),
    ("Buses in Metro Nashville ran late.", "Nashville"),
    ("Rain fell across Northwest Arkansas overnight.", "Arkansas"),
]


@pytest.mark.parametrize("text,span", DESCRIBED)
def test_a_descriptor_does_not_swallow_the_name_after_it(places, text, span):
    assert span in [surface for surface, _, _ in places(text, "en")]


# A single word followed by an age is a person, even where the story's division has a town of
# that name (Buford, Georgia).
PEOPLE_WITH_AGES = [
    ("Deputies in Macon, Georgia, and in nearby Warner Robins arrested a man on Friday. "
     "Buford, 42, was charged with theft.", "Buford"),
]


@pytest.mark.parametrize("text,word", PEOPLE_WITH_AGES)
def test_a_word_with_an_age_is_a_person(places, text, word):
    assert word not in [surface for surface, _, _ in places(text, "en")]


# A town and the division after it, where the division's name is also a country's: the sense
# in whose country the town has a namesake (Georgia, US for Tifton; Georgia the country for Batumi).
TOWN_AND_DIVISION = [
    ("Floods hit Tifton, Georgia.", "Tifton", "US"),
    ("Floods hit Macon in Georgia.", "Macon", "US"),
    ("Protesters gathered in Batumi, Georgia.", "Batumi", "GE"),
]


@pytest.mark.parametrize("text,span,country", TOWN_AND_DIVISION)
def test_a_town_keeps_the_division_after_it(places, text, span, country):
    assert (span, country) in [(surface, cc) for surface, cc, _ in places(text, "en")]
