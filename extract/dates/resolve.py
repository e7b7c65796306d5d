"""Resolving expressions to inclusive day intervals against the publication date.

Past is the default direction of news for weekdays: "الخميس" is the latest Thursday on or
before publication (the same day counts) unless the clause speaks of the future. A day without a
year ("13 سبتمبر", "August 9") is the occurrence nearest publication (a future clause: the
nearest not before it); the clause's tense only decides when that one is far (more than
TENSE_HORIZON either way). A month without a year ("in
April") takes the year that puts it nearest publication, in the clause's direction when it has
one. "Earlier this month" / "في وقت سابق من هذا الشهر" runs from the month's start to publication. Nothing is ever resolved against the clock: without
`published` only absolute expressions ("13 September 2023", "the 1990s") resolve.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from hijridate import Gregorian, Hijri

from .expressions import Expression
from .tense import FUTURE, PAST


# How far ahead an unmarked yearless date may point (see _nearest): about a quarter.
UNMARKED_HORIZON = dt.timedelta(days=92)
# A yearless day this near publication is the nearest occurrence whatever the tense ("cancelled
# the arrival on August 9" published on 8 August is tomorrow, not a year ago): news names a day
# of another year with its year. Further away, the tense breaks the tie.
TENSE_HORIZON = dt.timedelta(days=122)


@dataclass(frozen=True, slots=True)
class Interval:
    start: dt.date
    end: dt.date
    granularity: str


def resolve(expression: Expression, published: dt.date | None, tense: str | None,
            previous_day: dt.date | None = None) -> Interval | None:
    """The days `expression` denotes, or None when it cannot be placed (unknown publication
    date, impossible date such as 31 February). `tense` is the clause's: FUTURE, PAST or None."""
    try:
        return _RESOLVERS[expression.kind](expression, published, tense, previous_day)
    except (ValueError, OverflowError):     # impossible day, or outside the Hijri converter's range
        return None


def granularity_of(expression: Expression) -> str:
    """The granularity an expression has even when it stays unresolved."""
    if expression.kind in ("range", "since"):
        return "range"
    if expression.kind == "decade":
        return "decade"
    if expression.kind == "period":
        return "range" if expression.unit in ("weekend", "season") else expression.unit
    if expression.kind == "ago":
        return expression.unit
    if expression.kind == "date":
        return "day" if expression.day else "month" if expression.month else "year"
    return "day"


# -- calendar helpers --------------------------------------------------------------------------

def month_interval(year: int, month: int) -> Interval:
    last_day = calendar.monthrange(year, month)[1]
    return Interval(dt.date(year, month, 1), dt.date(year, month, last_day), "month")


def year_interval(year: int) -> Interval:
    return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def week_interval(day: dt.date) -> Interval:
    """The ISO week (Monday to Sunday) containing `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return Interval(monday, monday + dt.timedelta(days=6), "week")


def quarter_interval(year: int, first_month: int) -> Interval:
    return Interval(dt.date(year, first_month, 1), month_interval(year, first_month + 2).end, "quarter")


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def day_interval(day: dt.date) -> Interval:
    return Interval(day, day, "day")


def _nearest(candidates: list[Interval], published: dt.date, tense: str | None) -> Interval:
    """Of the same day or month in neighbouring years, the one nearest publication in the
    tense's direction: future → earliest ending on or after it, past → latest starting on or
    before it. An unmarked clause takes the coming one when it starts within a few months of
    publication and is nearer than the last one, else the last one: news speaks mostly of the
    past, but an upcoming event is named by a yearless date only shortly before it happens
    ("a conference in April" published in late February is the coming April)."""
    if candidates[0].granularity == "day":
        # A plan is never in the past ("ستوقع الحكومتان الاتفاق في 2 سبتمبر" in October is next
        # September), but a past verb often belongs to the telling ("cancelled the arrival on
        # August 9"), so a past clause may still take a near day ahead.
        near = [c for c in candidates if tense != FUTURE or c.end >= published]
        closest = min(near, key=lambda c: abs(c.start - published)) if near else None
        if closest is not None and abs(closest.start - published) <= TENSE_HORIZON:
            return closest
    ahead = [c for c in candidates if c.end >= published]
    behind = [c for c in candidates if c.start <= published]
    if tense == FUTURE or (tense is None and not behind):
        return min(ahead, key=lambda c: c.start) if ahead else candidates[-1]
    if tense == PAST or not ahead:
        return max(behind, key=lambda c: c.start) if behind else candidates[0]
    last = max(behind, key=lambda c: c.start)
    coming = min(ahead, key=lambda c: c.start)
    if last.end >= published:                 # "في سبتمبر" published in September: this month
        return last
    ahead_by = coming.start - published
    return coming if ahead_by <= UNMARKED_HORIZON and ahead_by < published - last.end else last


def _shifted(candidates: list[Interval], published: dt.date, shift: int) -> Interval | None:
    """"last March", "ديسمبر الماضي" (-1): the latest wholly before publication; "next March",
    "مارس المقبل" (+1): the earliest wholly after; "this March", "مارس الجاري" (0): this year's."""
    if shift < 0:
        return max((c for c in candidates if c.end < published), key=lambda c: c.start)
    if shift > 0:
        return min((c for c in candidates if c.start > published), key=lambda c: c.start)
    return next((c for c in candidates if c.start.year == published.year), None)


# -- one resolver per kind --------------------------------------------------------------------

def _date(e: Expression, published, tense, previous_day) -> Interval | None:
    if e.calendar == "hijri":
        return _hijri(e, published, tense)
    if e.unit == "month" and e.shift is not None:      # "الخامس من الشهر الجاري"
        if published is None:
            return None
        year, month = add_months(published.year, published.month, e.shift)
        return day_interval(dt.date(year, month, e.day))
    year = e.year
    if e.named and published is not None and year > published.year:
        year = None             # an article older than the event names some other 7 October
    if year is None and e.year_shift is not None:       # "March last year"
        if published is None:
            return None
        year = published.year + e.year_shift
    if year is not None:
        if e.day:
            return day_interval(dt.date(year, e.month, e.day))
        return month_interval(year, e.month) if e.month else year_interval(year)
    if published is None:
        return None
    candidates = []
    for candidate_year in (published.year - 1, published.year, published.year + 1):
        if e.day:
            if e.day <= calendar.monthrange(candidate_year, e.month)[1]:
                candidates.append(day_interval(dt.date(candidate_year, e.month, e.day)))
        else:
            candidates.append(month_interval(candidate_year, e.month))
    if e.weekday is not None and e.day:       # "Sunday, Sept. 10": the year whose 10 September is a Sunday
        candidates = [c for c in candidates if c.start.weekday() == e.weekday] or candidates
    if not candidates:
        raise ValueError("no such day")
    if e.shift is not None:
        return _shifted(candidates, published, e.shift)
    return _nearest(candidates, published, tense)


def _hijri_interval(year: int, month: int, day: int | None) -> Interval:
    if day:
        return day_interval(dt.date(*Hijri(year, month, day).to_gregorian().datetuple()))
    first = Hijri(year, month, 1)
    start = dt.date(*first.to_gregorian().datetuple())
    return Interval(start, start + dt.timedelta(days=first.month_length() - 1), "month")


def _hijri(e: Expression, published, tense) -> Interval | None:
    """"5 رمضان 1445" → 2024-03-15 via hijridate (Umm al-Qura calendar)."""
    if e.year is not None:
        return _hijri_interval(e.year, e.month, e.day)
    if published is None:
        return None
    this_year = Gregorian(published.year, published.month, published.day).to_hijri().year
    candidates = [_hijri_interval(y, e.month, e.day) for y in (this_year - 1, this_year, this_year + 1)]
    return _nearest(candidates, published, tense)


def _weekday(e: Expression, published, tense, previous_day) -> Interval | None:
    if published is None:
        return None
    back = (published.weekday() - e.weekday) % 7
    forward = (e.weekday - published.weekday()) % 7
    if e.shift == -1:                 # "last Friday", "الجمعة الماضية": strictly before
        return day_interval(published - dt.timedelta(days=back or 7))
    if e.shift == 1:                  # "next Friday", "الجمعة المقبلة": strictly after
        return day_interval(published + dt.timedelta(days=forward or 7))
    if e.days_after:                  # "a week from Sunday": one day, after the coming Sunday
        return day_interval(published + dt.timedelta(days=forward + e.days_after))
    if tense == FUTURE:
        return day_interval(published + dt.timedelta(days=forward))
    return day_interval(published - dt.timedelta(days=back))


def _relday(e: Expression, published, tense, previous_day) -> Interval | None:
    return day_interval(published + dt.timedelta(days=e.shift)) if published else None


def _sameday(e: Expression, published, tense, previous_day) -> Interval | None:
    """"في وقت لاحق من اليوم": the day of the latest dated mention, else the publication day."""
    day = previous_day or published
    return day_interval(day) if day else None


def _period(e: Expression, published, tense, previous_day) -> Interval | None:
    if e.unit == "season":
        return _season(e, published)
    if e.unit == "quarter" and e.count:                  # "Q1 2023", "الربع الأول من العام المقبل"
        if e.year is None and published is None:
            return None
        first = 3 * (e.count - 1) + 1
        if e.year is None and e.year_shift is None:      # "the third quarter": as a yearless month
            years = (published.year - 1, published.year, published.year + 1)
            candidates = [quarter_interval(year, first) for year in years]
            return _nearest(candidates, published, tense)
        year = e.year if e.year is not None else published.year + e.year_shift
        return quarter_interval(year, first)
    if published is None:
        return None
    interval = _this_period(e, published, tense)
    if interval is None or not e.part or e.shift:
        return interval
    # "earlier this month" / "في وقت سابق من هذا الشهر": the part before publication; "later
    # this year": the part after it.
    if e.part == "before":
        return Interval(interval.start, min(published, interval.end), "range")
    return Interval(max(published, interval.start), interval.end, "range")


def _this_period(e: Expression, published: dt.date, tense) -> Interval | None:
    shift = e.shift or 0
    if e.unit == "week":
        return week_interval(published + dt.timedelta(weeks=shift))
    if e.unit == "month":
        return month_interval(*add_months(published.year, published.month, shift))
    if e.unit == "year":
        return year_interval(published.year + shift)
    if e.unit == "quarter":
        year, month = add_months(published.year, 3 * ((published.month - 1) // 3) + 1, 3 * shift)
        return Interval(month_interval(year, month).start, month_interval(year, month + 2).end, "quarter")
    if e.unit == "weekend":
        since_saturday = (published.weekday() - 5) % 7
        if shift == 1 or (shift == 0 and tense == FUTURE):
            ahead = (5 - published.weekday()) % 7 or (7 if shift == 1 else 0)
            saturday = published + dt.timedelta(days=ahead)
        else:
            saturday = published - dt.timedelta(days=since_saturday)
        return Interval(saturday, saturday + dt.timedelta(days=1), "range")
    return None


def season_interval(year: int, first: int, last: int) -> Interval:
    """A season by the year it ends in: winter 2023 is December 2022 to February 2023."""
    start_year = year - 1 if first > last else year
    return Interval(dt.date(start_year, first, 1), month_interval(year, last).end, "range")


def _season(e: Expression, published) -> Interval | None:
    """"spring 2023" → March–May 2023; "last summer" → the latest summer over by publication."""
    if e.year is not None:
        return season_interval(e.year, e.month, e.count)
    if published is None:
        return None
    if e.year_shift is not None:                      # "صيف العام الماضي"
        return season_interval(published.year + e.year_shift, e.month, e.count)
    candidates = [season_interval(y, e.month, e.count) for y in range(published.year - 1, published.year + 3)]
    if e.shift:
        return _shifted(candidates, published, e.shift)
    # "this summer", "هذا الشتاء": the one under way, else the nearest.
    return min(candidates, key=lambda c: max(c.start - published, published - c.end, dt.timedelta(0)))


def _ago(e: Expression, published, tense, previous_day) -> Interval | None:
    if published is None:
        return None
    if e.unit == "day":
        return day_interval(published - dt.timedelta(days=e.count))
    if e.unit == "week":
        return week_interval(published - dt.timedelta(weeks=e.count))
    if e.unit == "month":
        return month_interval(*add_months(published.year, published.month, -e.count))
    return year_interval(published.year - e.count)


def _decade(e: Expression, published, tense, previous_day) -> Interval:
    return Interval(dt.date(e.year, 1, 1), dt.date(e.year + 9, 12, 31), "decade")


def _range(e: Expression, published, tense, previous_day) -> Interval | None:
    first, last = e.parts
    if first.kind == last.kind == "weekday" and last.shift is None and published is not None:
        # "من الخميس حتى الأحد": a range under way at publication is that one, whatever the
        # tense ("تستمر من الخميس حتى الأحد" published on the Friday); otherwise the clause's
        # direction picks the Thursday and the Sunday follows it.
        length = dt.timedelta(days=(last.weekday - first.weekday) % 7)
        latest = resolve(first, published, PAST, previous_day).start
        if latest + length >= published and tense != PAST:
            return Interval(latest, latest + length, "range")
        start = resolve(first, published, tense, previous_day).start
        if start + length <= published or tense == FUTURE:
            return Interval(start, start + length, "range")
    end = resolve(last, published, tense, previous_day)
    if end is None:
        return None
    yearless = first.kind == "date" and first.year is None and first.year_shift is None
    if yearless and first.calendar == "gregorian":
        first = replace(first, year=end.start.year)      # "بين 7 سبتمبر و1 أكتوبر": one year for both
        start = resolve(first, published, tense, previous_day)
        if start and start.start > end.start:
            start = resolve(replace(first, year=end.start.year - 1), published, tense, previous_day)
    elif first.kind == "weekday" and published is not None:
        # "من الأحد إلى الثلاثاء": the Sunday on or before that Tuesday.
        start = resolve(first, end.start, PAST, previous_day)
    else:
        start = resolve(first, published, tense, previous_day)
    if start is None or start.start > end.end:
        return None
    return Interval(start.start, end.end, "range")


def _since(e: Expression, published, tense, previous_day) -> Interval | None:
    """"منذ الجمعة", "since 2019": from the anchor's start until publication."""
    anchor = resolve(e.parts[0], published, PAST, previous_day)
    if anchor is None or published is None:
        return None
    first = e.parts[0]
    if anchor.start > published and first.kind == "date" and first.year is None and first.day:
        # "since October 1" in August: a near day ahead is nearest, but "since" looks back.
        anchor = resolve(replace(first, year=anchor.start.year - 1), published, PAST, previous_day)
    start = anchor.start
    if e.parts[0].edge == "mid":
        start = anchor.start + (anchor.end - anchor.start) / 2
    if start >= published:
        return anchor
    return Interval(start, published, "range")


_RESOLVERS = {"date": _date, "weekday": _weekday, "relday": _relday, "sameday": _sameday,
              "period": _period, "ago": _ago, "decade": _decade, "range": _range, "since": _since}
