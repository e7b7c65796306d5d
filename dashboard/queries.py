"""Data access for the dashboard: the documents in the store and their events as DataFrames.

Everything the app shows or changes goes through this file and one `extract.store.Store`
(`st.cache_resource`), at NEWSMAP_DB — a SQLite file or a postgresql:// URL — else
./newsmap.sqlite. Uploads, publication dates set by users and corrections are written there,
so they are still there tomorrow, after a server restart, and for every other user; documents
added by an `ingest` run in another process show on the next rerun.

On start the articles in seeds/ are added to the store if missing (by the hash of their text:
cheap once they are there). Reads are cached with `st.cache_data` on the store's revision,
a number every write bumps, so a rerun costs one small query until something changes.

The views never get every event: the events are kept as compact columns
(dashboard.aggregates, once per revision and server), filters make a mask over them, and the
views get what they draw — counts per place, per movement and per time bin, and one page of the
table as two DataFrames (`EVENT_COLUMNS`, `PLACE_COLUMNS`: one row per event and one per (event,
place), joined on the integer column `row`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

import extract
from extract import service
from extract.documents import SIDECAR_SUFFIX, Source, parse_sidecar, read_source, source_from_bytes, with_sidecar
from extract.exports import render
from extract.records import Place, place_key
from extract.store import Store, default_url
from extract.text import detect_language

from . import aggregates, column_cache
from .days import as_day
from .markup import display_title

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"
# Served to the browser as a static file (.streamlit/config.toml: server.enableStaticServing),
# fetched once by the map rather than sent with every rerun.
COUNTRIES_GEOJSON = Path(__file__).resolve().parent / "static" / "countries.geojson"

EVENT_COLUMNS = ("row", "event_id", "document_id", "document", "lang", "published", "date_text", "start",
                 "end", "granularity", "dated", "places", "country", "sentence",
                 "mentions", "origin", "destination", "corrected", "date_source")
PLACE_COLUMNS = ("row", "event_id", "place_key", "place", "country", "kind", "lat", "lon", "geonameid", "role")
DOCUMENT_COLUMNS = ("document_id", "document", "lang", "published", "events", "undated", "editable")


# --- the store --------------------------------------------------------------------------------

def store() -> Store:
    """The store at NEWSMAP_DB (read on every run, so tests and deployments can point it
    elsewhere), with the seed articles in it."""
    url = default_url()
    opened = _open_store(url)
    _add_seeds(url, str(SEEDS))
    return opened


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    return Store(url)


@st.cache_resource(show_spinner="Adding the sample articles… (the very first start also builds the "
                                "gazetteer index: about a minute, once)")
def _add_seeds(url: str, folder: str) -> tuple[str, ...]:
    """Add the articles in `folder` to the store, once per server and store; a seed already
    stored (same text) is left alone, so later starts only hash the files."""
    ids = []
    for path in sorted(Path(folder).glob("*.txt")) + sorted(Path(folder).glob("*.md")) + sorted(Path(folder).glob("*.html")):
        source = read_source(path)
        relative = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path
        ids.append(service.add(_open_store(url), source, path=str(relative), lang=source.lang or None).document_id)
    return tuple(ids)


def revision() -> int:
    """The store's revision: what the cached reads are keyed on."""
    return store().revision()


# --- documents --------------------------------------------------------------------------------

def read_upload(name: str, data: bytes, sidecar: bytes | None = None) -> Source:
    """An uploaded file's text and metadata, its sidecar (FILE.meta.json, uploaded with it) laid
    over as the CLI does; raises extract.InputError with a readable message."""
    source = source_from_bytes(data, name)
    source = Source(source.text, name, source.published, source.title, source.source_url, source.lang,
                    source.encoding, source.warnings)
    if sidecar is not None:
        source = with_sidecar(source, parse_sidecar(sidecar, name + SIDECAR_SUFFIX), name)
    return Source(source.text, name, source.published, source.title or Path(name).stem, source.source_url,
                  source.lang or detect_language(source.text), source.encoding, source.warnings)


def pair_uploads(names: list[str]) -> tuple[list[str], dict[str, str], list[str]]:
    """Uploaded file names as (articles, sidecar of each article, sidecars without their article):
    "a.txt" and "a.txt.meta.json" dropped together are one article with its metadata."""
    sidecars = {name[:-len(SIDECAR_SUFFIX)]: name for name in names if name.endswith(SIDECAR_SUFFIX)}
    articles = [name for name in names if not name.endswith(SIDECAR_SUFFIX)]
    orphans = [sidecar for article, sidecar in sidecars.items() if article not in articles]
    return articles, {a: sidecars[a] for a in articles if a in sidecars}, orphans


def add_document(source: Source, published: dt.date | None, lang: str) -> extract.Analysis:
    """Analyse an uploaded document and store it (the same text again keeps one document)."""
    added = service.add(store(), source, published, title=source.title, source_url=source.source_url,
                        path=source.path, lang=lang, path_names_a_file=False)
    return added.analysis or store().analysis(added.document_id)


def set_published(document_id: str, published: dt.date | None) -> service.AddResult:
    """Give a document a (new) publication date, stored, and re-resolve its dates and events;
    the result's warnings name the corrections that no longer find their event."""
    return service.set_published(store(), document_id, published)


def documents() -> pd.DataFrame:
    """One row per document: id, title, language, publication date, number of events, editable."""
    return _documents(default_url(), revision())


@st.cache_data(show_spinner=False, max_entries=4)
def _documents(url: str, revision: int) -> pd.DataFrame:
    columns = _columns(url, revision)
    # Events counted in the columns: the store's counts would read every event, mention and place.
    total = dict(zip(columns.document_ids, np.bincount(columns.document, minlength=len(columns.document_ids)).tolist()))
    undated = dict(zip(columns.document_ids, np.bincount(columns.document[~columns.dated],
                                                          minlength=len(columns.document_ids)).tolist()))
    rows = [{"document_id": d["id"], "document": display_title(d["title"] or (Path(d["path"]).name if d["path"] else d["id"])),
             "lang": d["lang"], "published": as_day(d["published"]),
             "events": total.get(d["id"], 0), "undated": undated.get(d["id"], 0), "editable": True}
            for d in reversed(aggregates.document_list(_open_store(url)))]           # oldest first, as added
    return pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))


# --- events as columns, and what the views draw (dashboard.aggregates) ----------------------------

def columns() -> aggregates.EventColumns:
    """Every event of the store as compact columns, read once per revision of the store."""
    return _columns(default_url(), revision())


# A resource, not data: the columns are shared by every session as they are (cache_data would
# copy 40 MB per rerun at a million events); they are read-only arrays. A new server reads them
# from the disk cache (dashboard.column_cache) when the store's revision was read before.
@st.cache_resource(show_spinner="Loading events…", max_entries=2)
def _columns(url: str, revision: int) -> aggregates.EventColumns:
    loaded = dataclasses.replace(column_cache.load(_open_store(url), country_points()), revision=revision)
    _freeze_long_lived()
    return loaded


def _freeze_long_lived() -> None:
    """Move what the server holds from now on (the modules of Streamlit, pandas, Altair and
    pydeck, the columns) out of the garbage collector's sight (`gc.freeze`): a full collection
    walked those ~250,000 objects in about 0.3 s, one rerun in four at 100,000 events (the map's
    thousands of places make many young objects). Refcounting still frees them; what an earlier
    revision's load left in cycles is collected first (`unfreeze`, `collect`)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def place_names(columns: aggregates.EventColumns) -> list[str]:
    """Every place's name once, sorted: the sidebar's choices (thousands of names, sorted once a
    revision rather than on every rerun)."""
    return _place_names(default_url(), columns.revision)


@st.cache_data(show_spinner=False, max_entries=2)
def _place_names(url: str, revision: int) -> list[str]:
    return sorted(set(_columns(url, revision).places["place"].dropna().tolist()))


def chosen(columns: aggregates.EventColumns, filters, span: tuple[dt.date, dt.date] | None = None,
           place_keys: list[str] | tuple[str, ...] = ()) -> np.ndarray:
    """A mask of the events that pass `filters` (dashboard.filters.Filters), fall in the brushed
    `span` and are at the places picked on the map."""
    matching = _text_matches(default_url(), columns.revision, filters.text) if filters.text else None
    return aggregates.select(columns, start=filters.start, end=filters.end, include_undated=filters.include_undated,
                             include_story_dated=filters.include_story_dated,
                             countries=filters.countries, places=filters.places, documents=filters.documents,
                             matching=matching, span=span, place_keys=tuple(place_keys))


@st.cache_data(show_spinner=False, max_entries=16)
def _text_matches(url: str, revision: int, text: str) -> np.ndarray:
    return aggregates.text_matches(_open_store(url), _columns(url, revision), text)


def _by_mask(function):
    """`function(columns, mask)` of dashboard.aggregates cached on the store's revision the
    columns were read at (read once a run: the store's own number costs a query and a
    millisecond, asked a dozen times a rerun) and the mask's digest (a fraction of a millisecond
    at a million events, where each aggregate takes 5-50 ms). Many reruns leave a mask as it was
    — a row selected, the rows grouped otherwise, undated events ticked in where there are none,
    a new session's first page, a table page — and the filters, the brushed span and the places
    picked often give one mask three times over; the views then reuse what was counted."""
    @functools.wraps(function)
    def cached(columns: aggregates.EventColumns, mask: np.ndarray):
        return _aggregate(default_url(), columns.revision, function.__name__, aggregates.mask_digest(mask),
                          columns, mask)
    return cached


@st.cache_data(show_spinner=False, max_entries=64)
def _aggregate(url: str, revision: int, name: str, digest: str, _columns: aggregates.EventColumns,
               _mask: np.ndarray):
    return getattr(aggregates, name)(_columns, _mask)


place_counts = _by_mask(aggregates.place_counts)
arc_counts = _by_mask(aggregates.arc_counts)
country_counts = _by_mask(aggregates.country_counts)
place_total = _by_mask(aggregates.place_total)
span_of = _by_mask(aggregates.span_of)
document_ids = _by_mask(aggregates.document_ids)
time_bins = _by_mask(aggregates.time_bins)


def event_page(columns: aggregates.EventColumns, mask: np.ndarray, number: int = 0, size: int = 200
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Page `number` of the events in `mask` in the table's order, read from the store, as the
    events and places DataFrames (EVENT_COLUMNS, PLACE_COLUMNS)."""
    return _page_of(columns, aggregates.page(columns, mask, number, size))


def _page_of(columns: aggregates.EventColumns, keys: list[tuple[str, int]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    # Cached on a digest of the keys: Streamlit's hasher took 8 ms over a page's 200 key tuples.
    digest = hashlib.blake2b(repr(keys).encode(), digest_size=16).hexdigest()
    return _page(default_url(), columns.revision, digest, tuple(keys))


@st.cache_data(show_spinner=False, max_entries=32)
def _page(url: str, revision: int, digest: str, _keys: tuple[tuple[str, int], ...]
          ) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _frames(aggregates.page_rows(_open_store(url), _columns(url, revision), list(_keys)))


def focus_event(columns: aggregates.EventColumns, mask: np.ndarray, event_id: str | None
                ) -> tuple[pd.Series | None, list[str]]:
    """The event selected (by id) if it is among the events in `mask`, and its place keys."""
    key = aggregates.find(store(), columns, mask, event_id) if event_id else None
    if key is None:
        return None, []
    events, places = _page_of(columns, [key])
    if events.empty:
        return None, []
    return events.iloc[0], places["place_key"].tolist()


def export_chosen(columns: aggregates.EventColumns, mask: np.ndarray, format: str) -> bytes:
    """The export file (extract.exports.render) of every event in `mask`, as the store reads them."""
    return render(aggregates.rows_of(store(), columns, mask), format)


# --- events as DataFrames ---------------------------------------------------------------------

def events() -> tuple[pd.DataFrame, pd.DataFrame]:
    """All events in the store, corrections laid over (EVENT_COLUMNS), and their places
    (PLACE_COLUMNS)."""
    return _events(default_url(), revision())


@st.cache_data(show_spinner="Loading events…", max_entries=4)
def _events(url: str, revision: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _frames(_open_store(url).event_rows())


def mentions(event: pd.Series) -> list[list]:
    """Where the date and the places are in one event's sentence ([start, end, "date"|"place"]),
    from its document's stored analysis: the detail view asks for the selected event only. When
    a user corrected the places, only the mentions of the places kept are marked."""
    kept = tuple(event["places"].split(" · ")) if "places" in (event["corrected"] or "") else None
    return _mentions(default_url(), revision(), event["document_id"], event["event_id"], kept)


@st.cache_data(show_spinner=False, max_entries=64)
def _mentions(url: str, revision: int, document_id: str, event_id: str, kept: tuple[str, ...] | None
              ) -> list[list]:
    analysis = _open_store(url).analyses([document_id], with_text=False)
    found = next((e for a in analysis for e in a.events if e.id == event_id), None)
    if found is None:
        return []
    if kept is not None:
        found = dataclasses.replace(found, place_mentions=tuple(
            m for m in found.place_mentions if m.place is not None and m.place.name in kept))
    return _mention_spans(found)


@dataclasses.dataclass(frozen=True)
class Article:
    """The whole text of an event's document, where the event's sentence is in it, and the
    document's source."""
    text: str
    start: int
    end: int
    lang: str | None
    source_url: str | None


def article(event: pd.Series) -> Article:
    """The article an event comes from, for the detail view (read when an event is selected)."""
    return _article(default_url(), revision(), event["document_id"], event["event_id"])


@st.cache_data(show_spinner=False, max_entries=16)
def _article(url: str, revision: int, document_id: str, event_id: str) -> Article:
    stored = _open_store(url)
    row = next((r for r in stored.event_rows(document_ids=[document_id], with_corrections=False)
                if r["event_id"] == event_id), {})
    document = next((d for d in stored.documents(counts=False) if d["id"] == document_id), {})
    return Article(stored.text(document_id), row.get("start_char") or 0, row.get("end_char") or 0,
                   document.get("lang"), document.get("source_url"))


# --- corrections ------------------------------------------------------------------------------

def correct_event(event: pd.Series, *, start: dt.date | None = None, end: dt.date | None = None,
                  granularity: str | None = None, places: list[dict] | None = None) -> None:
    """Store a user's correction of an event's date and/or places (extract.store.Store.correct);
    it is laid over the event from now on, re-analyses included."""
    store().correct(event["event_id"], document_id=event["document_id"], start=start, end=end,
                    granularity=granularity, places=places)


def undo_corrections(event: pd.Series) -> int:
    """Remove every correction of an event; returns how many there were."""
    stored = store()
    found = [c["id"] for c in stored.corrections(event["document_id"]) if c["event_id"] == event["event_id"]]
    for correction_id in found:
        stored.remove_correction(correction_id)
    return len(found)


def known_places(places: pd.DataFrame) -> dict[str, dict]:
    """The places found in the store's events, by place key, as the contract's place dicts:
    what a correction can choose from."""
    unique = places.drop_duplicates("place_key").sort_values("place")
    return {p.place_key: Place(p.place, p.lat, p.lon, p.country or None, p.kind,
                               None if pd.isna(p.geonameid) else int(p.geonameid)).to_dict()
            for p in unique.itertuples(index=False)}


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
    events, places = [], []
    for number, row in enumerate(rows):
        event_places = [_located(p) for p in row.get("places") or []]
        for role in ("origin", "destination"):
            end = row.get(role)
            if end and not any(place_key(end) == place_key(p) for p in event_places):
                event_places.append(_located(end))
        for place in event_places:
            places.append({"row": number, "event_id": row["event_id"], "place_key": place_key(place), "place": place.get("name"),
                           "country": place.get("country_code") or "", "kind": place.get("kind"),
                           "lat": place.get("lat"), "lon": place.get("lon"), "geonameid": place.get("geonameid"),
                           "role": _role(place, row)})
        start, end = row.get("start"), row.get("end")
        events.append({
            "row": number, "event_id": row["event_id"], "document_id": row.get("document_id"),
            "document": display_title(row.get("document_title") or Path(row.get("document_path") or "").name
                                      or row.get("document_id")),
            "lang": row.get("lang"), "published": row.get("published"),
            "date_text": row.get("date_text"), "start": start, "end": end,
            "granularity": row.get("granularity"), "dated": bool(start and end),
            "places": " · ".join(dict.fromkeys(p.get("name") or "?" for p in event_places)),
            "country": next((p.get("country_code") for p in event_places if p.get("country_code")), "") or "",
            "sentence": row.get("sentence") or "",
            "mentions": json.dumps(row.get("mentions") or _find_date(row)),
            "origin": (row.get("origin") or {}).get("name"),
            "destination": (row.get("destination") or {}).get("name"),
            "corrected": ", ".join(row.get("corrected") or []),
            "date_source": row.get("date_source") or "text",
        })
    event_frame = pd.DataFrame(events, columns=list(EVENT_COLUMNS))
    event_frame["start"] = pd.to_datetime(event_frame["start"])
    event_frame["end"] = pd.to_datetime(event_frame["end"])
    place_frame = pd.DataFrame(places, columns=list(PLACE_COLUMNS)) if places else _empty(PLACE_COLUMNS)
    place_frame["lat"] = place_frame["lat"].astype(float)
    place_frame["lon"] = place_frame["lon"].astype(float)
    return event_frame, place_frame


def _find_date(row: dict) -> list[list]:
    """Without mention offsets (rows from the store), find the date text in the sentence."""
    sentence, text = row.get("sentence") or "", row.get("date_text") or ""
    at = sentence.find(text) if text else -1
    return [[at, at + len(text), "date"]] if at >= 0 else []


def _role(place: dict, row: dict) -> str:
    for role in ("origin", "destination"):
        if row.get(role) and place_key(row[role]) == place_key(place):
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
    """Natural Earth 110m countries (dashboard/static/countries.geojson), for the label points of countries."""
    return json.loads(COUNTRIES_GEOJSON.read_text(encoding="utf-8"))


@functools.cache
def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 code -> (lon, lat) of the country's label point."""
    return {f["properties"]["iso_a2"]: (f["properties"]["label_lon"], f["properties"]["label_lat"])
            for f in country_boundaries()["features"] if f["properties"]["iso_a2"]}


# --- exports ----------------------------------------------------------------------------------

def export_file(events: pd.DataFrame, format: str) -> bytes:
    """The export file of the events listed (extract.exports.render over the store's own event
    rows, as `python -m extract export` writes them): the same bytes as the CLI's for the same
    events, in the store's order."""
    wanted = set(events["event_id"])
    if not wanted:
        return render([], format)
    rows = store().event_rows(document_ids=sorted(set(events["document_id"])))
    return render([row for row in rows if row["event_id"] in wanted], format)
