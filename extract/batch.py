"""One partition's work, wherever it runs (a Dask worker, or this process): read its documents,
skip those stored unchanged, analyse the rest, and write the results in one batch or hand them
back for the client to write.

Writes are keyed by the hash of each document's text and checked again when they are made, so
a document two tasks analysed (the same text twice in an archive, or a task retried after its
worker died) is stored once: the second write finds it stored unchanged and adds nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .documents import Source
from .errors import ExtractError, StoreError
from .exports import event_rows
from .pipeline import analyze
from .records import Analysis, document_id
from .service import AddPlan, plan_add, stranded_warnings
from .sources import Partition, read_partition
from .store import Store

# Attempts at writing a batch when PostgreSQL aborts it to break a deadlock between writers.
WRITE_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class Settings:
    """What every partition's task is given besides its partition."""
    published: dt.date | None = None    # overrides the documents' own dates
    lang: str | None = None             # overrides the documents' own language ("auto": detect)
    extractor_version: str | None = None
    event_rows: bool = False            # hand back the flat event rows (ingest --out)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one document: "added", "reanalysed", "unchanged" or "failed"."""
    name: str
    status: str
    message: str | None = None          # why it failed
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredState:
    """What deciding to add a document needs to know of its stored row (plan_add's `stored`)."""
    extractor_version: str | None
    published: dt.date | None
    published_by: str | None
    lang_hint: str
    title: str | None
    source_url: str | None
    path: str | None

    @classmethod
    def of(cls, row) -> "StoredState":
        return cls(row.extractor_version, row.published, row.published_by, row.lang_hint, row.title,
                   row.source_url, row.path)


@dataclass(frozen=True, slots=True)
class Pending:
    """A decision not yet written: the source, what the task saw stored, its plan and the
    analysis (None for a document planned as unchanged)."""
    name: str
    source: Source
    seen: StoredState | None
    plan: AddPlan
    analysis: Analysis | None


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """A partition's final outcomes, its decisions still to write, and (for --out) its event rows."""
    outcomes: tuple[Outcome, ...]
    pending: tuple[Pending, ...] = ()
    rows: tuple[dict, ...] = ()


def process_partition(partition: Partition, settings: Settings, store: Store | None,
                      *, write: bool = False) -> PartitionResult:
    """Read, decide and analyse one partition's documents: `store` (if any) says which are
    stored unchanged, and with `write` the results go to it in one batch."""
    outcomes: list[Outcome] = []
    readable: list[tuple[str, Source]] = []
    for name, source in read_partition(partition):
        if isinstance(source, ExtractError):
            outcomes.append(Outcome(name, "failed", str(source)))
        else:
            readable.append((name, source))
    ids = [document_id(s.text) for _, s in readable if isinstance(s.text, str)]
    stored = ({doc_id: StoredState.of(row) for doc_id, row in store.stored_documents(ids).items()}
              if store is not None else {})
    version = settings.extractor_version or (store.extractor_version if store is not None else "")
    pending: list[Pending] = []
    rows: list[dict] = []
    for name, source in readable:
        seen = stored.get(document_id(source.text)) if isinstance(source.text, str) else None
        try:
            plan = plan_add(source, seen, version, published=settings.published, lang=_lang(settings))
            if plan.status == "unchanged":
                # Written (its missing metadata filled in) with the others, if still unchanged then.
                pending.append(Pending(name, source, seen, plan, None))
                stored[plan.document_id] = replace(seen, **plan.fill)
                continue
            analysis = _analyse(source, plan)
        except ExtractError as error:
            outcomes.append(Outcome(name, "failed", str(error)))
            continue
        except Exception as error:    # an extractor bug must not stop the partition  # noqa: BLE001
            outcomes.append(Outcome(name, "failed", extractor_failed(name, error)))
            continue
        if settings.event_rows:
            rows.extend(event_rows(analysis))
        if store is None:              # no store: every document is analysed, as it comes
            outcomes.append(Outcome(name, plan.status, warnings=plan.warnings))
            continue
        pending.append(Pending(name, source, seen, plan, analysis))
        # The same text again later in this partition then finds this one stored, as in the local engine.
        stored[plan.document_id] = _after_writing(plan, version)
    result = PartitionResult(tuple(outcomes), tuple(pending), tuple(rows))
    return write_results(store, result, settings) if write and store is not None else result


def _lang(settings: Settings) -> str | None:
    return None if settings.lang in (None, "auto") else settings.lang


def _analyse(source: Source, plan: AddPlan) -> Analysis:
    return analyze(source.text, published=plan.published, lang=plan.lang_hint, **plan.meta)


def _after_writing(plan: AddPlan, version: str) -> StoredState:
    """The stored state of a document once its planned analysis is written (see Store.write)."""
    return StoredState(version, plan.published, plan.published_by or ("metadata" if plan.published else None),
                       plan.lang_hint, **plan.meta)


def extractor_failed(name: str, error: Exception) -> str:
    """The message for a document the extractor crashed on."""
    return f"{name}: the extractor failed ({type(error).__name__}: {error}); the file was skipped"


def write_results(store: Store, result: PartitionResult, settings: Settings) -> PartitionResult:
    """Write a partition's analyses and metadata in one transaction. A document whose stored
    row changed since its task looked (another task stored the same text) is decided again:
    unchanged now, it is not written twice. Returns the result with every outcome final."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return _write(store, result, settings)
        except StoreError as error:
            if attempt == WRITE_ATTEMPTS or "deadlock" not in str(error):
                raise
    raise AssertionError("unreachable")


def _write(store: Store, result: PartitionResult, settings: Settings) -> PartitionResult:
    outcomes, writes, fills, reanalysed = list(result.outcomes), [], [], []
    ids = [item.plan.document_id for item in result.pending]
    # The documents are held from this read to the commit: no other writer decides on them between.
    with store.holding(ids) as conn:
        current = {doc_id: StoredState.of(row) for doc_id, row in store.stored_documents(ids, conn=conn).items()}
        for item in result.pending:
            plan, analysis, doc_id = item.plan, item.analysis, item.plan.document_id
            now = current.get(doc_id)
            if now != item.seen:
                try:
                    plan, analysis = _decide_again(item, now, store.extractor_version, settings)
                except ExtractError as error:
                    outcomes.append(Outcome(item.name, "failed", str(error)))
                    continue
                except Exception as error:    # noqa: BLE001 — as in process_partition
                    outcomes.append(Outcome(item.name, "failed", extractor_failed(item.name, error)))
                    continue
            outcomes.append(Outcome(item.name, plan.status, warnings=plan.warnings))
            if plan.status == "unchanged":
                if plan.fill:
                    fills.append((doc_id, plan.fill))
                    current[doc_id] = replace(now, **plan.fill)
                continue
            writes.append((analysis, {"lang_hint": plan.lang_hint, "encoding": item.source.encoding,
                                      "published_by": plan.published_by}))
            if plan.status == "reanalysed":
                reanalysed.append((len(outcomes) - 1, analysis))
            current[doc_id] = _after_writing(plan, store.extractor_version)
        store.write_many(writes, fills, conn=conn)
    for index, analysis in reanalysed:      # corrections the new analysis left without an event
        outcome = outcomes[index]
        outcomes[index] = replace(outcome, warnings=outcome.warnings + stranded_warnings(store, analysis))
    return replace(result, outcomes=tuple(outcomes), pending=())


def _decide_again(item: Pending, now: StoredState | None, version: str,
                  settings: Settings) -> tuple[AddPlan, Analysis | None]:
    """The plan against the row stored now, and its analysis: none if unchanged, the task's own
    if only the metadata differs, a new one (made here; rare) if the date or language does."""
    plan = plan_add(item.source, now, version, published=settings.published, lang=_lang(settings))
    if plan.status == "unchanged":
        return plan, None
    if item.analysis is None or (plan.published, plan.lang_hint) != (item.plan.published, item.plan.lang_hint):
        return plan, _analyse(item.source, plan)
    return plan, replace(item.analysis, document=replace(item.analysis.document, **plan.meta))
