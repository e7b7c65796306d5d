"""The app given what a hostile or careless link holds: dates out of the widgets' range, events
centuries old. Each shows a message and the default view, never a traceback."""
import datetime as dt

import pytest

from dashboard import queries
from extract import service
from extract.store import Store
from tests.dashboard.apptest import start

OLD_STORY = "The citadel in Cairo was built in March 1500. Troops entered Damascus on 3 May 1650."


@pytest.fixture
def old_events_db(tmp_path, monkeypatch) -> str:
    path = str(tmp_path / "newsmap.sqlite")
    monkeypatch.setenv("NEWSMAP_DB", path)
    no_seeds = tmp_path / "no-seeds"
    no_seeds.mkdir()
    monkeypatch.setattr(queries, "SEEDS", no_seeds)
    with Store(path) as store:
        service.add(store, OLD_STORY, published=dt.date(2023, 1, 1))
    return path


@pytest.mark.parametrize("params, ignored", [
    ({"from": "0001-01-01"}, "From date '0001-01-01'"),
    ({"to": "2201-01-01"}, "To date '2201-01-01'"),
    ({"from": "9999-12-31", "to": "0001-01-01"}, "From date '9999-12-31'"),
    ({"from": "2023-13-45"}, "From date '2023-13-45'"),
])
def test_url_dates_out_of_range_show_a_message_and_the_default_view(old_events_db, params, ignored):
    import html

    app = start(timeout=120, **params)
    assert not app.exception
    assert any(ignored in html.unescape(warning.value) for warning in app.sidebar.warning)
    assert any(button.label == "Clear filters" for button in app.sidebar.button)
    assert all(not d.value for d in app.sidebar.date_input)           # the default: no range
    shown = next(m.value for m in app.metric if m.label == "Events shown")
    assert shown == next(m.value for m in start(timeout=120).metric if m.label == "Events shown")     # the default view


def test_events_before_1800_are_in_the_default_view(old_events_db):
    """"Built in March 1500" is a dated event like any other: counted, on the timeline's span,
    listed in the table; not taken for an undated one (days before 1970 are negative)."""
    app = start(timeout=120)
    assert not app.exception
    assert next(m.value for m in app.metric if m.label == "Documents") == "1"
    assert next(m.value for m in app.metric if m.label == "Events shown") == "2"
    assert next(m.value for m in app.metric if m.label == "Span") == "1 Mar 1500 – 3 May 1650"
    table = next(d.value for d in app.dataframe if "Sentence" in d.value.columns)
    assert table["Date"].tolist() == ["Mar 1500", "3 May 1650"]
    assert not any("undated" in caption.value for caption in app.caption)
