"""The evidence model shared by both languages: what the words around a gazetteer hit say
(`Signals`), their named feature vector (`features`), one fitted logistic model that turns them
into a decision (`decide`: weights in data/places_weights.json, fitted by
scripts/fit_place_weights.py on the project's annotated texts), and the `Toponym` record
recognition hands to resolution.

A gazetteer hit alone is not a place (كان is Caen, "Man" is the Isle of Man): a span is kept
when its features say so — a country, a curated name, a prominent city, a trigger, a
preposition, a place named next to it. The language modules (arabic.py, english.py) only
compute the signals.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..records import Evidence
from .gazetteer import Entry
from .weights import Model, Recognition, weights


@dataclass(frozen=True, slots=True)
class Toponym:
    """A span of the text that names a place, with the entries it may denote."""
    start: int                      # offsets into the original text
    end: int
    text: str
    candidates: tuple[Entry, ...]
    evidence: Evidence
    hint: str | None = None         # feature announced by a trigger: city, port, spaceport, admin...
    local_country: str | None = None   # a country named right next to it ("دوناي بروسيا")
    similarity: dict = field(default_factory=dict, compare=False)   # translit: entry -> score
    # Weakly evidenced (a common word after a trigger, a short transliteration key): keep it
    # only if it resolves into a country the document names, or to a sizeable place.
    # "story_country": in a country the document names, when it names any.
    needs_support: str | None = None     # None | "country" | "country_or_size" | "story_country"
    # A first-level division named right after it ("Paris, Texas", "Richmond, Ky."):
    # (country code, admin1 code).
    local_division: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Signals:
    """What the text and the gazetteer say about one hit: the features of recognition."""
    trigger: bool = False           # a trigger noun announces a place (مدينة X, "port of X")
    part_of_name: bool = False      # inside an organisation's name (أرامكو السعودية)
    direction: bool = False         # a direction word (الشمال، شمالي): a place only after a trigger
    adjective: bool = False         # a nisba adjective agreeing with the noun before it
    excluded: bool = False          # a stop word or a person's name
    guarded: bool = False           # a place only in context ("in Victoria", not Victoria Newell)
    loose: bool = False             # found only through a vowel-less spelling (شنغهاي)
    country: bool = False           # some candidate is a country
    demonym: bool = False           # the word is a nationality adjective (الروسي)
    curated: bool = False           # a curated row or a first-level division
    local: bool = False             # a country named right next to it ("طرطوس السوري")
    listed: bool = False            # listed with an accepted place ("البيضاء والمرج")
    repeated: bool = False          # the same name is accepted elsewhere in the text
    prominent: bool = False         # a capital, a city of a million (English: a famous city)
    preposition: str | None = None  # "word" (في، in) or "clitic" (بـ/لـ) right before it
    inside: bool = False            # led into by a longer capitalised name ("Court of Justice")
    population: int = 0             # the biggest candidate's
    in_named_division: bool = False  # a sizeable town in a division the text names
    surname: bool = False           # the text uses the word as a person's surname ("Sheriff Bell")
    common_word: bool = False       # sentence-initial, and written in lower case elsewhere ("Man")
    jurisdiction: bool = False      # leads an institution's name ("Kentucky State Police")
    # English only (None elsewhere): how common the word is in lower case (Zipf; 0 when rare).
    frequency: float | None = None
    dateline: bool = False          # opens the story or a line before a dash ("MANSFIELD —")
    resident: bool = False          # its people or its services follow ("a Coral Gables man")
    speaker: bool = False           # a verb of saying follows or precedes ("Baker said")
    story_division: bool = False    # lies in the division the text's other places share


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer hit and its signals, as recognition saw it (for fitting the weights:
    scripts/fit_place_weights.py)."""
    start: int
    end: int
    text: str
    signals: Signals
    lang: str


# The named features of recognition, in the order of the fitted weights (places_weights.json,
# "recognition_model"): what the text and the gazetteer say about one hit, as numbers.
FEATURES = (
    "trigger", "country", "curated", "prominent", "local", "listed", "repeated", "jurisdiction",
    "in_named_division", "surname", "common_word", "inside",
    "preposition", "preposition_small", "clitic", "clitic_small", "bare", "arabic",
    "dateline", "resident", "story_division", "speaker", "frequent_word", "rare_word",
)
# The features that speak for a place: a hit with none of them is "bare".
_SUPPORT = ("trigger", "country", "curated", "prominent", "local", "listed", "repeated",
            "jurisdiction", "in_named_division", "preposition", "preposition_small", "clitic",
            "dateline", "resident", "story_division")


def features(signals: Signals, lang: str, thresholds: Recognition | None = None) -> dict[str, float]:
    """The named feature vector of one hit: the signals as 0/1; a preposition before a place
    of at least the language's size threshold ("preposition") or smaller ("preposition_small":
    في + a hamlet is often a common word), the same for a بـ/لـ clitic; "bare" when nothing
    speaks for a place (so that the bias is not also the weight of a bare hit); the language. Size alone
    is no feature: a big city matched through an alternate name ("the vessel Angara") is not
    famous by that name ("prominent" is)."""
    s = signals
    t = thresholds or weights().recognition
    word = s.preposition == "word"
    sizeable = s.population >= t.preposition_population[lang] and not s.inside
    clitic = s.preposition == "clitic"
    clitic_sizeable = s.population >= t.clitic_preposition_population
    x = {
        "trigger": float(s.trigger), "country": float(s.country), "curated": float(s.curated),
        "prominent": float(s.prominent), "local": float(s.local), "listed": float(s.listed),
        "repeated": float(s.repeated), "jurisdiction": float(s.jurisdiction),
        "in_named_division": float(s.in_named_division),
        "surname": float(s.surname), "common_word": float(s.common_word),
        "inside": float(s.inside),
        "preposition": float(word and sizeable), "preposition_small": float(word and not sizeable),
        "clitic": float(clitic and clitic_sizeable), "clitic_small": float(clitic and not clitic_sizeable),
        "arabic": 1.0 if lang == "ar" else 0.0,
        "dateline": float(s.dateline), "resident": float(s.resident),
        "story_division": float(s.story_division), "speaker": float(s.speaker),
        # A word as common as "well" or "baker" is often not the town; one too rare for the
        # frequency table (Chicopee) is seldom anything else.
        "frequent_word": float(s.frequency is not None and s.frequency >= t.frequent_zipf),
        "rare_word": float(s.frequency is not None and s.frequency < t.rare_zipf),
    }
    x["bare"] = 0.0 if any(x[name] for name in _SUPPORT) else 1.0
    return x


def vetoed(signals: Signals) -> bool:
    """Hits that are no candidates at all, whatever the weights say: a word inside an
    organisation's name, a nisba adjective agreeing with its noun, a nationality adjective (not
    also a country's name), a direction word or a stop word or person's name without a trigger
    noun before it (tables, not evidence), a guarded name (Victoria) without a trigger, a
    country or division right after it, a list or a preposition; and a famous city matched only through a vowel-less
    spelling (شنغهاي) without a trigger, a preposition, a country next to it, a list or another
    mention — such matches are made for context only."""
    s = signals
    context = s.preposition == "word" or s.local or s.listed or s.repeated
    return (s.part_of_name or s.adjective or ((s.direction or s.excluded) and not s.trigger)
            or (s.guarded and not (s.trigger or s.local or s.listed or s.preposition == "word"))
            or (s.demonym and not (s.trigger or s.country or s.loose))
            or (s.loose and not (s.trigger or context)))


def probability(signals: Signals, lang: str, model: Model) -> float:
    """How likely the fitted model finds this hit a place: a dot product and a sigmoid (over
    the features that are not zero: the others add nothing to it)."""
    x = features(signals, lang)
    z = model.bias + sum(model.weights.get(name, 0.0) * value for name, value in x.items() if value)
    return 1 / (1 + math.exp(-max(-60.0, min(60.0, z))))


def kind(signals: Signals) -> Evidence:
    """The kind of evidence an accepted hit rests on, strongest first (resolution and the
    mention's confidence read it)."""
    s = signals
    if s.trigger:
        return "trigger"
    if s.loose:
        return "context"
    if s.country:
        return "country"
    if s.curated:
        return "curated"
    if s.prominent and not (s.local or s.listed or s.repeated or s.jurisdiction):
        return "prominent"
    return "context"


def decide(signals: Signals, lang: str, model: Model | None = None) -> Evidence | None:
    """Why this hit is a place, or None: the vetoes, then the fitted logistic model's
    probability against its threshold; one model for every language."""
    if vetoed(signals):
        return None
    model = model or weights().model
    if probability(signals, lang, model) < model.threshold:
        return None
    return kind(signals)
