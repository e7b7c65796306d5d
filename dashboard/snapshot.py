"""The current map and timeline as one PNG for reports, drawn on the server from the data the
page draws: the map (WebGL in the browser, which the server cannot capture) again as a
Vega-Lite map of the bundled country outlines, the places, arcs and rings at the same view, the
timeline as it is, both rendered by vl-convert (offline) and stacked under a caption."""
from __future__ import annotations

import datetime as dt
import io
import math

import altair as alt
import pandas as pd
import vl_convert
from PIL import Image, ImageDraw, ImageFont

from .formats import colour_of, country_name, date_label
from .map_view import (DENSITY_OPACITY, HEX_COVERAGE, LAND, LAND_WITH_EVENTS, MAP_HEIGHT, SEA, MapPlan, hex_pixels,
                       mercator_y)
from .queries import country_boundaries

# The image's width in points (the map's fitted width, so the view frames what the page does),
# drawn at SCALE pixels a point: sharp enough to print.
WIDTH = 900
SCALE = 2
_MARGIN = 16
_CAPTION_SIZE = 15
_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# A hexagon standing on a point, as the density view's cells (map_view.hexagon_cells), in the
# [-1, 1] box of a Vega symbol: a symbol of size s is drawn sqrt(s) / 2 times this path.
_HEXAGON = "M0,-1L0.866,-0.5L0.866,0.5L0,1L-0.866,0.5L-0.866,-0.5Z"


def png(plan: MapPlan, timeline: dict | None, caption: str = "") -> bytes:
    """The PNG: `caption`, the map of `plan` and the timeline (the Vega-Lite spec the page drew:
    dashboard.timeline's, its frames as named datasets) when there is one."""
    parts = [_render(map_chart(plan).to_dict(validate=False))]
    if timeline is not None:
        parts.append(_render(timeline_for_report(timeline)))
    return _stack(parts, caption)


def caption(filters, span: tuple[dt.date, dt.date] | None, places: tuple[str, ...], events: int) -> str:
    """One line saying what the picture shows: the events, their filters and what was picked."""
    said = [f"newsmap · {events:,} event{'s' if events != 1 else ''}"]
    if filters.start or filters.end:
        said.append(f"dates {filters.start or '…'} – {filters.end or '…'}")
    if span:
        said.append(f"span {date_label(span[0], span[1], 'range')}")
    if filters.countries:
        said.append("countries " + ", ".join(country_name(code) for code in filters.countries))
    if filters.places:
        said.append("places " + ", ".join(filters.places))
    if filters.documents:
        said.append(f"{len(filters.documents)} document(s)")
    if filters.text:
        said.append(f"text “{filters.text}”")
    if places:
        said.append(f"{len(places)} place(s) picked on the map")
    return " · ".join(said)


def _render(spec: dict) -> Image.Image:
    data = vl_convert.vegalite_to_png(spec, scale=SCALE)
    return Image.open(io.BytesIO(data)).convert("RGB")


def _stack(parts: list[Image.Image], caption: str) -> bytes:
    """The images one under the other, on white, under the caption."""
    font = ImageFont.truetype(_FONT, _CAPTION_SIZE * SCALE)
    caption_height = (_CAPTION_SIZE + 12) * SCALE if caption else 0
    margin = _MARGIN * SCALE
    width = WIDTH * SCALE + 2 * margin
    height = caption_height + sum(part.height for part in parts) + margin * (len(parts) + 1)
    page = Image.new("RGB", (width, height), "white")
    if caption:
        ImageDraw.Draw(page).text((margin, margin // 2), caption, fill=(40, 40, 40), font=font)
    top = margin + caption_height
    for part in parts:
        page.paste(part, (margin, top))
        top += part.height + margin
    out = io.BytesIO()
    page.save(out, format="PNG", optimize=True)
    return out.getvalue()


def timeline_for_report(spec: dict) -> dict:
    """The page's timeline at the image's width (axis labels and legend included), its frames
    as inline values."""
    return spec | {"datasets": {name: _records(frame) for name, frame in spec.get("datasets", {}).items()},
                   "width": WIDTH, "autosize": {"type": "fit-x", "contains": "padding"},
                   "padding": {"left": 5, "top": 5, "bottom": 5, "right": 30}}     # the last date's label


def _in_view(features: list[dict], view: tuple[float, float, float], width: int, height: int) -> list[dict]:
    """The country outlines that reach into the view (all of them when it spans the antimeridian
    or most of the world): fewer shapes to project."""
    longitude, latitude, zoom = view
    world = 512 * 2 ** zoom
    half_width = width / 2 * 360 / world
    if half_width >= 90 or not -180 <= longitude - half_width <= longitude + half_width <= 180:
        return features
    south, north = (_moved_latitude(latitude, pixels, world) for pixels in (height / 2, -height / 2))
    west, east = longitude - half_width, longitude + half_width
    return [feature for feature in features
            if (box := _box(feature)) and box[0] <= east and box[2] >= west and box[1] <= north and box[3] >= south]


def _box(feature: dict) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of a feature's outline."""
    geometry = feature["geometry"]
    if not geometry:
        return None
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    lons = [point[0] for polygon in polygons for ring in polygon for point in ring]
    lats = [point[1] for polygon in polygons for ring in polygon for point in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _moved_latitude(latitude: float, pixels: float, world: float) -> float:
    """The latitude `pixels` below `latitude` (above when negative) on a Mercator world `world` pixels wide."""
    y = float(mercator_y(latitude)) - pixels * 2 * math.pi / world
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _values(frame: pd.DataFrame) -> alt.Data:
    """A frame as inline values. Altair's data transformer is global: while another session
    draws a chart, Streamlit's own one is enabled and would take a frame's rows out of the spec;
    inline values it leaves alone."""
    return alt.Data(values=_records(frame))


def _records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as JSON records (dates as ISO text, as Altair writes them)."""
    return alt.utils.sanitize_pandas_dataframe(frame).to_dict(orient="records")


def _hex(colour: list[int]) -> str:
    return "#" + "".join(f"{int(c):02x}" for c in colour[:3])


def map_chart(plan: MapPlan, width: int = WIDTH, height: int = MAP_HEIGHT) -> alt.LayerChart:
    """The map of `plan` as a Vega-Lite chart: a Web Mercator projection at the plan's view (the
    scale deck.gl uses: the world 512 * 2**zoom pixels wide), the country outlines, the countries
    with events in sand, the density view's hexagons, the arcs as great circles, the places as
    discs and rings, the rings of the picked and focused places, and the names."""
    longitude, latitude, zoom = plan.view
    # Rotated rather than centred on the longitude, so a view across the antimeridian draws both sides.
    projection = alt.Projection(type="mercator", scale=512 * 2 ** zoom / (2 * math.pi), rotate=[-longitude, 0, 0],
                                center=[0, latitude], translate=[width / 2, height / 2],
                                clipExtent=[[0, 0], [width, height]])
    outlines = _in_view(country_boundaries()["features"], plan.view, width, height)
    base = dict(width=width, height=height, projection=projection)
    layers = [alt.Chart(alt.Data(values=outlines), **base)
              .mark_geoshape(fill=_hex(LAND), stroke="#969696", strokeWidth=0.6)]
    sand = [{"type": "Feature", "geometry": f["geometry"],
             "properties": {"line": colour_of(plan.colours, f["properties"]["iso_a2"])}}
            for f in outlines if f["properties"]["iso_a2"] in plan.sand]
    if sand:
        layers.append(alt.Chart(alt.Data(values=sand), **base)
                      .mark_geoshape(fill=_hex(LAND_WITH_EVENTS), strokeWidth=1.6)
                      .encode(stroke=alt.Color("properties.line:N", scale=None)))
    if plan.density and not plan.cells.empty:
        side = round(2 * hex_pixels(latitude) * HEX_COVERAGE, 3)
        cells = pd.DataFrame({"lon": plan.cells["lon"], "lat": plan.cells["lat"],
                              "fill": [_hex(c) for c in plan.cells["colour"]]})
        layers.append(alt.Chart(_values(cells), **base)
                      .mark_point(shape=_HEXAGON, filled=True, size=side ** 2, opacity=DENSITY_OPACITY, strokeWidth=0)
                      .encode(longitude="lon:Q", latitude="lat:Q", fill=alt.Fill("fill:N", scale=None)))
    if not plan.arcs.empty:
        arcs = [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [a.source, a.target]},
                 "properties": {"colour": _hex(a.colour), "width": float(a.width)}}
                for a in plan.arcs.itertuples(index=False)]
        layers.append(alt.Chart(alt.Data(values=arcs), **base).mark_geoshape(filled=False, strokeCap="round")
                      .encode(stroke=alt.Color("properties.colour:N", scale=None),
                              strokeWidth=alt.StrokeWidth("properties.width:Q", scale=None)))
    # A Vega symbol's size is the area of its bounding square: (2 * radius) ** 2.
    if not plan.shown.empty:
        marks = pd.DataFrame({"lon": plan.shown["lon"], "lat": plan.shown["lat"],
                              "size": ((2 * plan.shown["radius"].astype(float)) ** 2).round(1),
                              "fill": [_hex(c) for c in plan.shown["colour"]],
                              "opacity": [c[3] / 255 for c in plan.shown["colour"]],
                              "stroke": [_hex(c) for c in plan.shown["line_colour"]],
                              "width": plan.shown["line_width"].astype(float)})
        layers.append(alt.Chart(_values(marks), **base).mark_circle(opacity=1)
                      .encode(longitude="lon:Q", latitude="lat:Q", size=alt.Size("size:Q", scale=None),
                              fill=alt.Fill("fill:N", scale=None), fillOpacity=alt.FillOpacity("opacity:Q", scale=None),
                              stroke=alt.Stroke("stroke:N", scale=None),
                              strokeWidth=alt.StrokeWidth("width:Q", scale=None)))
    if not plan.rings.empty:
        rings = pd.DataFrame({"lon": plan.rings["lon"], "lat": plan.rings["lat"],
                              "size": ((2 * plan.rings["radius"].astype(float)) ** 2).round(1),
                              "stroke": [_hex(c) for c in plan.rings["ring"]], "width": plan.rings["width"]})
        layers.append(alt.Chart(_values(rings), **base).mark_point(shape="circle", filled=False, opacity=1)
                      .encode(longitude="lon:Q", latitude="lat:Q", size=alt.Size("size:Q", scale=None),
                              stroke=alt.Stroke("stroke:N", scale=None),
                              strokeWidth=alt.StrokeWidth("width:Q", scale=None)))
    if not plan.labels.empty:
        # Vega-Lite takes a text's anchor and offset as mark properties, the same for all its
        # texts: each name is placed at its point moved by its offset, one layer per anchor.
        world = 512 * 2 ** zoom
        names = pd.DataFrame({
            "place": plan.labels["place"], "colour": [_hex(c) for c in plan.labels["label_colour"]],
            "anchor": plan.labels["anchor"], "baseline": plan.labels["baseline"],
            "lon": [lon + o[0] * 360 / world for lon, o in zip(plan.labels["lon"], plan.labels["offset"])],
            "lat": [_moved_latitude(lat, o[1], world) for lat, o in zip(plan.labels["lat"], plan.labels["offset"])]})
        for (anchor, baseline), placed in names.groupby(["anchor", "baseline"]):
            text = dict(align={"start": "left", "end": "right"}.get(anchor, "center"),
                        baseline={"center": "middle"}.get(baseline, baseline), fontSize=12, fontWeight=600)
            at = dict(longitude="lon:Q", latitude="lat:Q", text="place:N")
            layers.append(alt.Chart(_values(placed), **base).mark_text(**text, stroke="white", strokeWidth=3)
                          .encode(**at))
            layers.append(alt.Chart(_values(placed), **base).mark_text(**text)
                          .encode(**at, color=alt.Color("colour:N", scale=None)))
    return (alt.layer(*layers).properties(background=_hex(SEA), padding=0)
            .configure_view(stroke="#bbbbbb", clip=True))
