"""Temporal tagger: finds date expressions and resolves them to inclusive day intervals.

    >>> find_dates("التقى الوزيران الخميس", published=datetime.date(2023, 10, 19), lang="ar")
    [DateMention(text='الخميس', …, start=2023-10-19, end=2023-10-19, granularity='day')]

Stages, one module each: vocab (language tables) → grammar (regex rules built from them) →
folding (normalised text with an offset map) → spans (find and combine expressions, records in
expressions.py) → tense (past or future clause) → resolve (days, against `published`).
"""
from __future__ import annotations

import datetime as dt

from ..records import DateMention
from ..text import detect_language
from .folding import fold
from .grammar import grammar_for
from .resolve import granularity_of, resolve
from .spans import scan
from .tense import is_future

__all__ = ["find_dates"]


def find_dates(text: str, published: dt.date | None = None, lang: str = "en") -> list[DateMention]:
    """Every temporal expression in `text`, in text order and non-overlapping, resolved against
    `published`; those that need a publication date stay unresolved (None) without one."""
    if isinstance(published, dt.datetime):
        published = published.date()
    if lang in (None, "", "auto", "und"):
        lang = detect_language(text)        # an unknown language: go by the script and words
    folded = fold(text)
    grammar = grammar_for(lang)
    expressions = scan(folded, text, grammar)
    mentions: list[DateMention] = []
    latest_day: dt.date | None = None     # what "later in the day" refers back to
    future = False
    for index, expression in enumerate(expressions):
        previous_end = expressions[index - 1].end if index else 0
        next_start = expressions[index + 1].start if index + 1 < len(expressions) else len(folded.text)
        # "will meet on Thursday and Friday": a list shares its first item's tense.
        in_list = index > 0 and grammar.gap_joiner.match(folded.text[previous_end:expression.start])
        if not in_list:
            future = is_future(folded.text, expression.start, expression.end, previous_end, next_start,
                               grammar.vocab)
        interval = resolve(expression, published, future, latest_day)
        start_char, end_char = folded.span(expression.start, expression.end)
        surface = text[start_char:end_char]
        if interval is None:
            mentions.append(DateMention(surface, start_char, end_char, None, None, granularity_of(expression)))
            continue
        if interval.granularity == "day":
            latest_day = interval.start
        mentions.append(DateMention(surface, start_char, end_char, interval.start, interval.end,
                                    interval.granularity))
    return mentions
