"""Cross-script phonetic keys: an Arabic spelling of a foreign name and its Latin spellings
meet on one consonant skeleton (ناجين → NGN ← Najin), and a vowel-aware romanisation
re-ranks the candidates that share a skeleton (دوناي ≈ Dunai rather than Dno)."""
from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher

from ..text import normalize_word

# Arabic consonants to skeleton classes. One class per sound that Latin spellings confuse:
# G = ج/غ/j/g/zh, K = ك/ق/خ/k/q/kh/hard c, X = ش/sh/ch, F = ف/f/v/ph, T = ت/ط/ث/th, S = س/ص/s.
_ARABIC_CONSONANTS = {
    "ب": "B", "ت": "T", "ث": "T", "ج": "G", "ح": "H", "خ": "K", "د": "D", "ذ": "D", "ر": "R",
    "ز": "Z", "س": "S", "ش": "X", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z", "غ": "G", "ف": "F",
    "ق": "K", "ك": "K", "ل": "L", "م": "M", "ن": "N", "ه": "H",
}
# The coarse romanisation used for re-ranking: vowels matter (o≈u, e≈i), consonant classes as above.
_ARABIC_ROMAN = {**{k: v.lower() for k, v in _ARABIC_CONSONANTS.items()},
                 "ا": "a", "ء": "", "ع": "", "ى": "a"}
# Digraphs become upper-case sounds so the single-letter pass below leaves them alone.
_LATIN_DIGRAPHS = [("tch", "X"), ("sch", "X"), ("sh", "X"), ("ch", "X"), ("dzh", "G"), ("zh", "G"), ("dj", "G"),
                   ("kh", "K"), ("gh", "G"), ("th", "T"), ("dh", "D"), ("ph", "F"), ("ck", "K"),
                   ("ou", "U"), ("ee", "I"), ("oo", "U")]
_LATIN_SINGLE = {"p": "b", "v": "f", "w": "f", "q": "k", "j": "g", "x": "ks", "o": "u", "e": "i", "y": "i"}


def _roman_letter(char: str, index: int, last: bool) -> str:
    """One normalised Arabic letter of the coarse romanisation (position matters for و and ه)."""
    if char == "و":
        return "f" if index == 0 else "u"
    if char == "ي":
        return "i"
    if char == "ه" and last and index > 0:
        return "a"
    return _ARABIC_ROMAN.get(char, "")


def _finish_roman(text: str) -> str:
    # "تش" writes the "ch" of Russian/Korean names (تشوي, فوستوتشني); "زه" inside a word the
    # "zh" of Ukrainian and Russian ones (زابوريزهيا = Zaporizhzhia), as Latin spellings do.
    text = text[:1] + text[1:].replace("zh", "g")
    text = text.replace("tx", "x")
    return re.sub(r"(.)\1+", r"\1", text)


@functools.lru_cache(maxsize=4096)
def arabic_roman(word: str) -> str:
    """A coarse romanisation of a normalised Arabic word: و/ي are consonants at the start
    and vowels elsewhere; a final ه (from ة) is silent; ء and ع vanish."""
    last = len(word) - 1
    return _finish_roman("".join(_roman_letter(char, index, index == last)
                                 for index, char in enumerate(word)))


# Short vowels that a vowelled spelling writes as marks: fatha, damma, kasra, superscript alef.
_SHORT_VOWELS = {"\u064e": "a", "\u064f": "u", "\u0650": "i", "\u0670": "a"}


def vowelled_roman(original: str) -> str | None:
    """The coarse romanisation of a spelling as written, its short-vowel marks read as vowels
    (عُمان → uman, عَمّان → aman); None when it carries no short vowel. The marks that
    normalisation drops are the only thing telling such homographs apart."""
    letters: list[str] = []     # normalised letters, and vowels as upper-case placeholders
    for char in original:
        if char in _SHORT_VOWELS:
            letters.append(_SHORT_VOWELS[char].upper())
        else:
            letters.extend(normalize_word(char))
    if not any(letter.isupper() for letter in letters):
        return None
    bare = [letter for letter in letters if not letter.isupper()]
    last, index, out = len(bare) - 1, 0, []
    for letter in letters:
        if letter.isupper():
            out.append(letter.lower())
        elif letter.isalpha():
            out.append(_roman_letter(letter, index, index == last))
            index += 1
    return _finish_roman("".join(out))


@functools.lru_cache(maxsize=65536)
def vowel_similarity(vowelled: str, latin_name: str) -> float:
    """How well a Latin name agrees with a vowelled romanisation, vowels included, in [0, 1]."""
    latin = latin_roman(latin_name)
    if not vowelled or not latin:
        return 0.0
    return SequenceMatcher(None, vowelled.replace("h", ""), latin, autojunk=False).ratio()


@functools.lru_cache(maxsize=65536)
def latin_roman(name: str) -> str:
    """The same coarse romanisation for a Latin name (case and accents already folded)."""
    text = re.sub(r"[^a-z]", "", name.lower())
    if not text:
        return ""
    # An initial w (v), or the French "ou" before a vowel (Ouenza, Ouargla = ونزة، ورقلة), is
    # the consonant و, which the Arabic romanisation writes f at the start of a word.
    head = "f" if text[0] in "wv" or re.match(r"ou[aeiy]", text) else ""
    body = (text[2:] if text.startswith("ou") else text[1:]) if head else text
    for digraph, sound in _LATIN_DIGRAPHS:
        body = body.replace(digraph, sound)
    body = re.sub(r"c(?=[ei])", "s", body).replace("c", "k").replace("h", "") if body else body
    text = (head + "".join(_LATIN_SINGLE.get(ch, ch) for ch in body)).lower()
    return re.sub(r"(.)\1+", r"\1", text)


def skeleton(roman: str) -> str:
    """The consonant skeleton of a coarse romanisation: vowels and h dropped, upper-cased."""
    return re.sub(r"[aeiouh]", "", roman).upper()


@functools.lru_cache(maxsize=65536)
def similarity(arabic_word: str, latin_name: str) -> float:
    """How well a Latin name explains an Arabic spelling, in [0, 1].

    Arabic writes long vowels only, so every letter of the Arabic romanisation should find its
    match in the Latin one, while the Latin name's extra vowels cost little and its extra
    consonants cost much (ملاطية mlatia ≈ Malatya, not Melati).
    """
    # Latin romanisations drop every h (sh, kh, th…), so the Arabic side does too (شنغهاي ≈ Shanghai).
    arabic, latin = arabic_roman(arabic_word).replace("h", ""), latin_roman(latin_name)
    if not arabic or not latin:
        return 0.0
    return max(0.0, _best_alignment(arabic, latin))


_EXTRA_CONSONANT, _EXTRA_VOWEL = 0.2, 0.05


def _best_alignment(arabic: str, latin: str) -> float:
    """The score of the best in-order alignment of the two romanisations: the share of the
    Arabic letters matched, less a cost per unmatched Latin letter. Every alignment is weighed
    (a weighted longest common subsequence), not only the one built around the longest common
    block: فغيغ fgig ≈ Figuig figuig matches all four letters, f·g·i·g, not only "ig" and f."""
    # A match of Latin letter c earns 1/len(arabic) and saves the cost of leaving c unmatched.
    gain = [1.0 / len(arabic) + (_EXTRA_VOWEL if ch in "aeiou" else _EXTRA_CONSONANT) for ch in latin]
    previous = [0.0] * (len(latin) + 1)
    for a in arabic:
        row = [0.0]
        for k, ch in enumerate(latin):
            row.append(max(previous[k + 1], row[k], previous[k] + gain[k] if a == ch else 0.0))
        previous = row
    unmatched_cost = sum(_EXTRA_VOWEL if ch in "aeiou" else _EXTRA_CONSONANT for ch in latin)
    return previous[-1] - unmatched_cost


# The Arabic article as Latin spellings keep it, sun letters assimilated (Ad-Damir, El Obeid).
_LATIN_ARTICLE = re.compile(r"^(?:al|el|ul|ad|adh|ar|as|ash|at|ath|az|an|ed|er|es|et|ez|en)[ \-'](?=\w)")


def latin_without_article(name: str) -> str | None:
    """A folded Latin name that begins with the Arabic article, without it ("el matama" →
    "matama"); None when it has none."""
    match = _LATIN_ARTICLE.match(name)
    return name[match.end():] if match else None
