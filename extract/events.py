"""Event assembly: sentences plus date and place mentions become dated events on the map.

An event is one dated happening in one sentence: its interval, the places of its part of the
sentence, and — for movements ("shipped from X to Y", "بين ناجين ودوناي") — an origin and a
destination. Places in sentences without a date stay undated mentions of the Analysis, and
dates whose sentence names no place stay date mentions.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .records import DateMention, Document, Event, Place, PlaceMention
from .text import Sentence, clause_bounds, normalize_word

# Words that may stand between two dates of one list ("في 2004 و2009 و2018", "Monday and Tuesday").
_LIST_GAP = re.compile(r"^[\s,،/\-–]*(?:(?:and|or|و|أو|او|ثم)\s*)?[\s,،/\-–]*$", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# How many words before the second place of "between X and Y" may hold the "and"/"و".
_MARKER_WINDOW = 8


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


@functools.lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon:
    table = json.loads((Path(__file__).parent / "data" / "events.json").read_text(encoding="utf-8"))
    words = table.get(lang) or table["en"]
    norm = lambda forms: tuple(normalize_word(f) for f in forms)  # noqa: E731
    return _Lexicon(frozenset(norm(words["movement"])), norm(words["from"]), norm(words["to"]),
                    frozenset(norm(words["arrival"])), norm(words["between"]), norm(words["and"]),
                    frozenset(norm(words["filler"])), frozenset(norm(words["reporting"])),
                    "وف" if lang == "ar" else "")


def _tokens(text: str, clitics: str) -> list[str]:
    """Normalised words, each also without a leading conjunction clitic (وتوجه → توجه)."""
    words = [normalize_word(w) for w in _WORD.findall(text)]
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
        if groups and _LIST_GAP.match(text[groups[-1][-1].end_char:date.start_char]):
            groups[-1].append(date)
        else:
            groups.append([date])
    return groups


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _dates_a_telling(text: str, sentence: Sentence, group: list[DateMention], lex: _Lexicon) -> bool:
    """Whether a date group dates a reporting verb ("said last week that", "وقال لافروف الأربعاء
    إن"): one within the three words before it or the word after it."""
    before = _WORD.findall(text[sentence.start:group[0].start_char])[-3:]
    after = _WORD.findall(text[group[-1].end_char:sentence.end])[:1]
    for word in before + after:
        token = normalize_word(word)
        if _is_one_of(token, lex.reporting, lex):
            return True
    return False


def _assign_places(text: str, sentence: Sentence, groups: list[list[DateMention]],
                   places: list[PlaceMention], lex: _Lexicon) -> list[list[PlaceMention]]:
    """Give each place to the date group of its own clause, else to the nearest group.

    A date of the telling ("said last week that Edinburgh would host ... next month") takes
    no places while the sentence has a date of the happening.
    """
    if len(groups) == 1:
        return [list(places)]
    telling = [_dates_a_telling(text, sentence, g, lex) for g in groups]
    happening = [i for i, t in enumerate(telling) if not t]
    clauses = clause_bounds(sentence)
    clause_of = lambda start: next(i for i, (a, b) in enumerate(clauses) if start < b or (a, b) == clauses[-1])  # noqa: E731
    spans = [(g[0].start_char, g[-1].end_char) for g in groups]
    group_clauses = [{clause_of(d.start_char) for d in g} for g in groups]
    assigned: list[list[PlaceMention]] = [[] for _ in groups]
    for mention in places:
        clause = clause_of(mention.start_char)
        candidates = ([i for i, c in enumerate(group_clauses) if clause in c and i in happening]
                      or happening or range(len(groups)))
        span = (mention.start_char, mention.end_char)
        best = min(candidates, key=lambda i: (_distance(span, spans[i]), spans[i][0] > span[0]))
        assigned[best].append(mention)
    return assigned


def _ends_with_marker(segment: str, markers: tuple[str, ...], lex: "_Lexicon") -> bool:
    """Whether `segment` ends with a marker, followed at most by filler words
    ("from the port of" before "Rajin", "من ميناء" before "نوفوروسيسك").

    Markers may be several words ("bound for"); a one-word marker also counts behind a
    conjunction clitic (والى = و + الى).
    """
    tokens = [normalize_word(word) for word in _WORD.findall(segment)]
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


def _and_between(gap: str, lex: "_Lexicon") -> bool:
    """Whether the text between two places joins them with "and"/"و" (ناجين بكوريا الشمالية ودوناي)."""
    words = [normalize_word(w) for w in _WORD.findall(gap)][-_MARKER_WINDOW:]
    return any(w in lex.and_ for w in words) or gap.rstrip().endswith(lex.and_)


def _movement(text: str, sentence: Sentence, mentions: list[PlaceMention], lang: str
              ) -> tuple[Place | None, Place | None]:
    """Origin and destination of a movement sentence, or (None, None).

    Only sentences with a movement word (shipped, توجه, رحلات …) are movements; then
    "between X and Y" / "بين X و Y" and "from X to Y" / "من X إلى Y" give both ends, and
    an arrival verb makes the first other place the destination of a lone origin.
    """
    lex = _lexicon(lang)
    tokens = set(_tokens(sentence.text, lex.clitics))
    if not mentions or not tokens & lex.movement:
        return None, None
    before = lambda m, markers: _ends_with_marker(  # noqa: E731
        text[max(sentence.start, m.start_char - 80):m.start_char], markers, lex)
    origin = destination = None
    for index, mention in enumerate(mentions):
        if before(mention, lex.between):
            partner = next((m for m in mentions[index + 1:]
                            if _and_between(text[mention.end_char:m.start_char], lex)), None)
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


def assemble_events(document: Document, sentences: list[Sentence], dates: list[DateMention],
                    places: list[PlaceMention]) -> list[Event]:
    """One event per distinct dated happening per sentence, in text order.

    An event ties a date to places. A date whose part of the sentence names no place takes
    the places of an earlier event with the same interval — the same happening told again
    (`place_source` "same date"); failing that it is no event, and stays a date mention of
    the Analysis. (Borrowing the previous sentence's places instead was measured on our
    held-out corpus: one event gained for eleven wrong ones.)
    """
    text, events = document.text, []
    located = [m for m in places if m.place is not None]
    for sentence in sentences:
        inside = lambda m: sentence.start <= m.start_char and m.end_char <= sentence.end  # noqa: E731
        sentence_dates = [d for d in dates if inside(d)]
        if not sentence_dates:
            continue
        sentence_places = [m for m in located if inside(m)]
        groups = _group_dates(text, sentence_dates)
        seen_intervals: set = set()
        for group, mentions in zip(groups, _assign_places(text, sentence, groups, sentence_places,
                                                                  _lexicon(document.lang))):
            origin, destination = _movement(text, sentence, mentions, document.lang)
            for date in group:
                interval = (date.start, date.end) if date.resolved else (date.start_char,)
                if interval in seen_intervals:
                    continue
                event_places, source = _unique_places(mentions), "sentence"
                if not event_places and date.resolved:
                    event_places, source = _places_of_same_interval(events, date), "same date"
                if not event_places:
                    continue
                seen_intervals.add(interval)
                events.append(Event(_event_id(document, sentence, date), sentence.text, sentence.start,
                                    sentence.end, date, event_places, origin, destination,
                                    tuple(mentions), source))
    return events


def _places_of_same_interval(events: list[Event], date: DateMention) -> tuple[Place, ...]:
    """The places of the first event with this interval: a placeless mention of it continues
    that happening ("قال لافروف الأربعاء ..." after "توجه لافروف إلى بيونغ يانغ الأربعاء")."""
    for event in events:
        if (event.date.start, event.date.end) == (date.start, date.end) and event.places:
            return event.places
    return ()
