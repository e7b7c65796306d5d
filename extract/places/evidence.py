"""The evidence model shared by both languages: what the words around a gazetteer hit say
(`Signals`), one ranking that turns them into the kind of evidence for a place (`decide`), and
the `Toponym` record recognition hands to resolution.

A gazetteer hit alone is not a place (كان is Caen, "Man" is the Isle of Man): a span is kept
when it is a country, a curated name, a prominent city, or when its context says so. The
language modules (arabic.py, english.py) only compute the signals.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Evidence
from .gazetteer import Entry
from .weights import Recognition


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
    needs_support: str | None = None     # None | "country" | "country_or_size"
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


def decide(signals: Signals, lang: str, thresholds: Recognition) -> Evidence | None:
    """Why this hit is a place, or None when nothing says it is: one ranking for every language."""
    s = signals
    if s.part_of_name:
        return None
    if s.direction:
        return "trigger" if s.trigger else None
    if s.adjective:
        return None             # "السلطات السعودية", "مناطق جبلية"
    if s.trigger:
        return "trigger"
    if s.excluded:
        return None
    if s.loose:
        return "context" if (s.preposition == "word" or s.local or s.listed or s.repeated) else None
    if s.country:
        return "country"        # السعودية is a country before it is an adjective
    if s.demonym:
        return None
    if s.curated:
        return "curated"
    if s.surname or s.common_word:
        return None             # "Jones said", "Man charged": a person, a common word
    if s.jurisdiction:
        return "context"        # "Texas Department of Transportation"
    if s.local or s.listed or s.repeated:
        return "context"
    if s.prominent:
        return "prominent"
    if (s.preposition == "word" and not s.inside
            and s.population >= thresholds.preposition_population[lang]):
        return "context"
    if s.preposition == "clitic" and s.population >= thresholds.clitic_preposition_population:
        return "context"        # بلينكن is not ب + Lingen
    if s.in_named_division:
        return "context"        # Valdosta in a story about Georgia
    return None
