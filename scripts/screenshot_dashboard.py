"""Screenshot of the dashboard's first view over a synthetic store (docs/dashboard-100k.png).

    python scripts/screenshot_dashboard.py --events 100000 --out docs/dashboard-100k.png

The store is bench/bench_dashboard.py's (500 synthetic stories and the sample article), kept in
--stores to be reused; the page is Debian's Chromium at 1440 pixels wide, 1,800 tall.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_dashboard import Server, add_seeds, synthetic_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=REPO / "artifacts" / "dashboard-100k.png")
    parser.add_argument("--stores", type=Path, default=Path(tempfile.gettempdir()),
                        help="the folder holding the synthetic stores (written there when missing)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    arguments = parser.parse_args()
    database = synthetic_store(arguments.stores, arguments.events)
    add_seeds(database)
    server = Server(database)
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=arguments.chromium,
                                                 args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1440, "height": 1800})
            page.goto(server.url)
            # The map is the app's own component, drawn in its frame (dashboard/map_component).
            page.frame_locator('iframe[title="dashboard.map_view.map"]').locator("canvas").first.wait_for(
                timeout=300_000)
            page.wait_for_selector('[data-testid="stVegaLiteChart"] svg.marks', timeout=300_000)
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=300_000)
            page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=300_000)
            page.wait_for_timeout(3000)                      # deck.gl draws its layers and the outlines
            arguments.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(arguments.out))
            browser.close()
    finally:
        server.stop()
    print(f"wrote {arguments.out}")


if __name__ == "__main__":
    main()
