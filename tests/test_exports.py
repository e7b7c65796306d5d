"""Exports agree with the events they come from."""
import csv
import io
import json

from extract.exports import event_rows, to_csv, to_geojson, to_jsonl
from tests.test_records import make_analysis


def test_event_rows_carry_the_document():
    rows = event_rows(make_analysis())
    assert rows[0]["document_id"] == make_analysis().document.id
    assert rows[0]["event_id"] == "e1" and rows[0]["published"] == "2023-10-19"


def test_csv_has_a_line_per_event_place():
    lines = list(csv.DictReader(io.StringIO(to_csv(event_rows(make_analysis())))))
    assert [line["place"] for line in lines] == ["Najin", "Dunay"]
    assert lines[0]["origin"] == "Najin" and lines[0]["destination"] == "Dunay"


def test_geojson_has_points_and_a_movement_line():
    collection = to_geojson(event_rows(make_analysis()))
    kinds = [f["geometry"]["type"] for f in collection["features"]]
    assert kinds == ["Point", "Point", "LineString"]
    assert collection["features"][1]["geometry"]["coordinates"] == [132.3354, 42.8788]   # lon, lat
    json.dumps(collection)


def test_jsonl_is_one_event_per_line():
    lines = to_jsonl(event_rows(make_analysis())).splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["date_text"] == "7 سبتمبر"
