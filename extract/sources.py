"""Archive sources: the documents of files, folders, JSON Lines and Parquet files, cut into
partitions that one process (or one Dask worker) reads at a time, never the whole input at once.

    >>> for partition in plan_partitions(["archive/", "2019.jsonl", "2020.parquet"]):
    ...     for name, source in read_partition(partition):   # Source, or the ExtractError it raised
    ...         ...

A partition is a small, picklable description (some file names, a byte range, a row range), so
the client plans the work by reading only line ends and Parquet footers, and whoever reads a
partition opens the file itself: on a cluster every worker must be able to read the paths.
Documents are named FILE for a document file, FILE:LINE for JSON Lines and FILE:ROW (from 1)
for Parquet, the same whichever engine reads them.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .documents import TEXT_SUFFIXES, Source, loads_json, open_regular, read_source, source_from_record
from .errors import ExtractError, InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
SIDECAR_SUFFIX = ".meta.json"
# Documents per partition: enough to dwarf a task's overhead (~1 ms against ~7 ms a document),
# few enough that the workers share the work evenly and a retried task redoes little.
PARTITION_SIZE = 200
# Parquet columns of an article, and the Source field each one fills; `url` and `id` are the
# common archive names for the source URL and the document's own identifier.
ARTICLE_COLUMNS = ("text", "published", "lang", "title", "url", "source_url", "id", "path")
# Rows decoded at once from a Parquet file: a bound on memory whatever its row groups.
PARQUET_BATCH_ROWS = 256


@dataclass(frozen=True, slots=True)
class Partition:
    """One slice of the input: whole document files, a byte range of a JSON Lines file, or a
    row range of a Parquet file. `documents` is how many it holds (for progress)."""
    kind: Literal["files", "jsonl", "parquet"]
    paths: tuple[str, ...]
    start: int = 0            # jsonl: byte offset; parquet: first row (from 0)
    stop: int = 0             # exclusive
    first_line: int = 1       # jsonl: the line number at `start`
    documents: int = 0


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_SUFFIXES)


def is_parquet(path: Path) -> bool:
    return path.name.lower().endswith(PARQUET_SUFFIXES)


def iter_inputs(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """The files to ingest: each file given, and under each folder (recursively, sorted) the
    text, Markdown, HTML, JSON Lines and Parquet files, without hidden files and metadata
    sidecars. A path that does not exist is kept, so that it is reported like any unreadable file."""
    wanted = TEXT_SUFFIXES + JSONL_SUFFIXES + PARQUET_SUFFIXES
    for path in map(Path, paths):
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                lower = name.lower()
                if name.startswith(".") or lower.endswith(SIDECAR_SUFFIX) or not lower.endswith(wanted):
                    continue
                yield Path(folder) / name


def find_inputs(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """`iter_inputs` as a list."""
    return list(iter_inputs(paths))


def plan_partitions(paths: Iterable[str | os.PathLike], size: int = PARTITION_SIZE) -> Iterator[Partition]:
    """The partitions of everything under `paths`, in input order, about `size` documents each.
    Document files are grouped; a JSON Lines or Parquet file is cut into ranges of its own."""
    if size < 1:
        raise InputError(f"a partition holds at least one document, not {size}")
    files: list[str] = []
    for path in iter_inputs(paths):
        if not (is_jsonl(path) or is_parquet(path)):
            files.append(str(path))
            if len(files) == size:
                yield Partition("files", tuple(files), documents=len(files))
                files = []
            continue
        if files:
            yield Partition("files", tuple(files), documents=len(files))
            files = []
        yield from (_jsonl_partitions(path, size) if is_jsonl(path) else _parquet_partitions(path, size))
    if files:
        yield Partition("files", tuple(files), documents=len(files))


def _jsonl_partitions(path: Path, size: int) -> Iterator[Partition]:
    """Byte ranges of about `size` non-blank lines each; the file is read once, a line at a time."""
    try:
        lines = open_regular(path)
    except ExtractError:
        yield Partition("jsonl", (str(path),), 0, 1, documents=1)     # read_partition says why
        return
    with lines:
        start, first_line, number, documents = 0, 1, 0, 0
        for raw in lines:
            number += 1
            documents += 1 if raw.strip() else 0
            if documents == size:
                end = lines.tell()
                yield Partition("jsonl", (str(path),), start, end, first_line, documents)
                start, first_line, documents = end, number + 1, 0
        end = lines.tell()
        if documents or end > start:
            yield Partition("jsonl", (str(path),), start, end, first_line, documents)


def _parquet_partitions(path: Path, size: int) -> Iterator[Partition]:
    """Row ranges of `size` rows; only the file's footer is read."""
    try:
        table = _parquet_file(path)
    except ExtractError:
        table = None
    if table is None or "text" not in table.schema_arrow.names:
        yield Partition("parquet", (str(path),), 0, 0, documents=1)    # read_partition says why
        return
    rows = table.metadata.num_rows
    for start in range(0, rows, size):
        stop = min(rows, start + size)
        yield Partition("parquet", (str(path),), start, stop, documents=stop - start)


def read_partition(partition: Partition) -> Iterator[tuple[str, Source | ExtractError]]:
    """(name, Source) for each document of a partition, or (name, error) for one that cannot be
    read; an error never stops the others."""
    if partition.kind == "files":
        for path in partition.paths:
            try:
                yield path, read_source(path)
            except ExtractError as error:
                yield path, error
    elif partition.kind == "jsonl":
        yield from _read_jsonl(partition)
    else:
        yield from _read_parquet(partition)


def _read_jsonl(partition: Partition) -> Iterator[tuple[str, Source | ExtractError]]:
    path = partition.paths[0]
    try:
        lines = open_regular(path)
    except ExtractError as error:
        yield path, error
        return
    with lines:
        lines.seek(partition.start)
        number = partition.first_line
        while lines.tell() < partition.stop:
            raw = lines.readline()
            if not raw:
                break
            line, number = number, number + 1
            if raw.strip():
                name = f"{path}:{line}"
                yield name, _jsonl_source(raw, name, first=line == 1)


def _jsonl_source(raw: bytes, name: str, *, first: bool) -> Source | ExtractError:
    try:
        record = loads_json(raw.decode("utf-8-sig" if first else "utf-8"))
    except UnicodeDecodeError:
        return InputError(f"{name}: the line is not UTF-8; JSON Lines must be UTF-8")
    except json.JSONDecodeError as error:
        return InputError(f"{name}: broken JSON ({error.msg} at column {error.colno})")
    return _article(record, name)


def _article(record: object, name: str) -> Source | ExtractError:
    """A Source from one article record, with the archive names `url` and `id` understood."""
    if isinstance(record, dict) and ("url" in record or "id" in record):
        record = dict(record)
        if record.get("source_url") is None and isinstance(record.get("url"), str):
            record["source_url"] = record["url"]
        if record.get("path") is None and record.get("id") not in (None, ""):
            record["path"] = str(record["id"])
    try:
        return source_from_record(record, name)
    except ExtractError as error:
        return error


def _parquet_file(path: Path | str):
    import pyarrow
    import pyarrow.parquet as parquet

    try:
        return parquet.ParquetFile(path)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
    except (pyarrow.ArrowInvalid, pyarrow.ArrowException) as error:
        raise InputError(f"{path}: not a Parquet file ({error})") from None


def _read_parquet(partition: Partition) -> Iterator[tuple[str, Source | ExtractError]]:
    """The rows [start, stop) of a Parquet file, decoded PARQUET_BATCH_ROWS at a time from the
    row groups that hold them."""
    import pyarrow

    path = partition.paths[0]
    try:
        table = _parquet_file(path)
    except ExtractError as error:
        yield path, error
        return
    names = table.schema_arrow.names
    if "text" not in names:
        yield path, InputError(f"{path}: no \"text\" column (the columns are {', '.join(names) or 'none'})")
        return
    groups, first_row, row = [], None, 0
    for group in range(table.metadata.num_row_groups):
        rows = table.metadata.row_group(group).num_rows
        if row < partition.stop and row + rows > partition.start:
            groups.append(group)
            first_row = row if first_row is None else first_row
        row += rows
    columns = [c for c in ARTICLE_COLUMNS if c in names]
    row = first_row or 0
    try:
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=groups, columns=columns):
            if row + batch.num_rows <= partition.start:
                row += batch.num_rows
                continue
            for record in batch.to_pylist():
                if partition.start <= row < partition.stop:
                    name = f"{path}:{row + 1}"
                    yield name, _article(record, name)
                row += 1
                if row >= partition.stop:
                    return
    except (OSError, pyarrow.ArrowException) as error:
        failed = InputError(f"{path}: rows from {row + 1} cannot be read ({error})")
        for lost in range(row, partition.stop):
            yield f"{path}:{lost + 1}", failed
