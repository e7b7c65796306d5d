"""The named weights and thresholds of recognition and resolution, read from
extract/data/places_weights.json: one table, so that each number has a name and can be fitted."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, fields
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "data" / "places_weights.json"


@dataclass(frozen=True, slots=True)
class Recognition:
    """When a gazetteer hit is a place (see evidence.decide)."""
    prominent_population: int           # cities this large (and capitals) need no trigger
    preposition_population: dict        # language -> size a preposition alone vouches for
    clitic_preposition_population: int  # a بـ/لـ clitic is weaker still (بلينكن is not ب + Lingen)
    listed_population: int              # "X وY": Y in X's country or at least this big
    article_exempt_population: int      # cities this big keep a surface article (الخرطوم / خرطوم)
    division_population: int            # a town this big in a division the text names
    famous_names: int                   # GeoNames names that make a city famous (Edinburgh) ...
    famous_population: int              # ... together with this population
    min_translit_similarity: float      # how well a Latin name must explain an Arabic spelling
    supported_translit_similarity: float  # ... or, in a country the story names, after a trigger
    own_name_bonus: float               # an entry's own name beats an alias, other things equal
    short_skeleton: int                 # consonants at most: needs a country named next to it
    country_skeleton: int               # consonants at most: needs a country, a trigger or a list
    specific_skeleton: int              # consonants at least: a preposition is enough
    min_translit_letters: int           # shorter Arabic words are never transliterated
    alias_population: int               # a town matched by an unlike alternate name must be this big
    alias_similarity: float             # ... or the alternate name this like its own (difflib ratio)
    frequent_zipf: float                # English: a name this common as a word ("Well") is "frequent_word"
    rare_zipf: float                    # ... one below this ("Chicopee") is "rare_word"
    story_division_votes: float         # the text's places must lean this much to one division
    short_name_population: int          # a two-letter name after a preposition: a city this big (إلى قم)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The terms of one candidate's score (see resolve._score)."""
    kind_prior: dict
    feature_prior: dict                 # curated features this famous (oceans, continents)
    admin1_prior: float
    population_floor_log10: float       # 1,000 people -> 0
    population_per_decade: float        # +0.5 per tenfold
    population_cap: float
    names_weight: float                 # fame: per decade of GeoNames names
    capital: float
    current_name: float                 # Pokrovsk is the Ukrainian town, not Engels's old name
    former_name: float                  # a city known by the name only as an alternate, when a namesake bears it
    local_country: float                # a country named next to the span
    document_country_division: float    # a division of a country the document names
    document_country: float             # any other place in such a country
    demonym_country: float
    home_country: float                 # where the language's news is mostly set
    named_division: float               # in a first-level division the document names
    focus_division: float               # in the division the story is surely set in (shared)
    local_division: float               # in the division named right after it ("Paris, Texas")
    feature_hint: float                 # a trigger naming this feature (spaceport, strait...)
    capital_hint: float
    admin_hint: float
    country_hint: float
    city_hint: float
    translit_similarity: float          # per point of similarity above the threshold
    coherence: float                    # near the document's other places
    coherence_km: float
    near_pull: float                    # right next to a nearby name's place (to compact_near_km)
    coherence_chars: int
    stray_km: float
    support_population: int
    capital_share: float
    margin_slope: float
    lone_margin: float
    compact_pair: float                 # the pull of a name read in the same division
    compact_pull: float                 # ... at most this much from all the others together
    compact_near_km: float              # ... up to twice that when this close
    compact_named_weight: float         # a town placed explicitly ("Paris, Texas") pulls more
    compact_max_names: int              # names read jointly (the first ones of a long text)


@dataclass(frozen=True, slots=True)
class Model:
    """The fitted logistic model of recognition (evidence.decide): a hit is a place when
    sigmoid(bias + sum of weight x feature) reaches the threshold. Written by
    scripts/fit_place_weights.py; the features are named in evidence.FEATURES."""
    bias: float
    weights: dict
    threshold: float


@dataclass(frozen=True, slots=True)
class Weights:
    recognition: Recognition
    resolution: Resolution
    confidence: dict
    model: Model


def _record(cls, table: dict):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in table.items() if k in names})


@functools.lru_cache(maxsize=None)
def weights(path: Path = TABLE) -> Weights:
    """The weights table (read once)."""
    table = json.loads(path.read_text(encoding="utf-8"))
    confidence = {k: v for k, v in table["confidence"].items() if not k.startswith("_")}
    model = table["recognition_model"]
    return Weights(_record(Recognition, table["recognition"]), _record(Resolution, table["resolution"]),
                   confidence, Model(model["bias"], dict(model["weights"]), model["threshold"]))
