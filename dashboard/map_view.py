"""The map: a mark per place sized by its events and coloured by country, or a density layer
when the marks would pile up; arcs for the busiest movements; over the bundled country outlines
(a static file the browser fetches once), so that it reads offline and asks no other host."""
from __future__ import annotations

import functools
import hashlib
import html
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st
from pydeck.bindings.base_map_provider import BaseMapProvider
from pydeck.bindings.json_tools import default_serialize
# Imported with the page, not on the first map of fewer than 3,000 cities: importing it took 0.4 s
# of that rerun (a date range at 100,000 events, once per server).
from scipy.spatial import cKDTree
from streamlit.components import v1 as components

from . import selection
from .formats import NO_COUNTRY, OTHER_COUNTRIES, colour_of, country_name, rgb
from .queries import country_boundaries

MAP_HEIGHT = 460
# The width the initial view is fitted to: the map's width in a wide page, less the sidebar.
_MAP_WIDTH = 900
# A single place or a tight cluster opens at region level, never street level.
MIN_ZOOM, MAX_ZOOM = 0.6, 6.0
# At most this many place names are drawn; the rest are in the tooltips.
_MAX_LABELS = 40
_LABEL_SIZE = 12
_OCEAN = [[[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]]
# The outlines, as Streamlit serves dashboard/static/ (relative to the page, so a base path works).
OUTLINES_URL = "app/static/countries.geojson"
BORDERS_URL = "app/static/borders.json"
# Countries with events are drawn in sand, outlined in their colour, when there are at most this
# many (their outlines then go with the map's JSON; more would resend most of the world's).
_SAND_COUNTRIES = 12
# The busiest movements drawn by default; "All movements" draws up to ALL_ARCS.
TOP_ARCS, ALL_ARCS = 40, 2_000
# Above this share of marks overlapping another at the opening view, the map shows density.
_OVERLAP_SHARE = 0.3
# In the density view, the busiest places still get a small clickable mark (and a name).
_DENSITY_MARKS = 300
_HEX_PIXELS = 14
# The map is a component of our own (dashboard/map_component: deck.gl drawing pydeck's JSON), as
# st.pydeck_chart reports clicks but never the view panned or zoomed to. Its deck.gl is the bundle
# pydeck's wheel ships, served by the app as the files of a second component (never from a CDN).
_MAP = components.declare_component("map", path=str(Path(__file__).resolve().parent / "map_component"))
components.declare_component("deckgl", path=str(Path(pdk.__file__).resolve().parent / "nbextension" / "static"))


class CompactDeck(pdk.Deck):
    """pydeck's Deck, serialised without indentation: two thirds of a large map's JSON was spaces."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))

    def _set_api_keys(self, api_keys: dict | None = None) -> None:
        """pydeck's, less its try of importing the Jupyter widget for each map provider (a failed
        import is tried again every time: 3 ms a map). A key for no known provider still raises."""
        api_keys = api_keys or {}
        for name in api_keys:
            BaseMapProvider(name)
        for provider in BaseMapProvider:
            value = api_keys.get(provider.value) or next(
                filter(None, map(os.getenv, self._PROVIDER_ENV_VARS.get(provider, []))), None)
            setattr(self, f"{provider.value}_key", value)


@dataclass(frozen=True)
class MapPlan:
    """What the map draws, computed once: the browser map (draw) and the PNG export
    (dashboard.snapshot) show the same places, arcs, rings and view."""
    points: pd.DataFrame                 # every place in view (place_points)
    shown: pd.DataFrame                  # the marks drawn (the busiest only in the density view)
    arcs: pd.DataFrame                   # the movements drawn (movement_arcs)
    rings: pd.DataFrame                  # the picked and focused places (highlight_rings)
    labels: pd.DataFrame                 # the names drawn (place_labels)
    view: tuple[float, float, float]     # longitude, latitude, zoom
    fitted: bool                         # the view was fitted to the places (not given by a link)
    outside: int                         # places left outside a fitted view
    density: bool                        # too many marks to draw apart: hexagons shade them
    cells: pd.DataFrame                  # the density view's hexagons (hexagon_cells); empty otherwise
    sand: frozenset[str]                 # the countries drawn in sand, outlined in their colour
    colours: dict[str, str]
    routes: int                          # every route in view (arcs holds the busiest)
    key: str                             # a digest of what the plan was made from (plan): the same key, the same map


def plan(marks: pd.DataFrame, arcs: pd.DataFrame, colours: dict[str, str], picked: tuple[str, ...] = (),
         focus: tuple[str, ...] = (), view: tuple[float, float, float] | None = None,
         all_arcs: bool = False, fit_to: pd.DataFrame | None = None) -> MapPlan:
    """The map of the places `marks` (aggregates.place_counts) and the movements `arcs`
    (aggregates.arc_counts), the places `picked` on the map and those of the `focus` event
    ringed, at `view` or fitted to the places (to those of `fit_to` when given: the playback
    draws a period's places in the view of the whole span's).

    Planned once per content of these inputs (a digest of them keys a cache shared by the
    sessions): a rerun whose filters leave the map as it was (a grouping, a row selected, a filter
    that takes no place away) reuses the plan and its JSON instead of building them again for
    thousands of places."""
    key = _digest(marks, arcs, colours, picked, focus, view, all_arcs, fit_to)
    return _plan(key, marks, arcs, colours, tuple(picked), tuple(focus), view, all_arcs, fit_to)


def _digest(marks: pd.DataFrame, arcs: pd.DataFrame, colours: dict[str, str], *rest) -> str:
    """A digest of the map's inputs: every place's key, name, country, kind, point and count,
    every route's, and the rest's text."""
    digest = hashlib.blake2b(digest_size=16)
    for frame in (marks, arcs) + tuple(part for part in rest if isinstance(part, pd.DataFrame)):
        digest.update(repr((list(frame.columns), len(frame))).encode())
        # pandas' 64-bit hash of each row (vectorised: 2-5 ms for thousands of places and routes,
        # where joining their texts took 20).
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    digest.update(repr((sorted(colours.items()), [part for part in rest if not isinstance(part, pd.DataFrame)]
                        )).encode())
    return digest.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=16)
def _plan(key: str, _marks: pd.DataFrame, _arcs: pd.DataFrame, _colours: dict[str, str], _picked: tuple[str, ...],
          _focus: tuple[str, ...], _view: tuple[float, float, float] | None, _all_arcs: bool,
          _fit_to: pd.DataFrame | None) -> MapPlan:
    """The plan of `plan`, cached on the digest `key` of its inputs (the arguments named with
    an underscore are not hashed by Streamlit: the key stands for them)."""
    return _planned(key, _marks, _arcs, _colours, _picked, _focus, _view, _all_arcs, _fit_to)


def _planned(key: str, marks: pd.DataFrame, arcs: pd.DataFrame, colours: dict[str, str], picked: tuple[str, ...],
             focus: tuple[str, ...], view: tuple[float, float, float] | None, all_arcs: bool,
             fit_to: pd.DataFrame | None) -> MapPlan:
    points = place_points(marks, colours)
    fitted, outside = _view_of(points if fit_to is None else place_points(fit_to))
    chosen = view or (fitted.longitude, fitted.latitude, fitted.zoom)
    density = overlap_share(points, chosen[2], chosen[0]) > _OVERLAP_SHARE
    shown, cells = points, _NO_CELLS
    if density:
        cells = hexagon_cells(points, chosen[2], hex_pixels(chosen[1]))
        shown = points.iloc[np.argsort(-points["events"].to_numpy(), kind="stable")[:_DENSITY_MARKS]].copy()
        shown["radius"] = (3 + shown["events"].clip(upper=10_000) ** 0.25).round(1)
    with_events = set(points["country"].unique().tolist()) - {""}
    drawn = movement_arcs(arcs.head(ALL_ARCS if all_arcs else TOP_ARCS), colours)
    return MapPlan(points=points, shown=shown, arcs=drawn,
                   rings=highlight_rings(points, picked, focus), labels=place_labels(shown, chosen[2], chosen[0]),
                   view=chosen, fitted=view is None, outside=outside if view is None else 0, density=density, cells=cells,
                   sand=frozenset(with_events) if len(with_events) <= _SAND_COUNTRIES else frozenset(),
                   colours=colours, routes=len(arcs), key=key)


def draw(plan: MapPlan, web_tiles: bool = False, key: str = "map") -> None:
    """Draw the map `plan`; a click on places puts them in the selection, a pan or zoom the view
    (dashboard.selection)."""
    note = st.empty()                  # always there: the map keeps its place in the page (app.py)
    if plan.outside:
        note.caption(f"{plan.outside:,} place{'s' if plan.outside != 1 else ''} with few events "
                     f"{'lie' if plan.outside != 1 else 'lies'} outside this view: scroll or − to zoom out.")
    spec, digest = _deck_json(plan.key, web_tiles, plan)
    _MAP(spec=spec, digest=digest, view=list(plan.view),
         picked=list(selection.current().places),
         tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE}, height=MAP_HEIGHT, key=key, default=None,
         on_change=functools.partial(_on_change, key))
    legend(plan)


@st.cache_resource(show_spinner=False, max_entries=16)
def _deck_json(key: str, web_tiles: bool, _plan: MapPlan) -> tuple[bytes, str]:
    """The deck's JSON as bytes (sent as they are, not escaped into a JSON string) and their
    digest (it goes with the component's other arguments: Streamlit redraws a component when
    those change, not its bytes); made once per plan (its `key`)."""
    spec = deck(_plan, web_tiles).to_json().encode()
    return spec, hashlib.blake2b(spec, digest_size=16).hexdigest()


def deck(plan: MapPlan, web_tiles: bool = False) -> CompactDeck:
    """The deck.gl map of `plan`: the outlines (or web tiles), the places, arcs, rings and names."""
    longitude, latitude, zoom = plan.view
    view_state = pdk.ViewState(longitude=longitude, latitude=latitude, zoom=zoom, min_zoom=0, max_zoom=16)
    layers = ([] if web_tiles else [_ocean_layer()]) + [_countries_layer(0 if web_tiles else 255), _borders_layer()]
    if plan.sand:
        layers.append(_sand_layer(plan.colours, plan.sand, 0 if web_tiles else 255))
    if plan.density:
        layers.append(_density_layer(plan.cells, plan.view))
    layers += [_points_layer(plan.shown), _arc_layer(plan.arcs), _rings_layer(plan.rings), _labels_layer(plan.labels)]
    # repeat: a view across the antimeridian shows the world (and the points) on both sides; the
    # map's frame draws the copies only while the view needs them (map_component/map.js). No
    # rotation: the view in the URL has none.
    options = dict(layers=layers, initial_view_state=view_state,
                   views=[pdk.View("MapView", controller={"dragRotate": False, "touchRotate": False}, repeat=True)],
                   map_provider="carto" if web_tiles else None)
    # Without tiles no map_style at all (pydeck then sends its "unset" marker): no style to fetch.
    return CompactDeck(**options, map_style="light") if web_tiles else CompactDeck(**options)


def _on_change(key: str) -> None:
    """The analyst clicked the map (its places become the selection; an empty spot clears it) or
    panned or zoomed it (the view goes into the selection, and so the URL)."""
    state = st.session_state.get(key) or {}
    if state.get("view"):
        selection.set_view_by_hand(tuple(state["view"]))
    if state.get("clicked"):
        selection.set_places(list(state.get("places") or []))


# The tooltip: the place's name and its number of events (a click lists their sentences), each
# line in its own direction (dir="auto": an Arabic name is right-aligned). map.js inserts the
# fields as text. It sits in the map's top-left corner ("transform: none" overrides the cursor
# position deck.gl sets), so it never runs past the map's edge.
TOOLTIP_HTML = '<div dir="auto"><b>{title}</b></div><div dir="auto">{summary}</div>'
TOOLTIP_STYLE = {"backgroundColor": "rgba(31, 41, 55, 0.94)", "color": "white", "fontSize": "12px",
                 "maxWidth": "min(460px, 60%)", "maxHeight": f"{MAP_HEIGHT - 24}px", "overflow": "hidden",
                 "transform": "none", "top": "10px", "left": "10px", "borderRadius": "6px",
                 "lineHeight": "1.45"}


def place_points(marks: pd.DataFrame, colours: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per place (aggregates.place_counts): where it is, its country, its number of
    events and its tooltip (name and count; a click lists the events' sentences)."""
    colours = colours or {}
    columns = ["place_key", "place", "country", "kind", "lat", "lon", "events", "radius", "colour",
               "line_colour", "line_width", "label_colour", "title", "summary"]
    if marks.empty:
        return pd.DataFrame(columns=columns)
    # Countries first, so that the cities are drawn over them. The frame is made in one go from
    # arrays and lists (a column set at a time cost a pandas copy each: 4 ms for 2,000 places).
    country = (marks["kind"] == "country").to_numpy()
    order = np.argsort(~country, kind="stable")
    country = country[order]
    events = marks["events"].to_numpy()[order]
    codes = marks["country"].fillna("").to_numpy(dtype=object)[order].tolist()
    # Thousands of places but few countries: colours and names are worked out once per country
    # (and the colour lists shared by its places).
    hue = {code: colour_of(colours, code) for code in set(codes)}
    names = {code: country_name(code) for code in hue}
    fill = {(code, is_country): rgb(hue[code], 40 if is_country else 225) for code in hue for is_country in (0, 1)}
    ring = {code: rgb(hue[code]) for code in hue}
    kinds = country.tolist()
    places = marks["place"].to_numpy(dtype=object)[order]
    return pd.DataFrame({
        "place_key": marks["place_key"].to_numpy()[order], "place": places, "country": codes,
        "kind": marks["kind"].to_numpy()[order],
        "lat": marks["lat"].to_numpy(dtype=float)[order].round(4),
        "lon": marks["lon"].to_numpy(dtype=float)[order].round(4),
        "events": events,
        # A country's centroid stands for a whole country: a hollow ring drawn under the cities,
        # so that it never hides them; cities are solid discs.
        "radius": (5 + 3 * np.minimum(events, 400) ** 0.5).round(1),
        "colour": [fill[code, is_country] for code, is_country in zip(codes, kinds)],
        "line_colour": [ring[code] if is_country else _WHITE for code, is_country in zip(codes, kinds)],
        "line_width": np.where(country, 2.5, 1.5),
        "label_colour": [_COUNTRY_LABEL if is_country else _CITY_LABEL for is_country in kinds],
        "title": [f"{place} · {names[code]}" for place, code in zip(places.tolist(), codes)],
        "summary": [f"{n:,} event{'s' if n != 1 else ''} — click to list them" for n in events.tolist()],
    }, columns=columns)


_WHITE, _COUNTRY_LABEL, _CITY_LABEL = [255, 255, 255, 255], [95, 95, 95], [25, 25, 25]


def overlap_share(points: pd.DataFrame, zoom: float, centre_lon: float = 0.0) -> float:
    """The share of the city marks whose disc overlaps another's at `zoom`: above a third, the
    marks no longer read apart."""
    cities = (points["kind"] != "country").to_numpy()
    count = int(cities.sum())
    if count < 2:
        return 0.0
    if count > 3000:
        return 1.0
    # Three columns of the cities, not a copy of every column (the lists of colours): 10 ms at a million events.
    xy = np.column_stack(_pixels(points["lon"].to_numpy(float)[cities], points["lat"].to_numpy(float)[cities], zoom,
                                 centre_lon))
    radius = points["radius"].to_numpy(float)[cities]
    # A disc touching its nearest neighbour's overlaps; one farther from it than its own radius
    # and the largest does not; the few in between are looked at against every disc near enough
    # (where listing every pair of near discs took 10 ms for a map's thousands of places).
    tree = cKDTree(xy)
    distance, nearest = (found[:, 1] for found in tree.query(xy, k=2))
    overlapping = distance < radius + radius[nearest]
    unsure = np.flatnonzero(~overlapping & (distance < radius + radius.max()))
    for disc, near in zip(unsure, tree.query_ball_point(xy[unsure], radius[unsure] + radius.max())):
        near = np.array([other for other in near if other != disc], dtype=int)
        overlapping[disc] = bool((np.hypot(*(xy[near] - xy[disc]).T) < radius[disc] + radius[near]).any())
    return float(overlapping.mean())


def movement_arcs(arcs: pd.DataFrame, colours: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per (origin, destination) pair (aggregates.arc_counts) with what the arc layer draws."""
    colours = colours or {}
    columns = ["origin", "destination", "source", "target", "events", "colour", "title", "width", "summary"]
    if arcs.empty:
        return pd.DataFrame(columns=columns)
    origins, destinations = arcs["place_o"].tolist(), arcs["place_d"].tolist()
    events = arcs["events"].astype(int).tolist()
    ends = {end: np.round(arcs[[f"lon_{end}", f"lat_{end}"]].to_numpy(dtype=float), 4).tolist() for end in "od"}
    return pd.DataFrame({
        "origin": origins, "destination": destinations, "source": ends["o"], "target": ends["d"], "events": events,
        "colour": [rgb(colour_of(colours, code)) for code in arcs["country_o"].tolist()],
        "title": [f"{origin} → {destination}" for origin, destination in zip(origins, destinations)],
        "width": [round(3 + 1.5 * math.log2(n), 1) for n in events],
        "summary": [f"{n:,} movement{'s' if n != 1 else ''}" for n in events]}, columns=columns)


# pydeck sends a string as an expression over the data ("pixels" -> datum.pixels); a quoted
# string ("'pixels'") goes as the plain string that deck.gl's props expect.


def _records(frame: pd.DataFrame, columns: list[str] | None = None) -> list[dict]:
    """The rows of `frame` as dicts, as pydeck's layers send them: what `to_dict(orient="records")`
    gives, five times faster (a column at a time; 2 ms for a map's 300 marks)."""
    columns = list(frame.columns) if columns is None else columns
    return [dict(zip(columns, row)) for row in zip(*(frame[column].tolist() for column in columns))]


def _ocean_layer() -> pdk.Layer:
    return pdk.Layer("SolidPolygonLayer", [{"polygon": _OCEAN}], id="ocean", get_polygon="polygon",
                     get_fill_color=SEA)


# Land and sea never take a country's colour: a tinted country could look like sea (a blue
# Russia did). A country with events in view is a warmer sand, outlined in its colour.
LAND, SEA, LAND_WITH_EVENTS = [246, 244, 238], [214, 228, 238], [236, 226, 200]


def _countries_layer(alpha: int = 255) -> pdk.Layer:
    """Natural Earth's countries filled in land colour, fetched by the browser from the static
    file (once: the URL does not change between reruns, so deck.gl keeps the data it loaded)."""
    return pdk.Layer("GeoJsonLayer", OUTLINES_URL, id="countries", stroked=False, filled=True,
                     get_fill_color=LAND + [alpha], pickable=False)


def _borders_layer() -> pdk.Layer:
    """The countries' outlines as straight segments (BORDERS_URL, static too). Drawn as the
    GeoJSON layer's stroke, a path of 11,000 vertices whose joints deck.gl works out in every
    vertex, they cost software WebGL (headless Chromium, a machine without a GPU) about a second
    of CPU per frame at the world's zoom, more than everything else on the map; as a line layer
    (two ends a segment) a small fraction of that."""
    return pdk.Layer("LineLayer", BORDERS_URL, id="borders", get_source_position="s", get_target_position="t",
                     get_color=[150, 150, 150], get_width=0.6, width_units="'pixels'", pickable=False)


def border_segments(boundaries: dict) -> list[dict]:
    """The distinct segments of the countries' outlines ({"s": [lon, lat], "t": [lon, lat]}),
    a border two countries share once, without the cuts along the antimeridian (what
    dashboard/static/borders.json holds: scripts/derive_borders.py)."""
    seen: set[tuple[tuple[float, float], tuple[float, float]]] = set()
    segments = []
    for feature in boundaries["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for ring in (ring for polygon in polygons for ring in polygon):
            for start, end in zip(ring, ring[1:]):
                start, end = tuple(start[:2]), tuple(end[:2])
                key = (start, end) if start <= end else (end, start)
                if start == end or key in seen or abs(start[0]) == abs(end[0]) == 180:
                    continue
                seen.add(key)
                segments.append({"s": list(start), "t": list(end)})
    return segments


def _sand_layer(colours: dict[str, str], with_events: set[str], alpha: int = 255) -> pdk.Layer:
    """The few countries with events in view, in sand and outlined in their colour."""
    features = []
    for feature in country_boundaries()["features"]:
        code = feature["properties"]["iso_a2"]
        if code in with_events:
            features.append({"type": "Feature", "geometry": feature["geometry"],
                             "properties": {"line": rgb(colour_of(colours, code), 200)}})
    return pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="sand",
                     stroked=True, filled=True, get_fill_color=LAND_WITH_EVENTS + [alpha or 90],
                     get_line_color="properties.line", get_line_width=1.6, line_width_units="'pixels'",
                     pickable=False)


# The density view's colours, fewest events to most (YlOrRd), and their opacity.
DENSITY_RAMP = ((255, 237, 160), (254, 217, 118), (254, 178, 76), (253, 141, 60), (240, 59, 32), (189, 0, 38))
DENSITY_OPACITY = 0.7
HEX_COVERAGE = 0.95                     # a cell is drawn this much of its size: a thin gap between cells
_NO_CELLS = pd.DataFrame(columns=["lon", "lat", "events", "colour"])


def hex_pixels(latitude: float) -> float:
    """The density view's hexagon radius in pixels for a view centred at `latitude`: deck.gl's
    HexagonLayer took _HEX_PIXELS pixels' worth of metres at the equator and scaled them at the
    view's centre, so the cells keep the size they had when the browser binned them."""
    return _HEX_PIXELS / math.cos(math.radians(max(-85.0, min(85.0, latitude))))


def hexagon_cells(points: pd.DataFrame, zoom: float, pixels: float = _HEX_PIXELS) -> pd.DataFrame:
    """The places binned into hexagons `pixels` in radius at `zoom` (pointy-top, as d3-hexbin lays
    them out, in Web-Mercator pixels: the world is 512 * 2**zoom wide), each place one point weighted
    by its events: per cell its centre (lon, lat), summed events and fill colour. The colour class
    is the cell's events quantized over [fewest, most] into DENSITY_RAMP, as deck.gl's HexagonLayer
    did in the browser; here it is done once per plan, so the browser draws the cells in one frame
    with nothing left to aggregate."""
    if points.empty:
        return _NO_CELLS.copy()
    world = 512 * 2 ** zoom
    x, y = _pixels(points["lon"], points["lat"], zoom)
    x = x + world / 2                                   # from the antimeridian: the grid of the whole world
    dx, dy = pixels * math.sqrt(3), pixels * 1.5
    # A point lies in the cell of the nearest centre; it is in the row just above or just below it
    # (a cell reaches `pixels` up and down, rows are 1.5 * pixels apart), nearest in x in each.
    rows = np.floor(y / dy).astype(np.int64)
    best = None
    for row in (rows, rows + 1):
        shift = (row & 1) / 2
        col = np.round(x / dx - shift).astype(np.int64)
        cx, cy = (col + shift) * dx, row * dy
        distance = (x - cx) ** 2 + (y - cy) ** 2
        if best is None:
            best = [col, row, cx, cy, distance]
        else:
            nearer = distance < best[4]
            best = [np.where(nearer, new, old) for new, old in zip((col, row, cx, cy, distance), best)]
    col, row, cx, cy, _ = best
    # The cells in order of (row, column), each with its centre and its places' events summed.
    cell, first, inverse = np.unique(np.column_stack((row, col)), axis=0, return_index=True, return_inverse=True)
    events = np.bincount(inverse.ravel(), weights=points["events"].to_numpy(dtype=float), minlength=len(cell))

    def lon_lat(px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return px / world * 360 - 180, np.degrees(2 * np.arctan(np.exp(np.pi * (1 - 2 * py / world))) - np.pi / 2)

    centre_lon, centre_lat = lon_lat(cx[first], cy[first])
    low, high = float(events.min()), float(events.max())
    step = (high - low) / len(DENSITY_RAMP)
    classes = (np.zeros(len(events), dtype=int) if step == 0
               else np.clip(np.floor((events - low) / step), 0, len(DENSITY_RAMP) - 1).astype(int))
    return pd.DataFrame({"lon": centre_lon, "lat": centre_lat, "events": events,
                         "colour": [list(DENSITY_RAMP[c]) for c in classes]})


def _density_layer(cells: pd.DataFrame, view: tuple[float, float, float]) -> pdk.Layer:
    """The hexagons of hexagon_cells, coloured on the server, as flat six-sided columns: one
    instance per cell (a centre and a colour), where a polygon layer sent six corners a cell and
    cut each into triangles in the browser (a redrawn map at 100,000 events spent 0.2 s of the
    page's time on it). The radius is in Web-Mercator units (a 512-unit world), the pixels of
    hexagon_cells at the view's zoom, so the cells tile as they were binned at every zoom and
    wherever the map is panned; turned 90 degrees, deck.gl's hexagon stands on a point as
    d3-hexbin's does."""
    rows = [{"position": [lon, lat], "colour": colour} for lon, lat, colour
            in zip(cells["lon"].round(4).tolist(), cells["lat"].round(4).tolist(), cells["colour"].tolist())]
    return pdk.Layer("ColumnLayer", rows, id="density",
                     get_position="position", get_fill_color="colour", disk_resolution=6, angle=90,
                     radius=cell_radius(view), radius_units="'common'", coverage=HEX_COVERAGE,
                     filled=True, stroked=False, extruded=False, opacity=DENSITY_OPACITY, pickable=False)


def cell_radius(view: tuple[float, float, float]) -> float:
    """The density view's hexagon radius for `view` in Web-Mercator units (512 the world's width):
    hex_pixels at its latitude, at its zoom."""
    return hex_pixels(view[1]) / 2 ** view[2]


# Movements run from the origin's country colour to a dark red at the destination, so the
# direction reads without arrows.
_ARC_TARGET = [170, 20, 40, 255]


def _arc_layer(arcs: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("ArcLayer", _records(arcs), id="movements", get_source_position="source",
                     get_target_position="target", get_source_color="colour", get_target_color=_ARC_TARGET,
                     get_width="width", width_units="'pixels'", width_min_pixels=2, get_height=0.5,
                     pickable=True, auto_highlight=True)


# What is sent of a place: what the browser reads (its click the key, its tooltip the title and
# summary, the layer its point, size and colours) and its name, to find it by in the JSON.
_SENT = ["place_key", "place", "lon", "lat", "radius", "colour", "line_colour", "line_width", "title", "summary"]


def _points_layer(points: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("ScatterplotLayer", _records(points, _SENT), id="places", get_position=["lon", "lat"],
                     get_radius="radius",
                     radius_units="'pixels'", get_fill_color="colour", get_line_color="line_colour",
                     get_line_width="line_width", line_width_units="'pixels'", stroked=True, pickable=True,
                     auto_highlight=True)


_FOCUS_RING, _PICKED_RING = [0, 0, 0, 255], [70, 70, 70, 220]


def highlight_rings(points: pd.DataFrame, picked: tuple[str, ...], focus: tuple[str, ...]) -> pd.DataFrame:
    """Rings round the places picked on the map (dark grey) and the selected event's places
    `focus` (black, thicker): what every other view is narrowed to or shows in detail."""
    columns = ["lon", "lat", "radius", "ring", "width"]
    chosen = points.loc[points["place_key"].isin(set(picked) | set(focus))]
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    is_focus = chosen["place_key"].isin(set(focus)).to_numpy()
    return pd.DataFrame({"lon": chosen["lon"], "lat": chosen["lat"], "radius": chosen["radius"] + 5,
                         "ring": [_FOCUS_RING if f else _PICKED_RING for f in is_focus],
                         "width": [3.5 if f else 2.0 for f in is_focus]})[columns].reset_index(drop=True)


def _rings_layer(rings: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("ScatterplotLayer", _records(rings), id="selected", get_position=["lon", "lat"],
                     get_radius="radius",
                     radius_units="'pixels'", filled=False, stroked=True, get_line_color="ring",
                     get_line_width="width", line_width_units="'pixels'", pickable=False)


def legend(plan: MapPlan) -> None:
    """What the marks drawn mean, and the colour of each country in view (the timeline's too)."""
    st.markdown(legend_html(plan.colours, set(plan.points["country"].unique()), drawn_marks(plan)),
                unsafe_allow_html=True)
    notes = []
    if plan.density:
        notes.append(f"{len(plan.points):,} places, too many to draw apart: hexagons shade the events near them "
                     f"(darker = more), dots mark the {len(plan.shown):,} busiest places")
    if 0 < len(plan.arcs) < plan.routes:
        notes.append(f"arcs: the {len(plan.arcs):,} busiest of {plan.routes:,} routes (“All movements” in the "
                     "sidebar for more)")
    if notes:
        st.caption("; ".join(notes).capitalize() + ".")


def drawn_marks(plan: MapPlan) -> set[str]:
    """The kinds of mark the map draws (the keys of LEGEND_KEYS): the legend names only these."""
    kinds = set(plan.shown["kind"]) if not plan.shown.empty else set()
    drawn = {"disc"} if kinds - {"country"} else set()
    drawn |= {"ring"} if "country" in kinds else set()
    drawn |= {"sand"} if plan.sand else set()
    drawn |= {"arc"} if not plan.arcs.empty else set()
    drawn |= {"hexagon"} if plan.density else set()
    ring_colours = {tuple(ring) for ring in plan.rings["ring"]} if not plan.rings.empty else set()
    drawn |= {"focus"} if tuple(_FOCUS_RING) in ring_colours else set()
    drawn |= {"picked"} if tuple(_PICKED_RING) in ring_colours else set()
    return drawn


_SAMPLE = "#59a14f"
# Each kind of mark as the legend draws and names it, in this order.
LEGEND_KEYS = {
    "disc": f'<svg width="14" height="14"><circle cx="7" cy="7" r="6" fill="{_SAMPLE}" stroke="white"/></svg> '
            'disc: a city or site, sized by its events',
    "ring": f'<svg width="16" height="16"><circle cx="8" cy="8" r="6" fill="none" stroke="{_SAMPLE}" '
            'stroke-width="2.5"/></svg> ring: a whole country (events naming only the country)',
    "sand": f'<svg width="16" height="16"><rect x="1" y="3" width="14" height="10" fill="rgb{tuple(LAND_WITH_EVENTS)}" '
            f'stroke="{_SAMPLE}"/></svg> sand: a country with events in view',
    "arc": f'<svg width="30" height="14"><defs><linearGradient id="nm-arc"><stop offset="0" stop-color="{_SAMPLE}"/>'
           '<stop offset="1" stop-color="rgb(170,20,40)"/></linearGradient></defs><path d="M2 12 Q15 -4 28 12" '
           'fill="none" stroke="url(#nm-arc)" stroke-width="3"/></svg> arc: a movement, from the origin (its '
           "country's colour) to the destination (dark red)",
    "hexagon": '<svg width="16" height="16"><polygon points="8,1 14,4.5 14,11.5 8,15 2,11.5 2,4.5" '
               'fill="rgb(253,141,60)" fill-opacity="0.7"/></svg> hexagon: the events of the places in it',
    "picked": '<svg width="18" height="18"><circle cx="9" cy="9" r="7" fill="none" stroke="rgb(70,70,70)" '
              'stroke-width="2"/></svg> grey ring: a place clicked on the map',
    "focus": '<svg width="18" height="18"><circle cx="9" cy="9" r="7" fill="none" stroke="black" '
             'stroke-width="3.5"/></svg> black ring: a place of the selected event',
}


def legend_html(colours: dict[str, str], in_view: set[str], drawn: set[str] = frozenset(LEGEND_KEYS)) -> str:
    """The legend as HTML (country names escaped): the kinds of mark `drawn`, then the countries'
    colours in the palette's order, and "other countries" when some share the grey."""
    marks = [f'<span class="nm-key">{LEGEND_KEYS[kind]}</span>' for kind in LEGEND_KEYS if kind in drawn]
    named = [code for code in colours if code in in_view]
    swatches = [f'<span class="nm-key"><span class="nm-swatch" style="background:{colours[code]}"></span>'
                f'{html.escape(country_name(code))}</span>' for code in named]
    if in_view - set(named) - {""}:
        swatches.append(f'<span class="nm-key"><span class="nm-swatch" style="background:{OTHER_COUNTRIES}"></span>'
                        'other countries</span>')
    if "" in in_view:
        swatches.append(f'<span class="nm-key"><span class="nm-swatch" style="background:{NO_COUNTRY}"></span>'
                        'no country</span>')
    return (f'<div class="nm-legend">{"".join(marks)}</div>'
            f'<div class="nm-legend">{"".join(swatches)}</div>')


def _labels_layer(points: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("TextLayer", _records(points), id="labels", get_position=["lon", "lat"], get_text="place",
                     get_size=_LABEL_SIZE, get_color="label_colour", get_alignment_baseline="baseline", get_text_anchor="anchor",
                     get_pixel_offset="offset", font_weight=600, character_set="'auto'",
                     font_family="'Source Sans Pro, Helvetica, Arial, sans-serif'",
                     outline_width=2, outline_color=[255, 255, 255], font_settings={"sdf": True})


def _view_of(points: pd.DataFrame) -> tuple[pdk.ViewState, int]:
    """A view fitted to the places, cities first (a country's centroid is not where its events
    are), and how many places it leaves out."""
    if points.empty:
        return pdk.ViewState(latitude=25, longitude=20, zoom=MIN_ZOOM + 0.2), 0
    cities = (points["kind"] != "country").to_numpy()
    framed = cities if cities.any() else np.ones(len(points), dtype=bool)
    lons, lats = points["lon"].to_numpy(dtype=float)[framed], points["lat"].to_numpy(dtype=float)[framed]
    core = np.asarray(core_mask(lons, lats, points["events"].to_numpy(dtype=float)[framed]), dtype=bool)
    outside = int((~core).sum())
    longitude, latitude, zoom = fit_view(lons[core].tolist(), lats[core].tolist())
    return pdk.ViewState(latitude=latitude, longitude=longitude, zoom=zoom, min_zoom=0, max_zoom=16), outside


def _unit_vectors(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Points on the sphere as 3-D unit vectors (one row each)."""
    lam, phi = np.radians(lons), np.radians(lats)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


def _distances(lon: np.ndarray, lat: np.ndarray, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Great-circle distances in degrees of arc (haversine), broadcast."""
    phi1, phi2 = np.radians(lat), np.radians(lats)
    h = np.sin((phi2 - phi1) / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return np.degrees(2 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def core_mask(lons: list[float] | np.ndarray, lats: list[float] | np.ndarray, weights: list[float] | np.ndarray,
              share: float = 0.75) -> list[bool]:
    """The places the initial view frames: round the place nearest the events' centre, the nearest
    ones holding `share` of the events, and any others not much farther. A lone far place (the
    White House in a story about Najin) is then off screen rather than shrinking the rest to a dot."""
    count = len(lons)
    if count <= 2:
        return [True] * count
    lons_, lats_, weights_ = (np.asarray(v, dtype=float) for v in (lons, lats, weights))
    # The centre: among the busiest places (at most 100, to stay fast), the one with the least
    # event-weighted distance to all the others.
    candidates = np.argsort(-weights_, kind="stable")[:100]
    # Angles between unit vectors: one matrix product for the 100 x thousands of distances.
    points = _unit_vectors(lons_, lats_)
    spread = np.degrees(np.arccos(np.clip(points[candidates] @ points.T, -1.0, 1.0)))
    centre = candidates[int(np.argmin(spread @ weights_))]
    distance = _distances(lons_[centre], lats_[centre], lons_, lats_)
    nearest = np.argsort(distance, kind="stable")
    held = np.cumsum(weights_[nearest])
    radius = distance[nearest[int(np.searchsorted(held, share * held[-1]))]]
    # Two and a half times the radius, and at least 10 degrees: neighbours of the core stay in view.
    return (distance <= max(2.5 * radius, 10.0)).tolist()


def lon_span(lons: list[float]) -> tuple[float, float]:
    """(west, east) of the narrowest band holding every longitude; east may exceed 180 when the
    band crosses the antimeridian (Kamchatka 160 and Alaska -165 -> (160, 195))."""
    ordered = np.sort((np.asarray(lons, dtype=float) + 180) % 360 - 180)
    # The band is the complement of the widest gap between neighbours, going round the globe.
    gaps = (np.roll(ordered, -1) - ordered) % 360
    widest = int(np.argmax(gaps)) if len(ordered) > 1 else 0
    west, east = float(ordered[(widest + 1) % len(ordered)]), float(ordered[widest])
    return (west, east) if west <= east else (west, east + 360)


def mercator_y(lat):
    """Web Mercator's y of a latitude (or an array of them), in radians of the equator, north up."""
    return np.log(np.tan(np.pi / 4 + np.radians(np.clip(lat, -85.0, 85.0)) / 2))


def fit_view(lons: list[float], lats: list[float], width: int = _MAP_WIDTH, height: int = MAP_HEIGHT,
             padding: float = 0.12, min_zoom: float = MIN_ZOOM, max_zoom: float = MAX_ZOOM
             ) -> tuple[float, float, float]:
    """(longitude, latitude, zoom) of a Web Mercator view of width x height pixels that frames the
    points with `padding` (a fraction of each side), crossing the antimeridian when shorter."""
    west, east = lon_span(lons)
    south, north = mercator_y(min(lats)), mercator_y(max(lats))
    usable_width, usable_height = width * (1 - 2 * padding), height * (1 - 2 * padding)
    # At zoom z the world is 512 * 2**z pixels wide (deck.gl's tiles are 512 pixels).
    zooms = [max_zoom]
    if east - west > 0:
        zooms.append(math.log2(usable_width * 360 / (512 * (east - west))))
    if north - south > 0:
        zooms.append(math.log2(usable_height * 2 * math.pi / (512 * (north - south))))
    zoom = max(min_zoom, min(zooms))
    longitude = (((west + east) / 2 + 180) % 360) - 180
    latitude = math.degrees(2 * math.atan(math.exp((south + north) / 2)) - math.pi / 2)
    return longitude, latitude, zoom


def _pixels(lons, lats, zoom: float, centre_lon: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Where points fall in Web-Mercator pixels at `zoom` (the world 512 * 2**zoom wide, as deck.gl
    draws it): x from `centre_lon`, the shorter way round (across the antimeridian), y from the top."""
    world = 512 * 2 ** zoom
    lons = np.asarray(lons, dtype=float)
    x = world * ((((lons - centre_lon + 180) % 360) - 180) / 360)
    return x, world * (1 - mercator_y(np.asarray(lats, dtype=float)) / np.pi) / 2


# Where a label may go round its point, in order of preference: (anchor, baseline, side).
_LABEL_SPOTS = (("middle", "bottom", "above"), ("start", "center", "right"), ("middle", "top", "below"),
                ("end", "center", "left"))


def place_labels(points: pd.DataFrame, zoom: float, centre_lon: float = 0.0,
                 max_labels: int = _MAX_LABELS) -> pd.DataFrame:
    """The place names to draw at `zoom`: the cities with most events first, then the countries,
    each above, right of, below or left of its point, wherever it overlaps no label already placed
    (a name that fits nowhere is left to the tooltip)."""
    columns = ["place", "lon", "lat", "label_colour", "anchor", "baseline", "offset"]
    if points.empty:
        return pd.DataFrame(columns=columns)
    # Only the busiest few hundred are tried, so that thousands of places stay fast.
    order = np.lexsort((-points["events"].to_numpy(dtype=float), (points["kind"] == "country").to_numpy()))
    order = order[:10 * max_labels].tolist()
    placed: list[tuple[float, float, float, float]] = []
    chosen: list[tuple[int, str, str, list[float]]] = []
    xs, ys = (values.tolist() for values in _pixels(points["lon"], points["lat"], zoom, centre_lon))
    names, radii = points["place"].astype(str).tolist(), points["radius"].astype(float).tolist()
    for i in order:
        if len(placed) >= max_labels:
            break
        x, y = xs[i], ys[i]
        width = 0.6 * _LABEL_SIZE * len(names[i]) + 4      # about 0.6 em a character
        height = _LABEL_SIZE + 2
        gap = radii[i] + 2
        for anchor, baseline, side in _LABEL_SPOTS:
            box, offset = {
                "above": ((x - width / 2, y - gap - height, x + width / 2, y - gap), [0, -gap]),
                "below": ((x - width / 2, y + gap, x + width / 2, y + gap + height), [0, gap]),
                "right": ((x + gap, y - height / 2, x + gap + width, y + height / 2), [gap, 0]),
                "left": ((x - gap - width, y - height / 2, x - gap, y + height / 2), [-gap, 0]),
            }[side]
            if not any(box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
                       for other in placed):
                placed.append(box)
                chosen.append((i, anchor, baseline, offset))
                break
    at = [i for i, *_ in chosen]
    return pd.DataFrame({"place": [names[i] for i in at], "lon": points["lon"].to_numpy()[at],
                         "lat": points["lat"].to_numpy()[at],
                         "label_colour": points["label_colour"].to_numpy(dtype=object)[at],
                         "anchor": [anchor for _, anchor, _, _ in chosen],
                         "baseline": [baseline for _, _, baseline, _ in chosen],
                         "offset": [offset for *_, offset in chosen]}, columns=columns)
