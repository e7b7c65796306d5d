"""Time and peak memory of extract.analyze from 10 KB to 10 MB, on five shapes of text that
once cost quadratic time: ordinary news text, text with no sentence break, one date per line,
one place repeated, and unclosed quotation marks in one long sentence.

    python bench/bench_sizes.py [--sizes 10K,100K,1M,10M] [--shapes ordinary,unbroken,dates,place,quotes]

Each measurement runs in its own process: one `analyze` call after a warm-up (gazetteer and
tables loaded), timed by the wall clock and by the process's CPU time (steadier on a busy
machine); memory is how far the peak resident size rose above the size before the call
(Linux), and "rss MB" the peak resident size itself: below some 40 MB the rise says little,
for the call reuses memory the gazetteer's loading freed. "x cpu" is the CPU time's ratio to
the previous size of the same shape: linear analysis keeps it near 10.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = {"10K": 10_000, "100K": 100_000, "1M": 1_000_000, "10M": 10_000_000}
# A news paragraph with dates, places, a movement, abbreviations and decimals.
ORDINARY = ("On 13 September 2023 the ship left the port of Rajin in North Korea for Vladivostok, "
            "officials said on Thursday. Dr. Smith of the U.S. Navy said the 5.6 tonnes of cargo were "
            "moved by rail to Moscow last week. وصلت السفينة إلى ميناء طرطوس في سوريا يوم الخميس 14 "
            "سبتمبر 2023 قادمة من نوفوروسيسك. Talks between Egypt and Israel resumed in Cairo on "
            "Monday; Qatar joined them in Doha two days later.\n")


def shape_text(shape: str, size: int) -> str:
    """`size` characters of one shape of text."""
    if shape == "ordinary":
        unit = ORDINARY
    elif shape == "unbroken":       # no full stop and no line break: one sentence
        unit = ORDINARY.replace(".", ",").replace(";", ",").replace("\n", " ")
    elif shape == "dates":          # one date per line
        lines = [f"{day} May {year}" for year in range(1990, 2030) for day in range(1, 29)]
        unit = "\n".join(lines) + "\n"
    elif shape == "place":
        unit = "Cairo, "
    elif shape == "quotes":         # unclosed quotation marks in one long dateless sentence
        head = "Troops reached Cairo on Monday. Then "
        unit = "troops moved “ to Aswan « and \" Luxor, "
        return (head + unit * (size // len(unit) + 1))[:size]
    else:
        raise ValueError(shape)
    return (unit * (size // len(unit) + 1))[:size]


def measure(shape: str, size: int) -> dict:
    """One analysis in this process: seconds and peak memory growth."""
    import datetime as dt

    from extract import analyze

    analyze(ORDINARY, dt.date(2023, 9, 20))         # warm-up: gazetteer, date tables
    text = shape_text(shape, size)
    before = _reset_peak()
    started, cpu = time.perf_counter(), time.process_time()
    analysis = analyze(text, dt.date(2023, 9, 20))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "peak_mb": (_peak_kb() - before) / 1024, "rss_mb": _peak_kb() / 1024,
            "events": len(analysis.events), "dates": len(analysis.dates), "places": len(analysis.places)}


def _reset_peak() -> int:
    """Reset the process's peak resident size to its current size (Linux), which it returns in KB."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    return _status_kb("VmRSS")


def _peak_kb() -> int:
    return _status_kb("VmHWM")


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10K,100K,1M,10M")
    parser.add_argument("--shapes", default="ordinary,unbroken,dates,place,quotes")
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], SIZES[args.one[1]])))
        return
    print(f"{'shape':<10} {'size':>5} {'seconds':>8} {'cpu s':>8} {'x cpu':>6} {'peak MB':>8} {'rss MB':>7} "
          f"{'dates':>7} {'places':>7} {'events':>7}")
    for shape in args.shapes.split(","):
        previous = None
        for size in args.sizes.split(","):
            out = subprocess.run([sys.executable, __file__, "--one", shape, size],
                                 capture_output=True, text=True, check=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            ratio = f"{result['cpu'] / previous:.1f}" if previous else ""
            previous = result["cpu"]
            print(f"{shape:<10} {size:>5} {result['seconds']:>8.2f} {result['cpu']:>8.2f} {ratio:>6} "
                  f"{result['peak_mb']:>8.1f} {result['rss_mb']:>7.0f} {result['dates']:>7} {result['places']:>7} "
                  f"{result['events']:>7}",
                  flush=True)


if __name__ == "__main__":
    main()
