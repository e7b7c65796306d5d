"""The aggregates the dashboard draws (map marks, arcs, time bins, table pages) against the
row-level data (Store.event_rows as DataFrames, filtered by dashboard.filters) for the same
filters, on SQLite and on PostgreSQL."""
from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pandas as pd
import pytest

from dashboard import aggregates, filters, queries
from dashboard.formats import date_labels
from extract.records import Analysis, DateMention, Document, Event, Place, PlaceMention, place_key
from extract.store import Store
from tests.dashboard.corpus import DUNAY, NAJIN, PYONGYANG, RUSSIA, VOSTOCHNY, corpus
from tests.store.conftest import postgres_server, store_url  # noqa: F401  (fixtures)

TARTUS = Place("Tartus", 34.889, 35.887, "SY", "city", 163345)
NOWHERE = Place("Unnamed shoal", 10.0, 114.0, None, "site", None)
PLACES = (PYONGYANG, NAJIN, DUNAY, VOSTOCHNY, RUSSIA, TARTUS, NOWHERE)


def synthetic(seed: int, events: int = 120) -> Analysis:
    """A story whose events have every granularity (years, months and ranges across bins, undated
    ones), one or two places, and movements."""
    chooser = random.Random(seed)
    sentences, found, dates, mentions, at = [], [], [], [], 0
    for number in range(events):
        kind = chooser.choice(["day", "day", "month", "range", "year", "undated"])
        start = dt.date(2021, 1, 1) + dt.timedelta(days=chooser.randrange(3 * 365))
        end = {"day": start, "month": (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
               - dt.timedelta(days=1), "range": start + dt.timedelta(days=chooser.randrange(2, 90)),
               "year": dt.date(start.year, 12, 31), "undated": None}[kind]
        start = {"month": start.replace(day=1), "year": dt.date(start.year, 1, 1), "undated": None}.get(kind, start)
        here = tuple(dict.fromkeys(chooser.choices(PLACES, k=chooser.choice((1, 2, 2)))))
        date_text = f"D{number}"
        sentence = f"Event {number} at {here[0].name} on {date_text}."
        date = DateMention(date_text, at + sentence.index(date_text), at + sentence.index(date_text) + len(date_text),
                           start, end, "day" if kind == "undated" else kind)
        mention = PlaceMention(here[0].name, at + sentence.index(here[0].name),
                               at + sentence.index(here[0].name) + len(here[0].name), here[0], 0.9)
        movement = len(here) == 2 and chooser.random() < 0.5
        found.append(Event(f"s{seed}-{number}", sentence, at, at + len(sentence), date, here,
                           here[0] if movement else None, here[1] if movement else None, (mention,),
                           date_source=chooser.choice(["text", "text", "story"])))
        dates.append(date)
        mentions.append(mention)
        sentences.append(sentence)
        at += len(sentence) + 1
    document = Document(" ".join(sentences), "en", dt.date(2024, 1, seed + 1), title=f"Story {seed}")
    return Analysis(document, tuple(dates), tuple(mentions), tuple(found))


@pytest.fixture
def filled(store_url):
    """A store with the dashboard's test corpus, three synthetic stories and two corrections
    (one moves an event's date, one its places)."""
    with Store(store_url) as store:
        for analysis in [*corpus().values(), synthetic(1), synthetic(2), synthetic(3)]:
            store.write(analysis)
        rows = store.event_rows()
        story = next(r for r in rows if r["document_title"] == "Story 2")
        store.correct(story["event_id"], start="2019-05-01", end="2019-05-03", document_id=story["document_id"])
        other = [r for r in rows if r["document_title"] == "Story 3"][5]
        store.correct(other["event_id"], places=[TARTUS], document_id=other["document_id"])
        yield store


def reference(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    return queries._frames(store.event_rows())


FILTERS = {
    "none": filters.Filters(),
    "undated too": filters.Filters(include_undated=True),
    "a date range": filters.Filters(start=dt.date(2022, 3, 1), end=dt.date(2022, 9, 30)),
    "a range with undated": filters.Filters(start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31),
                                            include_undated=True),
    "a country": filters.Filters(countries=("RU",)),
    "countries and a range": filters.Filters(countries=("KP", "SY"), start=dt.date(2023, 1, 1)),
    "a place": filters.Filters(places=("Tartus", "Najin")),
    "a document": filters.Filters(documents=("Story 2", "Story 3")),      # titles, made ids below
    "text": filters.Filters(text="event 1"),
    "arabic text": filters.Filters(text="بيونغ"),
    "no story-dated events": filters.Filters(include_story_dated=False),
    "dated by their own sentence, undated too": filters.Filters(include_story_dated=False, include_undated=True),
}


def chosen(store, columns, wanted: filters.Filters, span=None, place_keys=()):
    matching = aggregates.text_matches(store, columns, wanted.text) if wanted.text else None
    return aggregates.select(columns, start=wanted.start, end=wanted.end, include_undated=wanted.include_undated,
                             include_story_dated=wanted.include_story_dated,
                             countries=wanted.countries, places=wanted.places, documents=wanted.documents,
                             matching=matching, span=span, place_keys=place_keys)


def reference_events(events, places, wanted, span=None, place_keys=()):
    shown = filters.within(filters.apply(events, places, wanted), span)
    return filters.at_places(shown, places, list(place_keys))


@pytest.mark.parametrize("name", list(FILTERS))
def test_every_aggregate_counts_what_the_rows_hold(filled, name):
    columns = aggregates.load(filled, queries.country_points())
    events, places = reference(filled)
    wanted = FILTERS[name]
    if wanted.documents:
        ids = dict(zip(events["document"], events["document_id"]))
        wanted = filters.Filters(documents=tuple(ids[title] for title in wanted.documents))
    mask = chosen(filled, columns, wanted)
    shown = reference_events(events, places, wanted)
    assert mask.sum() == len(shown) > 0
    # Map marks: events per place.
    located = places.loc[places["row"].isin(shown["row"])].drop_duplicates(["place_key", "row"])
    expected = located.groupby("place_key")["row"].size().to_dict()
    marks = aggregates.place_counts(columns, mask)
    assert dict(zip(marks["place_key"], marks["events"])) == expected
    assert aggregates.place_total(columns, mask) == len(expected)
    first = located.drop_duplicates("place_key").set_index("place_key")
    for mark in marks.itertuples():
        assert (mark.lat, mark.lon, mark.place) == pytest.approx((first.at[mark.place_key, "lat"],
                                                                  first.at[mark.place_key, "lon"],
                                                                  first.at[mark.place_key, "place"]))
    # Arcs: movements per (origin, destination).
    pairs = located.loc[located["role"] == "origin"].merge(located.loc[located["role"] == "destination"], on="row")
    expected = pairs.groupby(["place_key_x", "place_key_y"])["row"].nunique().to_dict()
    arcs = aggregates.arc_counts(columns, mask)
    assert dict(zip(zip(arcs["place_key_o"], arcs["place_key_d"]), arcs["events"])) == expected
    # Time bins: an event counts in every bin its interval overlaps.
    bins, unit = aggregates.time_bins(columns, mask, top=2)
    dated = shown.loc[shown["dated"]]
    leaders = dated.loc[dated["country"] != "", "country"].value_counts()
    leaders = leaders[leaders.index.isin(set(bins["country"]) - {""})]
    assert len(leaders) <= 2
    for row in bins.itertuples():
        inside = dated.loc[(dated["start"] < row.until) & (dated["end"] >= row.start)]
        group = inside["country"].where(inside["country"].isin(leaders.index), "")
        assert row.events == (group == row.country).sum()
    covered = bins.groupby("start")["events"].sum()
    assert len(covered) <= aggregates.MAX_BINS
    # The table, one page at a time, in the order the table sorts the events.
    ordered = shown.sort_values(["start", "end"], na_position="last", kind="stable")
    size = 7
    for number in (0, 1, len(ordered) // size):
        keys = aggregates.page(columns, mask, number, size)
        rows = aggregates.page_rows(filled, columns, keys)
        assert [r["event_id"] for r in rows] == list(ordered["event_id"].iloc[number * size:(number + 1) * size])
        assert date_labels(queries._frames(rows)[0]).tolist() == \
            date_labels(ordered).iloc[number * size:(number + 1) * size].tolist()


def test_a_brushed_span_and_places_picked_on_the_map(filled):
    columns = aggregates.load(filled, queries.country_points())
    events, places = reference(filled)
    span = (dt.date(2022, 1, 1), dt.date(2022, 2, 28))
    keys = ("gn:2044757", "gn:1871859")                 # Najin, Pyongyang
    mask = chosen(filled, columns, filters.Filters(), span=span, place_keys=keys)
    expected = reference_events(events, places, filters.Filters(), span=span, place_keys=keys)
    assert mask.sum() == len(expected) > 0
    assert set(columns.key_of(i)[0] for i in np.flatnonzero(mask)) == set(expected["document_id"])


def test_the_document_list_is_the_stores_without_reading_the_texts(filled):
    fields = ("id", "title", "path", "lang", "published")
    assert aggregates.document_list(filled) == [{name: d[name] for name in fields}
                                                for d in filled.documents(counts=False)]


def test_corrections_are_laid_over_the_counts(filled):
    columns = aggregates.load(filled, queries.country_points())
    mask = aggregates.select(columns, start=dt.date(2019, 5, 1), end=dt.date(2019, 5, 31))
    assert mask.sum() == 1 and columns.corrected[mask].all()
    marks = aggregates.place_counts(columns, aggregates.select(columns, places=("Tartus",)))
    events, places = reference(filled)
    dated = events.loc[events["dated"], "row"]
    tartus = places.loc[(places["place"] == "Tartus") & places["row"].isin(dated), "row"].nunique()
    assert marks.loc[marks["place"] == "Tartus", "events"].tolist() == [tartus]


@pytest.mark.parametrize(("first", "last", "unit"), [
    ("2023-09-01", "2023-09-30", "day"),
    ("2022-01-01", "2024-03-31", "month"),
    ("2015-01-01", "2024-12-31", "month"),
    ("1900-01-01", "2024-12-31", "quarter"),
    ("1800-01-01", "2024-12-31", "year"),
])
def test_the_timeline_has_at_most_500_bins_at_the_finest_unit(first, last, unit):
    days = [(dt.date.fromisoformat(d) - aggregates.EPOCH).days for d in (first, last)]
    assert aggregates.time_unit(*days) == unit
    edges = aggregates.bin_edges(*days, unit)
    assert len(edges) - 1 <= aggregates.MAX_BINS and edges[0] <= days[0] and edges[-1] > days[1]


def test_bins_nest_in_the_calendar_so_a_year_never_straddles_one():
    days = [(dt.date.fromisoformat(d) - aggregates.EPOCH).days for d in ("2019-03-05", "2024-11-20")]
    unit = aggregates.time_unit(*days)
    starts = np.datetime64(aggregates.EPOCH, "D") + np.array(aggregates.bin_edges(*days, unit), dtype="timedelta64[D]")
    assert all(str(day).endswith("-01") for day in starts)
    assert np.datetime64("2020-01-01") in starts and np.datetime64("2021-01-01") in starts


def test_a_year_precision_event_is_spread_over_its_year_not_piled_on_1_january(store_url):
    with Store(store_url) as store:
        year = DateMention("2022", 0, 4, dt.date(2022, 1, 1), dt.date(2022, 12, 31), "year")
        day = DateMention("5 May 2022", 0, 4, dt.date(2022, 5, 5), dt.date(2022, 5, 5), "day")
        document = Document("2022 5 May 2022", "en", dt.date(2024, 1, 1), title="years")
        store.write(Analysis(document, (year, day), (), (Event("y", "2022", 0, 4, year, (TARTUS,)),
                                                         Event("d", "5 May", 5, 10, day, (TARTUS,)))))
        columns = aggregates.load(store)
    bins, unit = aggregates.time_bins(columns, aggregates.select(columns))
    assert unit == "day" and len(bins) == 365
    assert bins["events"].max() == 2 and (bins["events"] == 1).sum() == 364


@pytest.mark.parametrize(("start", "end"), [
    (dt.date(1969, 12, 31), dt.date(1969, 12, 31)),        # one day before 1970: day -1
    (dt.date(1500, 1, 1), dt.date(1500, 12, 31)),           # "built in 1500"
    (dt.date(1970, 1, 1), dt.date(1970, 1, 1)),             # day 0
])
def test_an_event_before_or_at_1970_is_dated_with_its_days(store_url, start, end):
    with Store(store_url) as store:
        date = DateMention("then", 0, 4, start, end, "day" if start == end else "year")
        undated = DateMention("once", 5, 9, None, None, "day")
        document = Document("then once", "en", None, title="old")
        store.write(Analysis(document, (date, undated), (), (Event("old", "then", 0, 4, date, (TARTUS,)),
                                                             Event("none", "once", 5, 9, undated, (TARTUS,)))))
        columns = aggregates.load(store)
    assert columns.dated.tolist() == [True, False]
    assert aggregates.span_of(columns, aggregates.select(columns)) == (start, end)
    assert aggregates.select(columns, start=start, end=end).tolist() == [True, False]
    assert aggregates.select(columns, include_undated=True).sum() == 2


def test_a_table_page_reads_only_its_events_places_and_the_same_rows(filled, monkeypatch):
    columns = aggregates.load(filled, queries.country_points())
    keys = aggregates.page(columns, aggregates.select(columns), 1, 5)
    whole = {r["event_id"]: r for r in filled.event_rows()}
    asked = []
    reading = Store._places_by_key
    monkeypatch.setattr(Store, "_places_by_key", staticmethod(lambda conn, wanted: asked.append(wanted)
                                                              or reading(conn, wanted, at_once=2)))
    rows = filled.event_rows(keys=keys)
    assert len(rows) == 5 and rows == [whole[r["event_id"]] for r in rows]
    assert asked == [{place_key(p) for r in rows for p in r["places"] + [r["origin"], r["destination"]] if p}]
    every = {place_key(p) for r in whole.values() for p in r["places"]}
    assert len(every) > 4
    with filled.engine.connect() as conn:                  # read by key, or the whole table: the same
        table = reading(conn, every, at_once=1)
        assert reading(conn, every, at_once=len(every)) == {key: table[key] for key in every}


@pytest.mark.parametrize("name", ["time_bins", "place_counts", "arc_counts", "country_counts", "place_total",
                                  "span_of", "document_ids"])
def test_the_cached_aggregates_follow_the_mask(filled, monkeypatch, name):
    """queries' aggregates cache on the mask's digest: the same mask gives what aggregates gives
    for it, a mask one event shorter its own, never the other's."""
    monkeypatch.setenv("NEWSMAP_DB", filled.url.render_as_string(hide_password=False))
    columns = queries.columns()
    every = aggregates.select(columns) & columns.dated
    one_less = every.copy()
    one_less[np.flatnonzero(every)[0]] = False
    assert aggregates.mask_digest(every) != aggregates.mask_digest(one_less)
    assert aggregates.mask_digest(every) == aggregates.mask_digest(every.copy())
    cached_function, plain = getattr(queries, name), getattr(aggregates, name)
    for mask in (every, one_less, every, one_less.copy()):
        assert_same(cached_function(columns, mask), plain(columns, mask))
    # Where one event less must count less, the cache did not hand back the other mask's counts.
    total = {"time_bins": lambda found: found[0]["events"].sum(), "place_counts": lambda found: found["events"].sum(),
             "country_counts": lambda found: sum(found.values())}.get(name)
    if total:
        assert total(cached_function(columns, every)) > total(cached_function(columns, one_less))


def test_the_place_choices_are_the_stored_places_names_once_and_sorted(filled, monkeypatch):
    monkeypatch.setenv("NEWSMAP_DB", filled.url.render_as_string(hide_password=False))
    names = queries.place_names(queries.columns())
    stored = {place["name"] for row in filled.event_rows() for place in row["places"]}
    assert len(stored) > 3 and stored <= set(names)
    assert names == sorted(set(names))


def assert_same(found, expected) -> None:
    if isinstance(expected, tuple) and expected and isinstance(expected[0], pd.DataFrame):
        pd.testing.assert_frame_equal(found[0], expected[0])
        assert found[1:] == expected[1:]
    elif isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(found, expected)
    else:
        assert found == expected


