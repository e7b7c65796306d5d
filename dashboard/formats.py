"""How the dashboard shows things: dates at their real precision, country names and colours."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib

# Colour-blind-friendly categorical palette (Tableau 10), one colour per country, the same on
# the map and on the timeline.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac")
NO_COUNTRY = "#8c8c8c"


def _day(value) -> dt.date | None:
    if value is None or value != value:        # None or NaN/NaT
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def date_label(start, end, granularity: str | None, date_text: str | None = None) -> str:
    """A date at its true precision: "13 Sep 2023", "Sep 2023", "7 Sep – 1 Oct 2023", "2022".

    Never shows a month or a year as its first day. Unresolved dates show their text.
    """
    first, last = _day(start), _day(end)
    if first is None or last is None:
        return f"undated ({date_text})" if date_text else "undated"
    if granularity == "year" or (first == dt.date(first.year, 1, 1) and last == dt.date(first.year, 12, 31)):
        return str(first.year)
    if granularity == "decade":
        return f"{first.year}s" if first.year % 10 == 0 and last.year == first.year + 9 else _span(first, last)
    if granularity == "quarter" and first.month % 3 == 1 and first.day == 1:
        return f"Q{(first.month - 1) // 3 + 1} {first.year}"
    if granularity == "month" or _whole_month(first, last):
        return first.strftime("%b %Y") if (first.year, first.month) == (last.year, last.month) else _span(first, last)
    if first == last:
        return f"{first.day} {first.strftime('%b %Y')}"
    return _span(first, last)


@functools.lru_cache(maxsize=65536)
def cached_date_label(start: str | None, end: str | None, granularity: str | None, date_text: str | None) -> str:
    """date_label for ISO strings, memoised: 100,000 events share far fewer intervals."""
    return date_label(start, end, granularity, date_text if not (start and end) else None)


def _whole_month(first: dt.date, last: dt.date) -> bool:
    following = (last + dt.timedelta(days=1))
    return first.day == 1 and following.day == 1 and (first.year, first.month) == (last.year, last.month)


def _span(first: dt.date, last: dt.date) -> str:
    """"7–13 Sep 2023", "7 Sep – 1 Oct 2023", "30 Dec 2022 – 2 Jan 2023"."""
    if first.year != last.year:
        return f"{first.day} {first.strftime('%b %Y')} – {last.day} {last.strftime('%b %Y')}"
    if first.month != last.month:
        return f"{first.day} {first.strftime('%b')} – {last.day} {last.strftime('%b %Y')}"
    return f"{first.day}–{last.day} {last.strftime('%b %Y')}"


@functools.cache
def country_name(code: str | None) -> str:
    """"KP" -> "North Korea"; an empty code -> "No country"."""
    if not code:
        return "No country"
    from babel import Locale

    return Locale("en").territories.get(code, code)


@functools.cache
def country_colour(code: str | None) -> str:
    """A stable hex colour per country code (the same in every session and view)."""
    if not code:
        return NO_COUNTRY
    return PALETTE[int(hashlib.md5(code.encode()).hexdigest(), 16) % len(PALETTE)]


def rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]


def short_label(text: str, limit: int = 42) -> str:
    """`text` cut to about `limit` characters at a word boundary, with "…" (which an Arabic
    title, read right to left, shows at its left end)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,،.:;-–") + "…"
