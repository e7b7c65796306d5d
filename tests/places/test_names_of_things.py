"""Names that hold a place name without naming the place, and short or regional spellings of
places (issue 10/11, third round): a port's authority named after its state, a flag, a
two-letter city after a preposition, Maghrebi ك for /g/. Sentences written for these tests."""
from __future__ import annotations

import pytest

CASES = [
    # A place that leads an institution stays a place, as does one standing alone.
    ("en", "The Kentucky State Police closed the road.", [("Kentucky", "US", "admin")]),
    ("en", "Dockworkers in Canada joined the strike.", [("Canada", "CA", "country")]),
    # A capitalised "Port of" a state or a country is the port's authority, not the state;
    # the port of a town is the town.
    ("en", "The Port of Louisiana stopped taking cargo.", []),
    ("en", "The Port of Houston closed its gates.", [("Houston", "US", "city")]),
    ("en", "Ships left the Port of Tartus in Syria.", [("Tartus", "SY", "city"), ("Syria", "SY", "country")]),
    ("en", "Trucks queued at the port of Mombasa in Kenya.", [("Mombasa", "KE", "city"), ("Kenya", "KE", "country")]),
    # A flag names a country (ترفع علم): a spelling the gazetteer only knows loosely is accepted.
    ("ar", "غرقت ناقلة ترفع علم بنما قرب السواحل.", [("بنما", "PA", "country")]),
    ("ar", "وكانت الناقلة، التي ترفع علم ليبيريا، راسية في ميناء صلالة.",
     [("ليبيريا", "LR", "country"), ("صلالة", "OM", "city")]),
    ("ar", "رفع المتظاهرون العلم فوق المبنى.", []),
    # A two-letter name after a preposition: a big city of a country the story names ...
    ("ar", "وانطلقت القافلة من قم نحو أصفهان في إيران.",
     [("قم", "IR", "city"), ("أصفهان", "IR", "city"), ("إيران", "IR", "country")]),
    # ... and nothing in a story about another country, nor after a word that is no preposition.
    ("ar", "وصل الوفد إلى قم في العراق.", [("العراق", "IQ", "country")]),
    ("ar", "قال له قم وامش.", []),
    # Maghrebi spellings write the /g/ of a name with ك (أكدز = Agdz), after a trigger.
    ("ar", "وصلت المساعدات إلى بلدة أكدز في المغرب.", [("أكدز", "MA", "city"), ("المغرب", "MA", "country")]),
    ("ar", "غمرت السيول بلدة كلميمة في المغرب.", [("كلميمة", "MA", "city"), ("المغرب", "MA", "country")]),
    # ك still reads k where the name has a k.
    ("ar", "وصل الوفد إلى مدينة كركوك في العراق.", [("كركوك", "IQ", "city"), ("العراق", "IQ", "country")]),
]


@pytest.mark.parametrize("lang, sentence, expected", CASES)
def test_names_of_things_and_short_spellings(places, lang, sentence, expected):
    assert places(sentence, lang) == expected
