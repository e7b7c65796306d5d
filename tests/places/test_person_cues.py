"""People's names the text marks as such (issue 10, GeoVirus round): a surname in apposition to
a role ("the bank's spokesman, Whitby"), a name given as one ("his family name of Ling", "a
man surnamed Ling") is a person's at every mention; and an article folded into the next word
is no name ("A New Jersey woman" is not Anew); a run opened by an acronym or a number
("ABC Australia", "Four Guerrero state police") gives no surname, nor is a country's name one. Sentences written for these tests."""
from __future__ import annotations

import pytest

CASES = [
    # A surname in apposition to a role, said alone later.
    ('"Prices will fall," said the bank\'s spokesman, Whitby. "Not soon," Whitby added.', "Whitby", False),
    ("The driver, a company spokeswoman, Selby, said the road was closed. Selby said more later.",
     "Selby", False),
    # A name given as one.
    ("The woman, known only by her family name of Ling, is in hospital. Ling was treated for burns.",
     "Ling", False),
    # The town itself, and a comma after an adverbial phrase, stay places.
    ("In the north, Whitby is quiet.", "Whitby", True),
    ("In general, Texas has more cases.", "Texas", True),
    # An article folded into the next word is no name: the state after it is found.
    ("A New Jersey woman was among the passengers.", "New Jersey", True),
    ("An Ohio court ruled on Monday.", "Ohio", True),
    ("Judges in The Hague ruled on Monday.", "The Hague", True),
]


@pytest.mark.parametrize("sentence, surface, is_place", CASES)
def test_person_cues(places, sentence, surface, is_place):
    found = [text for text, _, _ in places(sentence, "en")]
    assert (surface in found) == is_place, found


SURNAMES = [
    # No surname from a run opened by an acronym or a number, nor a country's name as one ...
    ("The film was aired by NHK Japan on Monday.", "japan", False),
    ("On Monday, Four Sinaloa state police were found.", "sinaloa", False),
        # ... while a person's two-word name still gives one, a name-like country too.
    ("The road was closed, said Tyrone Baker.", "baker", True),
    ("Fans cheered when Michael Jordan scored twice.", "jordan", True),
]


@pytest.mark.parametrize("sentence, key, is_surname", SURNAMES)
def test_surnames_of_the_text(gazetteer, sentence, key, is_surname):
    from extract.places.english import _capitalised, _surnames
    from extract.places.vocabulary import vocabulary
    phrases = list(_capitalised("en").finditer(sentence))
    assert (key in _surnames(sentence, phrases, vocabulary("en"), gazetteer)) == is_surname
