"""newsmap: the events of Arabic and English news on a map and a timeline.

    python -m streamlit run dashboard/app.py

Layout and wiring only: data comes from queries.py, each view is drawn by its own module.
"""
import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from dashboard import (corrections, documents, events_table, filters, map_view, playback, queries,  # noqa: E402
                       selection, style, timeline)
from dashboard.formats import country_colours, date_label  # noqa: E402
from extract import StoreError  # noqa: E402

st.set_page_config(page_title="newsmap", page_icon="🗺️", layout="wide")
st.markdown(style.CSS, unsafe_allow_html=True)

# Sidebar: the filters (kept in the URL) and the display options.
try:
    events, places = queries.events()
except StoreError as error:
    st.error(f"The store cannot be opened: {error}. Set NEWSMAP_DB to a SQLite file or a postgresql:// URL.")
    st.stop()
document_list = queries.documents()
chosen = filters.sidebar(events, places, document_list)
st.sidebar.divider()
group_by = st.sidebar.radio("Timeline rows", list(timeline.GROUPS), horizontal=True, key="group_by")
web_tiles = st.sidebar.toggle("Web map tiles", key="web_tiles",
                              help="Needs internet. Without it the map draws the bundled country boundaries.")

# The filters, then what was picked in the views (kept in the URL with them): the span brushed
# on the timeline or the playback's period, the places clicked on the map, the event selected.
shown = filters.apply(events, places, chosen)
picked = selection.current()
# A colour per country in view, the busiest first, the same on the map, its legend and the timeline.
colours = country_colours(places.loc[places["row"].isin(shown["row"]), "country"])

st.title("newsmap")
st.caption("Dated events and the places they happen, from Arabic and English news.")
numbers = st.container()
period = playback.controls(shown)
span = period or picked.span
in_span = filters.within(shown, span)
listed = filters.at_places(in_span, places, list(picked.places))
focus = events_table.find(listed, picked.event)
filters.keep_in_url(chosen.to_query_params(), picked.to_query_params())
narrowed = bool(chosen.narrows() or span or picked.places)
in_view = (document_list.loc[document_list["document_id"].isin(listed["document_id"])] if narrowed
           else document_list)

figures = numbers.columns([1, 1, 1, 3])
figures[0].metric("Documents", len(in_view), help=f"{len(document_list):,} in the store")
figures[1].metric("Events shown", f"{len(listed):,}", help=f"{len(events):,} events in all")
figures[2].metric("Places", places.loc[places["row"].isin(listed["row"]), "place_key"].nunique())
dated = listed.loc[listed["dated"]]
figures[3].metric("Span", date_label(dated["start"].min(), dated["end"].max(), "range") if len(dated) else "—")
undated = 0 if chosen.include_undated else len(filters.undated_hidden(events, places, chosen))
if undated:
    st.caption(f"{undated} undated event(s) hidden: tick “Include undated events” in the sidebar to list them.")

st.subheader("Map")
if picked.places:
    st.caption(f"{len(picked.places)} place(s) selected on the map (ringed): the timeline, the figures and the "
               "table show only their events. Click an empty spot of the map to clear.")
map_view.draw(in_span, places, colours, web_tiles, picked.places, focus, picked.view)

st.subheader("Timeline")
if period:
    st.caption(f"Playback: {date_label(period[0], period[1], 'range')}.")
elif span:
    st.caption(f"Brushed on the timeline: {date_label(span[0], span[1], 'range')}. "
               "Click outside the grey span to clear.")
timeline.draw(filters.at_places(shown, places, list(picked.places)), places, colours, group_by, span,
              picked.event)

st.subheader("Events")
# Keyed on the store's revision: when the events change (an upload, a correction, an ingest)
# the selection is cleared rather than left on whichever event took the selected row's place.
events_table.draw(listed, key=f"events_table-{queries.revision()}")
corrections.notice()
if focus is not None:
    events_table.detail(focus, queries.mentions(focus), queries.article(focus))
    corrections.draw(focus, queries.known_places(places),
                     places.loc[places["row"] == focus["row"], "place_key"].tolist())
else:
    st.caption("Select a row, or click an event on the timeline, to read its sentence with the date and places "
               "highlighted.")
csv_button, geojson_button, _ = st.columns([1, 1, 4])
csv_button.download_button("⬇ CSV", lambda: queries.export_file(listed, "csv"),
                           file_name="newsmap-events.csv", mime="text/csv", width="stretch")
geojson_button.download_button("⬇ GeoJSON", lambda: queries.export_file(listed, "geojson"),
                               file_name="newsmap-events.geojson", mime="application/geo+json", width="stretch")

st.subheader("Documents")
documents.draw_list(in_view)
documents.draw_upload()
