"""The app's logic and filters through Streamlit's AppTest (no browser)."""
import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.corpus import corpus, english_analysis

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def start(analyses=None, **params) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=90)
    if analyses is not None:
        app.session_state["analyses"] = analyses
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def url(app: AppTest, key: str) -> list[str]:
    """A URL parameter as a list (AppTest keeps a single value as a plain string)."""
    value = app.query_params.get(key, [])
    return value if isinstance(value, list) else [value]


def shown(app: AppTest) -> int:
    return int(metric(app, "Events shown").replace(",", ""))


def test_opens_on_the_seed_article_with_its_map_and_timeline():
    app = start()
    assert not app.exception
    assert metric(app, "Documents") == "1"
    assert shown(app) > 0
    assert app.get("deck_gl_json_chart") and app.get("vega_lite_chart")
    assert app.get("dataframe")


def test_synthetic_documents_are_all_shown_but_the_undated_one():
    app = start(corpus())
    assert metric(app, "Documents") == "2" and shown(app) == 5
    assert any("1 undated event" in c.value for c in app.caption)


def test_a_date_range_narrows_the_events_and_goes_into_the_url():
    app = start(corpus())
    app.date_input(key="f_from").set_value(dt.date(2023, 9, 1))
    app.date_input(key="f_to").set_value(dt.date(2023, 9, 30)).run()
    assert shown(app) == 2
    assert url(app, "from") == ["2023-09-01"] and url(app, "to") == ["2023-09-30"]


def test_the_url_sets_the_filters():
    app = start(corpus(), **{"from": "2023-09-01", "to": "2023-09-30", "undated": "1"})
    assert app.date_input(key="f_from").value == dt.date(2023, 9, 1)
    assert app.checkbox(key="f_undated").value
    assert shown(app) == 3


def test_countries_from_the_url_select_their_events():
    app = start(corpus(), country=["RU"])
    assert app.multiselect(key="f_countries").value == ["RU"]
    assert shown(app) == 3


def test_including_undated_events_lists_them():
    app = start(corpus())
    app.checkbox(key="f_undated").check().run()
    assert shown(app) == 6 and url(app, "undated") == ["1"]


def test_text_search_and_place_filter():
    app = start(corpus())
    app.text_input(key="f_text").input("ships").run()
    assert shown(app) == 1
    app.text_input(key="f_text").input("").run()
    app.multiselect(key="f_places").set_value(["Najin"]).run()
    assert shown(app) == 2              # the Najin → Dunay range and the ships of 5 May
    assert url(app, "place") == ["Najin"]


def test_document_filter():
    english = english_analysis().document.id
    app = start(corpus(), doc=[english])
    assert shown(app) == 1


def test_clear_filters_empties_the_url():
    app = start(corpus(), country=["RU"], q="سبتمبر")
    clear = next(b for b in app.button if b.label == "Clear filters")
    clear.click().run()
    assert shown(app) == 5 and not dict(app.query_params)


def test_unknown_values_in_a_shared_url_do_not_break_the_page():
    app = start(corpus(), place=["Atlantis"], doc=["0000"], **{"from": "not-a-date"})
    assert not app.exception and shown(app) == 0


def test_a_document_without_a_date_is_given_one_and_re_resolved():
    english = english_analysis().document.id
    app = start(corpus())
    assert app.selectbox(key="date_document").value == english        # undated documents come first
    app.date_input(key="date_value").set_value(dt.date(2023, 10, 19))
    app.button(key="FormSubmitter:publication_date-Set date and re-resolve").click().run()
    assert not app.exception
    assert any("published 19 Oct 2023" in message.value for message in app.success)
    published = app.session_state["analyses"][english].document.published
    assert published == dt.date(2023, 10, 19)


def _upload_and_date_script():
    import datetime as dt

    import streamlit as st

    from dashboard import queries

    source = queries.read_upload("wire.md", "Ships left Najin for Russia on Wednesday.".encode())
    analysis = queries.add_document(source, None, source.lang)
    before = [e.date.resolved for e in analysis.events]
    after = queries.set_published(analysis.document.id, dt.date(2023, 10, 19))
    row = queries.documents().set_index("document_id").loc[analysis.document.id]
    st.write(f"{source.lang}|{row['published']}|{len(queries.analyses())}|{before}|{after.document.published}")


def test_upload_adds_a_document_and_a_date_re_resolves_it():
    app = AppTest.from_function(_upload_and_date_script, default_timeout=90).run()
    assert not app.exception
    lang, published, count, _, resolved_against = app.markdown[-1].value.split("|")
    assert lang == "en" and published == "2023-10-19" and resolved_against == "2023-10-19"
    assert int(count) >= 2          # the seed(s) and the upload


def _bad_upload_script():
    import streamlit as st

    import extract
    from dashboard import queries

    try:
        queries.read_upload("blob.txt", b"\x00\x01\x02binary")
    except extract.InputError as error:
        st.write(f"refused: {error}")


def test_a_binary_upload_is_refused_with_a_readable_message():
    app = AppTest.from_function(_bad_upload_script, default_timeout=60).run()
    assert app.markdown[-1].value.startswith("refused: blob.txt")


@pytest.mark.parametrize("group", ["Document", "Place", "Country"])
def test_timeline_rows_can_be_grouped(group):
    app = start(corpus())
    app.radio(key="group_by").set_value(group).run()
    assert not app.exception and app.get("vega_lite_chart")
