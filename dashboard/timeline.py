"""The timeline: every dated event at its true precision (a day a point, a month, range or year
a bar over its span), grouped by document, place or country, with a brush to pick a span."""
from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from .formats import country_colour, country_name, short_label

# Above this many events the timeline shows counts per day, week or month instead of each event.
MAX_EVENTS = 1500
GROUPS = {"Document": "document", "Place": "place", "Country": "country_name"}
_SPAN = "span"
# An event this long or shorter is "short" (a day, a week, a month): the initial view is fitted to them.
_SHORT = pd.Timedelta(days=31)
_LANE_HEIGHT = 18
# Where an event's date comes from (extract's Event.date_source), as the legend says it: a day
# read in its sentence is a filled diamond, a day lent by the story or the publication a hollow circle.
DATE_FROM = {"text": "its sentence", "story": "the story", "published": "publication day"}
_DATE_FROM_SHAPES = {"its sentence": "diamond", "the story": "circle", "publication day": "circle"}
_DATE_FROM_FILLED = {"its sentence": 1.0, "the story": 0.0, "publication day": 0.0}
# The initial view is never narrower than this, so that a lone day shows its weeks around it.
_MIN_SPAN = pd.Timedelta(days=61)


def draw(events: pd.DataFrame, places: pd.DataFrame, group_by: str = "Document", key: str = "timeline"
         ) -> tuple[dt.date, dt.date] | None:
    """Draw the timeline of `events`; return the span the analyst brushed, or None."""
    dated = events.loc[events["dated"]]
    if dated.empty:
        st.info("No dated events match the filters.")
        return None
    if len(dated) > MAX_EVENTS:
        chart = _histogram(dated)
        st.caption(f"{len(dated):,} events: showing counts. Narrow the filters to {MAX_EVENTS:,} or fewer "
                   "to see each event at its own precision.")
    else:
        chart = _events_chart(dated, places, GROUPS.get(group_by, "document"))
        domain = initial_domain(dated["start"], dated["end"] + pd.Timedelta(days=1))
        if domain is not None:
            st.caption(f"Showing {domain[0]:%d %b %Y} – {domain[1]:%d %b %Y}, where most events are; longer "
                       "ranges run off the edge. Scroll to zoom out, shift-drag to pan.")
    height = chart.height if isinstance(chart.height, int) else "content"
    state = st.altair_chart(chart, on_select="rerun", selection_mode=[_SPAN], key=key, width="stretch",
                            height=height)
    return brushed_span(state)


def brushed_span(state) -> tuple[dt.date, dt.date] | None:
    """The (first, last) days of the brushed interval from a chart's selection state."""
    try:
        interval = state["selection"][_SPAN]
    except (KeyError, TypeError):
        return None
    values = next(iter(interval.values()), None) if interval else None
    if not values or len(values) != 2:
        return None
    first, last = (_to_day(v) for v in values)
    return (first, last) if first <= last else (last, first)


def _to_day(value) -> dt.date:
    if isinstance(value, (int, float)):
        return pd.Timestamp(value, unit="ms").date()
    return pd.Timestamp(value).date()


def _colour_scale(codes) -> alt.Scale:
    codes = sorted(set(codes), key=country_name)
    return alt.Scale(domain=[country_name(c) for c in codes], range=[country_colour(c) for c in codes])


def _selections():
    brush = alt.selection_interval(name=_SPAN, encodings=["x"])
    # Zoom with the mouse wheel, pan with shift-drag: a plain drag is the brush.
    zoom = alt.selection_interval(bind="scales", encodings=["x"], zoom="wheel!",
                                  translate="[pointerdown[event.shiftKey], window:pointerup] > window:pointermove!")
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


def _events_chart(dated: pd.DataFrame, places: pd.DataFrame, group: str) -> alt.LayerChart:
    rows = dated[["row", "document", "date_label", "granularity", "start", "end", "places", "country",
                  "sentence", "date_source"]].copy()
    rows["date_from"] = rows["date_source"].map(DATE_FROM).fillna(DATE_FROM["text"])
    rows["until"] = rows["end"] + pd.Timedelta(days=1)
    rows["middle"] = rows["start"] + pd.Timedelta(hours=12)
    rows["sentence"] = rows["sentence"].str.slice(0, 140)
    if group == "place":
        rows = rows.merge(places[["row", "place", "country"]].rename(columns={"country": "place_country"}),
                          on="row", how="left")
        rows["place"] = rows["place"].fillna("(no place)")
        rows["country"] = rows["place_country"].fillna(rows["country"])
        rows = rows.drop(columns="place_country")
    rows["country_name"] = rows["country"].map(country_name)
    rows["group"] = rows[group].astype(str).map(short_label)
    # A day is drawn as a point but packed as a day and a half, so that close days don't touch.
    rows["lane"] = assign_lanes(rows["group"], rows["start"],
                                rows["until"].where(rows["granularity"] != "day", rows["until"] + pd.Timedelta(hours=12)))
    colour = alt.Color("country_name:N", title="Country", scale=_colour_scale(rows["country"]),
                       legend=alt.Legend(orient="bottom"))
    tooltip = [alt.Tooltip("date_label:N", title="Date"), alt.Tooltip("date_from:N", title="Date from"),
               alt.Tooltip("places:N", title="Places"),
               alt.Tooltip("document:N", title="Document"), alt.Tooltip("sentence:N", title="Sentence")]
    # Rows in order of their first event (computed here: a sort by field differs between layers).
    order = rows.groupby("group")["start"].min().sort_values().index.tolist()
    y = alt.Y("group:N", title=None, sort=order, scale=alt.Scale(domain=order, paddingInner=0.15),
              axis=alt.Axis(labelLimit=300, labelFontSize=12, labelColor="#333"))
    lanes = int(rows["lane"].max()) + 1
    y_offset = alt.YOffset("lane:O", scale=alt.Scale(domain=list(range(lanes))))
    # Open on where the events are; clamp keeps a long range as a bar running off the edge.
    domain = initial_domain(rows["start"], rows["until"])
    scale = (alt.Scale(domain=[d.isoformat() for d in domain], clamp=True) if domain is not None
             else alt.Scale(padding=16))
    x = alt.X("start:T", title=None, scale=scale,
              axis=alt.Axis(format="%d %b %Y", labelOverlap=True, grid=True, labelFontSize=11))
    brush, zoom = _selections()
    base = alt.Chart(rows)
    spans = (base.mark_bar(height=_LANE_HEIGHT - 5, opacity=0.8, cornerRadius=3, clip=True)
             .encode(x=x, x2="until:T", y=y, yOffset=y_offset, color=colour, tooltip=tooltip)
             .transform_filter("datum.granularity != 'day'")
             .add_params(brush, zoom))
    date_from = list(_DATE_FROM_SHAPES)
    shape = alt.Shape("date_from:N", title="Date from",
                      scale=alt.Scale(domain=date_from, range=[_DATE_FROM_SHAPES[d] for d in date_from]),
                      legend=alt.Legend(orient="bottom"))
    filled = alt.FillOpacity("date_from:N", scale=alt.Scale(domain=date_from,
                                                            range=[_DATE_FROM_FILLED[d] for d in date_from]),
                             legend=None)
    days = (base.mark_point(size=170, opacity=1, strokeWidth=2, clip=True)
            .encode(x=alt.X("middle:T"), y=y, yOffset=y_offset, color=colour, fill=colour, shape=shape,
                    fillOpacity=filled, tooltip=tooltip)
            .transform_filter("datum.granularity == 'day'"))
    # Streamlit fits the whole chart, axis and legend included, into this height.
    height = max(200, min(700, _LANE_HEIGHT * lanes * rows["group"].nunique() + 130))
    return alt.layer(spans, days).properties(height=height)


def _histogram(dated: pd.DataFrame) -> alt.Chart:
    """Counts of events per day, week or month (by their start), stacked by country."""
    extent = (dated["start"].max() - dated["start"].min()).days
    freq = "D" if extent <= 120 else "W-MON" if extent <= 1100 else "MS"
    step = {"D": pd.Timedelta(days=1), "W-MON": pd.Timedelta(days=7)}.get(freq)
    periods = dated["start"].dt.to_period({"D": "D", "W-MON": "W-SUN", "MS": "M"}[freq]).dt.start_time
    counts = (pd.DataFrame({"start": periods, "country": dated["country"]})
              .value_counts().rename("events").reset_index())
    counts["until"] = counts["start"] + step if step is not None else counts["start"] + pd.offsets.MonthBegin(1)
    counts["country_name"] = counts["country"].map(country_name)
    brush, zoom = _selections()
    return (alt.Chart(counts).mark_bar()
            .encode(x=alt.X("start:T", title=None), x2="until:T",
                    y=alt.Y("sum(events):Q", title="Events"),
                    color=alt.Color("country_name:N", title="Country", scale=_colour_scale(counts["country"]),
                                    legend=alt.Legend(orient="bottom", columns=6)),
                    tooltip=[alt.Tooltip("start:T", title="From"), alt.Tooltip("country_name:N", title="Country"),
                             alt.Tooltip("sum(events):Q", title="Events")])
            .add_params(brush, zoom).properties(height=320))
