"""Language tables of the temporal tagger: month and weekday names, relative words, cues.

Arabic and English come from `extract/data/dates_<lang>.json`; any other language gets month
and weekday names from dateparser's locale data (its 200 CLDR-derived locales). Keys are folded
with `extract.text.normalize`, so tables are written in ordinary spelling ("أيلول", "Sept").

The keys of a table, by what they serve (dates_en.json and dates_ar.json are worked examples;
a missing key simply disables what it serves):

- names: months, hijri_months, hijri_markers, weekdays, ambiguous_months / ambiguous_hijri_months
  (need a cue, a day or a year), month_cues, month_words, ordinal_days / ordinal_tens / ordinal_teens_suffix /
  ordinal_and / ordinal_of, day_suffix, orders ("dmy", "mdy"), numeric_order, case_sensitive_names
- years and decades: year_cues_inside / year_cues_outside, year_of, year_suffixes, decades_words,
  decade_articles, centuries, century_of, decade_patterns, quarters,
  quarter_patterns (groups: q or qn, year; optional this_year for "of the year")
- days: weekday_prefixes, weekday_suffixes, weekday_shifts_before, weekday_shifts_after,
  weekday_date_links,
  ambiguous_weekdays with ambiguous_weekday_not_before / ambiguous_weekday_not_after,
  relative_days with relative_day_prefixes / relative_day_suffixes, bare_today with
  not_today_before / not_today_after, same_day
- periods: period_units, period_shifts_before / period_shifts_after, period_edges, period_articles,
  period_parts ("earlier this month", "في وقت سابق من هذا الشهر": the part of the period before
  or after publication), weekday_offsets ("a week from Sunday": days after the weekday),
  period_not_before, month_shifts_before / month_shifts_after ("last March", "مارس الماضي"),
  named_dates (a day and month that name an event: "هجمات 11 سبتمبر", "the Sept. 11 attacks"
  → the event's year, given the nouns before or after), seasons (word → first and last month;
  a season needs a year or a shift word), weekend_phrases, ago_before / ago_after / ago_units /
  ago_not_after, numbers
- connectives: list_joiners, range_openers (opener → its connectors), range_dashes, since,
  since_anchor_after, superlatives / superlative_suffixes, proclitics / cue_proclitics /
  clause_proclitics, digit_article, definite_article
- years as adjectives: year_event_nouns (انتخابات 2018), year_determiners and year_possessives
  ("the 2018 election", "Russia's 2014 annexation"), year_not_before (count nouns: "the 2018 people"),
  count_before (a number after these is a count, even after a cue: "rose to 2023", "بلغت 1717")
- ranges: pair_joiners ("and", و: two successive days joined by one are a range)
- tense: future_markers, future_unless_past (anywhere in the clause) and
  future_unless_past_before (right before the date), future_unless_past_not_before
  (المقرر الخاص, a rapporteur), future_before (right before the date, even in a past clause:
  "ahead of"), future_prefixes with future_prefix_stoplist (noun beginnings) and
  future_prefix_stopwords (whole words), past_markers, past_patterns (regexes for
  past verb forms: Arabic انفجرت، استهدفت), past_suffixes with past_suffix_stoplist,
  clause_joiners
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ..text import normalize_word

DATA = Path(__file__).resolve().parent.parent / "data"
# Languages with a hand-written table (more than month and weekday names).
TABLE_LANGUAGES = frozenset(p.stem.removeprefix("dates_") for p in DATA.glob("dates_*.json"))


@dataclass(frozen=True, slots=True)
class Vocab:
    """One language's vocabulary, folded for matching against normalised text."""
    lang: str
    raw: Mapping[str, object] = field(repr=False, compare=False)

    def words(self, key: str) -> tuple[str, ...]:
        """A list (or the keys of a mapping) of the table, folded, longest first."""
        value = self.raw.get(key) or ()
        return tuple(sorted({normalize_word(w) for w in value}, key=len, reverse=True))

    def mapping(self, key: str) -> dict[str, object]:
        """A mapping of the table with folded keys."""
        return {normalize_word(k): v for k, v in (self.raw.get(key) or {}).items()}

    def flag(self, key: str) -> bool:
        return bool(self.raw.get(key))

    def alternation(self, key: str) -> str:
        """A regex alternation of the table's words, longest first; never matches if empty."""
        return alternation(self.words(key))


def alternation(words) -> str:
    """`(?:w1|w2|…)` with spaces matching any run of spaces, longest words first."""
    words = sorted(set(words), key=len, reverse=True)
    if not words:
        return r"(?!x)x"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"


def char_class(letters) -> str:
    """A regex character class of the single letters among `letters`; never matches if none."""
    letters = "".join(sorted({w for w in letters if len(w) == 1}))
    return f"[{re.escape(letters)}]" if letters else r"(?!x)x"


@lru_cache(maxsize=64)
def load_vocab(lang: str) -> Vocab:
    """The vocabulary for `lang`: its table if we have one, else dateparser's names for it,
    else English."""
    base = (lang or "en").lower().split("-")[0].split("_")[0]
    if base in TABLE_LANGUAGES:
        table = json.loads((DATA / f"dates_{base}.json").read_text(encoding="utf-8"))
        return Vocab(base, MappingProxyType(table))
    table = _dateparser_table(base)
    if table is None:
        return load_vocab("en")
    return Vocab(base, MappingProxyType(table))


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _dateparser_table(lang: str) -> dict | None:
    """Month and weekday names of a dateparser locale, as a minimal table (no relative words)."""
    from dateparser.languages.loader import LocaleDataLoader

    try:
        info = LocaleDataLoader().get_locale(lang).info
    except ValueError:          # dateparser does not know the language
        return None
    months = {name: number for number, key in enumerate(_MONTHS, 1) for name in info.get(key, ())
              if len(name) > 2}
    weekdays = {name: number for number, key in enumerate(_WEEKDAYS) for name in info.get(key, ())
                if len(name) > 3}
    short = [name for name in months if len(name) <= 4]
    # Short glue words such as Spanish "de" ("24 de febrero de 2022"), from the locale's skip list.
    glue = [word for word in info.get("skip", ()) if word.isalpha() and len(word) <= 3]
    return {"orders": ["dmy", "mdy"], "months": months, "ambiguous_months": short,
            "weekdays": weekdays, "ordinal_of": glue, "year_cues_inside": glue}
