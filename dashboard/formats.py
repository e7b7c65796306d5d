"""How the dashboard shows things: dates at their real precision, country names and colours."""
from __future__ import annotations

import datetime as dt
import functools

import pandas as pd

from .days import as_day

# The countries in view take these colours in order of their number of events (ties by name), the
# same on the map, its legend and the timeline: Tableau 10 (colour-blind friendly) for the ten
# busiest, then ten more, each picked as far as possible (CIELAB) from those before it and from
# the greys. Beyond twenty, countries share the grey of "other countries": no two countries in
# view ever share a colour by chance.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#17becf", "#000080", "#f032e6", "#bfef45", "#aaffc3", "#808000", "#800000",
           "#e7cb94", "#6a3d9a", "#e31a1c", "#d6a6ff")
OTHER_COUNTRIES = "#b8b8b8"
NO_COUNTRY = "#8c8c8c"


def date_label(start, end, granularity: str | None, date_text: str | None = None) -> str:
    """A date at its true precision: "13 Sep 2023", "Sep 2023", "7 Sep – 1 Oct 2023", "2022".

    Never shows a month or a year as its first day. Unresolved dates show their text.
    """
    first, last = as_day(start), as_day(end)
    if first is None or last is None:
        return f"undated ({date_text})" if isinstance(date_text, str) and date_text else "undated"
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


def date_labels(events: pd.DataFrame) -> pd.Series:
    """date_label of each event of a frame (its start, end, granularity and date_text columns),
    worked out once per distinct date: 100,000 events share far fewer."""
    if events.empty:
        return pd.Series([], index=events.index, dtype=object)
    # The text only labels an undated event: dated ones of the same interval share one label.
    undated = (events["start"].isna() | events["end"].isna()).tolist()
    known: dict[tuple, str] = {}
    labels = []
    for start, end, granularity, text, no_date in zip(events["start"].tolist(), events["end"].tolist(),
                                                      events["granularity"].tolist(), events["date_text"].tolist(),
                                                      undated):
        date = (start, end, granularity, text if no_date else None)
        if date not in known:
            known[date] = date_label(*date)
        labels.append(known[date])
    return pd.Series(labels, index=events.index, dtype=object)


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


def country_colours(countries) -> dict[str, str]:
    """Colour of each country (ISO codes, one per event, or {code: events}) in order of their number of events:
    {code: hex}, at most len(PALETTE) of them; the rest are "other countries"."""
    counts: dict[str, int] = {}
    if isinstance(countries, dict):                 # already counted: {code: events}
        counts = {code: n for code, n in countries.items() if code and n}
    else:
        for code in countries:
            if code:
                counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts, key=lambda code: (-counts[code], country_name(code)))
    return dict(zip(ranked, PALETTE))


def colour_of(colours: dict[str, str], code: str | None) -> str:
    """A country's colour in `colours`; grey for no country or one beyond the palette."""
    if not code:
        return NO_COUNTRY
    return colours.get(code, OTHER_COUNTRIES)


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
