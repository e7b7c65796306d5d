"""Batch ingest into the store: idempotent, resumable, and never stopped by a bad file."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from extract import service
from extract.ingest import ingest
from extract.sources import find_inputs
from extract.records import document_id

ARTICLES = [
    "Egypt and Iraq signed a trade agreement on 3 May 2022 in Cairo.",
    "وصلت السفينة إلى سوريا قادمة من روسيا في 13 سبتمبر 2023.",
    "Talks between Japan and China resumed on 1 October 2023.",
    "No date and no place here, just words.",
    "Turkey mixed with عربي text and bidi marks \u200f\u202b on 2 June 2021.\u202c",
]


@pytest.fixture
def folder(tmp_path):
    """A folder of articles: nested, with a sidecar, JSON Lines, an HTML page and bad files."""
    root = tmp_path / "articles"
    (root / "2023" / "october").mkdir(parents=True)
    for index, text in enumerate(ARTICLES[:3]):
        (root / "2023" / f"article{index}.txt").write_text(text, encoding="utf-8")
    (root / "2023" / "article0.txt.meta.json").write_text('{"published": "2022-05-05", "title": "Trade"}')
    (root / "2023" / "october" / "page.html").write_text(
        f"<html><head><style>p {{color: red}}</style><script>var x = 'Iraq 1999';</script></head>"
        f"<body><p>{ARTICLES[3]}</p></body></html>", encoding="utf-8")
    (root / "batch.jsonl").write_text(json.dumps({"text": ARTICLES[4], "published": "2021-06-03",
                                                  "title": "Mixed", "source_url": "https://example.org/m"},
                                                 ensure_ascii=False) + "\n\nnot json\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "notes.docx").write_bytes(b"PK\x03\x04 ignored: not a text suffix")
    (root / ".hidden.txt").write_text("Hidden files are skipped.")
    return root


def quiet(messages):
    return lambda message: messages.append(message)


def test_find_inputs_walks_folders_and_skips_sidecars_and_other_files(folder):
    names = [p.relative_to(folder).as_posix() for p in find_inputs([folder])]
    assert names == ["batch.jsonl", "empty.txt", "image.txt", "2023/article0.txt", "2023/article1.txt",
                     "2023/article2.txt", "2023/october/page.html"]


def test_two_ingests_of_the_same_folder_give_the_same_rows(store, folder):
    messages = []
    first = ingest(store, [folder], progress=False, report=quiet(messages))
    counts = store.counts()
    second = ingest(store, [folder], progress=False, report=quiet(messages))
    assert store.counts() == counts
    assert (first.added, first.unchanged, first.failed) == (5, 0, 3)
    assert (second.added, second.unchanged, second.failed) == (0, 5, 3)
    assert counts["documents"] == 5


def test_bad_files_are_reported_and_skipped(store, folder):
    messages = []
    summary = ingest(store, [folder], progress=False, report=quiet(messages))
    errors = [m for m in messages if m.startswith("error:")]
    assert len(errors) == summary.failed == 3
    assert any("empty.txt: the file is empty" in m for m in errors)
    assert any("image.txt: this is a PNG image" in m for m in errors)
    assert any("batch.jsonl:3: broken JSON" in m for m in errors)


def test_metadata_from_sidecars_and_json_lines_is_stored(store, folder):
    ingest(store, [folder], progress=False, report=quiet([]))
    by_id = {d["id"]: d for d in store.documents()}
    trade = by_id[document_id(ARTICLES[0])]
    assert (trade["published"], trade["title"]) == ("2022-05-05", "Trade")
    mixed = by_id[document_id(ARTICLES[4])]
    assert (mixed["published"], mixed["source_url"], mixed["path"]) == (
        "2021-06-03", "https://example.org/m", f"{folder / 'batch.jsonl'}:1")


def test_script_and_style_text_is_not_stored(store, folder):
    ingest(store, [folder], progress=False, report=quiet([]))
    texts = [store.text(d["id"]) for d in store.documents()]
    assert ARTICLES[3] in texts
    assert not any("var x" in text or "color: red" in text for text in texts)


def test_an_interrupted_ingest_resumes_where_it_stopped(store, folder, monkeypatch):
    real_analyze, calls = service.analyze, []

    def interrupted_on_the_third(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_analyze(*args, **kwargs)

    monkeypatch.setattr(service, "analyze", interrupted_on_the_third)
    first = ingest(store, [folder], progress=False, report=quiet([]))
    assert first.interrupted and first.added == 2 and store.counts()["documents"] == 2

    monkeypatch.setattr(service, "analyze", real_analyze)
    second = ingest(store, [folder], progress=False, report=quiet([]))
    assert not second.interrupted
    assert (second.added, second.unchanged) == (3, 2)
    assert store.counts()["documents"] == 5


def test_an_extractor_crash_skips_the_document_and_goes_on(store, folder, monkeypatch):
    real_analyze = service.analyze

    def crashes_on_arabic(text, *args, **kwargs):
        if "سوريا" in text:
            raise OverflowError("date value out of range")
        return real_analyze(text, *args, **kwargs)

    monkeypatch.setattr(service, "analyze", crashes_on_arabic)
    messages = []
    summary = ingest(store, [folder], progress=False, report=quiet(messages))
    assert summary.added == 4 and summary.failed == 4
    assert any("article1.txt: the extractor failed (OverflowError" in m for m in messages)


def test_published_given_to_ingest_overrides_the_metadata(store, folder):
    ingest(store, [folder / "2023"], published=dt.date(2023, 10, 19), progress=False, report=quiet([]))
    assert {d["published"] for d in store.documents()} == {"2023-10-19"}


def test_a_future_publication_date_is_kept_with_a_warning(store, tmp_path):
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": ARTICLES[0], "published": future}) + "\n")
    messages = []
    summary = ingest(store, [tmp_path / "a.jsonl"], progress=False, report=quiet(messages))
    assert summary.added == 1 and summary.warnings
    assert any(m.startswith("warning:") and "in the future" in m for m in messages)
    assert store.documents()[0]["published"] == future


def test_a_missing_path_is_reported_not_fatal(store, folder, tmp_path):
    messages = []
    summary = ingest(store, [tmp_path / "missing.txt", folder / "2023" / "article2.txt"],
                     progress=False, report=quiet(messages))
    assert (summary.added, summary.failed) == (1, 1)
    assert "missing.txt: no such file" in messages[0]


def test_reanalyse_stale_upgrades_every_document_and_keeps_corrections(store_url, folder):
    from extract.ingest import reanalyse_stale
    from extract.store import Store

    with Store(store_url) as old:
        ingest(old, [folder], progress=False, report=quiet([]))
        event_id = old.event_rows()[0]["event_id"]
        old.correct(event_id, start="2001-01-01")
        counts = old.counts()
    with Store(store_url, extractor_version="next") as new:
        assert len(new.stale_documents()) == 5
        summary = reanalyse_stale(new, progress=False, report=quiet([]))
        assert (summary.reanalysed, summary.failed) == (5, 0)
        assert new.stale_documents() == [] and new.counts() == counts
        row = next(r for r in new.event_rows() if r["event_id"] == event_id)
        assert row["start"] == "2001-01-01" and row["corrected"] == ["date"]


def test_hostile_files_leave_the_stored_documents_alone(store, folder, tmp_path):
    ingest(store, [folder], progress=False, report=quiet([]))
    counts, rows = store.counts(), store.event_rows()
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    (hostile / "blank.txt").write_text(" \n\t ")
    (hostile / "binary.txt").write_bytes(bytes(range(256)))
    (hostile / "broken.txt").write_text(ARTICLES[0])                 # same text, broken sidecar
    (hostile / "broken.txt.meta.json").write_text("{not json")
    (hostile / "bad-date.jsonl").write_text(json.dumps({"text": ARTICLES[1], "published": "13/09/2023"}) + "\n")
    summary = ingest(store, [hostile], progress=False, report=quiet([]))
    assert (summary.documents, summary.failed) == (0, 4)
    assert store.counts() == counts and store.event_rows() == rows
