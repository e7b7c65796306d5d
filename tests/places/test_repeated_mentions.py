"""English recognition judges a mention whose surroundings repeat an earlier one's only once
(issue 15: "Cairo, " repeated is 1.4 million mentions at 10 MB). The shortcut must change
nothing: recognising with a trace judges every mention afresh, and both must agree."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.places.english import recognize_english
from extract.records import Document

# Pieces that put the same names in the same and in different surroundings: a dateline, a
# town and its state, a list, a trigger, a speaker, a surname, a name opening a sentence.
PIECES = [
    "Cairo, ", "Cairo. ", "PARIS, Texas (AP) — ", "Paris, Texas ", "Paris said ", "said Paris. ",
    "the port of Tartus ", "Tartus, Syria ", "Sheriff Bell ", "Bell said. ", "in Bell ",
    "from Odesa, Chornomorsk and Pivdennyi ", "Man charged. ", "the man left ", "\n",
    "Lexington, Ky. ", "Georgia, Oklahoma and Texas ", "the Turkish Iskenderun ",
    "the Donetsk region ", "St. Louis ", "Springfield, Illinois ", "Qatar Airways ",
    # Alike next to the name, different further off: the Lebanese or the Libyan Tripoli,
    # Paris in Texas or in Tennessee.
    "the Lebanese port of Tripoli ", "the Libyan port of Tripoli ", "Paris, Tennessee ",
    ". Talks went on for many hours and nothing was agreed there. ",
]


def _recognised(text: str, gazetteer, fresh: bool):
    trace = [] if fresh else None
    return [(t.start, t.end, t.text, t.candidates, t.evidence, t.hint, t.local_country,
             t.local_division) for t in recognize_english(Document(text, "en"), gazetteer, trace)]


def test_a_name_repeated_in_one_surrounding_is_judged_as_afresh(gazetteer):
    text = "Cairo, " * 3000
    assert _recognised(text, gazetteer, fresh=False) == _recognised(text, gazetteer, fresh=True)
    assert len(_recognised(text, gazetteer, fresh=False)) == 3000


def test_surroundings_that_differ_further_off_are_judged_apart(gazetteer):
    # The same sentence after each name, so that only the words farther from it differ.
    same = ". Talks went on for many hours and nothing was agreed there. "
    text = ("the Lebanese port of Tripoli" + same + "the Libyan port of Tripoli" + same
            + "Paris, Texas" + same + "Paris, Tennessee" + same) * 2
    assert _recognised(text, gazetteer, fresh=False) == _recognised(text, gazetteer, fresh=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=80))
def test_repeated_surroundings_are_judged_as_afresh(gazetteer, pieces):
    text = "".join(pieces)
    assert _recognised(text, gazetteer, fresh=False) == _recognised(text, gazetteer, fresh=True)
