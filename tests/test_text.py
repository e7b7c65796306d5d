"""Normalisation keeps offsets, sentences split on Arabic and Latin punctuation, languages are told apart."""
import re

import pytest
from hypothesis import given, settings, strategies as st

from extract.text import WholeWords, _fold_char, clause_bounds, detect_language, normalize, split_sentences


@pytest.mark.parametrize("raw, folded", [
    ("أحمد", "احمد"), ("إسطنبول", "اسطنبول"), ("آسيا", "اسيا"), ("مصطفى", "مصطفي"),
    ("مدينة", "مدينه"), ("مُحَمَّد", "محمد"), ("الـــقاهرة", "القاهره"), ("١٥ أبريل ٢٠٢٣", "15 ابريل 2023"),
    ("ڤوستوشني", "فوستوشني"), ("گرجستان", "كرجستان"), ("São Paulo", "sao paulo"), ("Kyiv", "kyiv"),
    ("a\u200fb\u202bc", "abc"),
])
def test_normalize_folds_spelling(raw, folded):
    assert normalize(raw).text == folded


@pytest.mark.parametrize("text, needle", [
    ("وصل إلى مُحَمَّدِيَّة أمس", "محمديه"),
    ("\u200fقال في إسطنبول", "اسطنبول"),
    ("في الـــقاهرة اليوم", "القاهره"),
])
def test_normalized_spans_map_back_to_the_original(text, needle):
    norm = normalize(text)
    start = norm.text.index(needle)
    a, b = norm.span(start, start + len(needle))
    assert normalize(text[a:b]).text == needle
    assert not text[a].isspace() and not text[b - 1].isspace()


@pytest.mark.parametrize("text, expected", [
    ("التقى الوزيران في موسكو. ثم عاد إلى بلاده.", ["التقى الوزيران في موسكو.", "ثم عاد إلى بلاده."]),
    ("هل وصل؟ نعم وصل أمس", ["هل وصل؟", "نعم وصل أمس"]),
    ("قال الوزير: “وصلت العلاقات إلى مستوى جديد”. وأضاف أنه متفائل.",
     ["قال الوزير: “وصلت العلاقات إلى مستوى جديد”.", "وأضاف أنه متفائل."]),
    ("قال: «انتهى الأمر.» ثم غادر", ["قال: «انتهى الأمر.»", "ثم غادر"]),
    ("اجتمعوا في الرياض، ثم توجهوا إلى جدة؛ وهناك وقعوا الاتفاق",
     ["اجتمعوا في الرياض، ثم توجهوا إلى جدة؛", "وهناك وقعوا الاتفاق"]),
    ("The U.S. Navy said a 5.6 quake hit. Officials agreed.", ["The U.S. Navy said a 5.6 quake hit.", "Officials agreed."]),
    ("Between Sept. 7 and Oct. 1, ships sailed. Dr. Smith left.",
     ["Between Sept. 7 and Oct. 1, ships sailed.", "Dr. Smith left."]),
    ("Title line\n\nFirst paragraph here.", ["Title line", "First paragraph here."]),
    ("“Go now!” he said. She left.", ["“Go now!” he said.", "She left."]),
    # A division's news abbreviation ends a sentence only before a capitalised word.
    ("KEY WEST, Fla., Aug. 6 - Boats sank.", ["KEY WEST, Fla., Aug. 6 - Boats sank."]),
    ("In Tampa, Fla. 5 people died. Help came.", ["In Tampa, Fla. 5 people died.", "Help came."]),
    ("The storm hit Tampa, Fla. on Monday.", ["The storm hit Tampa, Fla. on Monday."]),
    ("He moved to Tampa, Fla. He left.", ["He moved to Tampa, Fla.", "He left."]),
    ("He fell ill. 5 days later he died.", ["He fell ill.", "5 days later he died."]),
])
def test_split_sentences(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_split_sentences_of_nothing():
    assert split_sentences("") == [] and split_sentences("  \n . ") == []


def test_clauses_split_on_arabic_and_latin_commas():
    sentence = split_sentences("ضرب زلزال ملاطية، وشعر به سكان حلب, ثم هدأ")[0]
    parts = [sentence.text[a - sentence.start:b - sentence.start] for a, b in clause_bounds(sentence)]
    assert parts == ["ضرب زلزال ملاطية", " وشعر به سكان حلب", " ثم هدأ"]


@pytest.mark.parametrize("text, lang", [
    ("التقى وزيرا خارجية روسيا وكوريا الشمالية في بيونغ يانغ", "ar"),
    ("The ministers met in Pyongyang on Thursday, officials said.", "en"),
    ("Les ministres se sont rencontrés à Pyongyang jeudi, selon le ministère.", "fr"),
    ("Los ministros se reunieron en Pyongyang el jueves, según la agencia.", "es"),
    ("Министры встретились в Пхеньяне в четверг.", "ru"),
    ("وزیران خارجه روسیه و کره شمالی در پیونگ یانگ دیدار کردند", "fa"),
    ("قال المتحدث إن Reuters نشرت الخبر في موسكو", "ar"),
    ("12345 !!!", "und"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


ALPHABET = st.one_of(st.characters(), st.sampled_from("أإآىةؤئیکـًٌٍَُِّْ\u200f\u200b٠١٩۵ \u00a0\u2009ÉéçÀ"))


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=60))
def test_normalize_is_the_character_by_character_folding(text):
    """The one-translate normalize equals folding each character (with `_fold_char`) and
    remembering where each kept character came from."""
    kept = [(index, _fold_char(char)) for index, char in enumerate(text)]
    kept = [(index, folded) for index, folded in kept if folded is not None]
    normalized = normalize(text)
    assert normalized.text == "".join(folded for _, folded in kept)
    assert [normalized.original(i) for i in range(len(normalized.text))] == [index for index, _ in kept]
    for start in range(len(normalized.text)):
        assert normalized.span(start, start + 1) == (kept[start][0], kept[start][0] + 1)
    assert normalized.span(len(normalized.text), len(normalized.text)) == (len(text), len(text))


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=60))
def test_position_is_the_inverse_of_original(text):
    """`position` maps an original offset to the normalised one: kept characters exactly, a
    dropped character to the next kept one, so text[a:b] folds to normalized.text[pos(a):pos(b)]."""
    normalized = normalize(text)
    kept = [index for index, char in enumerate(text) if _fold_char(char) is not None]
    for position, index in enumerate(kept):
        assert normalized.position(index) == position
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            assert normalized.text[normalized.position(a):normalized.position(b)] == normalize(text[a:b]).text


_WORDISH = st.text(alphabet=st.sampled_from("ab_1 .-'é\u00adع\n"), max_size=30)


@given(text=_WORDISH, phrase=_WORDISH)
@settings(max_examples=400, deadline=None)
def test_whole_words_answers_as_a_word_bounded_search(text, phrase):
    """WholeWords (a set of the text's words) says what a \\b…\\b search of the text says."""
    expected = re.search(rf"\b{re.escape(phrase)}\b", text) is not None
    assert (phrase in WholeWords(text)) == expected


@pytest.mark.parametrize("text, phrase, found", [
    ("Man charged; the man was released.", "man", True),
    ("Dr. Smith left.", "smith", False),
    ("the north korean ship", "north korean", True),
    ("the north  korean ship", "north korean", False),
    ("a south-korean firm", "south-korean", True),
    ("mankind", "man", False),
])
def test_whole_words_examples(text, phrase, found):
    assert (phrase in WholeWords(text)) is found
