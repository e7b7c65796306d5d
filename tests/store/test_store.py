"""The repository, run against SQLite and PostgreSQL alike (see conftest.store_url)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import sqlalchemy as sa

from extract import InputError, StoreError
from extract import store as store_module
from extract.exports import event_rows
from extract.records import Analysis, DateMention, Document, Event, Place, PlaceMention, document_id
from extract.store import MIGRATIONS, SCHEMA_VERSION, Store, database_url
from tests.test_records import DUNAY, NAJIN, make_analysis

TARTUS = Place("Tartus", 34.88902, 35.88659, "SY", "city", 170794)
DERIVED_TABLES = ("date_mentions", "place_mentions", "events", "event_places")


def english_analysis(text="Ships sailed from Najin to Dunay on 7 September. Talks were held on 1 October.",
                     event_id="e1") -> Analysis:
    """An analysis built by hand, so these tests do not depend on what the extractor finds."""
    document = Document(text=text, lang="en", published=dt.date(2023, 10, 19), path="ships.txt",
                        title="Ships")
    september = DateMention("7 September", 36, 47, dt.date(2023, 9, 7), dt.date(2023, 9, 7), "day")
    october = DateMention("1 October", 67, 76, dt.date(2023, 10, 1), dt.date(2023, 10, 1), "day")
    najin, dunay = PlaceMention("Najin", 18, 23, NAJIN, 0.9), PlaceMention("Dunay", 27, 32, DUNAY, 0.8)
    first = Event(event_id, text[:48], 0, 48, september, (NAJIN, DUNAY), NAJIN, DUNAY, (najin, dunay))
    second = Event("e2", text[49:], 49, len(text), october)
    return Analysis(document, (september, october), (najin, dunay), (first, second))


def test_a_new_database_gets_the_current_schema(store):
    assert store.schema_version() == SCHEMA_VERSION
    assert set(store.counts()) == {"documents", "date_mentions", "place_mentions", "places", "events",
                                   "event_places", "geocode_cache", "corrections"}
    assert not any(store.counts().values())


def test_an_older_database_is_migrated_and_keeps_its_rows(store_url):
    engine = sa.create_engine(database_url(store_url))
    with engine.begin() as conn:                      # a database left at schema version 1
        store_module.metadata.create_all(conn, tables=[store_module.schema_version])
        MIGRATIONS[0](conn)
        conn.execute(sa.insert(store_module.schema_version).values(version=1))
        conn.execute(sa.insert(store_module.geocode_cache).values(
            key="Dunay", value='{"lat": 42.9}', updated_at=dt.datetime(2024, 1, 1)))
    engine.dispose()
    with Store(store_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.geocode_cache.get("Dunay") == {"lat": 42.9}
        index_names = {ix["name"] for ix in sa.inspect(store.engine).get_indexes("events")}
        assert "ix_events_days" in index_names


def test_a_version_3_database_gets_events_place_source(store_url):
    Store(store_url).close()
    engine = sa.create_engine(database_url(store_url))
    with engine.begin() as conn:                      # as schema version 3 left it: no place_source
        conn.exec_driver_sql("ALTER TABLE events DROP COLUMN place_source")
        conn.execute(sa.update(store_module.schema_version).values(version=3))
    engine.dispose()
    with Store(store_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        store.write(same_date_analysis())
        assert [row["place_source"] for row in store.event_rows()] == ["sentence", "same date"]


def test_a_version_4_database_gets_events_date_source(store_url):
    Store(store_url).close()
    engine = sa.create_engine(database_url(store_url))
    with engine.begin() as conn:                      # as schema version 4 left it: no date_source
        conn.exec_driver_sql("ALTER TABLE events DROP COLUMN date_source")
        conn.execute(sa.update(store_module.schema_version).values(version=4))
    engine.dispose()
    with Store(store_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        analysis = make_analysis()
        story = dataclasses.replace(analysis.events[0], date_source="story")
        store.write(dataclasses.replace(analysis, events=(story, *analysis.events[1:])))
        sources = [row["date_source"] for row in store.event_rows()]
        assert sources[0] == "story" and set(sources[1:]) <= {"text"}
        assert [e.date_source for e in store.analyses()[0].events] == sources


def same_date_analysis() -> Analysis:
    """Two events of one day: the second names no place and borrows the first's."""
    text = "Ships reached Dunay on Monday. Officials confirmed it on Monday."
    document = Document(text=text, lang="en", published=dt.date(2023, 10, 19))
    first = DateMention("on Monday", 20, 29, dt.date(2023, 10, 16), dt.date(2023, 10, 16), "day")
    second = DateMention("on Monday", 54, 63, dt.date(2023, 10, 16), dt.date(2023, 10, 16), "day")
    dunay = PlaceMention("Dunay", 14, 19, DUNAY, 0.8)
    events = (Event("m1", text[:30], 0, 30, first, (DUNAY,), None, None, (dunay,)),
              Event("m2", text[31:], 31, len(text), second, (DUNAY,), None, None, (), "same date"))
    return Analysis(document, (first, second), (dunay,), events)


def test_a_newer_database_is_refused(store_url):
    Store(store_url).close()
    engine = sa.create_engine(database_url(store_url))
    with engine.begin() as conn:
        conn.execute(sa.update(store_module.schema_version).values(version=SCHEMA_VERSION + 1))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this newsmap"):
        Store(store_url)


@pytest.mark.parametrize("analysis", [make_analysis(), english_analysis(), same_date_analysis()],
                         ids=["arabic", "english", "same date"])
def test_an_analysis_reads_back_as_written(store, analysis):
    store.write(analysis)
    assert store.analysis(analysis.document.id).to_dict() == analysis.to_dict()
    assert store.analysis(analysis.document.id).events[0].place_mentions == analysis.events[0].place_mentions


def test_event_rows_are_the_exports_rows(store):
    analysis = english_analysis()
    store.write(analysis)
    assert store.event_rows(with_corrections=False) == event_rows(analysis)
    assert store.event_rows() == [{**row, "corrected": []} for row in event_rows(analysis)]


@pytest.mark.parametrize("date_from, date_to, expected", [
    (None, None, ["e1", "e2", "u"]),
    ("2023-09-01", None, ["e1", "e2"]),
    ("2023-09-08", None, ["e2"]),
    (None, "2023-09-30", ["e1"]),
    ("2023-09-07", "2023-09-07", ["e1"]),
    (dt.date(2023, 10, 2), None, []),
])
def test_event_rows_filter_by_overlapping_dates(store, date_from, date_to, expected):
    analysis = english_analysis()
    unresolved = Event("u", "On Thursday.", 0, 12, DateMention("Thursday", 3, 11, None, None, "day"))
    other = Analysis(Document("On Thursday.", "en"), events=(unresolved,))
    store.write(analysis)
    store.write(other)
    assert sorted(r["event_id"] for r in store.event_rows(date_from, date_to)) == expected


def test_a_failed_reanalysis_leaves_the_stored_rows(store, monkeypatch):
    analysis = english_analysis()
    store.write(analysis)
    counts = store.counts()

    def broken(conn, new_analysis):
        conn.execute(sa.insert(store_module.date_mentions).values(
            document_id=new_analysis.document.id, position=0, text="x", start_char=0, end_char=1,
            granularity="day"))
        raise RuntimeError("disk full halfway through")

    monkeypatch.setattr(store, "_insert_derived", broken)
    with pytest.raises(RuntimeError):
        store.write(dataclasses.replace(analysis, events=()))
    assert store.counts() == counts
    assert store.analysis(analysis.document.id).to_dict() == analysis.to_dict()


def test_a_corrected_date_and_place_survive_reanalysis(store):
    analysis = english_analysis()
    store.write(analysis)
    store.correct("e1", start="2023-09-08", places=[TARTUS], note="the ship left a day later")
    store.write(analysis)                                     # re-analysis replaces derived rows
    store.write(analysis)
    row = next(r for r in store.event_rows() if r["event_id"] == "e1")
    assert (row["start"], row["end"], row["granularity"]) == ("2023-09-08", "2023-09-08", "day")
    assert [p["name"] for p in row["places"]] == ["Tartus"]
    assert sorted(row["corrected"]) == ["date", "places"]
    assert len(store.corrections()) == 2


def test_a_correction_finds_its_event_when_a_new_extractor_renames_it(store):
    store.write(english_analysis(event_id="old-id"))
    store.correct("old-id", destination=TARTUS)
    store.write(english_analysis(event_id="new-id"))         # same sentence and date, new id
    row = next(r for r in store.event_rows() if r["event_id"] == "new-id")
    assert row["destination"]["name"] == "Tartus" and row["corrected"] == ["destination"]


def test_a_new_correction_of_a_field_replaces_the_old_one(store):
    store.write(english_analysis())
    store.correct("e1", start="2023-09-08")
    store.correct("e1", start="2023-09-09", end="2023-09-10")
    corrections = store.corrections()
    assert len(corrections) == 1
    assert corrections[0]["value"] == {"start": "2023-09-09", "end": "2023-09-10", "granularity": "range"}


@pytest.mark.parametrize("arguments, message", [
    ({}, "nothing to correct"),
    ({"start": "2023-09-10", "end": "2023-09-01"}, "before start"),
    ({"start": "next week"}, "not an ISO date"),
    ({"places": [{"name": "Nowhere"}]}, "needs a name, lat and lon"),
])
def test_a_bad_correction_is_refused(store, arguments, message):
    store.write(english_analysis())
    with pytest.raises(InputError, match=message):
        store.correct("e1", **arguments)
    assert store.corrections() == []


def test_correcting_a_missing_event_is_a_store_error(store):
    with pytest.raises(StoreError, match="no event"):
        store.correct("nope", start="2023-01-01")


def test_documents_lists_counts_without_text(store):
    analysis = english_analysis()
    store.write(analysis)
    [document] = store.documents()
    assert (document["id"], document["n_dates"], document["n_places"], document["n_events"]) == (
        analysis.document.id, 2, 2, 2)
    assert document["chars"] == len(analysis.document.text) and "text" not in document
    assert store.text(analysis.document.id) == analysis.document.text


def test_delete_removes_a_document_and_what_hangs_off_it(store):
    store.write(english_analysis())
    store.write(make_analysis())
    store.correct("e2", start="2023-10-02")
    assert store.delete(english_analysis().document.id)
    counts = store.counts()
    assert counts["documents"] == 1 and counts["events"] == 1 and counts["corrections"] == 0
    assert not store.delete(english_analysis().document.id)


def test_the_geocode_cache_gets_what_was_set(store):
    cache = store.geocode_cache
    assert cache.get("دوناي|ru") is None
    cache.set("دوناي|ru", {"name": "Dunay", "lat": 42.8788, "lon": 132.3354})
    cache.set("دوناي|ru", {"name": "Dunay", "lat": 42.88, "lon": 132.34})       # overwrites
    assert cache.get("دوناي|ru") == {"name": "Dunay", "lat": 42.88, "lon": 132.34}
    assert len(cache) == 1


def test_the_same_place_in_two_documents_is_one_row(store):
    store.write(english_analysis())
    store.write(make_analysis())
    assert store.counts()["places"] == 2


@pytest.mark.parametrize("target, message", [
    ("mysql://user@host/db", "unsupported database"),
    ("postgresql://nobody@127.0.0.1:1/none", "cannot connect"),
])
def test_unusable_urls_are_store_errors(target, message):
    with pytest.raises(StoreError, match=message):
        Store(target)


def test_a_missing_folder_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "newsmap.sqlite")


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="SQLite database"):
        Store(path)
    assert path.read_text().startswith("these are my notes")


def test_the_default_database_is_newsmap_db_else_the_current_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSMAP_DB", raising=False)
    assert database_url(None).database == str(tmp_path / "newsmap.sqlite")
    monkeypatch.setenv("NEWSMAP_DB", str(tmp_path / "elsewhere.sqlite"))
    assert database_url(None).database == str(tmp_path / "elsewhere.sqlite")
    assert database_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"


def test_sqlite_readers_see_committed_rows_while_a_writer_holds_its_transaction(tmp_path):
    path = tmp_path / "newsmap.sqlite"
    with Store(path) as writer, Store(path) as reader:
        writer.write(make_analysis())
        with writer.transaction() as conn:
            conn.execute(sa.delete(store_module.events))   # not committed yet
            assert reader.counts()["events"] == 1            # WAL: the reader is not blocked
            assert len(reader.event_rows()) == 1
        assert reader.counts()["events"] == 0
        with writer.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_two_sqlite_writers_queue_instead_of_failing(tmp_path):
    import threading

    path, failures = tmp_path / "newsmap.sqlite", []
    Store(path).close()

    def write_many(offset):
        try:
            with Store(path) as writer:
                for number in range(offset, offset + 15):
                    writer.write(english_analysis(f"Ships sailed from Najin to Dunay on 7 September. {number}"))
        except Exception as error:    # noqa: BLE001 — collected and asserted below
            failures.append(error)

    threads = [threading.Thread(target=write_many, args=(offset,)) for offset in (0, 100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with Store(path) as store:
        assert store.counts()["documents"] == 30


def test_every_write_bumps_the_revision_and_reads_do_not(store_url):
    with Store(store_url) as store:
        seen = [store.revision()]
        store.write(english_analysis())
        seen.append(store.revision())
        store.event_rows(), store.documents(), store.counts()
        store.geocode_cache.set("Dunay", {"lat": 42.9})           # a cache, not content
        seen.append(store.revision())
        store.correct("e1", start="2023-09-08")
        seen.append(store.revision())
        store.remove_correction(store.corrections()[0]["id"])
        seen.append(store.revision())
        store.delete(english_analysis().document.id)
        seen.append(store.revision())
    assert seen[1] > seen[0] and seen[2] == seen[1]
    assert seen[3] > seen[2] and seen[4] > seen[3] and seen[5] > seen[4]
    with Store(store_url) as again:                              # another process's view
        assert again.revision() == seen[5]


def test_a_corrected_date_moves_an_event_into_and_out_of_a_date_range(store):
    store.write(english_analysis())
    store.correct("e2", start="2023-09-20")                        # 1 October -> 20 September
    assert sorted(r["event_id"] for r in store.event_rows("2023-09-15", "2023-09-30")) == ["e2"]
    assert [r["event_id"] for r in store.event_rows("2023-10-01", "2023-10-01")] == []
    assert [r["event_id"] for r in store.event_rows("2023-10-01", with_corrections=False)] == ["e2"]


def test_stored_document_reads_the_row_and_the_text_only_when_asked(store):
    analysis = english_analysis()
    store.write(analysis, lang_hint="en", encoding="utf-8")
    stored = store.stored_document(analysis.document.id)
    assert (stored.title, stored.path, stored.lang_hint, stored.encoding, stored.text) == (
        "Ships", "ships.txt", "en", "utf-8", "")
    assert store.stored_document(analysis.document.id, with_text=True).text == analysis.document.text
    assert store.stored_document("0123456789abcdef") is None


def test_update_document_changes_metadata_but_not_the_analysis(store):
    analysis = english_analysis()
    store.write(analysis)
    counts = store.counts()
    assert store.update_document(analysis.document.id, title="Ships at sea")
    assert not store.update_document("0123456789abcdef", title="Nothing")
    assert store.documents()[0]["title"] == "Ships at sea" and store.counts() == counts
    with pytest.raises(StoreError, match="cannot update text"):
        store.update_document(analysis.document.id, text="other")
