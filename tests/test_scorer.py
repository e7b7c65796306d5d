"""The project's scorer (eval/score.py): the matching rules behind every figure we publish."""
from __future__ import annotations

import pytest

from tests.test_own_corpus import load_scorer

score = load_scorer()

CAIRO = {"name": "Cairo", "kind": "city", "country": "EG", "lat": 30.06, "lon": 31.25}
EGYPT = {"name": "Egypt", "kind": "country", "country": "EG", "lat": 27.0, "lon": 30.0}


@pytest.mark.parametrize("gold, predicted, expected", [
    (CAIRO, {"kind": "city", "lat": 30.5, "lon": 31.3}, True),            # ~50 km away
    (CAIRO, {"kind": "city", "lat": 32.0, "lon": 31.3}, False),           # ~215 km away
    (CAIRO, {"kind": "country", "country_code": "EG", "lat": 30.06, "lon": 31.25}, False),
    (CAIRO, {"kind": "city", "lat": None, "lon": None}, False),           # unresolved
    (EGYPT, {"kind": "country", "country_code": "eg", "lat": 1.0, "lon": 1.0}, True),
    (EGYPT, {"kind": "city", "country_code": "EG", "lat": 27.0, "lon": 30.0}, False),
])
def test_place_matching(gold, predicted, expected):
    assert score.place_matches(gold, predicted) is expected


def test_matching_is_one_to_one_and_optional_entries_cost_nothing():
    golds = [{"start": "2023-10-19", "end": "2023-10-19"},
             {"start": "2023-10-01", "end": "2023-10-31", "optional": True},
             {"start": "2023-10-18", "end": "2023-10-18"}]
    predicted = [{"start": "2023-10-19", "end": "2023-10-19"},
                 {"start": "2023-10-19", "end": "2023-10-19"},
                 {"start": "2023-10-01", "end": "2023-10-31"}]
    m = score.match(golds, predicted, score.same_interval)
    assert m.tp == 1
    assert [g["start"] for g in m.missed] == ["2023-10-18"]
    assert len(m.false) == 1          # the second copy of 19 October; the optional month is free


def test_an_event_needs_its_interval_and_one_of_its_places():
    gold = {"places": [CAIRO], "dates": [], "events": [
        {"what": "talks", "start": "2023-10-19", "end": "2023-10-19", "places": ["Cairo"]}]}
    right = {"events": [{"start": "2023-10-19", "end": "2023-10-19",
                         "places": [{"name": "Cairo", "kind": "city", "lat": 30.0, "lon": 31.2}]}]}
    wrong_day = {"events": [{**right["events"][0], "start": "2023-10-18", "end": "2023-10-18"}]}
    assert score.document_matches(gold, right)["events"].tp == 1
    assert score.document_matches(gold, wrong_day)["events"].tp == 0


def test_tally_gives_precision_recall_and_f1():
    tally = score.Tally(tp=3, fp=1, fn=3)
    assert tally.row() == {"p": 0.75, "r": 0.5, "f1": 0.6, "tp": 3, "fp": 1, "fn": 3}
