"""The dashboard's one date converter: whatever a day arrives as — ISO text from the store or
the URL, a date, a pandas Timestamp, a chart selection's epoch milliseconds, or nothing (None,
NaN, NaT) — as a `datetime.date`."""
from __future__ import annotations

import datetime as dt

import pandas as pd


def as_day(value) -> dt.date | None:
    """`value` as a day, None for a missing one; ValueError for text that is not an ISO date
    (its first ten characters: "2023-09-01T00:00:00" is 1 September)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10]) if value else None
    if isinstance(value, dt.datetime):              # pandas' Timestamp is one
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):             # Vega-Lite: milliseconds since 1970, UTC
        return pd.Timestamp(value, unit="ms").date()
    raise ValueError(f"not a day: {value!r}")


def parse_day(value: str) -> dt.date | None:
    """A day from untrusted text (a shared URL): None when it is not an ISO date."""
    try:
        return as_day(value)
    except ValueError:
        return None
