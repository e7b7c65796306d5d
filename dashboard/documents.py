"""The documents: the list (a publication date can be given or corrected, which re-resolves the
document's events) and the upload of new articles."""
from __future__ import annotations


import pandas as pd
import streamlit as st

import extract
from extract.documents import SIDECAR_SUFFIX, Source

from . import queries
from .days import as_day
from .markup import inert_markdown

LANGUAGES = ["ar", "en", "fr", "es", "de", "it", "pt", "ru", "fa", "und"]


def draw_list(documents: pd.DataFrame) -> None:
    """The documents in view, and a form to give one a publication date (which re-resolves
    its relative dates: "Thursday", "الشهر الماضي")."""
    st.dataframe(documents.rename(columns={"document": "Title", "lang": "Language", "published": "Published",
                                           "events": "Events", "undated": "Undated"})
                 [["Title", "Language", "Published", "Events", "Undated"]],
                 hide_index=True, width="stretch", height=min(300, 35 * (len(documents) + 1) + 3),
                 column_config={"Published": st.column_config.DateColumn(format="YYYY-MM-DD")})
    editable = documents.loc[documents["editable"]]
    if editable.empty:
        return
    # Documents without a date first: they are the ones whose events cannot be placed in time.
    editable = editable.assign(no_date=editable["published"].isna()).sort_values("no_date", ascending=False,
                                                                                 kind="stable")
    titles = dict(zip(editable["document_id"], editable["document"]))
    undated = set(editable.loc[editable["published"].isna(), "document_id"])
    with st.form("publication_date", border=False):
        which, when, go = st.columns([3, 2, 2], vertical_alignment="bottom")
        document_id = which.selectbox("Document", list(titles), key="date_document",
                                      format_func=lambda i: ("⚠ no date — " if i in undated else "") + titles[i])
        published = when.date_input("Publication date", value=None, key="date_value", format="YYYY-MM-DD")
        if go.form_submit_button("Set date and re-resolve", width="stretch") and published:
            with st.spinner("Re-resolving dates…"):
                result = queries.set_published(document_id, published)
            events = result.analysis.events
            resolved = sum(1 for event in events if event.date.resolved)
            st.session_state["documents_notice"] = (f"{inert_markdown(titles[document_id])}: published {published:%d %b %Y}; "
                                                    f"{resolved} of {len(events)} events dated.")
            st.session_state["documents_warnings"] = list(result.warnings)
            st.rerun()


def draw_upload() -> None:
    """Upload .txt, .md or .html articles, check their date and language, and analyse them."""
    if notice := st.session_state.pop("documents_notice", None):
        st.success(notice)
    for warning in st.session_state.pop("documents_warnings", []):    # corrections left without an event
        st.warning(inert_markdown(warning))
    round_ = st.session_state.setdefault("upload_round", 0)
    files = st.file_uploader("Add articles (.txt, .md, .html — several at once; drop a FILE.meta.json sidecar "
                             "with its article to give its date, title, language or source)",
                             type=["txt", "md", "html", "htm", "json"], accept_multiple_files=True,
                             key=f"upload-{round_}")
    if not files:
        return
    by_name = {file.name: file for file in files}
    articles, sidecars, orphans = queries.pair_uploads(list(by_name))
    sources, problems = [], [f"{name}: a sidecar without its article ({name[:-len(SIDECAR_SUFFIX)]}): "
                             "drop both together" for name in orphans]
    for name in articles:
        try:
            sidecar = by_name[sidecars[name]].getvalue() if name in sidecars else None
            sources.append(queries.read_upload(name, by_name[name].getvalue(), sidecar))
        except extract.InputError as error:
            problems.append(str(error))
    for problem in problems:
        st.error(inert_markdown(problem))
    if not sources:
        return
    default = st.date_input("Publication date of these articles", value=None, key=f"upload-date-{round_}",
                            format="YYYY-MM-DD",
                            help="For every file that does not carry its own date (a sidecar or an HTML "
                                 "page's). Change single files in the table below.")
    # Days as datetimes: a missing one is an empty cell (not "None"), shown YYYY-MM-DD like the rest.
    pending = pd.DataFrame({"File": [s.path for s in sources], "Title": [s.title for s in sources],
                            "Published": pd.to_datetime([s.published or default for s in sources]),
                            "Language": [s.lang if s.lang in LANGUAGES else "und" for s in sources],
                            "Metadata": ["sidecar" if s.path in sidecars else "" for s in sources]})
    st.caption("Check each article's publication date (it resolves 'Thursday', 'last month'…) and language "
               "(detected).")
    checked = st.data_editor(pending, key=f"pending-{round_}-{default}", hide_index=True, width="stretch",
                             disabled=["File", "Metadata"],
                             column_config={"Published": st.column_config.DateColumn(format="YYYY-MM-DD"),
                                            "Language": st.column_config.SelectboxColumn(options=LANGUAGES,
                                                                                         required=True)})
    if not st.button(f"Analyse {len(sources)} document{'s' if len(sources) > 1 else ''}", type="primary",
                     key=f"analyse-{round_}"):
        return
    progress = st.progress(0.0, text="Analysing…")
    added = 0
    for number, (source, row) in enumerate(zip(sources, checked.itertuples(index=False)), start=1):
        progress.progress((number - 1) / len(sources), text=f"Analysing {source.path} ({number}/{len(sources)})")
        title = row.Title or source.title
        source = Source(source.text, source.path, source.published, title, source.source_url,
                        source.lang, source.encoding)
        analysis = queries.add_document(source, as_day(row.Published), row.Language or "auto")
        added += len(analysis.events)
    progress.progress(1.0, text="Done")
    st.session_state["upload_round"] = round_ + 1
    st.session_state["documents_notice"] = (f"Added {len(sources)} document{'s' if len(sources) > 1 else ''} "
                                            f"with {added} event{'s' if added != 1 else ''}.")
    st.rerun()
