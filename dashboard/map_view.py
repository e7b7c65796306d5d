"""The map: a point per place sized by its events and coloured by country, arcs for movements,
over bundled country boundaries so that it reads offline."""
from __future__ import annotations

import math

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
    located = places.loc[places["row"].isin(events["row"]) & places["lat"].notna()]
    points = place_points(events, located)
    arcs = movement_arcs(located)
    layers = ([] if web_tiles else [_ocean_layer()]) + [_countries_layer(set(points["country"]), 0 if web_tiles else 255),
                                                         _arc_layer(arcs), _points_layer(points), _labels_layer(points)]
    deck = pdk.Deck(layers=layers, initial_view_state=_view_of(points), map_style="light" if web_tiles else None,
                    map_provider="carto" if web_tiles else None,
                    tooltip={"html": "<b>{title}</b><br/>{tooltip}",
                             # Streamlit inserts the fields as text (article text cannot become markup);
                             # pre-line turns their newlines into line breaks.
                             "style": {"backgroundColor": "#1f2937", "color": "white", "fontSize": "12px",
                                       "maxWidth": "420px", "whiteSpace": "pre-line"}})
    state = st.pydeck_chart(deck, on_select="rerun", selection_mode="multi-object", key=key, height=460)
    selected = (state.selection.objects or {}).get("places", []) if state else []
    return [obj["place_key"] for obj in selected if "place_key" in obj]


def place_points(events: pd.DataFrame, located: pd.DataFrame) -> pd.DataFrame:
    """One row per place: where it is, its country, its number of events and a tooltip."""
    columns = ["place_key", "place", "country", "lat", "lon", "events", "radius", "offset", "colour", "title",
               "tooltip"]
    if located.empty:
        return pd.DataFrame(columns=columns)
    located = located.drop_duplicates(["place_key", "row"])
    points = (located.groupby("place_key", sort=False)
              .agg(place=("place", "first"), country=("country", "first"), lat=("lat", "first"),
                   lon=("lon", "first"), events=("row", "size")).reset_index())
    # The tooltip lists each place's first events in time: join only those, not every event.
    firsts = (located[["place_key", "row"]].merge(events[["row", "start", "date_label", "sentence"]], on="row")
              .sort_values("start", na_position="last").groupby("place_key", sort=False).head(_TOOLTIP_EVENTS))
    firsts["line"] = "• " + firsts["date_label"] + " — " + firsts["sentence"].map(_snippet)
    listed = firsts.groupby("place_key", sort=False)["line"].agg("\n".join)
    points["radius"] = 6 + 4 * points["events"].clip(upper=400) ** 0.5
    points["offset"] = [[0, -radius - 3] for radius in points["radius"]]
    points["colour"] = [rgb(country_colour(code), 220) for code in points["country"]]
    points["title"] = [f"{p.place} · {country_name(p.country)}" for p in points.itertuples(index=False)]
    points["tooltip"] = [
        f"{p.events:,} event{'s' if p.events != 1 else ''}\n{listed.get(p.place_key, '')}"
        + (f"\n… and {p.events - _TOOLTIP_EVENTS:,} more" if p.events > _TOOLTIP_EVENTS else "")
        for p in points.itertuples(index=False)]
    return points[columns]


def _snippet(sentence: str) -> str:
    return sentence if len(sentence) <= 90 else sentence[:90] + "…"


def movement_arcs(located: pd.DataFrame) -> pd.DataFrame:
    """One row per (origin, destination) pair with its number of movement events."""
    columns = ["origin", "destination", "source", "target", "events", "colour", "title", "tooltip", "width"]
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
    arcs["colour"] = [rgb(country_colour(code)) for code in arcs["country"]]
    arcs["width"] = 2 + arcs["events"].map(math.log2)
    arcs["title"] = [f"{a.origin} → {a.destination}" for a in arcs.itertuples(index=False)]
    arcs["tooltip"] = [f"{a.events:,} movement{'s' if a.events != 1 else ''}" for a in arcs.itertuples(index=False)]
    return arcs[columns]


# pydeck sends a string as an expression over the data ("pixels" -> datum.pixels); a quoted
# string ("'pixels'") goes as the plain string that deck.gl's props expect.


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
                     get_width="width", width_units="'pixels'", get_height=0.6, pickable=True)


def _points_layer(points: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("ScatterplotLayer", points, id="places", get_position=["lon", "lat"], get_radius="radius",
                     radius_units="'pixels'", get_fill_color="colour", get_line_color=[40, 40, 40],
                     stroked=True, line_width_min_pixels=1, pickable=True, auto_highlight=True)


def _labels_layer(points: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer("TextLayer", points, id="labels", get_position=["lon", "lat"], get_text="place",
                     get_size=13, get_color=[30, 30, 30], get_alignment_baseline="'bottom'",
                     get_pixel_offset="offset", font_weight=600, character_set="'auto'",
                     font_family="'Source Sans Pro, Helvetica, Arial, sans-serif'",
                     outline_width=2, outline_color=[255, 255, 255], font_settings={"sdf": True})


def _view_of(points: pd.DataFrame) -> pdk.ViewState:
    """A view that frames every point (the whole world when there are none)."""
    if points.empty:
        return pdk.ViewState(latitude=25, longitude=20, zoom=0.8)
    south, north = float(points["lat"].min()), float(points["lat"].max())
    west, east = float(points["lon"].min()), float(points["lon"].max())
    extent = max(north - south, (east - west) * 0.6, 1.0)
    zoom = max(0.5, min(8.0, math.log2(300 / extent)))
    return pdk.ViewState(latitude=(south + north) / 2, longitude=(west + east) / 2, zoom=zoom)
