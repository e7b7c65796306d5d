"""The correction of one event: its date (start, end, granularity) and its places, stored with
extract.store so that they stay across sessions and re-analyses."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import extract

from . import queries
from .days import as_day
from .markup import inert_markdown

GRANULARITIES = ["day", "week", "month", "quarter", "year", "decade", "range"]


def draw(event: pd.Series, known: dict[str, dict], current: list[str]) -> None:
    """A form to correct the event's date and places; `known` are the places to choose from (by
    place key), `current` the keys of the event's places now."""
    current = list(dict.fromkeys(current))
    key = event["event_id"]
    with st.expander("✎ Correct this event" + (f" (corrected: {event['corrected']})" if event["corrected"] else "")):
        with st.form(f"correct-{key}", border=False):
            start_input, end_input, granularity_input = st.columns(3)
            start = start_input.date_input("Start", value=as_day(event["start"]), key=f"fix_start-{key}",
                                           format="YYYY-MM-DD", min_value=dt.date(1800, 1, 1))
            end = end_input.date_input("End", value=as_day(event["end"]), key=f"fix_end-{key}", format="YYYY-MM-DD",
                                       min_value=dt.date(1800, 1, 1), help="The same as the start for one day.")
            granularity = granularity_input.selectbox(
                "Granularity", GRANULARITIES, key=f"fix_granularity-{key}",
                index=GRANULARITIES.index(event["granularity"]) if event["granularity"] in GRANULARITIES else 0)
            chosen = st.multiselect("Places", list(known), default=[k for k in current if k in known],
                                    key=f"fix_places-{key}", format_func=lambda k: _label(known[k]),
                                    help="Remove a place detected by mistake, or add one found elsewhere.")
            submitted = st.form_submit_button("Save correction")
        if event["corrected"] and st.button("Undo corrections", key=f"fix_undo-{key}"):
            queries.undo_corrections(event)
            st.session_state["correction_notice"] = "Corrections removed: the event is as extracted again."
            st.rerun()
    if not submitted:
        return
    changes: dict = {}
    if start and (start, end, granularity) != (as_day(event["start"]), as_day(event["end"]), event["granularity"]):
        changes.update(start=start, end=end or start, granularity=granularity)
    if chosen != [k for k in current if k in known]:
        changes["places"] = [known[k] for k in chosen]
    if not changes:
        st.info("Nothing to correct: change the date or the places first.")
        return
    try:
        queries.correct_event(event, **changes)
    except extract.ExtractError as error:
        st.error(inert_markdown(error))
        return
    fields = " and ".join((["date"] if "start" in changes else []) + (["places"] if "places" in changes else []))
    st.session_state["correction_notice"] = (f"Corrected the {fields} of the event in {inert_markdown(event['document'])}: "
                                             "it is marked ✎ in the table.")
    st.rerun()


def notice() -> None:
    """What the last correction did (the table's selection is cleared by it)."""
    if message := st.session_state.pop("correction_notice", None):
        st.success(message)


def _label(place: dict) -> str:
    return f"{place['name']} ({place['country_code']})" if place.get("country_code") else place["name"]
