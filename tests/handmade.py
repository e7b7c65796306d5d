"""Mentions built by hand from tables of names and day expressions, so that the events rules
are tested apart from the date and place taggers."""
from __future__ import annotations

import datetime as dt

from extract.records import DateMention, Place, PlaceMention


def mentions_in(text: str, places: dict[str, Place],
                days: dict[str, dt.date | tuple[dt.date, dt.date]]) -> tuple[list[DateMention], list[PlaceMention]]:
    """Every occurrence of each place name, and the first of each day expression (a date is one
    day, a pair of dates a range), both in text order."""
    found_places, found_dates = [], []
    for name, place in places.items():
        start = text.find(name)
        while start >= 0:
            found_places.append(PlaceMention(name, start, start + len(name), place, 0.9))
            start = text.find(name, start + 1)
    for surface, value in days.items():
        start = text.find(surface)
        if start >= 0:
            first, last = value if isinstance(value, tuple) else (value, value)
            found_dates.append(DateMention(surface, start, start + len(surface), first, last,
                                           "day" if first == last else "range"))
    return (sorted(found_dates, key=lambda d: d.start_char),
            sorted(found_places, key=lambda m: m.start_char))
