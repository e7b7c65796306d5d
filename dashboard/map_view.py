"""The map: a point per place sized by its events and coloured by country, arcs for movements,
over bundled country boundaries so that it reads offline."""
from __future__ import annotations

import html
import math
import unicodedata

import pandas as pd
import pydeck as pdk
import streamlit as st

from .formats import country_colour, country_name, rgb
from .queries import country_boundaries

# How many events a place's tooltip lists before "and N more".
_TOOLTIP_EVENTS = 5
_OCEAN = [[[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]]


def draw(events: pd.DataFrame, places: pd.DataFrame, web_tiles: bool = False, key: str = "map") -> list[str]:
    """Draw the map of `events` and return the keys of the places the analyst selected on it."""
    located = places.loc[places["event_id"].isin(events["event_id"]) & places["lat"].notna()]
    points = place_points(events, located)
    arcs = movement_arcs(located)
    layers = ([] if web_tiles else [_ocean_layer()]) + [_countries_layer(set(points["country"]), 0 if web_tiles else 255),
                                                         _arc_layer(arcs), _points_layer(points), _labels_layer(points)]
    deck = pdk.Deck(layers=layers, initial_view_state=_view_of(points), map_style="light" if web_tiles else None,
                    map_provider="carto" if web_tiles else None,
                    tooltip={"html": "{tooltip}", "style": {"backgroundColor": "#1f2937", "color": "white",
                                                            "fontSize": "12px", "maxWidth": "420px"}})
    state = st.pydeck_chart(deck, on_select="rerun", selection_mode="multi-object", key=key, height=460)
    selected = (state.selection.objects or {}).get("places", []) if state else []
    return [obj["place_key"] for obj in selected if "place_key" in obj]


def place_points(events: pd.DataFrame, located: pd.DataFrame) -> pd.DataFrame:
    """One row per place: where it is, its country, its number of events and a tooltip."""
    columns = ["place_key", "place", "country", "lat", "lon", "events", "radius", "colour", "tooltip"]
    if located.empty:
        return pd.DataFrame(columns=columns)
    detail = located.merge(events[["event_id", "date_label", "sentence", "start"]], on="event_id")
    rows = []
    for key, group in detail.groupby("place_key", sort=False):
        first = group.iloc[0]
        count = group["event_id"].nunique()
        group = group.drop_duplicates("event_id").sort_values("start")
        lines = [f"<b>{html.escape(str(first.place))}</b> · {html.escape(country_name(first.country))}",
                 f"{count} event{'s' if count != 1 else ''}"]
        for event in group.head(_TOOLTIP_EVENTS).itertuples(index=False):
            snippet = event.sentence if len(event.sentence) <= 90 else event.sentence[:90] + "…"
            lines.append(f"<b>{html.escape(event.date_label)}</b> — {html.escape(snippet)}")
        if count > _TOOLTIP_EVENTS:
            lines.append(f"… and {count - _TOOLTIP_EVENTS} more")
        rows.append({"place_key": key, "place": first.place, "country": first.country, "lat": first.lat,
                     "lon": first.lon, "events": count, "radius": 5 + 3 * math.sqrt(count),
                     "colour": rgb(country_colour(first.country), 220), "tooltip": "<br/>".join(lines)})
    return pd.DataFrame(rows, columns=columns)


def movement_arcs(located: pd.DataFrame) -> pd.DataFrame:
    """One row per (origin, destination) pair with its number of movement events."""
    columns = ["origin", "destination", "source", "target", "events", "colour", "tooltip", "width"]
    ends = located.loc[located["role"].isin(["origin", "destination"])]
    origins = ends.loc[ends["role"] == "origin"]
    destinations = ends.loc[ends["role"] == "destination"]
    pairs = origins.merge(destinations, on="event_id", suffixes=("_o", "_d"))
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (_, _), group in pairs.groupby(["place_key_o", "place_key_d"], sort=False):
        first = group.iloc[0]
        count = group["event_id"].nunique()
        rows.append({"origin": first.place_o, "destination": first.place_d,
                     "source": [first.lon_o, first.lat_o], "target": [first.lon_d, first.lat_d],
                     "events": count, "colour": rgb(country_colour(first.country_o)),
                     "width": 2 + math.log2(count),
                     "tooltip": f"<b>{html.escape(str(first.place_o))} → {html.escape(str(first.place_d))}</b>"
                                f"<br/>{count} movement{'s' if count != 1 else ''}"})
    return pd.DataFrame(rows, columns=columns)


def _ocean_layer() -> pdk.Layer:
    return pdk.Layer("SolidPolygonLayer", [{"polygon": _OCEAN}], id="ocean", get_polygon="polygon",
                     get_fill_color=[214, 228, 238])


def _countries_layer(with_events: set[str], alpha: int = 255) -> pdk.Layer:
    """Natural Earth boundaries; countries with events in view get a tint of their colour."""
    collection = country_boundaries()
    features = []
    for feature in collection["features"]:
        code = feature["properties"]["iso_a2"]
        fill = rgb(country_colour(code), 45) if code in with_events else [246, 244, 238, alpha]
        features.append({**feature, "properties": {**feature["properties"], "fill": fill}})
    return pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="countries",
                     stroked=True, filled=True, get_fill_color="properties.fill",
                     get_line_color=[150, 150, 150], line_width_min_pixels=0.6, pickable=False)


def _arc_layer(arcs: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("ArcLayer", arcs, id="movements", get_source_position="source",
                     get_target_position="target", get_source_color="colour", get_target_color=[200, 30, 30],
                     get_width="width", width_units="pixels", get_height=0.6, pickable=True)


def _points_layer(points: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("ScatterplotLayer", points, id="places", get_position=["lon", "lat"], get_radius="radius",
                     radius_units="pixels", get_fill_color="colour", get_line_color=[40, 40, 40],
                     stroked=True, line_width_min_pixels=1, pickable=True, auto_highlight=True)


def _labels_layer(points: pd.DataFrame) -> pdk.Layer:
    # deck.gl's font atlas is ASCII by default and pydeck cannot pass it another character set
    # (it parses strings as expressions): label with the name folded to ASCII (Dunaý -> Dunay).
    labels = points.assign(label=points["place"].astype(str).map(_ascii))
    return pdk.Layer("TextLayer", labels, id="labels", get_position=["lon", "lat"], get_text="label",
                     get_size=13, get_color=[30, 30, 30], get_alignment_baseline="'bottom'",
                     get_pixel_offset=[0, -12], font_weight=600, font_family="'Source Sans Pro', Helvetica, Arial, sans-serif",
                     outline_width=2, outline_color=[255, 255, 255], font_settings={"sdf": True})


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name


def _view_of(points: pd.DataFrame) -> pdk.ViewState:
    """A view that frames every point (the whole world when there are none)."""
    if points.empty:
        return pdk.ViewState(latitude=25, longitude=20, zoom=0.8)
    south, north = float(points["lat"].min()), float(points["lat"].max())
    west, east = float(points["lon"].min()), float(points["lon"].max())
    extent = max(north - south, (east - west) * 0.6, 1.0)
    zoom = max(0.5, min(8.0, math.log2(300 / extent)))
    return pdk.ViewState(latitude=(south + north) / 2, longitude=(west + east) / 2, zoom=zoom)
