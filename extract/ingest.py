"""Batch ingest on this machine: files, folders (recursively), JSON Lines and Parquet files into
the store, with a progress bar, per-document errors reported and skipped, and resumption after
an interrupt. (extract.cluster does the same on a Dask cluster.)

Resuming needs no checkpoint: every document is committed on its own, and a document whose
text is already stored with the current extractor is not analysed again, so running the same
command after an interrupt only does the documents that are left.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import service
from .batch import Outcome, Settings, extractor_failed, process_partition
from .documents import Source
from .errors import ExtractError, StoreError
from .exports import ParquetWriter
from .sources import PARTITION_SIZE, plan_partitions, read_partition
from .store import Store


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

    @property
    def analysed(self) -> int:
        return self.added + self.reanalysed

    def count(self, status: str) -> None:
        """One more document "added", "reanalysed" or "unchanged"."""
        setattr(self, status, getattr(self, status) + 1)

    def fail(self, message: str, report: Callable[[str], None]) -> None:
        """One more document that failed, with its error, reported as it happens."""
        self.failed += 1
        self.errors.append(message)
        report(f"error: {message}")

    def warn(self, message: str, report: Callable[[str], None]) -> None:
        self.warnings.append(message)
        report(f"warning: {message}")

    def account(self, outcomes: Iterable[Outcome], report: Callable[[str], None]) -> None:
        """Count a partition's outcomes (extract.batch), reporting errors and warnings."""
        for outcome in outcomes:
            for warning in outcome.warnings:
                self.warn(warning, report)
            if outcome.status == "failed":
                self.fail(outcome.message or outcome.name, report)
            else:
                self.count(outcome.status)

    def line(self) -> str:
        rate = self.analysed / self.seconds if self.seconds else 0.0
        text = (f"{self.documents} document{'' if self.documents == 1 else 's'}: {self.added} added, {self.reanalysed} re-analysed, "
                f"{self.unchanged} unchanged; {self.failed} failed "
                f"({self.seconds:.1f} s, {rate:.1f} analysed/s)")
        if self.interrupted:
            text += "; interrupted — run the same command again to resume"
        return text


def _stderr(message: str) -> None:
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


def progress_bar(progress: bool | None, what: str, total: int | None = 0):
    """A tqdm bar on standard error: `progress` True shows it, False hides it, None shows it on
    a terminal."""
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc=what, file=sys.stderr, dynamic_ncols=True,
                disable=(not progress) if progress is not None else None)


@contextlib.contextmanager
def _run(summary: IngestSummary, bar):
    """Time a batch into `summary`, end it quietly on Ctrl-C (what was stored stays stored, and
    the summary says so) and close its progress bar whatever happens."""
    started = time.perf_counter()
    try:
        yield
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        bar.close()
        summary.seconds = time.perf_counter() - started


def ingest(store: Store, paths: Iterable[str | os.PathLike], *, published: dt.date | None = None,
           lang: str | None = None, progress: bool | None = None,
           report: Callable[[str], None] = _stderr, partition_size: int = PARTITION_SIZE) -> IngestSummary:
    """Add every document under `paths` to `store`; errors are reported and skipped.

    `published` overrides the documents' own dates. `progress`: True shows a bar, False hides
    it, None shows it on a terminal. On KeyboardInterrupt the summary says so and what was
    stored stays stored; a StoreError (the database itself failing) stops the ingest.
    """
    summary = IngestSummary()
    bar = progress_bar(progress, "ingest")
    with _run(summary, bar):
        for partition in plan_partitions(paths, partition_size):
            bar.total += partition.documents
            for name, source in read_partition(partition):
                bar.update(1)
                if isinstance(source, ExtractError):
                    summary.fail(str(source), report)
                else:
                    _add(store, name, source, published, lang, summary, report)
                bar.set_postfix(added=summary.added, failed=summary.failed, refresh=False)
    return summary


def _add(store: Store, name: str, source: Source, published: dt.date | None, lang: str | None,
         summary: IngestSummary, report: Callable[[str], None]) -> None:
    try:
        result = service.add(store, source, published, lang=None if lang in (None, "auto") else lang)
    except StoreError:
        raise
    except ExtractError as error:
        summary.fail(str(error), report)
        return
    except Exception as error:    # an extractor bug must not stop a batch of hundreds  # noqa: BLE001
        summary.fail(extractor_failed(name, error), report)
        return
    for warning in result.warnings:
        summary.warn(warning, report)
    summary.count(result.status)


def ingest_to_parquet(out: ParquetWriter, paths: Iterable[str | os.PathLike], *,
                      published: dt.date | None = None, lang: str | None = None,
                      progress: bool | None = None, report: Callable[[str], None] = _stderr,
                      partition_size: int = PARTITION_SIZE) -> IngestSummary:
    """Analyse every document under `paths` into event rows in `out`, without a store (so
    every document is analysed); errors are reported and skipped."""
    summary = IngestSummary()
    settings = Settings(published=published, lang=lang, event_rows=True)
    bar = progress_bar(progress, "analyse")
    with _run(summary, bar):
        for partition in plan_partitions(paths, partition_size):
            bar.total += partition.documents
            result = process_partition(partition, settings, None)
            out.write(result.rows)
            summary.account(result.outcomes, report)
            bar.update(partition.documents)
    return summary


def reanalyse_stale(store: Store, *, progress: bool | None = None,
                    report: Callable[[str], None] = _stderr) -> IngestSummary:
    """Re-analyse every stored document that another extractor version analysed (after an
    upgrade), each in its own transaction; corrections are kept, and those that no longer find
    their event are reported. Resumable like `ingest`."""
    summary = IngestSummary()
    stale = store.stale_documents()
    bar = progress_bar(progress, "reanalyse", total=len(stale))
    with _run(summary, bar):
        for doc_id in stale:
            bar.update(1)
            try:
                result = service.reanalyse(store, doc_id)
            except StoreError:
                raise
            except Exception as error:    # one document must not stop the others  # noqa: BLE001
                summary.fail(f"document {doc_id}: the extractor failed ({type(error).__name__}: {error})", report)
                continue
            for warning in result.warnings:       # corrections the new analysis left without an event
                summary.warn(warning, report)
            summary.reanalysed += 1
    return summary
