"""English toponym recognition: capitalised spans, the same gazetteer, demonyms are not places.
Sentences written for these tests."""
from __future__ import annotations

import pytest

FOUND = [
    ("The talks took place in Geneva, Switzerland, on Monday.",
     [("Geneva", "CH", "city"), ("Switzerland", "CH", "country")]),
    ("Flights from Cairo to Amman resumed after a week.", [("Cairo", "EG", "city"), ("Amman", "JO", "city")]),
    ("A storm hit the Gaza Strip and the West Bank overnight.",
     [("Gaza Strip", "PS", "region"), ("West Bank", "PS", "region")]),
    ("Tankers queued to cross the Strait of Hormuz.", [("Strait of Hormuz", "IR", "site")]),
    ("Kim met Putin at the Vostochny Cosmodrome last year.", [("Vostochny Cosmodrome", "RU", "site")]),
    ("Heavy rain flooded parts of Texas and Oklahoma.", [("Texas", "US", "admin"), ("Oklahoma", "US", "admin")]),
    ("Moscow said the drills would continue.", [("Moscow", "RU", "city")]),
    ("The ship sailed from the port of Odesa to Istanbul.", [("Odesa", "UA", "city"), ("Istanbul", "TR", "city")]),
    ("Lebanon's health ministry said rockets hit southern Lebanon.",
     [("Lebanon", "LB", "country"), ("Lebanon", "LB", "country")]),          # a country, not Lebanon, PA
    ("Washington and London imposed new sanctions.", [("Washington", "US", "city"), ("London", "GB", "city")]),
    ("Britain and the UAE sent rescue teams.", [("Britain", "GB", "country"), ("UAE", "AE", "country")]),
    ("The storm made landfall near Tampa, Florida, before moving north to Georgia.",
     [("Tampa", "US", "city"), ("Florida", "US", "admin"), ("Georgia", "US", "admin")]),
    ("Russia and Georgia fought a war in 2008.", [("Russia", "RU", "country"), ("Georgia", "GE", "country")]),
    ("The U.S. Treasury imposed sanctions on Iran's Revolutionary Guards.",
     [("U.S.", "US", "country"), ("Iran", "IR", "country")]),
    ("Officials in Nice said the tram would reopen.", [("Nice", "FR", "city")]),
    ("Troops moved towards Bakhmut and Avdiivka.", [("Bakhmut", "UA", "city"), ("Avdiivka", "UA", "city")]),
]


@pytest.mark.parametrize("sentence, expected", FOUND)
def test_finds_places(places, sentence, expected):
    assert places(sentence, "en") == expected


NOTHING = [
    "Russian troops entered the village at dawn.",
    "North Korean hackers stole millions, officials said.",
    "The Russian-flagged vessel Angara left on Tuesday.",      # a ship named like Ankara
    "President Biden spoke to reporters on Friday.",
    "Satellite images show containers on the quay.",
    "Orlando Bloom and Chelsea Clinton attended the gala.",       # first names that are towns
    "The Boston Globe reported the story first.",
    "Nice work by the team, he said.",                            # sentence-initial common words
    "Mobile phones were banned in schools.",
    "Wall Street fell as the Dow dropped.",
    "Jordan Smith, 23, was charged on Friday.",                   # a first name that is a country
]


@pytest.mark.parametrize("sentence", NOTHING)
def test_finds_no_place_in_demonyms_and_names(places, sentence):
    assert places(sentence, "en") == []


# General rules added with the first-level divisions (sentences written for these tests).
FOUND_BY_GENERAL_RULES = [
    ("Heavy rain hit Minas Gerais on Monday.", [("Minas Gerais", "BR", "admin")]),      # a big province
    ("Floods swept Rio Grande do Sul.", [("Rio Grande do Sul", "BR", "admin")]),        # connector "do"
    ("They met in Sharm el-Sheikh last year.", [("Sharm el-Sheikh", "EG", "city")]),    # hyphen particle
    ("Fighting near Mazar-i-Sharif continued.", [("Mazar-i-Sharif", "AF", "city")]),
    ("The UK and US agreed a deal.", [("UK", "GB", "country"), ("US", "US", "country")]),
    ("Edinburgh will host the next meeting.", [("Edinburgh", "GB", "city")]),            # fame
    ("Shelling hit the city of Kherson, Nikopol and Marhanets.",                          # a list
     [("Kherson", "UA", "city"), ("Nikopol", "UA", "city"), ("Marhanets", "UA", "city")]),
    # a small town in the first-level division the story names
    ("Storms hit Georgia on Monday. Tifton, south of Macon, lost power.",
     [("Georgia", "US", "admin"), ("Tifton", "US", "city"), ("Macon", "US", "city")]),
    # one sense per discourse: the later "from … to" accepts the first mention
    ("Paducah recorded 3 inches of rain. Crews moved from Louisville to Paducah.",
     [("Paducah", "US", "city"), ("Louisville", "US", "city"), ("Paducah", "US", "city")]),
    ("Inspectors visited the Zaporizhzhia nuclear plant.", [("Zaporizhzhia", "UA", "site")]),
    ("The governor of Maharashtra spoke in Mumbai.", [("Maharashtra", "IN", "admin"), ("Mumbai", "IN", "city")]),
]


@pytest.mark.parametrize("sentence, expected", FOUND_BY_GENERAL_RULES)
def test_finds_places_by_general_rules(places, sentence, expected):
    assert places(sentence, "en") == expected


@pytest.mark.parametrize("sentence", [
    "EU and UN officials met on Tuesday.",              # acronyms are not towns (Un, India)
    "The European Court of Justice ruled on Friday.",   # inside an organisation's name
    "Justice was served, said the President.",
])
def test_general_rules_find_no_place(places, sentence):
    assert places(sentence, "en") == []
