"""The app's logic and filters through Streamlit's AppTest (no browser), each test on its own
temporary SQLite store (NEWSMAP_DB)."""
import datetime as dt
import html
import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import queries
from extract import service
from extract.store import Store
from tests.dashboard.apptest import map_deck, start
from tests.dashboard.corpus import corpus, english_analysis


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    """A new, empty store for the app; the app adds the seed articles to it on start."""
    path = str(tmp_path / "newsmap.sqlite")
    monkeypatch.setenv("NEWSMAP_DB", path)
    return path


@pytest.fixture
def corpus_db(db, tmp_path, monkeypatch) -> str:
    """A store holding the synthetic corpus only (no seeds), so the counts below are known."""
    no_seeds = tmp_path / "no-seeds"
    no_seeds.mkdir()
    monkeypatch.setattr(queries, "SEEDS", no_seeds)
    with Store(db) as store:
        for analysis in corpus().values():
            store.write(analysis)
    return db


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def url(app: AppTest, key: str) -> list[str]:
    """A URL parameter as a list (AppTest keeps a single value as a plain string)."""
    value = app.query_params.get(key, [])
    return value if isinstance(value, list) else [value]


def shown(app: AppTest) -> int:
    return int(metric(app, "Events shown").replace(",", ""))


def test_opens_on_the_seed_article_with_its_map_and_timeline(db):
    app = start()
    assert not app.exception
    assert metric(app, "Documents") == "1"
    with Store(db) as store:
        assert [d["path"] for d in store.documents()] == ["seeds/000_0c2f93253e3f392a.txt"]
    assert shown(app) > 0
    assert map_deck(app)["layers"] and app.get("vega_lite_chart")
    assert app.get("dataframe")


def test_a_store_that_cannot_be_opened_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSMAP_DB", str(tmp_path / "missing-folder" / "newsmap.sqlite"))
    app = start()
    assert not app.exception
    assert "missing-folder" in app.error[0].value and "NEWSMAP_DB" in app.error[0].value


def test_synthetic_documents_are_all_shown_but_the_undated_one(corpus_db):
    app = start()
    assert metric(app, "Documents") == "2" and shown(app) == 5
    assert any("1 undated event" in c.value for c in app.caption)


def test_a_date_range_narrows_the_events_and_goes_into_the_url(corpus_db):
    app = start()
    # One input for the range: one rerun.
    app.date_input(key="f_dates").set_value((dt.date(2023, 9, 1), dt.date(2023, 9, 30))).run()
    assert shown(app) == 2
    assert url(app, "from") == ["2023-09-01"] and url(app, "to") == ["2023-09-30"]


def test_the_url_sets_the_filters(corpus_db):
    app = start(**{"from": "2023-09-01", "to": "2023-09-30", "undated": "1"})
    assert app.date_input(key="f_dates").value == (dt.date(2023, 9, 1), dt.date(2023, 9, 30))
    assert app.checkbox(key="f_undated").value
    assert shown(app) == 3


def test_countries_from_the_url_select_their_events(corpus_db):
    app = start(country=["RU"])
    assert app.multiselect(key="f_countries").value == ["RU"]
    assert shown(app) == 3


def test_including_undated_events_lists_them(corpus_db):
    app = start()
    app.checkbox(key="f_undated").check().run()
    assert shown(app) == 6 and url(app, "undated") == ["1"]


def test_text_search_and_place_filter(corpus_db):
    app = start()
    app.text_input(key="f_text").input("ships").run()
    assert shown(app) == 1
    app.text_input(key="f_text").input("").run()
    app.multiselect(key="f_places").set_value(["Najin"]).run()
    assert shown(app) == 2              # the Najin → Dunay range and the ships of 5 May
    assert url(app, "place") == ["Najin"]


def test_document_filter(corpus_db):
    english = english_analysis().document.id
    app = start(doc=[english])
    assert shown(app) == 1


def test_clear_filters_empties_the_url(corpus_db):
    app = start(country=["RU"], q="سبتمبر")
    clear = next(b for b in app.button if b.label == "Clear filters")
    clear.click().run()
    # Only the map's view is left: the one fitted to every event.
    assert shown(app) == 5 and set(app.query_params) == {"view"}


def test_unknown_values_in_a_shared_url_do_not_break_the_page(corpus_db):
    app = start(place=["Atlantis"], doc=["0000"], **{"from": "not-a-date"})
    assert not app.exception and shown(app) == 0


def test_re_resolving_says_which_corrections_found_no_event(corpus_db):
    from tests.store.test_service import strand_every_correction

    english = english_analysis().document.id
    with Store(corpus_db) as store:
        event = next(r for r in store.event_rows() if r["document_id"] == english)
        store.correct(event["event_id"], start="2023-09-01")
        strand_every_correction(store)
    app = start()
    app.date_input(key="date_value").set_value(dt.date(2023, 10, 19))
    app.button(key="FormSubmitter:publication_date-Set date and re-resolve").click().run()
    assert not app.exception
    assert any("published 19 Oct 2023" in message.value for message in app.success)
    [warning] = [html.unescape(w.value) for w in app.warning if "correction" in w.value]
    assert "wire.txt: 1 correction found no event after re-analysis" in warning


def test_a_document_without_a_date_is_given_one_and_re_resolved(corpus_db):
    english = english_analysis().document.id
    app = start()
    assert app.selectbox(key="date_document").value == english        # undated documents come first
    app.date_input(key="date_value").set_value(dt.date(2023, 10, 19))
    app.button(key="FormSubmitter:publication_date-Set date and re-resolve").click().run()
    assert not app.exception
    assert any("published 19 Oct 2023" in message.value for message in app.success)
    with Store(corpus_db) as store:
        stored = {d["id"]: d for d in store.documents()}[english]
    assert (stored["published"], stored["published_by"]) == ("2023-10-19", "user")
    again = start()                                   # a new session, the same store
    listed = next(d.value for d in again.dataframe if "Title" in d.value.columns).set_index("Title")
    assert str(listed.loc["Wire <b>copy</b>", "Published"])[:10] == "2023-10-19"


def _upload_and_date_script():
    import datetime as dt

    import streamlit as st

    from dashboard import queries

    source = queries.read_upload("wire.md", "Ships left Najin for Russia on Wednesday.".encode())
    analysis = queries.add_document(source, None, source.lang)
    after = queries.set_published(analysis.document.id, dt.date(2023, 10, 19))
    row = queries.documents().set_index("document_id").loc[analysis.document.id]
    st.write(f"{source.lang}|{row['published']}|{len(queries.documents())}|{after.analysis.document.published}")


def test_an_upload_is_stored_and_a_later_session_still_has_it(corpus_db):
    app = AppTest.from_function(_upload_and_date_script, default_timeout=90).run()
    assert not app.exception
    lang, published, count, resolved_against = app.markdown[-1].value.split("|")
    assert lang == "en" and published == "2023-10-19" and resolved_against == "2023-10-19"
    assert count == "3"                             # the corpus's two and the upload
    again = start()                                 # another session (or after a restart)
    assert metric(again, "Documents") == "3"
    assert "wire" in again.selectbox(key="date_document").options


def test_a_document_added_by_another_process_shows_on_the_next_rerun(corpus_db):
    app = start()
    before = shown(app)
    with Store(corpus_db) as ingest:                # as `python -m extract ingest` would
        service.add(ingest, "Ships left Najin for Vladivostok on 5 October 2023.", dt.date(2023, 10, 6),
                    path="ingested.txt")
    app.run()
    assert metric(app, "Documents") == "3" and shown(app) == before + 1


def test_the_seeds_are_not_analysed_again_on_a_later_start(db, monkeypatch):
    start()
    with Store(db) as store:
        revision = store.revision()
    queries._add_seeds.clear()                      # as after a server restart

    def no_analysis(*args, **kwargs):
        raise AssertionError("a stored seed was analysed again")

    monkeypatch.setattr("extract.service.analyze", no_analysis)
    app = start()
    assert not app.exception and metric(app, "Documents") == "1"
    with Store(db) as store:
        assert store.revision() == revision         # nothing written


def select_event(app: AppTest, db: str, row: int = 0) -> str:
    """Select a row of the events table (as its selection callback does) and return its event id."""
    events, _ = queries.events()
    ordered = events.loc[events["dated"]].sort_values(["start", "end"], na_position="last")
    event_id = ordered["event_id"].iloc[row]
    app.session_state["sel_event"] = event_id
    app.run()
    assert any(w.key == f"fix_start-{event_id}" for w in app.date_input)
    return event_id


def test_a_correction_is_stored_marked_and_survives_reanalysis(db):
    app = start()
    event_id = select_event(app, db)
    seed = queries.store().documents()[0]["id"]
    app.date_input(key=f"fix_start-{event_id}").set_value(dt.date(2023, 10, 18))
    app.date_input(key=f"fix_end-{event_id}").set_value(dt.date(2023, 10, 18))
    app.selectbox(key=f"fix_granularity-{event_id}").set_value("day")
    places = app.multiselect(key=f"fix_places-{event_id}")
    kept = places.value[:1]
    places.set_value(kept)
    app.button(key=f"FormSubmitter:correct-{event_id}-Save correction").click().run()
    assert not app.exception
    assert any("Corrected the date and places" in message.value for message in app.success)
    table = app.dataframe[0].value
    assert (table["✎"] == "✎").sum() == 1
    assert table.loc[table["✎"] == "✎", "Date"].tolist() == ["18 Oct 2023"]

    with Store(db) as store:
        service.reanalyse(store, seed)              # a new extractor run replaces the events
        row = next(r for r in store.event_rows() if r["event_id"] == event_id)
    assert (row["start"], row["end"], row["granularity"]) == ("2023-10-18", "2023-10-18", "day")
    assert len(row["places"]) == len(kept) and sorted(row["corrected"]) == ["date", "places"]
    again = start()                                 # a new session sees it too
    table = again.dataframe[0].value
    assert table.loc[table["✎"] == "✎", "Date"].tolist() == ["18 Oct 2023"]
    events, _ = queries.events()
    corrected = events.loc[events["event_id"] == event_id].iloc[0]
    marked = [kind for _, _, kind in queries.mentions(corrected)]
    assert marked.count("place") <= len(kept)       # a removed place is no longer marked


def test_corrections_can_be_undone(db):
    app = start()
    event_id = select_event(app, db)
    app.date_input(key=f"fix_start-{event_id}").set_value(dt.date(2020, 1, 1))
    app.date_input(key=f"fix_end-{event_id}").set_value(dt.date(2020, 1, 1))
    app.button(key=f"FormSubmitter:correct-{event_id}-Save correction").click().run()
    assert queries.store().corrections()
    select_event(app, db, row=0)                    # the corrected event is now the earliest
    app.button(key=f"fix_undo-{event_id}").click().run()
    assert not app.exception and not queries.store().corrections()
    assert "✎" not in set(app.dataframe[0].value["✎"])


def test_a_bad_correction_is_refused_with_a_message(db):
    app = start()
    event_id = select_event(app, db)
    app.date_input(key=f"fix_start-{event_id}").set_value(dt.date(2023, 10, 18))
    app.date_input(key=f"fix_end-{event_id}").set_value(dt.date(2023, 10, 1))
    app.button(key=f"FormSubmitter:correct-{event_id}-Save correction").click().run()
    assert any("before start" in message.value for message in app.error)
    assert not queries.store().corrections()


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
def test_timeline_rows_can_be_grouped(corpus_db, group):
    app = start()
    app.radio(key="group_by").set_value(group).run()
    assert not app.exception and app.get("vega_lite_chart")


def test_the_seed_map_shows_pyongyang_the_cosmodrome_and_the_najin_dunay_arc(db):
    """What a new user must see on the first page: the seed's places and its movement."""
    app = start()
    spec = map_deck(app)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    names = {point["place"] for point in layers["places"]["data"]}
    assert {"Pyongyang", "Vostochny Cosmodrome", "Rajin", "Dunay"} <= names
    arcs = [(arc["origin"], arc["destination"]) for arc in layers["movements"]["data"]]
    assert ("Rajin", "Dunay") in arcs


# --- linked views: what is picked in one view narrows the others, and stays in the URL ---------

NAJIN = "gn:2044757"


def chart_spec(app: AppTest) -> str:
    return app.get("vega_lite_chart")[0].proto.spec


def timeline_events(app: AppTest) -> set[str]:
    """The event ids the timeline draws (its Vega-Lite datasets, sent as Arrow)."""
    import pyarrow as pa

    found = set()
    for dataset in app.get("vega_lite_chart")[0].proto.datasets:
        table = pa.ipc.open_stream(dataset.data.data).read_all()
        if "event_id" in table.column_names:
            found |= set(table.column("event_id").to_pylist())
    return found


def test_places_picked_on_the_map_narrow_the_timeline_the_figures_and_the_table(corpus_db):
    app = start(at=[NAJIN])
    assert not app.exception
    assert shown(app) == 2                                  # the Najin → Dunay range and the ships of 5 May
    assert metric(app, "Span") == "5 May – 1 Oct 2023" and metric(app, "Documents") == "2"
    assert len(timeline_events(app)) == 2
    assert any("selected on the map" in c.value for c in app.caption)
    everything = start()
    assert len(timeline_events(everything)) == 5 and metric(everything, "Span") == "1 Jan 2022 – 19 Oct 2023"


def test_a_span_in_the_url_narrows_every_view_and_is_drawn_as_the_brush(corpus_db):
    app = start(span="2023-09-01..2023-09-30")
    assert shown(app) == 2 and metric(app, "Documents") == "1"
    assert any("Brushed on the timeline: Sep 2023" in c.value for c in app.caption)
    assert url(app, "span") == ["2023-09-01..2023-09-30"]
    spec = json.loads(chart_spec(app))
    brush = next(p for p in spec["params"] if p["name"] == "span")
    assert brush["value"]["x"][0] == {"year": 2023, "month": 9, "date": 1}


def test_the_documents_figure_and_list_follow_the_filters(corpus_db):
    app = start(country=["RU"])
    assert metric(app, "Documents") == "1"
    listed = next(d.value for d in app.dataframe if "Title" in d.value.columns)
    assert listed["Title"].tolist() == ["وزيرا خارجية روسيا وكوريا الشمالية"]


def test_a_selected_event_opens_its_detail_and_its_whole_article(corpus_db):
    events, _ = queries.events()
    najin = events.loc[events["sentence"].str.contains("ناجين"), "event_id"].iloc[0]
    app = start(event=najin)
    assert not app.exception
    html_shown = "".join(m.value for m in app.markdown)
    assert 'class="nm-sentence" dir="rtl"' in html_shown
    assert '<mark class="nm-event" id="nm-event">شحنت الحاويات بين ناجين ودوناي' in html_shown
    assert "فوستوشني" in html_shown                        # the rest of the article is there too
    assert any("whole article" in e.label for e in app.expander)
    assert url(app, "event") == [najin]


def test_the_event_detail_links_to_its_source(db):
    from extract.documents import Source

    with Store(db) as store:
        added = service.add(store, Source("Ships left Najin for Russia on 5 October 2023.", "wire.txt",
                                          source_url="https://example.org/najin?a=1&b=2"), dt.date(2023, 10, 6))
        event_id = added.analysis.events[0].id
    app = start(event=event_id)
    html_shown = "".join(m.value for m in app.markdown)
    assert 'href="https://example.org/najin?a=1&amp;b=2"' in html_shown and 'rel="noopener noreferrer"' in html_shown


def test_clear_filters_clears_what_was_picked_in_the_views_too(corpus_db):
    app = start(at=[NAJIN], span="2023-09-01..2023-09-30")
    assert shown(app) == 1
    next(b for b in app.button if b.label == "Clear filters").click().run()
    assert shown(app) == 5 and set(app.query_params) == {"view"}


def test_playback_steps_through_the_span_and_every_view_follows(corpus_db):
    app = start()
    app.toggle(key="play_on").set_value(True).run()
    first = shown(app)
    periods = app.select_slider(key="play_at").options
    assert len(periods) > 10                                # weeks from Jan 2022 to Oct 2023
    assert any(c.value.startswith("Playback:") for c in app.caption)
    counts = {first}
    for _ in range(len(periods) - 1):
        app.button(key="play_forward").click().run()
        counts.add(shown(app))
    assert not app.exception and len(counts) > 1            # the events shown changed with the period
    assert max(counts) < 5                                  # a week never holds every event


# --- the map's view in the URL; the selected event highlighted on the map and the timeline ------

def deck(app: AppTest) -> dict:
    return map_deck(app)


def view_of(app: AppTest) -> tuple[float, float, float]:
    state = deck(app)["initialViewState"]
    return state["longitude"], state["latitude"], state["zoom"]


def test_the_map_view_goes_into_the_url(corpus_db):
    app = start()
    longitude, latitude, zoom = (float(part) for part in url(app, "view")[0].split(","))
    fitted = view_of(app)
    assert (longitude, latitude, zoom) == pytest.approx(fitted, abs=0.01)
    assert 120 < longitude < 140 and 35 < latitude < 55            # round North Korea and the Russian Far East


def test_a_link_opens_the_map_on_its_view_until_the_filters_change(corpus_db):
    app = start(view="100,45,2.5")
    assert view_of(app) == (100, 45, 2.5) and url(app, "view") == ["100,45,2.5"]
    app.checkbox(key="f_undated").check().run()                    # another rerun, the link's view kept?
    assert view_of(app) != (100, 45, 2.5)                          # no: new filters, fitted to their places
    assert url(app, "view") != ["100,45,2.5"]
    app.checkbox(key="f_undated").uncheck().run()                  # back to the link's filters: still fitted
    assert view_of(app) != (100, 45, 2.5)


def test_a_link_view_holds_across_reruns_that_change_nothing(corpus_db):
    app = start(view="100,45,2.5")
    app.radio(key="group_by").set_value("Place").run()             # a display option, not a filter
    assert view_of(app) == (100, 45, 2.5)


def test_a_view_panned_or_zoomed_by_hand_goes_into_the_url_and_holds_until_the_filters_change(corpus_db):
    app = start()
    fitted = view_of(app)
    # What the map's component reports after a pan or zoom (dashboard/map_component/map.js).
    app.session_state["sel_view"], app.session_state["sel_view_by_hand"] = (100.0, 45.0, 3.5), True
    app.run()
    assert view_of(app) == (100, 45, 3.5) and url(app, "view") == ["100,45,3.5"]
    app.session_state["sel_places"] = [NAJIN]                      # a place clicked: the view stays
    app.run()
    assert view_of(app) == (100, 45, 3.5) and url(app, "view") == ["100,45,3.5"]
    app.checkbox(key="f_undated").check().run()                    # new filters: fitted to their places
    assert view_of(app) != (100, 45, 3.5) and url(app, "view") != ["100,45,3.5"]
    assert view_of(app) == pytest.approx(fitted, abs=0.01)


def test_playback_keeps_the_maps_view(corpus_db):
    app = start()
    before = view_of(app)
    app.toggle(key="play_on").set_value(True).run()
    views = {view_of(app)}
    for _ in range(6):
        app.button(key="play_forward").click().run()
        views.add(view_of(app))
    assert views == {before}                                       # the view of the whole span, every step


def test_a_bad_view_in_a_link_is_ignored(corpus_db):
    app = start(view="500,45,2")
    assert not app.exception and view_of(app) != (500, 45, 2)


def test_the_selected_event_is_ringed_on_the_map_and_outlined_on_the_timeline(corpus_db):
    import pyarrow as pa

    events, _ = queries.events()
    najin = events.loc[events["sentence"].str.contains("ناجين"), "event_id"].iloc[0]
    before = {layer["id"]: layer for layer in deck(start())["layers"]}
    assert before["selected"]["data"] == []
    app = start(event=najin)
    layers = {layer["id"]: layer for layer in deck(app)["layers"]}
    rings = layers["selected"]["data"]
    places = {(point["lon"], point["lat"]): point["place"] for point in layers["places"]["data"]}
    assert sorted(places[(ring["lon"], ring["lat"])] for ring in rings) == ["Dunay", "Najin"]
    assert all(ring["ring"] == [0, 0, 0, 255] for ring in rings)     # black: the selected event's
    focused = set()
    for dataset in app.get("vega_lite_chart")[0].proto.datasets:
        table = pa.ipc.open_stream(dataset.data.data).read_all()
        if "focused" in table.column_names:
            focused |= {e for e, f in zip(table.column("event_id").to_pylist(), table.column("focused").to_pylist())
                        if f}
    assert focused == {najin}
    legend = "".join(m.value for m in app.markdown if "nm-legend" in m.value)
    assert "black ring: a place of the selected event" in legend and "grey ring" not in legend
