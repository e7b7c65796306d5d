"""Text utilities every stage shares: Arabic normalisation with an offset map back to the
original, sentence and clause splitting that knows Arabic punctuation, language detection."""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

# Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef), Quranic marks and tatweel.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Invisible formatting: bidi marks and embeddings (the Arabic letter mark too), zero-width
# characters, the word joiner and invisible operators, the BOM, the soft hyphen, the Mongolian
# vowel separator. Inside a name ("Bei\u00adrut", "بي\u2060روت") they must not cut it.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u061c\u180e]")
_LETTER_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    # Persian and Urdu letters that Arabic news also uses for foreign names.
    "ی": "ي", "ک": "ك", "ڤ": "ف", "پ": "ب", "چ": "ج", "گ": "ك", "ژ": "ز", "ہ": "ه", "ۀ": "ه",
})
ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


_DROPPED = re.compile(f"{_ARABIC_MARKS.pattern}|{_INVISIBLE.pattern}")


def _fold_char(char: str) -> str | None:
    """The folding of one character (None: dropped); the definition `normalize` applies."""
    if _DROPPED.match(char):
        return None
    folded = char.translate(_LETTER_MAP).translate(ARABIC_INDIC_DIGITS)
    if folded.isascii():
        return folded.lower()
    if LATIN_LETTER.match(folded):
        return unicodedata.normalize("NFKD", folded)[0].lower()
    return " " if folded.isspace() else folded


@functools.lru_cache(maxsize=1)
def _fold_table() -> dict[int, str | None]:
    """`_fold_char` for every character it changes, as a `str.translate` table. Every such
    character lies in these blocks: ASCII and Latin, Arabic, the Unicode spaces and
    formatting marks, the BOM."""
    blocks = (range(0x250), range(0x600, 0x700), range(0x1680, 0x1681), range(0x2000, 0x2070),
              range(0x3000, 0x3001), range(0xFEFF, 0xFF00), range(0x180E, 0x180F))
    table = {}
    for code in (code for block in blocks for code in block):
        folded = _fold_char(chr(code))
        if folded != chr(code):
            table[code] = folded
    return table


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised copy of a text and where it dropped characters, to map offsets back."""
    text: str
    source_length: int
    skips: tuple[int, ...]      # normalised index at which the j-th dropped character was skipped

    def original(self, index: int) -> int:
        """The original index of the normalised character at `index`."""
        return index + bisect_right(self.skips, index)

    def position(self, original: int) -> int:
        """The normalised index of the original character at `original` (of the next kept
        one, when that character was dropped): the inverse of `original`."""
        # The j-th dropped character sat at original index skips[j] + j.
        dropped_before = bisect_left(range(len(self.skips)), original, key=lambda j: self.skips[j] + j)
        return original - dropped_before

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original text."""
        if start >= len(self.text):
            return self.source_length, self.source_length
        return self.original(start), (self.original(end - 1) + 1 if end > start else self.original(start))


def normalize(text: str) -> Normalized:
    """Fold the spelling variation that does not change meaning, keeping a map to `text`.

    Arabic: hamza forms to bare alef, ى→ي, ة→ه, Persian letters to Arabic, diacritics and
    tatweel removed, Arabic-Indic digits to ASCII. Everywhere: case folded, invisible marks
    dropped, Latin accents stripped. Each output character maps to exactly one input character.
    One `str.translate` does it: the taggers normalise whole documents on their hot path.
    """
    skips = tuple(match.start() - number for number, match in enumerate(_DROPPED.finditer(text)))
    return Normalized(text.translate(_fold_table()), len(text), skips)


def without_invisible(text: str) -> Normalized:
    """`text` without its invisible formatting characters, case and all else kept, with the map
    back: for recognisers that read capitals ("Bei\u00adrut" is read as "Beirut")."""
    skips = tuple(match.start() - number for number, match in enumerate(_INVISIBLE.finditer(text)))
    return Normalized(_INVISIBLE.sub("", text) if skips else text, len(text), skips)


def normalize_word(word: str) -> str:
    """`normalize` for a lookup key, without the offset map (the stages call it for every word)."""
    return word.translate(_fold_table())


_WORD = re.compile(r"\w+")


class WholeWords:
    """Whether a phrase occurs in a text as whole words, as `re.search(rf"\\b{re.escape(phrase)}\\b",
    text)` would say, answered from the set of the text's words: a recogniser that asks it for
    every name would otherwise scan a megabyte-long text once per name."""

    def __init__(self, text: str):
        self._text = text
        self._words: frozenset[str] | None = None
        self._searched: dict[str, bool] = {}

    def __contains__(self, phrase: str) -> bool:
        if self._words is None:
            self._words = frozenset(_WORD.findall(self._text))
        if _WORD.fullmatch(phrase):
            return phrase in self._words
        # Between word characters at both ends, every run of word characters of a match is a
        # whole word of the text: one missing word rules the phrase out without a scan.
        if (phrase and _WORD.match(phrase[0]) and _WORD.match(phrase[-1])
                and any(word not in self._words for word in _WORD.findall(phrase))):
            return False
        if phrase not in self._searched:
            self._searched[phrase] = re.search(rf"\b{re.escape(phrase)}\b", self._text) is not None
        return self._searched[phrase]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the document: its text and its offsets into the document."""
    start: int
    end: int
    text: str


# A sentence ends at . ! ? ؟ ؛ … or a line break; a closing quote or bracket right after the
# punctuation stays with the sentence. The Arabic comma ، does not end a sentence.
_END = re.compile(r"(?:[.!?؟؛…]+[\"'”’»)\]]*|\n+)")
_ABBREVIATIONS_TABLE = Path(__file__).resolve().parent / "data" / "abbreviations.json"


@functools.lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """Words whose full stop does not end a sentence: always, and only before a number (the
    table data/abbreviations.json says which and why)."""
    table = json.loads(_ABBREVIATIONS_TABLE.read_text(encoding="utf-8"))
    return frozenset(table["always"]), frozenset(table["before_lowercase_or_number"])


_WORD_BEFORE = re.compile(r"(\w+)$")
# Longer than any abbreviation, so a cut word in the window is never taken for one.
_LOOKBACK = 16


def _is_false_end(text: str, dot: int, end: int) -> bool:
    """Whether the punctuation at `dot` (through `end`) does not end the sentence."""
    following = text[end:end + 3].lstrip(" ")
    if following[:1].islower() and following[:1].isascii():     # “Go now!” he said.
        return True
    if following[:1] in (",", ";"):                              # "KEY WEST, Fla., Aug. 6"
        return True
    if text[dot] != ".":
        return False
    after = text[dot + 1: dot + 2]
    if after.isdigit() or after.isalpha():      # 5.6, U.S.A, example.com
        return True
    # The word before the dot, read back no further than the longest abbreviation could reach
    # (searching all of text[:dot] at every full stop made splitting quadratic).
    word = _WORD_BEFORE.search(text, max(0, dot - _LOOKBACK), dot)
    if not word:
        return False
    token = word.group(1)
    always, before_numbers = _abbreviations()
    if token.lower() in always:
        return True
    if token[:1].isupper() and token.lower() in before_numbers and following[:1].isdigit():
        return True                                              # "Tampa, Fla. 5 people"
    return len(token) == 1 and token.isalpha() and token.isupper()   # initials: "J. Smith", "U.S."


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences with offsets, trimming the whitespace around each."""
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        if _is_false_end(text, match.start(), match.end()):
            continue
        _append_trimmed(sentences, text, start, match.end())
        start = match.end()
    _append_trimmed(sentences, text, start, len(text))
    return sentences


# A letter or a digit: `str.isalnum`, character for character.
_ALNUM = re.compile(r"[^\W_]")


def _append_trimmed(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and (text[start].isspace() or text[start] in ".؛"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and _ALNUM.search(text, start, end):
        sentences.append(Sentence(start, end, text[start:end]))


# A clause boundary inside a sentence: a comma (Latin or Arabic), a semicolon, a dash.
CLAUSE_BREAK = re.compile(r"[,،;؛]|\s[–—-]\s")


def clause_bounds(sentence: Sentence) -> list[tuple[int, int]]:
    """The sentence's clauses as (start, end) document offsets."""
    bounds, start = [], sentence.start
    for match in CLAUSE_BREAK.finditer(sentence.text):
        bounds.append((start, sentence.start + match.start()))
        start = sentence.start + match.end()
    bounds.append((start, sentence.end))
    return bounds


# The most frequent function words of each language, for telling Latin-script languages apart.
_FUNCTION_WORDS = {
    "en": "the of and to in a is that for on was with said as by at from his it an were are".split(),
    "fr": "le la les de des et un une du en est que pour dans par sur au qui pas a été".split(),
    "es": "el la los las de y en que un una por con para del se es al lo como más".split(),
    "de": "der die das und in den von zu mit ist des sich auf für nicht ein eine dem im".split(),
    "it": "il la di e che un una per in del della sono con non le gli al".split(),
    "pt": "o a os as de e que um uma em do da para com não por no na".split(),
}


def detect_language(text: str) -> str:
    """Guess the document's language: "ar", "fa", "ru" or a Latin-script language by its
    function words; "und" when nothing decides."""
    sample = text[:20000]
    arabic = len(ARABIC_LETTER.findall(sample))
    latin = len(LATIN_LETTER.findall(sample))
    cyrillic = len(re.findall("[\u0400-\u04ff]", sample))
    if arabic and arabic >= max(latin, cyrillic):
        persian = len(re.findall("[پچژگکی]", sample))
        return "fa" if persian > arabic * 0.02 else "ar"
    if cyrillic and cyrillic >= latin:
        return "ru"
    if not latin:
        return "und"
    words = re.findall(r"[a-zà-ÿ]+", sample.lower())
    counts = {lang: sum(1 for w in words if w in set(vocab)) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else "en"
