"""What the analyst picked in the views — the span brushed on the timeline, the places clicked
on the map, the event selected in the table or on the timeline, the map's view — kept in the
session and in the URL (`?span=2023-09-01..2023-09-30&at=gn:2044757&event=…&view=130.3,42.2,4`),
so that every view follows it and a shared link opens on it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from .days import as_day

# Session keys, filled from the URL once per session and then by the views' callbacks.
_SPAN, _PLACES, _EVENT, _VIEW = "sel_span", "sel_places", "sel_event", "sel_view"
KEYS = (_SPAN, _PLACES, _EVENT, _VIEW)
# The filters and span the view was had with (the link's, or the map's when panned or zoomed by
# hand): the view holds while they do. A pan or zoom notes it, to be taken on the next run.
_VIEW_CONTEXT, _VIEW_BY_HAND = "sel_view_context", "sel_view_by_hand"
URL_KEYS = ("span", "at", "event", "view")


@dataclass(frozen=True)
class Selection:
    span: tuple[dt.date, dt.date] | None = None          # brushed on the timeline
    places: tuple[str, ...] = ()                          # place keys clicked on the map
    event: str | None = None                              # event id selected in the table or timeline
    view: tuple[float, float, float] | None = None        # the map's longitude, latitude and zoom

    def to_query_params(self) -> dict[str, str | list[str]]:
        params: dict[str, str | list[str]] = {}
        if self.span:
            params["span"] = f"{self.span[0].isoformat()}..{self.span[1].isoformat()}"
        if self.places:
            params["at"] = list(self.places)
        if self.event:
            params["event"] = self.event
        if self.view:
            params["view"] = ",".join(f"{value:g}" for value in (round(self.view[0], 4), round(self.view[1], 4),
                                                                 round(self.view[2], 2)))
        return params

    @classmethod
    def from_query_params(cls, params) -> "Selection":
        """From st.query_params (or a dict of str / list of str); bad values are ignored."""
        get_all = params.get_all if hasattr(params, "get_all") else (
            lambda key: v if isinstance(v := params.get(key, []), list) else [v])
        first = lambda key: (get_all(key) or [""])[0]  # noqa: E731
        return cls(span=parse_span(first("span")), places=tuple(p for p in get_all("at") if p),
                   event=first("event") or None, view=_parse_view(first("view")))


def parse_span(value: str) -> tuple[dt.date, dt.date] | None:
    """"2023-09-01..2023-09-30" -> the two days (in order); None when malformed."""
    try:
        first, last = (as_day(part) for part in value.split(".."))
    except ValueError:
        return None
    if first is None or last is None:
        return None
    return (first, last) if first <= last else (last, first)


def _parse_view(value: str) -> tuple[float, float, float] | None:
    try:
        longitude, latitude, zoom = (float(part) for part in value.split(","))
    except ValueError:
        return None
    if not (-180 <= longitude <= 180 and -85 <= latitude <= 85 and 0 <= zoom <= 20):
        return None
    return longitude, latitude, zoom


def current() -> Selection:
    """The selection of this session, read from the URL the first time."""
    if "selection_from_url" not in st.session_state:
        load(Selection.from_query_params(st.query_params))
        st.session_state["selection_from_url"] = True
    return Selection(st.session_state.get(_SPAN), tuple(st.session_state.get(_PLACES) or ()),
                     st.session_state.get(_EVENT), st.session_state.get(_VIEW))


def kept_view(context) -> tuple[float, float, float] | None:
    """The map's view to keep — the one the session's link opened with, or the one the analyst
    panned or zoomed to — while the filters and the brushed span (`context`: what decides the
    places drawn) are still those it was had with; once they change, None: the map is fitted to
    the places again. What is clicked, selected or played back keeps the view."""
    if st.session_state.pop(_VIEW_BY_HAND, False):
        st.session_state[_VIEW_CONTEXT] = context
    if st.session_state.setdefault(_VIEW_CONTEXT, context) != context:
        st.session_state[_VIEW_CONTEXT] = context
        st.session_state[_VIEW] = None
    return st.session_state.get(_VIEW)


def load(selection: Selection) -> None:
    st.session_state[_SPAN] = selection.span
    st.session_state[_PLACES] = list(selection.places)
    st.session_state[_EVENT] = selection.event
    st.session_state[_VIEW] = selection.view


def clear() -> None:
    load(Selection())


def set_span(span: tuple[dt.date, dt.date] | None) -> None:
    st.session_state[_SPAN] = span


def set_places(place_keys: list[str]) -> None:
    st.session_state[_PLACES] = list(place_keys)


def set_event(event_id: str | None) -> None:
    st.session_state[_EVENT] = event_id


def set_view_by_hand(view: tuple[float, float, float]) -> None:
    """The view the analyst panned or zoomed the map to (reported by the map's component)."""
    longitude, latitude, zoom = view
    st.session_state[_VIEW] = _parse_view(f"{(longitude + 180) % 360 - 180},{latitude},{zoom}")
    st.session_state[_VIEW_BY_HAND] = True
