"""The dashboard's logic without a browser: date labels, filters, URL state, map and timeline
data, the highlighted sentence, the exports."""
import datetime as dt
import json

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from dashboard import filters, map_view, queries, snapshot, timeline
from dashboard.events_table import highlighted_sentence
from dashboard.formats import PALETTE, colour_of, country_colours, country_name, date_label
from extract.exports import event_rows
from tests.dashboard.corpus import arabic_analysis, corpus, english_analysis


def frames():
    rows = []
    for analysis in corpus().values():
        for row, event in zip(event_rows(analysis), analysis.events):
            row["mentions"] = queries._mention_spans(event)
            rows.append(row)
    return queries._frames(rows)


@pytest.mark.parametrize(("start", "end", "granularity", "label"), [
    ("2023-09-13", "2023-09-13", "day", "13 Sep 2023"),
    ("2023-09-01", "2023-09-30", "month", "Sep 2023"),
    ("2023-09-07", "2023-10-01", "range", "7 Sep – 1 Oct 2023"),
    ("2023-09-07", "2023-09-13", "range", "7–13 Sep 2023"),
    ("2022-12-30", "2023-01-02", "range", "30 Dec 2022 – 2 Jan 2023"),
    ("2022-01-01", "2022-12-31", "year", "2022"),
    ("2023-07-01", "2023-09-30", "quarter", "Q3 2023"),
    ("2010-01-01", "2019-12-31", "decade", "2010s"),
    ("2023-09-11", "2023-09-17", "week", "11–17 Sep 2023"),
    (None, None, "day", "undated (الخميس)"),
])
def test_dates_show_at_their_true_precision(start, end, granularity, label):
    assert date_label(start, end, granularity, "الخميس") == label


def test_a_month_is_never_shown_as_its_first_day():
    assert date_label(pd.Timestamp("2023-09-01"), pd.Timestamp("2023-09-30"), "month") == "Sep 2023"


def test_countries_have_names_and_colours_by_their_number_of_events():
    assert country_name("KP") == "North Korea" and country_name("") == "No country"
    colours = country_colours(["RU", "KP", "KP", "", "US", "RU", "KP"])
    assert list(colours) == ["KP", "RU", "US"] and list(colours.values()) == list(PALETTE[:3])
    assert colour_of(colours, "") != colour_of(colours, "FR") and colour_of(colours, "FR") not in PALETTE


def test_neighbours_never_share_a_colour():
    # Libya, Chad, Iraq, Iran and Egypt once all came out of a 10-colour hash alike.
    codes = ["LY", "TD", "IQ", "IR", "EG", "SY", "JO", "SA", "TR", "IL", "LB", "PS", "SD", "YE", "KP", "RU",
             "CN", "UA", "US", "FR"]
    colours = country_colours(codes)
    assert len(set(colours.values())) == len(codes) == len(PALETTE)


def test_the_palette_colours_are_far_apart():
    def lab(hex_colour):
        r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        r, g, b = ((c / 12.92) if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b))
        x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
            (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089
        f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
        return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])

    from dashboard.formats import NO_COUNTRY, OTHER_COUNTRIES

    points = [lab(c) for c in PALETTE]
    greys = [lab(NO_COUNTRY), lab(OTHER_COUNTRIES)]
    distance = lambda p, q: sum((a - b) ** 2 for a, b in zip(p, q)) ** 0.5  # noqa: E731
    assert min(distance(p, q) for i, p in enumerate(points) for q in points[i + 1:]) > 15    # CIE76 ΔE
    assert min(distance(p, grey) for p in points for grey in greys) > 15


def test_frames_have_one_row_per_event_and_per_place():
    events, places = frames()
    assert len(events) == 6 and set(queries.EVENT_COLUMNS) <= set(events.columns)
    assert set(places.loc[places["role"] != "place", "place"]) == {"Najin", "Dunay"}
    assert events["dated"].sum() == 5


def test_a_country_without_coordinates_gets_its_label_point():
    _, places = frames()
    russia = places.loc[places["place"] == "Russia"].iloc[0]
    assert (russia["lon"], russia["lat"]) != (0.0, 0.0) and 30 < russia["lon"] < 180


@pytest.mark.parametrize(("chosen", "expected"), [
    (filters.Filters(), 5),                                                            # undated hidden
    (filters.Filters(include_undated=True), 6),
    (filters.Filters(start=dt.date(2023, 9, 1), end=dt.date(2023, 9, 30)), 2),          # the month and the range
    (filters.Filters(start=dt.date(2023, 9, 1), end=dt.date(2023, 9, 30), include_undated=True), 3),
    (filters.Filters(start=dt.date(2023, 10, 1)), 2),                                   # range ends 1 Oct, 19 Oct
    (filters.Filters(end=dt.date(2022, 12, 31)), 1),
    (filters.Filters(countries=("RU",)), 3),
    (filters.Filters(places=("Pyongyang",), include_undated=True), 2),
    (filters.Filters(text="ships"), 1),
    (filters.Filters(text="بيونغ"), 1),
])
def test_filters_narrow_the_events(chosen, expected):
    events, places = frames()
    assert len(filters.apply(events, places, chosen)) == expected


def test_undated_hidden_counts_only_what_the_checkbox_would_add():
    events, places = frames()
    assert len(filters.undated_hidden(events, places, filters.Filters())) == 1
    assert len(filters.undated_hidden(events, places, filters.Filters(countries=("RU",)))) == 0


def test_document_filter_keeps_one_document():
    events, places = frames()
    english = english_analysis().document.id
    shown = filters.apply(events, places, filters.Filters(documents=(english,), include_undated=True))
    assert set(shown["document_id"]) == {english}


def test_filters_round_trip_through_the_url():
    chosen = filters.Filters(dt.date(2023, 9, 1), dt.date(2023, 9, 30), ("KP", "RU"), ("Najin",), ("abc",),
                             "شحنت", True)
    params = chosen.to_query_params()
    assert params["country"] == ["KP", "RU"] and params["from"] == "2023-09-01"
    assert filters.Filters.from_query_params(params) == chosen


def test_bad_url_values_are_ignored():
    assert filters.Filters.from_query_params({"from": "September", "undated": "x"}) == filters.Filters()


def test_timeline_span_and_map_places_narrow_further():
    events, places = frames()
    shown = filters.apply(events, places, filters.Filters())
    assert len(filters.within(shown, (dt.date(2023, 10, 10), dt.date(2023, 10, 31)))) == 1
    najin = places.loc[places["place"] == "Najin", "place_key"].iloc[0]
    assert len(filters.at_places(shown, places, [najin])) == 2
    assert len(filters.at_places(shown, places, [])) == len(shown)


@pytest.mark.parametrize("state", [
    {"selection": {"span": {"start": [1693526400000, 1696032000000]}}},                  # epoch ms
    {"selection": {"span": {"start": ["2023-09-01T00:00:00", "2023-09-30T00:00:00"]}}},
])
def test_brushed_span_reads_the_chart_selection(state):
    assert timeline.brushed_span(state) == (dt.date(2023, 9, 1), dt.date(2023, 9, 30))


def test_no_brush_means_no_span():
    assert timeline.brushed_span(None) is None
    assert timeline.brushed_span({"selection": {"span": {}}}) is None


def aggregated(tmp_path):
    """The corpus in a store, as the map gets it: events per place and per movement."""
    from dashboard import aggregates
    from extract.store import Store

    with Store(tmp_path / "newsmap.sqlite") as store:
        for analysis in corpus().values():
            store.write(analysis)
        columns = aggregates.load(store, queries.country_points())
    everything = aggregates.select(columns, include_undated=True)
    return aggregates.place_counts(columns, everything), aggregates.arc_counts(columns, everything)


def test_map_has_a_point_per_place_and_an_arc_per_movement(tmp_path):
    marks, arcs = aggregated(tmp_path)
    points = map_view.place_points(marks, country_colours(dict(zip(marks["country"], marks["events"]))))
    assert {"Pyongyang", "Najin", "Dunay", "Vostochny Cosmodrome", "Russia"} == set(points["place"])
    assert points.set_index("place").at["Najin", "events"] == 2
    drawn = map_view.movement_arcs(arcs)
    assert drawn[["origin", "destination"]].values.tolist() == [["Najin", "Dunay"]]


def test_map_tooltips_give_the_name_and_the_count_as_plain_text(tmp_path):
    # Streamlit inserts tooltip fields as text; the sentences are listed when a place is clicked.
    marks, _ = aggregated(tmp_path)
    points = map_view.place_points(marks).set_index("place")
    assert points.at["Najin", "title"] == "Najin · North Korea"
    assert points.at["Najin", "summary"].startswith("2 events")


def test_the_tooltip_gives_each_line_its_own_direction_and_stays_inside_the_map():
    assert map_view.TOOLTIP_HTML.count('<div dir="auto">') == 2 and "{summary}" in map_view.TOOLTIP_HTML
    style = map_view.TOOLTIP_STYLE            # pinned to the map's corner, not at the cursor
    assert style["transform"] == "none" and style["top"] == style["left"] == "10px"
    assert style["overflow"] == "hidden" and int(style["maxHeight"][:-2]) < map_view.MAP_HEIGHT


def test_land_with_events_never_looks_like_sea():
    layer = map_view._sand_layer(country_colours(["RU", "KP"]), {"RU", "KP"})
    assert len(layer.data["features"]) == 2
    red, _, blue = map_view.LAND_WITH_EVENTS
    assert red - blue > 20 and map_view.SEA[2] - map_view.SEA[0] > 20     # warm land, cool sea


def test_marks_that_pile_up_are_counted_as_overlapping():
    apart = pd.DataFrame({"lon": [0.0, 40.0, 80.0], "lat": [0.0, 0.0, 0.0], "radius": [10.0] * 3,
                          "kind": ["city"] * 3})
    piled = pd.DataFrame({"lon": [0.0, 0.1, 0.2, 40.0], "lat": [0.0, 0.0, 0.1, 0.0], "radius": [10.0] * 4,
                          "kind": ["city"] * 4})
    assert map_view.overlap_share(apart, zoom=2) == 0
    assert map_view.overlap_share(piled, zoom=2) == 0.75


@pytest.mark.parametrize("seed", range(5))
def test_the_overlap_share_is_that_of_every_pair_of_discs(seed):
    """Discs of mixed sizes, some touching only a disc farther than their nearest neighbour: the
    share overlap_share finds is the one found by comparing every pair."""
    generator = np.random.default_rng(seed)
    count = 400
    points = pd.DataFrame({"lon": generator.uniform(-20, 20, count), "lat": generator.uniform(-15, 15, count),
                           "radius": generator.choice([5.0, 6.0, 9.0, 30.0], count, p=[0.6, 0.2, 0.15, 0.05]),
                           "kind": ["city"] * count})
    x, y = map_view._pixels(points["lon"], points["lat"], 3)
    radius = points["radius"].to_numpy()
    apart = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    touching = apart < radius[:, None] + radius[None, :]
    np.fill_diagonal(touching, False)
    share = touching.any(axis=1).mean()
    assert 0.05 < share < 0.95                       # neither all apart nor all piled up
    assert map_view.overlap_share(points, zoom=3) == pytest.approx(share)


def test_the_map_json_is_compact_and_asks_no_outside_host():
    deck = map_view.CompactDeck(layers=[map_view._countries_layer()], map_provider=None)
    spec = deck.to_json()
    assert "\n" not in spec and ": " not in spec
    assert '"data":"app/static/countries.geojson"' in spec and "http" not in spec
    assert '"mapStyle":"__MAP_STYLE__"' in spec          # unset: Streamlit then loads no Carto style


def test_the_borders_are_drawn_as_segments_from_their_static_file():
    deck = json.loads(map_view.deck(map_view.plan(pd.DataFrame(columns=["place_key", "place", "country", "kind", "lat",
                                                                        "lon", "events"]),
                                                  pd.DataFrame(), {})).to_json())
    layers = {layer["id"]: layer for layer in deck["layers"]}
    assert layers["countries"]["stroked"] is False
    assert layers["borders"]["@@type"] == "LineLayer" and layers["borders"]["data"] == "app/static/borders.json"


def test_the_borders_file_is_derived_from_the_outlines():
    """dashboard/static/borders.json is what scripts/derive_borders.py makes of countries.geojson."""
    committed = json.loads((map_view.Path(map_view.__file__).parent / "static" / "borders.json").read_text())
    assert committed == map_view.border_segments(queries.country_boundaries())


def test_a_border_two_countries_share_is_one_segment_and_antimeridian_cuts_are_left_out():
    def country(ring):
        return {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
    west = country([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])
    east = country([[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]])
    cut = country([[179, 0], [180, 0], [180, 1], [179, 0]])
    segments = map_view.border_segments({"type": "FeatureCollection", "features": [west, east, cut]})
    ends = [frozenset((tuple(s["s"]), tuple(s["t"]))) for s in segments]
    assert len(ends) == len(set(ends)) == 4 + 3 + 2
    assert frozenset({(1, 0), (1, 1)}) in ends                   # the shared border, once
    assert frozenset({(180, 0), (180, 1)}) not in ends           # the cut along the antimeridian


def test_the_legend_says_what_marks_mean_and_names_the_colours():
    colours = country_colours(["KP", "KP", "RU"])
    legend = map_view.legend_html(colours, {"KP", "RU", "UA", ""})
    for words in ("disc: a city or site", "ring: a whole country", "arc: a movement", "sand: a country"):
        assert words in legend
    assert legend.index("North Korea") < legend.index("Russia") < legend.index("other countries")
    assert colours["KP"] in legend and "no country" in legend
    assert "&lt;b&gt;" in map_view.legend_html({"<b>": "#000000"}, {"<b>"}) or "<b>" not in map_view.legend_html(
        {"<b>": "#000000"}, {"<b>"}).replace("<b>", "", 0)


def test_the_legend_names_only_the_marks_drawn(tmp_path):
    marks, arcs = aggregated(tmp_path)
    colours = country_colours(dict(zip(marks["country"], marks["events"])))
    everything = map_view.plan(marks, arcs, colours)
    assert map_view.drawn_marks(everything) == {"disc", "ring", "sand", "arc"}
    one_city = map_view.plan(marks.loc[marks["place"] == "Pyongyang"], arcs.iloc[:0], colours, focus=("gn:1871859",))
    assert map_view.drawn_marks(one_city) == {"disc", "sand", "focus"}
    legend = map_view.legend_html(colours, {"KP"}, map_view.drawn_marks(one_city))
    assert "disc: a city" in legend and "black ring" in legend
    for absent in ("arc:", "ring: a whole country", "grey ring", "hexagon"):
        assert absent not in legend
    # More countries than are drawn in sand: the legend does not mention sand.
    many = pd.concat([marks.assign(country=code, place_key=marks["place_key"] + code)
                      for code in ("KP", "RU", "CN", "JP", "KR", "MN", "US", "FR", "DE", "GB", "IT", "ES", "PT")])
    assert "sand" not in map_view.drawn_marks(map_view.plan(many, arcs, colours))


def test_the_map_is_planned_once_per_content_of_its_inputs(tmp_path):
    """The plan (and its JSON) is reused only for the same places, counts, routes, colours,
    rings and view: any change of them plans the map afresh, and a reused plan is the plan those
    inputs make."""
    marks, arcs = aggregated(tmp_path)
    colours = country_colours(dict(zip(marks["country"], marks["events"])))
    first = map_view.plan(marks, arcs, colours)
    assert map_view.plan(marks.copy(), arcs.copy(), dict(colours)) is first
    fresh = map_view._planned(first.key, marks, arcs, colours, (), (), None, False, None)
    assert fresh.points.equals(first.points) and fresh.arcs.equals(first.arcs) and fresh.view == first.view
    one_more = marks.assign(events=marks["events"] + (marks["place"] == "Najin"))
    moved = marks.assign(lat=marks["lat"] + (marks["place"] == "Najin") * 0.5)
    renamed = marks.assign(place=marks["place"].where(marks["place"] != "Najin", "Rason"))
    for changed in (map_view.plan(one_more, arcs, colours), map_view.plan(moved, arcs, colours),
                    map_view.plan(renamed, arcs, colours), map_view.plan(marks, arcs.iloc[:0], colours),
                    map_view.plan(marks, arcs, {**colours, "KP": "#000000"}),
                    map_view.plan(marks, arcs, colours, picked=("gn:1871859",)),
                    map_view.plan(marks, arcs, colours, focus=("gn:1871859",)),
                    map_view.plan(marks, arcs, colours, view=(130.0, 42.0, 4.0)),
                    map_view.plan(marks, arcs, colours, fit_to=marks.iloc[:1])):
        assert changed.key != first.key and changed is not first
    assert map_view.plan(one_more, arcs, colours).points.set_index("place").at["Najin", "events"] == 3
    assert map_view.plan(renamed, arcs, colours).labels["place"].str.contains("Rason").any()
    spec, digest = map_view._deck_json(first.key, False, first)
    assert json.loads(spec)["layers"] and map_view._deck_json(first.key, False, first)[1] == digest
    assert map_view._deck_json(first.key, True, first)[1] != digest             # web tiles: another deck


def test_the_selected_places_and_event_are_ringed(tmp_path):
    marks, _ = aggregated(tmp_path)
    points = map_view.place_points(marks)
    rings = map_view.highlight_rings(points, ("gn:1871859",), ("gn:2044757", "gn:2025840"))
    assert len(rings) == 3                                 # Pyongyang picked; Najin and Dunay of the event
    assert sorted(map(tuple, rings["ring"]))[0] == (0, 0, 0, 255)


def test_timeline_builds_for_each_grouping():
    events, places = frames()
    for group in timeline.GROUPS.values():
        spec = timeline.events_chart(events.loc[events["dated"]], places, group).to_dict()
        assert spec["params"][0]["name"] == "span" and len(spec["layer"]) == 2


def test_timeline_counts_stack_the_busiest_countries_and_other():
    spec = timeline.counts_spec(_counts_bins(), country_colours({"RU": 3, "KP": 2}))
    assert spec["mark"]["type"] == "bar" and spec["params"][0]["name"] == "span"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Russia", "North Korea", "Other"]
    # The bars stack in the legend's order: each row carries its country's place in it.
    assert spec["encoding"]["order"]["field"] == "country_order"
    data = spec["datasets"][spec["data"]["name"]]
    assert dict(zip(data["country_name"], data["country_order"])) == {"Russia": 0, "North Korea": 1, "Other": 2}


@pytest.mark.parametrize("span", [None, (dt.date(2023, 1, 2), dt.date(2023, 1, 8))], ids=["no span", "a span"])
def test_the_counts_spec_is_valid_vega_lite_with_the_brush_and_the_zoom(span):
    """timeline.counts_spec writes the spec without Altair's objects: it must still be valid
    Vega-Lite, its brush over the span's days (the last one included) and the wheel zoom bound
    to the scales, its frame named by content."""
    spec = timeline.counts_spec(_counts_bins(), span=span)
    inline = snapshot.timeline_for_report(spec)
    alt.Chart.from_dict(inline, validate=True)
    brush, zoom = spec["params"]
    assert brush["name"] == "span" and zoom["bind"] == "scales" and zoom["select"]["zoom"] == "wheel!"
    assert brush.get("value") == ({"x": [{"year": 2023, "month": 1, "date": 2}, {"year": 2023, "month": 1, "date": 9}]}
                                  if span else None)
    assert list(spec["datasets"]) == [spec["data"]["name"]]
    assert timeline.counts_spec(_counts_bins(), span=span)["data"] == spec["data"]           # the same bins, the same name
    assert timeline.counts_spec(_counts_bins().assign(events=[3, 1, 5]), span=span)["data"] != spec["data"]


def _counts_bins() -> pd.DataFrame:
    return pd.DataFrame({"start": pd.to_datetime(["2023-01-02", "2023-01-02", "2023-01-09"]),
                         "until": pd.to_datetime(["2023-01-09", "2023-01-09", "2023-01-16"]),
                         "country": ["RU", "", "KP"], "events": [3, 1, 2]})


def _with_dataset_names(spec: dict, names: dict[str, str]) -> dict:
    """`spec` with its datasets renamed by `names` (old name -> new)."""
    text = json.dumps({key: value for key, value in spec.items() if key != "datasets"}, sort_keys=True, default=str)
    for old, new in names.items():
        text = text.replace(f'"{old}"', f'"{new}"')
    return json.loads(text)


@pytest.mark.parametrize("chart", ["events", "events by place", "events with a span and focus"])
def test_the_timeline_sends_the_spec_streamlit_makes_of_the_altair_chart(chart):
    """timeline.vega_lite_spec skips Altair's validation (0.2 s a rerun) but sends what
    st.altair_chart would: the same spec, the same frames as named datasets, and the chart is valid."""
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    events, places = frames()
    dated = events.loc[events["dated"]]
    built = {"events": lambda: timeline.events_chart(dated, places, "document"),
             "events by place": lambda: timeline.events_chart(dated, places, "place", country_colours({"RU": 2})),
             "events with a span and focus": lambda: timeline.events_chart(
                 dated, places, "country_name", span=(dt.date(2023, 5, 1), dt.date(2023, 5, 9)),
                 focus=dated["event_id"].iloc[0])}[chart]()
    ours, streamlits = timeline.vega_lite_spec(built), _convert_altair_to_vega_lite_spec(built)
    assert len(ours["datasets"]) == len(streamlits["datasets"]) >= 1
    ours_frames = {name: pa.ipc.open_stream(data_bytes(frame)).read_all() for name, frame in ours["datasets"].items()}
    theirs = {name: pa.ipc.open_stream(data).read_all() for name, data in streamlits["datasets"].items()}
    renamed = {}
    for name, table in ours_frames.items():
        renamed[name] = next(other for other, their_table in theirs.items() if their_table.equals(table))
    assert _with_dataset_names(ours, renamed) == _with_dataset_names(streamlits, {})
    built.to_dict(validate=True)                            # what the page skips, checked here


def data_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as Streamlit sends a dataset (Arrow IPC)."""
    from streamlit import dataframe_util

    return dataframe_util.convert_anything_to_arrow_bytes(frame)


def test_sentence_is_escaped_and_marked():
    html_text = highlighted_sentence("<script>alert(1)</script> in Najin on 5 May", [[29, 34, "place"],
                                                                                  [38, 43, "date"]], "en")
    assert "<script>" not in html_text and "&#60;script&#62;" in html_text
    assert '<mark class="nm-place" title="place">Najin</mark>' in html_text
    assert '<mark class="nm-date" title="date">5 May</mark>' in html_text and 'dir="ltr"' in html_text


def test_arabic_sentence_is_right_to_left_with_its_mentions():
    event = arabic_analysis().events[1]
    html_text = highlighted_sentence(event.sentence, queries._mention_spans(event), "ar")
    assert 'dir="rtl"' in html_text
    assert ">ناجين</mark>" in html_text and ">بين 7 سبتمبر و1 أكتوبر</mark>" in html_text


@pytest.fixture
def corpus_store(tmp_path, monkeypatch):
    """NEWSMAP_DB at a store holding the synthetic corpus (no seeds), and its events' frames."""
    from extract.store import Store

    db = tmp_path / "newsmap.sqlite"
    monkeypatch.setenv("NEWSMAP_DB", str(db))
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    monkeypatch.setattr(queries, "SEEDS", empty)
    with Store(db) as store:
        for analysis in corpus().values():
            store.write(analysis)
        rows = store.event_rows()
    return db, queries._frames(rows)


def test_exports_of_the_filtered_events_open_as_geojson(corpus_store):
    _, (events, places) = corpus_store
    shown = filters.apply(events, places, filters.Filters(start=dt.date(2023, 9, 1), end=dt.date(2023, 9, 30)))
    collection = json.loads(queries.export_file(shown, "geojson"))
    kinds = sorted(f["geometry"]["type"] for f in collection["features"])
    assert kinds == ["LineString", "Point", "Point", "Point"]
    assert all(-180 <= f["geometry"]["coordinates"][0] <= 180 for f in collection["features"]
               if f["geometry"]["type"] == "Point")
    assert queries.export_file(shown, "csv").decode("utf-8-sig").count("\n") == 4   # header + (event, place) lines


@pytest.mark.parametrize("format", ["csv", "geojson"])
@pytest.mark.parametrize("first, last", [(None, None), ("2023-09-01", "2023-09-30"), ("2023-10-19", None)])
def test_the_dashboard_exports_the_same_file_as_the_cli(corpus_store, tmp_path, format, first, last):
    """One export path: the dashboard's download equals `python -m extract export` byte for byte."""
    from extract.__main__ import main

    db, (events, places) = corpus_store
    # The CLI without a range exports undated events too, as the dashboard does when they are included.
    chosen = filters.Filters(start=first and dt.date.fromisoformat(first), end=last and dt.date.fromisoformat(last),
                             include_undated=not (first or last))
    shown = filters.apply(events, places, chosen)
    assert len(shown)
    out = tmp_path / f"cli.{format}"
    dates = (["--from", first] if first else []) + (["--to", last] if last else [])
    assert main(["export", "--db", str(db), "--format", format, "--output", str(out), *dates]) == 0
    assert queries.export_file(shown, format) == out.read_bytes()


def test_the_csv_opens_as_utf8_with_a_bom_and_integer_geonames_ids(corpus_store):
    import csv
    import io

    _, (events, places) = corpus_store
    assert places["geonameid"].isna().any()          # Vostochny has none: the frame's column is float
    data = queries.export_file(events, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {line["geonameid"] for line in lines} >= {"2044757", "2025840", "2017370", ""}
    assert "بيونغ يانغ" in data.decode("utf-8-sig") or "Pyongyang" in {line["place"] for line in lines}
    features = json.loads(queries.export_file(events, "geojson"))["features"]
    assert {type(f["properties"]["geonameid"]) for f in features if "geonameid" in f["properties"]} <= {int, type(None)}


def test_frames_from_the_store_mark_corrected_events(tmp_path):
    from extract.store import Store

    with Store(tmp_path / "newsmap.sqlite") as store:
        store.write(arabic_analysis())
        first = store.event_rows()[0]["event_id"]
        store.correct(first, start="2023-10-18")
        events, places = queries._frames(store.event_rows())
    assert len(events) == 4 and json.loads(events.iloc[0]["mentions"])[0][2] == "date"
    assert events.set_index("event_id")["corrected"].to_dict()[first] == "date"
    assert (events["corrected"] == "").sum() == 3
    corrected = events.set_index("event_id").loc[first]
    assert date_label(corrected["start"], corrected["end"], corrected["granularity"]) == "18 Oct 2023"
    assert "Dunay" in set(places["place"])


def _many_places(count: int = 3_000, seed: int = 7) -> pd.DataFrame:
    """Places piled round a few cities, so that the map opens in its density view."""
    rng = np.random.default_rng(seed)
    centres = np.array([[37.6, 55.8], [30.5, 50.4], [125.8, 39.0], [-0.1, 51.5]])
    pick = rng.integers(0, len(centres), count)
    lon_lat = centres[pick] + rng.normal(0, 1.5, (count, 2))
    return pd.DataFrame({"place_key": [f"p{i}" for i in range(count)], "place": [f"Place {i}" for i in range(count)],
                         "country": "RU", "kind": "city", "lat": lon_lat[:, 1], "lon": lon_lat[:, 0],
                         "events": rng.integers(1, 50, count)})


def test_the_density_view_bins_the_places_into_hexagons_on_the_server():
    """Each place falls in exactly one cell, whose centre is within the hexagon's radius of it in
    Web-Mercator pixels at the opening zoom; the cells' events add up to the places'; the colours
    are the ramp's, darkest for the busiest cell, palest for the quietest."""
    places = _many_places()
    planned = map_view.plan(places, pd.DataFrame(), {"RU": "#1f77b4"})
    assert planned.density
    cells, zoom = planned.cells, planned.view[2]
    assert cells["events"].sum() == places["events"].sum()
    assert 1 < len(cells) < len(places)

    def pixels(lon, lat):
        world = 512 * 2 ** zoom
        return (world * (np.asarray(lon) + 180) / 360,
                world * (1 - np.log(np.tan(np.pi / 4 + np.radians(np.asarray(lat)) / 2)) / np.pi) / 2)

    px, py = pixels(places["lon"], places["lat"])
    cx, cy = pixels(cells["lon"], cells["lat"])
    distance = np.hypot(px[:, None] - cx[None, :], py[:, None] - cy[None, :])
    radius = map_view.hex_pixels(planned.view[1])
    assert radius >= map_view._HEX_PIXELS
    within = distance <= radius * (1 + 1e-6)
    # Exactly one cell holds each place: the nearest centre, within the radius (two centres are
    # at least sqrt(3) * radius apart, so a place on a shared edge is at most in the nearest).
    assert within.any(axis=1).all()
    nearest = distance.argmin(axis=1)
    held = pd.Series(places["events"].to_numpy()).groupby(nearest).sum()
    assert len(held) == len(cells)
    assert np.array_equal(held.to_numpy(), cells["events"].to_numpy()[held.index.to_numpy()])
    assert (distance.min(axis=0) <= radius).all()                  # no cell without a place
    # The browser draws each cell the radius it was binned with: in Web-Mercator units (a
    # 512-unit world), that many pixels at the opening zoom.
    assert map_view.cell_radius(planned.view) * 2 ** zoom == pytest.approx(radius)
    ramp = [list(c) for c in map_view.DENSITY_RAMP]
    assert all(colour in ramp for colour in cells["colour"])
    assert cells.loc[cells["events"].idxmax(), "colour"] == ramp[-1]
    assert cells.loc[cells["events"].idxmin(), "colour"] == ramp[0]


def test_the_density_view_draws_its_cells_as_a_plain_layer_in_the_ramp_colours():
    places = _many_places()
    planned = map_view.plan(places, pd.DataFrame(), {"RU": "#1f77b4"})
    spec = json.loads(map_view.deck(planned).to_json())
    types = [layer["@@type"] for layer in spec["layers"]]
    assert "HexagonLayer" not in types
    density = next(layer for layer in spec["layers"] if layer["id"] == "density")
    # Flat hexagonal columns standing on a point (deck.gl's stand on an edge), one a cell, at its
    # centre, in its colour, of the radius it was binned with, a thin gap between cells.
    assert density["@@type"] == "ColumnLayer" and density["extruded"] is False and density["pickable"] is False
    assert density["diskResolution"] == 6 and density["angle"] == 90 and density["coverage"] == 0.95
    assert density["radiusUnits"] == "common" and density["radius"] == map_view.cell_radius(planned.view)
    assert density["opacity"] == 0.7 and len(density["data"]) == len(planned.cells)
    assert [row["position"] for row in density["data"]] == [
        [round(lon, 4), round(lat, 4)] for lon, lat in zip(planned.cells["lon"], planned.cells["lat"])]
    assert [row["colour"] for row in density["data"]] == planned.cells["colour"].tolist()
    assert "hexagon" in map_view.drawn_marks(planned)
    # The same cells for the same places: binned deterministically.
    again = map_view._planned(planned.key, places, pd.DataFrame(), {"RU": "#1f77b4"}, (), (), None, False, None)
    assert again.cells.equals(planned.cells)
    # Few places: no density view, no cells.
    few = map_view.plan(places.head(3), pd.DataFrame(), {"RU": "#1f77b4"})
    assert not few.density and few.cells.empty
