"""End-to-end throughput of extract.analyze on the seed and the eval/own documents.

    python bench/bench_analyze.py [--repeat 20]

Prints documents per second and characters per second, after a warm-up that loads the
gazetteer and the date tables (their cold start is timed separately and printed too).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import analyze  # noqa: E402
from extract.documents import read_source  # noqa: E402
from bench.corpus import gold_documents  # noqa: E402


def corpus() -> list[tuple[str, dt.date | None, str]]:
    docs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        source = read_source(path)
        docs.append((source.text, source.published, source.lang or "auto"))
    return docs + gold_documents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the corpus")
    args = parser.parse_args()
    docs = corpus()
    started = time.perf_counter()
    text, published, lang = docs[0]
    analyze(text, published, lang)
    cold = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    events = 0
    for _ in range(args.repeat):
        for text, published, lang in docs:
            events += len(analyze(text, published, lang).events)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    count = len(docs) * args.repeat
    chars = sum(len(d[0]) for d in docs) * args.repeat
    print(f"documents: {len(docs)} x {args.repeat} passes, {chars / count:.0f} characters each on average")
    print(f"first analysis (cold start): {cold:.2f} s")
    print(f"analyze: {count / elapsed:.1f} documents/s, {chars / elapsed / 1000:.0f} k characters/s, "
          f"{1000 * elapsed / count:.1f} ms/document, {events / args.repeat:.0f} events per pass")
    # On a shared machine the wall clock counts the time other processes held the CPU.
    print(f"analyze CPU time: {1000 * cpu / count:.1f} ms/document")


if __name__ == "__main__":
    main()
