"""Benchmark: the temporal tagger against dateparser.search.search_dates on the same documents.

    python bench/bench_dates.py [--repeat N] [--rounds R]

Corpus: the seed article(s), the eval/own gold texts and a few hand-written Arabic and English news
paragraphs, repeated N times. Prints documents per second for both, their ratio and the
mentions each found. Prints figures only; asserts nothing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.dates import find_dates  # noqa: E402
from bench.corpus import gold_documents  # noqa: E402

OWN = [
    ("ar", "2024-02-08", "سيزور الرئيس القاهرة الخميس المقبل، بعد أن التقى نظيره أمس الأول في الرياض. "
                         "وكانت المحادثات قد بدأت في 15 كانون الثاني 2024 وتواصلت بين 20 و25 يناير. "
                         "وارتفعت الأسعار خلال الشهر الماضي، وهي أعلى نسبة منذ 2008. "
                         "وأعلنت الوزارة في 5 رجب 1445 هـ بدء الحملة التي تستمر ثلاثة أيام."),
    ("ar", "2023-06-12", "اندلعت الاشتباكات منذ الجمعة في أحياء المدينة، وقتل 20 شخصا. "
                         "وشهدت البلاد أزمة مماثلة في التسعينيات، ثم في 2004 و2009 و2018. "
                         "ومن المقرر أن يصل وفد أممي السبت، فيما سجلت هزات ارتدادية الأسبوع الماضي."),
    ("en", "2023-11-02", "The minister will visit Paris on Friday, officials said on Tuesday. "
                         "Between Sept. 7 and Oct. 1 the vessel made five round trips; last month it "
                         "stayed in port. Sales fell between May and July 2019, the biggest drop since "
                         "the 1990s. Two weeks ago the rebels took the city, and the visit lasted two days."),
    ("en", "2024-03-05", "Flood warnings remained in place on Tuesday after storms over the weekend. "
                         "The river crested on Sunday, the highest level since July 2019. "
                         "The council will meet next week; it last met on Feb. 24, 2022."),
]


def corpus() -> list[tuple[str, str, dt.date]]:
    """(text, lang, published) for every document of the benchmark."""
    docs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        meta = json.loads(Path(str(path) + ".meta.json").read_text(encoding="utf-8"))
        docs.append((path.read_text(encoding="utf-8"), meta.get("lang", "ar"),
                     dt.date.fromisoformat(meta["published"])))
    docs += [(text, lang, published) for text, published, lang in gold_documents()]
    docs += [(text, lang, dt.date.fromisoformat(published)) for lang, published, text in OWN]
    return docs


def run_tagger(docs) -> int:
    return sum(len(find_dates(text, published=published, lang=lang)) for text, lang, published in docs)


def run_search_dates(docs) -> int:
    from dateparser.search import search_dates

    found = 0
    for text, lang, published in docs:
        settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time())}
        found += len(search_dates(text, languages=[lang], settings=settings) or [])
    return found


def timed(function, docs, rounds: int) -> tuple[float, int]:
    """The best of `rounds` timings (the machine is shared: the minimum is the least disturbed)."""
    best, found = float("inf"), 0
    for _ in range(rounds):
        start = time.perf_counter()
        found = function(docs)
        best = min(best, time.perf_counter() - start)
    return best, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="how many times the corpus is repeated")
    parser.add_argument("--rounds", type=int, default=3, help="timings per tool; the best is kept")
    args = parser.parse_args()
    docs = corpus() * args.repeat
    chars = sum(len(text) for text, _, _ in docs)
    # Warm up both (table loading, regex compilation, dateparser's language data) outside the timing.
    run_tagger(docs[:1])
    run_search_dates(docs[:1])
    tagger_seconds, tagger_found = timed(run_tagger, docs, args.rounds)
    search_seconds, search_found = timed(run_search_dates, docs, args.rounds)
    tagger_rate, search_rate = len(docs) / tagger_seconds, len(docs) / search_seconds
    print(f"documents: {len(docs)} ({len(docs) // args.repeat} distinct x {args.repeat}), {chars} characters; "
          f"best of {args.rounds} rounds")
    print(f"find_dates (extract.dates)   {tagger_rate:9.1f} docs/s  {tagger_seconds:7.3f} s  "
          f"{tagger_found // args.repeat} mentions per pass")
    print(f"dateparser.search_dates      {search_rate:9.1f} docs/s  {search_seconds:7.3f} s  "
          f"{search_found // args.repeat} mentions per pass")
    print(f"speed ratio (find_dates / search_dates): {tagger_rate / search_rate:.1f}x")


if __name__ == "__main__":
    main()
