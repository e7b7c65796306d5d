"""People's names the text marks as such (issue 10, GeoVirus round): a surname in apposition to
a role ("the bank's spokesman, Whitby"), a name given as one ("his family name of Ling", "a
man surnamed Ling") is a person's at every mention; and an article folded into the next word
is no name ("A New Jersey woman" is not Anew). Sentences written for these tests."""
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
