"""An edited file (same path, new text) replaces its earlier version on re-ingest, keeping the
users' corrections whose sentence is still there and reporting the others."""
from __future__ import annotations

import datetime as dt

from extract import service
from extract.documents import Source

FIRST = ("Egypt and Iraq signed a trade deal in Cairo on 3 May 2022. "
         "Ships sailed from Najin to Vladivostok on 7 September 2023.")
EDITED = ("A correction was appended to this report. "                       # moves every sentence
          "Egypt and Jordan signed a trade deal in Amman on 3 May 2022. "    # the first one changed
          "Ships sailed from Najin to Vladivostok on 7 September 2023.")    # the second one kept


def _event(store, document, date_text):
    return next(r for r in store.event_rows(document_ids=[document]) if r["date_text"] == date_text)


def test_an_edited_file_replaces_its_earlier_version_and_keeps_the_corrections_that_apply(store):
    first = service.add(store, Source(FIRST, path="news/report.txt"), dt.date(2023, 10, 1))
    deal, sailing = _event(store, first.document_id, "3 May 2022"), _event(store, first.document_id, "7 September 2023")
    store.correct(deal["event_id"], start="2022-05-04", document_id=first.document_id)
    store.correct(sailing["event_id"], start="2023-09-08", end="2023-09-09", document_id=first.document_id,
                  note="the port log says so")

    edited = service.add(store, Source(EDITED, path="news/report.txt"), dt.date(2023, 10, 1))

    assert edited.status == "added" and edited.document_id != first.document_id
    assert [d["id"] for d in store.documents()] == [edited.document_id]       # no duplicate
    moved = _event(store, edited.document_id, "7 September 2023")
    assert (moved["start"], moved["end"], moved["corrected"]) == ("2023-09-08", "2023-09-09", ["date"])
    assert moved["start_char"] != sailing["start_char"]                       # the sentence moved
    assert [c["note"] for c in store.corrections(edited.document_id)] == ["the port log says so"]
    assert _event(store, edited.document_id, "3 May 2022")["corrected"] == []
    [message] = [w for w in edited.warnings if "replaces the earlier version" in w]
    assert "1 correction kept" in message and "1 correction could not be kept" in message
    assert "date of “3 May 2022” in “Egypt and Iraq signed a trade deal in Cairo" in message


def test_the_same_file_again_replaces_nothing(store):
    first = service.add(store, Source(FIRST, path="news/report.txt"), dt.date(2023, 10, 1))
    again = service.add(store, Source(FIRST, path="news/report.txt"), dt.date(2023, 10, 1))
    assert again.status == "unchanged" and not again.warnings
    other = service.add(store, Source(EDITED, path="news/other.txt"), dt.date(2023, 10, 1))
    assert {d["id"] for d in store.documents()} == {first.document_id, other.document_id}


def test_a_users_publication_date_carries_over_to_the_edited_version(store):
    first = service.add(store, Source(FIRST, path="news/report.txt"))
    service.set_published(store, first.document_id, "2023-10-02")
    edited = service.add(store, Source(EDITED, path="news/report.txt"))
    stored = store.stored_document(edited.document_id)
    assert (stored.published, stored.published_by) == (dt.date(2023, 10, 2), "user")


def test_a_correction_finds_its_event_when_a_new_extractor_moves_its_sentence(store):
    """Re-analysis of the same text that splits it differently: the correction follows its
    date into the sentence that now holds it."""
    first = service.add(store, Source(FIRST, path="news/report.txt"), dt.date(2023, 10, 1))
    sailing = _event(store, first.document_id, "7 September 2023")
    store.correct(sailing["event_id"], start="2023-09-08", document_id=first.document_id)
    from extract.store import corrections
    with store.transaction() as conn:      # as if the old extractor's sentence had started earlier
        conn.execute(corrections.update().values(event_id="gone", sentence_start=0,
                                                 sentence_end=sailing["end_char"] - 3))
    assert _event(store, first.document_id, "7 September 2023")["start"] == "2023-09-08"


def test_two_uploads_that_share_a_bare_name_are_two_documents(store):
    """A browser upload's name is not a file on disk: "article.txt" from two folders is two
    articles, not an edit of one."""
    first = service.add(store, FIRST.encode(), dt.date(2023, 10, 1), path="article.txt",
                        path_names_a_file=False)
    second = service.add(store, EDITED.encode(), dt.date(2023, 10, 1), path="article.txt",
                         path_names_a_file=False)
    assert second.status == "added" and not any("replaces" in w for w in second.warnings)
    assert sorted(d["id"] for d in store.documents()) == sorted([first.document_id, second.document_id])
