"""Each language's recognition table (extract/data/places_<lang>.json), normalised once: triggers,
prepositions, stop words, demonyms, organisation names and, for Arabic, the morphology (article,
proclitics, nisba endings) — so that a language is data plus tests, not code."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Document
from ..text import WholeWords, normalize_word
from .gazetteer import name_key

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True, slots=True)
class Morphology:
    """How words attach to a name (Arabic; empty for English)."""
    article: str = ""                   # ال
    lam_article: str = ""               # لل = ل + ال
    article_clitics: tuple = ()         # letters that may stand before an article
    attached_country: tuple = ()        # clitics tying a country to the name before it (بـ)
    conjunctions: tuple = ()            # و، ف
    preposition_clitics: frozenset = frozenset()   # بـ/لـ and their conjunction forms
    in_word: str = ""                   # في ("طرابلس في لبنان")
    nisba_endings: tuple = ()           # feminine first: يه، ي (after folding)
    demonym_suffixes: tuple = ("",)
    min_stem: int = 3
    and_words: tuple = ()               # و
    pronoun_suffixes: tuple = ()        # ها، هم، نا، ينا…: بينها، بلدينا are words, not names
    place_prefixes: tuple = ()          # كفر، دير، عين…: the first word of a village's name (as keys)
    article_prefixed: re.Pattern | None = None   # an article behind up to two clitics

    @property
    def feminine_nisba(self) -> str:
        return self.nisba_endings[0] if self.nisba_endings else ""

    def has_article(self, word: str) -> bool:
        """والأسلحة، بالفعل، للخرطوم: an article, behind up to two clitics."""
        return self.article_prefixed is not None and bool(self.article_prefixed.match(word))


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """One language's recognition table, normalised."""
    proclitics: tuple[str, ...]
    triggers: dict
    site_adjectives: dict
    prepositions: frozenset
    directions: frozenset
    stop: frozenset
    function_words: frozenset
    people: frozenset
    demonyms: dict
    demonym_keys: frozenset
    between: frozenset
    home_countries: frozenset       # where the language's news is mostly about (a mild prior)
    post_triggers: dict             # nouns after a name that announce it (English "X region")
    name_like_countries: frozenset  # countries that are also first names ("Jordan Smith")
    idioms: dict = field(default_factory=dict)     # word tuple -> hint or None (مسقط رأسه، فيلق القدس)
    adjective_heads_end: tuple = ()  # endings of a definite noun a nisba adjective agrees with (السلطات)
    connectors: tuple = ()           # English lower-case words inside names (Rio Grande do Sul)
    hyphen_particles: tuple = ()     # English particles joined by a hyphen (Sharm el-Sheikh)
    # A country name inside an organisation's name is not a place mention: after a head
    # (أرامكو السعودية، "Bank of England") or before a tail ("Qatar Airways").
    organisation_heads: tuple = ()   # word sequences, normalised, each a tuple
    organisation_tails: frozenset = frozenset()
    # Plural trigger nouns take a feminine nisba adjective (مناطق جبلية، قرى حدودية), not a name.
    plural_triggers: frozenset = frozenset()
    morphology: Morphology = Morphology()
    # English: divisions by abbreviation ("Ky.", "B.C."; postal codes only after "Town, ").
    state_abbreviations: dict = field(default_factory=dict)
    postal_codes: dict = field(default_factory=dict)
    # Words after a place that make it an institution of that place ("Kentucky State Police").
    jurisdiction_heads: tuple = ()
    # Capitalised words that may open a run before a place ("Northern Iraq"); others make the
    # place part of a longer name ("United Russia", "Phil Jones").
    name_descriptors: frozenset = frozenset()
    # Words before a person's name: "Sheriff Bell" makes Bell a surname in this text.
    person_titles: frozenset = frozenset()
    # Arabic: the named thresholds of spelling (vowel marks, common words, transliteration).
    spelling: dict = field(default_factory=dict)
    # Arabic: how common each word is (Zipf scale, data/places_ar_frequency.tsv); absent: < 3.
    frequency: dict = field(default_factory=dict)
    # Arabic: function words of three letters or more with a pronoun suffix (بينها، عليهم).
    suffixed_function_words: frozenset = frozenset()
    # Arabic: words opening a list of the places a plural trigger named (بينها، منها), and how
    # many words back that trigger may stand.
    list_openers: frozenset = frozenset()
    # Arabic: words that begin a person's name and take the next word in (عبد الجليل، ابن خلدون).
    person_name_heads: frozenset = frozenset()
    list_window: int = 0
    # English: words after a name that are its people, area or services ("a Chicopee man").
    resident_nouns: frozenset = frozenset()
    # English: prepositions that put the next word in a place ("in Dublin"): no surname there.
    locative_prepositions: frozenset = frozenset()
    # English: the same joined by a hyphen ("-based", "-area").
    resident_suffixes: tuple = ()
    # Prepositions (and proclitics) of a destination (إلى، نحو، لـ): a city-state named after one
    # is its city ("نقلتهم لجيبوتي"), the place people and goods are taken to.
    destination_prepositions: frozenset = frozenset()
    # English: verbs of saying; a single word next to one is a person ("Baker said").
    speech_verbs: frozenset = frozenset()
    # English: words after a name that make it a disease's or a strain's ("West Nile virus").
    disease_words: frozenset = frozenset()
    # English: names that are places only where the text says so (a trigger, a division or
    # country right after it, a list, a preposition: "the state of Victoria", "in Victoria"),
    # words of something else elsewhere (Victoria Newell, "Racing Victoria").
    guarded: frozenset = frozenset()
    # English: disease words that name a strain: after a country, where it was found.
    strain_words: frozenset = frozenset()
    # English: capitalised nouns ending an institution's name ("Franklin Elementary"): placed in
    # another town, the name before them is a person's or a founder's.
    institution_nouns: tuple = ()

    def zipf(self, word: str) -> float:
        return self.frequency.get(word, 0.0)


def _morphology(table: dict) -> Morphology:
    m = table.get("morphology")
    if not m:
        return Morphology()
    norm = lambda words: tuple(normalize_word(w) for w in words)  # noqa: E731
    article, lam_article = normalize_word(table["article"]), normalize_word(m["lam_article"])
    letters = "".join(norm(m["article_clitics"]))
    return Morphology(
        article=article,
        article_prefixed=re.compile(f"^[{letters}]?[{letters}]?{article}|^{lam_article}"),
        lam_article=lam_article,
        article_clitics=norm(m["article_clitics"]),
        attached_country=norm(m["attached_country"]),
        conjunctions=norm(m["conjunctions"]),
        preposition_clitics=frozenset(norm(table.get("proclitic_prepositions", []))),
        in_word=normalize_word(m["in"]),
        nisba_endings=norm(m["nisba_endings"]),
        demonym_suffixes=tuple(normalize_word(s) for s in m["demonym_suffixes"]),
        min_stem=int(m["min_stem"]),
        and_words=norm(table.get("and", [])),
        pronoun_suffixes=tuple(sorted(norm(m.get("pronoun_suffixes", [])), key=len, reverse=True)),
        place_prefixes=tuple(name_key(w) for w in m.get("place_prefixes", [])),
    )


def _month_names(lang: str) -> list[str]:
    """The month names of the language's date table (extract/data/dates_*.json), three letters
    or more."""
    months = json.loads((DATA / f"dates_{lang}.json").read_text(encoding="utf-8")).get("months", {})
    return [name for name in months if len(name) >= 3 and not name.startswith("_")]


@functools.lru_cache(maxsize=None)
def vocabulary(lang: str) -> Vocabulary:
    name = "ar" if lang == "ar" else "en"
    table = json.loads((DATA / f"places_{name}.json").read_text(encoding="utf-8"))
    morphology = _morphology(table)
    norm = lambda words: [normalize_word(w) for w in words]  # noqa: E731
    demonyms = {}
    for word, code in table.get("demonyms", {}).items():
        for form in _demonym_forms(normalize_word(word), morphology):
            demonyms[form] = code
    return Vocabulary(
        proclitics=tuple(sorted(norm(table.get("proclitics", [])), key=len, reverse=True)),
        triggers={normalize_word(k): v for k, v in table.get("triggers", {}).items()},
        site_adjectives={normalize_word(k): v for k, v in table.get("site_adjectives", {}).items()},
        prepositions=frozenset(norm(table.get("prepositions", []))),
        directions=frozenset(norm(table.get("directions", []))),
        # Month names of the date table are words, not places (جوان is June, not Chavan).
        stop=frozenset(name_key(w) for w in [*table.get("stop", []), *_month_names(name)]),
        function_words=frozenset(norm(table.get("function_words", []))),
        people=frozenset(name_key(w) for w in table.get("people", [])),
        demonyms=demonyms,
        demonym_keys=frozenset(name_key(form) for form in demonyms),
        between=frozenset(norm(table.get("between", ["between"]))),
        home_countries=frozenset(table.get("arab_world", [])),
        post_triggers=dict(table.get("post_triggers", {})),
        name_like_countries=frozenset(table.get("name_like_countries", [])),
        idioms={tuple(normalize_word(k).split()): v for k, v in table.get("idioms", {}).items()
                if not k.startswith("_")},
        adjective_heads_end=tuple(normalize_word(e) for e in table.get("adjective_heads_end", [])),
        connectors=tuple(table.get("connectors", [])),
        hyphen_particles=tuple(table.get("hyphen_particles", [])),
        organisation_heads=tuple(tuple(normalize_word(w) if name == "ar" else w.lower()
                                       for w in head.split())
                                 for head in table.get("organisation_heads", [])),
        organisation_tails=frozenset(w.lower() for w in table.get("organisation_tails", [])),
        plural_triggers=frozenset(norm(table.get("plural_triggers", []))),
        morphology=morphology,
        state_abbreviations={k: v for k, v in table.get("state_abbreviations", {}).items()
                             if not k.startswith("_")},
        postal_codes={k: v for k, v in table.get("postal_codes", {}).items() if not k.startswith("_")},
        jurisdiction_heads=tuple(sorted((tuple(h.split()) for h in table.get("jurisdiction_heads", [])),
                                        key=len, reverse=True)),
        name_descriptors=frozenset(table.get("name_descriptors", [])),
        person_titles=frozenset(table.get("person_titles", [])),
        spelling={k: v for k, v in table.get("spelling", {}).items() if not k.startswith("_")},
        frequency=_frequency(DATA / f"places_{name}_frequency.tsv"),
        list_openers=frozenset(norm(table.get("list_openers", {}).get("words", []))),
        person_name_heads=frozenset(norm(table.get("person_name_heads", {}).get("words", []))),
        list_window=int(table.get("list_openers", {}).get("window", 0)),
        resident_nouns=frozenset(table.get("resident_nouns", [])),
        resident_suffixes=tuple(n for n in table.get("resident_nouns", []) if n.startswith("-")),
        locative_prepositions=frozenset(table.get("locative_prepositions", [])),
        destination_prepositions=frozenset(norm(table.get("destination_prepositions", []))),
        speech_verbs=frozenset(table.get("speech_verbs", [])),
        disease_words=frozenset(table.get("disease_words", [])),
        guarded=frozenset(name_key(w) for w in table.get("guarded", [])),
        strain_words=frozenset(table.get("strain_words", [])),
        institution_nouns=tuple(table.get("institution_nouns", [])),
        suffixed_function_words=frozenset(
            word + suffix for word in norm(table.get("function_words", [])) if len(word) >= morphology.min_stem
            for suffix in morphology.pronoun_suffixes),
    )


def _frequency(path: Path) -> dict[str, float]:
    """Word -> Zipf frequency, from a table of `word<TAB>Zipf x 10` (empty when there is none)."""
    if not path.exists():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[2:])
    return {word: int(zipf10) / 10 for word, zipf10 in rows}


def _demonym_forms(word: str, morphology: Morphology) -> list[str]:
    """Arabic nisba adjectives in their article, feminine and plural forms (روسي → الروسيه، روسيين)."""
    if not morphology.article:
        return [word]
    words = word.split()
    forms = set()
    for article in ("", morphology.article):
        for suffix in morphology.demonym_suffixes:
            forms.add(" ".join(article + w + suffix for w in words))
    return sorted(forms)


def strip_clitic(word: str, vocab: Vocabulary) -> list[tuple[int, str]]:
    """(chars stripped, remainder) analyses of a word: itself, then without each proclitic.
    للخرطوم = ل + الخرطوم: the remainder gets its article back; the span starts after لل."""
    analyses = [(0, word)]
    m = vocab.morphology
    if m.lam_article and word.startswith(m.lam_article) and len(word) > len(m.lam_article) + 2:
        analyses.append((len(m.lam_article), m.article + word[len(m.lam_article):]))
        return analyses
    for clitic in vocab.proclitics:
        if word.startswith(clitic) and len(word) - len(clitic) >= m.min_stem:
            analyses.append((len(clitic), word[len(clitic):]))
    return analyses


def is_function_word(word: str, vocab: Vocabulary) -> bool:
    """A preposition, conjunction or pronoun, alone or behind a proclitic (وفي، فمن، ولكن)."""
    return word in vocab.function_words or any(
        word.startswith(clitic) and word[len(clitic):] in vocab.function_words for clitic in vocab.proclitics)


def demonym_countries(document: Document, lang: str) -> set[str]:
    """Countries the document names by adjective ("الروسي", "North Korean"): context, not places."""
    vocab = vocabulary(lang)
    if lang == "ar":
        words = [re.sub(r"\W", "", word) for word in document.normalized.text.split()]
        found = set()
        for index, word in enumerate(words):
            for _, bare in strip_clitic(word, vocab):
                code = vocab.demonyms.get(bare)
                if code and index + 1 < len(words):
                    # "الكوري الجنوبي" is South Korean, "الكوري" alone North Korean.
                    code = vocab.demonyms.get(f"{bare} {words[index + 1]}") or code
                if code:
                    found.add(code)
        return found
    lowered = WholeWords(document.text.lower())
    return {code for word, code in vocab.demonyms.items() if code and word in lowered}
