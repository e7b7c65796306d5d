"""Temporal tagger: finds date expressions and resolves them to inclusive day intervals.

    >>> find_dates(Document("التقى الوزيران الخميس", "ar", datetime.date(2023, 10, 19)))
    [DateMention(text='الخميس', …, start=2023-10-19, end=2023-10-19, granularity='day')]

Stages, one module each: vocab (language tables) → grammar (regex rules built from them) →
extract.text.normalize (folded text with an offset map) → spans (find and combine expressions, records in
expressions.py) → tense (past or future clause) → resolve (days, against `published`).
"""
from __future__ import annotations

import datetime as dt

from ..records import DateMention, Document
from ..text import normalize
from .grammar import grammar_for
from .resolve import granularity_of, resolve
from .spans import scan
from .tense import clause_tense, speaks_of_future, tense_surroundings

__all__ = ["find_dates", "future_clause"]


def find_dates(document: Document | str, published: dt.date | None = None, lang: str = "en"
               ) -> list[DateMention]:
    """Every temporal expression of the document, in text order and non-overlapping, resolved
    against its publication date; those that need a publication date stay unresolved (None)
    without one. A plain string is read as a Document of `lang` published on `published`."""
    if isinstance(document, str):
        document = Document(document, lang, published)
    text, published, lang = document.text, document.published, document.lang
    folded = document.normalized
    grammar = grammar_for(lang)
    expressions = scan(folded, text, grammar)
    mentions: list[DateMention] = []
    latest_day: dt.date | None = None     # what "later in the day" refers back to
    tense = None
    list_ends = _list_ends(expressions, folded.text, grammar.gap_joiner)
    tenses: dict[tuple, str | None] = {}    # clause_tense's answer for each surroundings met
    for index, expression in enumerate(expressions):
        # "will meet on Thursday and Friday", "Dec. 12 and 13 people were hurt": a list has one
        # tense, read around the whole list.
        if index == 0 or list_ends[index - 1] != list_ends[index]:
            last = list_ends[index]
            previous_end = expressions[index - 1].end if index else 0
            next_start = expressions[last + 1].start if last + 1 < len(expressions) else len(folded.text)
            surroundings = tense_surroundings(folded.text, expression.start, expressions[last].end,
                                              previous_end, next_start)
            tense = tenses.get(surroundings, "")
            if tense == "":
                if len(tenses) >= 20_000:
                    tenses.clear()      # a text of distinct surroundings: bounded memory
                tense = tenses[surroundings] = clause_tense(
                    folded.text, expression.start, expressions[last].end, previous_end, next_start,
                    grammar.vocab)
        interval = resolve(expression, published, tense, latest_day)
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


def future_clause(text: str, lang: str) -> bool:
    """Whether a clause speaks of the future ("will reopen", "ستعيد فتح", "من المقرر أن")."""
    return speaks_of_future(normalize(text).text, grammar_for(lang).vocab)


def _list_ends(expressions, text: str, gap_joiner) -> list[int]:
    """For each expression, the index of the last item of the list it belongs to."""
    ends = list(range(len(expressions)))
    for index in range(len(expressions) - 2, -1, -1):
        gap = text[expressions[index].end:expressions[index + 1].start]
        if gap_joiner.match(gap):
            ends[index] = ends[index + 1]
    return ends
