"""Second-level divisions of the world named bare (issue 10, items 1 and 3): a county of England
or a council area of Scotland in a story set there, a same-name town elsewhere only when the
story points there. Sentences written for these tests; rows are (sentence, surface, expected
country, expected kind, expected first-level division or None)."""
from __future__ import annotations

import pytest

COUNTIES = [
    ("Farmers across England braced for floods as the river burst its banks near Norwich, and "
     "police in Norfolk closed several roads.", "Norfolk", "GB", "admin", "ENG"),
    ("Ambulances from Ipswich in England were sent to a crash in Suffolk on Monday.",
     "Suffolk", "GB", "admin", "ENG"),
    ("Britain's health agency said a laboratory in Guildford, Surrey was closed.", "Surrey", "GB", "admin", "ENG"),
    ("Flooding in Scotland closed roads in Fife and Perth on Monday.", "Fife", "GB", "admin", "SCT"),
    # A town named with its county after a comma lies in it.
    ("Britain's health agency said a laboratory in Guildford, Surrey was closed.", "Guildford", "GB", "city", "ENG"),
]

# The same names in a story set elsewhere keep their towns; a bare county of England does not
# make "Sharon, Cornwall" a place in England when England has no Sharon.
TOWNS_STAY = [
    ("The Virginia port authority said ships bound for Norfolk and Richmond were delayed.",
     "Norfolk", "US", "city", "VA"),
    ("Police in British Columbia said the crash on the highway near Surrey and Vancouver closed "
     "two lanes.", "Surrey", "CA", "city", None),
    ("Connecticut school boards in Torrington and Sharon, Cornwall and Litchfield met on Monday.",
     "Sharon", "US", "city", "CT"),
    ("Students in England applied to Oxford and Cambridge this autumn.", "Cambridge", "GB", "city", "ENG"),
]


@pytest.mark.parametrize("sentence, surface, country, kind, admin1", COUNTIES + TOWNS_STAY)
def test_a_bare_county_of_the_world_in_its_story(mentions_of, admin1_of, sentence, surface, country, kind, admin1):
    for mention in mentions_of(sentence, surface):
        assert (mention.place.country_code, mention.place.kind) == (country, kind), (surface, mention.place)
        if admin1 is not None:
            assert admin1_of(mention.place) == admin1, (surface, mention.place)


def test_the_table_names_counties_by_their_core(gazetteer):
    """"Wirral" is the division GeoNames calls "Metropolitan Borough of Wirral"; a division named
    after its seat (Sheffield) or after a sizeable town of its region (Regierungsbezirk Münster)
    is left to the town; a core that is a common word or a country's name is no name alone
    ("East District", "Province du Luxembourg")."""
    wirral = [e for e in gazetteer.lookup("Metropolitan Borough of Wirral") if e.feature == "admin2"]
    assert [e.place.name for e in wirral] == ["Wirral"]
    assert any(e.feature == "admin2" for e in gazetteer.lookup("Wirral"))
    assert not any(e.feature == "admin2" for e in gazetteer.lookup("Sheffield"))
    assert not any(e.feature == "admin2" for e in gazetteer.lookup("Münster"))
    assert not any(e.feature == "admin2" for e in gazetteer.lookup("East"))
    assert not any(e.feature == "admin2" for e in gazetteer.lookup("Luxembourg"))
    assert any(e.feature == "admin2" for e in gazetteer.lookup("East District"))
