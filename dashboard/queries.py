"""Data access for the dashboard: the documents of this session and their events as DataFrames.

Everything the app shows comes through this file, so that moving from in-memory analyses to
the store (extract.store) is a change here only. Today the documents are:

- the seed articles in seeds/ (analysed once per server, `st.cache_resource`);
- the documents uploaded in this browser session, held as `extract.Analysis` objects in
  `st.session_state["analyses"]` (keyed by document id, seeds included so that a seed given a
  new publication date is re-resolved for this session only);
- optionally, a JSON Lines file of event rows (`extract.exports.to_jsonl`) named by the
  environment variable NEWSMAP_EVENTS — how `bench/` loads 100,000 synthetic events.

The views get two DataFrames (`EVENT_COLUMNS`, `PLACE_COLUMNS`): one row per event and one
row per (event, place), joined on the integer column `row` (the event's position in the events
frame), which keeps filtering 100,000 events quick.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import os
from pathlib import Path

import pandas as pd
import streamlit as st

import extract
from extract.documents import Source, read_source, source_from_bytes
from extract.exports import event_rows
from extract.text import detect_language

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"
COUNTRIES_GEOJSON = Path(__file__).resolve().parent / "data" / "countries.geojson"

EVENT_COLUMNS = ("row", "event_id", "document_id", "document", "lang", "published", "date_text", "start",
                 "end", "granularity", "dated", "date_label", "places", "country", "sentence",
                 "mentions", "origin", "destination")
PLACE_COLUMNS = ("row", "event_id", "place_key", "place", "country", "kind", "lat", "lon", "geonameid", "role")


# --- documents --------------------------------------------------------------------------------

@st.cache_resource(show_spinner="Loading the gazetteer…")
def analyzer():
    """extract.analyze, warmed up once per server so the gazetteer is loaded before the first upload."""
    extract.analyze("Pyongyang, Moscow.", lang="en")
    extract.analyze("بيونغ يانغ وموسكو.", lang="ar")
    return extract.analyze


@st.cache_resource(show_spinner="Analysing the sample articles…")
def seed_analyses() -> tuple[extract.Analysis, ...]:
    """The analyses of the articles in seeds/, shared by every session (they are immutable)."""
    analyze = analyzer()
    analyses = []
    for path in sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*.md")) + sorted(SEEDS.glob("*.html")):
        source = read_source(path)
        analyses.append(analyze(source.text, source.published, source.lang or "auto", path=str(path.relative_to(REPO_ROOT)),
                                title=source.title, source_url=source.source_url))
    return tuple(analyses)


def analyses() -> dict[str, extract.Analysis]:
    """This session's documents by id: the seeds, then the uploads in the order they came."""
    if "analyses" not in st.session_state:
        st.session_state["analyses"] = {a.document.id: a for a in seed_analyses()}
    return st.session_state["analyses"]


def read_upload(name: str, data: bytes) -> Source:
    """An uploaded file's text and metadata; raises extract.InputError with a readable message."""
    source = source_from_bytes(data, name)
    return Source(source.text, name, source.published, source.title or Path(name).stem, source.source_url,
                  source.lang or detect_language(source.text), source.encoding)


def add_document(source: Source, published: dt.date | None, lang: str) -> extract.Analysis:
    """Analyse an uploaded document and add it to this session's documents."""
    analysis = analyzer()(source.text, published, lang, path=source.path, title=source.title,
                          source_url=source.source_url)
    analyses()[analysis.document.id] = analysis
    return analysis


def set_published(document_id: str, published: dt.date | None) -> extract.Analysis:
    """Give a document a (new) publication date and re-resolve its dates and events."""
    document = analyses()[document_id].document
    analysis = analyzer()(document.text, published, document.lang, path=document.path, title=document.title,
                          source_url=document.source_url)
    analyses()[document_id] = analysis
    return analysis


def documents() -> pd.DataFrame:
    """One row per document: id, title, language, publication date, number of events, editable."""
    rows = [{"document_id": a.document.id, "document": _title(a.document), "lang": a.document.lang,
             "published": a.document.published, "events": len(a.events),
             "undated": sum(1 for e in a.events if not e.date.resolved), "editable": True}
            for a in analyses().values()]
    events_file = os.environ.get("NEWSMAP_EVENTS")
    if events_file:
        rows += _file_documents(events_file, Path(events_file).stat().st_mtime)
    return pd.DataFrame(rows, columns=["document_id", "document", "lang", "published", "events", "undated",
                                       "editable"])


@st.cache_data(show_spinner=False, max_entries=2)
def _file_documents(path: str, mtime: float) -> list[dict]:
    events, _ = _file_frames(path, mtime)
    summary = (events.assign(undated=~events["dated"])
               .groupby(["document_id", "document", "published"], dropna=False, sort=False)
               .agg(lang=("lang", "first"), events=("row", "size"), undated=("undated", "sum")).reset_index())
    return [{"document_id": d.document_id, "document": d.document, "lang": d.lang,
             "published": dt.date.fromisoformat(d.published) if isinstance(d.published, str) else None,
             "events": int(d.events), "undated": int(d.undated), "editable": False}
            for d in summary.itertuples(index=False)]


def _title(document: extract.Document) -> str:
    return document.title or (Path(document.path).name if document.path else document.id)


# --- events -----------------------------------------------------------------------------------

def events() -> tuple[pd.DataFrame, pd.DataFrame]:
    """All events of this session (EVENT_COLUMNS) and their places (PLACE_COLUMNS)."""
    held = list(analyses().values())
    key = tuple((a.document.id, str(a.document.published)) for a in held)
    events_file = os.environ.get("NEWSMAP_EVENTS")
    file_key = (events_file, Path(events_file).stat().st_mtime) if events_file else None
    return _all_frames(key, file_key, _analyses=held)


@st.cache_data(show_spinner=False, max_entries=16)
def _all_frames(key: tuple, file_key: tuple | None, _analyses: list[extract.Analysis]
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    event_frames, place_frames = [], []
    for analysis in _analyses:
        rows = event_rows(analysis)
        for row, event in zip(rows, analysis.events):
            row["mentions"] = _mention_spans(event)
        events, places = _frames(rows)
        event_frames.append(events)
        place_frames.append(places)
    if file_key:
        events, places = _file_frames(*file_key)
        event_frames.append(events)
        place_frames.append(places)
    offset = 0
    for events, places in zip(event_frames, place_frames):
        events["row"] += offset
        places["row"] += offset
        offset += len(events)
    return _concat(event_frames, EVENT_COLUMNS), _concat(place_frames, PLACE_COLUMNS)


@st.cache_data(show_spinner="Loading events…", max_entries=2)
def _file_frames(path: str, mtime: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events from a JSON Lines file of event rows (what extract.exports.to_jsonl writes)."""
    with open(path, encoding="utf-8") as lines:
        return _frames([json.loads(line) for line in lines if line.strip()])


def _concat(frames: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return _empty(columns)
    return pd.concat(frames, ignore_index=True)


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    for column in ("start", "end"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    if "dated" in frame:
        frame["dated"] = frame["dated"].astype(bool)
    for column in ("lat", "lon"):
        if column in frame:
            frame[column] = frame[column].astype(float)
    frame["row"] = frame["row"].astype("int64")
    return frame


def _mention_spans(event: extract.Event) -> list[list]:
    """Where the date and the places are inside the event's sentence: [start, end, "date"|"place"]."""
    spans = [[event.date.start_char - event.start_char, event.date.end_char - event.start_char, "date"]]
    spans += [[m.start_char - event.start_char, m.end_char - event.start_char, "place"]
              for m in event.place_mentions]
    return [s for s in spans if 0 <= s[0] < s[1] <= len(event.sentence)]


def _frames(rows: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Event rows (extract.exports.event_rows) to the events and places DataFrames."""
    if not rows:
        return _empty(EVENT_COLUMNS), _empty(PLACE_COLUMNS)
    from .formats import cached_date_label as date_label

    events, places = [], []
    for number, row in enumerate(rows):
        event_places = [_located(p) for p in row.get("places") or []]
        for role in ("origin", "destination"):
            end = row.get(role)
            if end and not any(_key(end) == _key(p) for p in event_places):
                event_places.append(_located(end))
        for place in event_places:
            places.append({"row": number, "event_id": row["event_id"], "place_key": _key(place), "place": place.get("name"),
                           "country": place.get("country_code") or "", "kind": place.get("kind"),
                           "lat": place.get("lat"), "lon": place.get("lon"), "geonameid": place.get("geonameid"),
                           "role": _role(place, row)})
        start, end = row.get("start"), row.get("end")
        events.append({
            "row": number, "event_id": row["event_id"], "document_id": row.get("document_id"),
            "document": row.get("document_title") or Path(row.get("document_path") or "").name
            or row.get("document_id"),
            "lang": row.get("lang"), "published": row.get("published"),
            "date_text": row.get("date_text"), "start": start, "end": end,
            "granularity": row.get("granularity"), "dated": bool(start and end),
            "date_label": date_label(start, end, row.get("granularity"), row.get("date_text")),
            "places": " · ".join(dict.fromkeys(p.get("name") or "?" for p in event_places)),
            "country": next((p.get("country_code") for p in event_places if p.get("country_code")), "") or "",
            "sentence": row.get("sentence") or "",
            "mentions": json.dumps(row.get("mentions") or _find_date(row)),
            "origin": (row.get("origin") or {}).get("name"),
            "destination": (row.get("destination") or {}).get("name"),
        })
    event_frame = pd.DataFrame(events, columns=list(EVENT_COLUMNS))
    event_frame["start"] = pd.to_datetime(event_frame["start"])
    event_frame["end"] = pd.to_datetime(event_frame["end"])
    place_frame = pd.DataFrame(places, columns=list(PLACE_COLUMNS)) if places else _empty(PLACE_COLUMNS)
    place_frame["lat"] = place_frame["lat"].astype(float)
    place_frame["lon"] = place_frame["lon"].astype(float)
    return event_frame, place_frame


def _find_date(row: dict) -> list[list]:
    """Without mention offsets (rows from a file or the store), find the date text in the sentence."""
    sentence, text = row.get("sentence") or "", row.get("date_text") or ""
    at = sentence.find(text) if text else -1
    return [[at, at + len(text), "date"]] if at >= 0 else []


def _key(place: dict) -> str:
    if place.get("geonameid"):
        return f"gn:{place['geonameid']}"
    return f"{place.get('kind')}:{place.get('name')}:{place.get('country_code') or ''}"


def _role(place: dict, row: dict) -> str:
    for role in ("origin", "destination"):
        if row.get(role) and _key(row[role]) == _key(place):
            return role
    return "place"


def _located(place: dict) -> dict:
    """A place with usable coordinates: a country without any (0, 0) gets its label point."""
    if place.get("kind") == "country" and not place.get("lat") and not place.get("lon"):
        point = country_points().get(place.get("country_code") or "")
        if point:
            return {**place, "lon": point[0], "lat": point[1]}
    return place


# --- geography --------------------------------------------------------------------------------

@functools.cache
def country_boundaries() -> dict:
    """Natural Earth 110m countries (dashboard/data/countries.geojson), for the offline base map."""
    return json.loads(COUNTRIES_GEOJSON.read_text(encoding="utf-8"))


@functools.cache
def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 code -> (lon, lat) of the country's label point."""
    return {f["properties"]["iso_a2"]: (f["properties"]["label_lon"], f["properties"]["label_lat"])
            for f in country_boundaries()["features"] if f["properties"]["iso_a2"]}


# --- exports ----------------------------------------------------------------------------------

def export_rows(events: pd.DataFrame, places: pd.DataFrame) -> list[dict]:
    """The filtered events back as extract.exports rows, for to_csv / to_geojson."""
    by_event: dict[str, list[dict]] = {}
    ends: dict[tuple[str, str], dict] = {}
    for place in places[places["row"].isin(events["row"])].itertuples(index=False):
        record = {"name": place.place, "lat": place.lat, "lon": place.lon, "country_code": place.country or None,
                  "kind": place.kind, "geonameid": place.geonameid}
        if place.role in ("origin", "destination"):
            ends[(place.event_id, place.role)] = record
        by_event.setdefault(place.event_id, []).append(record)
    rows = []
    for event in events.itertuples(index=False):
        rows.append({"event_id": event.event_id, "document_id": event.document_id,
                     "document_title": event.document, "published": event.published,
                     "date_text": event.date_text,
                     "start": event.start.date().isoformat() if event.dated else None,
                     "end": event.end.date().isoformat() if event.dated else None,
                     "granularity": event.granularity, "sentence": event.sentence,
                     "places": by_event.get(event.event_id, []),
                     "origin": ends.get((event.event_id, "origin")),
                     "destination": ends.get((event.event_id, "destination"))})
    return rows
