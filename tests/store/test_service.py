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
    analysis = service.set_published(store, doc_id, "2022-05-05")
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
    analysis = service.reanalyse(store, document_id(text))
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
    analysis = service.set_published(store, doc_id, None)
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
