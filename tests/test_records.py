"""The records serialise to exactly the keys of docs/output.md."""
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from extract import records
from extract.records import Analysis, DateMention, Document, Event, Place, PlaceMention, document_id, place_key

DUNAY = Place("Dunay", 42.8788, 132.3354, "RU", "city", 2025840)
NAJIN = Place("Najin", 42.2419, 130.2969, "KP", "city", 2044757)


def make_analysis() -> Analysis:
    text = "شحنت بين ناجين ودوناي في 7 سبتمبر."
    document = Document(text=text, lang="ar", published=dt.date(2023, 10, 19), path="a.txt")
    date = DateMention("7 سبتمبر", 25, 33, dt.date(2023, 9, 7), dt.date(2023, 9, 7), "day")
    places = (PlaceMention("ناجين", 9, 14, NAJIN, 0.9), PlaceMention("دوناي", 16, 21, DUNAY, 0.8))
    event = Event("e1", text, 0, len(text), date, (NAJIN, DUNAY), NAJIN, DUNAY, places)
    return Analysis(document, (date,), places, (event,))


def test_document_id_is_the_text_hash_prefix():
    assert document_id("abc") == "ba7816bf8f01cfea"
    assert Document(text="abc", lang="en").id == "ba7816bf8f01cfea"


def test_analysis_has_the_contract_keys():
    data = make_analysis().to_dict()
    assert set(data) == {"document", "dates", "places", "events"}
    assert {"id", "path", "lang", "published", "title"} <= set(data["document"])
    assert set(data["dates"][0]) == {"text", "start_char", "end_char", "start", "end", "granularity"}
    assert {"text", "start_char", "end_char", "name", "lat", "lon", "country_code", "kind",
            "geonameid", "score"} <= set(data["places"][0])
    assert {"id", "sentence", "start_char", "end_char", "date_text", "start", "end", "granularity",
            "places", "origin", "destination"} <= set(data["events"][0])


def test_dates_serialise_as_iso_days():
    data = make_analysis().to_dict()
    assert data["document"]["published"] == "2023-10-19"
    assert (data["dates"][0]["start"], data["dates"][0]["end"]) == ("2023-09-07", "2023-09-07")


def test_movement_serialises_origin_and_destination():
    event = make_analysis().to_dict()["events"][0]
    assert event["origin"]["name"] == "Najin"
    assert event["destination"] == {"name": "Dunay", "lat": 42.8788, "lon": 132.3354,
                                    "country_code": "RU", "kind": "city", "geonameid": 2025840}


def test_unresolved_date_serialises_as_null():
    mention = DateMention("الخميس", 0, 6, None, None, "day")
    assert mention.to_dict()["start"] is None and not mention.resolved


def test_unresolved_place_mention_keeps_the_keys_with_nulls():
    data = PlaceMention("X", 0, 1, None).to_dict()
    assert data["lat"] is None and data["name"] is None and "geonameid" in data


def test_serialisation_is_json():
    text = json.dumps(make_analysis().to_dict(), ensure_ascii=False)
    assert json.loads(text)["events"][0]["date_text"] == "7 سبتمبر"


def test_offsets_index_the_text():
    analysis = make_analysis()
    text = analysis.document.text
    for mention in (*analysis.dates, *analysis.places):
        assert text[mention.start_char:mention.end_char] == mention.text


CONTRACT = Path(__file__).resolve().parents[1] / "docs" / "output.md"


@pytest.mark.parametrize("values, field", [
    (records.GRANULARITIES, "granularity"),
    (records.PLACE_KINDS, "kind"),
])
def test_the_closed_sets_are_the_contracts(values, field):
    listed = re.search(rf'"{field}": "\w+"\}}?,?\s*// ([\w|]+)', CONTRACT.read_text(encoding="utf-8"))
    assert tuple(listed.group(1).split("|")) == values


@pytest.mark.parametrize("values, field", [
    (records.PLACE_SOURCES, "place_source"),
    (records.DATE_SOURCES, "date_source"),
])
def test_the_extension_values_are_documented(values, field):
    contract = CONTRACT.read_text(encoding="utf-8")
    described = contract[contract.index(f"`events[].{field}`"):]
    described = described[:described.find("\n- ", 1)]
    assert [value for value in values if f'"{value}"' not in described] == []


def test_a_place_comes_back_from_its_dict():
    assert Place.from_dict(NAJIN.to_dict()) == Place("Najin", 42.2419, 130.2969, "KP", "city", 2044757)
    assert Place.from_dict({"name": "Tartus", "lat": "34.889", "lon": 35.887}) == Place(
        "Tartus", 34.889, 35.887, None, "site")


@pytest.mark.parametrize("data", [{"name": "Nowhere"}, {"name": "Nowhere", "lat": None, "lon": 1},
                                  {"name": "Nowhere", "lat": "north", "lon": 1}])
def test_a_place_dict_without_coordinates_is_refused(data):
    with pytest.raises((KeyError, TypeError, ValueError)):
        Place.from_dict(data)


@pytest.mark.parametrize("place, key", [
    (NAJIN, "gn:2044757"),
    (Place("Gaza Strip", 31.4, 34.4, "PS", "region"), "region:Gaza Strip:PS"),
    (Place("High seas", 0.0, 0.0, None, "site"), "site:High seas:"),
])
def test_place_key_is_the_same_for_a_place_and_its_dict(place, key):
    data = place.to_dict()
    assert place.key == key == place_key(data)


def test_the_pipeline_writes_only_values_of_the_closed_sets():
    from extract import analyze

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    for path in sorted(seeds.glob("*.txt")):
        data = analyze(path.read_text(encoding="utf-8"), published=dt.date(2023, 10, 19)).to_dict()
        places = [p for p in data["places"] if p["kind"]] + [
            p for e in data["events"] for p in (*e["places"], e["origin"], e["destination"]) if p]
        assert data["events"] and places
        assert {d["granularity"] for d in data["dates"] + data["events"]} <= set(records.GRANULARITIES)
        assert {p["kind"] for p in places} <= set(records.PLACE_KINDS)
        assert {e["place_source"] for e in data["events"]} <= set(records.PLACE_SOURCES)
        assert {e["date_source"] for e in data["events"]} <= set(records.DATE_SOURCES)
