"""The tense of the clause around an expression: future ("will meet on Thursday", "سيزور
الخميس", "early voting runs Oct. 15"), past ("was held on May 3", "كان قد زار") or unmarked.

Only the expression's own clause counts (the text back to the previous clause break or date,
and the next word), never the rest of the document, except that an unmarked clause joined by a
comma to a scheduling clause of the same sentence takes its future ("وتقام الجنازة في مشهد،
ويوارى الثرى السبت"). Some cues are future only in a clause without a past cue ("should", "by"
before a deadline, المقرر); "ahead of" before the date is future even in a past clause. Future markers win over past ones: "was
expected to open on May 3" speaks of a plan. Arabic perfect verbs carry no marker we can see, so
an Arabic clause is often unmarked; resolve.py decides what an unmarked clause means.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .vocab import Vocab, alternation, char_class

FUTURE = "future"
PAST = "past"

_CLAUSE_BREAK = re.compile(r"[.!?؟\n,،;؛:]")
_SENTENCE_BREAK = re.compile(r"[.!?؟\n]")
_FORWARD_CHARS = 12      # the next word or so: "Sunday will see", "الأحد سوف"
_PAST_FORWARD_CHARS = 40


@dataclass(frozen=True, slots=True)
class _Markers:
    future: re.Pattern
    future_prefixed: re.Pattern | None     # سيزور، ستعقد
    future_unless_past: re.Pattern         # "by", "should", "ahead of", المقرر: future in a clause without a past cue
    deadline: re.Pattern                   # "by Jan. 1", "ahead of Sunday's vote": right before the date
    ahead: re.Pattern                      # "ahead of Saturday's match": future even in a past clause
    past: re.Pattern | None                # was, كانت; English verbs in -ed
    joiners: re.Pattern                    # a new clause: "and", "بينما", a word carrying و


def _words(words) -> str:
    return alternation(words) if words else r"(?!x)x"


@lru_cache(maxsize=64)
def _markers(vocab: Vocab) -> _Markers:
    words = vocab.words("future_markers")
    glued = [w for w in words if not w[0].isalnum()]            # "'ll" follows a word
    free = [w for w in words if w[0].isalnum()]
    conjunction = char_class(vocab.words("cue_proclitics"))       # "ومن المقرر", "وسيلتقي"
    future = re.compile(rf"(?:(?<!\w){conjunction}?{alternation(free)}|{alternation(glued)})(?!\w)")
    prefixed = None
    if vocab.words("future_prefixes"):
        # س + an imperfect verb: سيزور، وستعقد، سيمتد؛ not nouns such as سياسة، سيارة، سنة
        # (noun beginnings in the stoplist) nor whole words such as سير، سيف (the stopwords).
        stop = _words(vocab.words("future_prefix_stoplist"))
        stopwords = _words(vocab.words("future_prefix_stopwords"))
        prefixed = re.compile(rf"(?<!\w){conjunction}?(?!{stop}|{stopwords}(?!\w))"
                              rf"{alternation(vocab.words('future_prefixes'))}\w{{2,}}")
    past = None
    patterns = tuple(vocab.raw.get("past_patterns") or ())
    if vocab.words("past_markers") or vocab.words("past_suffixes") or patterns:
        suffixes = _words(vocab.words("past_suffixes"))
        not_past = _words(vocab.words("past_suffix_stoplist"))
        forms = "".join(f"|{conjunction}?(?:{pattern})" for pattern in patterns)
        past = re.compile(rf"(?<!\w)(?:{conjunction}?{_words(vocab.words('past_markers'))}"
                          rf"|(?!{not_past}(?!\w))[^\W\d_]{{2,}}{suffixes}{forms})(?!\w)")
    clause_start = char_class(vocab.words("clause_proclitics"))
    joiners = re.compile(rf"(?<!\w)(?:{clause_start}\w|{alternation(vocab.words('clause_joiners'))}(?!\w))")
    weak = vocab.words("future_unless_past")
    not_before = _words(vocab.words("future_unless_past_not_before"))     # المقرر الخاص: a rapporteur
    weak_future = re.compile(rf"(?<!\w){conjunction}?{_words(weak)}(?!\w)(?!\s+{not_before}(?!\w))")
    deadline = re.compile(rf"(?<!\w){conjunction}?{_words(vocab.words('future_unless_past_before'))}\s+$")
    ahead = re.compile(rf"(?<!\w){conjunction}?{_words(vocab.words('future_before'))}\s+$")
    return _Markers(future, prefixed, weak_future, deadline, ahead, past, joiners)


def clause_tense(text: str, start: int, end: int, previous_end: int, next_start: int,
                 vocab: Vocab) -> str | None:
    """FUTURE, PAST or None (unmarked) for the clause around text[start:end]."""
    markers = _markers(vocab)
    back_from = max(previous_end, _last(_CLAUSE_BREAK, text, max(0, start - 200), start))
    forward_to = min(next_start, _first(_CLAUSE_BREAK, text, end, end + _FORWARD_CHARS))
    joiner = markers.joiners.search(text, end, forward_to)
    if joiner:
        forward_to = joiner.start()
    if markers.ahead.search(text, max(back_from, start - 30), start):
        return FUTURE
    for lo, hi in ((back_from, start), (end, forward_to)):
        if markers.future.search(text, lo, hi) or (
                markers.future_prefixed and markers.future_prefixed.search(text, lo, hi)):
            return FUTURE
    if markers.past:
        # A past verb may sit further on in the same clause ("Dec. 12 and 13 people were hurt"):
        # look to the clause break, past joiners, since it only confirms news's default.
        past_to = min(next_start, _first(_CLAUSE_BREAK, text, end, end + _PAST_FORWARD_CHARS))
        if any(markers.past.search(text, lo, hi) for lo, hi in ((back_from, start), (end, past_to))):
            return PAST
    # A deadline or an obligation ("by Jan. 1", "should agree on Thursday", "ahead of Sunday's
    # vote", "due to"): future unless the clause is past ("had been due to", "had fled by Monday").
    if markers.deadline.search(text, max(back_from, start - 20), start) or any(
            markers.future_unless_past.search(text, lo, hi) for lo, hi in ((back_from, start), (end, forward_to))):
        return FUTURE
    # An unmarked clause continuing a scheduling one in the same sentence ("وتقام الجنازة في مشهد،
    # ويوارى الثرى الخميس"): the schedule's tense, when that clause has no past cue.
    sentence = max(previous_end, _last(_SENTENCE_BREAK, text, max(0, start - 200), start))
    if sentence < back_from and text[back_from - 1] in ",،":
        lo = max(sentence, _last(_CLAUSE_BREAK, text, max(0, back_from - 200), back_from - 1))
        if _future_in(markers, text, lo, back_from - 1) and not (
                markers.past and markers.past.search(text, lo, back_from - 1)):
            return FUTURE
    return None


# What clause_tense reads around text[start:end]: back to 401 characters before start (a clause
# break up to 200 characters back, then, for a clause joined by a comma, up to 200 before that,
# and a lookbehind's character), forward to _PAST_FORWARD_CHARS after end; previous_end only when
# it lies less than 201 characters before start, next_start only within the forward reach.
# A change to clause_tense that reads further must widen this.
_READS_BEFORE = 402


def tense_surroundings(text: str, start: int, end: int, previous_end: int, next_start: int) -> tuple:
    """Everything clause_tense reads but the vocabulary, as a key: the same key, the same tense
    (the offset itself only near the start of the text). One date per line repeats its
    surroundings every 1,120 lines."""
    return (start if start < _READS_BEFORE else -1, end - start,
            text[max(0, start - _READS_BEFORE):end + _PAST_FORWARD_CHARS + 1],
            max(previous_end, start - 201) - start, min(next_start, end + _PAST_FORWARD_CHARS + 1) - end)


def speaks_of_future(text: str, vocab: Vocab) -> bool:
    """Whether a clause (text already normalised) carries a future cue: "will", سوف, a س-prefixed
    verb (ستعيد), المقرر. Events use it to tell plans from happenings."""
    return _future_in(_markers(vocab), text, 0, len(text))


def _future_in(markers: _Markers, text: str, lo: int, hi: int) -> bool:
    return bool(markers.future.search(text, lo, hi) or (
        markers.future_prefixed and markers.future_prefixed.search(text, lo, hi)))


def _last(pattern: re.Pattern, text: str, lo: int, hi: int) -> int:
    """The end of the last match of `pattern`, one character class, in text[lo:hi], else lo."""
    match = _through_last(pattern).match(text, lo, hi)
    return match.end() if match else lo


@lru_cache(maxsize=8)
def _through_last(pattern: re.Pattern) -> re.Pattern:
    """`pattern` (one character class) after as many characters as possible: one match that
    ends where its last occurrence does, read back from the end by the regex engine (a window
    of one date per line held a dozen breaks to step through, at every date)."""
    return re.compile(rf"(?s:.*){pattern.pattern}")


def _first(pattern: re.Pattern, text: str, lo: int, hi: int) -> int:
    match = pattern.search(text, lo, hi)
    return match.start() if match else min(hi, len(text))
