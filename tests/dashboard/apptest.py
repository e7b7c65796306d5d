"""The dashboard page run by Streamlit's AppTest, for the AppTest modules."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def start(*, timeout: float = 90, **params) -> AppTest:
    """The page run once with `params` in its URL (`timeout` seconds per run at most)."""
    app = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def map_deck(app: AppTest) -> dict:
    """The deck.gl JSON the page's map component was sent (dashboard.map_view.draw)."""
    import json

    component = next(element for element in app.get("component_instance")
                     if element.proto.component_name.endswith("map_view.map"))
    return json.loads(next(arg.bytes for arg in component.proto.special_args if arg.key == "spec"))
