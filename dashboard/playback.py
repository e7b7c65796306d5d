"""The time playback: steps through the filtered span a day, a week or a month at a time (as
Kepler.gl's time filter does); the period shown narrows the map, the figures and the table, and
is drawn as the timeline's brush, so that they move together."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

STEPS = {"Day": "D", "Week": "W-MON", "Month": "MS"}
# Seconds between two steps while playing.
PLAY_SECONDS = 1.5
# More periods than this and the step is too fine for the span: the next coarser one is used.
_MAX_PERIODS = 400


def periods(first: dt.date, last: dt.date, step: str) -> list[tuple[dt.date, dt.date]]:
    """The days, weeks (Monday to Sunday) or months that cover first..last, as (first, last) days."""
    freq = STEPS[step]
    starts = pd.date_range(pd.Timestamp(first).to_period({"D": "D", "W-MON": "W-SUN", "MS": "M"}[freq]).start_time,
                           pd.Timestamp(last), freq=freq)
    following = list(starts[1:]) + [starts[-1] + pd.tseries.frequencies.to_offset(freq)] if len(starts) else []
    return [(start.date(), (until - pd.Timedelta(days=1)).date()) for start, until in zip(starts, following)]


def label(period: tuple[dt.date, dt.date], step: str) -> str:
    first, last = period
    if step == "Month":
        return f"{first:%b %Y}"
    if step == "Week":
        return f"{first:%d %b} – {last:%d %b %Y}"
    return f"{first:%d %b %Y}"


def controls(extent: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
    """The playback bar over `extent`, the first and last days of the events shown (None when none
    is dated); returns the period on show, or None when off."""
    on = st.toggle("Time playback", key="play_on", disabled=extent is None,
                   help="Step through the filtered span by day, week or month: the map, the figures, the "
                        "table and the timeline's brush follow the period.")
    if not on or extent is None:
        return None
    first, last = extent
    step_column, back, play, forward, slider = st.columns([2.2, 0.6, 1.1, 0.6, 6], vertical_alignment="bottom")
    step = step_column.segmented_control("Step", list(STEPS), key="play_step", default="Week") or "Week"
    spans = periods(first, last, step)
    while len(spans) > _MAX_PERIODS and step != "Month":
        step = "Week" if step == "Day" else "Month"
        spans = periods(first, last, step)
    count = len(spans)
    if st.session_state.get("play_at", 0) >= count:
        st.session_state["play_at"] = 0
    back.button("◀", key="play_back", on_click=_move, args=(-1, count), help="The period before")
    play.toggle("Play", key="play_running")
    forward.button("▶", key="play_forward", on_click=_move, args=(1, count), help="The next period")
    index = slider.select_slider("Period", options=list(range(count)), key="play_at",
                                 format_func=lambda i: label(spans[i], step))
    if st.session_state.get("play_running"):
        st.session_state["play_page_run"] = st.session_state.get("play_page_run", 0) + 1
        _ticker(count)
    return spans[index]


def _move(by: int, count: int) -> None:
    st.session_state["play_at"] = (st.session_state.get("play_at", 0) + by) % count


@st.fragment(run_every=PLAY_SECONDS)
def _ticker(count: int) -> None:
    """While playing: every PLAY_SECONDS the next period, and the whole page again. The page's
    own run calls this too (to start the timer): that call only notes the run."""
    page_run = st.session_state.get("play_page_run", 0)
    if st.session_state.get("play_ticker_saw") != page_run:
        st.session_state["play_ticker_saw"] = page_run
        return
    at = st.session_state.get("play_at", 0) + 1
    if at >= count:                         # the end: stop on the last period
        st.session_state["play_running"] = False
        st.rerun(scope="app")
    st.session_state["play_at"] = at
    st.rerun(scope="app")
