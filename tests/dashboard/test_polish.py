"""The map's initial view and labels, the timeline's initial span and lanes, short row names."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import map_view, timeline
from dashboard.formats import short_label

T = pd.Timestamp


# --- timeline: the span it opens on -------------------------------------------------------

def test_a_long_open_range_does_not_set_the_initial_span():
    # "since last year" (1 Jan 2022 – 19 Oct 2023) next to days and months of Sep–Oct 2023.
    starts = pd.Series([T("2022-01-01"), T("2023-09-01"), T("2023-09-13"), T("2023-10-05"), T("2023-10-13")])
    untils = pd.Series([T("2023-10-20"), T("2023-10-01"), T("2023-09-14"), T("2023-10-06"), T("2023-10-14")])
    first, last = timeline.initial_domain(starts, untils)
    assert T("2023-08-25") <= first <= T("2023-09-01")
    assert T("2023-10-20") <= last <= T("2023-10-28")


def test_a_long_range_close_to_the_short_events_stays_in_view():
    starts = pd.Series([T("2023-09-01"), T("2023-09-13"), T("2023-10-13"), T("2023-08-01"), T("2015-01-01")])
    untils = pd.Series([T("2023-10-01"), T("2023-09-14"), T("2023-10-14"), T("2023-11-01"), T("2023-10-14")])
    first, last = timeline.initial_domain(starts, untils)
    assert first <= T("2023-08-01") and last >= T("2023-11-01")      # Aug–Oct 2023 fits
    assert first > T("2023-01-01")                                 # 2015 – 2023 does not


@pytest.mark.parametrize("starts, untils", [
    (["2023-09-13", "2023-10-13"], ["2023-09-14", "2023-10-14"]),                  # only days
    (["2020-01-01", "2021-01-01"], ["2021-01-01", "2022-01-01"]),                  # only years
    (["2023-09-01", "2023-09-13"], ["2023-10-01", "2023-09-14"]),                  # a month and a day
])
def test_everything_is_shown_when_nothing_would_run_off(starts, untils):
    assert timeline.initial_domain(pd.Series(pd.to_datetime(starts)), pd.Series(pd.to_datetime(untils))) is None


def test_a_lone_day_opens_with_its_weeks_around_it():
    starts = pd.Series([T("2023-01-01"), T("2023-09-13")])
    untils = pd.Series([T("2024-01-01"), T("2023-09-14")])
    first, last = timeline.initial_domain(starts, untils)
    assert first < T("2023-09-13") < last and last - first >= pd.Timedelta(days=60)
    assert first > T("2023-01-01")                          # the year runs off both edges


def test_events_overlapping_in_time_get_separate_lanes_within_a_row():
    groups = pd.Series(["a", "a", "a", "b"])
    starts = pd.Series([T("2023-01-01"), T("2023-03-01"), T("2023-09-01"), T("2023-01-01")])
    untils = pd.Series([T("2023-12-31"), T("2023-04-01"), T("2023-10-01"), T("2023-12-31")])
    assert timeline.assign_lanes(groups, starts, untils) == [0, 1, 1, 0]


def test_the_chart_opens_on_the_short_events_and_clamps_the_long_range():
    from tests.dashboard.test_views import frames

    events, places = frames()
    dated = events.loc[events["dated"]].copy()
    long_range = dated.iloc[[0]].assign(start=T("2010-01-01"), granularity="range")
    spec = timeline.events_chart(pd.concat([dated, long_range], ignore_index=True), places, "document").to_dict()
    scale = spec["layer"][0]["encoding"]["x"]["scale"]
    # Not clamped: an event outside the view is off the chart, not a sliver squeezed at its edge.
    assert "clamp" not in scale and scale["domain"][0] > "2020"


# --- map: the view it opens on --------------------------------------------------------------

KOREA = {"Pyongyang": (125.75, 39.03), "Najin": (130.30, 42.25), "Dunay": (132.80, 42.90),
         "Vostochny Cosmodrome": (128.33, 51.88)}


def test_clustered_places_are_framed_close_up():
    lons, lats = zip(*KOREA.values())
    lon, lat, zoom = map_view.fit_view(list(lons), list(lats))
    assert 125 < lon < 133 and 39 < lat < 52
    assert zoom >= 3                           # not the whole world (zoom about 1)


def test_a_single_place_does_not_zoom_to_street_level():
    lon, lat, zoom = map_view.fit_view([130.3], [42.25])
    assert (lon, round(lat, 6)) == (130.3, 42.25)
    assert zoom == map_view.MAX_ZOOM <= 7


def test_places_across_the_antimeridian_are_framed_over_the_pacific():
    # Kamchatka and Alaska: the short way round crosses 180°.
    assert map_view.lon_span([158.6, -165.4]) == pytest.approx((158.6, 194.6))
    lon, _, zoom = map_view.fit_view([158.6, -165.4], [53.0, 64.5])
    assert lon > 170 or lon < -170
    assert zoom > 2                            # not fitted to the whole width of the world


def test_a_lone_far_place_is_left_out_of_the_initial_view():
    lons = [125.75, 130.30, 132.80, 128.33, -77.04]
    lats = [39.03, 42.25, 42.90, 51.88, 38.90]
    assert map_view.core_mask(lons, lats, [4, 2, 2, 1, 1]) == [True, True, True, True, False]


def test_two_places_are_both_framed_however_far_apart():
    assert map_view.core_mask([125.75, -77.04], [39.03, 38.90], [9, 1]) == [True, True]


# --- map: which names are drawn --------------------------------------------------------------

def _points(rows):
    return pd.DataFrame(rows, columns=["place", "kind", "lon", "lat", "events", "radius"]).assign(
        label_colour=[[0, 0, 0]] * len(rows))


def test_labels_that_would_collide_move_aside_or_give_way_to_busier_places():
    points = _points([("Najin", "city", 130.30, 42.25, 1, 8), ("Rajin port", "city", 130.31, 42.25, 5, 8),
                      ("Rason", "city", 130.30, 42.26, 1, 8)])
    labels = map_view.place_labels(points, zoom=4, centre_lon=130)
    assert labels["place"].iat[0] == "Rajin port"           # the busiest place is labelled first, above
    assert labels["baseline"].iat[0] == "bottom"
    assert 2 <= len(labels) <= 3                            # the others moved to a free side, or gave way
    assert len(set(map(tuple, labels["offset"]))) == len(labels)


def test_places_far_apart_are_all_labelled_above():
    points = _points([(name, "city", lon, lat, 1, 8) for name, (lon, lat) in KOREA.items()])
    labels = map_view.place_labels(points, zoom=5, centre_lon=130)
    assert set(labels["place"]) == set(KOREA) and set(labels["baseline"]) == {"bottom"}


def test_a_country_yields_its_label_to_a_city_at_the_same_spot():
    points = _points([("North Korea", "country", 127.0, 40.0, 9, 14), ("Pyongyang", "city", 127.0, 40.0, 1, 8)])
    labels = map_view.place_labels(points, zoom=1, centre_lon=127, max_labels=1)
    assert labels["place"].tolist() == ["Pyongyang"]


def test_countries_are_drawn_hollow_under_the_cities(tmp_path):
    from tests.dashboard.test_views import aggregated

    points = map_view.place_points(aggregated(tmp_path)[0])
    kinds = points["kind"].tolist()
    assert kinds.index("country") < min(i for i, k in enumerate(kinds) if k != "country")
    country = points.loc[points["kind"] == "country"].iloc[0]
    city = points.loc[points["kind"] != "country"].iloc[0]
    assert country["colour"][3] < 100 < city["colour"][3]


# --- row names ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Najin port", "Najin port"),
    ("Russia and North Korea foreign ministers meet amid warnings", "Russia and North Korea foreign ministers…"),
    ("وزيرا خارجية روسيا وكوريا الشمالية يجتمعان وسط تحذيرات أمريكية", "وزيرا خارجية روسيا وكوريا الشمالية…"),
    ("a" * 60, "a" * 42 + "…"),
    ("  spaced\n  out  ", "spaced out"),
])
def test_row_names_are_cut_at_a_word(text, expected):
    assert short_label(text) == expected
