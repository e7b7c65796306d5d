"""The PNG export of the map and the timeline (dashboard.snapshot): it decodes, has the size it
promises, draws the places where the page's map draws them, and only those of the filter."""
import dataclasses
import io
import math

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from dashboard import aggregates, map_view, queries, snapshot, timeline
from dashboard.filters import Filters
from dashboard.formats import country_colours
from extract.store import Store
from tests.dashboard.corpus import corpus

PYONGYANG, NAJIN = "gn:1871859", "gn:2044757"
PALETTE_FIRST = "#4e79a7"          # the busiest country's colour (formats.PALETTE)


@pytest.fixture(scope="module")
def columns(tmp_path_factory):
    """The synthetic corpus in a store (NEWSMAP_DB, where queries reads the timeline's rows),
    loaded as the app loads it (without the seed articles queries.columns would add)."""
    path = tmp_path_factory.mktemp("store") / "newsmap.sqlite"
    with Store(path) as store:
        for analysis in corpus().values():
            store.write(analysis)
        loaded = dataclasses.replace(aggregates.load(store, queries.country_points()), revision=store.revision())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSMAP_DB", str(path))
        yield loaded


def picture(columns, filters: Filters = Filters(), picked=(), with_timeline: bool = True, view=None,
            counts: bool = False):
    """The plan of the map for `filters` and its PNG, as the app makes them (the timeline of each
    event, or of counts per bin when `counts`)."""
    shown = aggregates.select(columns, start=filters.start, end=filters.end, countries=filters.countries)
    colours = country_colours(aggregates.country_counts(columns, shown))
    plan = map_view.plan(aggregates.place_counts(columns, shown), aggregates.arc_counts(columns, shown), colours,
                         picked=picked, view=view)
    chart = None
    if counts:
        chart = timeline.counts_spec(aggregates.time_bins(columns, shown)[0], colours)
    elif with_timeline:
        events, places = queries.event_page(columns, shown & columns.dated, 0, timeline.MAX_EVENTS)
        chart = timeline.vega_lite_spec(timeline.events_chart(events.loc[events["dated"]], places, "document", colours))
    data = snapshot.png(plan, chart, snapshot.caption(filters, None, picked, int(shown.sum())))
    return plan, Image.open(io.BytesIO(data)).convert("RGB")


def on_image(plan, lon: float, lat: float) -> tuple[int, int]:
    """Where the page's map (deck.gl's Web Mercator at the plan's view) puts a place, in the PNG."""
    longitude, latitude, zoom = plan.view
    world = 512 * 2 ** zoom
    mercator = lambda value: math.log(math.tan(math.pi / 4 + math.radians(value) / 2))  # noqa: E731
    x = snapshot.WIDTH / 2 + (lon - longitude) * world / 360
    y = map_view.MAP_HEIGHT / 2 + (mercator(latitude) - mercator(lat)) * world / (2 * math.pi)
    top = snapshot._MARGIN + snapshot._CAPTION_SIZE + 12
    return round((snapshot._MARGIN + x) * snapshot.SCALE), round((top + y) * snapshot.SCALE)


def place(plan, key: str) -> tuple[float, float, list[int]]:
    row = plan.points.loc[plan.points["place_key"] == key].iloc[0]
    return float(row["lon"]), float(row["lat"]), row["colour"]


def close(pixel, colour, tolerance: int = 60) -> bool:
    return sum(abs(a - b) for a, b in zip(pixel, colour[:3])) < tolerance


def test_the_png_decodes_at_the_promised_width_with_the_map_and_the_timeline(columns):
    plan, image = picture(columns)
    assert image.width == snapshot.SCALE * (snapshot.WIDTH + 2 * snapshot._MARGIN)
    map_only = picture(columns, with_timeline=False)[1]
    assert map_only.width == image.width
    assert map_only.height == snapshot.SCALE * (snapshot._CAPTION_SIZE + 12 + map_view.MAP_HEIGHT
                                                + 2 * snapshot._MARGIN)
    assert image.height > map_only.height + 100 * snapshot.SCALE           # the timeline under the map


def test_the_places_are_drawn_where_the_page_draws_them(columns):
    plan, image = picture(columns)
    for key in (PYONGYANG, NAJIN):
        lon, lat, colour = place(plan, key)
        x, y = on_image(plan, lon, lat)
        assert close(image.getpixel((x, y)), colour), (key, image.getpixel((x, y)), colour)
    # Not blank: the discs' colour covers a disc's worth of pixels, and the sea and the land show.
    lon, lat, colour = place(plan, NAJIN)
    x, y = on_image(plan, lon, lat)
    assert sum(close(image.getpixel((x + dx, y + dy)), colour) for dx in range(-8, 9) for dy in range(-8, 9)) > 100
    assert close(image.getpixel((x, y - 300)), map_view.LAND_WITH_EVENTS, 20) or \
        close(image.getpixel((x + 200, y + 60)), map_view.SEA, 20)


def test_the_png_shows_only_the_filtered_events(columns):
    everything, _ = picture(columns)
    plan, image = picture(columns, Filters(countries=("RU",)))
    assert PYONGYANG not in set(plan.points["place_key"])
    lon, lat, _ = place(everything, PYONGYANG)
    x, y = on_image(plan, lon, lat)
    box = [image.getpixel((x + dx, y + dy)) for dx in range(-6, 7) for dy in range(-6, 7)]
    palette = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in plan.colours.values()]
    assert not any(close(pixel, colour, 40) for pixel in box for colour in palette)


def test_the_picked_places_are_ringed_in_the_png(columns):
    plan, image = picture(columns, picked=(PYONGYANG,), with_timeline=False)
    lon, lat, _ = place(plan, PYONGYANG)
    x, y = on_image(plan, lon, lat)
    radius = float(plan.rings["radius"].iloc[0]) * snapshot.SCALE
    ring = [image.getpixel((round(x + radius * math.cos(a / 8)), round(y + radius * math.sin(a / 8))))
            for a in range(0, 50)]
    assert sum(max(pixel) < 110 for pixel in ring) > 25                     # dark grey all round


def test_the_png_follows_the_view_of_the_map(columns):
    """A view from a link (here zoomed out on Asia) is the picture's view too."""
    plan, image = picture(columns, view=(100.0, 45.0, 2.0), with_timeline=False)
    assert plan.view == (100.0, 45.0, 2.0)
    lon, lat, colour = place(plan, NAJIN)
    x, y = on_image(plan, lon, lat)
    assert close(image.getpixel((x, y)), colour)


def test_the_caption_says_what_the_picture_shows():
    import datetime as dt

    said = snapshot.caption(Filters(start=dt.date(2023, 9, 1), countries=("RU", "KP")),
                            (dt.date(2023, 9, 1), dt.date(2023, 9, 30)), (NAJIN,), 3)
    assert said.startswith("newsmap · 3 events")
    assert "Russia, North Korea" in said and "Sep 2023" in said and "1 place(s) picked" in said


@pytest.mark.parametrize("counts", [False, True], ids=["each event", "counts per bin"])
def test_the_png_is_whole_while_another_session_draws_a_chart(columns, counts):
    """Altair's data transformer is global: while Streamlit draws a chart for another session it
    enables its own, which takes a frame's rows out of the spec (the discs and the timeline's
    bars once came out blank). The picture must not depend on it, with either timeline."""
    import altair as alt

    alt.data_transformers.register("elsewhere", lambda data: {"name": "kept-elsewhere"})
    with alt.data_transformers.enable("elsewhere"):
        plan, image = picture(columns, counts=counts)
    lon, lat, colour = place(plan, NAJIN)
    assert close(image.getpixel(on_image(plan, lon, lat)), colour)
    timeline_part = image.crop((0, image.height // 2 + 200, image.width, image.height))
    blue = [int(PALETTE_FIRST[i:i + 2], 16) for i in (1, 3, 5)]
    assert sum(close(pixel, blue, 40) for pixel in timeline_part.get_flattened_data()) > 500   # its bars


def test_the_density_view_draws_its_hexagons_in_the_png():
    """Too many places to draw apart: the PNG shades the same cells as the page, each hexagon in
    its ramp colour at the page's opacity, the width the page draws it."""
    rng = np.random.default_rng(3)
    count = 3_000
    centres = np.array([[37.6, 55.8], [30.5, 50.4], [44.5, 48.7]])
    lon_lat = centres[rng.integers(0, len(centres), count)] + rng.normal(0, 2.0, (count, 2))
    places = pd.DataFrame({"place_key": [f"p{i}" for i in range(count)], "place": [f"Place {i}" for i in range(count)],
                           "country": "RU", "kind": "city", "lat": lon_lat[:, 1], "lon": lon_lat[:, 0],
                           "events": rng.integers(1, 50, count)})
    plan = map_view.plan(places, pd.DataFrame(), {"RU": "#1f77b4"})
    assert plan.density and len(plan.cells) > 10
    # One hexagon a cell, at its centre, in its colour, the page's size and opacity.
    spec = snapshot.map_chart(plan).to_dict(validate=False)
    hexagons = [layer for layer in spec["layer"] if layer["mark"].get("shape") == snapshot._HEXAGON]
    assert len(hexagons) == 1
    mark, values = hexagons[0]["mark"], hexagons[0]["data"]["values"]
    assert mark["opacity"] == map_view.DENSITY_OPACITY
    assert mark["size"] == pytest.approx((2 * map_view.hex_pixels(plan.view[1]) * map_view.HEX_COVERAGE) ** 2, rel=1e-3)
    assert [(v["lon"], v["lat"]) for v in values] == list(zip(plan.cells["lon"], plan.cells["lat"]))
    assert [v["fill"] for v in values] == [snapshot._hex(c) for c in plan.cells["colour"]]
    image = Image.open(io.BytesIO(snapshot.png(plan, None, "density view"))).convert("RGB")
    # The cells far from every drawn mark and name: their centre pixel is the cell's colour over
    # the land or the sea beneath.
    marks = np.array([on_image(plan, lon, lat) for lon, lat in zip(plan.shown["lon"], plan.shown["lat"])]
                     + [on_image(plan, lon, lat) for lon, lat in zip(plan.labels["lon"], plan.labels["lat"])])
    alpha = map_view.DENSITY_OPACITY
    grounds = (map_view.LAND, map_view.LAND_WITH_EVENTS, map_view.SEA)
    checked = []
    for lon, lat, colour in zip(plan.cells["lon"], plan.cells["lat"], plan.cells["colour"]):
        x, y = on_image(plan, lon, lat)
        if not (0 < x < image.width and 0 < y < image.height) or \
                np.hypot(*(marks - (x, y)).T).min() < 60 * snapshot.SCALE:
            continue
        blends = [[alpha * c + (1 - alpha) * g for c, g in zip(colour, ground)] for ground in grounds]
        assert any(close(image.getpixel((x, y)), blend, 30) for blend in blends), (image.getpixel((x, y)), colour)
        checked.append((x, y))
    assert checked
    # Hexagons the page's size: each such cell's colour reaches most of the way to its flat sides
    # (cos 30° of its radius) to the left and right.
    radius = map_view.hex_pixels(plan.view[1]) * map_view.HEX_COVERAGE * snapshot.SCALE
    for x, y in checked:
        centre = image.getpixel((x, y))
        assert all(close(image.getpixel((round(x + side * 0.8 * 0.866 * radius), y)), centre, 20) for side in (-1, 1))
