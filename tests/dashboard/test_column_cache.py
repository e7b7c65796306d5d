"""The event columns kept on disk per revision of the store (dashboard.column_cache): read back
exactly as the store gives them, on SQLite and PostgreSQL, and never served for another revision
or another store's content."""
from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard import aggregates, column_cache, queries
from extract import store as schema
from extract.store import Store
from tests.dashboard.test_aggregates import TARTUS, filled, synthetic  # noqa: F401  (fixtures)
from tests.store.conftest import postgres_server, store_url  # noqa: F401  (fixtures)

read_from_store = aggregates.load                       # the reference, uncounted by `reads`


def assert_same_columns(found: aggregates.EventColumns, expected: aggregates.EventColumns) -> None:
    for field in dataclasses.fields(aggregates.EventColumns):
        got, wanted = getattr(found, field.name), getattr(expected, field.name)
        if isinstance(wanted, pd.DataFrame):
            pd.testing.assert_frame_equal(got, wanted)
        elif isinstance(wanted, np.ndarray):
            assert got.dtype == wanted.dtype and np.array_equal(got, wanted), field.name
            assert not got.flags.writeable, field.name
        else:
            assert got == wanted, field.name


def cached_load(store: Store, folder) -> aggregates.EventColumns:
    return column_cache.load(store, queries.country_points(), folder)


@pytest.fixture
def cache_folder(tmp_path):
    return tmp_path / "event-columns"


@pytest.fixture
def reads(monkeypatch):
    """How many times the columns were read from the store (not from the cache)."""
    count = []
    original = aggregates.load
    monkeypatch.setattr(aggregates, "load", lambda *args: count.append(1) or original(*args))
    return count


def test_a_second_server_reads_the_columns_from_the_cache_as_the_store_gives_them(filled, cache_folder, reads):
    first = cached_load(filled, cache_folder)
    again = cached_load(filled, cache_folder)
    assert len(reads) == 1
    assert_same_columns(again, read_from_store(filled, queries.country_points()))
    assert_same_columns(again, first)
    assert again.corrected.sum() == 2                   # the fixture's two corrections laid over


def test_the_aggregates_of_cached_columns_equal_the_row_level_counts(filled, cache_folder):
    cached_load(filled, cache_folder)
    columns = cached_load(filled, cache_folder)
    events, places = queries._frames(filled.event_rows())
    mask = aggregates.select(columns, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31))
    shown = events.loc[events["dated"] & (events["end"] >= "2022-01-01") & (events["start"] <= "2022-12-31")]
    assert mask.sum() == len(shown) > 0
    located = places.loc[places["row"].isin(shown["row"])].drop_duplicates(["place_key", "row"])
    marks = aggregates.place_counts(columns, mask)
    assert dict(zip(marks["place_key"], marks["events"])) == located.groupby("place_key")["row"].size().to_dict()
    keys = aggregates.page(columns, mask, 0, 10)
    ordered = shown.sort_values(["start", "end"], kind="stable")
    assert [r["event_id"] for r in aggregates.page_rows(filled, columns, keys)] == \
        ordered["event_id"].head(10).tolist()


def _add_story(store: Store) -> None:
    store.write(synthetic(4, events=30))


def _correct_an_event(store: Store) -> None:
    row = next(r for r in store.event_rows() if r["document_title"] == "Story 1")
    store.correct(row["event_id"], start="2018-02-01", end="2018-02-01", document_id=row["document_id"])


def _rewrite_a_story(store: Store) -> None:
    story = synthetic(1)                                # the same text, analysed with fewer events
    store.write(dataclasses.replace(story, events=story.events[:40]))


def _undo_the_corrections(store: Store) -> None:
    for correction in store.corrections():
        store.remove_correction(correction["id"])


@pytest.mark.parametrize("change", [_add_story, _correct_an_event, _rewrite_a_story, _undo_the_corrections])
def test_a_new_revision_is_read_from_the_store_and_replaces_the_old_entry(filled, cache_folder, reads, change):
    cached_load(filled, cache_folder)
    before = sorted(p.name for p in cache_folder.iterdir())
    change(filled)
    columns = cached_load(filled, cache_folder)
    assert len(reads) == 2
    assert_same_columns(columns, read_from_store(filled, queries.country_points()))
    after = sorted(p.name for p in cache_folder.iterdir())
    assert len(before) == len(after) == 1 and before != after      # the old revision's entry is gone
    assert_same_columns(cached_load(filled, cache_folder), columns)
    assert len(reads) == 2


def test_a_store_made_again_at_the_same_revision_is_not_served_the_old_columns(store_url, cache_folder, reads):
    with Store(store_url) as store:
        store.write(synthetic(1, events=20))
        old = cached_load(store, cache_folder)
        revision = store.revision()
        with store.engine.begin() as conn:                 # deleted, as a restored backup or a new file would be
            schema.metadata.drop_all(conn)
    with Store(store_url) as store:
        while store.revision() < revision - 1:
            store.write(synthetic(9, events=1))
        store.write(synthetic(2, events=25))
        assert store.revision() == revision
        columns = cached_load(store, cache_folder)
        assert len(reads) == 2 and len(columns) == 25 != len(old)
        assert_same_columns(columns, read_from_store(store, queries.country_points()))


def test_a_damaged_entry_is_read_from_the_store_again(filled, cache_folder, reads):
    cached_load(filled, cache_folder)
    (entry,) = cache_folder.iterdir()
    (entry / "start.npy").write_bytes(b"\x93NUMPY broken")
    columns = cached_load(filled, cache_folder)
    assert len(reads) == 2
    assert_same_columns(columns, read_from_store(filled, queries.country_points()))


def test_a_folder_that_cannot_be_written_only_costs_the_cache(filled, cache_folder, reads):
    blocked = cache_folder.parent / "a file, not a folder"
    blocked.write_text("")
    columns = cached_load(filled, blocked)
    assert_same_columns(columns, read_from_store(filled, queries.country_points()))


def test_only_the_most_recently_used_entries_are_kept(tmp_path):
    stores = []
    for number in range(column_cache.KEEP + 2):
        store = Store(str(tmp_path / f"store-{number}.sqlite"))
        store.write(synthetic(number, events=5))
        stores.append(store)
    folder = tmp_path / "cache"
    for store in stores:
        cached_load(store, folder)
    assert len(list(folder.iterdir())) == column_cache.KEEP
    assert (folder / column_cache.entry_name(stores[-1], queries.country_points())).is_dir()
    assert not (folder / column_cache.entry_name(stores[0], queries.country_points())).exists()
    for store in stores:
        store.close()


def test_the_documents_list_counts_each_documents_events_as_the_store_does(filled):
    url = filled.url.render_as_string(hide_password=False)
    listed = queries._documents(url, filled.revision()).set_index("document_id")
    stored = {d["id"]: d for d in filled.documents()}
    assert listed["events"].to_dict() == {d: stored[d]["n_events"] for d in stored}
    assert "n_events" not in filled.documents(counts=False)[0]
