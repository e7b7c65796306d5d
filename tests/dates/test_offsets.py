"""Offsets index the original text, whatever normalisation did, and mentions never overlap."""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from extract.dates import find_dates

TEXTS = [
    ("وتوجّه الوزيرُ إلى بيونغ يانغ الأربعاءَ، والتقى نظيره الخميسَ.", "ar"),
    ("اجتاحت السيول درنة ليلة الأحد 10 سبتمبر/أيلول 2023 بعد انهيار سدين.", "ar"),
    ("اندلع القتال في ١٥ أبريل/نيسان ٢٠٢٣ في الخرطوم.", "ar"),
    ("\u200fوقعت الحادثة في 15 كانـــون الثاني 2020.", "ar"),
    ("عبرت السفينة بين 20 و25 أيار/مايو، ثم عادت في الـ3 من حزيران.", "ar"),
    ("Between Sept. 7 and Oct. 1, the ship sailed; on Tuesday it docked.", "en"),
    ("The Café opened on Feb. 24, 2022 — since then, sales rose.", "en"),
]


@pytest.mark.parametrize("text, lang", TEXTS)
def test_offsets_slice_the_original_text(text, lang):
    mentions = find_dates(text, published=dt.date(2023, 10, 19), lang=lang)
    assert mentions
    for mention in mentions:
        assert text[mention.start_char:mention.end_char] == mention.text
    for before, after in zip(mentions, mentions[1:]):
        assert before.end_char <= after.start_char


WORDS = ["الخميس", "يوم", "13", "سبتمبر", "أيلول", "/", "2023", "،", "منذ", "بين", "و", "أمس", "الماضي",
         "الشهر", "ـ", "\u064e", "١٥", "Tuesday", "Sept.", "7", "and", "since", "last", "month", " ", "\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.sampled_from(["ar", "en"]),
       st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))))
def test_offsets_hold_on_random_text(words, lang, published):
    text = " ".join(words)
    mentions = find_dates(text, published=published, lang=lang)
    for mention in mentions:
        assert text[mention.start_char:mention.end_char] == mention.text
        assert (mention.start is None) == (mention.end is None)
        assert mention.start is None or mention.start <= mention.end
    for before, after in zip(mentions, mentions[1:]):
        assert before.end_char <= after.start_char


@pytest.mark.parametrize("text, lang, count", [
    ("Sept. 7 – " * 3000, "en", 1500),          # pairs become ranges
    ("الخميس " * 10000, "ar", 10000),
    ("منذ الخميس " * 5000, "ar", 5000),
    ("بين 20 و25 أيار " * 3000, "ar", 3000),
], ids=["en-ranges", "ar-weekdays", "ar-since", "ar-bare-day-ranges"])
def test_long_repetitive_text(text, lang, count):
    """Thousands of mentions in one text: no quadratic step (this ran for seconds once)."""
    assert len(find_dates(text, published=dt.date(2023, 10, 19), lang=lang)) == count
