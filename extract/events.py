"""Event assembly: sentences plus date and place mentions become dated events on the map.

An event is one dated happening in one sentence: its interval, the places of its part of the
sentence, and — for movements ("shipped from X to Y", "بين ناجين ودوناي") — an origin and a
destination. Its `date_source` says where the interval comes from: "text" (a date of its own
sentence), "story" (a sentence that reports a happening without a date, dated like a reader
dates it: by the latest day of the story's present) or "published" (the same, in a story with no
such day: the publication day). Dates whose sentence names no place stay date mentions, and
places of sentences that report no happening (opinions, plans, background) stay undated mentions.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable
from pathlib import Path

from .dates import future_clause
from .records import DateMention, Document, Event, Place, PlaceMention
from .text import Sentence, normalize_word

# Words that may stand between two dates of one list ("في 2004 و2009 و2018", "Monday and Tuesday").
_LIST_GAP = re.compile(r"^[\s,،/\-–]*(?:(?:and|or|و|أو|او|ثم)\s*)?[\s,،/\-–]*$", re.IGNORECASE)
# Longer gaps are no list (and would make the pattern backtrack over a page of spaces).
_MAX_LIST_GAP = 40
_WORD = re.compile(r"\w+")
_WORD_APOSTROPHE = re.compile(r"\w+(?:'\w+)?")     # "won't" and "'ll" stay one word
# How many words before the second place of "between X and Y" may hold the "and"/"و".
_MARKER_WINDOW = 8
# How far (characters, places) after the first place of "between X and Y" the second may be.
_PARTNER_REACH = 400
_PARTNER_MAX = 50
# How far back from publication a day still belongs to the story's present: a report names the
# days of the happenings it tells ("on Saturday", "أمس الأحد"); older days are its background.
STORY_WINDOW = dt.timedelta(days=7)
_HAPPENING, _NOT_HAPPENING = "happening", "not happening"
# The granularities of a coordinated clause's own date that borrow the sentence's places: the
# days of the story's happenings; a year or a decade beside them is background.
_LENT_TO = frozenset({"day", "range"})
# Quoted words are somebody's speech, not the story's telling of a happening.
_QUOTE_MARKS = {"“": "”", "«": "»", '"': '"'}
_QUOTE_OPENING = re.compile("[“«\"]")
_SENTENCE_END = ".!?؟…)\"'”’»"
# A dateline: the place (and day) a report was filed from, before a dash or a colon at its very
# start ("KEY WEST, Fla., Aug. 6 -", "بورتسودان، 26 أغسطس (آب) —", "بغداد - "). Besides its place
# and date mentions it holds at most an agency in brackets and a short abbreviation ("Fla.").
_DATELINE_END = re.compile(r"\s[—–-]\s|[—–]|:\s")
_DATELINE_LENGTH = 80
_DATELINE_REST = re.compile(r"[\s,،.]*(?:[^\W\d_]{1,5}\.?[\s,،.]*)?")
_BRACKETS = re.compile(r"\([^()]{0,40}\)")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    movement: frozenset[str]
    from_: tuple[str, ...]
    to: tuple[str, ...]
    arrival: frozenset[str]
    between: tuple[str, ...]
    and_: tuple[str, ...]
    filler: frozenset[str]
    reporting: frozenset[str]
    clitics: str
    happening: "_Happening"
    list_words: frozenset[str]          # besides "and": "or", "as well as", أو
    speculative: tuple[tuple[str, ...], ...]    # a wish, an expectation, a forecast (phrases)
    until: frozenset[str]               # a date right after these bounds a state
    complementizers: frozenset[str]     # "that", أن: the end of a telling ("said that …")
    attributions: frozenset[str]        # "according to", بحسب: a source, not a telling's date
    city_anaphors: tuple[tuple[str, ...], ...]  # "the city", المدينة: the city named last


@dataclass(frozen=True, slots=True)
class _Happening:
    """The words that tell a clause reporting a happening from an opinion, a plan or background."""
    past_verbs: frozenset[str]
    past_suffixes: tuple[str, ...]
    past_suffix_stoplist: frozenset[str]
    not_happening: tuple[tuple[str, ...], ...]       # phrases, as word tuples
    continuing: tuple[tuple[str, ...], ...]
    negations: frozenset[str]
    particles: frozenset[str]
    skip: frozenset[str]
    imperfect_prefixes: tuple[str, ...]
    perfect: frozenset[str]                          # has, have
    duration_units: frozenset[str]                   # "for two weeks": a state under way
    participle_prefix: tuple[str, ...]               # مـ: participles and verbal nouns


@functools.lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon:
    table = json.loads((Path(__file__).parent / "data" / "events.json").read_text(encoding="utf-8"))
    words = table.get(lang) or table["en"]
    norm = lambda forms: tuple(normalize_word(f) for f in forms)  # noqa: E731
    phrases = lambda forms: _Phrases(tuple(normalize_word(w) for w in f.split()) for f in forms)  # noqa: E731
    happening = _Happening(frozenset(norm(words["past_verbs"])), norm(words["past_suffixes"]),
                           frozenset(norm(words["past_suffix_stoplist"])), phrases(words["not_happening"]),
                           phrases(words["continuing"]), frozenset(norm(words["negations"])),
                           frozenset(norm(words["particles"])), frozenset(norm(words["skip"])),
                           norm(words["imperfect_prefixes"]), frozenset(norm(words["perfect"])),
                           frozenset(norm(words["duration_units"])), norm(words["participle_prefix"]))
    return _Lexicon(frozenset(norm(words["movement"])), norm(words["from"]), norm(words["to"]),
                    frozenset(norm(words["arrival"])), norm(words["between"]), norm(words["and"]),
                    frozenset(norm(words["filler"])), frozenset(norm(words["reporting"])),
                    "وف" if lang == "ar" else "", happening, frozenset(norm(words["list_words"])),
                    phrases(words["speculative"]), frozenset(norm(words["until"])),
                    frozenset(norm(words["complementizers"])), frozenset(norm(words["attributions"])),
                    phrases(words.get("city_anaphors", ())))


def _normalized_words(document: Document, start: int, end: int) -> list[str]:
    """The words of text[start:end], read from the document's one normalisation."""
    norm = document.normalized
    return _WORD.findall(norm.text, norm.position(start), norm.position(end))


def _last_normalized_words(document: Document, start: int, end: int, count: int) -> list[str]:
    """The last `count` words of text[start:end] (as `_normalized_words`), reading back only as
    far as they reach: a sentence may be a whole megabyte without a full stop."""
    window = 64
    while True:
        begin = max(start, end - window)
        words = _normalized_words(document, begin, end)
        # The first word of a cut window may be cut too: keep it only when nothing was cut.
        if begin == start or len(words) > count:
            return words[-count:]
        window *= 4


def _first_normalized_word(document: Document, start: int, end: int) -> list[str]:
    """The first word of text[start:end] (as `_normalized_words`), as a list of at most one."""
    norm = document.normalized
    found = _WORD.search(norm.text, norm.position(start), norm.position(end))
    return [found.group()] if found else []


def _tokens(document: Document, sentence: Sentence, clitics: str) -> list[str]:
    """The sentence's normalised words, each also without a leading conjunction clitic (وتوجه → توجه)."""
    words = _normalized_words(document, sentence.start, sentence.end)
    if clitics:
        words += [w[1:] for w in words if len(w) > 2 and w[0] in clitics]
    return words


def _is_one_of(token: str, words, lex: _Lexicon) -> bool:
    """Whether a normalised token is one of `words`, also behind a conjunction clitic (وقال)."""
    return token in words or bool(lex.clitics and token[:1] in lex.clitics and token[1:] in words)


def _group_dates(text: str, dates: list[DateMention]) -> list[list[DateMention]]:
    """Runs of dates that form one list ("في 2004 و2009 و2018") share the same places."""
    groups: list[list[DateMention]] = []
    for date in dates:
        gap = (groups[-1][-1].end_char, date.start_char) if groups else (0, 0)
        if groups and gap[1] - gap[0] <= _MAX_LIST_GAP and _LIST_GAP.match(text[gap[0]:gap[1]]):
            groups[-1].append(date)
        else:
            groups.append([date])
    return groups


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _dates_a_telling(document: Document, sentence: Sentence, group: list[DateMention], lex: _Lexicon
                     ) -> bool:
    """Whether a date group dates a reporting verb ("said last week that", "وقال لافروف الأربعاء
    إن"): one within the three words before it or the word after it. An attribution
    ("killed on Thursday, according to …", "أمس الخميس، بحسب …") names a source, not a telling."""
    before = _last_normalized_words(document, sentence.start, group[0].start_char, 3)
    after = _first_normalized_word(document, group[-1].end_char, sentence.end)
    for token in before + after:
        if _is_one_of(token, lex.reporting, lex) and not _is_one_of(token, lex.attributions, lex):
            return True
    return False


def _assign_places(document: Document, sentence: Sentence, bounds: tuple[tuple[int, int], ...],
                   groups: list[list[DateMention]], places: list[PlaceMention], lex: _Lexicon
                   ) -> list[list[PlaceMention]]:
    """Give each place to the date group of its own clause, else to the nearest group.

    A date of the telling ("said last week that Edinburgh would host ... next month") takes
    no places while the sentence has a date of the happening.
    """
    if len(groups) == 1:
        return [list(places)]
    telling = [_dates_a_telling(document, sentence, g, lex) for g in groups]
    happening = [i for i, t in enumerate(telling) if not t]
    clause_ends = [end for _, end in _clauses(document.text, bounds, places, lex)]
    clause_of = lambda start: min(bisect_right(clause_ends, start), len(clause_ends) - 1)  # noqa: E731
    spans = [(g[0].start_char, g[-1].end_char) for g in groups]
    # The happening groups of each clause, in text order (groups come in text order).
    happening_in: dict[int, list[int]] = {}
    for i in happening:
        for clause in sorted({clause_of(d.start_char) for d in groups[i]}):
            happening_in.setdefault(clause, []).append(i)
    everyone = list(range(len(groups)))
    starts = {id(c): [spans[i][0] for i in c] for c in (*happening_in.values(), happening, everyone)}
    assigned: list[list[PlaceMention]] = [[] for _ in groups]
    for mention in places:
        candidates = happening_in.get(clause_of(mention.start_char)) or happening or everyone
        best = _nearest(candidates, starts[id(candidates)], spans, (mention.start_char, mention.end_char))
        assigned[best].append(mention)
    return assigned


def _nearest(candidates: list[int], starts: list[int], spans: list[tuple[int, int]],
             span: tuple[int, int]) -> int:
    """The candidate group nearest to `span`, an earlier one on a tie. Group spans follow one
    another in text order, so the nearest is one of the few around `span`'s position."""
    here = bisect_left(starts, span[0])
    around = candidates[max(0, here - 3):here + 3]
    return min(around, key=lambda i: (_distance(span, spans[i]), spans[i][0] > span[0], i))


def _ends_with_marker(tokens: list[str], markers: tuple[str, ...], lex: "_Lexicon") -> bool:
    """Whether the normalised words `tokens` end with a marker, followed at most by filler words
    ("from the port of" before "Rajin", "من ميناء" before "نوفوروسيسك").

    Markers may be several words ("bound for"); a one-word marker also counts behind a
    conjunction clitic (والى = و + الى).
    """
    phrases = [tuple(marker.split()) for marker in markers]
    for end in range(len(tokens), 0, -1):
        token = tokens[end - 1]
        for phrase in phrases:
            if tuple(tokens[max(0, end - len(phrase)):end]) == phrase:
                return True
            if len(phrase) == 1 and _is_one_of(token, phrase, lex):
                return True
        if token not in lex.filler:
            return False
    return False


def _and_between(document: Document, start: int, end: int, lex: "_Lexicon") -> bool:
    """Whether text[start:end], between two places, joins them with "and"/"و"
    (ناجين بكوريا الشمالية ودوناي)."""
    words = _normalized_words(document, start, end)[-_MARKER_WINDOW:]
    return any(w in lex.and_ for w in words) or document.text[start:end].rstrip().endswith(lex.and_)


def _partner(document: Document, mentions: list[PlaceMention], index: int, lex: _Lexicon) -> PlaceMention | None:
    """The Y of "between X and Y" for X = mentions[index]: the first later place joined to it
    by "and"/"و", within reach."""
    mention = mentions[index]
    for later in mentions[index + 1:index + 1 + _PARTNER_MAX]:
        if later.start_char - mention.end_char > _PARTNER_REACH:
            return None
        if _and_between(document, mention.end_char, later.start_char, lex):
            return later
    return None


def _movement(document: Document, sentence: Sentence, mentions: list[PlaceMention],
              tokens: set[str] | None = None) -> tuple[Place | None, Place | None]:
    """Origin and destination of a movement sentence, or (None, None).

    Only sentences with a movement word (shipped, توجه, رحلات …) are movements; then
    "between X and Y" / "بين X و Y" and "from X to Y" / "من X إلى Y" give both ends, and
    an arrival verb makes the first other place the destination of a lone origin. `tokens`:
    the sentence's (`_tokens`), when the caller has them.
    """
    lex = _lexicon(document.lang)
    if tokens is None:
        tokens = set(_tokens(document, sentence, lex.clitics))
    if not mentions or not tokens & lex.movement:
        return None, None
    before = lambda m, markers: _ends_with_marker(  # noqa: E731
        _normalized_words(document, max(sentence.start, m.start_char - 80), m.start_char), markers, lex)
    origin = destination = None
    for index, mention in enumerate(mentions):
        if before(mention, lex.between):
            partner = _partner(document, mentions, index, lex)
            if partner is not None and partner.place != mention.place:
                return mention.place, partner.place
        if origin is None and before(mention, lex.from_):
            origin = mention.place
        elif destination is None and before(mention, lex.to):
            destination = mention.place
    if destination is None and origin is not None and tokens & lex.arrival:
        # "رست في ميناء طرطوس قادمة من نوفوروسيسك": the arrival names the destination.
        destination = next((m.place for m in mentions if m.place != origin), None)
    if origin is not None and origin == destination:
        destination = None
    return origin, destination


def _event_id(document: Document, sentence: Sentence, date: DateMention) -> str:
    key = f"{document.id}:{sentence.start}:{date.start_char}:{date.end_char}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _unique_places(mentions: list[PlaceMention]) -> tuple[Place, ...]:
    seen: dict[str, Place] = {}
    for mention in mentions:
        if mention.place is not None:
            seen.setdefault(mention.place.key, mention.place)
    return tuple(seen.values())


def assemble_events(document: Document, dates: list[DateMention], places: list[PlaceMention]
                    ) -> list[Event]:
    """One event per distinct dated happening per sentence, in text order.

    A sentence without a date of its own that reports a happening and names places is one
    event dated by the story (`story_date`), with the places of its happening clauses.

    An event ties a date to places. A date whose part of the sentence names no place takes
    the places of an earlier event with the same interval — the same happening told again
    (`place_source` "same date"); failing that it is no event, and stays a date mention of
    the Analysis. (Borrowing the previous sentence's places instead was measured on our
    held-out corpus: one event gained for eleven wrong ones.)
    """
    text, events = document.text, []
    lex = _lexicon(document.lang)
    located = [m for m in places if m.place is not None]
    # Each sentence finds its dates and places by bisection, so that a document of 100,000
    # sentences is not scanned once per sentence.
    date_index, place_index = _ByStart(dates), _ByStart(located)
    first_of_interval: dict[tuple, tuple[Place, ...]] = {}     # see "same date" below
    sentence_starts = [s.start for s in document.sentences]
    judged: dict[int, tuple] = {}       # per sentence: its tellings, clauses and their verdicts
    story = story_date(dates, document.published,
                       lambda date: _dates_a_happening(document, date, sentence_starts, place_index, date_index,
                                                       lex, judged))
    told_at: dict[tuple, set[str]] = {}     # the places of text-dated events, by interval
    home = dateline_place(text, dates, located)
    cities = _CityBefore(located)       # the city named last, for "the city" / المدينة
    previous: list[Event] = []          # the events of the sentence before
    for sentence, bounds in zip(document.sentences, document.clauses):
        found_before = len(events)
        sentence_dates = date_index.inside(sentence)
        sentence_places = place_index.inside(sentence)
        if not sentence_dates:
            event = None
            if not _continues_background(previous, sentence_places, document.published):
                event = _story_event(document, sentence, bounds, sentence_places, story, home,
                                     cities.anaphor(document, sentence.start, sentence.end, lex))
            if event is not None and not _retells(event, told_at):
                events.append(event)
                first_of_interval.setdefault((event.date.start, event.date.end), event.places)
            previous = events[found_before:]
            continue
        groups = _group_dates(text, sentence_dates)
        # The sentence's words, read for movements, which need places (a sentence may have none).
        tokens = set(_tokens(document, sentence, lex.clitics)) if sentence_places else set()
        # Wishes only take places away: a sentence without places has none to read.
        wishes = _wish_clauses(document, _clauses(text, bounds, sentence_places, lex), lex) if sentence_places else []
        if wishes:
            # The places of a wish or a forecast are where nothing happened (yet).
            sentence_places = [m for m in sentence_places
                               if not any(a <= m.start_char < b for a, b in wishes)]
        seen_intervals: set = set()
        # The places told before a date group in its sentence, for a coordinated clause with a
        # date but no place of its own ("… detained Bazoum in Niamey on Wednesday, and General
        # Tchiani declared himself head of a transitional council on Friday"); not those told
        # after ("summoned the ambassador today, and Marcos is due to raise it in Tokyo next
        # Saturday"). Gathered as the groups go, in text order: a sentence may be a megabyte.
        told_before = _ToldBefore(sentence_places)
        for group, mentions in zip(groups, _assign_places(document, sentence, bounds, groups,
                                                          sentence_places, lex)):
            sentence_lent = told_before.until(group[0].start_char)
            if _no_happening_date(document, sentence, bounds, group, lex):
                continue
            origin, destination = _movement(document, sentence, mentions, tokens)
            group_places, group_mentions = _unique_places(mentions), tuple(mentions)
            for date in group:
                interval = (date.start, date.end) if date.resolved else (date.start_char,)
                if interval in seen_intervals:
                    continue
                event_places, source = group_places, "sentence"
                if not event_places:
                    # "وضربت العاصفة المدينة ليلة الأحد": the city named last.
                    city = cities.anaphor(document, *_clause_of(bounds, group[0].start_char, sentence), lex)
                    event_places, source = ((city,), "anaphor") if city is not None else ((), source)
                if not event_places and date.resolved:
                    # The places of the first event with this interval: a placeless mention of it
                    # continues that happening ("قال لافروف الأربعاء ..." after "توجه لافروف إلى
                    # بيونغ يانغ الأربعاء").
                    event_places, source = first_of_interval.get((date.start, date.end), ()), "same date"
                if (not event_places and date.resolved and sentence_lent and date.granularity in _LENT_TO
                        and _own_happening(document, sentence, bounds, group, lex)):
                    event_places, source = sentence_lent, "sentence"
                if not event_places and home is not None:
                    event_places, source = (home,), "dateline"
                if not event_places:
                    continue
                seen_intervals.add(interval)
                events.append(Event(_event_id(document, sentence, date), sentence.text, sentence.start,
                                    sentence.end, date, event_places, origin, destination,
                                    group_mentions, source))
                first_of_interval.setdefault((date.start, date.end), event_places)
                told_at.setdefault((date.start, date.end), set()).update(p.key for p in event_places)
        previous = events[found_before:]
    return events


def _retells(event: Event, told_at: dict[tuple, set[str]]) -> bool:
    """Whether a story event only retells a dated happening: all its places are those of a
    text-dated event of the same day ("More than 2,500 people have been evacuated" after
    "Floodwaters began to recede in Kherson on Friday"), so it adds nothing to map or timeline."""
    keys = {p.key for p in event.places}
    return bool(keys) and keys <= told_at.get((event.date.start, event.date.end), set())


def _no_happening_date(document: Document, sentence: Sentence, bounds: tuple[tuple[int, int], ...],
                       group: list[DateMention], lex: _Lexicon) -> bool:
    """Whether a date group dates no happening: its clause is a wish, a hope or a forecast
    ("wants to open centres in Albania later this year", "يتوقع خبراء الأرصاد …"), or it only
    bounds a state to come ("schools will stay closed until next week", "حتى منتصف سبتمبر";
    "celebrated until dawn today" is a happening up to that day)."""
    before = _last_normalized_words(document, sentence.start, group[0].start_char, 1)
    published = document.published
    if (before and _is_one_of(before[0].lower(), lex.until, lex) and published is not None
            and group[0].resolved and group[0].start > published):
        return True
    return _speculative(document, _clause_of(bounds, group[0].start_char, sentence), lex)


def _clause_of(bounds: tuple[tuple[int, int], ...], offset: int, sentence: Sentence) -> tuple[int, int]:
    """The clause of `bounds` (in text order) that holds `offset`, by bisection: a sentence of
    100,000 comma-separated dates must not compare each with every clause."""
    index = bisect_right(bounds, (offset, float("inf"))) - 1
    if index >= 0 and bounds[index][0] <= offset < bounds[index][1]:
        return bounds[index]
    return sentence.start, sentence.end


def _own_happening(document: Document, sentence: Sentence, bounds: tuple[tuple[int, int], ...],
                   group: list[DateMention], lex: _Lexicon) -> bool:
    """Whether a date group dates a happening or a schedule of its own clause ("and General
    Tchiani declared himself head … on Friday", "takes office on October 1"), not a telling,
    background ("had dragged on since 2020") or a reference point ("the first strike since 1977")."""
    if _dates_a_telling(document, sentence, group, lex):
        return False
    start, end = _clause_of(bounds, group[0].start_char, sentence)
    clause = _blank_spans(document.text[start:end], start, [(d.start_char, d.end_char) for d in group])
    return future_clause(clause, document.lang) or clause_verdict(clause, document.lang) == _HAPPENING


def _wish_clauses(document: Document, clauses: list[tuple[int, int]], lex: _Lexicon) -> list[tuple[int, int]]:
    """The clauses of a wish, a hope or a forecast, with the verbless clauses that go on with it
    ("Ukraine hopes to ship grain from Odesa, | Chornomorsk and Pivdennyi in the coming months")."""
    wishes, going_on = [], False
    for clause in clauses:
        going_on = _speculative(document, clause, lex) or (
            going_on and clause_verdict(document.text[clause[0]:clause[1]], document.lang) is None)
        if going_on:
            wishes.append(clause)
    return wishes


def _speculative(document: Document, clause: tuple[int, int], lex: _Lexicon) -> bool:
    """Whether a clause is a wish, a hope, a forecast or a fear (`speculative` in events.json)."""
    words = _words(document.text[clause[0]:clause[1]])
    plain = [_without_clitic(w, lex) for w in words]
    return _has_phrase(words, plain, lex.speculative)


def _dates_a_happening(document: Document, date: DateMention, sentence_starts: list[int],
                       place_index: "_ByStart", date_index: "_ByStart", lex: _Lexicon,
                       judged: dict[int, tuple]) -> bool:
    """Whether a date may be the story's day: it dates a happening, not a telling ("وقال الناطق
    … أمس الأحد إن", "the coast guard said on Sunday") nor background or a plan (its clause
    reports no happening: "وكانت الأمطار قد بدأت مساء السبت")."""
    index = bisect_right(sentence_starts, date.start_char) - 1
    if index < 0:
        return True
    sentence, bounds = document.sentences[index], document.clauses[index]
    if index not in judged:             # a sentence is judged once, however many dates it holds
        mentions = place_index.inside(sentence)
        clauses = _clauses(document.text, bounds, mentions, lex)
        judged[index] = (_telling_spans(document, sentence, lex), [end for _, end in clauses],
                         _clause_verdicts(document.text, sentence, clauses, mentions, document.lang,
                                          date_index.inside(sentence)))
    tellings, clause_ends, verdicts = judged[index]
    if _dates_a_telling(document, sentence, [date], lex) or any(a <= date.start_char < b for a, b in tellings):
        return False
    if _attribution_clause(document, _clause_of(bounds, date.start_char, sentence), lex):
        return False
    return verdicts[min(bisect_right(clause_ends, date.start_char), len(clause_ends) - 1)] != _NOT_HAPPENING


def _attribution_clause(document: Document, clause: tuple[int, int], lex: _Lexicon) -> bool:
    """Whether a clause names the source of what its sentence tells ("وفق ما أعلنته وزارة
    الداخلية اليوم", "according to figures released on Monday"): its date is the telling's."""
    first = _first_normalized_word(document, clause[0], clause[1])
    return bool(first) and _is_one_of(first[0].lower(), lex.attributions, lex)


def _telling_spans(document: Document, sentence: Sentence, lex: _Lexicon) -> list[tuple[int, int]]:
    """The stretches of a sentence from a reporting verb to the complementizer that opens what it
    reports ("told a cabinet meeting in Yerevan | that", "وقال الناطق … في تصريح بالرباط أمس الأحد، | إن"):
    their places and dates are the telling's."""
    spans, opened = [], None
    for found in _WORD_APOSTROPHE.finditer(document.text, sentence.start, sentence.end):
        word = normalize_word(found.group()).lower()
        if opened is None and _is_one_of(word, lex.reporting, lex):
            opened = found.end()
        elif opened is not None and _is_one_of(word, lex.complementizers, lex):
            spans.append((opened, found.start()))
            opened = None
    return spans


class _ToldBefore:
    """The distinct places of a sentence's mentions that end before an offset, for offsets
    asked in increasing order (each mention is read once)."""

    def __init__(self, mentions: list[PlaceMention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.end_char)
        self.next = 0
        self.places: dict[str, Place] = {}
        self.lent: tuple[Place, ...] = ()

    def until(self, offset: int) -> tuple[Place, ...]:
        grew = False
        while self.next < len(self.mentions) and self.mentions[self.next].end_char <= offset:
            place = self.mentions[self.next].place
            if place is not None and place.key not in self.places:
                self.places[place.key] = place
                grew = True
            self.next += 1
        if grew:
            self.lent = tuple(self.places.values())
        return self.lent


class _CityBefore:
    """The city a text named last before an offset, for a clause that calls it "the city"
    ("لقي العشرات حتفهم في صبراتة. وضربت العاصفة المدينة مساء الثلاثاء", "flooded districts of
    the city"). Only a clause that names no place of its own asks."""

    def __init__(self, located: list[PlaceMention]) -> None:
        cities = sorted((m for m in located if m.place.kind == "city"), key=lambda m: m.end_char)
        self.ends = [m.end_char for m in cities]
        self.places = [m.place for m in cities]

    def anaphor(self, document: Document, start: int, end: int, lex: _Lexicon) -> Place | None:
        if not self.places or not lex.city_anaphors:
            return None
        here = bisect_right(self.ends, start)
        if not here:
            return None
        words = _words(document.text[start:end])
        if not _has_phrase(words, [_without_clitic(w, lex) for w in words], lex.city_anaphors):
            return None
        return self.places[here - 1]


class _ByStart:
    """Mentions (dates or places) looked up by the sentence that holds them, in their order."""

    def __init__(self, mentions: list) -> None:
        self.mentions = mentions
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].start_char)
        self.starts = [mentions[i].start_char for i in self.order]

    def inside(self, sentence: Sentence) -> list:
        low = bisect_left(self.starts, sentence.start)
        high = bisect_right(self.starts, sentence.end, low)
        found = sorted(i for i in self.order[low:high] if self.mentions[i].end_char <= sentence.end)
        return [self.mentions[i] for i in found]


def _continues_background(previous: list[Event], mentions: list[PlaceMention], published: dt.date | None) -> bool:
    """Whether a sentence without a date goes on telling the background of the sentence before
    — an event of that sentence lies outside the story's present and shares a place with it
    ("Kim visited Russia's far east last month. During his trip to Russia, Kim met Putin at
    Vostochny"): then it is background too, no happening of the story's day."""
    if published is None:
        return False
    keys = {m.place.key for m in mentions}
    return any(e.date_source == "text" and e.date.resolved
               and (e.date.end < published - STORY_WINDOW or e.date.start > published)
               and keys & {p.key for p in e.places} for e in previous)


def dateline_place(text: str, dates: list[DateMention], located: list[PlaceMention]) -> Place | None:
    """The dateline's place ("KEY WEST, Fla., Aug. 6 - …" → Key West), when the story is about
    it — the body names it again — else None. It is the place of the clauses that name none."""
    lead = len(text) - len(text.lstrip())
    end = _DATELINE_END.search(text, lead, lead + _DATELINE_LENGTH)
    if end is None:
        return None
    head = [m for m in located if m.end_char <= end.start()]
    if not head or head[0].start_char != lead:
        return None
    rest, cursor = [], lead
    spans = sorted([(m.start_char, m.end_char) for m in head]
                   + [(d.start_char, d.end_char) for d in dates if lead <= d.start_char and d.end_char <= end.start()])
    for start, stop in spans:
        rest.append(text[cursor:max(cursor, start)])
        cursor = max(cursor, stop)
    rest.append(text[cursor:end.start()])
    if not _DATELINE_REST.fullmatch(_BRACKETS.sub(" ", "".join(rest))):
        return None
    place = head[0].place
    named_again = any(m.place.key == place.key for m in located if m.start_char >= end.end())
    return place if named_again else None


def story_date(dates: list[DateMention], published: dt.date | None,
               of_a_happening: Callable[[DateMention], bool] = lambda date: True
               ) -> tuple[DateMention, str] | None:
    """The date a reader gives a happening told without a date, and its `date_source`.

    The latest day of the story's present (a day-precision date within STORY_WINDOW before
    publication, never after it: "the search resumed" in a report of "Saturday's floods" is dated
    that Saturday, or a later day the story names) with "story", else the publication day with
    "published". None without a publication date. `of_a_happening` tells the dates that may be
    the story's day from those of a telling or of background (see `_dates_a_happening`).
    """
    if published is None:
        return None
    present = [d for d in dates if d.resolved and d.granularity == "day" and d.start == d.end
               and published - STORY_WINDOW <= d.start <= published]
    # Latest first; only a date of a happening, not of a telling or of background, counts.
    for date in sorted(present, key=lambda d: (d.start, d.start_char), reverse=True):
        if of_a_happening(date):
            return date, "story"
    return DateMention("", 0, 0, published, published, "day"), "published"


def _clauses(text: str, bounds: tuple[tuple[int, int], ...], mentions: list[PlaceMention], lex: _Lexicon
             ) -> list[tuple[int, int]]:
    """A sentence's clauses (`bounds`, from Document.clauses), a list of places joined to the
    clause that governs it: in "fires broke out in Tipaza, Medea and Tizi Ouzou" the commas
    split no clause."""
    merged: list[tuple[int, int]] = []
    ordered = sorted(mentions, key=lambda m: m.start_char)
    starts = [m.start_char for m in ordered]
    for start, end in bounds:
        # Only the places that start in the clause, found by bisection: a sentence of 100,000
        # comma-separated names must not compare every clause with every name.
        near = ordered[bisect_left(starts, start):bisect_right(starts, end)]
        if merged and _only_places(text, start, end, near, lex):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _only_places(text: str, start: int, end: int, mentions: list[PlaceMention], lex: _Lexicon) -> bool:
    """Whether text[start:end] is only place names, "and"/"و" and filler words ("the town of")."""
    inside = [m for m in mentions if start <= m.start_char and m.end_char <= end]
    if not inside:
        return False
    rest, cursor = [], start
    for mention in sorted(inside, key=lambda m: m.start_char):
        rest.append(text[cursor:mention.start_char])
        cursor = mention.end_char
    rest.append(text[cursor:end])
    words = [normalize_word(w).lower() for w in _WORD.findall(" ".join(rest))]
    return all(w in lex.and_ or w in lex.filler or w in lex.list_words for w in words)


def _story_event(document: Document, sentence: Sentence, bounds: tuple[tuple[int, int], ...],
                 mentions: list[PlaceMention], story: tuple[DateMention, str] | None,
                 home: Place | None = None, city: Place | None = None) -> Event | None:
    """The event of a sentence without a date: its happening clauses' places at the story's
    date; a sentence that names no place happens in the city it calls "the city" (`city`,
    the one named last), else at the dateline's place (`home`), if any."""
    if story is None or not (mentions or home or city) or _is_headline(document.text, sentence):
        return None
    clauses = _clauses(document.text, bounds, mentions, _lexicon(document.lang))
    verdicts = _clause_verdicts(document.text, sentence, clauses, mentions, document.lang)
    if _HAPPENING not in verdicts:
        return None
    date, source = story
    if not mentions:
        key = f"{document.id}:{sentence.start}:{source}"
        place, place_source = (city, "anaphor") if city is not None else (home, "dateline")
        return Event(hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], sentence.text, sentence.start,
                     sentence.end, date, (place,), None, None, (), place_source, source)
    clause_ends = [end for _, end in clauses]
    # The place of a telling ("told a cabinet meeting in Yerevan that …") is not the happening's.
    telling = _telling_spans(document, sentence, _lexicon(document.lang))
    happening = [m for m in mentions
                 if verdicts[min(bisect_right(clause_ends, m.start_char), len(clause_ends) - 1)] == _HAPPENING
                 and not any(a <= m.start_char < b for a, b in telling)]
    event_places = _unique_places(happening)
    if not event_places:
        return None
    origin, destination = _movement(document, sentence, happening)
    key = f"{document.id}:{sentence.start}:{source}"
    return Event(hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], sentence.text, sentence.start,
                 sentence.end, date, event_places, origin, destination, tuple(happening), "sentence", source)


def _clause_verdicts(text: str, sentence: Sentence, clauses: list[tuple[int, int]],
                     mentions: list[PlaceMention], lang: str, dates: list[DateMention] = ()) -> list[str]:
    """Per clause of the sentence: a happening, not one, or — for a clause without a verdict of
    its own ("In Larbaa Nath Irathen, east of Tizi Ouzou, houses burned") — its neighbour's.
    The words of its `dates` are blanked: the month "May" is no modal."""
    place_words = {w for m in mentions for w in _words(m.text)}
    unquoted = _blank_spans(_blank_quotes(text[sentence.start:sentence.end]), sentence.start,
                            [(d.start_char, d.end_char) for d in dates])
    verdicts = [clause_verdict(unquoted[a - sentence.start:b - sentence.start], lang, place_words)
                for a, b in clauses]
    for order in (range(len(verdicts)), range(len(verdicts) - 1, -1, -1)):
        last = None
        for i in order:
            verdicts[i] = verdicts[i] or last
            last = verdicts[i]
    return verdicts


def _blank_quotes(text: str) -> str:
    """`text` with every quotation (“…”, «…», "…") blanked to spaces of its length. Linear: an
    opening mark whose closing mark never comes rules out every later one of its kind, where
    the regular expression `“[^”]*”` read to the end of the text again from each of them."""
    pieces, kept, search_from = [], 0, 0
    unclosed: set[str] = set()
    while (opening := _QUOTE_OPENING.search(text, search_from)) is not None:
        close = _QUOTE_MARKS[opening.group()]
        end = -1 if close in unclosed else text.find(close, opening.end())
        if end < 0:
            unclosed.add(close)
            search_from = opening.end()
            continue
        pieces += [text[kept:opening.start()], " " * (end + 1 - opening.start())]
        kept = search_from = end + 1
    pieces.append(text[kept:])
    return "".join(pieces)


def _blank_spans(text: str, offset: int, spans: list[tuple[int, int]]) -> str:
    """`text` (which starts at `offset` of the document) with the given document spans blanked,
    in one pass (a copy of the text per span was quadratic in a long sentence of many dates)."""
    pieces, kept = [], 0
    for start, end in sorted(spans):
        a, b = max(kept, start - offset, 0), min(len(text), end - offset)
        if a < b:
            pieces += [text[kept:a], " " * (b - a)]
            kept = b
    pieces.append(text[kept:])
    return "".join(pieces)


def _is_headline(text: str, sentence: Sentence) -> bool:
    """The document's first line without closing punctuation: a title, which the story retells."""
    return (sentence.start == len(text) - len(text.lstrip()) and sentence.text[-1] not in _SENTENCE_END
            and text[sentence.end:sentence.end + 1] == "\n")


def _words(text: str) -> list[str]:
    """The normalised words of a clause: one normalisation of the clause, not one per word
    (which also keeps "قُتل" one word: its vowel mark is no word character), without the
    offset map, which words do not need."""
    return _WORD_APOSTROPHE.findall(normalize_word(text).lower())


def clause_verdict(clause: str, lang: str, place_words: frozenset[str] | set[str] = frozenset()) -> str | None:
    """Whether a clause reports a happening ("happening"), does not ("not happening": a plan, an
    opinion, a forecast, a habit, a negation, pluperfect background) or says nothing either way
    (None). `place_words` are the words of its place names, which are never its verb."""
    if future_clause(clause, lang):
        return _NOT_HAPPENING
    return _happening_verdict(_words(clause), _lexicon(lang), place_words)


def _happening_verdict(words: list[str], lex: _Lexicon, place_words) -> str | None:
    h = lex.happening
    plain = [_without_clitic(w, lex) for w in words]
    if _has_phrase(words, plain, h.not_happening):
        return _NOT_HAPPENING
    if lex.clitics:
        return _arabic_verdict(words, plain, lex, place_words)
    if any(w in h.negations for w in words) or _state_under_way(words, h):
        return _NOT_HAPPENING
    if _has_phrase(words, plain, h.continuing) or any(_is_past(w, h) for w in words):
        return _HAPPENING
    return None


def _state_under_way(words: list[str], h: _Happening) -> bool:
    """A present perfect with a duration: "the crossing has been shut for two weeks" is a state
    since before the story, not a happening of its day."""
    if not any(w in h.perfect for w in words):
        return False
    return any(w == "for" and any(u in h.duration_units for u in words[i + 1:i + 4])
               for i, w in enumerate(words))


def _is_past(word: str, h: _Happening) -> bool:
    """A past verb: irregular ("fled") or regular ("burned"), not a word that merely ends alike."""
    if word in h.past_verbs:
        return True
    return (word not in h.past_suffix_stoplist and word.isalpha()
            and any(word.endswith(s) and len(word) > len(s) + 2 for s in h.past_suffixes))


def _arabic_verdict(raw: list[str], plain: list[str], lex: _Lexicon, place_words) -> str | None:
    """An Arabic clause by its first word, where news puts the verb: a perfect verb (سجلت،
    اندلع، جرفت) reports a happening, an imperfect one (يتوقع، يعد، تتخذ) speaks of the present,
    a habit or a plan; a reporting verb (قال، أفاد) is judged by what it reports."""
    h = lex.happening
    index = 0
    while index < len(plain) and plain[index] in h.skip:
        index += 1
    if _phrase_at(plain, index, h.continuing):
        return _HAPPENING
    if index >= len(plain):
        return None
    word = plain[index]
    if not word:                                                    # a lone tatweel folds to nothing
        return None
    if raw[index] in h.particles or raw[index] in place_words:      # وفقا is not و + فقا
        return None
    if word in h.negations:
        return _NOT_HAPPENING
    if word in h.past_verbs:
        return _HAPPENING
    if word in h.particles or word.startswith("ال") or word.isdigit() or word in place_words:
        return None
    if word in lex.reporting:
        rest = plain[index + 1:]
        return _HAPPENING if any(w in h.past_verbs or _perfect_shape(w) for w in rest if w not in place_words) else None
    if word.startswith(h.participle_prefix) and len(word) >= 4 and not _perfect_shape(word):
        # A participle or a verbal noun (متجهة، مواصلة) is no verb of its own: "وكانت السفينة،
        # التي …، متجهة من الصين" goes on with the clause before.
        return None
    if len(word) >= 4 and word[:2] in ("سي", "ست", "سن"):        # سيزور، ستعقد: future
        return _NOT_HAPPENING
    if word[0] in h.imperfect_prefixes and len(word) >= 3 and not _perfect_shape(word):
        return _NOT_HAPPENING
    return _HAPPENING


def _perfect_shape(word: str) -> bool:
    """An Arabic perfect verb by its ending: feminine ت (بلغت، تدخلت) or plural وا (لقوا)."""
    return len(word) >= 4 and not word.startswith("ال") and (
        (word.endswith("ت") and not word.endswith("ات")) or word.endswith("وا"))


def _without_clitic(word: str, lex: _Lexicon) -> str:
    if lex.clitics and len(word) > 2 and word[0] in lex.clitics:
        return word[1:]
    return word


def _phrase_at(words: list[str], index: int, phrases) -> bool:
    return any(tuple(words[index:index + len(p)]) == p for p in phrases)


def _has_phrase(words: list[str], plain: list[str], phrases) -> bool:
    """Whether a phrase occurs, its first word also behind a conjunction clitic (وحذر)."""
    by_first = phrases.by_first if isinstance(phrases, _Phrases) else _by_first_word(phrases)
    for index, (word, bare) in enumerate(zip(words, plain)):
        for phrase in by_first.get(word, ()) + (by_first.get(bare, ()) if bare != word else ()):
            if tuple(words[index + 1:index + len(phrase)]) == phrase[1:]:
                return True
    return False


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases of a table by their first word, so that a clause is read once, not once per phrase."""
    table: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        table[phrase[0]] = table.get(phrase[0], ()) + (phrase,)
    return table


class _Phrases(tuple):
    """A table's phrases (word tuples) with `by_first`, the same by their first word, built once
    with the table: a cache keyed by the table hashed its hundred phrases at every clause, which
    cost more than reading the clause (a tenth of the events of one date per line)."""

    def __new__(cls, phrases):
        table = super().__new__(cls, phrases)
        table.by_first = _by_first_word(table)
        return table
