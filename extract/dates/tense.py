"""Whether an expression sits in a future-tense clause ("will meet on Thursday", "سيزور الخميس").

News reports the past, so past is the default; a future marker in the expression's own clause
(the text back to the previous clause break or date, and the next word) turns it round.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .vocab import Vocab, alternation, char_class

_CLAUSE_BREAK = re.compile(r"[.!?؟\n,،;؛:]")
_FORWARD_CHARS = 12      # the next word or so: "Sunday will see", "الأحد سوف"


@lru_cache(maxsize=64)
def _markers(vocab: Vocab) -> tuple[re.Pattern, re.Pattern | None, re.Pattern]:
    """The future markers, the future-prefix verbs (سيزور، ستعقد) and the clause joiners."""
    words = vocab.words("future_markers")
    glued = [w for w in words if not w[0].isalnum()]            # "'ll" follows a word
    free = [w for w in words if w[0].isalnum()]
    conjunction = char_class(vocab.words("cue_proclitics"))       # "ومن المقرر", "وسيلتقي"
    markers = re.compile(rf"(?:(?<!\w){conjunction}?{alternation(free)}|{alternation(glued)})(?!\w)")
    prefixes = vocab.words("future_prefixes")
    stoplist = tuple(w.strip() for w in vocab.words("future_prefix_stoplist"))
    prefixed = None
    if prefixes:
        stop = alternation(stoplist)
        # س + an imperfect verb: سيزور، وستعقد؛ not nouns such as سياسة، سيارة، سنة (the stoplist).
        prefixed = re.compile(rf"(?<!\w){conjunction}?(?!{stop}){alternation(prefixes)}\w{{2,}}")
    # A new clause: a joiner word, or a word carrying the conjunction و ("وسيلتقي").
    clause_start = char_class(vocab.words("clause_proclitics"))
    joiners = re.compile(rf"(?<!\w)(?:{clause_start}\w|{alternation(vocab.words('clause_joiners'))}(?!\w))")
    return markers, prefixed, joiners


def is_future(text: str, start: int, end: int, previous_end: int, next_start: int, vocab: Vocab) -> bool:
    """True when the clause around text[start:end] speaks of the future."""
    markers, prefixed, joiners = _markers(vocab)
    back_from = max(previous_end, _last(_CLAUSE_BREAK, text, max(0, start - 200), start))
    forward_to = min(next_start, _first(_CLAUSE_BREAK, text, end, end + _FORWARD_CHARS))
    joiner = joiners.search(text, end, forward_to)
    if joiner:
        forward_to = joiner.start()
    for lo, hi in ((back_from, start), (end, forward_to)):
        if markers.search(text, lo, hi) or (prefixed and prefixed.search(text, lo, hi)):
            return True
    return False


def _last(pattern: re.Pattern, text: str, lo: int, hi: int) -> int:
    last = lo
    for match in pattern.finditer(text, lo, hi):
        last = match.end()
    return last


def _first(pattern: re.Pattern, text: str, lo: int, hi: int) -> int:
    match = pattern.search(text, lo, hi)
    return match.start() if match else min(hi, len(text))
