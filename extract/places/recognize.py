"""Toponym recognition: which spans of a text name places, and which gazetteer entries each
span could be. Resolution (choosing among the candidates) is resolve.py's job.

A gazetteer hit alone is not a place (كان is Caen, الدولة is Dhule): a span is accepted when
it is a country, a curated name, a prominent city, or when its context says it is a place — a
trigger noun (مدينة، ميناء، قاعدة), a preposition, a list of places, a country right after it
("ناجين بكوريا الشمالية"). Foreign names with no Arabic spelling in any gazetteer are matched
by transliteration, and only in such a context.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..text import ARABIC_LETTER, normalize, normalize_word
from .gazetteer import Entry, Gazetteer, name_key, normalized_key
from .transliterate import arabic_roman, latin_roman, similarity, skeleton

DATA = Path(__file__).resolve().parent.parent / "data"
MAX_WORDS = 5
# Marks the key of a match made through a famous city's vowel-less spelling (gazetteer.lookup_loose).
LOOSE = "~"
# Cities this large (and capitals) are named without any trigger ("أرسلت أنقرة فرقا").
PROMINENT_POPULATION = 1_000_000
# A preposition or movement verb alone ("في X", "غادرت X") is weak evidence: the city must be sizeable.
PREPOSITION_POPULATION = 20_000
# A بـ/لـ clitic is weaker still (بلينكن is not ب + Lingen).
CLITIC_PREPOSITION_POPULATION = 100_000
# "X وY" makes Y a place when it is in X's country or at least this big.
LISTED_POPULATION = 100_000
# Cities this big keep a surface article even when GeoNames lists them bare (الخرطوم / خرطوم).
ARTICLE_EXEMPT_POPULATION = 500_000
# Site features a trigger after a name can announce ("the X nuclear plant", "X airport").
FEATURE_SITES = {"plant", "airport", "base", "spaceport"}
# How well a Latin name must explain an Arabic spelling (transliterate.similarity).
MIN_TRANSLIT_SIMILARITY = 0.8
# A spelling its entry's own name explains beats, other things equal, one an alias explains.
OWN_NAME_BONUS = 0.05


@dataclass(frozen=True, slots=True)
class Toponym:
    """A span of the text that names a place, with the entries it may denote."""
    start: int                      # offsets into the original text
    end: int
    text: str
    candidates: tuple[Entry, ...]
    evidence: str                   # country | curated | trigger | context | prominent | translit
    hint: str | None = None         # feature announced by a trigger: city, port, spaceport, admin...
    local_country: str | None = None   # a country named right next to it ("دوناي بروسيا")
    similarity: dict = field(default_factory=dict, compare=False)   # translit: entry -> score
    # Weakly evidenced (a common word after a trigger, a short transliteration key): keep it
    # only if it resolves into a country the document names, or to a sizeable place.
    needs_support: str | None = None     # None | "country" | "country_or_size"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """One language's recognition table (extract/data/places_<lang>.json), normalised."""
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


@functools.lru_cache(maxsize=None)
def vocabulary(lang: str) -> Vocabulary:
    name = "ar" if lang == "ar" else "en"
    table = json.loads((DATA / f"places_{name}.json").read_text(encoding="utf-8"))
    norm = lambda words: [normalize_word(w) for w in words]  # noqa: E731
    demonyms = {}
    for word, code in table.get("demonyms", {}).items():
        for form in _demonym_forms(normalize_word(word), name):
            demonyms[form] = code
    return Vocabulary(
        proclitics=tuple(sorted(norm(table.get("proclitics", [])), key=len, reverse=True)),
        triggers={normalize_word(k): v for k, v in table.get("triggers", {}).items()},
        site_adjectives={normalize_word(k): v for k, v in table.get("site_adjectives", {}).items()},
        prepositions=frozenset(norm(table.get("prepositions", []))),
        directions=frozenset(norm(table.get("directions", []))),
        stop=frozenset(name_key(w) for w in table.get("stop", [])),
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
    )


def _demonym_forms(word: str, lang: str) -> list[str]:
    """Arabic nisba adjectives in their article, feminine and plural forms (روسي → الروسيه، روسيين)."""
    if lang != "ar":
        return [word]
    words = word.split()
    forms = set()
    for article in ("", "ال"):
        for suffix in ("", "ه", "ين", "ون", "ان"):
            if len(words) == 1:
                forms.add(article + words[0] + suffix)
            else:
                forms.add(" ".join(article + w + suffix for w in words))
    return sorted(forms)


# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Token:
    start: int      # offsets in the normalised text
    end: int
    word: str


_WORD = re.compile(r"\w+")


def _tokens(norm_text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm_text)]


def _links(norm_text: str, tokens: list[_Token]) -> list[bool]:
    """For each token, whether it joins the next into one phrase (only spaces or hyphens between)."""
    return [not norm_text[a.end:b.start].strip(" -") for a, b in zip(tokens, tokens[1:])] + [False]


def _strip_clitic(word: str, vocab: Vocabulary) -> list[tuple[int, str]]:
    """(chars stripped, remainder) analyses of a word: itself, then without each proclitic.
    للخرطوم = ل + الخرطوم: the remainder gets its article back; the span starts after لل."""
    analyses = [(0, word)]
    if word.startswith("لل") and len(word) > 4:
        analyses.append((2, "ال" + word[2:]))
        return analyses
    for clitic in vocab.proclitics:
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            analyses.append((len(clitic), word[len(clitic):]))
    return analyses


def _is_function_word(word: str, vocab: Vocabulary) -> bool:
    """A preposition, conjunction or pronoun, alone or behind a proclitic (وفي، فمن، ولكن)."""
    return word in vocab.function_words or any(
        word.startswith(clitic) and word[len(clitic):] in vocab.function_words for clitic in vocab.proclitics)


def _is_arabic(word: str) -> bool:
    return bool(ARABIC_LETTER.match(word))


class _Context:
    """What the words around a span say about it (Arabic)."""

    def __init__(self, text: str, norm, tokens: list[_Token], vocab: Vocabulary, gazetteer: Gazetteer):
        self.text, self.norm, self.tokens, self.vocab, self.gazetteer = text, norm, tokens, vocab, gazetteer

    def word_before(self, i: int) -> str | None:
        if i == 0 or self.norm.text[self.tokens[i - 1].end:self.tokens[i].start].strip(" "):
            return None
        return self.tokens[i - 1].word

    def trigger(self, i: int, clitic: int) -> str | None:
        """The feature announced by a trigger noun just before token i (بمدينة X، قاعدة X)."""
        if clitic:
            return None
        before = self.word_before(i)
        if before is None:
            return None
        for _, bare in _strip_clitic(before, self.vocab):
            if bare in self.vocab.triggers:
                return self.vocab.triggers[bare]
        return None

    def preposition(self, i: int, clitic: int) -> str | None:
        """"word" for a preposition before token i (في، إلى، شمال), "clitic" for بـ/لـ on it."""
        if clitic:
            return "clitic" if self.tokens[i].word[:clitic][-1] in "بل" else None
        before = self.word_before(i)
        if before is None:
            return None
        # وفي، فمن: a conjunction on a short preposition (too short for _strip_clitic).
        forms = [bare for _, bare in _strip_clitic(before, self.vocab)]
        if before[:1] in "وف":
            forms.append(before[1:])
        if any(form in self.vocab.prepositions or form in self.vocab.directions for form in forms):
            return "word"
        return None

    def country_after(self, j: int, attached_only: bool = False) -> str | None:
        """A country or demonym right after token j-1: "ناجين بكوريا الشمالية", "طرطوس السوري".

        A bare country after a noun is an idafa ("خارجية روسيا", Russia's foreign ministry), so
        only "بـ"/"في" + country or an agreeing adjective count; with `attached_only`, only "بـ"
        (evidence strong enough for a name no gazetteer spells).
        """
        if j >= len(self.tokens) or self.norm.text[self.tokens[j - 1].end:self.tokens[j].start].strip(" "):
            return None
        skip = 0
        if not attached_only and (self.tokens[j].word == "في" or self.tokens[j].word in self.vocab.directions):
            skip = 1    # "طرابلس في لبنان", "طرابلس شمال لبنان"
        for n in (3, 2, 1):
            if j + skip + n > len(self.tokens):
                continue
            words = [t.word for t in self.tokens[j + skip:j + skip + n]]
            phrase = " ".join(words)
            if not attached_only and phrase in self.vocab.demonyms and self.vocab.demonyms[phrase]:
                return self.vocab.demonyms[phrase]
            for chars, bare in _strip_clitic(words[0], self.vocab):
                if skip == 0 and words[0][:chars] not in ("ب", "وب"):
                    continue
                for entry in self.gazetteer.lookup_key(normalized_key(bare + "".join(words[1:]))):
                    if entry.place.kind == "country":
                        return entry.place.country_code
        return None

    def direction_after(self, j: int) -> bool:
        return j < len(self.tokens) and self.tokens[j].word in self.vocab.directions

    def site_adjective(self, j: int) -> str | None:
        """"قاعدة فوستوشني الفضائية": an adjective after the name refines the trigger's hint."""
        for k in (j, j + 1):
            if k < len(self.tokens) and self.tokens[k].word in self.vocab.site_adjectives:
                return self.vocab.site_adjectives[self.tokens[k].word]
        return None


def recognize_arabic(text: str, gazetteer: Gazetteer) -> list[Toponym]:
    """The toponyms of an Arabic text. One sense per discourse: a name the text accepts once
    (by a trigger, a preposition…) is a place at its other mentions too, earlier ones included."""
    found, accepted, rejected = _recognize_arabic(text, gazetteer, frozenset())
    if accepted & rejected:
        found, _, _ = _recognize_arabic(text, gazetteer, frozenset(accepted))
    return found


def _idiom_at(tokens: list[_Token], i: int, vocab: Vocabulary):
    """(length, hint) of an idiom starting at token i (with or without و/ف), else None."""
    first = tokens[i].word
    for words, hint in vocab.idioms.items():
        n = len(words)
        if i + n > len(tokens):
            continue
        if first not in (words[0], "و" + words[0], "ف" + words[0]):
            continue
        if all(tokens[i + k].word == words[k] for k in range(1, n)):
            return n, hint
    return None


def _after_organisation_head(tokens, i: int, clitic: int, vocab: Vocabulary) -> bool:
    """A name right after an organisation's head noun or brand (أرامكو، شركة، بنك، الخطوط
    الجوية) belongs to the organisation's name."""
    if clitic:
        return False
    words = [t.word for t in tokens[max(0, i - 3):i]]
    return any(len(head) <= len(words) and tuple(words[len(words) - len(head):]) == head
               for head in vocab.organisation_heads)


def _is_direction(key: str, vocab: Vocabulary) -> bool:
    """شمال، الشمال، شمالي، الشمالية، جنوبيه…: a direction word or its adjective."""
    bare = key.lstrip(LOOSE)
    bare = bare[2:] if bare.startswith("ال") else bare
    for ending in ("يه", "ي"):
        if bare.endswith(ending) and bare[:-len(ending)] in vocab.directions:
            return True
    return bare in vocab.directions


def _is_adjective(tokens, i: int, n: int, clitic: int, key: str, entries, vocab: Vocabulary) -> bool:
    """"السلطات السعودية", "بوساطة سعودية", "مناطق جبلية": a one-word name shaped like a nisba
    adjective (-ية) right after a noun it agrees with is the adjective, not the place
    (but "شويجو كوريا الشمالية" names the country)."""
    if clitic or i == 0 or n != 1 or not key.lstrip(LOOSE).endswith("يه"):
        return False
    word, before = tokens[i].word, tokens[i - 1].word
    if _is_function_word(before, vocab) or before in vocab.prepositions:
        return False
    if before in vocab.triggers and not key.startswith(LOOSE):
        return False    # a trigger vouches for a name, but not for a loose match: "مناطق جبلية"
    definite = word.startswith("ال")
    before_bare = before[2:] if before.startswith(("وال", "بال", "فال", "كال")) else before
    before_definite = before_bare.startswith("ال") or before.startswith("لل")
    if definite != before_definite:
        return False
    return not definite or before.endswith(vocab.adjective_heads_end)


def _recognize_arabic(text: str, gazetteer: Gazetteer, known: frozenset):
    vocab = vocabulary("ar")
    norm = normalize(text)
    tokens = _tokens(norm.text)
    links = _links(norm.text, tokens)
    ctx = _Context(text, norm, tokens, vocab, gazetteer)
    found: list[Toponym] = []
    accepted_keys: set[str] = set(known)
    rejected_keys: set[str] = set()
    last_end_token = -2
    last_countries: set[str] = set()
    idiom_hint: tuple[int, str] | None = None     # (token, hint) announced by an idiom
    pending = None      # the last gazetteer hit without evidence: a list may vouch for it
    i = 0
    while i < len(tokens):
        idiom = _idiom_at(tokens, i, vocab)
        if idiom is not None:
            n, hint = idiom
            if hint:
                idiom_hint = (i + n, hint)
            i += n
            continue
        match = _longest_match(tokens, links, i, vocab, gazetteer)
        if match is None and ctx.trigger(i, 0):
            # "مدينة قم": a two-letter name is too ambiguous to look up except after a trigger.
            match = _longest_match(tokens, links, i, vocab, gazetteer, min_key=2)
        if match is not None:
            n, clitic, key, entries = match
            j = i + n
            trigger = ctx.trigger(i, clitic) or (idiom_hint[1] if idiom_hint and idiom_hint[0] == i else None)
            local = ctx.country_after(j)
            listed = _listed(norm, tokens, ctx, i, clitic, last_end_token) and any(
                e.place.country_code in last_countries or e.place.population >= LISTED_POPULATION
                for e in entries)
            evidence = None
            if _after_organisation_head(tokens, i, clitic, vocab):
                pass    # أرامكو السعودية، الخطوط الجوية القطرية: part of a company's name
            elif _is_direction(key, vocab):
                # الشمال (Ash Shamal), شمالي: a direction word is a place only after a trigger.
                evidence = "trigger" if trigger else None
            elif not _is_adjective(tokens, i, n, clitic, key, entries, vocab):
                evidence = _arabic_evidence(key, entries, trigger, ctx.preposition(i, clitic), local,
                                            listed or ctx.direction_after(j), key in accepted_keys, vocab)
            if evidence:
                hint = ctx.site_adjective(j) or trigger
                weak = evidence == "trigger" and (key in vocab.stop or key in vocab.demonym_keys)
                before = _listed_before(pending, norm, tokens, ctx, i, clitic, entries)
                if before and not weak and (not found or found[-1].end <= norm.span(
                        tokens[before[0]].start, tokens[before[0]].end)[0]):
                    # "خان يونس ومدينة غزة": a place listed before an accepted one of its country
                    pi, pj, pclitic, _, pentries = before
                    found.append(_toponym(text, norm, tokens, pi, pj, pclitic, pentries, "context",
                                          None, None))
                pending = None
                found.append(_toponym(text, norm, tokens, i, j, clitic, entries, evidence, hint, local,
                                      needs_support=_weak_support(trigger) if weak else None))
                if not weak and evidence != "country":
                    accepted_keys.add(key)
                last_end_token = j - 1
                last_countries = {e.place.country_code for e in entries}
                i = j
                continue
            rejected_keys.add(key)
            if (key not in vocab.stop and key not in vocab.people and not key.startswith(LOOSE)
                    and tokens[i].word[1:] not in vocab.triggers):
                pending = (i, j, clitic, key, entries)
        listed = _listed(norm, tokens, ctx, i, 1 if tokens[i].word[:1] == "و" else 0, last_end_token)
        translit = _transliterated(text, norm, tokens, i, ctx, vocab, gazetteer,
                                   last_countries if listed else None)
        if translit is not None:
            found.append(translit)
            last_end_token = i
            last_countries = {e.place.country_code for e in translit.candidates}
        i += 1
    return found, accepted_keys - set(known), rejected_keys


def _weak_support(trigger: str | None) -> str:
    """A common word after a trigger (مدينة صور: "pictures") must resolve into a country the
    text names — or, after a trigger that says city (مدينة، العاصمة), to a sizeable one
    ("موانئ المدينة" is "the city's ports", not Madinah)."""
    return "country_or_size" if trigger in ("city", "capital") else "country"


def _listed_before(pending, norm, tokens, ctx, i: int, clitic: int, entries):
    """The rejected hit `pending` when the place at token i is listed right after it with و
    and shares its country: pending, restricted to the shared country; else None."""
    if pending is None:
        return None
    # "خان يونس ومدينة غزة": the second place may come with its own trigger noun.
    trigger_between = (pending[1] == i - 1 and tokens[i - 1].word[:1] == "و"
                       and tokens[i - 1].word[1:] in ctx.vocab.triggers and not clitic)
    if not (trigger_between or _listed(norm, tokens, ctx, i, clitic, pending[1] - 1)):
        return None
    countries = {e.place.country_code for e in entries}
    shared = [e for e in pending[4] if e.place.country_code in countries]
    return (*pending[:4], shared) if shared else None


def _listed(norm, tokens, ctx, i: int, clitic: int, last_end_token: int) -> bool:
    """"البيضاء والمرج": و right after a place joins another place (checked by the caller for
    the same country or a big place) — not any word (بعمان وفدا is "in Amman, a delegation")."""
    return bool((clitic and tokens[i].word[0] == "و" and last_end_token == i - 1
                 and not norm.text[tokens[i - 1].end:tokens[i].start].strip())
                or (ctx.word_before(i) == "و" and last_end_token == i - 2))


def _longest_match(tokens, links, i, vocab, gazetteer, min_key: int = 3):
    """The longest phrase starting at token i (after a proclitic or not) that the gazetteer knows."""
    for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
        if not all(links[i:i + n - 1]):
            continue
        rest = [t.word for t in tokens[i + 1:i + n]]
        if any(word in vocab.function_words for word in rest):
            continue
        analyses = _strip_clitic(tokens[i].word, vocab)
        if _is_function_word(tokens[i].word, vocab):
            return None     # وفي is و + في, not Alofi
        for clitic, first in analyses:
            if not _is_arabic(first):
                break
            key = normalized_key(first + "".join(rest))
            if len(key) < min_key:
                continue
            entries = gazetteer.lookup_key(key)
            # "الحربية" (the military) is not Harbiye: a surface article needs a name written
            # with one, except for big cities whose Arabic names GeoNames lists bare (خرطوم).
            if entries and first.startswith("ال") and not gazetteer.takes_article(key):
                entries = [e for e in entries if e.place.kind != "city"
                           or e.place.population >= ARTICLE_EXEMPT_POPULATION]
            if entries and n > 1 and first in vocab.triggers and all(
                    e.place.source == "geonames" for e in entries):
                # "مدينة حمص" is listed as a name of Homs; the mention is حمص, the trigger its context.
                continue
            if entries:
                return n, clitic, key, entries
    for clitic, first in _strip_clitic(tokens[i].word, vocab):
        # A famous city spelt without an alif (شنغهاي for شانغهاي): only in context.
        bare = normalized_key(first)
        if (not _is_arabic(first) or len(first) < 4 or bare in vocab.stop or bare in vocab.people
                or (first.startswith("ال") and not gazetteer.takes_article(bare))):
            continue    # المدن is not Medan (مدان), بوتين not Putian (بوتيان)
        entries = gazetteer.lookup_loose(first)
        if entries:
            return 1, clitic, LOOSE + normalized_key(first), entries
    return None


def _arabic_evidence(key, entries, trigger, preposition, local, listed, repeated, vocab) -> str | None:
    """Why this gazetteer hit is a place, or None when nothing says it is."""
    kinds = {e.place.kind for e in entries}
    if trigger:
        return "trigger"
    if key in vocab.stop or key in vocab.people:
        return None
    if key.startswith(LOOSE):
        return "context" if (preposition == "word" or local or listed or repeated) else None
    if "country" in kinds:
        return "country"        # السعودية is a country before it is an adjective
    if key in vocab.demonym_keys:
        return None
    if any(e.place.source != "geonames" or e.feature == "admin" for e in entries):
        return "curated"
    if local or listed or repeated:
        return "context"
    biggest = max(e.place.population for e in entries)
    # A province needs context: its Arabic name is often an adjective too (الشرقية، الوسطى).
    biggest_city = max((e.place.population for e in entries if e.feature != "admin1"), default=0)
    if any(e.feature == "capital" for e in entries) or biggest_city >= PROMINENT_POPULATION:
        return "prominent"
    if preposition == "word" and biggest >= PREPOSITION_POPULATION:
        return "context"
    if preposition == "clitic" and biggest >= CLITIC_PREPOSITION_POPULATION:
        return "context"    # بـ/لـ + a word is usually not a place: بلينكن is not ب + Lingen
    return None


def _toponym(text, norm, tokens, i, j, clitic, entries, evidence, hint, local, similarity=None,
             needs_support=None) -> Toponym:
    start, end = norm.span(tokens[i].start + clitic, tokens[j - 1].end)
    while end < len(text) and unicodedata.category(text[end]) == "Mn":
        end += 1    # the vowel marks of the last letter belong to the name (مِصْرَ)
    return Toponym(start, end, text[start:end], tuple(entries), evidence, hint, local, similarity or {},
                   needs_support)


def _transliterated(text, norm, tokens, i, ctx: _Context, vocab, gazetteer, listed_countries=None
                    ) -> Toponym | None:
    """A foreign name in Arabic letters that no gazetteer spells, found through its Latin names —
    only where the context says a place stands here. `listed_countries`: the countries of the
    place this one is listed after ("خاركيف وزابوريجيا"); a match there counts as attached."""
    if re.match("^[وفبكل]?[وفبكل]?ال|^لل", tokens[i].word):
        return None     # an article says it is an Arabic noun (بالفعل، والأسلحة), not a foreign name
    for clitic, word in _strip_clitic(tokens[i].word, vocab):
        if len(word) < 4 or not _is_arabic(word):
            continue
        key = normalized_key(word)
        if (key in vocab.stop or key in vocab.people or word in vocab.demonyms or word in vocab.triggers
                or word in vocab.function_words or word in vocab.directions or word in vocab.prepositions):
            continue
        trigger = ctx.trigger(i, clitic)
        if trigger and key.endswith("يه") and ctx.word_before(i) in vocab.plural_triggers:
            continue    # "مناطق جبلية" (mountainous areas) is not Jabalya
        attached = ctx.country_after(i + 1, attached_only=True)       # "دوناي بروسيا"
        local = attached or ctx.country_after(i + 1)                   # "مدينة سوتشي الروسية"
        before = ctx.word_before(i) if not clitic else None
        between = before is not None and before in vocab.between
        roman = arabic_roman(word)
        consonants = len(skeleton(roman))
        # A preposition ("حول بوكروفسك") is enough for a long, specific skeleton, provided the
        # place turns out to be in a country the document names.
        weak = (not (trigger or attached or between) and consonants >= 4
                and ctx.preposition(i, clitic) == "word")
        if not (trigger or attached or between or weak or listed_countries):
            continue
        # Short skeletons (DN, NGN) match hundreds of places: demand a country to narrow them.
        if consonants <= 3 and not (attached or trigger or listed_countries):
            continue
        short = consonants <= 2 and not (attached or (trigger and local))
        if short and not trigger:
            continue
        scores = {}
        key = skeleton(roman)
        for entry in gazetteer.by_skeleton(roman):
            # Only the names that share the skeleton can explain the spelling.
            alike = [similarity(word, name) if skeleton(latin_roman(name)) == key else 0.0
                     for name in entry.latin_names]
            best = max(alike, default=0.0)
            if alike and alike[0] >= best:
                best += OWN_NAME_BONUS     # the entry's own name, not an old or foreign alias
            if best >= MIN_TRANSLIT_SIMILARITY:
                scores[entry] = best
        if listed_countries and not (trigger or attached or between or weak):
            scores = {e: v for e, v in scores.items() if e.place.country_code in listed_countries}
        if not scores:
            continue
        hint = ctx.site_adjective(i + 1) or trigger
        # A trigger says a place stands here, not which: a namesake far from the story
        # (قرية ملولة in Tunisia is not Ma'loula, Syria) must be in a country the text names or big.
        support = "country" if weak else (
            "country_or_size" if short or (trigger and not local) else None)
        return _toponym(text, norm, tokens, i, i + 1, clitic, list(scores), "translit", hint, local,
                        scores, needs_support=support)
    return None


# ---------------------------------------------------------------------------------------------
# English

@functools.lru_cache(maxsize=None)
def _capitalised(lang: str) -> re.Pattern:
    """Runs of capitalised words, joined by spaces or hyphens, with the table's lower-case
    connectors inside (Rio Grande do Sul, Stratford-upon-Avon, Sharm el-Sheikh)."""
    vocab = vocabulary(lang)
    connectors = "|".join(map(re.escape, vocab.connectors))
    particles = "|".join(map(re.escape, vocab.hyphen_particles))
    return re.compile(
        rf"(?<![\w-])(?:[A-Z][\w'’.-]*[\w]|[A-Z])(?:(?:\s+|-)(?:(?:{connectors})\s+|(?:{particles})-)?"
        rf"[A-Z][\w'’-]*\w)*")


# An acronym (UN, EU, NATO) is a place only as a country's or a division's alias (UK, UAE).
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,5}")
# Below this population, a hit with no other evidence is a place only in a first-level
# division the text names (Valdosta in a story about Georgia).
DIVISION_POPULATION = 10_000
# Fame: cities known by this many names (GeoNames' alternate names in many languages) and this
# big are named without any trigger ("Edinburgh would host…").
FAMOUS_NAMES = 60
FAMOUS_POPULATION = 100_000


def recognize_english(text: str, gazetteer: Gazetteer) -> list[Toponym]:
    """The toponyms of an English text. One sense per discourse: a name the text accepts once is
    a place at its other mentions too, earlier ones included; a small town is accepted in a
    first-level division the text names ("Valdosta, near the Florida line" in a Georgia story)."""
    found, accepted, rejected, divisions = _recognize_english(text, gazetteer, frozenset(), frozenset())
    if rejected and ((accepted & rejected) or divisions):
        found, _, _, _ = _recognize_english(text, gazetteer, frozenset(accepted), frozenset(divisions))
    return found


def _recognize_english(text: str, gazetteer: Gazetteer, known: frozenset, divisions: frozenset):
    vocab = vocabulary("en")
    found: list[Toponym] = []
    accepted: set[str] = set(known)
    rejected: set[str] = set()
    named_divisions: set[tuple[str, str]] = set()
    previous: Toponym | None = None     # the last accepted toponym, for lists
    for match in _capitalised("en").finditer(text):
        words = list(re.finditer(r"[\w'’.]+(?:-[\w'’]+)*|-", match.group()))
        words = [w for w in words if w.group() != "-"]
        i = 0
        while i < len(words):
            hit = None
            for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                a, b = match.start() + words[i].start(), match.start() + words[i + n - 1].end()
                phrase = re.sub(r"['’]s?$", "", text[a:b])            # Lebanon's
                if phrase.endswith(".") and "." not in phrase[:-1]:
                    phrase = phrase[:-1]                               # "Riverton." but "U.S."
                if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", phrase) and text[a + len(phrase):a + len(phrase) + 1] == ".":
                    phrase += "."
                b = a + len(phrase)
                lowered = phrase.lower()
                if lowered in vocab.demonyms or lowered.split("-")[0] in vocab.demonyms:
                    hit = (n, None)
                    break
                if not phrase[:1].isupper() or lowered in vocab.stop or lowered in vocab.people:
                    continue
                entries = gazetteer.lookup(phrase)
                if entries and _ACRONYM.fullmatch(phrase):
                    entries = [e for e in entries if e.place.kind in ("country", "admin")
                               or e.place.source != "geonames"]
                if entries:
                    hit = (n, (a, b, phrase, entries))
                    break
            if hit is None:
                i += 1
                continue
            n, found_span = hit
            if found_span:
                a, b, phrase, entries = found_span
                # A name that runs on into more capitalised words is a person's or an
                # organisation's ("Chelsea Clinton", "Boston Globe"), unless it is a country.
                runs_on = i + n < len(words) and words[i + n].group()[:1].isupper()
                country = any(e.place.kind == "country" for e in entries)
                # "Qatar Airways", "Bank of England": a place inside an organisation's name.
                lead = tuple(w.group().lower() for w in words[max(0, i - 3):i])
                if ((runs_on and words[i + n].group().lower() in vocab.organisation_tails)
                        or any(len(h) <= len(lead) and lead[len(lead) - len(h):] == h
                               for h in vocab.organisation_heads)):
                    i += n
                    continue
                if runs_on and (not country or phrase.lower() in vocab.name_like_countries):
                    i += n + 1
                    continue
                # ... and so is one that a capitalised run leads into ("Court of Justice").
                inside = i > 0 and words[i - 1].group().lower() in vocab.connectors and not country
                toponym = _english_toponym(text, a, b, phrase, entries, vocab, accepted, gazetteer,
                                           divisions, inside, _listed_after(text, previous, a, entries))
                key = name_key(phrase)
                if toponym:
                    found.append(toponym)
                    previous = toponym
                    if toponym.evidence != "country":
                        accepted.add(key)
                    named_divisions.update((e.place.country_code, e.admin1) for e in entries
                                           if e.place.kind == "admin" and e.admin1)
                else:
                    rejected.add(key)
            i += n
    return found, accepted - set(known), rejected, named_divisions


def _listed_after(text: str, previous: Toponym | None, a: int, entries) -> bool:
    """"from Odesa, Chornomorsk and Pivdennyi": a name listed right after an accepted place is
    one too when it is in the same country or a sizeable place."""
    if previous is None or not re.fullmatch(r"(?:,|,? and|,? or)\s+", text[previous.end:a]):
        return False
    countries = {e.place.country_code for e in previous.candidates}
    return any(e.place.country_code in countries or e.place.population >= LISTED_POPULATION
               for e in entries)


def _english_toponym(text, a, b, phrase, entries, vocab, accepted, gazetteer, divisions=frozenset(),
                     inside=False, listed=False) -> Toponym | None:
    before = re.search(r"([A-Za-z]+)\W*$", text[max(0, a - 40):a])
    prev = before.group(1).lower() if before else ""
    window = text[max(0, a - 20):a].lower()
    trigger = next((hint for word, hint in vocab.triggers.items() if re.search(
        rf"\b{re.escape(word)}\s*$", window)), None)
    following = re.match(r"\s+([a-z]+(?: [a-z]+)?)", text[b:b + 24])
    if trigger is None and following:     # "the Donetsk region", "Gezira state"
        words = following.group(1)
        trigger = vocab.post_triggers.get(words) or vocab.post_triggers.get(words.split()[0])
        if trigger in FEATURE_SITES:
            # "the Zaporizhzhia nuclear plant": the site named after the place, if the gazetteer has it.
            entries = [*gazetteer.sites_named(phrase, trigger), *entries]
    after = re.match(r",?\s+(?:in\s+)?([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)", text[b:b + 40])
    local = None
    if after:   # "Springfield, Illinois", "Tripoli, Libya"
        local = next((e.place.country_code for e in gazetteer.lookup(after.group(1))
                      if e.place.kind in ("country", "admin")), None)
    kinds = {e.place.kind for e in entries}
    famous = any((e.feature == "capital" or e.place.population >= PROMINENT_POPULATION
                  or (e.names_count >= FAMOUS_NAMES and e.place.population >= FAMOUS_POPULATION))
                 and name_key(e.place.name).startswith(name_key(phrase)) for e in entries)
    if "country" in kinds:
        evidence = "country"
    elif any(e.place.source != "geonames" or e.feature == "admin" for e in entries):
        evidence = "curated"
    elif trigger:
        evidence = "trigger"
    elif name_key(phrase) in accepted or local:
        evidence = "context"
    elif prev in vocab.prepositions and not inside:
        evidence = "context"
    elif famous:
        # Prominence counts for a place's own name only: "the vessel Angara" is not Ankara.
        evidence = "prominent"
    elif listed:
        evidence = "context"    # "from Odesa, Chornomorsk and Pivdennyi"
    elif any((e.place.country_code, e.admin1) in divisions and e.place.population >= DIVISION_POPULATION
             for e in entries):
        evidence = "context"
    else:
        evidence = None
    if evidence is None:
        return None
    return Toponym(a, b, text[a:b], tuple(entries), evidence, trigger, local, {})


def demonym_countries(text: str, lang: str) -> set[str]:
    """Countries the text names by adjective ("الروسي", "North Korean"): context, not places."""
    vocab = vocabulary(lang)
    if lang == "ar":
        words = normalize(text).text.split()
        found = set()
        for word in words:
            for _, bare in _strip_clitic(re.sub(r"\W", "", word), vocab):
                if vocab.demonyms.get(bare):
                    found.add(vocab.demonyms[bare])
        return found
    lowered = text.lower()
    return {code for word, code in vocab.demonyms.items()
            if code and re.search(rf"\b{re.escape(word)}\b", lowered)}
