"""Exports of events: flat rows, CSV, GeoJSON (opens as-is in QGIS and kepler.gl) and JSON Lines.

Every consumer — the CLI's `export`, the dashboard's download buttons, the store — works from
the same flat event rows made by `event_rows`, and writes a file with `render`, so that the
dashboard's download and the CLI's file for the same events are the same bytes.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from .records import Analysis

CSV_COLUMNS = ("event_id", "document_id", "document_title", "published", "date_text", "start", "end",
               "granularity", "date_source", "place", "country_code", "kind", "lat", "lon", "geonameid",
               "origin", "destination", "sentence")


def event_rows(analysis: Analysis) -> list[dict]:
    """One flat dict per event: the event's contract keys plus its document's identity."""
    document = analysis.document
    rows = []
    for event in analysis.events:
        row = event.to_dict()
        row["event_id"] = row.pop("id")
        row.update(document_id=document.id, document_title=document.title, document_path=document.path,
                   published=document.to_dict()["published"], lang=document.lang)
        rows.append(row)
    return rows


def _integer(value) -> int | None:
    """A GeoNames id as an integer (2017370, never "2017370.0"), None when missing."""
    if value is None or value != value or value == "":          # None, NaN or empty
        return None
    return int(value)


def _place_lines(row: dict) -> list[dict]:
    """The rows of one event for a table: one per place, or one with no place."""
    return row.get("places") or [{}]


# What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection"): "=HYPERLINK(…)"
# in a title must stay text when the export is opened in Excel or LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell that could start a formula, with a leading apostrophe (which spreadsheets
    show as text and hide); numbers and everything else unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: Iterable[dict]) -> str:
    """CSV with one line per (event, place); an event without places gets one line. Text
    cells that a spreadsheet would run as formulas are neutralised (`spreadsheet_safe`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        for place in _place_lines(row):
            line = {**row, "place": place.get("name"), "country_code": place.get("country_code"),
                    "kind": place.get("kind"), "lat": place.get("lat"), "lon": place.get("lon"),
                    "geonameid": _integer(place.get("geonameid")),
                    "origin": (row.get("origin") or {}).get("name"),
                    "destination": (row.get("destination") or {}).get("name")}
            writer.writerow({column: spreadsheet_safe(line.get(column)) for column in CSV_COLUMNS})
    return buffer.getvalue()


def _properties(row: dict) -> dict:
    return {"event_id": row.get("event_id"), "document_id": row.get("document_id"),
            "document_title": row.get("document_title"), "date_text": row.get("date_text"),
            "start": row.get("start"), "end": row.get("end"), "granularity": row.get("granularity"),
            "date_source": row.get("date_source"), "sentence": row.get("sentence")}


def to_geojson(rows: Iterable[dict]) -> dict:
    """A FeatureCollection: a Point per (event, place) and a LineString per movement."""
    features = []
    for row in rows:
        for place in row.get("places") or []:
            if place.get("lat") is None:
                continue
            features.append({"type": "Feature",
                             "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                             "properties": {**_properties(row), "place": place.get("name"),
                                            "country_code": place.get("country_code"), "kind": place.get("kind"),
                                            "geonameid": _integer(place.get("geonameid"))}})
        origin, destination = row.get("origin"), row.get("destination")
        if origin and destination and origin.get("lat") is not None and destination.get("lat") is not None:
            features.append({"type": "Feature",
                             "geometry": {"type": "LineString",
                                          "coordinates": [[origin["lon"], origin["lat"]],
                                                          [destination["lon"], destination["lat"]]]},
                             "properties": {**_properties(row), "origin": origin.get("name"),
                                            "destination": destination.get("name")}})
    return {"type": "FeatureCollection", "features": features}


# Characters that str.splitlines() and many JSON Lines readers take for line ends, though JSON
# allows them raw inside strings: escaped, a record is always exactly one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(value) -> str:
    """One JSON value on one line (UTF-8 text kept readable, odd line separators escaped)."""
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)


def to_jsonl(rows: Iterable[dict]) -> str:
    """One JSON object per event per line."""
    return "".join(json_line(row) + "\n" for row in rows)


def _parquet_schema():
    """The Arrow schema of the event rows: the contract's fields with typed days, places as
    structs, so pandas, DuckDB and Spark read them without a database."""
    import pyarrow as pa

    place = pa.struct([("name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
                       ("country_code", pa.string()), ("kind", pa.string()), ("geonameid", pa.int64())])
    return pa.schema([
        ("event_id", pa.string()), ("document_id", pa.string()), ("document_title", pa.string()),
        ("document_path", pa.string()), ("published", pa.date32()), ("lang", pa.string()),
        ("sentence", pa.string()), ("start_char", pa.int64()), ("end_char", pa.int64()),
        ("date_text", pa.string()), ("start", pa.date32()), ("end", pa.date32()),
        ("granularity", pa.string()), ("places", pa.list_(place)), ("origin", place),
        ("destination", place), ("place_source", pa.string()), ("date_source", pa.string()), ("corrected", pa.list_(pa.string()))])


def _parquet_row(row: dict) -> dict:
    """An event row with its ISO days as dates (Arrow takes date objects, not strings)."""
    import datetime as dt

    days = {key: dt.date.fromisoformat(row[key]) if row.get(key) else None
            for key in ("published", "start", "end")}
    return {**row, **days}


class ParquetWriter:
    """Event rows into a Parquet file, a row group per `write`, so a long run never holds all
    its rows:

        >>> with ParquetWriter("events.parquet") as out:
        ...     out.write(event_rows(analysis))
    """

    def __init__(self, path: str) -> None:
        import pyarrow.parquet as pq

        self.schema = _parquet_schema()
        self.rows = 0
        self._writer = pq.ParquetWriter(path, self.schema, compression="zstd")

    def write(self, rows: Iterable[dict]) -> None:
        import pyarrow as pa

        batch = [_parquet_row(row) for row in rows]
        if batch:
            self._writer.write_table(pa.Table.from_pylist(batch, schema=self.schema))
            self.rows += len(batch)

    def close(self) -> None:
        self._writer.close()

    def __enter__(self) -> "ParquetWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def to_parquet(rows: Iterable[dict], path: str) -> int:
    """Write event rows to a Parquet file; returns how many."""
    with ParquetWriter(path) as out:
        out.write(rows)
    return out.rows


def render(rows: Iterable[dict], format: str) -> bytes:
    """The bytes of an export file. CSV is UTF-8 with a byte order mark (utf-8-sig), so that
    Excel opens Arabic as Arabic rather than mojibake; GeoJSON and JSON Lines are plain UTF-8."""
    if format == "csv":
        return to_csv(rows).encode("utf-8-sig")
    if format == "geojson":
        return (json.dumps(to_geojson(rows), ensure_ascii=False) + "\n").encode("utf-8")
    if format == "jsonl":
        return to_jsonl(rows).encode("utf-8")
    raise ValueError(f"unknown export format {format!r}: csv, geojson or jsonl")
