"""The events table and the detail of one event: its sentence with the date and places marked."""
from __future__ import annotations

import functools
import html
import json

import pandas as pd
import streamlit as st

from . import selection
from .formats import date_label, date_labels
from .markup import inert, inert_lines

# The table shows a page of this many rows at a time (the exports have them all).
PAGE_ROWS = 200
_RTL = {"ar", "fa", "ur", "he"}
# Pixel widths of the table's text columns (with ✎ 30, Date 160 and the selection boxes they
# fit the 980 pixels the table has in a 1440-pixel-wide window).
COLUMN_WIDTHS = {"Sentence": 410, "Places": 170, "Document": 150}


def draw(events: pd.DataFrame, key: str = "events_table") -> None:
    """Draw the events table (sorted by date); selecting a row selects its event in every view
    (dashboard.selection)."""
    ordered = events.sort_values(["start", "end"], na_position="last", kind="stable")
    # The columns fit a 1440-pixel-wide page without scrolling sideways: a sentence cut by the
    # grid's edge would hide the beginning of an Arabic sentence (its right end). The grid itself
    # right-aligns a cell that starts in Arabic, so its first words show and the end is clipped.
    table = pd.DataFrame({"✎": ordered["corrected"].map(lambda fields: "✎" if fields else ""),
                          "Date": date_labels(ordered), "Sentence": ordered["sentence"],
                          "Places": ordered["places"], "Document": ordered["document"]})
    st.dataframe(table, hide_index=True, width="stretch", height=min(360, 35 * (len(table) + 1) + 3),
                         on_select=functools.partial(_on_select, key, tuple(ordered["event_id"])),
                         selection_mode="single-row", key=key,
                         column_config={"✎": st.column_config.TextColumn(width=30, help="Corrected by a user"),
                                        "Date": st.column_config.TextColumn(
                                            width=160, help="At its real precision: a day, a month, a range, a year"),
                                        "Sentence": st.column_config.TextColumn(width=COLUMN_WIDTHS["Sentence"]),
                                        "Places": st.column_config.TextColumn(width=COLUMN_WIDTHS["Places"]),
                                        "Document": st.column_config.TextColumn(width=COLUMN_WIDTHS["Document"])})


def _on_select(key: str, event_ids: tuple[str, ...]) -> None:
    state = st.session_state.get(key) or {}
    rows = (state.get("selection") or {}).get("rows") or []
    selection.set_event(event_ids[rows[0]] if rows and rows[0] < len(event_ids) else None)


def find(events: pd.DataFrame, event_id: str | None) -> pd.Series | None:
    """The event with this id among `events`, or None (not selected, or filtered out)."""
    if not event_id:
        return None
    found = events.loc[events["event_id"] == event_id]
    return found.iloc[0] if len(found) else None


def detail(event: pd.Series, mentions: list | None = None, article=None) -> None:
    """The event's sentence, escaped, with its date and place mentions highlighted ([start, end,
    kind] offsets; the event's own "mentions" column when not given); right to left for Arabic.
    With its `article` (queries.Article): a link to the source and the whole text, the event's
    sentence marked in it."""
    if mentions is None:
        mentions = json.loads(event["mentions"] or "[]")
    st.markdown(highlighted_sentence(event["sentence"], mentions, event["lang"]), unsafe_allow_html=True)
    facts = [("Date", date_label(event["start"], event["end"], event["granularity"], event["date_text"])), ("Granularity", event["granularity"]),
             ("Date from", date_from(event.get("date_source"), event["date_text"])),
             ("As written", event["date_text"] or "—"), ("Places", event["places"] or "—"),
             ("Document", event["document"]),
             ("Published", event["published"] if pd.notna(event["published"]) and event["published"] else "unknown")]
    origin, destination = (event[end] if pd.notna(event[end]) else None for end in ("origin", "destination"))
    if origin or destination:
        facts.insert(4, ("Movement", f"{origin or '?'} → {destination or '?'}"))
    if event.get("corrected"):
        facts.append(("Corrected", event["corrected"]))
    # An HTML block, where Markdown finds no syntax and no bare URL to link.
    st.markdown('<div class="nm-facts">' + " · ".join(f"<b>{name}:</b> {inert(value)}" for name, value in facts)
                + "</div>", unsafe_allow_html=True)
    if article is None:
        return
    if link := source_link(article.source_url):
        st.markdown(link, unsafe_allow_html=True)
    with st.expander("Read the whole article, this event's sentence marked"):
        st.markdown(article_html(article.text, article.start, article.end, article.lang), unsafe_allow_html=True)


def source_link(url: str | None) -> str:
    """An HTML link to an article's source (http and https only: a javascript: URL from a
    sidecar must not become a link), or "" when there is none."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return ""
    if any(char.isspace() or not char.isprintable() for char in url):      # a line break would end the HTML block
        return ""
    return (f'<a class="nm-source" href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
            f'Source: {html.escape(url)}</a>')


def article_html(text: str, start: int, end: int, lang: str | None) -> str:
    """The whole article, made inert (its line breaks as <br>, so that no blank line ends the
    HTML block), with the characters start..end (the event's sentence) marked."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    direction = "rtl" if (lang or "") in _RTL else "ltr"
    marked = (inert_lines(text[:start]) + f'<mark class="nm-event" id="nm-event">{inert_lines(text[start:end])}</mark>'
              + inert_lines(text[end:])) if end > start else inert_lines(text)
    return f'<div class="nm-article" dir="{direction}" lang="{inert(lang or "")}">{marked}</div>'


def date_from(source: str | None, date_text: str | None) -> str:
    """Where an event's date comes from, in words (extract's Event.date_source)."""
    if source == "story":
        return (f"the story: its sentence has no date, so it takes the story's latest day"
                f"{f' ({date_text})' if date_text else ''}")
    if source == "published":
        return "the publication day: neither its sentence nor the story names a day"
    return "its sentence"


def highlighted_sentence(sentence: str, mentions: list, lang: str | None) -> str:
    """HTML of a sentence with <mark>s around mentions ([start, end, "date"|"place"] offsets into
    it). Every piece of article text is made inert: a <script> or a Markdown image in an
    article shows as text, and a line break cannot end the HTML block."""
    pieces, cursor = [], 0
    for start, end, kind in sorted((m for m in mentions if len(m) == 3), key=lambda m: (m[0], -m[1])):
        if start < cursor:          # overlapping mentions: keep the first
            continue
        pieces.append(inert(sentence[cursor:start]))
        pieces.append(f'<mark class="nm-{inert(kind)}" title="{inert(kind)}">{inert(sentence[start:end])}</mark>')
        cursor = end
    pieces.append(inert(sentence[cursor:]))
    direction = "rtl" if (lang or "") in _RTL else "ltr"
    return (f'<div class="nm-sentence" dir="{direction}" lang="{inert(lang or "")}">'
            f'{"".join(pieces)}</div>')

