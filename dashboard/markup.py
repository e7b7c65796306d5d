"""Article text made inert before Streamlit renders it: every string from a document (titles,
sentences, place names, URLs, file names) reaches `st.markdown`, `st.success` or an HTML block
only through `inert`, so that no Markdown image, link, heading, math or colour directive in an
article ever renders, and no image is fetched from outside."""
from __future__ import annotations

import re

# Titles longer than this are cut for display (a 2 MB title would otherwise travel with every
# event row to every browser); the store and the exports keep them whole.
TITLE_MAX_CHARS = 120

# Every ASCII character that Markdown, GitHub's extensions, Streamlit's directives (:red[…],
# :material/…:) or KaTeX ($…$) give a meaning, as a numeric character reference: the browser
# shows the character itself, the Markdown parser sees no syntax. Line breaks become spaces:
# a blank line (even a bare "\r\r") would end an HTML block and let the rest render as Markdown.
_INERT = {ord(char): f"&#{ord(char)};" for char in "\\`*_{}[]()#+-.!|~<>&\"':/=@$%^;?"}
_INERT.update({ord(char): " " for char in "\r\n\x0b\x0c\x85\u2028\u2029"})


def inert(text: object) -> str:
    """`text` as HTML character references and spaces, for an HTML block drawn with
    `st.markdown(..., unsafe_allow_html=True)` and its attributes."""
    return str(text).translate(_INERT)


def inert_lines(text: object) -> str:
    """`inert`, keeping line breaks as <br> (a whole article in one HTML block)."""
    return "<br>".join(inert(line) for line in str(text).splitlines())


# GitHub's autolinks find URLs and e-mail addresses in the text after character references are
# decoded; a word joiner (U+2060, invisible) where they start keeps them text.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def inert_markdown(text: object) -> str:
    """`inert`, and no bare URL or address turned into a link: for Markdown outside an HTML
    block (`st.success`, `st.error`, `st.markdown` without HTML)."""
    return inert(_AUTOLINK.sub("\u2060", str(text)))


def display_title(title: str | None, limit: int = TITLE_MAX_CHARS) -> str:
    """A document title for the page: on one line, at most `limit` characters (with "…")."""
    text = " ".join(str(title or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
