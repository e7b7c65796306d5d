"""The record the tagger's stages pass along: what a temporal expression says, not yet which
days it denotes ("الخميس المقبل" is weekday=Thursday, shift=+1), with its span."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Expression:
    """What a temporal expression says, with its span in the normalised text.

    kind: date (calendar fields, Gregorian or Hijri) | weekday | relday (today ± days) |
    sameday ("later in the day") | period (this/last/next week, month, year, quarter, weekend) |
    ago | decade | range (parts = first, last) | since (parts = anchor; open until published).
    """
    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    calendar: str = "gregorian"
    unit: str | None = None          # period and ago units: day, week, month, year, quarter, weekend
    shift: int | None = None         # -1 last, 0 this, +1 next; relday: days from published
    count: int = 0                   # ago: how many units; quarter: which quarter
    edge: str | None = None          # start | mid | end ("مطلع العام", "late 2019")
    year_shift: int | None = None    # "March last year", "5 سبتمبر من العام الماضي"
    weak: bool = False               # a cue-less bare year or ambiguous month: kept only in a list
    part: str | None = None          # before | after: "earlier this month", "later this year"
    days_after: int = 0              # "a week from Sunday": days after the weekday
    named: bool = False              # the year comes from the event the date names ("هجمات 11 سبتمبر")
    parts: tuple["Expression", ...] = ()
