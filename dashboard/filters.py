"""The sidebar filters, kept in the URL so that a view can be shared, and applied to the events."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from . import selection
from .days import parse_day
from .formats import country_name
from .markup import inert_markdown

# URL key -> widget key. Lists (country, place, doc) repeat in the URL: ?country=KP&country=RU.
_SCALARS = {"from": "f_dates", "to": "f_dates", "q": "f_text", "undated": "f_undated", "story": "f_story"}
_LISTS = {"country": "f_countries", "place": "f_places", "doc": "f_documents"}
_EARLIEST, _LATEST = dt.date(1800, 1, 1), dt.date(2200, 12, 31)


@dataclass(frozen=True)
class Filters:
    """What the analyst asked to see. Empty means "no restriction"."""
    start: dt.date | None = None
    end: dt.date | None = None
    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    text: str = ""
    include_undated: bool = False
    # Events whose sentence has no date, dated by the story or the publication day (date_source).
    include_story_dated: bool = True

    def narrows(self) -> bool:
        """Whether any filter but "include undated" is set."""
        return self != Filters(include_undated=self.include_undated)  # "story" only hides, but does narrow

    def to_query_params(self) -> dict[str, str | list[str]]:
        params: dict[str, str | list[str]] = {}
        if self.start:
            params["from"] = self.start.isoformat()
        if self.end:
            params["to"] = self.end.isoformat()
        for name, values in (("country", self.countries), ("place", self.places), ("doc", self.documents)):
            if values:
                params[name] = list(values)
        if self.text:
            params["q"] = self.text
        if self.include_undated:
            params["undated"] = "1"
        if not self.include_story_dated:
            params["story"] = "0"
        return params

    @classmethod
    def from_query_params(cls, params) -> "Filters":
        """Filters from st.query_params (or a dict of str / list of str); bad values are ignored."""
        get_all = params.get_all if hasattr(params, "get_all") else (
            lambda key: v if isinstance(v := params.get(key, []), list) else [v])
        first = lambda key: (get_all(key) or [""])[0]  # noqa: E731
        return cls(start=_url_day(first("from")), end=_url_day(first("to")),
                   countries=tuple(get_all("country")), places=tuple(get_all("place")),
                   documents=tuple(get_all("doc")), text=first("q").strip(),
                   include_undated=first("undated") in ("1", "true", "yes"),
                   include_story_dated=first("story") not in ("0", "false", "no"))


def _url_day(value: str) -> dt.date | None:
    """A day from the URL; None when it is not one or lies outside what the date inputs accept
    (a Streamlit widget given such a value stops the page)."""
    day = parse_day(value)
    return day if day is None or _EARLIEST <= day <= _LATEST else None


def url_problems(params) -> list[str]:
    """What the URL asked for that `Filters.from_query_params` had to ignore, in words."""
    problems = []
    for key, what in (("from", "From"), ("to", "To")):
        value = params.get(key)
        value = value[0] if isinstance(value, list) and value else value
        if value and _url_day(value) is None:
            problems.append(f"The link's {what} date {value[:40]!r} was ignored: the dates go from "
                            f"{_EARLIEST:%Y-%m-%d} to {_LATEST:%Y-%m-%d}, written YYYY-MM-DD.")
    return problems


def sidebar(countries: list[str], places: list[str], span: tuple[dt.date, dt.date] | None,
            documents: pd.DataFrame) -> Filters:
    """Draw the filters in the sidebar, starting from the URL, and keep the URL up to date.
    `countries` (codes) and `places` (names, sorted) are the choices, `span` the first and last
    day of the events."""
    if "filters_from_url" not in st.session_state:
        _load_widgets(Filters.from_query_params(st.query_params), only_set=True)
        st.session_state["filters_from_url"] = True
        st.session_state["url_problems"] = url_problems(st.query_params)
    bar = st.sidebar
    bar.header("Filters")
    for problem in st.session_state.get("url_problems", []):
        bar.warning(inert_markdown(problem))
    # One input for the range: two would rerun the page twice.
    dates = bar.date_input("Dates", key="f_dates", min_value=_EARLIEST, max_value=_LATEST, format="YYYY-MM-DD",
                           help=f"Events from {span[0]} to {span[1]}. Pick the first day, then the last."
                           if span else "Pick the first day, then the last.")
    dates = tuple(dates) if isinstance(dates, (tuple, list)) else ((dates,) if dates else ())
    start = dates[0] if dates and dates[0] != _EARLIEST else None
    end = dates[1] if len(dates) > 1 and dates[1] != _LATEST else None
    country_options = sorted(set(countries) - {""}, key=country_name)
    countries = bar.multiselect("Country", _with_selected(country_options, "f_countries"),
                                key="f_countries", format_func=country_name, placeholder="All countries")
    chosen_places = bar.multiselect("Place", _with_selected(places, "f_places"), key="f_places",
                                    placeholder="All places")
    titles = dict(zip(documents["document_id"], documents["document"]))
    chosen_documents = bar.multiselect("Document", _with_selected(list(titles), "f_documents"),
                                       key="f_documents", format_func=lambda i: titles.get(i, i),
                                       placeholder="All documents")
    text = bar.text_input("Search the sentences", key="f_text", placeholder="e.g. ammunition, لافروف")
    include_undated = bar.checkbox("Include undated events", key="f_undated",
                                   help="Events whose date could not be resolved (e.g. the document has "
                                        "no publication date). They are not on the timeline.")
    include_story_dated = bar.toggle("Events dated by the story", key="f_story",
                                     help="Happenings told without a date in their sentence, dated by the "
                                          "story's latest day or the publication day. Hollow on the timeline.")
    bar.button("Clear filters", width="stretch", on_click=_clear)
    return Filters(start, end, tuple(countries), tuple(chosen_places), tuple(chosen_documents),
                   text.strip(), include_undated, include_story_dated)


def keep_in_url(*parts: dict[str, str | list[str]]) -> None:
    """Write the filters and the views' selection to the URL (when they changed), so that
    copying the address shares the view."""
    params = {key: value for part in parts for key, value in part.items()}
    if params != _current_params():
        st.query_params.from_dict(params)


def _clear() -> None:
    """The "Clear filters" button: runs before the widgets are drawn again, so it may reset them.
    What was picked in the views (span, places, event) goes too."""
    _load_widgets(Filters())
    selection.clear()
    st.query_params.clear()


def _current_params() -> dict:
    return {key: (st.query_params.get_all(key) if key in _LISTS or key == "at" else st.query_params.get(key))
            for key in st.query_params}


def _with_selected(options: list[str], key: str) -> list[str]:
    """The options plus whatever the URL already selected (a shared link may name a place that
    is not in this session's documents; keep it rather than raising)."""
    selected = st.session_state.get(key) or []
    return options + [value for value in selected if value not in options]


def _load_widgets(filters: Filters, only_set: bool = False) -> None:
    """Set the widgets to `filters`; `only_set`: leave the lists that `filters` leaves empty
    unset. A list set from the script goes to the browser with its value, so the page's next run
    sends the whole widget again (the place list: 5,000 names, 63 KB, and their redraw, at
    100,000 events); one left at its default is the same in every run."""
    st.session_state["f_dates"] = ((filters.start or _EARLIEST, filters.end or _LATEST)
                                   if filters.start or filters.end else ())
    for key, values in (("f_countries", filters.countries), ("f_places", filters.places),
                        ("f_documents", filters.documents)):
        if values or not only_set:
            st.session_state[key] = list(values)
    st.session_state["f_text"] = filters.text
    st.session_state["f_undated"] = filters.include_undated
    st.session_state["f_story"] = filters.include_story_dated


def apply(events: pd.DataFrame, places: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events that pass every filter. A dated event passes a date range when its interval
    overlaps it (a month that straddles the range is kept); an undated one only when
    include_undated is set."""
    keep = pd.Series(True, index=events.index)
    if filters.start or filters.end:
        in_range = events["dated"].copy()
        if filters.start:
            in_range &= events["end"] >= pd.Timestamp(filters.start)
        if filters.end:
            in_range &= events["start"] <= pd.Timestamp(filters.end)
        keep &= in_range | (~events["dated"] & filters.include_undated)
    elif not filters.include_undated:
        keep &= events["dated"]
    if not filters.include_story_dated:
        keep &= events["date_source"] == "text"
    if filters.documents:
        keep &= events["document_id"].isin(filters.documents)
    if filters.countries or filters.places:
        located = places
        if filters.countries:
            located = located[located["country"].isin(filters.countries)]
        if filters.places:
            located = located[located["place"].isin(filters.places)]
        keep &= events["row"].isin(located["row"])
    if filters.text:
        needle = filters.text.casefold()
        keep &= (events["sentence"].str.casefold().str.contains(needle, regex=False)
                 | events["places"].str.casefold().str.contains(needle, regex=False)
                 | events["document"].astype(str).str.casefold().str.contains(needle, regex=False))
    return events.loc[keep]


def undated_hidden(events: pd.DataFrame, places: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The undated events that pass every other filter: what "Include undated events" would add."""
    undated = events.loc[~events["dated"]]
    return apply(undated, places, dataclasses.replace(filters, start=None, end=None, include_undated=True))


def within(events: pd.DataFrame, span: tuple[dt.date, dt.date] | None) -> pd.DataFrame:
    """The events whose interval overlaps a span chosen on the timeline (all when no span)."""
    if span is None:
        return events
    first, last = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    return events.loc[events["dated"] & (events["end"] >= first) & (events["start"] <= last)]


def at_places(events: pd.DataFrame, places: pd.DataFrame, place_keys: list[str]) -> pd.DataFrame:
    """The events at the places selected on the map (all when none is selected)."""
    if not place_keys:
        return events
    return events.loc[events["row"].isin(places.loc[places["place_key"].isin(place_keys), "row"])]
