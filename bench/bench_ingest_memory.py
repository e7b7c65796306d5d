"""Memory over a long JSON Lines source: 20,000 synthetic articles in one file, ingested into a
temporary SQLite store by the local engine or by Dask (a LocalCluster of worker processes).
Prints the resident memory of the client and of the workers as the documents go in, and the
peaks, so that flat memory (partitions read one at a time, a bounded window of them in flight)
can be seen. Prints figures; asserts nothing.

    python bench/bench_ingest_memory.py [--documents 20000] [--engine dask|local] [--workers 2]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import article  # noqa: E402
from extract.ingest import ingest  # noqa: E402
from extract.store import Store  # noqa: E402

MB = 1024 * 1024


def write_jsonl(path: Path, documents: int) -> None:
    rng = random.Random(11)
    with open(path, "w", encoding="utf-8") as out:
        for number in range(documents):
            text, meta = article(rng, number)
            out.write(json.dumps({"text": text, **meta}, ensure_ascii=False) + "\n")


class Sampler(threading.Thread):
    """Every `interval` seconds: the documents stored so far and the resident memory of this
    process and of its child processes (the Dask workers)."""

    def __init__(self, db: str, interval: float = 2.0) -> None:
        super().__init__(daemon=True)
        self.db, self.interval, self.samples, self.done = db, interval, [], threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        with Store(self.db) as store:
            while not self.done.wait(self.interval):
                workers = []
                for child in me.children(recursive=True):
                    try:
                        workers.append(child.memory_info().rss)
                    except psutil.Error:
                        continue
                self.samples.append((store.counts()["documents"], me.memory_info().rss, workers))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--engine", choices=("dask", "local"), default="dask")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        source = folder / "archive.jsonl"
        write_jsonl(source, args.documents)
        db = str(folder / "memory.sqlite")
        Store(db).close()
        print(f"{args.documents} documents in one JSON Lines file ({source.stat().st_size / MB:.1f} MB); "
              f"engine {args.engine}" + (f", {args.workers} worker processes" if args.engine == "dask" else ""))
        sampler = Sampler(db)
        started = time.perf_counter()
        if args.engine == "local":
            sampler.start()
            with Store(db) as store:
                summary = ingest(store, [source], progress=False, report=lambda m: None)
        else:
            from extract.cluster import dask_client, ingest_on_cluster

            with dask_client(workers=args.workers, dashboard=False) as client:
                sampler.start()
                with Store(db) as store:
                    summary = ingest_on_cluster(client, store, [source], progress=False, report=lambda m: None)
        sampler.done.set()
        sampler.join()
        seconds = time.perf_counter() - started
    print(f"ingest: {summary.line()}; {seconds:.0f} s in all")
    print(f"{'documents stored':>16s} {'client MB':>10s} {'workers MB':>24s}")
    step = max(1, len(sampler.samples) // 12)
    for stored, client, workers in sampler.samples[::step] + sampler.samples[-1:]:
        print(f"{stored:16d} {client / MB:10.0f} {' '.join(f'{w / MB:.0f}' for w in workers) or '-':>24s}")
    peak_client = max(s[1] for s in sampler.samples)
    peak_workers = max((max(s[2]) for s in sampler.samples if s[2]), default=0)
    peak_total = max(s[1] + sum(s[2]) for s in sampler.samples)
    print(f"peak resident memory: client {peak_client / MB:.0f} MB, largest worker {peak_workers / MB:.0f} MB, "
          f"all processes together {peak_total / MB:.0f} MB")


if __name__ == "__main__":
    main()
