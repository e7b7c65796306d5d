"""Finding temporal expressions: run the grammar's rules, keep the longest matches, combine.

`scan` keeps the longest non-overlapping matches and then `combine`s neighbours: a weekday
with the date that follows it, "بين 7 سبتمبر و1 أكتوبر" into a range, "منذ الجمعة" into an
open range, lists such as "في 2004 و2009 و2018".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..text import Normalized
from .expressions import Expression
from .grammar import Grammar


def scan(folded: Normalized, original: str, grammar: Grammar) -> list[Expression]:
    """All temporal expressions of the folded text, in order, combined into ranges etc."""
    text = folded.text
    # Every match of every rule as (-length, start, order, rule, where the match starts), its
    # body's span first: sorted, the longest come first, then the earliest, then the first
    # rule's. Numbers only: the match objects of a date-dense text took twice the memory.
    found: list[tuple] = []
    for rule, (_name, pattern, _handler, needles) in enumerate(grammar.rules):
        if needles is not None and not any(needle in text for needle in needles):
            continue
        for match in pattern.finditer(text):
            start, end = match.span("body")
            found.append((start - end, start, len(found), rule, match.start()))
    found.sort()
    if any(entry[0] == 0 for entry in found):       # an empty match covers no character
        expressions = [_expression(entry, original, folded, grammar) for entry in found]
        return combine(_longest_first_sorted([e for e in expressions if e is not None]), text, grammar)
    return combine(_longest_first(found, original, folded, grammar), text, grammar)


def _expression(entry: tuple, original: str, folded: Normalized, grammar: Grammar) -> Expression | None:
    """The expression of one match of `found` (see `scan`), spanning the match's body, or None.
    The match is made again where `scan` found it: the same match."""
    length, start, _, rule, at = entry
    _name, pattern, handler, _needles = grammar.rules[rule]
    match = pattern.match(folded.text, at)
    if grammar.case_sensitive and not _capitalised(match, original, folded):
        return None
    expression = handler(match, folded.text)
    return None if expression is None else _spanning(expression, start, start - length)


def _spanning(expression: Expression, start: int, end: int) -> Expression:
    """`expression` with the span [start, end), set in place: a handler builds a new Expression
    for each match (with a placeholder span), seen by nothing else yet, and a copy of all its
    fields (dataclasses.replace) was a tenth of the time of a date-dense text."""
    object.__setattr__(expression, "start", start)
    object.__setattr__(expression, "end", end)
    return expression


def _capitalised(match: re.Match, original: str, folded: Normalized) -> bool:
    """Month and weekday names in case-sensitive scripts must be capitalised ("may" is a verb)."""
    groups = match.groupdict()
    for name in ("month", "wd", "hmonth"):
        if groups.get(name):
            return original[folded.original(match.start(name))].isupper()
    return True


def _longest_first(found: list[tuple], original: str, folded: Normalized, grammar: Grammar
                   ) -> list[Expression]:
    """Keep the expressions of the longest matches that do not overlap, in text order; on a tie
    the earliest, then a strong one before a weak one, then the first rule's. `found`: the
    non-empty matches, sorted (see `scan`).

    A match that overlaps a longer one kept is dropped before its handler runs ("May 1990" and
    "1990" inside "12 May 1990"), and the characters the kept ones cover are marked in a
    bytearray, so that each match is checked in the time of its length (inserting into a sorted
    list of the kept ones moved half the list per match: quadratic, 90 s of the 140 that a
    10 MB text of 856,000 dates took)."""
    taken = bytearray(len(folded.text))
    kept: list[Expression] = []
    index = 0
    while index < len(found):
        length, start = found[index][0], found[index][1]
        tied = index + 1
        while tied < len(found) and found[tied][0] == length and found[tied][1] == start:
            tied += 1
        end = start - length
        if taken.find(1, start, end) < 0:
            expressions = [e for e in (_expression(entry, original, folded, grammar)
                                       for entry in found[index:tied]) if e is not None]
            if expressions:
                kept.append(min(expressions, key=lambda e: e.weak))     # the first strong one
                taken[start:end] = b"\x01" * (end - start)
        index = tied
    kept.sort(key=lambda e: e.start)
    return kept


def _longest_first_sorted(found: list[Expression]) -> list[Expression]:
    """`_longest_first` for expressions that may be empty, by a sorted list of the kept ones."""
    kept: list[Expression] = []          # sorted by start; kept spans never overlap
    starts: list[int] = []
    for expression in sorted(found, key=lambda e: (e.start - e.end, e.start, e.weak)):
        index = bisect_right(starts, expression.start)
        if index and kept[index - 1].end > expression.start:
            continue
        if index < len(kept) and kept[index].start < expression.end:
            continue
        kept.insert(index, expression)
        starts.insert(index, expression.start)
    return kept


def combine(found: list[Expression], text: str, grammar: Grammar) -> list[Expression]:
    """Join neighbouring expressions: weekday+date, ranges, lists, "since", bare days."""
    merged: list[Expression] = []
    for expression in found:
        previous = merged[-1] if merged else None
        gap = text[previous.end:expression.start] if previous else ""
        # "ليلة الأحد 10 سبتمبر/أيلول 2023", "Sunday, Sept. 10": one mention, the date's value.
        if (previous and previous.kind == "weekday" and expression.kind == "date" and expression.day
                and grammar.weekday_date_gap.fullmatch(gap)):
            merged[-1] = replace(expression, start=previous.start, weekday=previous.weekday)
            _weekday_day_range(merged, text, grammar)
            continue
        # "أمس الأربعاء", "غدا الجمعة", "yesterday, Sunday": the weekday, in the relative day's direction.
        if (previous and previous.kind == "relday" and expression.kind == "weekday"
                and expression.shift is None and re.fullmatch(r"[\s,،(]*", gap)):
            merged[-1] = replace(expression, start=previous.start, shift=1 if previous.shift > 0 else None)
            continue
        # "في 2004 و2009 و2018", "in May and March": a weak year or month joined to a date before it.
        if expression.weak:
            if previous and previous.kind == "date" and (
                    grammar.gap_joiner.match(gap) or grammar.gap_connector.match(gap)):
                expression = replace(expression, weak=False)
            else:
                continue
        # "بين 20 و25 أيار", "7-10 March", "من 5 إلى 10 سبتمبر": a bare day before a date.
        if expression.kind == "date" and expression.day and expression.month:
            bare = grammar.bare_day_before.search(
                text, max(previous.end if previous else 0, expression.start - 40), expression.start)
            if bare:
                first = replace(expression, start=bare.start("day"), end=bare.end("day"),
                                day=int(re.match(r"\d+", bare.group("day")).group()))
                if _is_range(bare.group("open"), bare.group("conn"), grammar) or _next_day_pair(
                        first, expression, bare.group("conn"), grammar):
                    merged.append(Expression(bare.start("open") if bare.group("open") else first.start,
                                             expression.end, "range", parts=(first, expression)))
                else:
                    merged.extend((first, expression))
                continue
        # "Between Sept. 7 and Oct. 1", "من الأحد إلى الثلاثاء", "Sept. 7–Oct. 1".
        if previous and previous.kind in ("date", "weekday") and expression.kind == previous.kind:
            connector = grammar.gap_connector.match(gap)
            opener = grammar.opener_before.search(
                text, max(merged[-2].end if len(merged) > 1 else 0, previous.start - 30), previous.start)
            opener_word = opener.group("open") if opener else None
            if connector and (_is_range(opener_word, connector.group("conn"), grammar) or _next_day_pair(
                    previous, expression, connector.group("conn"), grammar)):
                first = _borrow(previous, expression)
                merged[-1] = Expression(opener.start("open") if opener else previous.start, expression.end,
                                        "range", parts=(first, expression))
                continue
            if connector and grammar.gap_joiner.match(gap):
                merged[-1] = _borrow(previous, expression)
        merged.append(expression)
    return [_open_range(e, text, grammar) for e in _bare_days_after(merged, text, grammar)]


def _weekday_day_range(merged: list[Expression], text: str, grammar: Grammar) -> None:
    """"ليلة الأحد 10 إلى الاثنين 11 سبتمبر": a weekday with a bare day, a connector and a full
    date just before (the last of `merged`) are one range, the first day in the date's month."""
    if len(merged) < 2 or merged[-2].kind != "weekday":
        return
    weekday, date = merged[-2], merged[-1]
    gap = grammar.weekday_bare_day_gap.fullmatch(text, weekday.end, date.start)
    if not gap:
        return
    day = int(re.match(r"\d+", gap.group("day")).group())
    # Joined by "and"/"و" only two successive days are one range ("الأحد 10 والاثنين 11").
    longest = 1 if " ".join(gap.group("conn").split()) in grammar.pair_joiners else 7
    if not 0 < date.day - day <= longest:
        return
    first = replace(date, start=weekday.start, end=gap.end("day"), day=day, weekday=weekday.weekday)
    merged[-2:] = [Expression(weekday.start, date.end, "range", parts=(first, date))]


def _bare_days_after(found: list[Expression], text: str, grammar: Grammar) -> list[Expression]:
    """"on Dec. 12 and 13" (two days), "Sept. 7-9" (a range): a bare day after a date."""
    out: list[Expression] = []
    for index, expression in enumerate(found):
        limit = found[index + 1].start if index + 1 < len(found) else len(text)
        bare = None
        if expression.kind == "date" and expression.day and expression.month:
            bare = grammar.bare_day_after.match(text, expression.end, limit)
        if not bare:
            out.append(expression)
            continue
        second = replace(expression, start=bare.start("day"), end=bare.end("day"),
                         day=int(re.match(r"\d+", bare.group("day")).group()))
        opener = grammar.opener_before.search(text, max(0, expression.start - 30), expression.start)
        if _is_range(opener.group("open") if opener else None, bare.group("conn"), grammar) or _next_day_pair(
                expression, second, bare.group("conn"), grammar):
            out.append(Expression(opener.start("open") if opener else expression.start, second.end, "range",
                                  parts=(expression, second)))
        else:
            out.extend((expression, second))
    return out


def _is_range(opener: str | None, connector: str, grammar: Grammar) -> bool:
    connector = " ".join(connector.split())
    if opener:
        return connector in grammar.range_openers.get(" ".join(opener.split()), ())
    return connector in grammar.range_dashes


def _next_day_pair(first: Expression, second: Expression, connector: str, grammar: Grammar) -> bool:
    """"28 و29 أبريل", "on April 28 and 29": two successive days of one month joined by "and" are
    one two-day range; "7 و9 أكتوبر" (not successive) stays a list of two days. Weekdays
    ("Thursday and Friday") stay a list unless the Arabic dual opens them ("يومي الأحد والاثنين",
    a range opener)."""
    if " ".join(connector.split()) not in grammar.pair_joiners:
        return False
    return (first.kind == "date" and first.calendar == second.calendar and first.month == second.month
            and first.day is not None and second.day == first.day + 1
            and (first.year is None or first.year == second.year))


def _borrow(first: Expression, last: Expression) -> Expression:
    """The first end of "May and July 2019" takes the year the last end states."""
    if first.kind != "date" or last.kind != "date" or first.calendar != last.calendar:
        return first
    if first.year is not None or first.year_shift is not None:
        return first
    if last.year is not None and first.month and last.month and (
            (first.month, first.day or 1) > (last.month, last.day or 1)):
        return replace(first, year=last.year - 1)          # "December to February 2020"
    return replace(first, year=last.year, year_shift=last.year_shift)


def _open_range(expression: Expression, text: str, grammar: Grammar) -> Expression:
    """"منذ الجمعة" / "since 2019": open until publication, unless "since" names a reference
    point ("the heaviest rain since July 2019", "منذ 15 أبريل حين اندلع القتال")."""
    if expression.kind in ("range", "ago", "sameday", "decade"):
        return expression
    since = grammar.since_before.search(text, max(0, expression.start - 30), expression.start)
    if not since:
        return expression
    window = max(0, since.start() - 300)
    clause_start = max(window, *(text.rfind(ch, window, since.start()) + 1 for ch in ".!?؟\n,،;؛"))
    if grammar.superlative.search(text, clause_start, since.start()) or grammar.anchor_after.match(
            text, expression.end):
        return expression
    return Expression(since.start("since"), expression.end, "since", parts=(expression,))
