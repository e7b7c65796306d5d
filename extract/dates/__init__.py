"""Temporal tagger: finds date expressions and resolves them to inclusive day intervals.

Provisional implementation (dateparser's search over the text); the real tagger replaces it.
"""
from __future__ import annotations

import datetime as dt

from ..records import DateMention


def find_dates(text: str, published: dt.date | None = None, lang: str = "en") -> list[DateMention]:
    """Every temporal expression in `text`, in text order, resolved against `published`."""
    from dateparser.search import search_dates

    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    found = search_dates(text, languages=[lang] if lang in ("ar", "en") else None, settings=settings) or []
    mentions, cursor = [], 0
    for surface, when in found:
        start = text.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        day = when.date() if published else None
        mentions.append(DateMention(surface, start, cursor, day, day, "day"))
    return mentions
