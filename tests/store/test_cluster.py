"""The Dask engine: a LocalCluster of 2 workers stores exactly what the local engine stores, on
SQLite (only the client writes) and on PostgreSQL (the workers write); a second run adds nothing."""
from __future__ import annotations

import datetime as dt
import json
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.batch import Settings, process_partition, write_results
from extract.cluster import dask_client, ingest_on_cluster
from extract.exports import ParquetWriter
from extract.ingest import ingest, ingest_to_parquet
from extract.sources import plan_partitions
from extract.store import Store

COUNTRIES = ["Egypt", "Iraq", "Syria", "Japan", "Turkey", "Jordan", "Russia", "China"]
BLADES_AR = ["مصر", "العراق", "سوريا", "اليابان", "تركيا", "الأردن", "روسيا", "الصين"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def article(rng: random.Random, number: int) -> str:
    """A short varied article, distinct for every number."""
    if number % 3 == 0:
        a, b = rng.sample(BLADES_AR, 2)
        return f"وصل وفد من {a} إلى {b} في {rng.randint(1, 28)} مارس {rng.randint(2019, 2024)}. ({number})"
    a, b = rng.sample(COUNTRIES, 2)
    return (f"Officials of {a} met their counterparts from {b} on {rng.randint(1, 28)} "
            f"{rng.choice(MONTHS)} {rng.randint(2019, 2024)}. Talks resumed on Thursday. ({number})")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A mixed folder (text, Markdown, HTML, sidecars, JSON Lines, broken files) and a Parquet
    file: about 200 documents, some broken, one text twice."""
    rng = random.Random(12)
    root = tmp_path_factory.mktemp("archive")
    folder = root / "folder"
    (folder / "2023").mkdir(parents=True)
    for number in range(30):
        suffix = (".txt", ".md")[number % 2]
        (folder / "2023" / f"a{number:03d}{suffix}").write_text(article(rng, number), encoding="utf-8")
    (folder / "2023" / "a000.txt.meta.json").write_text('{"published": "2023-05-05", "title": "First"}')
    (folder / "2023" / "a001.md.meta.json").write_text("{broken")
    (folder / "page.html").write_text(f"<html><body><p>{article(rng, 30)}</p></body></html>", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    lines = [json.dumps({"text": article(rng, n), "published": f"2024-0{n % 9 + 1}-15", "url": f"https://x.org/{n}"},
                        ensure_ascii=False) for n in range(31, 61)]
    lines[5] = "{not json"
    lines[9] = json.dumps({"text": article(rng, 61), "published": "15/03/2024"})
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts = [article(rng, n) for n in range(100, 240)]
    texts[7] = None                        # no text
    texts[21] = " \n "                     # only whitespace
    texts[11] = texts[10]                  # the same text twice, with another date
    published = [dt.date(2022, 1, 1) + dt.timedelta(days=n) for n in range(len(texts))]
    pq.write_table(pa.table({"id": [f"p{n}" for n in range(len(texts))], "text": texts, "published": published,
                             "lang": [None if n % 4 else ("ar" if n % 3 == 0 else "en") for n in range(len(texts))],
                             "title": [f"Parquet {n}" for n in range(len(texts))]}),
                   root / "archive.parquet", row_group_size=64)
    return [folder, root / "archive.parquet"]


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of 2 single-threaded workers in this process: light on a 2-core machine."""
    with dask_client(workers=2, processes=False, dashboard=False) as opened:
        yield opened


@pytest.fixture
def other_url(store_url, tmp_path):
    """A second empty database of the same kind as `store_url`."""
    if "://" not in store_url:
        yield str(tmp_path / "other.sqlite")
        return
    from tests.store.conftest import fresh_database

    with fresh_database(store_url.rsplit("/", 1)[0]) as url:
        yield url


def stored(store: Store) -> tuple:
    """Everything the store holds that an ingest decides (not when it ran)."""
    documents = sorted(({k: v for k, v in d.items() if k not in ("added_at", "analysed_at")}
                        for d in store.documents()), key=lambda d: d["id"])
    rows = sorted(store.event_rows(), key=lambda r: (r["document_id"], r["start_char"], r["event_id"]))
    return store.counts(), documents, rows, sorted(store.analyses(), key=lambda a: a.document.id)


def test_dask_stores_exactly_what_the_local_engine_stores(client, archive, store_url, other_url):
    messages = []
    with Store(store_url) as local:
        expected = ingest(local, archive, progress=False, report=messages.append)
        local_rows = stored(local)
        expected_again = ingest(local, archive, progress=False, report=messages.append)
    with Store(other_url) as store:
        summary = ingest_on_cluster(client, store, archive, progress=False, report=messages.append,
                                    partition_size=16)
        assert stored(store) == local_rows
        assert (summary.added, summary.reanalysed, summary.unchanged, summary.failed) == (
            expected.added, expected.reanalysed, expected.unchanged, expected.failed)
        assert sorted(summary.errors) == sorted(expected.errors)
        # The text given twice with two dates is analysed again for the second one.
        assert summary.added > 180 and summary.reanalysed == 1 and summary.failed == 7

        again = ingest_on_cluster(client, store, archive, progress=False, report=messages.append,
                                  partition_size=16)
        assert stored(store) == local_rows
        # Nothing added; the text given twice with two dates is re-analysed, by both engines alike.
        assert (again.added, again.reanalysed, again.unchanged, again.failed) == (
            0, expected_again.reanalysed, expected_again.unchanged, expected_again.failed)
        assert again.unchanged + again.reanalysed == summary.documents


def test_with_sqlite_a_text_given_twice_ends_as_the_local_engine_leaves_it(client, tmp_path):
    """Only the client writes SQLite, in input order, so the later copy wins as it does locally."""
    text = "Officials of Egypt met their counterparts from Iraq on 3 May 2022."
    batch = tmp_path / "twice.jsonl"
    batch.write_text("".join(json.dumps({"text": text, "published": day, "title": title}) + "\n" for day, title in
                             [("2022-05-04", "First"), ("2022-05-05", "Second"), ("2022-05-04", None)]))
    with Store(tmp_path / "local.sqlite") as local, Store(tmp_path / "dask.sqlite") as store:
        ingest(local, [batch], progress=False, report=lambda m: None)
        summary = ingest_on_cluster(client, store, [batch], progress=False, report=lambda m: None, partition_size=1)
        assert stored(store) == stored(local)
        assert (summary.added, summary.reanalysed) == (1, 2)
        assert store.documents()[0]["published"] == "2022-05-04"


def test_a_retried_partition_adds_nothing_twice(archive, store_url):
    partition = [p for p in plan_partitions(archive, 16) if p.kind == "parquet"][1]    # rows 17 to 32
    with Store(store_url) as store:
        settings = Settings(extractor_version=store.extractor_version)
        first = process_partition(partition, settings, store)
        retried = process_partition(partition, settings, store)      # the task ran twice
        assert [p.plan.status for p in first.pending] == ["added"] * len(first.pending) == \
            [p.plan.status for p in retried.pending]
        written = write_results(store, first, settings)
        counts = store.counts()
        rewritten = write_results(store, retried, settings)
        assert store.counts() == counts
        assert [o.status for o in rewritten.outcomes if o.status != "failed"] == ["unchanged"] * 15
        assert sum(o.status == "added" for o in written.outcomes) == counts["documents"] == 15


def test_parquet_out_from_dask_holds_the_local_engine_rows(client, archive, tmp_path):
    with ParquetWriter(str(tmp_path / "local.parquet")) as out:
        local = ingest_to_parquet(out, archive, progress=False, report=lambda m: None)
    with ParquetWriter(str(tmp_path / "dask.parquet")) as out:
        summary = ingest_on_cluster(client, None, archive, out=out, progress=False, report=lambda m: None,
                                    partition_size=16)
    assert (summary.added, summary.failed) == (local.added, local.failed)
    expected = pq.read_table(tmp_path / "local.parquet").to_pylist()
    assert pq.read_table(tmp_path / "dask.parquet").to_pylist() == expected and len(expected) > 150


def test_a_batch_reanalysis_names_the_corrections_that_found_no_event(tmp_path, store_url):
    from tests.store.test_service import strand_every_correction

    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "deal.txt").write_text("Egypt and Iraq signed an agreement on 3 May 2022.", encoding="utf-8")
    with Store(store_url) as store:
        ingest(store, [folder], progress=False, report=lambda m: None)
        store.correct(store.event_rows()[0]["event_id"], start="2022-05-04")
        strand_every_correction(store)
    with Store(store_url, extractor_version="99") as store:
        settings = Settings(extractor_version=store.extractor_version)
        [partition] = plan_partitions([folder], 16)
        written = write_results(store, process_partition(partition, settings, store), settings)
        [outcome] = written.outcomes
        assert outcome.status == "reanalysed"
        assert any("1 correction found no event after re-analysis" in w for w in outcome.warnings)
