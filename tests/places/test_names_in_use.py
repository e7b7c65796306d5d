"""English names used for something other than the place where they stand, and places named
inside longer names (issue 10, fourth round): a disease or a strain named after a place, a
currency, a numbered common noun ("Section 2AA"), a surname after a middle initial, a title
("Sen."); a state's governor, university or National Guard, a legislator's home town
("D-Charleston"), a county's institutions ("Walker County Fairgrounds"), a place inside an
organisation's name in a story that names it alone. Sentences written for these tests."""
from __future__ import annotations

import pytest

CASES = [
    # A disease or a strain named after a place is no mention of the place ...
    ("Three more cases of West Nile virus were reported in Ohio.", [("Ohio", "US", "admin")]),
    ("Doctors fear the Marburg fever could spread.", []),
    ("The Hong Kong flu killed thousands in 1968.", []),
    ("Health officers said a strain similar to A/California/7/2009 was found.", []),
    # ... but the same place named before other words is one.
    ("The virus was found in Hong Kong last week.", [("Hong Kong", "HK", "country")]),
    ("Officials in Marburg, Germany, closed two schools.", [("Marburg", "DE", "city"), ("Germany", "DE", "country")]),
    # A common noun with a number is no town of that name; a rare one is a town.
    ("The Panthers won the Section 2AA title again.", []),
    ("There is no outbreak in Region 8, the doctor said.", []),
    ("The storm hit Section, Alabama, overnight.", [("Section", "US", "city"), ("Alabama", "US", "admin")]),
    ("Fort Worth 35, Dallas 20.", [("Fort Worth", "US", "city"), ("Dallas", "US", "city")]),
    # A currency written "$US" is no place; "the US" is.
    ("The crop is worth $US 15 billion a year to farmers in the US.", [("US", "US", "country")]),
    ("The Texas State House passed the bill.", [("Texas", "US", "admin")]),
    # A state or a country that leads its governor, university, guard or airport is a place.
    ("Ohio Gov. Ted Strickland signed the budget on Friday.", [("Ohio", "US", "admin")]),
    ("Queensland Premier Anna Bligh visited the flooded towns.", [("Queensland", "AU", "admin")]),
    ("About 200 Minnesota National Guard troops were sent north.", [("Minnesota", "US", "admin")]),
    ("She studies law at Ohio State University.", [("Ohio", "US", "admin")]),
    ("A member of the Texas Army National Guard was killed.", [("Texas", "US", "admin")]),
    ("Flights left Vancouver International Airport late.", [("Vancouver", "CA", "city")]),
    # A county's or a town's institutions: its fairgrounds, medical examiner, crimestoppers ...
    ("Food abounds at the Walker County Fairgrounds this week.", [("Walker County", "US", "admin")]),
    ("The Tarrant County Medical Examiner identified the teen.", [("Tarrant County", "US", "admin")]),
    ("Walker Smith Fairgrounds opened on Friday.", []),
    # ... but not its businesses.
    ("He bought eggs from Wright County Eggs last year.", []),
    # A surname after a first name and a middle initial is a person's, there and alone later.
    ("Police shot Tyrise M. Bell on Friday. Bell had a gun.", []),
    ("Who killed Matthew D. Flores? Flores' stepfather still asks.", []),
    ("Rep. Joseph F. Wagner said the toll would rise in Boston.", [("Boston", "US", "city")]),
    # A town after a state's abbreviation is still a town.
    ("The fair moved from Durham, N.C. to Raleigh.",
     [("Durham", "US", "city"), ("N.C.", "US", "admin"), ("Raleigh", "US", "city")]),
    # A place inside an organisation's name is the place when the text names it alone too ...
    ("The Dublin Arts Council gave out grants. Painters from Dublin applied.",
     [("Dublin", "IE", "city"), ("Dublin", "IE", "city")]),
    # ... but not when it is not named alone, nor when the longer name is a person's.
    ("The Dublin Arts Council gave out grants.", []),
    ("Yesterday, Chelsea Clinton spoke at the school.", []),
    # A legislator's party and home town: the town (or the state) is named.
    ("The bill was filed by Rep. Wendell Gilliard, D-Charleston, on Monday.",
     [("Charleston", "US", "city")]),
    ("Sen. Bob Ford, R-Ga., voted against it.", [("Ga", "US", "admin")]),
    ("He landed on D-Day in Normandy.", [("Normandy", "FR", "admin")]),
    ("Tony Sertich, DFL-Chisholm, moved the bill.", [("Chisholm", "US", "city")]),
    # An organisation's head or tail before a place the story also names alone.
    ("She studied at the University of Toronto. She lives in Toronto now.",
     [("Toronto", "CA", "city"), ("Toronto", "CA", "city")]),
    ("The Bank of England kept rates unchanged.", []),
    # "d'" inside a name; a division's capitalised noun after its name; "-wide", "-administered".
    ("Cholera reached Guinea, Cote d'Ivoire and Mali.",
     [("Guinea", "GN", "country"), ("Cote d'Ivoire", "CI", "country"), ("Mali", "ML", "country")]),
    ("The outbreak spread in Western Cape Province.", [("Western Cape", "ZA", "admin")]),
    ("An Australia-wide ban on moving horses was lifted.", [("Australia", "AU", "country")]),
    ("A man in Pakistan-administered Kashmir was rescued.",
     [("Pakistan", "PK", "country"), ("Kashmir", "IN", "region")]),
    # Organisations named after a country stay organisations.
    ("Qatar Airways cancelled its flights.", []),
    ("Qatar National Bank raised its rates.", []),
]


@pytest.mark.parametrize("sentence, expected", CASES)
def test_names_in_use(places, sentence, expected):
    assert places(sentence, "en") == expected
