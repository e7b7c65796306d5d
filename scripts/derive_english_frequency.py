"""Derive extract/data/places_en_frequency.tsv from the wordfreq wheel (code Apache-2.0; its word
lists CC BY-SA 4.0, built from Wikipedia, subtitles, news, books, web text and social media).

How common an English word is tells a town's name from a word the gazetteer also lists ("Well",
"Section", "Baker", "Mobile"): recognition reads it as a feature with a fitted weight
(extract.places.evidence.features: `frequent_word`, `rare_word`). We keep the lower-case words
of Zipf frequency 3.0 or more (about once per 10 million words; wordfreq folds case, so
"paris" counts Paris), with Zipf × 10 as an integer, so newsmap does not need wordfreq at run
time.

    python scripts/derive_english_frequency.py > extract/data/places_en_frequency.tsv
"""
from __future__ import annotations

import re
import sys
from importlib.metadata import version

import wordfreq

ENGLISH_WORD = re.compile(r"^[a-z]+(?:['’-][a-z]+)*$")
MIN_ZIPF = 3.0


def main() -> None:
    print(f"# English word frequencies (Zipf x 10), derived from wordfreq {version('wordfreq')} "
          f"(data CC BY-SA 4.0) by scripts/derive_english_frequency.py; lower-case words, Zipf >= {MIN_ZIPF}.")
    print("word\tzipf10")
    for word in wordfreq.iter_wordlist("en", "best"):
        zipf = wordfreq.zipf_frequency(word, "en")
        if zipf < MIN_ZIPF:
            break
        if ENGLISH_WORD.match(word):
            print(f"{word}\t{round(zipf * 10)}")


if __name__ == "__main__":
    sys.exit(main())
