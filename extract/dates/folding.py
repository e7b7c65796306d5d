"""A fast equivalent of `extract.text.normalize` for the tagger's hot path.

Same folding (one `str.translate` instead of a per-character loop) and the same offset map,
kept as the few places where characters were dropped (diacritics, tatweel, bidi marks) rather
than one index per character. tests/dates/test_folding.py checks the equivalence.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..text import _ARABIC_MARKS, _INVISIBLE, _LETTER_MAP, ARABIC_INDIC_DIGITS

_DROPPED = re.compile(f"{_ARABIC_MARKS.pattern}|{_INVISIBLE.pattern}")


@lru_cache(maxsize=1)
def _table() -> dict[int, int | None]:
    """Per-character folding, as `normalize` does it, for every character it changes."""
    table: dict[int, int | str | None] = {}
    # Every character `normalize` can change lies in these blocks: ASCII and Latin, Arabic,
    # the Unicode spaces and formatting marks, the BOM.
    blocks = (range(0x250), range(0x600, 0x700), range(0x1680, 0x1681), range(0x2000, 0x2070),
              range(0x3000, 0x3001), range(0xFEFF, 0xFF00))
    for code in (code for block in blocks for code in block):
        char = chr(code)
        if _DROPPED.match(char):
            table[code] = None
            continue
        folded = char.translate(_LETTER_MAP).translate(ARABIC_INDIC_DIGITS)
        if folded.isascii():
            folded = folded.lower()
        elif re.match("[A-Za-z\u00c0-\u024f]", folded):
            folded = unicodedata.normalize("NFKD", folded)[0].lower()
        elif folded.isspace():
            folded = " "
        if folded != char:
            table[code] = folded
    return table


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text and where it dropped characters, to map its offsets back."""
    text: str
    source_length: int
    skips: tuple[int, ...]      # folded index at which the j-th dropped character was skipped

    def original(self, index: int) -> int:
        """The original index of the folded character at `index`."""
        return index + bisect_right(self.skips, index)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the folded text back to the original text."""
        if start >= len(self.text):
            return self.source_length, self.source_length
        return self.original(start), (self.original(end - 1) + 1 if end > start else self.original(start))


def fold(text: str) -> Folded:
    """`normalize(text)` with a compact offset map."""
    skips = tuple(match.start() - number for number, match in enumerate(_DROPPED.finditer(text)))
    return Folded(text.translate(_table()), len(text), skips)
