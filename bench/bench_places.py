"""Benchmark of the places stage: throughput, and the gazetteer's cold start and memory.

    python bench/bench_places.py            # all figures (the no-index cold start takes ~40 s)
    python bench/bench_places.py --quick    # skip the build-from-sources cold start

Prints figures; asserts nothing about time (house style).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs in a fresh interpreter: load the gazetteer, report seconds and peak RSS (MB).
COLD_START = """
import json, resource, sys, time
t0 = time.perf_counter()
from extract.places.gazetteer import load_gazetteer
g = load_gazetteer()
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "entries": len(g),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def cold_start(cache_home: str | None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if cache_home:
        env["XDG_CACHE_HOME"] = cache_home
    out = subprocess.run([sys.executable, "-c", COLD_START], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def documents() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import gold_documents

    return [(text, lang) for text, _, lang in gold_documents()]


def throughput(rounds: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from extract.places import default_gazetteer, find_places

    default_gazetteer()
    docs = documents()
    chars = sum(len(text) for text, _ in docs)
    find_places(*docs[0])        # warm the caches
    t0 = time.perf_counter()
    for _ in range(rounds):
        for text, lang in docs:
            find_places(text, lang=lang)
    seconds = time.perf_counter() - t0
    n = rounds * len(docs)
    return {"documents": n, "docs_per_second": n / seconds, "ms_per_doc": 1000 * seconds / n,
            "chars_per_doc": chars / len(docs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="skip the cold start without an index")
    args = parser.parse_args()

    warm = cold_start(None)     # builds the index first if it is missing
    warm = cold_start(None)
    print(f"gazetteer cold start, index on disk: {warm['seconds']:.2f} s, "
          f"peak RSS {warm['peak_rss_mb']:.0f} MB, {warm['entries']} entries")
    if not args.quick:
        with tempfile.TemporaryDirectory() as empty:
            built = cold_start(empty)
        print(f"gazetteer cold start, no index (build from sources): {built['seconds']:.1f} s, "
              f"peak RSS {built['peak_rss_mb']:.0f} MB")
    result = throughput(args.rounds)
    print(f"find_places: {result['docs_per_second']:.1f} documents/s "
          f"({result['ms_per_doc']:.1f} ms per document of {result['chars_per_doc']:.0f} chars on average, "
          f"{result['documents']} documents)")


if __name__ == "__main__":
    main()
