"""Archive sources read in partitions: every document once, in order, whatever the partition size."""
from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.documents import Source
from extract.errors import ExtractError
from extract.sources import find_inputs, plan_partitions, read_partition


def read_all(paths, size):
    return [(name, source) for partition in plan_partitions(paths, size)
            for name, source in read_partition(partition)]


def described(found):
    return [(name, source.text if isinstance(source, Source) else f"error: {source}") for name, source in found]


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps({"text": f"Article {n} about Egypt.", "published": "2023-10-19"}) for n in range(7)]
    lines.insert(2, "")                                    # a blank line
    lines.insert(5, "{broken")                             # a broken record
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def parquet(tmp_path):
    path = tmp_path / "articles.parquet"
    table = pa.table({
        "id": [f"a{n}" for n in range(8)],
        "text": [f"Article {n} about Iraq." if n != 4 else None for n in range(8)],
        "published": [dt.date(2023, 1, n + 1) for n in range(8)],
        "url": [f"https://example.org/{n}" for n in range(8)],
        "lang": ["en"] * 8,
        "section": ["world"] * 8,                          # a column the articles do not use
    })
    pq.write_table(table, path, row_group_size=3)
    return path


@pytest.mark.parametrize("size", [1, 2, 3, 4, 100])
def test_json_lines_read_the_same_in_any_partition_size(jsonl, size):
    assert described(read_all([jsonl], size)) == described(read_all([jsonl], 1000))


def test_json_lines_are_named_by_line_and_broken_lines_are_errors(jsonl):
    found = described(read_all([jsonl], 2))
    assert [name.rsplit(":", 1)[1] for name, _ in found] == ["1", "2", "4", "5", "6", "7", "8", "9"]
    assert found[0][1] == "Article 0 about Egypt."          # the byte order mark is not text
    assert "broken JSON" in found[4][1] and found[4][0].endswith(":6")


def test_json_lines_partitions_count_their_documents(jsonl):
    partitions = list(plan_partitions([jsonl], 3))
    assert [p.documents for p in partitions] == [3, 3, 2]
    assert partitions[-1].stop == jsonl.stat().st_size


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 100])
def test_parquet_rows_are_read_once_in_order_across_row_groups(parquet, size):
    found = read_all([parquet], size)
    assert [name.rsplit(":", 1)[1] for name, _ in found] == [str(n) for n in range(1, 9)]
    assert described(found) == described(read_all([parquet], 1000))


def test_parquet_columns_fill_the_source(parquet):
    found = dict(read_all([parquet], 3))
    first = found[f"{parquet}:1"]
    assert (first.text, first.published, first.source_url, first.path, first.lang) == (
        "Article 0 about Iraq.", dt.date(2023, 1, 1), "https://example.org/0", "a0", "en")
    assert isinstance(found[f"{parquet}:5"], ExtractError)      # a null text


def test_parquet_timestamps_and_strings_are_publication_dates(tmp_path):
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"text": ["One about Syria.", "Two about Syria."],
                             "published": pa.array([dt.datetime(2022, 5, 3, 14, 0), None],
                                                   pa.timestamp("s", tz="UTC"))}), path)
    assert [s.published for _, s in read_all([path], 10)] == [dt.date(2022, 5, 3), None]


def test_a_parquet_file_without_text_is_one_error(tmp_path):
    path = tmp_path / "no-text.parquet"
    pq.write_table(pa.table({"body": ["x"] * 5}), path)
    found = read_all([path], 2)
    assert len(found) == 1 and 'no "text" column' in str(found[0][1])


def test_a_file_that_is_not_parquet_is_one_error(tmp_path):
    path = tmp_path / "fake.parquet"
    path.write_text("not parquet at all")
    found = read_all([path], 2)
    assert len(found) == 1 and "not a Parquet file" in str(found[0][1])


def test_folders_give_documents_json_lines_and_parquet_in_order(tmp_path, jsonl, parquet):
    (tmp_path / "b.txt").write_text("A text about Jordan.", encoding="utf-8")
    (tmp_path / "b.txt.meta.json").write_text('{"title": "B"}')
    names = [p.name for p in find_inputs([tmp_path])]
    assert names == ["articles.jsonl", "articles.parquet", "b.txt"]
    partitions = list(plan_partitions([tmp_path], 4))
    assert [(p.kind, p.documents) for p in partitions] == [
        ("jsonl", 4), ("jsonl", 4), ("parquet", 4), ("parquet", 4), ("files", 1)]


def test_a_missing_json_lines_file_is_one_error(tmp_path):
    found = read_all([tmp_path / "missing.jsonl"], 5)
    assert len(found) == 1 and "cannot be read" in str(found[0][1])
