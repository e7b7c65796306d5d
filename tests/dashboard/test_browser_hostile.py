"""End to end, as a hostile article would have it: Markdown in a title, in a sentence (an
image from outside, a link, a heading, a bare "\\r\\r" that once ended the sentence's HTML
block) and in a corrected place name renders as text, and the browser asks nothing of any
other host."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from extract import service
from extract.store import Store

from .test_browser import ARTIFACTS, browser, running_dashboard, settle  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

OUTSIDE = "outside.invalid"       # a name that never resolves; requests to it are aborted anyway
MARKDOWN = (f"![pixel](http://{OUTSIDE}/pixel.png) [a link](http://{OUTSIDE}/link) "
            f"<img src=\"http://{OUTSIDE}/raw.png\">")
TITLE = f"# A heading in a title\n![pixel](http://{OUTSIDE}/t.png) [a link](http://{OUTSIDE}/l) " + "long " * 50
# A "!" ends a sentence, so "![pixel](…)" starts one: the event's sentence holds its link part.
TEXT = (f"Talks resumed. {MARKDOWN} Egypt and Iraq met in Cairo on 3 May 1990 http://{OUTSIDE}/bare "
        "\r\r# A heading in a sentence\r\r$x^2$ :red[red]")


PLACE = f"![place](http://{OUTSIDE}/place.png) [Cairo](http://{OUTSIDE}/p) :red[x]"


@pytest.fixture(scope="module")
def hostile_dashboard(tmp_path_factory):
    database = tmp_path_factory.mktemp("hostile") / "newsmap.sqlite"
    with Store(database) as store:
        # The source link is a feature (http and https only), so the source lives on another host.
        service.add(store, TEXT, title=TITLE, source_url="https://source.invalid/article", path="hostile.txt")
        # A place name is untrusted too: a user's correction (or a geocoder's answer) gives it.
        event = next(r for r in store.event_rows() if r["date_text"] == "3 May 1990")
        store.correct(event["event_id"], places=[{"name": PLACE, "lat": 30.04, "lon": 31.24, "kind": "city",
                                                  "country_code": "EG"}])
    with running_dashboard(database, "streamlit-hostile.log") as url:
        yield url


def test_markdown_in_a_title_and_a_sentence_renders_as_text_and_fetches_nothing(browser, hostile_dashboard):
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    outside: list[str] = []
    home = urlsplit(hostile_dashboard).netloc

    def guard(route):
        if urlsplit(route.request.url).netloc == home or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:                   # record it, and never let it leave the machine
            outside.append(route.request.url)
            route.abort()
    context.route("**/*", guard)
    page = context.new_page()
    page.goto(hostile_dashboard)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=90_000)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=60_000)
    settle(page)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)     # the first row: the hostile event (1990)
    page.locator(".nm-sentence").wait_for(timeout=60_000)
    settle(page)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "dashboard-hostile.png"), full_page=True)

    sentence = page.locator(".nm-sentence").inner_text()
    assert "[pixel](http://outside.invalid/pixel.png)" in sentence and "# A heading in a sentence" in sentence
    assert '<img src="http://outside.invalid/raw.png">' in sentence and "$x^2$ :red[red]" in sentence
    facts = page.locator(".nm-facts").inner_text()
    assert "# A heading in a title ![pixel](http://outside.invalid/t.png) [a link](http://outside.invalid/l)" in facts
    assert PLACE in facts                                   # the corrected place name, as text
    assert "long lo…" in facts and len(page.locator(".nm-facts b", has_text="Document").evaluate(
        "b => b.nextSibling.textContent")) < 130       # titles are capped for display
    markdown = page.locator('[data-testid="stMarkdownContainer"]')
    assert markdown.locator(f'img[src*="{OUTSIDE}"], a[href*="{OUTSIDE}"]').count() == 0
    assert markdown.locator(":is(h1, h2, h3, h4, h5, h6)", has_text="A heading in").count() == 0
    assert markdown.locator(".katex, [style*='color']", has_text="x").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    # The article asked for nothing (every other outside request is the map's business).
    assert [url for url in outside if OUTSIDE in url] == []
    context.close()
