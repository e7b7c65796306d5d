"""The timeline: every dated event at its true precision (a day a point, a month, range or year
a bar over its span), grouped by document, place or country, with a brush to pick a span."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib

import altair as alt
import pandas as pd
import streamlit as st

from . import selection
from .days import as_day
from .formats import OTHER_COUNTRIES, PALETTE, colour_of, country_name, date_labels, short_label

# Above this many events the timeline shows counts per day, month, quarter or year instead of
# each event: more are a wall of lanes (the chart stops growing at 1,800 pixels) that costs Altair
# and Vega seconds to build and draw (a month at 100,000 events is ~1,400 of them).
MAX_EVENTS = 500
GROUPS = {"Document": "document", "Place": "place", "Country": "country_name"}
_SPAN = "span"
_EVENT = "event"
# An event this long or shorter is "short" (a day, a week, a month): the initial view is fitted to them.
_SHORT = pd.Timedelta(days=31)
_LANE_HEIGHT = 18
# Where an event's date comes from (extract's Event.date_source), as the legend says it: a day
# read in its sentence is a filled diamond, a day lent by the story or the publication a hollow circle.
DATE_FROM = {"text": "its sentence", "story": "the story", "published": "publication day"}
# Rings (a disc with a hole: the outer outline clockwise, the inner one anticlockwise) in Vega's
# unit square.
_RING = "M0,-1A1,1 0 1,1 0,1A1,1 0 1,1 0,-1Z M0,-0.5A0.5,0.5 0 1,0 0,0.5A0.5,0.5 0 1,0 0,-0.5Z"
_SQUARE_RING = "M-0.85,-0.85H0.85V0.85H-0.85Z M-0.4,-0.4V0.4H0.4V-0.4Z"
_DATE_FROM_SHAPES = {"its sentence": "diamond", "the story": _RING, "publication day": _SQUARE_RING}
# Taller than this, rows get thinner (bars fill their row, so they still never overlap).
_MAX_HEIGHT = 1800
# The initial view is never narrower than this, so that a lone day shows its weeks around it.
_MIN_SPAN = pd.Timedelta(days=61)
# The counts' legend: the busiest countries (aggregates.time_bins picks them), the rest as one.
_OTHER = "Other"


def draw(events: pd.DataFrame, places: pd.DataFrame, colours: dict[str, str], group_by: str = "Document",
         span: tuple[dt.date, dt.date] | None = None, focus: str | None = None, key: str = "timeline"
         ) -> dict | None:
    """Draw the timeline of `events`, with `span` drawn as the brush and the `focus` event
    outlined; brushing a span or clicking an event puts it in the selection (dashboard.selection).
    Returns the Vega-Lite spec drawn (for the PNG export), None when there is nothing to draw."""
    dated = events.loc[events["dated"]]
    if dated.empty:
        st.info("No dated events match the filters.")
        return None
    chart = events_chart(dated, places, GROUPS.get(group_by, "document"), colours, span, focus)
    domain = initial_domain(dated["start"], dated["end"] + pd.Timedelta(days=1))
    note = st.empty()                  # always there: the chart keeps its place in the page (app.py)
    if domain is not None and span is None:
        note.caption(f"Showing {domain[0]:%d %b %Y} – {domain[1]:%d %b %Y}, where most events are; longer "
                     "ranges run off the edge. Scroll to zoom out, shift-drag to pan.")
    height = chart.height if isinstance(chart.height, int) else "content"
    spec = vega_lite_spec(chart)
    st.vega_lite_chart(spec, on_select=functools.partial(_on_select, key), selection_mode=[_SPAN, _EVENT],
                       key=key, width="stretch", height=height)
    return spec


def vega_lite_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec of `chart` as st.altair_chart sends it — its frames as named datasets
    (Streamlit sends them as Arrow), no theme config — but without Altair's validation of the
    spec against the Vega-Lite schema: 0.2 s of a rerun for a chart of a few hundred events.
    (The tests validate the charts.)"""
    datasets: dict[str, pd.DataFrame] = {}

    def named(part: alt.TopLevelMixin) -> alt.TopLevelMixin:
        part = part.copy(deep=False)
        data = getattr(part, "data", alt.Undefined)
        if isinstance(data, pd.DataFrame):
            name = dataset_name(data)
            datasets[name] = data
            part.data = alt.NamedData(name=name)
        if isinstance(part, alt.LayerChart):
            part.layer = [named(layer) for layer in part.layer]
        return part

    spec = named(chart).to_dict(validate=False)
    spec.pop("config", None)        # Altair's default theme's (Streamlit draws in its own); the charts set none
    return spec | {"datasets": datasets}


def dataset_name(data: pd.DataFrame) -> str:
    """A frame's name in a spec, by content, as Streamlit names them: new data is a new spec, drawn afresh."""
    return "data-" + hashlib.blake2b(pd.util.hash_pandas_object(data, index=False).to_numpy().tobytes(),
                                     digest_size=12).hexdigest()


def _on_select(key: str) -> None:
    """A brush or a click on the timeline: the span and the event go into the selection."""
    state = st.session_state.get(key)
    selection.set_span(brushed_span(state))
    clicked = clicked_event(state)
    if clicked:
        selection.set_event(clicked)


def clicked_event(state) -> str | None:
    """The id of the event clicked on the timeline, if any."""
    try:
        points = state["selection"][_EVENT]
    except (KeyError, TypeError):
        return None
    return next((point.get("event_id") for point in points or [] if point.get("event_id")), None)


def brushed_span(state) -> tuple[dt.date, dt.date] | None:
    """The (first, last) days of the brushed interval from a chart's selection state."""
    try:
        interval = state["selection"][_SPAN]
    except (KeyError, TypeError):
        return None
    values = next(iter(interval.values()), None) if interval else None
    if not values or len(values) != 2:
        return None
    first, last = (as_day(v) for v in values)
    return (first, last) if first <= last else (last, first)


def _colour_scale(codes, colours: dict[str, str]) -> alt.Scale:
    """Countries in the palette's order (the map legend's), each in its colour."""
    order = {code: i for i, code in enumerate(colours)}
    codes = sorted(set(codes), key=lambda c: (order.get(c, len(order)), country_name(c)))
    return alt.Scale(domain=[country_name(c) for c in codes], range=[colour_of(colours, c) for c in codes])


_ZOOM, _PAN = "wheel!", "[pointerdown[event.shiftKey], window:pointerup] > window:pointermove!"


def _selections(span: tuple[dt.date, dt.date] | None = None):
    """The brush (drawn over `span` when the selection has one: from the URL, or the playback
    period) and the wheel zoom."""
    brush = alt.selection_interval(name=_SPAN, encodings=["x"], value=_brushed(span) if span else alt.Undefined)
    # Zoom with the mouse wheel, pan with shift-drag: a plain drag is the brush.
    zoom = alt.selection_interval(bind="scales", encodings=["x"], zoom=_ZOOM, translate=_PAN)
    return brush, zoom


def initial_domain(starts: pd.Series, untils: pd.Series, share: float = 0.9
                   ) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The time span the timeline opens on, or None to show everything.

    It covers every short event (a day, a week, a month) and the ends of longer ones that fall
    within the short events' span again on either side, padded by 5 % and at least two months
    wide: one long open range ("since last year") then runs off the edge instead of squeezing
    the last weeks' days into a few pixels. None when there is no short event, or when that
    span would already hold `share` of all the time the events cover.
    """
    starts, untils = pd.to_datetime(starts).reset_index(drop=True), pd.to_datetime(untils).reset_index(drop=True)
    short = (untils - starts) <= _SHORT
    if not short.any():
        return None
    first, last = starts[short].min(), untils[short].max()
    width = max(last - first, pd.Timedelta(days=14))
    ends = pd.concat([starts, untils])
    near = ends[(ends >= first - width) & (ends <= last + width)]
    first, last = min(first, near.min()), max(last, near.max())
    pad = max((last - first) * 0.05, (_MIN_SPAN - (last - first)) / 2, pd.Timedelta(days=1))
    first, last = first - pad, last + pad
    if last - first >= share * (untils.max() - starts.min()):
        return None
    return first, last


def assign_lanes(groups: pd.Series, starts: pd.Series, untils: pd.Series) -> list[int]:
    """A lane per event within its row, so that events overlapping in time sit one under the other
    (the first free lane, in order of start; a long range keeps its own)."""
    lanes = [0] * len(groups)
    ends: dict[object, list[pd.Timestamp]] = {}
    order = sorted(range(len(groups)), key=lambda i: (starts.iat[i], untils.iat[i]))
    for i in order:
        busy = ends.setdefault(groups.iat[i], [])
        lane = next((n for n, end in enumerate(busy) if end <= starts.iat[i]), len(busy))
        if lane == len(busy):
            busy.append(untils.iat[i])
        else:
            busy[lane] = untils.iat[i]
        lanes[i] = lane
    return lanes


def _brushed(span: tuple[dt.date, dt.date]) -> dict:
    """The brush's value over the days of `span`, the last one included (Vega-Lite date-times)."""
    return {"x": [{"year": day.year, "month": day.month, "date": day.day}
                  for day in (span[0], span[1] + dt.timedelta(days=1))]}


# A lane row that continues the row above it carries this many zero-width spaces in its name,
# so that it is a row of its own without a label of its own.
_CONTINUED = "\u200b"


def events_chart(dated: pd.DataFrame, places: pd.DataFrame, group: str, colours: dict[str, str] | None = None,
                 span: tuple[dt.date, dt.date] | None = None, focus: str | None = None) -> alt.LayerChart:
    """Each event at its precision in rows by `group`; events overlapping in time sit in lanes,
    each lane a row of the chart (its label on the row's first lane, level with its marks)."""
    colours = colours or {}
    rows = dated[["row", "event_id", "document", "granularity", "start", "end", "places", "country",
                  "sentence", "date_source"]].copy()
    rows["date_label"] = date_labels(dated)
    rows["date_from"] = rows["date_source"].map(DATE_FROM).fillna(DATE_FROM["text"])
    rows["until"] = rows["end"] + pd.Timedelta(days=1)
    rows["middle"] = rows["start"] + pd.Timedelta(hours=12)
    rows["sentence"] = rows["sentence"].str.slice(0, 140)
    if group == "place":
        rows = rows.merge(places[["row", "place", "country"]].rename(columns={"country": "place_country"}),
                          on="row", how="left")
        rows["place"] = rows["place"].fillna("(no place)")
        rows["country"] = rows["place_country"].fillna(rows["country"])
        # A place named twice in one event (as a place and as a movement's end) is one mark.
        rows = rows.drop(columns="place_country").drop_duplicates(["row", "place"])
    rows["country_name"] = rows["country"].map(country_name)
    rows["group"] = rows[group].astype(str).map(short_label)
    # A day is drawn as a point but packed as a day and a half, so that close days don't touch.
    rows["lane"] = assign_lanes(rows["group"], rows["start"],
                                rows["until"].where(rows["granularity"] != "day", rows["until"] + pd.Timedelta(hours=12)))
    rows["slot"] = rows["group"] + rows["lane"].map(lambda lane: _CONTINUED * int(lane))
    rows["focused"] = rows["event_id"] == focus if focus else False
    colour = alt.Color("country_name:N", title="Country", scale=_colour_scale(rows["country"], colours),
                       legend=alt.Legend(orient="bottom", columns=6, symbolLimit=len(PALETTE) + 2,
                                         symbolStrokeWidth=0))
    tooltip = [alt.Tooltip("date_label:N", title="Date"), alt.Tooltip("date_from:N", title="Date from"),
               alt.Tooltip("places:N", title="Places"),
               alt.Tooltip("document:N", title="Document"), alt.Tooltip("sentence:N", title="Sentence")]
    # Rows in order of their first event, each followed by its further lanes.
    groups = rows.groupby("group")["start"].min().sort_values().index.tolist()
    lanes = rows.groupby("group")["lane"].max()
    order = [name + _CONTINUED * lane for name in groups for lane in range(int(lanes[name]) + 1)]
    y = alt.Y("slot:N", title=None, sort=order, scale=alt.Scale(domain=order, paddingInner=0.2, paddingOuter=0.1),
              axis=alt.Axis(labelLimit=300, labelFontSize=12, labelColor="#333", ticks=False, labelOverlap=True,
                            labelExpr=f"indexof(datum.label, '{_CONTINUED}') >= 0 ? '' : datum.label"))
    # Open on where the events are. Nothing is clamped: an event outside the view is off the
    # chart, not squeezed into a sliver at its edge; a long range runs off the edge.
    domain = initial_domain(rows["start"], rows["until"])
    scale = (alt.Scale(domain=[d.isoformat() for d in domain]) if domain is not None
             else alt.Scale(padding=16))
    x = alt.X("start:T", title=None, scale=scale,
              axis=alt.Axis(format="%d %b %Y", labelOverlap=True, grid=True, labelFontSize=11))
    brush, zoom = _selections(span)
    # Added to the bars' layer, the click selection still takes a click on any mark of the chart
    # (Vega-Lite listens on the layered view as a whole): a day's mark selects its event too. (The
    # same selection added to both layers is kept in the first only by Altair, and one over both
    # layers broke Streamlit's chart.)
    clicked = alt.selection_point(name=_EVENT, fields=["event_id"], on="click", clear="dblclick", empty=False)
    outline = alt.condition("datum.focused", alt.value(2.5), alt.value(0.6))
    base = alt.Chart(rows)
    spans = (base.mark_bar(opacity=0.85, cornerRadius=3, clip=True, stroke="#111")
             .encode(x=x, x2="until:T", y=y, color=colour, tooltip=tooltip, strokeWidth=outline)
             .transform_filter("datum.granularity != 'day'")
             .add_params(brush, zoom, clicked))
    # The legend names only where the dates drawn come from.
    date_from = [name for name in _DATE_FROM_SHAPES if name in set(rows["date_from"])] or list(_DATE_FROM_SHAPES)
    # The marks are filled shapes, hollow ones cut out of them: the legend then draws them as the
    # chart does (a fill opacity would not reach the legend's symbols).
    shape = alt.Shape("date_from:N", title="Date from",
                      scale=alt.Scale(domain=date_from, range=[_DATE_FROM_SHAPES[d] for d in date_from]),
                      legend=alt.Legend(orient="bottom", symbolFillColor="#444", symbolStrokeWidth=0))
    size = max(40, min(170, int((_LANE_HEIGHT * 0.8) ** 2)))
    days = (base.mark_point(size=size, opacity=1, filled=True, clip=True, stroke="#111")
            .encode(x=alt.X("middle:T"), y=y, color=colour, shape=shape, tooltip=tooltip,
                    strokeWidth=alt.condition("datum.focused", alt.value(2.5), alt.value(0)))
            .transform_filter("datum.granularity == 'day'"))
    # Every lane a full row (no cap that would squeeze bars into each other); Streamlit fits the
    # whole chart, axis and legend included, into this height.
    height = max(200, min(_MAX_HEIGHT, _LANE_HEIGHT * len(order) + 150))
    return alt.layer(spans, days).properties(height=height)


def draw_counts(bins: pd.DataFrame, unit: str, total: int, colours: dict[str, str],
                span: tuple[dt.date, dt.date] | None = None, key: str = "timeline") -> dict | None:
    """Draw events per time bin (aggregates.time_bins: an event counts in every bin its interval
    overlaps), stacked by the busiest countries and "Other", with `span` drawn as the brush;
    brushing puts the span in the selection (dashboard.selection). Returns the spec drawn."""
    if bins.empty:
        st.info("No dated events match the filters.")
        return None
    st.caption(f"{total:,} events, counted per {unit} (an event in every {unit} it overlaps). Narrow the "
               f"filters to {MAX_EVENTS:,} or fewer to see each event at its own precision.")
    spec = counts_spec(bins, colours, span)
    st.vega_lite_chart(spec, on_select=functools.partial(_on_select, key), selection_mode=[_SPAN],
                       key=key, width="stretch", height=320)
    return spec


def counts_spec(bins: pd.DataFrame, colours: dict[str, str] | None = None,
                span: tuple[dt.date, dt.date] | None = None) -> dict:
    """The Vega-Lite spec of the stacked bars of time_bins, its frame as a named dataset (as
    vega_lite_spec makes them); the legend lists the countries by their events, "Other" last.
    Written as the spec itself: through Altair's objects (and their schema checks) this small
    chart took 40-50 ms of every rerun above MAX_EVENTS events. (The tests validate it.)"""
    colours = colours or {}
    totals = bins.groupby("country")["events"].sum().sort_values(ascending=False)
    codes = [c for c in totals.index if c] + ([""] if "" in totals.index else [])
    names = [country_name(c) if c else _OTHER for c in codes]
    palette = [colour_of(colours, c) if c else OTHER_COUNTRIES for c in codes]
    # The stacking order (the legend's) comes with the rows: as a Vega expression it was
    # interpreted bar by bar in the browser (Streamlit runs Vega's expression interpreter).
    rank = {code: number for number, code in enumerate(codes)}
    bins = bins.assign(country_name=bins["country"].map(dict(zip(codes, names))),
                       country_order=bins["country"].map(rank))
    name = dataset_name(bins)
    brush = {"name": _SPAN, "select": {"type": "interval", "encodings": ["x"]}}
    if span:
        brush["value"] = _brushed(span)
    return {
        "$schema": alt.SCHEMA_URL, "data": {"name": name}, "mark": {"type": "bar"}, "height": 320,
        "encoding": {
            "x": {"field": "start", "type": "temporal", "title": None, "axis": {"labelOverlap": True}},
            "x2": {"field": "until"},
            "y": {"field": "events", "aggregate": "sum", "type": "quantitative", "title": "Events", "stack": "zero"},
            "color": {"field": "country_name", "type": "nominal", "title": "Country", "sort": names,
                      "scale": {"domain": names, "range": palette}, "legend": {"orient": "bottom", "columns": 5}},
            "order": {"field": "country_order", "type": "quantitative"},
            "tooltip": [{"field": "start", "type": "temporal", "title": "From"},
                        {"field": "country_name", "type": "nominal", "title": "Country"},
                        {"field": "events", "type": "quantitative", "title": "Events"}]},
        # The brush, and the wheel zoom as in _selections.
        "params": [brush, {"name": "zoom", "bind": "scales",
                           "select": {"type": "interval", "encodings": ["x"], "zoom": _ZOOM, "translate": _PAN}}],
        "datasets": {name: bins}}
