"""The evidence model both languages share: which signals make a gazetteer hit a place, in one
ranking; and the named weights table it and the resolver read."""
from __future__ import annotations

import pytest

from extract.places.evidence import Signals, decide
from extract.places.vocabulary import strip_clitic, vocabulary
from extract.places.weights import weights

DECISIONS = [
    (Signals(), None),                                          # a bare gazetteer hit
    (Signals(country=True), "country"),
    (Signals(country=True, excluded=True), None),               # a stop word shaped like a country
    (Signals(trigger=True, excluded=True), "trigger"),          # مدينة صور: weak, checked later
    (Signals(trigger=True, country=True), "trigger"),           # "the state of Georgia"
    (Signals(part_of_name=True, country=True), None),           # أرامكو السعودية
    (Signals(direction=True), None),                            # الشمال is not Ash Shamal
    (Signals(direction=True, trigger=True), "trigger"),
    (Signals(adjective=True, country=True), None),              # السلطات السعودية
    (Signals(demonym=True), None),
    (Signals(curated=True), "curated"),
    (Signals(listed=True), "context"),
    (Signals(repeated=True), "context"),
    (Signals(local=True), "context"),
    (Signals(prominent=True), "prominent"),
    (Signals(loose=True), None),
    (Signals(loose=True, preposition="word"), "context"),
    (Signals(loose=True, prominent=True), None),                # a vowel-less spelling needs context
    (Signals(preposition="word", population=5_000), None),      # Arabic: في + a hamlet
    (Signals(preposition="word", population=50_000), "context"),
    (Signals(preposition="clitic", population=50_000), None),   # بلينكن is not ب + Lingen
    (Signals(preposition="clitic", population=500_000), "context"),
    (Signals(in_named_division=True), "context"),
]


@pytest.mark.parametrize("signals, expected", DECISIONS)
def test_arabic_ranking(signals, expected):
    assert decide(signals, "ar", weights().recognition) == expected


@pytest.mark.parametrize("signals, expected", [
    (Signals(preposition="word", population=500), "context"),   # English: "in Riverton"
    (Signals(preposition="word", population=500, inside=True), None),   # "Court of Justice"
    (Signals(country=True, prominent=True), "country"),
])
def test_english_thresholds(signals, expected):
    assert decide(signals, "en", weights().recognition) == expected


def test_every_weight_is_named_in_the_table():
    table = weights()
    assert table.resolution.kind_prior["country"] > table.resolution.kind_prior["city"]
    assert set(table.confidence) >= {"country", "curated", "trigger", "prominent", "context", "translit"}
    assert table.recognition.preposition_population.keys() == {"ar", "en"}


@pytest.mark.parametrize("word, analyses", [
    ("للخرطوم", [(0, "للخرطوم"), (2, "الخرطوم")]),          # ل + الخرطوم: the article comes back
    ("وبحلب", [(0, "وبحلب"), (2, "حلب"), (1, "بحلب")]),
    ("بعد", [(0, "بعد")]),                                   # too short to strip
])
def test_arabic_proclitics_come_from_the_table(word, analyses):
    assert strip_clitic(word, vocabulary("ar")) == analyses


@pytest.mark.parametrize("word, article", [
    ("والاسلحه", True), ("بالفعل", True), ("للخرطوم", True), ("ناجين", False), ("بلينكن", False)])
def test_arabic_article_behind_clitics(word, article):
    assert vocabulary("ar").morphology.has_article(word) is article


def test_arabic_demonym_forms_from_the_table():
    demonyms = vocabulary("ar").demonyms
    assert {"روسي", "الروسي", "الروسيه", "روسيين"} <= set(demonyms)
