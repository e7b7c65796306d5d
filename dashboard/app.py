"""newsmap: the events of Arabic and English news on a map and a timeline.

    python -m streamlit run dashboard/app.py

Layout and wiring only: data comes from queries.py, each view is drawn by its own module.
"""
import dataclasses
import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from dashboard import (corrections, documents, events_table, filters, map_view, playback, queries,  # noqa: E402
                       selection, snapshot, style, timeline)
from dashboard.formats import country_colours, date_label  # noqa: E402
from extract import StoreError  # noqa: E402

st.set_page_config(page_title="newsmap", page_icon="🗺️", layout="wide")
st.markdown(style.CSS, unsafe_allow_html=True)

# Sidebar: the filters (kept in the URL) and the display options.
try:
    columns = queries.columns()
except StoreError as error:
    st.error(f"The store cannot be opened: {error}. Set NEWSMAP_DB to a SQLite file or a postgresql:// URL.")
    st.stop()
document_list = queries.documents()
chosen = filters.sidebar(list(columns.countries), queries.place_names(columns),
                         queries.span_of(columns, columns.dated), document_list)
st.sidebar.divider()
group_by = st.sidebar.radio("Timeline rows", list(timeline.GROUPS), horizontal=True, key="group_by")
web_tiles = st.sidebar.toggle("Web map tiles", key="web_tiles",
                              help="Needs internet. Without it the map draws the bundled country boundaries.")
all_arcs = st.sidebar.toggle("All movements", key="all_arcs",
                             help=f"The map draws the {map_view.TOP_ARCS} busiest routes; this draws up to "
                                  f"{map_view.ALL_ARCS:,}.")

# The filters, then what was picked in the views (kept in the URL with them): the span brushed
# on the timeline or the playback's period, the places clicked on the map, the event selected.
# Each is a mask over the events (dashboard.aggregates); the views get counts and pages of rows.
shown = queries.chosen(columns, chosen)
picked = selection.current()
# A colour per country in view, the busiest first, the same on the map, its legend and the timeline.
colours = country_colours(queries.country_counts(columns, shown))

st.title("newsmap")
st.caption("Dated events and the places they happen, from Arabic and English news.")
numbers = st.container()
period = playback.controls(queries.span_of(columns, shown))
span = period or picked.span
in_span = queries.chosen(columns, chosen, span=span) if span else shown
listed = queries.chosen(columns, chosen, span=span, place_keys=picked.places) if picked.places else in_span
focus, focus_places = queries.focus_event(columns, listed, picked.event)
# The map's view: the shared link's or the one panned or zoomed to, while the filters and the
# brushed span hold; else fitted to their places (the playback's period moves the marks, not the view).
brushed = queries.chosen(columns, chosen, span=picked.span) if period and picked.span else shown
the_map = map_view.plan(queries.place_counts(columns, in_span), queries.arc_counts(columns, in_span), colours,
                        picked.places, tuple(focus_places), selection.kept_view((chosen.to_query_params(), picked.span)),
                        all_arcs, fit_to=queries.place_counts(columns, brushed) if period else None)
filters.keep_in_url(chosen.to_query_params(), dataclasses.replace(picked, view=the_map.view).to_query_params())
# Notes that come and go are written into placeholders (st.empty) that are always there, so the
# map and the timeline keep their place in the page: moved, the browser lays them out and draws
# them again (the map twice, in software WebGL, a second or more each at a million events).
hidden_note = st.empty()
st.subheader("Map")
picked_note = st.empty()
if picked.places:
    picked_note.caption(f"{len(picked.places)} place(s) selected on the map (ringed): the timeline, the figures and "
                        "the table show only their events. Click an empty spot of the map to clear.")
map_view.draw(the_map, web_tiles)

# The figures above the map and its notes are filled in once the map has left: the browser
# sets up and draws the map (the longest part of a rerun's drawing) while they are worked out.
narrowed = bool(chosen.narrows() or span or picked.places)
in_view = (document_list.loc[document_list["document_id"].isin(queries.document_ids(columns, listed))]
           if narrowed else document_list)

figures = numbers.columns([1, 1, 1, 3])
figures[0].metric("Documents", len(in_view), help=f"{len(document_list):,} in the store")
figures[1].metric("Events shown", f"{int(listed.sum()):,}", help=f"{len(columns):,} events in all")
figures[2].metric("Places", queries.place_total(columns, listed))
extent = queries.span_of(columns, listed)
figures[3].metric("Span", date_label(extent[0], extent[1], "range") if extent else "—")
if not chosen.include_undated:
    undated = int((queries.chosen(columns, dataclasses.replace(chosen, start=None, end=None, include_undated=True))
                   & ~columns.dated).sum())
    if undated:
        hidden_note.caption(f"{undated} undated event(s) hidden: tick “Include undated events” in the sidebar to "
                            "list them.")

st.subheader("Timeline")
span_note = st.empty()
if period:
    span_note.caption(f"Playback: {date_label(period[0], period[1], 'range')}.")
elif span:
    span_note.caption(f"Brushed on the timeline: {date_label(span[0], span[1], 'range')}. "
                      "Click outside the grey span to clear.")
on_timeline = (queries.chosen(columns, chosen, place_keys=picked.places) if picked.places else shown) & columns.dated
if on_timeline.sum() <= timeline.MAX_EVENTS:
    the_timeline = timeline.draw(*queries.event_page(columns, on_timeline, 0, timeline.MAX_EVENTS), colours,
                                 group_by, span, picked.event)
else:
    the_timeline = timeline.draw_counts(*queries.time_bins(columns, on_timeline), int(on_timeline.sum()),
                                        colours, span)

st.subheader("Events")


@st.fragment
def events_section(listed) -> None:
    """The table one page at a time: paging reruns this part of the page only."""
    total = int(listed.sum())
    pages = max(1, -(-total // events_table.PAGE_ROWS))
    number = 1
    if pages > 1:
        number = st.number_input(f"Page (of {pages:,}; {events_table.PAGE_ROWS} events a page, by date)",
                                 min_value=1, max_value=pages, key="events_page")
    page_events, _ = queries.event_page(columns, listed, number - 1, events_table.PAGE_ROWS)
    # Keyed on the store's revision: when the events change (an upload, a correction, an ingest)
    # the selection is cleared rather than left on whichever event took the selected row's place.
    events_table.draw(page_events, key=f"events_table-{columns.revision}"
                                       + (f"-page{number}" if number > 1 else ""))
    if selection.current().event != picked.event:      # a row selected: every view follows
        st.rerun()


events_section(listed)
corrections.notice()
if focus is not None:
    events_table.detail(focus, queries.mentions(focus), queries.article(focus))
    corrections.draw(focus, queries.known_places(columns.places), focus_places)
else:
    st.caption("Select a row, or click an event on the timeline, to read its sentence with the date and places "
               "highlighted.")
csv_button, geojson_button, png_button, _ = st.columns([1, 1, 1.6, 2.4])
csv_button.download_button("⬇ CSV", lambda: queries.export_chosen(columns, listed, "csv"),
                           file_name="newsmap-events.csv", mime="text/csv", width="stretch")
geojson_button.download_button("⬇ GeoJSON", lambda: queries.export_chosen(columns, listed, "geojson"),
                               file_name="newsmap-events.geojson", mime="application/geo+json", width="stretch")
png_button.download_button("⬇ Map and timeline (PNG)",
                           lambda: snapshot.png(the_map, the_timeline, snapshot.caption(chosen, span, picked.places,
                                                                                        int(listed.sum()))),
                           file_name="newsmap-map-timeline.png", mime="image/png", width="stretch", on_click="ignore",
                           help="The map as drawn (without web tiles) and the timeline, for a report")

st.subheader("Documents")
documents.draw_list(in_view)
documents.draw_upload()
