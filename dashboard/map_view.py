"""The map: a point per place sized by its events and coloured by country, arcs for movements,
over bundled country boundaries so that it reads offline."""
from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st

from . import selection
from .formats import DATE_COLUMNS, NO_COUNTRY, OTHER_COUNTRIES, colour_of, country_name, date_labels, rgb
from .queries import country_boundaries

# How many events a place's tooltip lists before "and N more".
_TOOLTIP_EVENTS = 5
MAP_HEIGHT = 460
# The width the initial view is fitted to: the map's width in a wide page, less the sidebar.
_MAP_WIDTH = 900
# A single place or a tight cluster opens at region level, never street level.
MIN_ZOOM, MAX_ZOOM = 0.6, 6.0
# At most this many place names are drawn; the rest are in the tooltips.
_MAX_LABELS = 40
_LABEL_SIZE = 12
_OCEAN = [[[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]]


def draw(events: pd.DataFrame, places: pd.DataFrame, colours: dict[str, str], web_tiles: bool = False,
         picked: tuple[str, ...] = (), focus: pd.Series | None = None,
         view: tuple[float, float, float] | None = None, key: str = "map") -> None:
    """Draw the map of `events`, the places `picked` on it and the `focus` event ringed; a click
    on places puts them in the selection (dashboard.selection), which every view follows."""
    located = places.loc[places["row"].isin(events["row"]) & places["lat"].notna()]
    points = place_points(events, located, colours)
    arcs = movement_arcs(located, colours)
    fitted, outside = _view_of(points)
    chosen_view = pdk.ViewState(longitude=view[0], latitude=view[1], zoom=view[2], min_zoom=0, max_zoom=16) \
        if view else fitted
    labelled = place_labels(points, chosen_view.zoom, chosen_view.longitude)
    rings = highlight_rings(points, places, picked, focus)
    layers = ([] if web_tiles else [_ocean_layer()]) + [
        _countries_layer(colours, set(points["country"]), 0 if web_tiles else 255),
        _points_layer(points), _arc_layer(arcs), _rings_layer(rings), _labels_layer(labelled)]
    # repeat: a view across the antimeridian shows the world (and the points) on both sides.
    deck = pdk.Deck(layers=layers, initial_view_state=chosen_view,
                    views=[pdk.View("MapView", controller=True, repeat=True)],
                    map_style="light" if web_tiles else None, map_provider="carto" if web_tiles else None,
                    tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE})
    if outside and not view:
        st.caption(f"{outside:,} place{'s' if outside != 1 else ''} with few events {'lie' if outside != 1 else 'lies'} outside this view: "
                   "scroll or − to zoom out.")
    st.pydeck_chart(deck, on_select=_on_select, selection_mode="multi-object", key=key, height=MAP_HEIGHT)
    legend(colours, points, arcs)


def _on_select() -> None:
    """A click on the map: its places become the selection (an empty click clears it)."""
    state = st.session_state.get("map") or {}
    objects = ((state.get("selection") or {}).get("objects") or {}).get("places", [])
    selection.set_places([obj["place_key"] for obj in objects if "place_key" in obj])


# The tooltip: one line per field, each in its own direction (dir="auto": an Arabic line is
# right-aligned and starts at the right). Streamlit inserts the fields as text, so article text
# cannot become markup. It sits in the map's top-left corner ("transform: none" overrides the
# cursor position deck.gl sets), so it never runs past the map's edge.
_TOOLTIP_LINES = ["summary"] + [f"line{i}" for i in range(_TOOLTIP_EVENTS)] + ["more"]
TOOLTIP_HTML = '<div dir="auto"><b>{title}</b></div>' + "".join(
    f'<div dir="auto">{{{field}}}</div>' for field in _TOOLTIP_LINES)
TOOLTIP_STYLE = {"backgroundColor": "rgba(31, 41, 55, 0.94)", "color": "white", "fontSize": "12px",
                 "maxWidth": "min(460px, 60%)", "maxHeight": f"{MAP_HEIGHT - 24}px", "overflow": "hidden",
                 "transform": "none", "top": "10px", "left": "10px", "borderRadius": "6px",
                 "lineHeight": "1.45"}


def place_points(events: pd.DataFrame, located: pd.DataFrame, colours: dict[str, str] | None = None
                 ) -> pd.DataFrame:
    """One row per place: where it is, its country, its number of events and its tooltip lines."""
    colours = colours or {}
    columns = ["place_key", "place", "country", "kind", "lat", "lon", "events", "radius", "colour",
               "line_colour", "line_width", "label_colour", "title", *_TOOLTIP_LINES]
    if located.empty:
        return pd.DataFrame(columns=columns)
    located = located.drop_duplicates(["place_key", "row"])
    points = (located.groupby("place_key", sort=False)
              .agg(place=("place", "first"), country=("country", "first"), kind=("kind", "first"), lat=("lat", "first"),
                   lon=("lon", "first"), events=("row", "size")).reset_index())
    # The tooltip lists each place's first events in time: join only those, not every event.
    firsts = (located[["place_key", "row"]].merge(events[["row", *DATE_COLUMNS, "sentence"]], on="row")
              .sort_values("start", na_position="last").groupby("place_key", sort=False).head(_TOOLTIP_EVENTS))
    firsts["line"] = date_labels(firsts) + " — " + firsts["sentence"].map(_snippet)
    listed = firsts.groupby("place_key", sort=False)["line"].agg(list)
    # A country's centroid stands for a whole country: a hollow ring drawn under the cities, so
    # that it never hides them; cities are solid discs.
    country = (points["kind"] == "country").to_numpy()
    points["radius"] = 5 + 3 * points["events"].clip(upper=400) ** 0.5
    points["colour"] = [rgb(colour_of(colours, code), 40 if is_country else 225)
                        for code, is_country in zip(points["country"], country)]
    points["line_colour"] = [rgb(colour_of(colours, code)) if is_country else [255, 255, 255, 255]
                             for code, is_country in zip(points["country"], country)]
    points["line_width"] = [2.5 if is_country else 1.5 for is_country in country]
    points["label_colour"] = [[95, 95, 95] if is_country else [25, 25, 25] for is_country in country]
    points["title"] = [f"{p.place} · {country_name(p.country)}" for p in points.itertuples(index=False)]
    points["summary"] = [f"{n:,} event{'s' if n != 1 else ''}" for n in points["events"]]
    lines = [listed.get(key, []) for key in points["place_key"]]
    for i in range(_TOOLTIP_EVENTS):
        points[f"line{i}"] = [found[i] if i < len(found) else "" for found in lines]
    points["more"] = [f"… and {n - _TOOLTIP_EVENTS:,} more" if n > _TOOLTIP_EVENTS else "" for n in points["events"]]
    # Countries first, so that the cities are drawn over them.
    return points.assign(_country=country).sort_values("_country", ascending=False, kind="stable")[columns] \
        .reset_index(drop=True)


def _snippet(sentence: str) -> str:
    return sentence if len(sentence) <= 90 else sentence[:90] + "…"


def movement_arcs(located: pd.DataFrame, colours: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per (origin, destination) pair with its number of movement events."""
    colours = colours or {}
    columns = ["origin", "destination", "source", "target", "events", "colour", "title", "width", *_TOOLTIP_LINES]
    origins = located.loc[located["role"] == "origin"]
    destinations = located.loc[located["role"] == "destination"]
    pairs = origins.merge(destinations, on="row", suffixes=("_o", "_d"))
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    arcs = (pairs.groupby(["place_key_o", "place_key_d"], sort=False)
            .agg(origin=("place_o", "first"), destination=("place_d", "first"), country=("country_o", "first"),
                 lon_o=("lon_o", "first"), lat_o=("lat_o", "first"), lon_d=("lon_d", "first"),
                 lat_d=("lat_d", "first"), events=("row", "nunique")).reset_index())
    arcs["source"] = arcs[["lon_o", "lat_o"]].values.tolist()
    arcs["target"] = arcs[["lon_d", "lat_d"]].values.tolist()
    arcs["colour"] = [rgb(colour_of(colours, code)) for code in arcs["country"]]
    arcs["width"] = 3 + 1.5 * arcs["events"].map(math.log2)
    arcs["title"] = [f"{a.origin} → {a.destination}" for a in arcs.itertuples(index=False)]
    arcs["summary"] = [f"{a.events:,} movement{'s' if a.events != 1 else ''}" for a in arcs.itertuples(index=False)]
    for field in _TOOLTIP_LINES[1:]:
        arcs[field] = ""
    return arcs[columns]


# pydeck sends a string as an expression over the data ("pixels" -> datum.pixels); a quoted
# string ("'pixels'") goes as the plain string that deck.gl's props expect.


def _ocean_layer() -> pdk.Layer:
    return pdk.Layer("SolidPolygonLayer", [{"polygon": _OCEAN}], id="ocean", get_polygon="polygon",
                     get_fill_color=SEA)


# Land and sea never take a country's colour: a tinted country could look like sea (a blue
# Russia did). A country with events in view is a warmer sand, outlined in its colour.
LAND, SEA, LAND_WITH_EVENTS = [246, 244, 238], [214, 228, 238], [236, 226, 200]


def _countries_layer(colours: dict[str, str], with_events: set[str], alpha: int = 255) -> pdk.Layer:
    """Natural Earth boundaries; countries with events in view in sand, outlined in their colour."""
    collection = country_boundaries()
    features = []
    for feature in collection["features"]:
        code = feature["properties"]["iso_a2"]
        has_events = code in with_events
        fill = LAND_WITH_EVENTS + [alpha or 90] if has_events else LAND + [alpha]
        line = rgb(colour_of(colours, code), 200) if has_events else [150, 150, 150, 255]
        features.append({**feature, "properties": {**feature["properties"], "fill": fill, "line": line,
                                                   "width": 1.6 if has_events else 0.6}})
    return pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="countries",
                     stroked=True, filled=True, get_fill_color="properties.fill", get_line_color="properties.line",
                     get_line_width="properties.width", line_width_units="'pixels'", line_width_min_pixels=0.6,
                     pickable=False)


# Movements run from the origin's country colour to a dark red at the destination, so the
# direction reads without arrows.
_ARC_TARGET = [170, 20, 40, 255]


def _arc_layer(arcs: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("ArcLayer", arcs, id="movements", get_source_position="source",
                     get_target_position="target", get_source_color="colour", get_target_color=_ARC_TARGET,
                     get_width="width", width_units="'pixels'", width_min_pixels=2, get_height=0.5,
                     pickable=True, auto_highlight=True)


def _points_layer(points: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("ScatterplotLayer", points, id="places", get_position=["lon", "lat"], get_radius="radius",
                     radius_units="'pixels'", get_fill_color="colour", get_line_color="line_colour",
                     get_line_width="line_width", line_width_units="'pixels'", stroked=True, pickable=True,
                     auto_highlight=True)


def highlight_rings(points: pd.DataFrame, places: pd.DataFrame, picked: tuple[str, ...],
                    focus: pd.Series | None) -> pd.DataFrame:
    """Rings round the places picked on the map (dark grey) and the selected event's places
    (black, thicker): what every other view is narrowed to or shows in detail."""
    columns = ["lon", "lat", "radius", "ring", "width"]
    focused = set(places.loc[places["row"] == focus["row"], "place_key"]) if focus is not None else set()
    chosen = points.loc[points["place_key"].isin(set(picked) | focused)]
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    is_focus = chosen["place_key"].isin(focused).to_numpy()
    return pd.DataFrame({"lon": chosen["lon"], "lat": chosen["lat"], "radius": chosen["radius"] + 5,
                         "ring": [[0, 0, 0, 255] if f else [70, 70, 70, 220] for f in is_focus],
                         "width": [3.5 if f else 2.0 for f in is_focus]})[columns].reset_index(drop=True)


def _rings_layer(rings: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("ScatterplotLayer", rings, id="selected", get_position=["lon", "lat"], get_radius="radius",
                     radius_units="'pixels'", filled=False, stroked=True, get_line_color="ring",
                     get_line_width="width", line_width_units="'pixels'", pickable=False)


def legend(colours: dict[str, str], points: pd.DataFrame, arcs: pd.DataFrame) -> None:
    """What the marks mean, and the colour of each country in view (the timeline's too)."""
    st.markdown(legend_html(colours, set(points["country"]) | set(), has_arcs=not arcs.empty),
                unsafe_allow_html=True)


def legend_html(colours: dict[str, str], in_view: set[str], has_arcs: bool = True) -> str:
    """The legend as HTML (country names escaped): marks first, then the countries' colours in
    the palette's order, and "other countries" when some share the grey."""
    marks = ['<span class="nm-key"><svg width="14" height="14"><circle cx="7" cy="7" r="6" fill="#59a14f" '
             'stroke="white"/></svg> disc: a city or site, sized by its events</span>',
             '<span class="nm-key"><svg width="16" height="16"><circle cx="8" cy="8" r="6" fill="none" '
             'stroke="#59a14f" stroke-width="2.5"/></svg> ring: a whole country (events naming only the '
             'country)</span>',
             '<span class="nm-key"><svg width="16" height="16"><rect x="1" y="3" width="14" height="10" '
             f'fill="rgb{tuple(LAND_WITH_EVENTS)}" stroke="#59a14f"/></svg> sand: a country with events in view</span>']
    if has_arcs:
        marks.append('<span class="nm-key"><svg width="30" height="14"><defs><linearGradient id="nm-arc">'
                     '<stop offset="0" stop-color="#59a14f"/><stop offset="1" stop-color="rgb(170,20,40)"/>'
                     '</linearGradient></defs><path d="M2 12 Q15 -4 28 12" fill="none" stroke="url(#nm-arc)" '
                     'stroke-width="3"/></svg> arc: a movement, from the origin (its country\'s colour) to the '
                     'destination (dark red)</span>')
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
    return pdk.Layer("TextLayer", points, id="labels", get_position=["lon", "lat"], get_text="place",
                     get_size=_LABEL_SIZE, get_color="label_colour", get_alignment_baseline="baseline", get_text_anchor="anchor",
                     get_pixel_offset="offset", font_weight=600, character_set="'auto'",
                     font_family="'Source Sans Pro, Helvetica, Arial, sans-serif'",
                     outline_width=2, outline_color=[255, 255, 255], font_settings={"sdf": True})


def _view_of(points: pd.DataFrame) -> tuple[pdk.ViewState, int]:
    """A view fitted to the places, cities first (a country's centroid is not where its events
    are), and how many places it leaves out."""
    if points.empty:
        return pdk.ViewState(latitude=25, longitude=20, zoom=MIN_ZOOM + 0.2), 0
    cities = points.loc[points["kind"] != "country"]
    framed = cities if not cities.empty else points
    core = core_mask(framed["lon"].astype(float).tolist(), framed["lat"].astype(float).tolist(),
                     framed["events"].astype(float).tolist())
    outside = len(framed) - sum(core)
    framed = framed.loc[core]
    longitude, latitude, zoom = fit_view(framed["lon"].astype(float).tolist(), framed["lat"].astype(float).tolist())
    return pdk.ViewState(latitude=latitude, longitude=longitude, zoom=zoom, min_zoom=0, max_zoom=16), outside


def _distances(lon: np.ndarray, lat: np.ndarray, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Great-circle distances in degrees of arc (haversine), broadcast."""
    phi1, phi2 = np.radians(lat), np.radians(lats)
    h = np.sin((phi2 - phi1) / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return np.degrees(2 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def core_mask(lons: list[float], lats: list[float], weights: list[float], share: float = 0.75) -> list[bool]:
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
    spread = _distances(lons_[candidates, None], lats_[candidates, None], lons_[None, :], lats_[None, :])
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
    ordered = sorted(((lon + 180) % 360) - 180 for lon in lons)
    # The band is the complement of the widest gap between neighbours, going round the globe.
    gaps = [(ordered[(i + 1) % len(ordered)] - ordered[i]) % 360 for i in range(len(ordered))]
    widest = max(range(len(ordered)), key=lambda i: gaps[i]) if len(ordered) > 1 else 0
    west = ordered[(widest + 1) % len(ordered)]
    east = ordered[widest]
    return (west, east) if west <= east else (west, east + 360)


def _mercator_y(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(lons: list[float], lats: list[float], width: int = _MAP_WIDTH, height: int = MAP_HEIGHT,
             padding: float = 0.12, min_zoom: float = MIN_ZOOM, max_zoom: float = MAX_ZOOM
             ) -> tuple[float, float, float]:
    """(longitude, latitude, zoom) of a Web Mercator view of width x height pixels that frames the
    points with `padding` (a fraction of each side), crossing the antimeridian when shorter."""
    west, east = lon_span(lons)
    south, north = _mercator_y(min(lats)), _mercator_y(max(lats))
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


def _pixels(lon: float, lat: float, zoom: float, centre_lon: float) -> tuple[float, float]:
    world = 512 * 2 ** zoom
    lon = ((lon - centre_lon + 180) % 360) - 180        # relative to the centre, across the antimeridian
    return world * lon / 360, world * (1 - _mercator_y(lat) / math.pi) / 2


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
    for i in order:
        if len(placed) >= max_labels:
            break
        x, y = _pixels(float(points["lon"].iat[i]), float(points["lat"].iat[i]), zoom, centre_lon)
        width = 0.6 * _LABEL_SIZE * len(str(points["place"].iat[i])) + 4      # about 0.6 em a character
        height = _LABEL_SIZE + 2
        gap = float(points["radius"].iat[i]) + 2
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
    labels = points.iloc[[i for i, *_ in chosen]][["place", "lon", "lat", "label_colour"]].copy()
    labels["anchor"] = [anchor for _, anchor, _, _ in chosen]
    labels["baseline"] = [baseline for _, _, baseline, _ in chosen]
    labels["offset"] = [offset for *_, offset in chosen]
    return labels[columns].reset_index(drop=True)
