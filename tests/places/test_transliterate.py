"""The cross-script phonetic key: Arabic spellings of foreign names meet their Latin names."""
from __future__ import annotations

import pytest

from extract.places.transliterate import arabic_roman, latin_roman, similarity, skeleton
from extract.text import normalize_word


@pytest.mark.parametrize("arabic, latin", [
    ("ناجين", "Najin"),
    ("دوناي", "Dunai"),
    ("فوستوشني", "Vostochny"),
    ("تيخورتسك", "Tikhoretsk"),
    ("بيونغيانغ", "Pyongyang"),
    ("نوفوروسيسك", "Novorossiysk"),
    ("شويغو", "Shoigu"),
    ("ملاطية", "Malatya"),
])
def test_same_skeleton_across_scripts(arabic, latin):
    word = normalize_word(arabic)
    assert skeleton(arabic_roman(word)) == skeleton(latin_roman(latin))
    assert similarity(word, latin) >= 0.8


@pytest.mark.parametrize("arabic, right, wrong", [
    ("ملاطيه", "Malatya", "Melati"),      # the Latin name must not add consonants
    ("دوناي", "Dunay", "Dno"),
    ("فوستوشني", "Vostochny", "Vostok"),
])
def test_vowel_aware_similarity_ranks_the_right_spelling_first(arabic, right, wrong):
    assert similarity(arabic, right) > similarity(arabic, wrong)
