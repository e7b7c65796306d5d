"""Arabic spelling (issue 10, "What to build" item 4): one table per failure class. Each row is a
news-style sentence written for these tests, with every place it must yield as (surface,
country code, kind) in text order; an empty list means no word of it is a place."""
from __future__ import annotations

import pytest

from extract.places.transliterate import arabic_roman, latin_roman, skeleton, vowelled_roman

# 1. Vowel marks are dropped before lookup, yet they tell homographs apart (عُمان Oman, عَمّان
#    Amman), against the story's context; spans keep their marks and tatweel.
VOWEL_MARKS = [
    # A Jordanian story would read bare عمان as Amman; the damma says Oman.
    ("عاد وزير الخارجية الأردني من عُمان بعد لقاء السلطان في الأردن أمس.",
     [("عُمان", "OM", "country"), ("الأردن", "JO", "country")]),
    ("زار رئيس الوزراء الأردني عُمـان الأسبوع الماضي.", [("عُمـان", "OM", "country")]),
    ("أعلنت عُمَان استعدادها للوساطة بين الطرفين.", [("عُمَان", "OM", "country")]),
    # A Gulf story would read bare عمان as Oman; the fatha and shadda say Amman.
    ("وصل الملك إلى عَمّان قادما من الرياض بعد جولة في الخليج.",
     [("عَمّان", "JO", "city"), ("الرياض", "SA", "city")]),
    ("استقبل السلطان في مسقط وفدا من عَمَّان لبحث التعاون.",
     [("مسقط", "OM", "city"), ("عَمَّان", "JO", "city")]),
    # Marks on a name with one sense change nothing.
    ("تفقد المحافظ أضرار السيول في مدينة حَلَب.", [("حَلَب", "SY", "city")]),
]

# The same sentences without marks: context decides, so the marks above did the work.
UNVOWELLED = [
    ("عاد وزير الخارجية الأردني من عمان بعد لقاء السلطان في الأردن أمس.", ("عمان", "JO", "city")),
    ("وصل الملك إلى عمان قادما من الرياض بعد جولة في الخليج.", ("عمان", "OM", "country")),
]

# 2. A transliteration never yields a place whose Arabic spelling the gazetteer already knows
#    (a country, a capital, a city of a million): تنغير is Tinghir, not Tangier (طنجة).
KNOWN_SPELLINGS = [
    ("زار الوفد مدينة تنغير جنوب شرق المغرب.", [("تنغير", "MA", "city"), ("المغرب", "MA", "country")]),
    ("سجلت محطة الرصد في تنغير أمطارا غزيرة هذا الأسبوع في المغرب.",
     [("تنغير", "MA", "city"), ("المغرب", "MA", "country")]),
    # Arous, a locality of Sudan's Red Sea coast, is no Russia (روسيا) nor Aarhus.
    ("أغلقت السلطات الطريق عند منطقة عروس شمال بورتسودان في السودان.",
     [("بورتسودان", "SD", "city"), ("السودان", "SD", "country")]),
]


@pytest.mark.parametrize("sentence, expected", VOWEL_MARKS)
def test_vowel_marks_choose_between_homographs(places, sentence, expected):
    assert places(sentence) == expected


@pytest.mark.parametrize("sentence, mention", UNVOWELLED)
def test_without_marks_context_decides(places, sentence, mention):
    assert mention in places(sentence)


@pytest.mark.parametrize("written, roman", [
    ("عُمان", "uman"), ("عَمّان", "aman"), ("مِصْرَ", "misra"), ("عمان", None), ("هٰذا", "hada"),
])
def test_vowelled_romanisation_reads_the_marks(written, roman):
    assert vowelled_roman(written) == roman


def test_zh_written_as_two_letters_meets_latin_zh():
    assert skeleton(arabic_roman("زابوريزهيا")) == skeleton(latin_roman("Zaporizhzhia"))
    assert skeleton(arabic_roman("زهران")) == "ZRN"     # a word-initial زه stays z + h


@pytest.mark.parametrize("sentence, expected", KNOWN_SPELLINGS)
def test_transliteration_skips_places_with_known_arabic_names(places, sentence, expected):
    assert places(sentence) == expected
