"""Uploads: an article dropped with its sidecar (FILE.txt.meta.json) gets the sidecar's date,
title, language and source, as `python -m extract ingest` gives it; the pending table is clean."""
import datetime as dt

import pytest

import extract
from dashboard import queries
from extract.documents import read_source

ARTICLE = "Ships left Najin for Russia on Wednesday.".encode()
SIDECAR = ('{"published": "2023-10-19", "title": "سفن في ناجين", "lang": "en", '
           '"source_url": "https://example.org/najin"}').encode()


def test_sidecars_pair_with_their_articles():
    articles, sidecars, orphans = queries.pair_uploads(
        ["a.txt", "a.txt.meta.json", "b.html", "c.md.meta.json", "d.md"])
    assert articles == ["a.txt", "b.html", "d.md"]
    assert sidecars == {"a.txt": "a.txt.meta.json"} and orphans == ["c.md.meta.json"]


def test_an_upload_with_its_sidecar_reads_like_the_same_files_on_disk(tmp_path):
    uploaded = queries.read_upload("najin.txt", ARTICLE, SIDECAR)
    (tmp_path / "najin.txt").write_bytes(ARTICLE)
    (tmp_path / "najin.txt.meta.json").write_bytes(SIDECAR)
    on_disk = read_source(tmp_path / "najin.txt")
    assert uploaded.published == on_disk.published == dt.date(2023, 10, 19)
    assert uploaded.title == on_disk.title == "سفن في ناجين"
    assert uploaded.source_url == on_disk.source_url == "https://example.org/najin"
    assert uploaded.lang == on_disk.lang == "en"


def test_without_a_sidecar_the_title_is_the_file_name_and_the_date_unknown():
    uploaded = queries.read_upload("najin.txt", ARTICLE)
    assert (uploaded.title, uploaded.published, uploaded.source_url) == ("najin", None, None)


def test_a_broken_sidecar_is_refused_with_its_name():
    with pytest.raises(extract.InputError, match=r"najin\.txt\.meta\.json: broken metadata JSON"):
        queries.read_upload("najin.txt", ARTICLE, b'{"published": ')
