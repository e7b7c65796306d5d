"""The store's events as compact numeric columns, and the counts the views draw from them.

A million events as Python rows or DataFrames of strings take seconds to build and hundreds of
megabytes to hold; as NumPy columns (document, position, start and end day, granularity, the
event's country, origin and destination, and one (event, place) pair per place) they take
about 40 MB and answer any filter in milliseconds. The views get only what they draw: a count
per place, per (origin, destination) pair and per time bin, and one page of the events table,
whose rows are read from the store by their keys (`page_rows`). Users' corrections are laid
over the columns as the store lays them over its event rows, so every count agrees with
`Store.event_rows`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from extract import store as schema
from extract.records import Place, iso_day, place_key
from extract.store import Store

from .markup import display_title

# How many rows the store hands over at a time while the columns are built: bounds the memory
# the Python rows take on the way.
_CHUNK = 50_000
EPOCH = dt.date(1970, 1, 1)
_NO_PLACE = -1
# An event without a resolved date: a day no event has (a day before 1970 is negative).
NO_DAY = np.iinfo(np.int32).min
# Time units the timeline may count by, finest first, and the most bins it draws. They nest in
# the calendar (no week: a week across New Year would count two years' year-precision events),
# so a month- or year-precision event always fills whole bins and never makes a spike.
UNITS = ("day", "month", "quarter", "year")
MAX_BINS = 500


@dataclass(frozen=True, slots=True)
class EventColumns:
    """Every event of a store, one array element per event, in the store's order (documents as
    added, events in text order). Days count from 1970-01-01; an undated event has dated False."""
    document_ids: tuple[str, ...]          # index -> documents.id
    titles: tuple[str, ...]                # index -> what the dashboard calls the document
    document: np.ndarray                   # int32, index into document_ids
    position: np.ndarray                   # int32, events.position within the document
    start: np.ndarray                      # int32 days
    end: np.ndarray                        # int32 days
    dated: np.ndarray                      # bool
    granularity: np.ndarray                # int8, index into granularities
    granularities: tuple[str, ...]
    country: np.ndarray                    # int16, index into countries: the event's first place's
    countries: tuple[str, ...]             # ISO codes; "" (no country) first
    origin: np.ndarray                     # int32 place index, -1 for none
    destination: np.ndarray
    corrected: np.ndarray                  # bool: a user corrected something of the event
    from_text: np.ndarray                  # bool: dated by its own sentence (date_source "text"), not the story
    pair_event: np.ndarray                 # int32: one (event, place) pair per place of an event
    pair_place: np.ndarray                 # int32
    places: pd.DataFrame                   # index -> place_key, place, country, kind, lat, lon, geonameid
    place_country: np.ndarray              # int16, index into countries
    order: np.ndarray                      # event indices by (start, end), undated last: the table's order
    revision: int = -1                     # the store's revision they were read at (dashboard.queries), -1 unknown

    def __len__(self) -> int:
        return len(self.document)

    def key_of(self, event: int) -> tuple[str, int]:
        return self.document_ids[self.document[event]], int(self.position[event])


# --- building the columns from a store ----------------------------------------------------------

def load(store: Store, country_points: dict[str, tuple[float, float]] | None = None) -> EventColumns:
    """Read every event of `store` into columns: two SQL queries that hand back integers only
    (documents and places numbered in SQL, days counted from 1970 in SQL), read in chunks
    straight into NumPy arrays, so that no string or row object per event is ever made.
    `country_points` gives a country stored without coordinates its label point."""
    from pathlib import Path

    with store.engine.connect() as conn:
        documents = conn.execute(sa.select(schema.documents.c.id, schema.documents.c.title, schema.documents.c.path)
                                 .order_by(*_DOCUMENT_ORDER)).all()
        stored_places = conn.execute(sa.select(schema.places).order_by(schema.places.c.key)).all()
        catalogue = _Catalogue(country_points or {})
        # Stored place number -> the catalogue's; -1 (none) picks the sentinel at the end.
        place_of_stored = np.array([catalogue.index(_contract_place(p)) for p in stored_places] + [_NO_PLACE],
                                   dtype=np.int32)
        events = _read_numbers(conn, _event_numbers(store.is_sqlite), 8)
        pairs = _read_numbers(conn, _pair_numbers(), 4)
        granularities = list(GRANULARITIES)
        if (events[:, 4] < 0).any():                    # a granularity the contract does not list: read by name
            _name_granularities(conn, events, granularities)
    document_index = pd.Index([d.id for d in documents])
    stride = int(events[:, 1].max()) + 1 if len(events) else 1
    event_keys = events[:, 0].astype(np.int64) * stride + events[:, 1]
    if (np.diff(event_keys) < 0).any():       # stores hand them back as written, mostly: in order
        order = np.argsort(event_keys, kind="stable")
        events, event_keys = events[order], event_keys[order]
    pair_event = np.searchsorted(event_keys, pairs[:, 0].astype(np.int64) * stride + pairs[:, 1]).astype(np.int32)
    titles = tuple(display_title(d.title or (Path(d.path).name if d.path else d.id)) for d in documents)
    columns = _Columns(
        document=events[:, 0].copy(), position=events[:, 1].copy(), start=events[:, 2].astype(np.int64),
        end=events[:, 3].astype(np.int64), granularity=granularities, granularity_codes=events[:, 4].astype(np.int16),
        origin=place_of_stored[events[:, 5]], destination=place_of_stored[events[:, 6]],
        corrected=np.zeros(len(events), bool), from_text=events[:, 7].astype(bool),
        pair_event=pair_event, pair_order=pairs[:, 2].copy(), pair_place=place_of_stored[pairs[:, 3]])
    del events, pairs
    _lay_corrections(store, columns, catalogue, document_index, event_keys, stride)
    frozen = columns.freeze(tuple(document_index), titles, catalogue)
    del columns
    _give_back_memory()
    return frozen


def _give_back_memory() -> None:
    """Hand the heap freed while reading back to the system. glibc keeps freed memory for
    reuse: after reading a million events the server's resident set stayed ~130 MB above what
    it holds until malloc_trim. Elsewhere (no glibc) nothing is done."""
    import ctypes
    import ctypes.util

    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


# The granularities of the contract (docs/output.md), numbered in SQL in this order.
GRANULARITIES = ("day", "week", "month", "quarter", "year", "range", "decade")
_DOCUMENT_ORDER = (schema.documents.c.added_at, schema.documents.c.id)


def _numbered_documents() -> sa.Subquery:
    """documents.id -> its number in the order `load` lists the documents (from 0)."""
    number = sa.func.row_number().over(order_by=_DOCUMENT_ORDER) - 1
    return sa.select(schema.documents.c.id, number.label("number")).subquery()


def _numbered_places(name: str) -> sa.Subquery:
    """places.key -> its number in key order (from 0), as `load` reads the places."""
    number = sa.func.row_number().over(order_by=schema.places.c.key) - 1
    return sa.select(schema.places.c.key, number.label("number")).subquery(name)


def _day(column: sa.ColumnElement, is_sqlite: bool) -> sa.ColumnElement:
    """A stored day as days since 1970-01-01, NO_DAY for none: SQLite keeps ISO text (julianday
    counts from noon, 4714 BC), PostgreSQL dates (a date minus a date is days)."""
    if is_sqlite:
        days = sa.cast(sa.func.julianday(column) - 2440587.5, sa.Integer)
    else:
        days = column - sa.literal_column("DATE '1970-01-01'")
    return sa.func.coalesce(days, int(NO_DAY))


def _event_numbers(is_sqlite: bool) -> sa.Select:
    """One row of integers per event: document number, position, start and end day,
    granularity number (-1: not in GRANULARITIES), origin and destination place number (-1:
    none), dated by its own sentence (1) or by its story (0)."""
    events = schema.events
    documents, origins, destinations = _numbered_documents(), _numbered_places("origins"), _numbered_places("ends")
    granularity = sa.case({name: number for number, name in enumerate(GRANULARITIES)}, value=events.c.granularity,
                          else_=-1)
    return (sa.select(documents.c.number, events.c.position, _day(events.c.start_day, is_sqlite),
                      _day(events.c.end_day, is_sqlite), granularity, sa.func.coalesce(origins.c.number, -1),
                      sa.func.coalesce(destinations.c.number, -1),
                      sa.case((events.c.date_source == "text", 1), else_=0))
            .select_from(events.join(documents, documents.c.id == events.c.document_id)
                         .outerjoin(origins, origins.c.key == events.c.origin_key)
                         .outerjoin(destinations, destinations.c.key == events.c.destination_key)))


def _pair_numbers() -> sa.Select:
    """One row of integers per (event, place): document number, event position, the place's
    position among the event's, place number."""
    pairs = schema.event_places
    documents, places = _numbered_documents(), _numbered_places("places_numbered")
    return (sa.select(documents.c.number, pairs.c.event_position, pairs.c.position,
                      sa.func.coalesce(places.c.number, -1))
            .select_from(pairs.join(documents, documents.c.id == pairs.c.document_id)
                         .outerjoin(places, places.c.key == pairs.c.place_key)))


def _read_numbers(conn: sa.Connection, query: sa.Select, width: int) -> np.ndarray:
    """The rows of `query` (integers only) as an int32 array of `width` columns, read through
    the database driver's own cursor in chunks: SQLAlchemy's Row objects would triple the time,
    and a million rows of Python objects at once would take hundreds of megabytes."""
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.dbapi_connection.cursor()
    chunks = []
    try:
        cursor.execute(sql)
        while part := cursor.fetchmany(_CHUNK):
            chunks.append(np.array(part, dtype=np.int32).reshape(-1, width))
    finally:
        cursor.close()
    return np.concatenate(chunks) if chunks else np.zeros((0, width), np.int32)


def _name_granularities(conn: sa.Connection, events: np.ndarray, granularities: list[str]) -> None:
    """Number the granularities not in GRANULARITIES (appended to `granularities`) in the
    events read by `load` (its array, in SQL order, before sorting)."""
    table = schema.events
    documents = _numbered_documents()
    rows = conn.execute(sa.select(documents.c.number, table.c.position, table.c.granularity)
                        .select_from(table.join(documents, documents.c.id == table.c.document_id))
                        .where(table.c.granularity.not_in(GRANULARITIES))).all()
    where = {(int(e[0]), int(e[1])): i for i, e in enumerate(events) if e[4] < 0}
    for number, position, name in rows:
        if name not in granularities:
            granularities.append(name)
        if (number, position) in where:
            events[where[(number, position)], 4] = granularities.index(name)


def _contract_place(row) -> dict:
    """A row of the store's places table as the contract's place dict."""
    return Place(row.name, row.lat, row.lon, row.country_code, row.kind, row.geonameid).to_dict()


class _Catalogue:
    """The places by the dashboard's key, in order of first sight (a builder used by load)."""

    def __init__(self, country_points: dict[str, tuple[float, float]]) -> None:
        self.rows: list[dict] = []
        self.by_key: dict[str, int] = {}
        self.country_points = country_points

    def index(self, place: dict) -> int:
        key = place_key(place)
        if key not in self.by_key:
            lat, lon = place.get("lat"), place.get("lon")
            if place.get("kind") == "country" and not lat and not lon:
                lon, lat = self.country_points.get(place.get("country_code") or "", (lon, lat))
            self.by_key[key] = len(self.rows)
            self.rows.append({"place_key": key, "place": place.get("name"), "country": place.get("country_code") or "",
                              "kind": place.get("kind"), "lat": lat, "lon": lon, "geonameid": place.get("geonameid")})
        return self.by_key[key]


@dataclass
class _Columns:
    """The mutable columns while they are built; `freeze` makes the EventColumns."""
    document: np.ndarray
    position: np.ndarray
    start: np.ndarray
    end: np.ndarray
    granularity: list[str]
    granularity_codes: np.ndarray
    origin: np.ndarray
    destination: np.ndarray
    corrected: np.ndarray
    from_text: np.ndarray
    pair_event: np.ndarray
    pair_order: np.ndarray
    pair_place: np.ndarray

    def freeze(self, document_ids: tuple[str, ...], titles: tuple[str, ...], catalogue: _Catalogue) -> EventColumns:
        places = pd.DataFrame(catalogue.rows, columns=["place_key", "place", "country", "kind", "lat", "lon",
                                                       "geonameid"])
        places["lat"] = places["lat"].astype(float)
        places["lon"] = places["lon"].astype(float)
        # An origin or a destination is a place of its event too (listed after its places).
        extra_event, extra_place, extra_order = [self.pair_event], [self.pair_place], [self.pair_order]
        for rank, end in enumerate((self.origin, self.destination)):
            has = np.flatnonzero(end >= 0)
            extra_event.append(has.astype(np.int32))
            extra_place.append(end[has])
            extra_order.append(np.full(len(has), 1_000_000 + rank, np.int32))
        pair_event, pair_place, pair_order = (np.concatenate(a) for a in (extra_event, extra_place, extra_order))
        keep = pair_place >= 0
        pair_event, pair_place, pair_order = pair_event[keep], pair_place[keep], pair_order[keep]
        sort = np.lexsort((pair_order, pair_event))
        pair_event, pair_place = pair_event[sort], pair_place[sort]
        # One pair per (event, place), the first kept.
        combined = pair_event.astype(np.int64) * max(len(places), 1) + pair_place
        _, first = np.unique(combined, return_index=True)
        first.sort()
        pair_event, pair_place = pair_event[first], pair_place[first]
        countries = ("",) + tuple(sorted(set(places["country"]) - {""}))
        country_index = {code: i for i, code in enumerate(countries)}
        place_country = np.array([country_index[c] for c in places["country"]], dtype=np.int16)
        # The event's country: its first place with a country, as the events table shows it.
        event_country = np.zeros(len(self.document), np.int16)
        with_country = place_country[pair_place] > 0 if len(pair_place) else np.zeros(0, bool)
        events_with, at = np.unique(pair_event[with_country], return_index=True)
        event_country[events_with] = place_country[pair_place[with_country][at]]
        dated = (self.start != NO_DAY) & (self.end != NO_DAY)
        # The table's order: by start, then end, undated last; ties keep the store's order.
        never = np.iinfo(np.int64).max
        order = np.lexsort((np.where(dated, self.end, never), np.where(dated, self.start, never)))
        arrays = dict(document=self.document, position=self.position, start=self.start.astype(np.int32),
                      end=self.end.astype(np.int32), dated=dated, granularity=self.granularity_codes.astype(np.int8),
                      country=event_country, origin=self.origin, destination=self.destination,
                      corrected=self.corrected, from_text=self.from_text, pair_event=pair_event, pair_place=pair_place,
                      place_country=place_country, order=order.astype(np.int32))
        for array in arrays.values():
            array.flags.writeable = False
        return EventColumns(document_ids=document_ids, titles=titles, granularities=tuple(self.granularity),
                            countries=countries, places=places, **arrays)


def _lay_corrections(store: Store, columns: _Columns, catalogue: _Catalogue, document_index: pd.Index,
                     event_keys: np.ndarray, stride: int) -> None:
    """Lay users' corrections over the columns: the corrected documents' events are read as the
    store's event rows (which carry the corrections, matched as the store matches them) and
    their dates and places replace the stored ones."""
    corrected_documents = sorted({c["document_id"] for c in store.corrections()})
    if not corrected_documents:
        return
    changed_events, new_pairs = [], []
    for document_id in corrected_documents:
        number = document_index.get_loc(document_id) if document_id in document_index else None
        if number is None:
            continue
        first, last = np.searchsorted(event_keys, [number * stride, (number + 1) * stride])
        rows = store.event_rows(document_ids=[document_id])
        # event_rows lists a document's events in text order: the order of its columns.
        for event, row in zip(range(first, last), rows):
            if not row["corrected"]:
                continue
            columns.corrected[event] = True
            columns.start[event] = (dt.date.fromisoformat(row["start"]) - EPOCH).days if row["start"] else NO_DAY
            columns.end[event] = (dt.date.fromisoformat(row["end"]) - EPOCH).days if row["end"] else NO_DAY
            if row["granularity"] not in columns.granularity:
                columns.granularity.append(row["granularity"])
            columns.granularity_codes[event] = columns.granularity.index(row["granularity"])
            columns.origin[event] = catalogue.index(row["origin"]) if row["origin"] else _NO_PLACE
            columns.destination[event] = catalogue.index(row["destination"]) if row["destination"] else _NO_PLACE
            changed_events.append(event)
            new_pairs += [(event, order, catalogue.index(p)) for order, p in enumerate(row["places"])]
    if changed_events:
        keep = ~np.isin(columns.pair_event, changed_events)
        added = np.array(new_pairs, dtype=np.int32).reshape(-1, 3)
        columns.pair_event = np.concatenate([columns.pair_event[keep], added[:, 0]])
        columns.pair_order = np.concatenate([columns.pair_order[keep], added[:, 1]])
        columns.pair_place = np.concatenate([columns.pair_place[keep], added[:, 2]])


# --- choosing events --------------------------------------------------------------------------

def select(columns: EventColumns, *, start: dt.date | None = None, end: dt.date | None = None,
           include_undated: bool = False, include_story_dated: bool = True, countries=(), places=(), documents=(),
           matching: np.ndarray | None = None, span: tuple[dt.date, dt.date] | None = None,
           place_keys=()) -> np.ndarray:
    """A boolean mask of the events that pass the filters (as dashboard.filters.apply keeps
    them): a dated event passes a date range or a brushed span when its interval overlaps it;
    an undated one only with include_undated (and never a span); an event dated by its story
    (date_source) unless include_story_dated is off; `matching` are the indices of
    the events a text search found; `place_keys` the places picked on the map."""
    keep = np.ones(len(columns), bool)
    if start or end:
        in_range = columns.dated.copy()
        if start:
            in_range &= columns.end >= (start - EPOCH).days
        if end:
            in_range &= columns.start <= (end - EPOCH).days
        keep &= in_range | (~columns.dated & include_undated)
    elif not include_undated:
        keep &= columns.dated
    if not include_story_dated:
        keep &= columns.from_text
    if span is not None:
        keep &= columns.dated & (columns.end >= (span[0] - EPOCH).days) & (columns.start <= (span[1] - EPOCH).days)
    if documents:
        wanted = np.isin(np.array(columns.document_ids, dtype=object), list(documents))
        keep &= wanted[columns.document]
    if countries or places:
        at = np.ones(len(columns.places), bool)
        if countries:
            at &= columns.places["country"].isin(list(countries)).to_numpy()
        if places:
            at &= columns.places["place"].isin(list(places)).to_numpy()
        keep &= _events_at(columns, at)
    if place_keys:
        keep &= _events_at(columns, columns.places["place_key"].isin(list(place_keys)).to_numpy())
    if matching is not None:
        found = np.zeros(len(columns), bool)
        found[matching] = True
        keep &= found
    return keep


def _events_at(columns: EventColumns, places: np.ndarray) -> np.ndarray:
    """A mask of the events with at least one of the places in the `places` mask."""
    found = np.zeros(len(columns), bool)
    found[columns.pair_event[places[columns.pair_place]]] = True
    return found


def text_matches(store: Store, columns: EventColumns, text: str) -> np.ndarray:
    """Indices of the events whose sentence, place names or document title contain `text`
    (case-insensitively): sentences searched in SQL, names and titles in memory."""
    needle = text.casefold()
    events = schema.events
    with store.engine.connect() as conn:
        found = conn.execute(sa.select(events.c.document_id, events.c.position)
                             .where(sa.func.lower(events.c.sentence).contains(needle, autoescape=True))).all()
    hits = np.zeros(len(columns), bool)
    if found:
        frame = pd.DataFrame(found, columns=["document", "position"])
        document = pd.Index(columns.document_ids).get_indexer(frame["document"])
        hits[_event_index(columns, document, frame["position"].to_numpy())] = True
    # SQL's lower() folds ASCII only: sentences with other capitals are checked here too.
    named = columns.places["place"].fillna("").str.casefold().str.contains(needle, regex=False).to_numpy()
    hits |= _events_at(columns, named)
    titled = np.array([needle in title.casefold() for title in columns.titles], dtype=bool)
    if titled.any():
        hits |= titled[columns.document]
    return np.flatnonzero(hits)


def _event_index(columns: EventColumns, document: np.ndarray, position: np.ndarray) -> np.ndarray:
    stride = int(columns.position.max()) + 1 if len(columns) else 1
    keys = columns.document.astype(np.int64) * stride + columns.position
    wanted = document.astype(np.int64) * stride + position
    at = np.searchsorted(keys, wanted)
    ok = (document >= 0) & (at < len(keys))
    ok[ok] &= keys[at[ok]] == wanted[ok]
    return at[ok]


# --- what the views draw ----------------------------------------------------------------------

def place_counts(columns: EventColumns, mask: np.ndarray) -> pd.DataFrame:
    """One row per place with events in `mask`: place_key, place, country, kind, lat, lon, events."""
    chosen = mask[columns.pair_event]
    counts = np.bincount(columns.pair_place[chosen], minlength=len(columns.places))
    found = np.flatnonzero(counts)
    marks = columns.places.iloc[found][["place_key", "place", "country", "kind", "lat", "lon"]].copy()
    marks["events"] = counts[found]
    return marks.loc[marks["lat"].notna()].reset_index(drop=True)


def arc_counts(columns: EventColumns, mask: np.ndarray) -> pd.DataFrame:
    """One row per (origin, destination) pair with movements in `mask`, busiest first."""
    moving = mask & (columns.origin >= 0) & (columns.destination >= 0)
    size = max(len(columns.places), 1)
    pairs, counts = np.unique(columns.origin[moving].astype(np.int64) * size + columns.destination[moving],
                              return_counts=True)
    origin, destination = pairs // size, pairs % size
    ends = columns.places[["place_key", "place", "country", "lon", "lat"]]
    frame = pd.concat([ends.iloc[origin].reset_index(drop=True).add_suffix("_o"),
                       ends.iloc[destination].reset_index(drop=True).add_suffix("_d")], axis=1)
    frame["events"] = counts
    return frame.sort_values("events", ascending=False, kind="stable").reset_index(drop=True)


def time_unit(first: int, last: int, max_bins: int = MAX_BINS) -> str:
    """The finest unit that counts days first..last in at most `max_bins` bins."""
    for unit in UNITS:
        if len(bin_edges(first, last, unit)) - 1 <= max_bins:
            return unit
    return UNITS[-1]


def bin_edges(first: int, last: int, unit: str) -> np.ndarray:
    """Days (since 1970) where the bins of `unit` covering days first..last begin, and the day
    after the last bin."""
    if unit == "day":
        return np.arange(first, last + 2, dtype=np.int64)
    step = {"month": 1, "quarter": 3, "year": 12}[unit]
    months = np.datetime64(EPOCH, "D") + np.array([first, last], dtype="timedelta64[D]")
    lo, hi = months.astype("datetime64[M]").astype(np.int64)
    lo -= lo % step
    starts = np.arange(lo, hi + step + 1, step).astype("datetime64[M]")
    return starts.astype("datetime64[D]").astype(np.int64)


def time_bins(columns: EventColumns, mask: np.ndarray, *, top: int = 9, window: tuple[int, int] | None = None,
              max_bins: int = MAX_BINS) -> tuple[pd.DataFrame, str]:
    """Events per time bin and country, counting an event in every bin its interval overlaps
    (a year-precision event adds one to each bin of its year, rather than a spike on 1 January).

    The bins cover `window` (first, last days) or else the span of the dated events in `mask`,
    at the finest unit giving at most `max_bins`; the countries are the `top` with most events
    and "" (other and no country). Returns (frame of start, until (dates), country, events;
    unit)."""
    chosen = mask & columns.dated
    empty = pd.DataFrame({"start": pd.Series(dtype="datetime64[s]"), "until": pd.Series(dtype="datetime64[s]"),
                          "country": pd.Series(dtype=object), "events": pd.Series(dtype=np.int64)})
    if not chosen.any():
        return empty, "day"
    starts, ends = columns.start[chosen].astype(np.int64), columns.end[chosen].astype(np.int64)
    first, last = window if window is not None else (int(starts.min()), int(ends.max()))
    inside = (ends >= first) & (starts <= last)
    starts, ends, country = starts[inside], ends[inside], columns.country[chosen][inside]
    if not len(starts):
        return empty, "day"
    unit = time_unit(first, last, max_bins)
    edges = bin_edges(first, last, unit)
    bins = len(edges) - 1
    first_bin, last_bin = _bin_of(starts, edges, first, last), _bin_of(ends, edges, first, last)
    # The busiest countries get a colour each; the rest, and events with no country, are "other".
    totals = np.bincount(country, minlength=len(columns.countries))
    totals[0] = 0
    leaders = [c for c in np.argsort(-totals, kind="stable")[:top] if totals[c] > 0]
    group_of = np.zeros(len(columns.countries), np.int64)
    group_of[leaders] = np.arange(1, len(leaders) + 1)
    group = group_of[country]
    groups = len(leaders) + 1
    # A difference array: +1 at each event's first bin, -1 after its last; a running sum counts.
    width = bins + 1
    difference = (np.bincount(group * width + first_bin, minlength=groups * width)
                  - np.bincount(group * width + last_bin + 1, minlength=groups * width)).reshape(groups, width)
    counts = np.cumsum(difference, axis=1)[:, :bins]
    group_index, bin_index = np.nonzero(counts)
    codes = [""] + [columns.countries[c] for c in leaders]
    frame = pd.DataFrame({
        "start": (np.datetime64(EPOCH, "D") + edges[bin_index].astype("timedelta64[D]")).astype("datetime64[s]"),
        "until": (np.datetime64(EPOCH, "D") + edges[bin_index + 1].astype("timedelta64[D]")).astype("datetime64[s]"),
        "country": [codes[g] for g in group_index], "events": counts[group_index, bin_index]})
    return frame, unit


def mask_digest(mask: np.ndarray) -> str:
    """A digest of a mask over the events (which are in it), to cache what is computed from it:
    a millisecond at a million events, where the time bins take tens."""
    return hashlib.blake2b(np.packbits(mask).tobytes() + len(mask).to_bytes(8, "little"), digest_size=16).hexdigest()


def _bin_of(days: np.ndarray, edges: np.ndarray, first: int, last: int) -> np.ndarray:
    """The bin of each day (days before the first bin in the first, after the last in the last):
    looked up in a table of the window's days when it is not too long (a gather is several
    times faster than a binary search per event), else searched."""
    bins = len(edges) - 1
    if last - first < 400_000:
        table = np.clip(np.searchsorted(edges, np.arange(first, last + 1), side="right") - 1, 0, bins - 1)
        return table[np.clip(days - first, 0, last - first)]
    return np.clip(np.searchsorted(edges, days, side="right") - 1, 0, bins - 1)


def page(columns: EventColumns, mask: np.ndarray, number: int, size: int) -> list[tuple[str, int]]:
    """The keys (document id, position) of the events on page `number` (from 0) of the table of
    the events in `mask`, in the table's order."""
    ordered = columns.order[mask[columns.order]]
    return [columns.key_of(int(i)) for i in ordered[number * size:(number + 1) * size]]


def country_counts(columns: EventColumns, mask: np.ndarray) -> dict[str, int]:
    """{country code: (event, place) pairs} of the events in `mask` (what the colours rank by)."""
    counts = np.bincount(columns.place_country[columns.pair_place[mask[columns.pair_event]]],
                         minlength=len(columns.countries))
    return {code: int(n) for code, n in zip(columns.countries, counts) if n}


def find(store: Store, columns: EventColumns, mask: np.ndarray, event_id: str) -> tuple[str, int] | None:
    """The key of the event with id `event_id` among the events in `mask`, or None."""
    with store.engine.connect() as conn:
        found = conn.execute(sa.select(schema.events.c.document_id, schema.events.c.position)
                             .where(schema.events.c.id == event_id)).all()
    if not found:
        return None
    document = pd.Index(columns.document_ids).get_indexer([d for d, _ in found])
    for event in _event_index(columns, document, np.array([p for _, p in found])):
        if mask[event]:
            return columns.key_of(int(event))
    return None


def document_list(store: Store) -> list[dict]:
    """Every document's id, title, path, language and publication day, newest first (as
    Store.documents lists them), without its length: SQLite's length() of a text reads it
    whole, 60 MB at a million events (0.14 s of a cold first render)."""
    table = schema.documents
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(table.c.id, table.c.title, table.c.path, table.c.lang, table.c.published)
                            .order_by(table.c.added_at.desc(), table.c.id)).all()
    return [{"id": r.id, "title": r.title, "path": r.path, "lang": r.lang, "published": iso_day(r.published)}
            for r in rows]


def document_ids(columns: EventColumns, mask: np.ndarray) -> list[str]:
    """The ids of the documents holding events in `mask`."""
    held = np.bincount(columns.document[mask], minlength=len(columns.document_ids))
    return [columns.document_ids[d] for d in np.flatnonzero(held)]


def span_of(columns: EventColumns, mask: np.ndarray) -> tuple[dt.date, dt.date] | None:
    """The first start and the last end of the dated events in `mask`."""
    chosen = mask & columns.dated
    if not chosen.any():
        return None
    return (EPOCH + dt.timedelta(days=int(columns.start[chosen].min())),
            EPOCH + dt.timedelta(days=int(columns.end[chosen].max())))


def place_total(columns: EventColumns, mask: np.ndarray) -> int:
    """How many distinct places the events in `mask` have."""
    return int(np.count_nonzero(np.bincount(columns.pair_place[mask[columns.pair_event]],
                                            minlength=len(columns.places))))


def page_rows(store: Store, columns: EventColumns, keys: list[tuple[str, int]]) -> list[dict]:
    """The store's event rows (Store.event_rows, corrections laid over) of the events `keys`
    name, in that order. A document with corrections is read whole, so that they are matched
    to its events as the store matches them."""
    if not keys:
        return []
    corrected = {columns.document_ids[d] for d in np.unique(columns.document[columns.corrected])}
    document_index = {d: i for i, d in enumerate(columns.document_ids)}
    found: dict[tuple[str, int], dict] = {}
    plain = sorted((k for k in keys if k[0] not in corrected), key=lambda k: (document_index[k[0]], k[1]))
    if plain:
        # Rows come in the store's order (documents as added, events by position): the keys' order.
        found.update(zip(plain, store.event_rows(keys=plain)))
    for document_id in sorted({k[0] for k in keys} & corrected):
        positions = np.sort(columns.position[columns.document == document_index[document_id]])
        found.update(zip(((document_id, int(p)) for p in positions), store.event_rows(document_ids=[document_id])))
    return [found[key] for key in keys if key in found]


def rows_of(store: Store, columns: EventColumns, mask: np.ndarray, batch: int = 200) -> list[dict]:
    """The store's event rows of every event in `mask`, in the store's order (for the exports):
    read a few documents at a time, whose rows come in the order of their columns."""
    rows = []
    documents = np.unique(columns.document[mask])
    for at in range(0, len(documents), batch):
        chunk = documents[at:at + batch]
        events = np.flatnonzero(np.isin(columns.document, chunk))
        read = store.event_rows(document_ids=[columns.document_ids[d] for d in chunk])
        rows += [row for event, row in zip(events, read) if mask[event]]
    return rows
