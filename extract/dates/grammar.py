"""The grammar of temporal expressions: one regex rule per shape, built from a language table.

Each rule recognises one shape of expression ("13 سبتمبر 2023", "الخميس المقبل", "two weeks
ago") in normalised text and its handler turns the match into an `Expression`. The grammar also
holds the connective patterns (range openers, "since", list joiners) that spans.py uses to
combine neighbouring expressions. All vocabulary comes from the language table (vocab.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..text import normalize_word
from .expressions import Expression
from .vocab import Vocab, alternation, char_class, load_vocab

DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?!\d)"
HIJRI_YEAR = r"(?:1[2-5]\d\d)(?!\d)"

# A rule: its name, its compiled pattern, the handler from a match (and the text) to an Expression,
# and the words one of which a text must contain for the rule to be worth running (None: always run).
Rule = tuple[str, re.Pattern, Callable[[re.Match, str], Expression | None], tuple[str, ...] | None]


class Grammar:
    """The compiled rules and connective patterns of one language."""

    def __init__(self, vocab: Vocab):
        self.vocab = v = vocab
        self.months = v.mapping("months")
        self.hijri_months = v.mapping("hijri_months")
        self.weekdays = v.mapping("weekdays")
        self.ambiguous_months = set(v.words("ambiguous_months")) | set(v.words("ambiguous_hijri_months"))
        self.ordinals = v.mapping("ordinal_days")
        self.ordinal_tens = v.mapping("ordinal_tens")
        self.numbers = v.mapping("numbers")
        self.quarters = v.mapping("quarters")
        self.decade_words = v.mapping("decades_words")
        self.relative_days = v.mapping("relative_days")
        self.weekday_shifts = {**v.mapping("weekday_shifts_before"), **v.mapping("weekday_shifts_after")}
        self.period_units = v.mapping("period_units")
        self.period_shifts = {**v.mapping("period_shifts_before"), **v.mapping("period_shifts_after")}
        self.period_edges = v.mapping("period_edges")
        self.period_parts = v.mapping("period_parts")
        self.weekday_offsets = v.mapping("weekday_offsets")
        self.seasons = v.mapping("seasons")
        self.month_shifts = {**v.mapping("month_shifts_before"), **v.mapping("month_shifts_after")}
        self.weekend_phrases = v.mapping("weekend_phrases")
        self.ago_units = v.mapping("ago_units")
        self.range_openers = {opener: {normalize_word(c) for c in connectors}
                              for opener, connectors in v.mapping("range_openers").items()}
        self.range_dashes = set(v.words("range_dashes"))
        self.case_sensitive = v.flag("case_sensitive_names")
        self.year_phrases = self._relative_phrases("year")
        self.month_phrases = self._relative_phrases("month")
        self.centuries = v.mapping("centuries")
        self.ambiguous_weekdays = set(v.words("ambiguous_weekdays"))
        self.bare_today = set(v.words("bare_today"))
        self.month_words = v.words("month_words")
        self.definite_article = normalize_word(v.raw.get("definite_article") or "")
        # Proclitics glued to a word (Arabic و "and", ف "so", ب "in/on": "و1 أكتوبر") stay
        # outside the span; cue words may carry the conjunctions ("وفي 2005", "ومن المقرر").
        self.clitic = char_class(v.words("proclitics"))
        self.cue_clitic = char_class(v.words("cue_proclitics"))
        # "هجمات 11 سبتمبر", "the Sept. 11 attacks": the date names an event, so it has its year.
        self.named_dates = {}
        for entry in v.raw.get("named_dates") or ():
            before = entry.get("before") or ()
            after = entry.get("after") or ()
            self.named_dates.setdefault((entry["month"], entry["day"]), []).append((
                re.compile(rf"(?<!\w){self.cue_clitic}?{alternation(normalize_word(w) for w in before)}\s+$")
                if before else None,
                re.compile(rf"\s+{alternation(normalize_word(w) for w in after)}(?!\w)") if after else None,
                entry["year"]))
        self.day = DAY + (v.raw.get("day_suffix") or "")
        self.rules: list[Rule] = self._compile_rules()
        self._compile_connectives()

    def _compile_rules(self) -> list[Rule]:
        """One regex per shape of expression, each with its handler."""
        v, alt = self.vocab, self.vocab.alternation
        digit_article = v.raw.get("digit_article")
        clitic = (rf"(?<!\w)(?:{self.clitic}{{1,2}}(?=\w)"
                  + (rf"|{self.clitic}?{re.escape(normalize_word(digit_article))}(?=\d)"
                     if digit_article else "")
                  + ")?")                                               # "الـ20 من يوليو"
        month = alternation(self.months)
        ordinal = self._ordinal_pattern()
        day = self.day
        day_or_ordinal = rf"(?:(?P<day>{day})|(?P<ord>{ordinal}))"
        of = rf"(?:\s*(?:{alt('ordinal_of')})(?!\w))?"
        dot = r"(?:\.(?=\s*\d))?"        # "Sept. 7", not the full stop after "في سبتمبر."
        months = rf"(?P<month>{month}){dot}(?:\s*[/\\]\s*{month}(?!\w){dot}|\s*\(\s*{month}\s*\))?"
        year_of = rf"(?:{alt('year_of')}\s+)?"                     # "من عام 2023", "of last year"
        year_tail = (rf"(?:\s*,?\s*(?:{year_of}{alt('year_cues_inside')}\s+)?(?P<year>{YEAR})"
                     rf"(?:\s*{alt('year_suffixes')}(?!\w))?"
                     rf"|\s+{year_of}(?P<yrel>{alternation(self.year_phrases)}))")
        # "last March", "ديسمبر الماضي": the month's direction from publication.
        shift_before = rf"(?:(?P<mshiftb>{alt('month_shifts_before')})\s+)?"
        shift_after = rf"|\s+(?P<mshifta>{alt('month_shifts_after')})"
        month_word = rf"(?:{alt('month_words')}\s+)?"                # "شهر سبتمبر", "the month of May"
        hijri = (rf"(?:{day_or_ordinal}\s*{of}\s*)?{month_word}(?P<hmonth>{alternation(self.hijri_months)})"
                 rf"(?:\s*,?\s*(?:{year_of}{alt('year_cues_inside')}\s+)?(?P<year>{HIJRI_YEAR}))?"
                 rf"(?:\s*(?P<marker>{alt('hijri_markers')})(?!\w))?")
        weekday = (rf"(?:(?P<offset>{alt('weekday_offsets')})\s+)?(?:(?P<prefix>{alt('weekday_prefixes')})\s+)?"
                   rf"(?:(?P<shiftb>{alt('weekday_shifts_before')})\s+)?(?P<wd>{alternation(self.weekdays)})"
                   rf"(?:\s+(?P<shifta>{alt('weekday_shifts_after')}))?(?:\s+{alt('weekday_suffixes')})?")
        relday = (rf"(?:{alt('relative_day_prefixes')}\s+)?(?P<rel>{alternation(self.relative_days)})"
                  rf"(?:\s+{alt('relative_day_suffixes')})?")
        unit = alternation(self.period_units)
        edge = alternation(self.period_edges)
        article = rf"(?:{alt('period_articles')}\s+)?"
        # "مطلع العام" (this year), not "بداية العام الدراسي" (the school year): no adjective after.
        no_adjective = rf"(?!\s+{re.escape(self.definite_article)}\w)" if self.definite_article else ""
        period = (rf"(?:(?P<part>{alt('period_parts')})\s+)?(?:(?P<edge>{edge})\s+{article})?"
                  rf"(?:(?P<shiftb>{alt('period_shifts_before')})\s+(?P<unitb>{unit})"
                  rf"|(?P<unita>{unit})\s+(?P<shifta>{alt('period_shifts_after')}))"
                  rf"|(?P<edge2>{edge})\s+{article}(?P<unit2>{unit}){no_adjective}")
        # "spring 2023", "صيف العام الماضي", "last summer", "الشتاء المقبل"; never a bare
        # season word (الربيع العربي, "spring" the verb).
        season_word = alternation(self.seasons)
        season = (rf"(?P<season>{season_word})(?:\s+{alt('year_of')})?{year_tail}"
                  rf"|(?P<shiftb>{alt('period_shifts_before')})\s+(?P<season2>{season_word})"
                  rf"|(?P<season3>{season_word})\s+(?P<shifta>{alt('period_shifts_after')})")
        number = rf"(?P<n>\d{{1,3}}|{alternation(self.numbers)})"
        ago_unit = rf"(?P<unit>{alternation(self.ago_units)})"
        ago = (rf"{number}\s+{ago_unit}\s+{alt('ago_after')}"
               if v.words("ago_after") else
               rf"{alt('ago_before')}\s+(?:{number}\s+)?{ago_unit}(?!\s+{alt('ago_not_after')}(?!\w))")
        decade = (rf"(?:{alt('decade_articles')}\s*)?(?P<dword>{alternation(self.decade_words)})"
                  rf"(?:\s+(?:{alt('century_of')}\s+)?(?P<century>{alternation(self.centuries)}))?")
        rules: list[tuple[str, str, Callable]] = [
            ("dmy", rf"{day_or_ordinal}{of}\s*{month_word}{months}(?:{year_tail}{shift_after})?",
             self._calendar),
            ("day_of_month",
             rf"{day_or_ordinal}\s*(?:{alt('ordinal_of')})\s+(?P<relmonth>{alternation(self.month_phrases)})",
             self._day_of_relative_month),
            ("month", rf"{shift_before}{month_word}{months}(?:{year_tail}{shift_after})?", self._calendar),
            ("hijri", hijri, self._hijri),
            ("year", rf"(?:(?P<inside>{alt('year_cues_inside')})\s+)?(?P<year>{YEAR})"
                     rf"(?:\s*{alt('year_suffixes')}(?!\w))?", self._year),
            ("weekday", weekday, self._weekday),
            ("relday", relday, self._relday),
            ("sameday", alt("same_day"), lambda match, text: Expression(0, 0, "sameday")),
            ("period", period, self._period),
            ("weekend", rf"(?P<weekend>{alternation(self.weekend_phrases)})", self._weekend),
            ("season", season, self._season),
            ("ago", ago, self._ago),
            ("decade", decade, self._decade),
        ]
        numeric = rf"(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<year>{YEAR})"
        iso = rf"(?P<year>{YEAR})(?P<sep>[/-])(?P<b>\d{{1,2}})(?P=sep)(?P<a>\d{{1,2}})(?!\d)"
        rules += [("numeric", numeric, self._numeric), ("iso", iso, self._numeric)]
        if "mdy" in (v.raw.get("orders") or ()):
            mdy = rf"{months}\s*(?P<day>{day})(?!\s*[:.]\d|,\d)(?:\s*,?\s*(?P<year>{YEAR}))?"
            rules.insert(1, ("mdy", mdy, self._calendar))
        for pattern in v.raw.get("decade_patterns") or ():
            rules.append(("decade", pattern, self._decade))
        for pattern in v.raw.get("quarter_patterns") or ():
            year_or_phrase = rf"(?:(?P<year>{YEAR})|(?P<yrel>{alternation(self.year_phrases)}))"
            body = (pattern.replace("QUARTER", alternation(self.quarters))
                    .replace("(?P<year>YEAR)", year_or_phrase))
            rules.append(("quarter", body, self._quarter))
        needles = self._needles()
        return [(name, re.compile(rf"{clitic}(?P<body>{body})(?!\w)"), handler, needles.get(name))
                for name, body, handler in rules]

    def _compile_connectives(self) -> None:
        """The patterns matched between and around expressions: range openers and connectors,
        list joiners, "since", superlatives, and the cues that make an ambiguous word a date."""
        v, alt, day = self.vocab, self.vocab.alternation, self.day
        joiners = alternation(v.words("list_joiners"))
        connectors = alternation(set(v.words("list_joiners")) | self.range_dashes
                                 | {c for cs in self.range_openers.values() for c in cs})
        openers = alternation(self.range_openers)
        glued, cue = f"{self.clitic}?", f"(?<!\\w){self.cue_clitic}?"
        self.gap_connector = re.compile(rf"^\s*(?P<conn>{connectors})\s*{glued}$")
        self.pair_joiners = frozenset(" ".join(w.split()) for w in v.words("pair_joiners"))
        self.gap_joiner = re.compile(rf"^\s*(?:{joiners})\s*{glued}$")
        self.opener_before = re.compile(rf"{cue}(?P<open>{openers})\s*$")
        self.bare_day_before = re.compile(
            rf"(?:{cue}(?P<open>{openers})\s+)?(?<![\w.])(?P<day>{day})\s*(?P<conn>{connectors})\s*$")
        # "Dec. 12 and 13", "Sept. 7-9": a bare day after a date, before punctuation, a year or the end.
        self.bare_day_after = re.compile(
            rf"\s*(?P<conn>{connectors})\s*(?P<day>{day})(?![.,]\d)(?=\s*(?:[,.;:!?)؟،؛]|$|{YEAR}))")
        # Between a weekday and its date: "Sunday, Sept. 10", "يوم الخميس الموافق 19 أكتوبر".
        # Between a weekday and a later date of one range: "ليلة الأحد | 10 إلى | الاثنين 11 سبتمبر".
        self.weekday_bare_day_gap = re.compile(rf"\s*(?P<day>{day})\s*(?P<conn>{connectors})\s*{glued}")
        self.weekday_date_gap = re.compile(rf"[\s,،(]*(?:{alt('weekday_date_links')}[\s,،(]*)?")
        self.since_before = re.compile(rf"{cue}(?P<since>{alt('since')})\s*$")
        self.anchor_after = re.compile(rf"\s*[,،]?\s*(?:{alt('since_anchor_after')})(?!\w)")
        superlative = alt("superlatives")
        suffixes = "|".join(re.escape(s) for s in v.words("superlative_suffixes"))
        by_suffix = rf"|\w{{3,}}(?:{suffixes})" if suffixes else ""      # heaviest, deadliest
        self.superlative = re.compile(rf"(?<!\w)(?:{superlative}{by_suffix})(?!\w)")
        self.month_cue_before = re.compile(rf"{cue}(?:{alt('month_cues')})[\s-]*$")
        # Years as adjectives: "the 2018 election", "انتخابات 2018"; not counts ("the 2018 people").
        never = r"(?!x)x"
        events = alt("year_event_nouns") if v.words("year_event_nouns") else never
        determiners = alt("year_determiners") if v.words("year_determiners") else never
        adjective = rf"(?:\s+{re.escape(self.definite_article)}\w+)?" if self.definite_article else ""
        self.year_event_before = re.compile(rf"{cue}(?:{events}){adjective}\s+{glued}$")
        possessives = rf"|(?<=\w)(?:{alt('year_possessives')})" if v.words("year_possessives") else ""
        self.year_determiner_before = re.compile(rf"(?:(?<!\w)(?:{determiners}){possessives})"
                                                 rf"\s+(?:[^\W\d_]+\s+)?$")
        self.year_count_after = re.compile(
            rf"\s+(?:{alt('year_not_before') if v.words('year_not_before') else never})(?!\w)")
        self.year_noun_after = re.compile(r"\s+[^\W\d_]{2,}")
        # "rose to 2023", "بلغت 1717": a number after a word of quantity is a count, cue or not.
        self.count_before = re.compile(rf"{cue}(?:{alt('count_before')})\s+$") if v.words("count_before") else None
        self.year_cue_before = re.compile(rf"{cue}(?:{alt('year_cues_outside')})[\s-]*{glued}$")
        self.not_today = (re.compile(rf"\s+(?:{alt('not_today_after')})(?!\w)"),
                          re.compile(rf"(?<!\w)(?:{alt('not_today_before')})\s+$"))
        self.period_not_before = re.compile(rf"(?<!\w)(?:{alt('period_not_before')})\s+$")
        self.not_weekday = (re.compile(rf"\s+(?:{alt('ambiguous_weekday_not_after')})(?!\w)"),
                            re.compile(rf"(?<!\w)(?:{alt('ambiguous_weekday_not_before')})\s+$"))

    # -- building blocks -------------------------------------------------------------------

    def _needles(self) -> dict[str, tuple[str, ...]]:
        """For each rule, words one of which must occur in a text for the rule to match there:
        a cheap substring test that spares running most rules over most texts."""
        def first_words(words) -> tuple[str, ...]:
            return tuple({w.split()[0] for w in words if w.split()})
        digits = tuple("0123456789")
        months = first_words(self.months)
        v = self.vocab
        return {"dmy": months, "mdy": months, "month": months,
                "day_of_month": first_words(self.month_phrases),
                "hijri": first_words(self.hijri_months), "year": digits, "numeric": digits, "iso": digits,
                "weekday": first_words(self.weekdays), "relday": first_words(self.relative_days),
                "sameday": first_words(v.words("same_day")), "period": first_words(self.period_units),
                "weekend": first_words(self.weekend_phrases), "season": first_words(self.seasons),
                "ago": first_words(v.words("ago_after") + v.words("ago_before"))}

    def _relative_phrases(self, unit: str) -> dict[str, int]:
        """Every "<shift> <unit>" and "<unit> <shift>" phrase: "last year", "العام الماضي"."""
        v = self.vocab
        words = [w for w, u in self.period_units.items() if u == unit]
        phrases = {f"{s} {w}": n for w in words for s, n in v.mapping("period_shifts_before").items()}
        phrases.update({f"{w} {s}": n for w in words for s, n in v.mapping("period_shifts_after").items()})
        return phrases

    def _ordinal_pattern(self) -> str:
        """Arabic ordinal days: الخامس، الخامس عشر، الحادي والعشرين، الثلاثين."""
        units, tens = alternation(self.ordinals), alternation(self.ordinal_tens)
        if not self.ordinals:
            return r"(?!x)x"
        teen = normalize_word(self.vocab.raw.get("ordinal_teens_suffix") or "")
        conjunction = re.escape(normalize_word(self.vocab.raw.get("ordinal_and") or ""))
        return rf"(?:{units}\s+(?:{re.escape(teen)}|{conjunction}{tens})|{tens}|{units})"

    def ordinal_value(self, words: str) -> int | None:
        parts = words.split()
        first = self.ordinals.get(parts[0])
        if first is None:
            return self.ordinal_tens.get(parts[0])
        if len(parts) == 1:
            return first
        conjunction = normalize_word(self.vocab.raw.get("ordinal_and") or "")
        if parts[1] in self.ordinal_tens or (conjunction and parts[1].startswith(conjunction)):
            return first + self.ordinal_tens.get(parts[1].removeprefix(conjunction), 0)
        return first + 10      # الخامس عشر

    def modifies_a_noun(self, match: re.Match, text: str, groups: dict | None = None) -> bool:
        """An ordinal after a definite noun is not a day: "النصف الثاني من نوفمبر" (the second
        half of November), "الأسبوع الأول من الشهر"."""
        groups = match.groupdict() if groups is None else groups    # the handler's, read once
        if not groups.get("ord") or not self.definite_article:
            return False
        before = re.search(rf"(?<!\w)({re.escape(self.definite_article)}\w+)\s+$",
                           text[max(0, match.start("body") - 20):match.start("body")])
        return bool(before) and before.group(1) not in self.weekdays

    def day_value(self, match: re.Match, groups: dict | None = None) -> int | None:
        groups = match.groupdict() if groups is None else groups
        if groups.get("day"):
            return int(re.match(r"\d+", groups["day"]).group())
        if groups.get("ord"):
            return self.ordinal_value(" ".join(match.group("ord").split()))
        return None

    # -- rule handlers: a match to an Expression (offsets filled in by `scan`) ---------------

    def _calendar(self, m: re.Match, text: str) -> Expression | None:
        groups = m.groupdict()
        if self.modifies_a_noun(m, text, groups):
            return None
        month = self.months[" ".join(m.group("month").split())]
        day = self.day_value(m, groups) if "day" in groups else None
        year = int(m.group("year")) if groups.get("year") else None
        year_shift = self.year_phrases.get(" ".join(m.group("yrel").split())) if groups.get("yrel") else None
        shift_word = groups.get("mshiftb") or groups.get("mshifta")
        shift = self.month_shifts[" ".join(shift_word.split())] if shift_word else None
        named = False
        if year is None and year_shift is None and shift is None and day:
            year = self._named_year(m, text, month, day)
            named = year is not None
        # An ambiguous month alone without a cue is weak: kept only in a list ("in May and March").
        weak = (day is None and year is None and year_shift is None and shift is None
                and not self._month_alone_ok(m, text))
        return Expression(0, 0, "date", year=year, month=month, day=day, year_shift=year_shift,
                          shift=shift, weak=weak, named=named)

    def _named_year(self, m: re.Match, text: str, month: int, day: int) -> int | None:
        for before, after, year in self.named_dates.get((month, day), ()):
            if ((before and preceded_by(before, text, m.start("body")))
                    or (after and after.match(text, m.end("body")))):
                return year
        return None

    def _month_alone_ok(self, m: re.Match, text: str) -> bool:
        """A month name alone is a date unless it is an ambiguous word ("may", "مارس" the
        verb) without a cue such as "in", "في", "شهر", or a second month name after a slash."""
        word = " ".join(m.group("month").split())
        if word not in self.ambiguous_months:
            return True
        body = m.group("body")
        return ("/" in body or "(" in body or body.startswith(self.month_words)
                or preceded_by(self.month_cue_before, text, m.start("body")))

    def _day_of_relative_month(self, m: re.Match, text: str) -> Expression | None:
        if self.modifies_a_noun(m, text):
            return None
        shift = self.month_phrases[" ".join(m.group("relmonth").split())]
        return Expression(0, 0, "date", day=self.day_value(m), unit="month", shift=shift)

    def _hijri(self, m: re.Match, text: str) -> Expression | None:
        month = self.hijri_months[" ".join(m.group("hmonth").split())]
        day = self.day_value(m)
        year = int(m.group("year")) if m.group("year") else None
        word = " ".join(m.group("hmonth").split())
        if (day is None and year is None and not m.group("marker") and word in self.ambiguous_months
                and not (m.group("body").startswith(self.month_words)
                         or preceded_by(self.month_cue_before, text, m.start("body")))):
            return None
        return Expression(0, 0, "date", year=year, month=month, day=day, calendar="hijri")

    def _year(self, m: re.Match, text: str) -> Expression | None:
        if not m.group("inside") and self.count_before and preceded_by(self.count_before, text, m.start("body")):
            return None
        cued = (bool(m.group("inside")) or preceded_by(self.year_cue_before, text, m.start("body"))
                or self._adjective_year(m, text))
        return Expression(0, 0, "date", year=int(m.group("year")), weak=not cued)

    def _adjective_year(self, m: re.Match, text: str) -> bool:
        """A year naming an event: "the 2018 election", "a 1951 mutual defence treaty" (a
        determiner, at most one word, the year, then a word that is not a count noun: "the 2018
        people" is a number), "انتخابات 2018", "كأس العالم 2022" (after an event noun)."""
        if not 1900 <= int(m.group("year")) <= 2099 or m.group("inside"):
            return False
        start, end = m.start("body"), m.end("body")
        if self.year_count_after.match(text, end):
            return False
        if preceded_by(self.year_event_before, text, start, 40):
            return True
        return preceded_by(self.year_determiner_before, text, start, 40) and bool(
            self.year_noun_after.match(text, end))

    def _weekday(self, m: re.Match, text: str) -> Expression | None:
        word = " ".join(m.group("wd").split())
        after, before = self.not_weekday
        if word in self.ambiguous_weekdays and (
                after.match(text, m.end("wd")) or preceded_by(before, text, m.start("wd"))):
            return None     # بين الاثنين "between the two", الأحد عشر "the eleven"
        shift_word = m.group("shiftb") or m.group("shifta")
        shift = self.weekday_shifts.get(" ".join(shift_word.split())) if shift_word else None
        offset = m.group("offset")
        days_after = self.weekday_offsets.get(" ".join(offset.split()), 0) if offset else 0
        return Expression(0, 0, "weekday", weekday=self.weekdays[word], shift=shift, days_after=days_after)

    def _relday(self, m: re.Match, text: str) -> Expression | None:
        word = " ".join(m.group("rel").split())
        after, before = self.not_today
        if word in self.bare_today and m.start("rel") == m.start("body") and (
                after.match(text, m.end("body")) or preceded_by(before, text, m.start("body"))):
            return None     # اليوم الأول "the first day", في ذلك اليوم "on that day"
        return Expression(0, 0, "relday", shift=self.relative_days[word])

    def _period(self, m: re.Match, text: str) -> Expression | None:
        if m.group("unita") and preceded_by(self.period_not_before, text, m.start("body")):
            return None     # الأمين العام السابق: the former secretary-general, not last year
        unit_word = m.group("unitb") or m.group("unita") or m.group("unit2")
        shift_word = m.group("shiftb") or m.group("shifta")
        edge_word = m.group("edge") or m.group("edge2")
        unit = self.period_units[" ".join(unit_word.split())]
        shift = self.period_shifts[" ".join(shift_word.split())] if shift_word else 0
        edge = self.period_edges[" ".join(edge_word.split())] if edge_word else None
        if unit == "week" and edge == "end":
            unit, edge = "weekend", None          # نهاية الأسبوع الماضي: last weekend
        part_word = m.group("part")
        part = self.period_parts.get(" ".join(part_word.split())) if part_word else None
        return Expression(0, 0, "period", unit=unit, shift=shift, edge=edge, part=part)

    def _weekend(self, m: re.Match, text: str) -> Expression:
        return Expression(0, 0, "period", unit="weekend",
                          shift=self.weekend_phrases[" ".join(m.group("weekend").split())])

    def _season(self, m: re.Match, text: str) -> Expression:
        groups = m.groupdict()
        word = groups.get("season") or groups.get("season2") or groups.get("season3")
        first, last = self.seasons[" ".join(word.split())]
        shift_word = groups.get("shiftb") or groups.get("shifta")
        shift = self.period_shifts[" ".join(shift_word.split())] if shift_word else None
        year = int(groups["year"]) if groups.get("year") else None
        year_shift = self.year_phrases.get(" ".join(groups["yrel"].split())) if groups.get("yrel") else None
        return Expression(0, 0, "period", unit="season", month=first, count=last, year=year,
                          year_shift=year_shift, shift=shift)

    def _ago(self, m: re.Match, text: str) -> Expression | None:
        unit, implied = self.ago_units[" ".join(m.group("unit").split())]
        number = m.group("n")
        if number:
            count = int(number) if number.isdigit() else self.numbers[number]
        else:
            count = implied
        if not count:
            return None     # "قبل أيام" (some days ago) is too vague to place
        return Expression(0, 0, "ago", unit=unit, count=count)

    def _decade(self, m: re.Match, text: str) -> Expression:
        groups = m.groupdict()
        if groups.get("decade"):
            start = int(groups["decade"])
        elif groups.get("short"):
            start = (2000 if int(groups["short"]) < 2 else 1900) + 10 * int(groups["short"])   # '00s, '90s
        else:
            start = self.decade_words[groups["dword"]]          # the 1900s unless a century says otherwise
            if groups.get("century"):
                start += self.centuries[" ".join(groups["century"].split())] - 1900
        return Expression(0, 0, "decade", year=start)

    def _quarter(self, m: re.Match, text: str) -> Expression:
        groups = m.groupdict()
        quarter = int(groups["qn"]) if groups.get("qn") else self.quarters[" ".join(groups["q"].split())]
        if groups.get("yrel"):
            return Expression(0, 0, "period", unit="quarter", count=quarter,
                              year_shift=self.year_phrases[" ".join(groups["yrel"].split())])
        year = int(groups["year"]) if groups.get("year") else None       # "the third quarter": resolve.py
        year_shift = 0 if groups.get("this_year") else None                 # "… of the year", "من العام"
        return Expression(0, 0, "period", unit="quarter", count=quarter, year=year, year_shift=year_shift)

    def _numeric(self, m: re.Match, text: str) -> Expression | None:
        """13/9/2023, 2023-09-13; 09/13/2023 where the table reads month first (or day > 12)."""
        a, b = int(m.group("a")), int(m.group("b"))
        if m.group("body")[:4] == m.group("year"):                # ISO: year, month, day
            day, month = a, b
        elif self.vocab.raw.get("numeric_order") == "mdy" and a <= 12 or b > 12:
            day, month = b, a
        else:
            day, month = a, b
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return Expression(0, 0, "date", year=int(m.group("year")), month=month, day=day)


@lru_cache(maxsize=64)
def grammar_for(lang: str) -> Grammar:
    return Grammar(load_vocab(lang))


def preceded_by(pattern: re.Pattern, text: str, position: int, window: int = 30) -> bool:
    """Whether `pattern` (anchored at its end with $) matches the text just before `position`."""
    return pattern.search(text, max(0, position - window), position) is not None
