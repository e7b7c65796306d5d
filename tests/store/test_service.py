"""The service layer (extract.service): adding, re-analysing and re-dating stored documents,
run against SQLite and PostgreSQL alike (see conftest.store_url)."""
from __future__ import annotations

import datetime as dt

import pytest

from extract import InputError, StoreError, service
from extract.records import document_id
from extract.store import Store
from tests.store.test_store import english_analysis


def test_the_same_text_twice_keeps_one_document(store):
    text = "Egypt and Iraq signed an agreement on 3 May 2022."
    first = service.add(store, text, dt.date(2022, 5, 5))
    counts = store.counts()
    second = service.add(store, text, dt.date(2022, 5, 5), title="Agreement")
    assert (first.status, second.status) == ("added", "unchanged")
    assert store.counts() == counts and counts["documents"] == 1
    assert store.documents()[0]["title"] == "Agreement"          # missing metadata is filled in


def test_an_extractor_upgrade_reanalyses_and_keeps_row_counts(store_url):
    text = "Egypt and Iraq signed an agreement on 3 May 2022. Syria joined on 4 May 2022."
    with Store(store_url) as old:
        service.add(old, text, dt.date(2022, 5, 5))
        counts = old.counts()
        assert old.stale_documents() == []
    with Store(store_url, extractor_version="99") as new:
        assert new.stale_documents() == [document_id(text)]
        assert service.add(new, text, dt.date(2022, 5, 5)).status == "reanalysed"
        assert new.counts() == counts
        assert new.documents()[0]["extractor_version"] == "99" and new.stale_documents() == []


def test_set_published_reanalyses_and_wins_over_later_metadata(store):
    text = "Egypt and Iraq met on 3 May 2022."
    doc_id = service.add(store, text).document_id
    analysis = service.set_published(store, doc_id, "2022-05-05").analysis
    assert analysis.document.published == dt.date(2022, 5, 5)
    assert service.add(store, text, dt.date(2030, 1, 1)).status == "unchanged"    # the user's date stays
    document = store.documents()[0]
    assert (document["published"], document["published_by"]) == ("2022-05-05", "user")


def test_set_published_refuses_an_implausible_date(store):
    doc_id = service.add(store, "Egypt and Iraq met on 3 May 2022.").document_id
    with pytest.raises(InputError, match="not plausible"):
        service.set_published(store, doc_id, "0222-05-05")


def test_text_with_nul_characters_is_refused_before_writing(store):
    with pytest.raises(InputError, match="NUL"):
        service.add(store, "Egypt\x00 on 3 May 2022")
    assert store.counts()["documents"] == 0


@pytest.mark.parametrize("upload, message", [
    (b"", "upload: the file is empty"),
    (b"\x00\x01\x02", "binary file"),
    ("سوريا في 13 سبتمبر 2023".encode("cp1256"), None),
    (b"<html><body><script>x()</script><p>Egypt on 3 May 2022.</p></body></html>", None),
])
def test_uploaded_bytes_are_read_like_files(store, upload, message):
    if message:
        with pytest.raises(InputError, match=message):
            service.add(store, upload)
        assert store.counts()["documents"] == 0
    else:
        result = service.add(store, upload, title="Uploaded")
        assert result.status == "added" and "x()" not in store.text(result.document_id)


def test_a_new_publication_date_reanalyses_and_resolves_relative_dates(store):
    text = "Egypt and Iraq signed an agreement on Thursday."
    undated = service.add(store, text)
    assert [e["start"] for e in store.event_rows()] == [None]
    dated = service.add(store, text, dt.date(2022, 5, 7))                  # a Saturday
    assert (undated.status, dated.status) == ("added", "reanalysed")
    assert [e["start"] for e in store.event_rows()] == ["2022-05-05"]


def test_force_analyses_an_unchanged_document_again(store):
    text = "Egypt and Iraq signed an agreement on 3 May 2022."
    service.add(store, text)
    assert service.add(store, text, force=True).status == "reanalysed"


def test_reanalyse_reads_the_text_and_metadata_from_the_store(store):
    text = "Egypt and Iraq signed an agreement on Thursday."
    service.add(store, text, dt.date(2022, 5, 7), title="Agreement", path="agreement.txt", lang="en")
    counts = store.counts()
    analysis = service.reanalyse(store, document_id(text)).analysis
    assert analysis.document.to_dict() == {"id": document_id(text), "path": "agreement.txt", "lang": "en",
                                           "published": "2022-05-07", "title": "Agreement",
                                           "source_url": None}
    assert [e.date.start for e in analysis.events] == [dt.date(2022, 5, 5)]
    assert store.counts() == counts


def test_reanalyse_keeps_corrections(store):
    analysis = english_analysis("Egypt and Iraq signed an agreement on 3 May 2022.")
    service.add(store, analysis.document.text)
    event_id = store.event_rows()[0]["event_id"]
    store.correct(event_id, start="2022-05-04")
    service.reanalyse(store, analysis.document.id)
    row = store.event_rows()[0]
    assert (row["start"], row["corrected"]) == ("2022-05-04", ["date"])


def test_set_published_to_none_clears_the_users_date(store):
    text = "Egypt and Iraq met on Thursday."
    doc_id = service.add(store, text).document_id
    service.set_published(store, doc_id, "2022-05-07")
    analysis = service.set_published(store, doc_id, None).analysis
    assert analysis.document.published is None and [e.date.start for e in analysis.events] == [None]
    assert store.stored_document(doc_id).published_by is None


@pytest.mark.parametrize("action", [
    lambda store: service.reanalyse(store, "0123456789abcdef"),
    lambda store: service.set_published(store, "0123456789abcdef", "2022-05-05"),
])
def test_a_document_that_is_not_stored_is_a_store_error(store, action):
    with pytest.raises(StoreError, match="no document '0123456789abcdef'"):
        action(store)


def test_the_geocoder_given_is_the_one_the_pipeline_uses(store, monkeypatch):
    given, seen = object(), []
    real_analyze = service.analyze

    def recording(*args, geocoder=None, **kwargs):
        seen.append(geocoder)
        return real_analyze(*args, **kwargs)

    monkeypatch.setattr(service, "analyze", recording)
    doc_id = service.add(store, "Egypt and Iraq met on 3 May 2022.", geocoder=given).document_id
    service.reanalyse(store, doc_id, geocoder=given)
    service.set_published(store, doc_id, "2022-05-05", geocoder=given)
    assert seen == [given, given, given]


STORY = "Egypt and Iraq signed an agreement on 3 May 2022. Troops entered Gaza."


def test_a_correction_whose_event_a_reanalysis_drops_is_reported_and_kept(store):
    """"Troops entered Gaza." is an event only at the story's date, which needs a publication
    date: clearing it drops the event, and the user is told that their correction of it no
    longer shows; dating the document again brings event and correction back."""
    doc_id = service.add(store, STORY, dt.date(2022, 5, 5)).document_id
    gaza = next(r for r in store.event_rows() if r["sentence"] == "Troops entered Gaza.")
    store.correct(gaza["event_id"], places=[{"name": "Rafah", "lat": 31.29, "lon": 34.25, "kind": "city"}])

    cleared = service.set_published(store, doc_id, None)

    assert "Troops entered Gaza." not in [e.sentence for e in cleared.analysis.events]
    [warning] = cleared.warnings
    assert "1 correction found no event after re-analysis" in warning
    # The story's day is the agreement's, so the event shows that date's words.
    assert "places of “3 May 2022” in “Troops entered Gaza.”" in warning
    assert [c["field"] for c in store.stranded_corrections(doc_id)] == ["places"]
    assert len(store.corrections(doc_id)) == 1                          # kept

    dated = service.set_published(store, doc_id, "2022-05-05")
    assert dated.warnings == () and store.stranded_corrections(doc_id) == []
    row = next(r for r in store.event_rows() if r["sentence"] == "Troops entered Gaza.")
    assert row["corrected"] == ["places"]


def test_a_reanalysis_that_keeps_every_correction_warns_of_nothing(store):
    doc_id = service.add(store, STORY, dt.date(2022, 5, 5)).document_id
    store.correct(store.event_rows()[0]["event_id"], start="2022-05-04")
    assert service.reanalyse(store, doc_id).warnings == ()
    assert service.add(store, STORY, dt.date(2022, 5, 5), force=True).warnings == ()


def test_an_upgrade_that_drops_a_corrected_event_is_reported_by_add(store_url):
    with Store(store_url) as old:
        doc_id = service.add(old, STORY, dt.date(2022, 5, 5)).document_id
        old.correct(old.event_rows()[0]["event_id"], start="2022-05-04")
        strand_every_correction(old)
    with Store(store_url, extractor_version="99") as new:
        result = service.add(new, STORY, dt.date(2022, 5, 5))
        assert result.status == "reanalysed"
        [warning] = result.warnings
        assert warning.startswith(f"document {doc_id}: 1 correction found no event after re-analysis")


def strand_every_correction(store: Store) -> None:
    """As if an older extractor had found the corrected events and the current one did not:
    every correction points at an event id, sentence and date text that are gone."""
    from extract.store import corrections
    with store.transaction() as conn:
        conn.execute(corrections.update().values(event_id="gone", sentence_start=0, sentence_end=5,
                                                 date_text="last spring"))
