"""The evidence model both languages share: which signals make a gazetteer hit a place (the
vetoes, then the fitted logistic model); and the named weights table it and the resolver read."""
from __future__ import annotations

import math

import pytest

from extract.places.evidence import FEATURES, Signals, decide, features, probability
from extract.places.vocabulary import strip_clitic, vocabulary
from extract.places.weights import Model, weights

# What the fitted model (places_weights.json, "recognition_model") must say: a refit on more
# texts may move the weights, not these answers.
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
    (Signals(demonym=True, population=500_000), None),          # السوري is not Surrey
    (Signals(curated=True), "curated"),
    (Signals(listed=True), "context"),
    (Signals(prominent=True), "prominent"),
    (Signals(loose=True), None),
    (Signals(loose=True, preposition="word", population=1_000_000), "context"),
    (Signals(loose=True, prominent=True), None),                # a vowel-less spelling needs context
    (Signals(preposition="word", population=5_000), None),      # Arabic: في + a hamlet
    (Signals(preposition="word", population=0), None),          # في زيارة: "on a visit"
    (Signals(preposition="word", population=50_000), "context"),
    (Signals(preposition="clitic", population=50_000), None),   # بلينكن is not ب + Lingen
]


@pytest.mark.parametrize("signals, expected", DECISIONS)
def test_arabic_decisions(signals, expected):
    assert decide(signals, "ar") == expected


@pytest.mark.parametrize("signals, expected", [
    (Signals(preposition="word", population=500), "context"),   # English: "in Riverton"
    (Signals(population=3_500_000), None),                      # "the vessel Angara" is no Ankara
    (Signals(country=True, prominent=True), "country"),
    (Signals(in_named_division=True, population=20_000), "context"),   # Valdosta in a Georgia story
    (Signals(surname=True, population=20_000), None),           # "Bell said"
    (Signals(repeated=True), "context"),                        # one sense per discourse
])
def test_english_decisions(signals, expected):
    assert decide(signals, "en") == expected


def test_the_decision_is_the_fitted_dot_product():
    model = weights().model
    assert set(model.weights) == set(FEATURES)
    signals = Signals(listed=True, population=2_000)
    x = features(signals, "en")
    z = model.bias + sum(model.weights[name] * x[name] for name in FEATURES)
    assert probability(signals, "en", model) == pytest.approx(1 / (1 + math.exp(-z)))
    assert decide(signals, "en") == "context"
    # The same hit under a bias that puts its score below zero is rejected: nothing else decides.
    assert decide(signals, "en", Model(model.bias - z - 1.0, model.weights, model.threshold)) is None


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
