"""The command line: `analyze` keeps its contract on bad input; `ingest` and `export` work
end to end on a SQLite store."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract import service
from extract import store as store_module
from extract.__main__ import main
from extract.store import Store

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Egypt and Iraq signed a trade agreement on 3 May 2022 in Cairo."


def run(capsys, *argv):
    status = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def files(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    (tmp_path / "arabic.txt").write_bytes("التقى الوزيران في سوريا يوم 13 سبتمبر 2023.".encode("cp1256"))
    (tmp_path / "sidecar.txt").write_text(GOOD + " Again.", encoding="utf-8")
    (tmp_path / "sidecar.txt.meta.json").write_text('{"published": "2022-05-05"', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name, message", [
    ("missing.txt", "missing.txt: no such file"),
    ("empty.txt", "empty.txt: the file is empty (0 bytes)"),
    ("binary.txt", "binary.txt: this looks like a binary file"),
    ("sidecar.txt", "sidecar.txt.meta.json: broken metadata JSON"),
])
def test_analyze_reports_an_unreadable_file_and_goes_on(capsys, files, name, message):
    status, out, err = run(capsys, "analyze", files / name, files / "good.txt")
    assert status == 1
    assert len(out.splitlines()) == 1 and json.loads(out)["document"]["path"] == str(files / "good.txt")
    [error, summary] = err.splitlines()
    assert error.startswith("error: ") and message in error
    assert summary == "analyze: 2 documents: 1 analysed, 1 failed"


def test_analyze_reads_windows_1256_and_says_so(capsys, files):
    status, out, err = run(capsys, "analyze", files / "arabic.txt")
    assert status == 0
    assert "سوريا" in out
    assert err.strip() == f"warning: {files / 'arabic.txt'}: not UTF-8; read as Windows-1256 (Arabic)"


def test_analyze_reads_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode("utf-8"))))
    status, out, err = run(capsys, "analyze", "--published", "2022-05-05", "-")
    document = json.loads(out)["document"]
    assert status == 0 and (document["path"], document["published"]) == ("-", "2022-05-05")


def test_analyze_refuses_empty_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    status, out, err = run(capsys, "analyze", "-")
    assert status == 1 and out == "" and "<stdin>: the file holds only whitespace" in err


@pytest.mark.parametrize("published, status, message", [
    ("19/10/2023", 2, "error: --published date '19/10/2023' is not an ISO date (YYYY-MM-DD)"),
    ("0023-10-19", 2, "error: --published: publication date 0023-10-19 is not plausible"),
    ((dt.date.today() + dt.timedelta(days=30)).isoformat(), 0, "is in the future"),
])
def test_analyze_checks_published(capsys, files, published, status, message):
    code, out, err = run(capsys, "analyze", "--published", published, files / "good.txt")
    assert code == status and message in err and len(err.splitlines()) == 1


def test_ingest_twice_then_export_every_format(capsys, files, tmp_path):
    db = tmp_path / "store.sqlite"
    status, out, err = run(capsys, "ingest", "--quiet", "--db", db, files)
    assert status == 1                                   # three files failed
    assert out == ""
    assert sum(line.startswith("error: ") for line in err.splitlines()) == 3
    assert "2 documents: 2 added, 0 re-analysed, 0 unchanged; 3 failed" in err
    with Store(db) as store:
        counts = store.counts()
    status, out, err = run(capsys, "ingest", "--quiet", "--db", db, files)
    assert "2 documents: 0 added, 0 re-analysed, 2 unchanged; 3 failed" in err
    with Store(db) as store:
        assert store.counts() == counts
        events = len(store.event_rows())

    status, out, err = run(capsys, "export", "--db", db, "--format", "jsonl")
    assert status == 0 and len(out.splitlines()) == events and f"export: {events} events" in err
    status, out, _ = run(capsys, "export", "--db", db, "--format", "geojson")
    assert json.loads(out)["type"] == "FeatureCollection"
    status, out, _ = run(capsys, "export", "--db", db, "--format", "csv", "--output", tmp_path / "events.csv")
    assert out == ""
    assert (tmp_path / "events.csv").read_bytes().startswith(b"\xef\xbb\xbf")       # Excel reads it as UTF-8
    with open(tmp_path / "events.csv", encoding="utf-8-sig", newline="") as exported:
        assert "event_id" in csv.DictReader(exported).fieldnames


def test_export_parquet_writes_the_same_events_as_json_lines(capsys, files, tmp_path):
    import pyarrow.parquet as pq

    db = tmp_path / "s.sqlite"
    run(capsys, "ingest", "--quiet", "--db", db, files)
    lines = [json.loads(line) for line in run(capsys, "export", "--db", db, "--format", "jsonl")[1].splitlines()]
    status, _, err = run(capsys, "export", "--db", db, "--format", "parquet", "-o", tmp_path / "events.parquet")
    table = pq.read_table(tmp_path / "events.parquet")
    assert status == 0 and f"export: {len(lines)} events" in err and lines
    assert table.column("event_id").to_pylist() == [line["event_id"] for line in lines]
    assert [str(day) for day in table.column("start").to_pylist()] == [line["start"] for line in lines]


def test_ingest_on_a_dask_cluster_stores_what_the_local_engine_stores(capsys, files, tmp_path):
    """The real CLI path: a LocalCluster of one worker process, started and stopped by the command."""
    local, dask = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    assert run(capsys, "ingest", "--quiet", "--db", local, files)[0] == 1          # bad files fail
    status, _, err = run(capsys, "ingest", "--quiet", "--db", dask, "--engine", "dask", "--workers", "1", files)
    assert status == 1 and "2 documents: 2 added" in err and "3 failed" in err
    with Store(local) as expected, Store(dask) as found:
        def rows(store):
            return sorted(store.event_rows(), key=lambda r: (r["document_id"], r["start_char"]))
        assert rows(found) == rows(expected) and found.counts() == expected.counts()


def test_ingest_out_writes_events_to_parquet_without_a_store(capsys, files, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "ingest", "--quiet", files / "good.txt", "--out", tmp_path / "events.parquet")
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert status == 0 and f"events: {len(events)} written" in err and events
    assert {event["document_path"] for event in events} == {str(files / "good.txt")}
    assert not (tmp_path / "newsmap.sqlite").exists()


@pytest.mark.parametrize("arguments, message", [
    (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler and --workers are for --engine dask"),
    (["--engine", "dask", "--workers", "0"], "--workers must be at least 1"),
    (["--out", "e.parquet", "--db", "s.sqlite"], "leave out --db"),
])
def test_ingest_refuses_options_that_do_not_go_together(capsys, files, arguments, message):
    status, _, err = run(capsys, "ingest", "--quiet", files / "good.txt", *arguments)
    assert status == 2 and message in err


def test_export_parquet_needs_a_file(capsys, tmp_path):
    status, out, err = run(capsys, "export", "--db", tmp_path / "s.sqlite", "--format", "parquet")
    assert status == 2 and out == "" and "--output FILE" in err


def test_export_filters_by_date(capsys, tmp_path):
    db = tmp_path / "store.sqlite"
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"text": text, "published": "2023-12-31"}) + "\n" for text in (
        "Egypt signed on 3 May 2022.", "Iraq signed on 5 June 2023.", "Syria signed on 9 July 2023.")))
    assert run(capsys, "ingest", "--quiet", "--db", db, batch)[0] == 0
    everything = [json.loads(line) for line in run(capsys, "export", "--db", db, "--format", "jsonl")[1].splitlines()]
    assert len(everything) >= 3
    days = sorted(row["start"] for row in everything if row["start"])
    status, out, _ = run(capsys, "export", "--db", db, "--format", "jsonl", "--from", days[-1], "--to", days[-1])
    kept = [json.loads(line) for line in out.splitlines()]
    assert kept and all(row["start"] <= days[-1] <= row["end"] for row in kept)
    assert len(kept) < len(everything)


@pytest.mark.parametrize("arguments, message", [
    (["--from", "2023-10-19", "--to", "2023-10-01"], "--to 2023-10-01 is before --from 2023-10-19"),
    (["--from", "last week"], "--from date 'last week' is not an ISO date"),
])
def test_export_refuses_bad_ranges(capsys, tmp_path, arguments, message):
    status, out, err = run(capsys, "export", "--db", tmp_path / "s.sqlite", "--format", "csv", *arguments)
    assert status == 2 and out == "" and message in err


def test_a_database_that_cannot_be_opened_is_one_line(capsys, tmp_path):
    status, out, err = run(capsys, "export", "--db", tmp_path / "no" / "db.sqlite", "--format", "csv")
    assert status == 2 and len(err.splitlines()) == 1 and "does not exist" in err


def test_ingest_uses_newsmap_db(capsys, files, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSMAP_DB", str(tmp_path / "from-env.sqlite"))
    run(capsys, "ingest", "--quiet", files / "good.txt")
    assert (tmp_path / "from-env.sqlite").exists()


def test_an_interrupted_ingest_says_how_to_resume(capsys, files, tmp_path, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(service, "analyze", interrupt)
    status, out, err = run(capsys, "ingest", "--quiet", "--db", tmp_path / "s.sqlite", files)
    assert status == 130 and "interrupted — run the same command again to resume" in err


def test_python_dash_m_extract_end_to_end(tmp_path):
    """The real entry point, in a child process: ingest the seed then export it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSMAP_DB": str(tmp_path / "e2e.sqlite")}
    ingest = subprocess.run([sys.executable, "-m", "extract", "ingest", str(ROOT / "seeds")],
                            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    assert "1 document: 1 added" in ingest.stderr
    export = subprocess.run([sys.executable, "-m", "extract", "export", "--format", "jsonl"],
                            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert export.returncode == 0 and export.stdout.strip()
    assert {json.loads(line)["published"] for line in export.stdout.splitlines()} == {"2023-10-19"}


def test_ingest_reanalyse_upgrades_stored_documents(capsys, files, tmp_path, monkeypatch):
    db = tmp_path / "s.sqlite"
    run(capsys, "ingest", "--quiet", "--db", db, files / "good.txt")
    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "next")
    status, out, err = run(capsys, "ingest", "--quiet", "--reanalyse", "--db", db)
    assert status == 0 and "reanalyse: 1 document: 0 added, 1 re-analysed" in err


def test_ingest_reanalyse_names_the_corrections_that_found_no_event(capsys, files, tmp_path, monkeypatch):
    from tests.store.test_service import strand_every_correction

    db = tmp_path / "s.sqlite"
    run(capsys, "ingest", "--quiet", "--db", db, files / "good.txt")
    with Store(str(db)) as store:
        store.correct(store.event_rows()[0]["event_id"], start="2022-05-04")
        strand_every_correction(store)
    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "next")
    status, out, err = run(capsys, "ingest", "--quiet", "--reanalyse", "--db", db)
    assert status == 0 and "1 re-analysed" in err
    assert "warning: " in err and "1 correction found no event after re-analysis" in err


def test_ingest_without_paths_says_what_it_needs(capsys, tmp_path):
    status, out, err = run(capsys, "ingest", "--db", tmp_path / "s.sqlite")
    assert status == 2 and "nothing to ingest" in err
