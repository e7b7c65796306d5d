"""The Dask engine of `ingest`: the client plans partitions of the input, workers read and
analyse them (extract.batch), and the results reach the store in batches.

    python -m extract ingest archive/ --engine dask                       # a LocalCluster here
    python -m extract ingest /shared/archive --engine dask --scheduler tcp://host:8786 \\
        --db postgresql://newsmap@dbhost/newsmap

Each worker loads the gazetteer index once (AnalysisPlugin) and opens the store once. With
PostgreSQL each worker writes its own partitions, one transaction each; SQLite takes one writer
at a time, so with it the workers only read the store (to skip what is stored unchanged) and
this client writes, in partition order. On a cluster every worker must be able to read the
input paths and reach the database.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from .batch import PartitionResult, Settings, process_partition, write_results
from .errors import ExtractError, StoreError
from .exports import ParquetWriter
from .ingest import IngestSummary, _stderr, progress_bar
from .sources import PARTITION_SIZE, Partition, plan_partitions
from .store import Store

PLUGIN_NAME = "newsmap-analysis"
# Retries of a task whose worker died (each re-reads its partition; writes are idempotent).
TASK_RETRIES = 2
# Partitions in flight per worker thread: enough that none waits for work while the client
# writes, few enough that results waiting to be written stay small.
PARTITIONS_PER_THREAD = 2


class AnalysisPlugin(WorkerPlugin):
    """Per worker: the gazetteer index loaded once, and the store (if any) opened once."""

    def __init__(self, store_url: str | None) -> None:
        self.store_url = store_url
        self.store: Store | None = None

    def setup(self, worker) -> None:
        from .places import default_gazetteer

        default_gazetteer()
        self.store = Store(self.store_url) if self.store_url else None

    def teardown(self, worker) -> None:
        if self.store is not None:
            self.store.close()


def analyse_partition(partition: Partition, settings: Settings, write: bool) -> PartitionResult:
    """A worker's task: one partition, with the worker's store."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    return process_partition(partition, settings, plugin.store, write=write)


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None, *, processes: bool = True,
                dashboard: bool = True) -> Iterator[Client]:
    """A Dask client: connected to `scheduler` (waiting for `workers` to join, if given), else to
    a LocalCluster of `workers` single-threaded processes (default: one per core), closed after."""
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as error:
            raise ExtractError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        with client:
            if workers:
                client.wait_for_workers(workers)
            yield client
        return
    # Analysis is pure Python: processes, not threads, use the cores.
    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=processes,
                      dashboard_address=":0" if dashboard else None) as cluster, Client(cluster) as client:
        yield client


def _worker_store_url(store: Store) -> str:
    """The store as workers open it (a SQLite path or the full URL, password included)."""
    return store.url.database if store.is_sqlite else store.url.render_as_string(hide_password=False)


def ingest_on_cluster(client: Client, store: Store | None, paths: Iterable[str | os.PathLike], *,
                      published: dt.date | None = None, lang: str | None = None,
                      out: ParquetWriter | None = None, progress: bool | None = None,
                      report: Callable[[str], None] = _stderr,
                      partition_size: int = PARTITION_SIZE) -> IngestSummary:
    """Analyse everything under `paths` on the cluster into `store` and/or `out` (event rows);
    errors are reported and skipped, as `extract.ingest.ingest` does.

    A StoreError (the database failing) stops the run; a task that fails even after its
    retries (a worker that keeps dying) fails its partition's documents and the run goes on.
    """
    started = time.perf_counter()
    summary = IngestSummary()
    workers_write = store is not None and not store.is_sqlite
    settings = Settings(published=published, lang=lang, event_rows=out is not None,
                        extractor_version=store.extractor_version if store is not None else None)
    client.register_plugin(AnalysisPlugin(_worker_store_url(store) if store is not None else None),
                           name=PLUGIN_NAME)
    window = max(2, PARTITIONS_PER_THREAD * sum(client.nthreads().values()))
    planned = plan_partitions(paths, partition_size)
    in_flight: deque = deque()
    bar = progress_bar(progress, "ingest")

    def submit_next() -> bool:
        partition = next(planned, None)
        if partition is None:
            return False
        bar.total += partition.documents
        bar.refresh()
        in_flight.append((partition, client.submit(analyse_partition, partition, settings, workers_write,
                                                   retries=TASK_RETRIES, pure=False)))
        return True

    try:
        while len(in_flight) < window and submit_next():
            pass
        while in_flight:
            partition, future = in_flight.popleft()
            try:
                result = future.result()
            except (StoreError, KeyboardInterrupt):
                raise
            except Exception as error:    # a task that failed every retry  # noqa: BLE001
                name = partition.paths[0] if len(partition.paths) == 1 else f"{partition.paths[0]}..."
                message = f"{name}: a partition of {partition.documents} documents failed ({type(error).__name__}: {error})"
                summary.failed += partition.documents
                summary.errors.append(message)
                report(f"error: {message}")
            else:
                if store is not None and result.pending:
                    result = write_results(store, result, settings)
                if out is not None:
                    out.write(result.rows)
                summary.account(result.outcomes, report)
            future.release()
            bar.update(partition.documents)
            bar.set_postfix(added=summary.added, failed=summary.failed, refresh=False)
            submit_next()
    except KeyboardInterrupt:
        summary.interrupted = True
        client.cancel([future for _, future in in_flight])
    finally:
        bar.close()
        summary.seconds = time.perf_counter() - started
    return summary

