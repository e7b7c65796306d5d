"""Ingest throughput: 2,000 varied synthetic articles (half .txt files with sidecars, half one
JSON Lines file) into fresh stores, in documents per second, by the local engine and by Dask
with 1 and 2 worker processes (a LocalCluster), each for a first ingest (analysis + writing)
and a second one (all unchanged); then writing alone and analysis alone. Prints figures;
asserts nothing.

    python bench/bench_ingest.py [--documents 2000] [--pg postgresql://user@host:port]
        [--engines local,dask1,dask2]

Stores are SQLite files in a temporary folder (only the Dask client writes), or with --pg new
databases on that PostgreSQL server (the Dask workers write), dropped afterwards. Dask's
figures leave out starting the cluster and loading the gazetteer in each worker, printed apart.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract import analyze  # noqa: E402
from extract.ingest import ingest  # noqa: E402
from extract.store import Store  # noqa: E402

DEFAULT_ENGINES = "local,dask1,dask2"

COUNTRIES_EN = ["Syria", "Russia", "Egypt", "Iraq", "Japan", "China", "Turkey", "Ukraine", "Iran", "Jordan"]
COUNTRIES_AR = ["سوريا", "روسيا", "مصر", "العراق", "اليابان", "الصين", "تركيا", "أوكرانيا", "إيران", "الأردن"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
MONTHS_AR = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
             "نوفمبر", "ديسمبر"]
EN = ["Ships sailed from {a} to {b} on {d}.", "Officials of {a} and {b} met on {d}.",
      "The ministry said on Thursday that talks would continue.", "Trade between {a} and {b} grew.",
      "A delegation arrived in {a} on {d} after stopping in {b}.", "Analysts expect more visits."]
AR = ["أبحرت سفن من {a} إلى {b} في {d}.", "التقى مسؤولون من {a} و{b} في {d}.",
      "قالت الوزارة يوم الخميس إن المحادثات ستستمر.", "نما التبادل التجاري بين {a} و{b}.",
      "وصل وفد إلى {a} في {d} بعد توقفه في {b}."]


def article(rng: random.Random, number: int) -> tuple[str, dict]:
    arabic = rng.random() < 0.5
    countries, months, templates = (COUNTRIES_AR, MONTHS_AR, AR) if arabic else (COUNTRIES_EN, MONTHS_EN, EN)
    sentences = []
    for template in rng.sample(templates, k=rng.randint(2, len(templates) - 1)):
        a, b = rng.sample(countries, 2)
        day = f"{rng.randint(1, 28)} {rng.choice(months)} {rng.randint(2019, 2024)}"
        sentences.append(template.format(a=a, b=b, d=day))
    text = " ".join(sentences) + f" ({number})"            # each article is a distinct text
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    return text, {"published": published.isoformat(), "title": f"Article {number}"}


def write_folder(folder: Path, documents: int) -> None:
    """Half the articles as .txt files with sidecars, half as one JSON Lines file."""
    rng = random.Random(7)
    (folder / "files").mkdir(parents=True)
    with open(folder / "batch.jsonl", "w", encoding="utf-8") as batch:
        for number in range(documents):
            text, meta = article(rng, number)
            if number % 2:
                batch.write(json.dumps({"text": text, **meta}, ensure_ascii=False) + "\n")
            else:
                path = folder / "files" / f"{number:05d}.txt"
                path.write_text(text, encoding="utf-8")
                path.with_name(path.name + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")


class Databases:
    """Fresh stores for each run: SQLite files in `folder`, or databases on a PostgreSQL server."""

    def __init__(self, folder: Path, pg: str | None) -> None:
        self.folder, self.pg, self.made = folder, pg.rstrip("/") if pg else None, []

    def new(self, label: str) -> str:
        if not self.pg:
            return str(self.folder / f"{label}.sqlite")
        import psycopg

        name = f"newsmap_bench_{label}_{int(time.time())}"
        with psycopg.connect(f"{self.pg}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        self.made.append(name)
        return f"{self.pg}/{name}"

    def drop(self) -> None:
        if self.pg and self.made:
            import psycopg

            with psycopg.connect(f"{self.pg}/postgres", autocommit=True) as conn:
                for name in self.made:
                    conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def rate_line(label: str, summary, seconds: float) -> str:
    return (f"{label:34s} {summary.documents / seconds:8.1f} documents/s  "
            f"({seconds:.1f} s; {summary.line()})")


def bench_local(db: str, articles: Path) -> list:
    analyses = []
    with Store(db) as store:
        print(f"local engine, store {store.where}")
        for label in ("  first ingest (analyse + write)", "  second ingest (all unchanged)"):
            started = time.perf_counter()
            summary = ingest(store, [articles], progress=False, report=lambda m: None)
            print(rate_line(label, summary, time.perf_counter() - started))
        counts = store.counts()
        print(f"  rows: {counts['documents']} documents, {counts['date_mentions']} dates, "
              f"{counts['place_mentions']} place mentions, {counts['events']} events")
        analyses = store.analyses()
    return analyses


def bench_dask(db: str, articles: Path, workers: int, warmup: Path, databases: Databases) -> None:
    from extract.cluster import dask_client, ingest_on_cluster

    started = time.perf_counter()
    with dask_client(workers=workers, dashboard=False) as client:
        # A first tiny run starts the workers' plugin (the gazetteer loaded in each process).
        with Store(databases.new(f"warm{workers}")) as warm:
            ingest_on_cluster(client, warm, [warmup], progress=False, report=lambda m: None)
        print(f"dask, {workers} worker{'s' if workers > 1 else ''} "
              f"(started and warmed in {time.perf_counter() - started:.1f} s)")
        with Store(db) as store:
            for label in ("  first ingest (analyse + write)", "  second ingest (all unchanged)"):
                started = time.perf_counter()
                summary = ingest_on_cluster(client, store, [articles], progress=False, report=lambda m: None)
                print(rate_line(label, summary, time.perf_counter() - started))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--pg", metavar="URL", help="a PostgreSQL server (default: SQLite files)")
    parser.add_argument("--engines", default=DEFAULT_ENGINES,
                        help=f"which runs, comma-separated (default {DEFAULT_ENGINES})")
    args = parser.parse_args()
    engines = args.engines.split(",")
    print(f"{args.documents} documents; {os.cpu_count()} cores; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} before the runs")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        databases = Databases(folder, args.pg)
        write_folder(folder / "articles", args.documents)
        write_folder(folder / "warmup", 20)
        try:
            analyses = bench_local(databases.new("local"), folder / "articles") if "local" in engines else []
            for workers in (1, 2):
                if f"dask{workers}" in engines:
                    bench_dask(databases.new(f"dask{workers}"), folder / "articles", workers, folder / "warmup",
                               databases)
            if analyses:
                with Store(databases.new("writeonly")) as store:
                    started = time.perf_counter()
                    for analysis in analyses:
                        store.write(analysis)
                    seconds = time.perf_counter() - started
                    print(f"{'writing alone (one transaction each)':34s} {len(analyses) / seconds:8.1f} documents/s")
                with Store(databases.new("writebatch")) as store:
                    started = time.perf_counter()
                    for chunk in range(0, len(analyses), 200):
                        store.write_many([(a, {}) for a in analyses[chunk:chunk + 200]])
                    seconds = time.perf_counter() - started
                    print(f"{'writing alone (200 a transaction)':34s} {len(analyses) / seconds:8.1f} documents/s")
                started = time.perf_counter()
                for analysis in analyses[:100]:
                    analyze(analysis.document.text, published=analysis.document.published)
                seconds = time.perf_counter() - started
                print(f"{'analysis alone (100 documents)':34s} {100 / seconds:8.1f} documents/s")
        finally:
            databases.drop()
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} after the runs")


if __name__ == "__main__":
    main()
