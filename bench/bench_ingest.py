"""Ingest throughput: 1,000 varied synthetic articles into a temporary store, in documents per
second, for a first ingest (analysis + writing), a second one of the same folder (nothing to do)
and writing alone (analyses made beforehand). Prints figures; asserts nothing.

    python bench/bench_ingest.py [--documents 1000] [--db URL]      # default: a temp SQLite file
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract import analyze  # noqa: E402
from extract.ingest import ingest  # noqa: E402
from extract.store import Store  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--db", help="a database URL (default: a SQLite file in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write_folder(folder / "articles", args.documents)
        db = args.db or str(folder / "bench.sqlite")
        with Store(db) as store:
            print(f"store: {store.where} ({args.documents} documents)")
            for label in ("first ingest (analyse + write)", "second ingest (all unchanged)"):
                started = time.perf_counter()
                summary = ingest(store, [folder / "articles"], progress=False, report=lambda m: None)
                seconds = time.perf_counter() - started
                print(f"{label:34s} {summary.documents / seconds:8.1f} documents/s  "
                      f"({seconds:.1f} s; {summary.line()})")
            counts = store.counts()
            print(f"rows: {counts['documents']} documents, {counts['date_mentions']} dates, "
                  f"{counts['place_mentions']} place mentions, {counts['events']} events")
            analyses = store.analyses()
        with Store(str(folder / "write-only.sqlite") if not args.db else db) as store:
            started = time.perf_counter()
            for analysis in analyses:
                store.write(analysis)
            seconds = time.perf_counter() - started
            print(f"{'writing alone (one transaction each)':34s} {len(analyses) / seconds:8.1f} documents/s")
        started = time.perf_counter()
        for analysis in analyses[:100]:
            analyze(analysis.document.text, published=analysis.document.published)
        seconds = time.perf_counter() - started
        print(f"{'analysis alone (100 documents)':34s} {100 / seconds:8.1f} documents/s")


if __name__ == "__main__":
    main()
