"""Derive extract/data/places_ar_frequency.tsv from the wordfreq wheel (code Apache-2.0; its word
lists CC BY-SA 4.0, built from Wikipedia, subtitles, news, books, web text and social media).

How common an Arabic word is tells a place name from a common word that a gazetteer also lists
(صور "pictures" / Tyre, سكر "sugar" / Sukkur, عروس "bride" / Arous): recognition asks for more
evidence when a word is frequent in Arabic, and more still when its article form is as frequent
as the bare one (الصور، السكر: a noun) — see extract/places/arabic.py. We keep the Arabic-script
words of Zipf frequency 3.0 or more (about once per 10 million words), folded as the recogniser
folds them (extract.text.normalize_word), with Zipf × 10 as an integer, so newsmap does not
need wordfreq at run time.

    python scripts/derive_arabic_frequency.py > extract/data/places_ar_frequency.tsv
"""
from __future__ import annotations

import re
import sys
from importlib.metadata import version

import wordfreq

from extract.text import normalize_word

ARABIC_WORD = re.compile("^[\u0621-\u064a]{2,}$")
MIN_ZIPF = 3.0


def main() -> None:
    folded: dict[str, float] = {}
    for word in wordfreq.iter_wordlist("ar", "best"):
        zipf = wordfreq.zipf_frequency(word, "ar")
        if zipf < MIN_ZIPF:
            break
        key = normalize_word(word)
        if ARABIC_WORD.match(key):
            folded[key] = max(folded.get(key, 0.0), zipf)
    print(f"# Arabic word frequencies (Zipf x 10), derived from wordfreq {version('wordfreq')} "
          "(data CC BY-SA 4.0) by scripts/derive_arabic_frequency.py; words folded by "
          f"extract.text.normalize_word, Zipf >= {MIN_ZIPF}.")
    print("word\tzipf10")
    for key, zipf in sorted(folded.items(), key=lambda item: (-item[1], item[0])):
        print(f"{key}\t{round(zipf * 10)}")


if __name__ == "__main__":
    sys.exit(main())
