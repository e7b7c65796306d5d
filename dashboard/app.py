"""newsmap: the events of Arabic and English news on a map and a timeline.

    python -m streamlit run dashboard/app.py

Layout and wiring only: data comes from queries.py, each view is drawn by its own module.
"""
import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from dashboard import corrections, documents, events_table, filters, map_view, queries, style, timeline  # noqa: E402
from dashboard.formats import date_label  # noqa: E402
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

# The filters, then the span brushed on the timeline, then the places picked on the map.
shown = filters.apply(events, places, chosen)
span = timeline.brushed_span(st.session_state.get("timeline"))
in_span = filters.within(shown, span)

st.title("newsmap")
st.caption("Dated events and the places they happen, from Arabic and English news.")
numbers = st.columns([1, 1, 1, 3])
numbers[0].metric("Documents", len(document_list))
numbers[2].metric("Places", places.loc[places["row"].isin(in_span["row"]), "place_key"].nunique())
dated = in_span.loc[in_span["dated"]]
numbers[3].metric("Span", date_label(dated["start"].min(), dated["end"].max(), "range") if len(dated) else "—")
undated = 0 if chosen.include_undated else len(filters.undated_hidden(events, places, chosen))
if undated:
    st.caption(f"{undated} undated event(s) hidden: tick “Include undated events” in the sidebar to list them.")

st.subheader("Map")
picked_places = map_view.draw(in_span, places, web_tiles)

st.subheader("Timeline")
if span:
    st.caption(f"Brushed on the timeline: {date_label(span[0], span[1], 'range')}. "
               "Click outside the grey span to clear.")
timeline.draw(shown, places, group_by)

st.subheader("Events")
listed = filters.at_places(in_span, places, picked_places)
numbers[1].metric("Events shown", f"{len(listed):,}", help=f"{len(events):,} events in all")
if picked_places:
    st.caption(f"Only the events at the {len(picked_places)} place(s) selected on the map.")
# Keyed on the store's revision: when the events change (an upload, a correction, an ingest)
# the selection is cleared rather than left on whichever event took the selected row's place.
selected = events_table.draw(listed, key=f"events_table-{queries.revision()}")
corrections.notice()
if selected is not None:
    events_table.detail(selected, queries.mentions(selected))
    corrections.draw(selected, queries.known_places(places),
                     places.loc[places["row"] == selected["row"], "place_key"].tolist())
else:
    st.caption("Select a row to read its sentence with the date and places highlighted.")
csv_button, geojson_button, _ = st.columns([1, 1, 4])
csv_button.download_button("⬇ CSV", lambda: queries.export_file(listed, "csv"),
                           file_name="newsmap-events.csv", mime="text/csv", width="stretch")
geojson_button.download_button("⬇ GeoJSON", lambda: queries.export_file(listed, "geojson"),
                               file_name="newsmap-events.geojson", mime="application/geo+json", width="stretch")

st.subheader("Documents")
documents.draw_list(document_list)
documents.draw_upload()
