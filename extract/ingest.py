"""Batch ingest: files, folders (recursively) and JSON Lines into the store, with a progress
bar, per-document errors reported and skipped, and resumption after an interrupt.

Resuming needs no checkpoint: every document is committed on its own, and a document whose
text is already stored with the current extractor is not analysed again, so running the same
command after an interrupt only does the documents that are left.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .documents import TEXT_SUFFIXES, Source, read_source, source_from_record
from .errors import ExtractError, StoreError
from .store import Store

JSONL_SUFFIXES = (".jsonl", ".ndjson")
SIDECAR_SUFFIX = ".meta.json"


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did, document by document."""
    added: int = 0
    reanalysed: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.reanalysed + self.unchanged

    def line(self) -> str:
        rate = (self.added + self.reanalysed) / self.seconds if self.seconds else 0.0
        text = (f"{self.documents} document{'' if self.documents == 1 else 's'}: {self.added} added, {self.reanalysed} re-analysed, "
                f"{self.unchanged} unchanged; {self.failed} failed "
                f"({self.seconds:.1f} s, {rate:.1f} analysed/s)")
        if self.interrupted:
            text += "; interrupted — run the same command again to resume"
        return text


def find_inputs(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files to ingest: each file given, and under each folder (recursively, sorted) the
    text, Markdown, HTML and JSON Lines files, without hidden files and metadata sidecars.
    A path that does not exist is kept, so that it is reported like any unreadable file."""
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                lower = name.lower()
                if (name.startswith(".") or lower.endswith(SIDECAR_SUFFIX)
                        or not lower.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES)):
                    continue
                found.append(Path(folder) / name)
    return found


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_SUFFIXES)


def count_documents(path: Path) -> int:
    """How many documents a file holds (the non-blank lines of JSON Lines), for the progress bar."""
    if not is_jsonl(path):
        return 1
    try:
        with path.open("rb") as lines:
            return sum(1 for line in lines if line.strip())
    except OSError:
        return 1


def read_sources(path: Path) -> Iterator[tuple[str, Source | ExtractError]]:
    """(name, Source) for each document of a file, or (name, error) for one that cannot be
    read; JSON Lines give one document per line, named FILE:LINE."""
    if not is_jsonl(path):
        try:
            yield str(path), read_source(path)
        except ExtractError as error:
            yield str(path), error
        return
    try:
        lines = path.open("rb")
    except OSError as error:
        yield str(path), ExtractError(f"{path}: cannot be read ({error.strerror})")
        return
    with lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            name = f"{path}:{number}"
            try:
                record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield name, ExtractError(f"{name}: the line is not UTF-8; JSON Lines must be UTF-8")
                continue
            except json.JSONDecodeError as error:
                yield name, ExtractError(f"{name}: broken JSON ({error.msg} at column {error.colno})")
                continue
            try:
                yield name, source_from_record(record, name)
            except ExtractError as error:
                yield name, error


def _stderr(message: str) -> None:
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


def ingest(store: Store, paths: Iterable[str | os.PathLike], *, published: dt.date | None = None,
           lang: str | None = None, progress: bool | None = None,
           report: Callable[[str], None] = _stderr) -> IngestSummary:
    """Add every document under `paths` to `store`; errors are reported and skipped.

    `published` overrides the documents' own dates. `progress`: True shows a bar, False hides
    it, None shows it on a terminal. On KeyboardInterrupt the summary says so and what was
    stored stays stored; a StoreError (the database itself failing) stops the ingest.
    """
    from tqdm import tqdm

    started = time.perf_counter()
    summary = IngestSummary()
    files = find_inputs(paths)
    bar = tqdm(total=sum(count_documents(f) for f in files), unit="doc", desc="ingest",
               disable=(not progress) if progress is not None else None, file=sys.stderr,
               dynamic_ncols=True)
    try:
        for file in files:
            for name, source in read_sources(file):
                bar.update(1)
                if isinstance(source, ExtractError):
                    summary.failed += 1
                    summary.errors.append(str(source))
                    report(f"error: {source}")
                else:
                    _add(store, name, source, published, lang, summary, report)
                bar.set_postfix(added=summary.added, failed=summary.failed, refresh=False)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        bar.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _add(store: Store, name: str, source: Source, published: dt.date | None, lang: str | None,
         summary: IngestSummary, report: Callable[[str], None]) -> None:
    try:
        result = store.add(source, published, lang=None if lang in (None, "auto") else lang)
    except StoreError:
        raise
    except ExtractError as error:
        summary.failed += 1
        summary.errors.append(str(error))
        report(f"error: {error}")
        return
    except Exception as error:    # an extractor bug must not stop a batch of hundreds  # noqa: BLE001
        message = f"{name}: the extractor failed ({type(error).__name__}: {error}); the file was skipped"
        summary.failed += 1
        summary.errors.append(message)
        report(f"error: {message}")
        return
    for warning in result.warnings:
        summary.warnings.append(warning)
        report(f"warning: {warning}")
    if result.status == "added":
        summary.added += 1
    elif result.status == "reanalysed":
        summary.reanalysed += 1
    else:
        summary.unchanged += 1


def reanalyse_stale(store: Store, *, progress: bool | None = None,
                    report: Callable[[str], None] = _stderr) -> IngestSummary:
    """Re-analyse every stored document that another extractor version analysed (after an
    upgrade), each in its own transaction; corrections are kept. Resumable like `ingest`."""
    from tqdm import tqdm

    started = time.perf_counter()
    summary = IngestSummary()
    stale = store.stale_documents()
    try:
        for doc_id in tqdm(stale, unit="doc", desc="reanalyse", file=sys.stderr, dynamic_ncols=True,
                           disable=(not progress) if progress is not None else None):
            try:
                store.reanalyse(doc_id)
            except StoreError:
                raise
            except Exception as error:    # one document must not stop the others  # noqa: BLE001
                message = f"document {doc_id}: the extractor failed ({type(error).__name__}: {error})"
                summary.failed += 1
                summary.errors.append(message)
                report(f"error: {message}")
                continue
            summary.reanalysed += 1
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.seconds = time.perf_counter() - started
    return summary
