"""Exports of events: flat rows, CSV, GeoJSON (opens as-is in QGIS and kepler.gl) and JSON Lines.

Every consumer — the CLI's `export`, the dashboard's download buttons, the store — works from
the same flat event rows made by `event_rows`, so the formats agree with each other.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from .records import Analysis

CSV_COLUMNS = ("event_id", "document_id", "document_title", "published", "date_text", "start", "end",
               "granularity", "place", "country_code", "kind", "lat", "lon", "geonameid",
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


def _place_lines(row: dict) -> list[dict]:
    """The rows of one event for a table: one per place, or one with no place."""
    return row.get("places") or [{}]


def to_csv(rows: Iterable[dict]) -> str:
    """CSV with one line per (event, place); an event without places gets one line."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        for place in _place_lines(row):
            writer.writerow({**row, "place": place.get("name"), "country_code": place.get("country_code"),
                             "kind": place.get("kind"), "lat": place.get("lat"), "lon": place.get("lon"),
                             "geonameid": place.get("geonameid"),
                             "origin": (row.get("origin") or {}).get("name"),
                             "destination": (row.get("destination") or {}).get("name")})
    return buffer.getvalue()


def _properties(row: dict) -> dict:
    return {"event_id": row.get("event_id"), "document_id": row.get("document_id"),
            "document_title": row.get("document_title"), "date_text": row.get("date_text"),
            "start": row.get("start"), "end": row.get("end"), "granularity": row.get("granularity"),
            "sentence": row.get("sentence")}


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
                                            "geonameid": place.get("geonameid")}})
        origin, destination = row.get("origin"), row.get("destination")
        if origin and destination and origin.get("lat") is not None and destination.get("lat") is not None:
            features.append({"type": "Feature",
                             "geometry": {"type": "LineString",
                                          "coordinates": [[origin["lon"], origin["lat"]],
                                                          [destination["lon"], destination["lat"]]]},
                             "properties": {**_properties(row), "origin": origin.get("name"),
                                            "destination": destination.get("name")}})
    return {"type": "FeatureCollection", "features": features}


def to_jsonl(rows: Iterable[dict]) -> str:
    """One JSON object per event per line."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
