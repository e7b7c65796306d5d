"""End to end: start the dashboard on localhost and drive Debian's Chromium with Playwright.

The page loads on the seed article, the map and the timeline render, narrowing the dates to
September 2023 changes the number of events shown, and an upload adds a document. Screenshots
go to artifacts/ (gitignored).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser
# The map is a component of the app's own (dashboard/map_component), drawn in its frame.
MAP_FRAME = 'iframe[title="dashboard.map_view.map"]'

ARTICLE = """Russian ships seen at Najin port

Satellite images taken on 5 October 2023 show two Russian cargo ships at the port of Najin in
North Korea. Analysts said the ships had sailed from Russia in late September.
<script>alert('this must show as text')</script>
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_dashboard(database: Path, log_name: str = "streamlit.log"):
    """The dashboard on a free localhost port over the store at `database`; yields its URL."""
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / log_name, "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NEWSMAP_DB": str(database)})
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the dashboard did not start; see {ARTIFACTS / log_name}")
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def dashboard_url(tmp_path_factory):
    """The dashboard running on a free localhost port for this module's tests, on a store of
    its own (never the developer's newsmap.sqlite)."""
    with running_dashboard(tmp_path_factory.mktemp("store") / "newsmap.sqlite") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium), "
                    "as .ci/run does, or set CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, dashboard_url):
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    page.errors = []
    page.dialogs = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(dashboard_url)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=90_000)
    yield page
    context.close()


def map_canvas(page):
    """deck.gl's canvas in the map's frame (Playwright gives its box in the page's coordinates)."""
    return page.frame_locator(MAP_FRAME).locator("canvas").first


def metric(page, label: str) -> str:
    return (page.locator('[data-testid="stMetric"]', has_text=label)
            .locator('[data-testid="stMetricValue"]').inner_text().strip())


def events_shown(page) -> int:
    return int(metric(page, "Events shown").replace(",", ""))


def wait_for(condition, timeout: float = 60, what: str = "the page to update"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}")


def settle(page) -> None:
    """Wait until Streamlit has finished its run and drawn it."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)


def type_date(page, label: str, digits: str) -> None:
    """Type a date into a Streamlit date input (segments yyyy mm dd) and commit it."""
    page.get_by_role("group", name=label).locator('[role="spinbutton"]').first.click()
    page.keyboard.type(digits, delay=20)
    page.keyboard.press("Enter")
    page.locator("h1").first.click()
    settle(page)


def type_range(page, label: str, first: str, last: str) -> None:
    """Type a date range into a Streamlit range date input (yyyy mm dd – yyyy mm dd) and commit it."""
    for field, digits in (("start", first), ("end", last)):
        page.get_by_role("group", name=f"{label} {field} date").locator('[role="spinbutton"]').first.click()
        page.keyboard.type(digits, delay=20)
    page.keyboard.press("Enter")
    page.locator("h1").first.click()
    settle(page)


def test_page_loads_on_the_seed_with_map_and_timeline(page):
    map_canvas(page).wait_for(timeout=60_000)
    page.wait_for_selector('[data-testid="stVegaLiteChart"] :is(canvas, svg)', timeout=60_000)
    settle(page)
    page.wait_for_timeout(1500)                       # let deck.gl draw its layers
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert metric(page, "Documents") == "1"
    assert events_shown(page) > 0
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.errors


def test_a_september_date_range_changes_the_events_shown(page):
    settle(page)
    before = events_shown(page)
    type_range(page, "Dates", "20230901", "20230930")
    wait_for(lambda: "to=2023-09-30" in page.url, what="the date range in the URL")
    wait_for(lambda: events_shown(page) != before, what="the number of events to change")
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "dashboard-september.png"), full_page=True)
    assert 0 < events_shown(page) < before


def test_no_request_leaves_localhost_with_web_tiles_off(browser, dashboard_url):
    """The offline promise: no style JSON, tiles, fonts or anything else from another host; the
    country outlines come from the app's static folder, once, however often the page reruns."""
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(dashboard_url)
    map_canvas(page).wait_for(timeout=90_000)
    settle(page)
    page.wait_for_timeout(2000)
    page.get_by_text("Include undated events").click()        # a rerun redraws the map
    settle(page)
    page.wait_for_timeout(2000)
    context.close()
    outside = [url for url in requested if not url.startswith((dashboard_url, "data:", "blob:"))]
    assert outside == []
    assert sum("app/static/countries.geojson" in url for url in requested) == 1
    assert sum("app/static/borders.json" in url for url in requested) == 1


def test_a_shared_url_opens_with_its_filters(browser, dashboard_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    shared = context.new_page()
    shared.goto(dashboard_url + "?from=2023-09-01&to=2023-09-30")
    shared.wait_for_selector('[data-testid="stMetricValue"]', timeout=90_000)
    settle(shared)
    september = events_shown(shared)
    shared.goto(dashboard_url + "?from=2030-01-01")
    shared.wait_for_selector('[data-testid="stMetricValue"]', timeout=90_000)
    settle(shared)
    assert events_shown(shared) == 0 and september > 0
    context.close()


def grid_cells(page, index: int = 0) -> list[str]:
    """The texts of a data grid's cells (its accessible table: the grid itself is a canvas)."""
    return page.locator('[data-testid="stDataFrame"]').nth(index).locator("td").all_inner_texts()


def test_an_upload_with_its_sidecar_adds_a_dated_document(page, tmp_path):
    settle(page)
    assert metric(page, "Documents") == "1"
    article = tmp_path / "najin-ships.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    sidecar = tmp_path / "najin-ships.txt.meta.json"
    sidecar.write_text('{"published": "2023-10-06", "title": "سفن روسية في ناجين", '
                       '"source_url": "https://example.org/najin"}', encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(article), str(sidecar)])
    analyse = page.get_by_role("button", name=re.compile(r"Analyse 1 document"))    # the pair is one document
    analyse.wait_for(timeout=120_000)
    settle(page)
    pending = page.locator('[data-testid="stDataFrame"]').last.locator("td").all_inner_texts()
    assert "2023-10-06" in pending and "sidecar" in pending and "سفن روسية في ناجين" in pending
    assert "None" not in pending
    assert page.locator('[data-testid="stAlert"]', has_text="sidecar").count() == 0     # not refused
    analyse.click()
    wait_for(lambda: metric(page, "Documents") == "2", timeout=180, what="the document count to grow")
    settle(page)
    page.get_by_text(re.compile(r"Added 1 document")).wait_for(timeout=90_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "dashboard-upload.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "2023-10-06" in " ".join(grid_cells(page, -1))          # the documents list has its date
    # The article's <script> never runs: it is data, not markup.
    assert not page.dialogs


def test_an_upload_is_still_there_in_a_new_session(browser, dashboard_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    later = context.new_page()
    later.goto(dashboard_url)
    later.wait_for_selector('[data-testid="stMetricValue"]', timeout=90_000)
    settle(later)
    assert metric(later, "Documents") == "2"        # the seed and the upload, from the store
    context.close()


def test_selecting_an_event_shows_its_sentence_and_the_correction_form(page):
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=60_000)
    settle(page)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)     # the first row's selection box
    page.get_by_text("Correct this event").wait_for(timeout=60_000)
    settle(page)
    page.get_by_text("Correct this event").click()
    page.get_by_role("button", name="Save correction").wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "dashboard-correction.png"), full_page=True)
    assert page.locator(".nm-sentence mark").count() > 0
    assert page.locator('[data-testid="stException"]').count() == 0


def brush(page, chart, below_top: float) -> None:
    """Drag across 30-55 % of the timeline `chart`'s width, `below_top` pixels under its top, and
    wait for the run the brushed span starts."""
    box = chart.bounding_box()
    y = box["y"] + below_top
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.55, y, steps=10)
    page.mouse.up()
    page.get_by_text("Brushed on the timeline:").wait_for(timeout=60_000)
    settle(page)


def test_brushing_the_timeline_narrows_the_events(page):
    chart = page.locator('[data-testid="stVegaLiteChart"] svg.marks')
    chart.wait_for(timeout=60_000)
    settle(page)
    before = events_shown(page)
    brush(page, chart, 40)
    page.screenshot(path=str(ARTIFACTS / "dashboard-brushed.png"), full_page=True)
    assert events_shown(page) <= before



def test_brushing_the_counts_timeline_narrows_the_events(browser, tmp_path):
    """Above timeline.MAX_EVENTS dated events the timeline counts them per bin (its Vega-Lite spec
    written by timeline.counts_spec, not Altair): its brush narrows the figures as the events'
    timeline does."""
    from dashboard import timeline
    from extract.store import Store
    from tests.dashboard.test_aggregates import synthetic

    database = tmp_path / "counts.sqlite"
    with Store(str(database)) as store:
        for seed in range(1, 6):
            store.write(synthetic(seed, 150))
    with running_dashboard(database, "streamlit-counts.log") as url:
        context = browser.new_context(viewport={"width": 1400, "height": 2400})
        page = context.new_page()
        page.goto(url)
        page.get_by_text("counted per").wait_for(timeout=90_000)
        chart = page.locator('[data-testid="stVegaLiteChart"] svg.marks')
        chart.wait_for(timeout=60_000)
        settle(page)
        before = events_shown(page)
        assert before > timeline.MAX_EVENTS
        brush(page, chart, 60)
        assert 0 < events_shown(page) < before
        context.close()

# --- at 1440 x 900, as an analyst's screen -----------------------------------------------------

@pytest.fixture
def wide(browser, dashboard_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(dashboard_url)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=90_000)
    map_canvas(page).wait_for(timeout=60_000)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    settle(page)
    yield page
    context.close()


def _ink_columns(image, top: int, bottom: int, left: int, right: int) -> list[int]:
    """The x of every pixel column between left and right that has dark (text) pixels in top..bottom."""
    columns = []
    for x in range(left, right):
        if any(sum(image.getpixel((x, y))[:3]) < 3 * 140 for y in range(top, bottom)):
            columns.append(x)
    return columns


def test_an_arabic_sentence_in_the_table_shows_its_first_word(wide):
    import io

    from PIL import Image

    grid = wide.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    settle(wide)
    wide.wait_for_timeout(800)
    # Every column is in view: nothing of a sentence hides past the grid's right edge.
    widths = grid.evaluate("g => { const s = g.querySelector('.dvn-scroller'); return [s.scrollWidth, s.clientWidth]; }")
    assert widths[0] <= widths[1] + 1, widths
    first = grid_cells(wide)[:6]
    assert any(cell.startswith("منذ") or cell.startswith("و") for cell in first), first       # an Arabic sentence
    image = Image.open(io.BytesIO(grid.screenshot())).convert("RGB")
    # The column borders: one-pixel grey lines, read near the top of the header row: the
    # selection boxes, ✎, Date, Sentence, ...
    border = lambda p: all(abs(c - 227) <= 6 for c in p)  # noqa: E731
    borders = [x for x in range(2, image.width - 2) if border(image.getpixel((x, 6)))]
    borders = [x for i, x in enumerate(borders) if i == 0 or x - borders[i - 1] > 8]
    date_end, sentence_end = borders[2], borders[3]
    ink = _ink_columns(image, 40, 66, date_end + 2, sentence_end - 1)       # the first row's sentence
    assert ink, "no text in the first row's sentence cell"
    # Right-aligned: the sentence starts at the cell's right, a padding's width from its edge
    # (left-aligned text that runs over would be cut there, touching the edge).
    assert 3 <= sentence_end - max(ink) <= 16, (sentence_end, max(ink))
    assert not wide.errors


def test_the_date_boxes_show_the_whole_date(wide):
    type_range(wide, "Dates", "20230901", "20230930")
    for field in wide.locator('[data-testid="stSidebar"] [data-testid="stDateInputFieldsScroller"]').all():
        scroll, client = field.evaluate("f => [f.scrollWidth, f.clientWidth]")
        assert scroll <= client + 1, (scroll, client)
    assert "2023" in wide.get_by_role("group", name="Dates end date").inner_text()
    wide.locator('[data-testid="stSidebar"]').get_by_role("button", name="Clear filters").click()
    settle(wide)


def _timeline_marks(page) -> int:
    return page.locator('[data-testid="stVegaLiteChart"] svg g.mark-rect path, '
                        '[data-testid="stVegaLiteChart"] svg g.mark-symbol path').count()


def test_a_click_on_the_map_filters_the_timeline_and_the_figures(wide):
    import io

    from PIL import Image

    canvas = map_canvas(wide)
    canvas.scroll_into_view_if_needed()
    wide.wait_for_timeout(1500)                               # deck.gl draws its layers
    before_events, before_marks = events_shown(wide), _timeline_marks(wide)
    # The busiest city is the biggest solid disc of the busiest country's colour (#4e79a7).
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    near = lambda p: abs(p[0] - 78) + abs(p[1] - 121) + abs(p[2] - 167) < 60  # noqa: E731
    spots = [(x, y) for x in range(3, image.width - 3, 2) for y in range(3, image.height - 3, 2)
             if near(image.getpixel((x, y)))]
    assert spots, "no disc of the busiest country's colour on the map"
    x, y = max(spots, key=lambda s: sum(near(image.getpixel((s[0] + dx, s[1] + dy)))
                                        for dx in range(-3, 4) for dy in range(-3, 4)))
    box = canvas.bounding_box()
    at_x, at_y = box["x"] + x * box["width"] / image.width, box["y"] + y * box["height"] / image.height
    wide.mouse.move(at_x - 20, at_y - 20)                      # deck.gl picks where the pointer moved to
    wide.mouse.move(at_x, at_y, steps=5)
    wide.wait_for_timeout(500)
    wide.mouse.down()
    wide.mouse.up()
    wide.get_by_text("selected on the map").wait_for(timeout=60_000)
    settle(wide)
    wide.wait_for_timeout(1000)
    assert "at=" in wide.url                                  # the map selection is in the URL
    assert events_shown(wide) < before_events
    assert 0 < _timeline_marks(wide) < before_marks           # the timeline follows the map
    wide.mouse.move(5, 5)                                     # the tooltip goes
    wide.wait_for_timeout(1000)
    # The figures, the map and the timeline that follow it, in one picture: the page scrolls
    # inside Streamlit's main block, not the window, so a taller window shows them all.
    wide.set_viewport_size({"width": 1440, "height": 1700})
    wide.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    wide.wait_for_timeout(1500)                               # deck.gl draws again at the new size
    figures = wide.locator('[data-testid="stMetric"]').first.bounding_box()
    timeline = wide.locator('[data-testid="stVegaLiteChart"]').first.bounding_box()
    main = wide.locator('[data-testid="stMain"]').bounding_box()
    wide.screenshot(path=str(ARTIFACTS / "dashboard-filtered.png"),
                    clip={"x": main["x"], "y": figures["y"] - 16, "width": main["width"],
                          "height": min(1700 - figures["y"] + 16, timeline["y"] + timeline["height"] - figures["y"] + 32)})
    wide.set_viewport_size({"width": 1440, "height": 900})
    assert not wide.errors


def test_the_csv_download_opens_as_utf8_with_a_bom(wide):
    button = wide.get_by_role("button", name="⬇ CSV")
    button.scroll_into_view_if_needed()
    with wide.expect_download(timeout=60_000) as download:
        button.click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.startswith("event_id,") and re.search(r"[\u0600-\u06ff]", text)   # Arabic, not mojibake
    assert not re.search(r",\d+\.0,", text.split("\n")[1])                          # geonameid an integer


def test_screenshots_of_the_first_view_and_an_arabic_event(wide):
    """docs/dashboard-*.png come from these (copied from artifacts/ by hand, looked at first)."""
    wide.evaluate("() => window.scrollTo(0, 0)")
    wide.wait_for_timeout(1500)
    wide.screenshot(path=str(ARTIFACTS / "dashboard-first-view.png"))
    grid = wide.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    wide.mouse.click(box["x"] + 18, box["y"] + 35 + 5 * 35 + 17)       # the sixth row's selection box
    wide.get_by_text("Read the whole article").wait_for(timeout=60_000)
    settle(wide)
    wide.get_by_text("Read the whole article").click()
    wide.wait_for_selector("mark.nm-event", timeout=30_000)
    assert "event=" in wide.url
    wide.locator(".nm-sentence").first.scroll_into_view_if_needed()
    wide.wait_for_timeout(800)
    wide.screenshot(path=str(ARTIFACTS / "dashboard-arabic-event.png"))
    assert wide.locator('.nm-sentence[dir="rtl"] mark').count() > 0


# --- the selected event on the map and the timeline; the PNG export --------------------------

def _deck_layers(frames: list[bytes], layer_id: str) -> list | None:
    """The data of layer `layer_id` in the last map the server sent over the page's websocket
    (Streamlit's messages carry the deck's JSON as text; its keys are sorted, so a layer's
    "data" comes before its "id")."""
    decoder = json.JSONDecoder()
    for frame in reversed(frames):
        text = frame.decode("utf-8", "replace") if isinstance(frame, bytes) else frame
        end = text.find(f'"id":"{layer_id}"')
        if end < 0:
            continue
        start = text.rfind('"data":', 0, end)
        return decoder.raw_decode(text, start + len('"data":'))[0]
    return None


def _black_pixels(canvas) -> int:
    """Pixels of the map drawn pure black: only the selected event's rings are (names are dark grey)."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    return sum(1 for pixel in image.get_flattened_data() if max(pixel) < 12)


def _focused_marks(page) -> int:
    """Timeline marks drawn with the selected event's thick outline."""
    return page.locator('[data-testid="stVegaLiteChart"] svg g.mark-rect path[stroke-width="2.5"], '
                        '[data-testid="stVegaLiteChart"] svg g.mark-symbol path[stroke-width="2.5"]').count()


def test_selecting_an_event_in_the_table_rings_its_places_on_the_map_and_outlines_it_on_the_timeline(
        browser, dashboard_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    frames: list = []
    page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: frames.append(payload)))
    page.goto(dashboard_url)
    canvas = map_canvas(page)
    canvas.wait_for(timeout=90_000)
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg.marks', timeout=60_000)
    settle(page)
    assert _deck_layers(frames, "selected") == []                     # nothing selected yet
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)                                       # deck.gl draws its layers
    assert _black_pixels(canvas) == 0 and _focused_marks(page) == 0
    grid = page.locator('[data-testid="stDataFrame"]').first
    rings = []
    for row in range(6):                                              # the first event with a place
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 18, box["y"] + 35 + row * 35 + 17)
        page.locator(".nm-sentence").first.wait_for(timeout=60_000)
        settle(page)
        wait_for(lambda: "event=" in page.url, what="the selected event in the URL")
        rings = _deck_layers(frames, "selected") or []
        if rings:
            break
    assert rings and all(ring["ring"] == [0, 0, 0, 255] for ring in rings)
    places = {(p["lon"], p["lat"]) for p in _deck_layers(frames, "places")}
    assert {(ring["lon"], ring["lat"]) for ring in rings} <= places       # round places the map draws
    canvas.scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    wait_for(lambda: _black_pixels(canvas) > 20, timeout=30, what="the black rings on the map")
    assert _focused_marks(page) == 1                                  # the event outlined on the timeline
    page.screenshot(path=str(ARTIFACTS / "dashboard-selected-event.png"))
    context.close()


def test_the_png_export_is_the_map_and_the_timeline_of_the_filter(browser, dashboard_url):
    import io

    from PIL import Image

    def png_of(query: str) -> Image.Image:
        context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.goto(dashboard_url + query)
        button = page.get_by_role("button", name="⬇ Map and timeline (PNG)")
        button.wait_for(timeout=90_000)
        settle(page)
        button.scroll_into_view_if_needed()
        with page.expect_download(timeout=120_000) as download:
            button.click()
        data = Path(download.value.path()).read_bytes()
        assert download.value.suggested_filename.endswith(".png")
        context.close()
        (ARTIFACTS / f"export{len(query)}.png").write_bytes(data)
        return Image.open(io.BytesIO(data)).convert("RGB")

    everything, russia = png_of(""), png_of("?country=RU")
    busiest = (78, 121, 167)                                          # the busiest country's colour
    for image in (everything, russia):
        assert image.width == 1864 and image.height > 1000
        # Drawn, not blank: the busiest country's discs on the map and its bars on the timeline.
        map_part = image.crop((0, 0, image.width, 1000)).get_flattened_data()
        timeline_part = image.crop((0, 1000, image.width, image.height)).get_flattened_data()
        for part in (map_part, timeline_part):
            assert sum(sum(abs(a - b) for a, b in zip(pixel, busiest)) < 40 for pixel in part) > 300
    assert everything.tobytes() != russia.tobytes()                   # the filter changes the picture


def _click_the_middle_mark(page, selector: str, left) -> None:
    """With nothing selected yet, click the middle one of the timeline's marks matching
    `selector` (`left(box)` pixels into it, half-way down) and wait until its event is selected:
    its detail under the table and event= in the URL."""
    marks = page.locator(selector)
    marks.first.wait_for(timeout=90_000)
    settle(page)
    assert "event=" not in page.url and _focused_marks(page) == 0
    mark = marks.nth(marks.count() // 2)
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.click(box["x"] + left(box), box["y"] + box["height"] / 2)
    page.locator(".nm-sentence").first.wait_for(timeout=60_000)       # its detail under the table
    settle(page)
    wait_for(lambda: "event=" in page.url, what="the clicked event in the URL")


def test_clicking_an_event_bar_on_the_timeline_selects_it_everywhere(browser, dashboard_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(dashboard_url)
    _click_the_middle_mark(page, '[data-testid="stVegaLiteChart"] svg g.mark-rect path[aria-roledescription="bar"]',
                           left=lambda box: min(8, box["width"] / 2))
    wait_for(lambda: _focused_marks(page) == 1, timeout=30, what="the event outlined on the timeline")
    context.close()


def test_clicking_a_single_days_mark_on_the_timeline_selects_it_everywhere(browser, dashboard_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(dashboard_url)
    _click_the_middle_mark(page, '[data-testid="stVegaLiteChart"] svg g.mark-symbol.role-mark path',
                           left=lambda box: box["width"] / 2)
    # The timeline is still drawn (a selection over both layers once blanked it) and outlines
    # the day's mark.
    wait_for(lambda: page.locator('[data-testid="stVegaLiteChart"] svg g.mark-symbol '
                                  'path[stroke-width="2.5"]').count() == 1,
             timeout=30, what="the day's mark outlined on the timeline")
    assert _timeline_marks(page) > 1 and not page.errors
    context.close()


# --- the map's view, panned and zoomed by hand, in the URL ---------------------------------------

def _view_in(address: str) -> tuple[float, float, float]:
    from urllib.parse import parse_qs, urlsplit

    longitude, latitude, zoom = (float(part) for part in parse_qs(urlsplit(address).query)["view"][0].split(","))
    return longitude, latitude, zoom


def _settled_view(page, before: tuple[float, float, float]) -> tuple[float, float, float]:
    """The view in the URL once it has changed from `before` and stays. (Asked of the page, not
    of Playwright's copy of its URL: waiting on that alone, an idle headless page was seen doing
    nothing for minutes.)"""
    address = lambda: page.evaluate("() => window.location.href")  # noqa: E731
    wait_for(lambda: _view_in(address()) != before, timeout=180, what="a new view in the URL")
    while True:
        settle(page)
        view = _view_in(address())
        page.wait_for_timeout(2000)
        settle(page)
        if _view_in(address()) == view:
            return view


def _deck_view(frames: list[bytes]) -> tuple[float, float, float] | None:
    """The view of the last map the server sent over the page's websocket."""
    decoder = json.JSONDecoder()
    for frame in reversed(frames):
        text = frame.decode("utf-8", "replace") if isinstance(frame, bytes) else frame
        start = text.find('"initialViewState":')
        if start >= 0:
            state = decoder.raw_decode(text, start + len('"initialViewState":'))[0]
            return state["longitude"], state["latitude"], state["zoom"]
    return None


def _map_picture(canvas):
    """The map's canvas, shrunk to a coarse grid of grey levels: what is where, not each pixel."""
    import io

    from PIL import Image

    return Image.open(io.BytesIO(canvas.screenshot())).convert("L").resize((98, 46), Image.Resampling.BOX)


def _difference(first, second) -> float:
    """The mean difference of grey level between two pictures of the same size (0-255)."""
    return sum(abs(a - b) for a, b in zip(first.get_flattened_data(), second.get_flattened_data())) / (98 * 46)


def _open_map(browser, address: str):
    """A new session on `address`, its map drawn; returns (context, page, canvas, websocket frames)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    frames: list = []
    page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: frames.append(payload)))
    page.goto(address)
    canvas = map_canvas(page)
    canvas.wait_for(timeout=90_000)
    settle(page)
    wait_for(lambda: "view=" in page.url, what="the map's view in the URL")
    canvas.scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    page.wait_for_timeout(1500)                                       # deck.gl draws its layers
    return context, page, canvas, frames


def test_a_hand_pan_and_zoom_of_the_map_goes_into_the_url_and_a_link_reopens_on_it(browser, dashboard_url):
    context, page, canvas, _ = _open_map(browser, dashboard_url)
    fitted, fitted_picture = _view_in(page.url), _map_picture(canvas)
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # Drag the map 200 pixels right and 100 down: its centre moves west and north.
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 200, y + 100, steps=15)
    page.mouse.up()
    panned = _settled_view(page, fitted)
    assert panned[0] < fitted[0] and panned[1] > fitted[1] and panned[2] == fitted[2]
    # At the fitted zoom a world is 512 * 2**zoom pixels wide: 200 pixels are this many degrees
    # (less the first steps of the drag, before deck.gl takes it for a pan).
    assert 0.5 < (fitted[0] - panned[0]) / (200 * 360 / (512 * 2 ** fitted[2])) < 1.02
    # Then zoom in with the wheel, and move the pointer on.
    page.mouse.move(x, y)
    page.mouse.wheel(0, -500)
    page.wait_for_timeout(500)
    page.mouse.move(x + 40, y + 40, steps=4)
    page.mouse.move(5, 5)
    hand = _settled_view(page, panned)
    assert hand[2] > panned[2] + 0.3
    page.wait_for_timeout(1500)
    hand_picture = _map_picture(canvas)
    shared = page.evaluate("() => window.location.href")
    assert _difference(hand_picture, fitted_picture) > 2                 # the map moved
    assert not page.errors
    context.close()

    # The link opens a new session on that view: in the deck the server sends and on the canvas.
    context, page, canvas, frames = _open_map(browser, shared)
    assert _view_in(page.url) == hand
    assert _deck_view(frames) == pytest.approx(hand, abs=1e-6)
    # The app's rerun (the view went into the URL) left the map where the hand put it, and the
    # link draws it there again: much nearer that picture than the fitted one.
    restored = _map_picture(canvas)
    assert _difference(restored, hand_picture) < _difference(restored, fitted_picture) / 4
    page.screenshot(path=str(ARTIFACTS / "dashboard-hand-view.png"))
    assert not page.errors
    context.close()


def _drawn_share(picture, x: int) -> float:
    """The share of the pixels of column `x` of an RGB picture that the map drew (sea or land, not
    the page's white showing through)."""
    column = [picture.getpixel((x, y)) for y in range(picture.height)]
    return sum(sum(255 - value for value in pixel) > 20 for pixel in column) / len(column)


@pytest.mark.parametrize("view, edges_drawn", [("10,20,0.6", False), ("178,60,3", True)])
def test_the_map_draws_the_world_again_only_where_the_view_crosses_the_antimeridian(browser, dashboard_url, view,
                                                                                   edges_drawn):
    """deck.gl draws every layer once per copy of the world in sight, and in software WebGL each
    copy costs the frame again. A world view narrower than the map draws the world once, between
    empty margins; a view across the antimeridian draws what lies beyond it (the next copy)."""
    import io

    from PIL import Image

    context, page, canvas, _ = _open_map(browser, f"{dashboard_url}?view={view}")
    assert _view_in(page.url) == tuple(float(part) for part in view.split(","))
    picture = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    assert _drawn_share(picture, picture.width // 2) > 0.9
    for edge in (3, picture.width - 4):                  # 178 + half the map's width: east of 180
        assert (_drawn_share(picture, edge) > 0.9) is edges_drawn
    assert not page.errors
    context.close()
