"""Arabic toponym recognition: which spans of an Arabic text name places, found phrase by phrase
with and without a proclitic, judged by the shared evidence model (evidence.decide). Foreign
names no gazetteer spells in Arabic are matched by transliteration, only in a place's context."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..records import Document
from ..text import ARABIC_LETTER, Normalized, normalize_word
from .evidence import Candidate, Signals, Toponym, decide
from .gazetteer import Entry, Gazetteer, normalized_key
from .transliterate import (arabic_roman, latin_roman, latin_without_article, similarity, skeleton,
                            vowel_similarity, vowelled_roman)
from .vocabulary import Vocabulary, demonym_countries, is_function_word, strip_clitic, vocabulary
from .weights import weights

MAX_WORDS = 5
# Marks the key of a match made through a famous city's vowel-less spelling (gazetteer.lookup_loose).
LOOSE = "~"


@dataclass(slots=True)
class _Token:
    start: int      # offsets in the normalised text
    end: int
    word: str


@dataclass(frozen=True, slots=True)
class _Match:
    """A gazetteer hit: tokens i..j-1, the first after `clitic` letters of proclitic."""
    i: int
    j: int
    clitic: int
    key: str
    entries: tuple[Entry, ...]


_WORD = re.compile(r"\w+")


def _tokens(norm_text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm_text)]


def _links(norm_text: str, tokens: list[_Token]) -> list[bool]:
    """For each token, whether it joins the next into one phrase (only spaces or hyphens between)."""
    return [not norm_text[a.end:b.start].strip(" -") for a, b in zip(tokens, tokens[1:])] + [False]


def _is_arabic(word: str) -> bool:
    return bool(ARABIC_LETTER.match(word))


class _Context:
    """What the words around a span say about it."""

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
        for _, bare in strip_clitic(before, self.vocab):
            if bare in self.vocab.triggers:
                return self.vocab.triggers[bare]
        return None

    def may_join_name(self, j: int) -> bool:
        """Whether token j may be the second word of the name before it: joined to it, Arabic,
        without an article, and no word of the table (a country adjective, a direction, a
        preposition, a trigger…)."""
        if j >= len(self.tokens) or self.norm.text[self.tokens[j - 1].end:self.tokens[j].start].strip(" -"):
            return False
        word, vocab = self.tokens[j].word, self.vocab
        return bool(_is_arabic(word) and not vocab.morphology.has_article(word)
                    and not is_function_word(word, vocab) and word not in vocab.demonyms
                    and word not in vocab.directions and word not in vocab.prepositions
                    and word not in vocab.triggers)

    def name_goes_on(self, j: int) -> bool:
        """Whether token j surely continues the name before it ("مالا توكماتشكا"): it may join
        the name, and Arabic text hardly uses it, alone or behind a proclitic."""
        vocab = self.vocab
        return (self.may_join_name(j) and bool(vocab.frequency)
                and not any(vocab.zipf(bare) for _, bare in strip_clitic(self.tokens[j].word, vocab)))

    def list_opened(self, i: int) -> str | None:
        """The feature of the plural trigger whose places token i begins to list ("مدن عدة،
        بينها …", "ومنها"), when it stands within the table's window in the same sentence."""
        vocab = self.vocab
        word = self.tokens[i].word
        if word not in vocab.list_openers and not (
                word[:1] in vocab.morphology.conjunctions and word[1:] in vocab.list_openers):
            return None
        for k in range(i - 1, max(-1, i - 1 - vocab.list_window), -1):
            if any(mark in self.norm.text[self.tokens[k].end:self.tokens[k + 1].start] for mark in ".!?؟؛"):
                return None
            for _, bare in strip_clitic(self.tokens[k].word, vocab):
                if bare in vocab.plural_triggers and bare in vocab.triggers:
                    return vocab.triggers[bare]
        return None

    def after_plural_trigger(self, i: int) -> bool:
        """Whether a plural trigger noun stands right before token i (مدن، موانئ، بمحافظات)."""
        before = self.word_before(i)
        return before is not None and any(bare in self.vocab.plural_triggers
                                          for _, bare in strip_clitic(before, self.vocab))

    def preposition(self, i: int, clitic: int) -> str | None:
        """"word" for a preposition before token i (في، إلى، شمال), "clitic" for بـ/لـ on it."""
        if clitic:
            attached = self.tokens[i].word[:clitic]
            return "clitic" if attached in self.vocab.morphology.preposition_clitics else None
        before = self.word_before(i)
        if before is None:
            return None
        # وفي، فمن: a conjunction on a short preposition (too short for strip_clitic).
        forms = [bare for _, bare in strip_clitic(before, self.vocab)]
        if before[:1] in self.vocab.morphology.conjunctions:
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
        morphology = self.vocab.morphology
        if not attached_only and (self.tokens[j].word == morphology.in_word
                                  or self.tokens[j].word in self.vocab.directions):
            skip = 1    # "طرابلس في لبنان", "طرابلس شمال لبنان"
        for n in (3, 2, 1):
            if j + skip + n > len(self.tokens):
                continue
            words = [t.word for t in self.tokens[j + skip:j + skip + n]]
            phrase = " ".join(words)
            if not attached_only and phrase in self.vocab.demonyms and self.vocab.demonyms[phrase]:
                return self.vocab.demonyms[phrase]
            for chars, bare in strip_clitic(words[0], self.vocab):
                if skip == 0 and words[0][:chars] not in morphology.attached_country:
                    continue
                for entry in self.gazetteer.lookup_key(normalized_key(bare + "".join(words[1:]))):
                    if entry.place.kind == "country":
                        return entry.place.country_code
        return None

    def division_after(self, j: int) -> tuple[str, str] | None:
        """"مدينة إيلي بولاية نيفادا", "… في محافظة حلب": the first-level division named right
        after the place, as (country code, admin1)."""
        if j >= len(self.tokens) or self.norm.text[self.tokens[j - 1].end:self.tokens[j].start].strip(" "):
            return None
        if self.tokens[j].word == self.vocab.morphology.in_word:
            j += 1
        if j + 1 >= len(self.tokens) or not any(self.vocab.triggers.get(bare) == "admin"
                                                for _, bare in strip_clitic(self.tokens[j].word, self.vocab)):
            return None
        for n in (3, 2, 1):
            words = [t.word for t in self.tokens[j + 1:j + 1 + n]]
            if len(words) < n:
                continue
            for entry in self.gazetteer.lookup_key(normalized_key("".join(words))):
                if entry.place.kind == "admin" and entry.admin1:
                    return entry.place.country_code, entry.admin1
        return None

    def destination(self, i: int, clitic: int) -> bool:
        """Whether a preposition of destination governs token i ("إلى X", "نحو X", "لX")."""
        destinations = self.vocab.destination_prepositions
        if clitic:
            return self.tokens[i].word[:clitic] in destinations
        before = self.word_before(i)
        return before is not None and (before in destinations or (
            before[:1] in self.vocab.morphology.conjunctions and before[1:] in destinations))

    def direction_after(self, j: int) -> bool:
        return j < len(self.tokens) and self.tokens[j].word in self.vocab.directions

    def site_adjective(self, j: int) -> str | None:
        """"قاعدة فوستوشني الفضائية": an adjective after the name refines the trigger's hint."""
        for k in (j, j + 1):
            if k < len(self.tokens) and self.tokens[k].word in self.vocab.site_adjectives:
                return self.vocab.site_adjectives[self.tokens[k].word]
        return None


def recognize_arabic(document: Document, gazetteer: Gazetteer, trace: list | None = None
                     ) -> list[Toponym]:
    """The toponyms of an Arabic document. One sense per discourse: a name the text accepts once
    (by a trigger, a preposition…) is a place at its other mentions too, earlier ones included.
    `trace`, a list, receives every judged hit as a Candidate (the last pass's; for fitting)."""
    text, norm = document.text, document.normalized
    tokens = _tokens(norm.text)
    links = _links(norm.text, tokens)
    story = _Story(document)
    seen: list[Candidate] | None = [] if trace is not None else None
    found, accepted, rejected, named = _recognize(text, norm, tokens, links, gazetteer, {}, story, seen)
    if set(accepted) & rejected or _named_elsewhere(tokens, named, found, norm):
        seen = [] if trace is not None else None
        found, _, _, _ = _recognize(text, norm, tokens, links, gazetteer, accepted, story, seen, named)
    if seen is not None:
        trace.extend(seen)
    return found


class _Story:
    """The countries a story names by adjective (الكوري الجنوبي), read only when needed."""

    def __init__(self, document: Document):
        self._document, self._countries = document, None

    def countries(self) -> frozenset:
        if self._countries is None:
            self._countries = frozenset(demonym_countries(self._document, "ar"))
        return self._countries


def _named_elsewhere(tokens: list[_Token], named: dict[str, Toponym], found: list[Toponym], norm) -> bool:
    """Whether a name accepted through transliteration stands at another token too, not yet
    found there ("إقليم تاونات" … "الطرق بتاونات"): then the text is read again."""
    if not named:
        return False
    vocab = vocabulary("ar")
    starts = {toponym.start for toponym in found}
    for token in tokens:
        for clitic, bare in _name_analyses(token.word, vocab):
            if normalized_key(bare) in named and norm.span(token.start + clitic, token.end)[0] not in starts:
                return True
    return False


def _named_again(text, norm, tokens, i: int, named: dict[str, Toponym], vocab: Vocabulary) -> Toponym | None:
    """One sense per discourse for a foreign name no gazetteer spells: a word that a trigger or
    a country made a place once (إقليم تاونات بالمغرب) is that place at its other mentions too,
    behind a proclitic as well (بتاونات, where a proclitic alone would not make it a place)."""
    for clitic, bare in _name_analyses(tokens[i].word, vocab):
        earlier = named.get(normalized_key(bare))
        if earlier is not None:
            match = _Match(i, i + 1, clitic, normalized_key(bare), earlier.candidates)
            return _toponym(text, norm, tokens, match, "translit", None, earlier.local_country,
                            earlier.similarity, earlier.needs_support)
    return None


def _countries_of(toponym: Toponym) -> set[str]:
    """The countries a toponym surely names: a country, or a place all of whose senses lie in
    one country, or the country named next to it."""
    if toponym.local_country:
        return {toponym.local_country}
    codes = {e.place.country_code for e in toponym.candidates}
    return codes if len(codes) == 1 else set()


def _name_analyses(word: str, vocab: Vocabulary) -> list[tuple[int, str]]:
    """The analyses of a word that may hold a name (`strip_clitic`), without a proclitic when
    the word is one of its own: a trigger noun (ولاية is no و + لاية, بلدة no ب + لدة) or a word
    far more common than its remainder (وزير, وسط). Names that begin like a proclitic (واشنطن،
    بيروت) are whole-word hits and stay."""
    analyses = strip_clitic(word, vocab)
    if len(analyses) < 2:
        return analyses
    spelling = vocab.spelling
    own = vocab.zipf(word)
    if word in vocab.triggers or (own >= spelling["translit_max_zipf"] and all(
            own >= vocab.zipf(rest) + spelling["common_form_margin"] for chars, rest in analyses if chars)):
        return analyses[:1]
    return analyses


def _written_word(word: str, clitic: int, vocab: Vocabulary) -> str:
    """The word as the name is written, without its proclitic (للخرطوم → الخرطوم)."""
    m = vocab.morphology
    if clitic and clitic == len(m.lam_article) and word.startswith(m.lam_article):
        return m.article + word[clitic:]
    return word[clitic:]


def _compound_name(key: str, vocab: Vocabulary) -> bool:
    """كفركلا، دير ميماس، عين إبل: a name made of a village prefix and a word (the key has no spaces)."""
    return any(key.startswith(prefix) and len(key) >= len(prefix) + 2 for prefix in vocab.morphology.place_prefixes)


def _common_word(word: str, vocab: Vocabulary, named_with_article: bool = False) -> bool:
    """صور، سكر، عروس، الأبيض: a word Arabic uses as a noun or adjective, told by how common
    its other form is — with the article when written bare (الصور، السكر), bare when written
    with it (أبيض): a place name seldom changes so (حلب، الموصل). `named_with_article`: the
    gazetteer spells the place with the article, so that form is the name (الهند، العراق), not a
    sign of a noun, and the bare word is the one to weigh (خمس "five" against الخمس, Al Khums).
    A common stem with a pronoun suffix is a word too (بينها، بلدينا)."""
    spelling, m = vocab.spelling, vocab.morphology
    if not vocab.frequency:
        return False
    own = vocab.zipf(word)
    if word.startswith(m.article) and len(word) > len(m.article) + 2:
        name, other = own, vocab.zipf(word[len(m.article):])
    elif named_with_article:
        # خمس for الخمس (Al Khums): the bare word is the odd form; common when used that much.
        name, other = vocab.zipf(m.article + word), own
    else:
        name, other = own, vocab.zipf(m.article + word)
    if other >= spelling["common_form_zipf"] and other >= name - spelling["common_form_margin"]:
        return True
    for suffix in m.pronoun_suffixes:
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= m.min_stem:
            # بلدتنا: a ة turns into ت before a suffix.
            stems = (stem, stem[:-1] + "ه") if stem.endswith("ت") else (stem,)
            if any(form in vocab.function_words or vocab.zipf(form) >= spelling["suffix_stem_zipf"]
                   for form in stems):
                return True
    return False


def _too_common_for_a_name(word: str, vocab: Vocabulary) -> bool:
    """A word too common in Arabic to be a foreign name no gazetteer spells (ودول، بينها)."""
    return (vocab.zipf(word) >= vocab.spelling["translit_max_zipf"] or _suffixed_function_word(word, vocab)
            or _common_word(word, vocab))


def _suffixed_function_word(word: str, vocab: Vocabulary) -> bool:
    """بينها، عليهم: a function word of three letters or more with a pronoun suffix, never a
    name (shorter stems are too easily a name's letters: فيينا is Vienna, not في + ينا)."""
    return word in vocab.suffixed_function_words


# Letters that write long vowels: Arabic spellings of one foreign name differ in them (سول، سيول).
_LONG_VOWEL_LETTERS = "اوي"


def _long_vowel_variants(key: str):
    """The key with one long-vowel letter more or fewer, never at its first letter."""
    for k in range(1, len(key) + 1):
        for letter in _LONG_VOWEL_LETTERS:
            yield key[:k] + letter + key[k:]
    for k in range(1, len(key)):
        if key[k] in _LONG_VOWEL_LETTERS:
            yield key[:k] + key[k + 1:]


def _short_name(tokens, links, i: int, vocab: Vocabulary, gazetteer) -> _Match | None:
    """A two-letter name after a preposition (إلى قم): only a capital or a big city
    (`short_name_population`; the caller keeps it only in a country the story names)."""
    match = _longest_match(tokens, links, i, vocab, gazetteer, min_key=2)
    if match is None or match.j != i + 1 or match.clitic or len(match.key) != 2:
        return None
    big = weights().recognition.short_name_population
    entries = tuple(e for e in match.entries if e.place.kind == "city"
                    and (e.feature == "capital" or e.place.population >= big))
    return _Match(match.i, match.j, 0, match.key, entries) if entries else None


def _variant_spelling(tokens, i, ctx: "_Context", vocab, gazetteer) -> _Match | None:
    """سول for سيول (Seoul): a country, capital or city of a million written with one long
    vowel more or fewer than the gazetteer's spelling, after a preposition or trigger. The
    caller keeps it only in a country the story names (by name, adjective or its other places)."""
    word = tokens[i].word       # a proclitic would stand where the preposition must
    if (len(word) < 3 or not _is_arabic(word) or vocab.morphology.has_article(word)
            or not (ctx.preposition(i, 0) == "word" or ctx.trigger(i, 0))
            or is_function_word(word, vocab) or _too_common_for_a_name(word, vocab)):
        return None
    thresholds = weights().recognition
    key = normalized_key(word)
    entries = {entry for variant in _long_vowel_variants(key) for entry in gazetteer.lookup_key(variant)
               if _spelling_known(entry, thresholds)}
    return _Match(i, i + 1, 0, key, tuple(entries)) if entries else None


def _variant_toponym(text, norm, tokens, ctx: "_Context", variant: _Match, story_countries) -> Toponym:
    entries = tuple(e for e in variant.entries if e.place.country_code in story_countries)
    match = _Match(variant.i, variant.j, variant.clitic, variant.key, entries)
    return _toponym(text, norm, tokens, match, "context", ctx.trigger(variant.i, variant.clitic), None,
                    needs_support="country")


def _idiom_at(tokens: list[_Token], i: int, vocab: Vocabulary):
    """(length, hint) of an idiom starting at token i (with or without و/ف), else None."""
    first = tokens[i].word
    conjunctions = vocab.morphology.conjunctions
    for words, hint in vocab.idioms.items():
        n = len(words)
        if i + n > len(tokens):
            continue
        if first != words[0] and not any(first == c + words[0] for c in conjunctions):
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
    m = vocab.morphology
    bare = key.lstrip(LOOSE)
    bare = bare[len(m.article):] if bare.startswith(m.article) else bare
    for ending in m.nisba_endings:
        if bare.endswith(ending) and bare[:-len(ending)] in vocab.directions:
            return True
    return bare in vocab.directions


def _is_adjective(tokens, i: int, n: int, clitic: int, key: str, vocab: Vocabulary) -> bool:
    """"السلطات السعودية", "بوساطة سعودية", "مناطق جبلية": a one-word name shaped like a nisba
    adjective (-ية) right after a noun it agrees with is the adjective, not the place
    (but "شويجو كوريا الشمالية" names the country)."""
    m = vocab.morphology
    if clitic or i == 0 or n != 1 or not key.lstrip(LOOSE).endswith(m.feminine_nisba):
        return False
    word, before = tokens[i].word, tokens[i - 1].word
    if is_function_word(before, vocab) or before in vocab.prepositions:
        return False
    if before in vocab.triggers and not key.startswith(LOOSE):
        return False    # a trigger vouches for a name, but not for a loose match: "مناطق جبلية"
    definite = word.startswith(m.article)
    before_bare = before[1:] if any(before.startswith(c + m.article) for c in m.article_clitics) else before
    before_definite = before_bare.startswith(m.article) or before.startswith(m.lam_article)
    if definite != before_definite:
        return False
    return not definite or before.endswith(vocab.adjective_heads_end)


def _prominent(entries, thresholds) -> bool:
    # A province needs context: its Arabic name is often an adjective too (الشرقية، الوسطى).
    biggest_city = max((e.place.population for e in entries if e.feature != "admin1"), default=0)
    return any(e.feature == "capital" for e in entries) or biggest_city >= thresholds.prominent_population


def _signals(tokens, i: int, match: "_Match", trigger, preposition, local, listed, repeated,
             vocab: Vocabulary) -> Signals:
    key, entries = match.key, match.entries
    kinds = {e.place.kind for e in entries}
    direction = _is_direction(key, vocab)
    return Signals(
        trigger=bool(trigger),
        # أرامكو السعودية، الخطوط الجوية القطرية: part of a company's name.
        # ... or of a person's ("عثمان عبد الجليل" is no Galilee).
        part_of_name=(_after_organisation_head(tokens, i, match.clitic, vocab)
                      or (not match.clitic and i > 0 and tokens[i - 1].word in vocab.person_name_heads)),
        # الشمال (Ash Shamal), شمالي: a direction word is a place only after a trigger.
        direction=direction,
        adjective=not direction and _is_adjective(tokens, i, match.j - i, match.clitic, key, vocab),
        excluded=key in vocab.stop or key in vocab.people,
        loose=key.startswith(LOOSE),
        country="country" in kinds,
        demonym=key in vocab.demonym_keys,
        curated=any(e.place.source != "geonames" or e.feature == "admin" for e in entries),
        local=bool(local), listed=bool(listed), repeated=repeated,
        prominent=_prominent(entries, weights().recognition),
        preposition=preposition,
        population=max(e.place.population for e in entries),
    )


def _recognize(text: str, norm: Normalized, tokens: list[_Token], links: list[bool],
               gazetteer: Gazetteer, known: dict, story: "_Story", trace: list | None = None,
               named: dict[str, Toponym] | None = None):
    """One reading of the text; `story`: the countries its nationality adjectives name; `known`:
    the keys an earlier reading accepted, with their tokens (a name is "repeated" when accepted
    at another mention, never by itself); `named`: the one-word names an earlier reading
    accepted through transliteration, by key. Returns the toponyms, the accepted and the
    rejected keys, and the names this reading accepted through transliteration."""
    vocab = vocabulary("ar")
    thresholds = weights().recognition
    ctx = _Context(text, norm, tokens, vocab, gazetteer)
    found: list[Toponym] = []
    accepted_keys: dict[str, set[int]] = {}
    rejected_keys: set[str] = set()
    last_end_token = -2
    last_countries: set[str] = set()
    idiom_hint: tuple[int, str] | None = None     # (token, hint) announced by an idiom
    pending: _Match | None = None      # the last gazetteer hit without evidence: a list may vouch for it
    story_countries: set[str] = set()      # named so far (by adjective: once a variant needs it)
    story_seen = 0
    deferred: list[_Match] = []        # variant spellings whose country the story had not named yet
    translit_named: dict[str, Toponym] = {}     # one-word names accepted through transliteration
    i = 0
    while i < len(tokens):
        opened = ctx.list_opened(i)
        if opened is not None:
            idiom_hint = (i + 1, opened)     # "مناطق عدة، بينها البيضاء": the list's first place
            i += 1
            continue
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
        elif match is None and ctx.preposition(i, 0) == "word":
            # "من قم نحو أصفهان": or after a preposition, as a big city of a country the story names.
            short = _short_name(tokens, links, i, vocab, gazetteer)
            if short is not None:
                found.append(_toponym(text, norm, tokens, short, "context", None, None, needs_support="country"))
                last_end_token, last_countries = i, {e.place.country_code for e in short.entries}
                i += 1
                continue
        if match is not None:
            j, clitic, key, entries = match.j, match.clitic, match.key, match.entries
            trigger = ctx.trigger(i, clitic) or (idiom_hint[1] if idiom_hint and idiom_hint[0] == i else None)
            if trigger and ctx.after_plural_trigger(i) and any(e.place.kind == "country" for e in entries):
                trigger = None      # "مدن السودان" is Sudan's cities, not a town called Sudan
            local = ctx.country_after(j)
            listed = _listed(norm, tokens, ctx, i, clitic, last_end_token) and any(
                e.place.country_code in last_countries or e.place.population >= thresholds.listed_population
                for e in entries)
            signals = _signals(tokens, i, match, trigger, ctx.preposition(i, clitic), local,
                               listed or ctx.direction_after(j),
                               key in accepted_keys or any(t != i for t in known.get(key, ())), vocab)
            if trace is not None:
                span = _toponym(text, norm, tokens, match, None, None, None)
                trace.append(Candidate(span.start, span.end, span.text, signals, "ar"))
            evidence = decide(signals, "ar")
            # "قصفت كفركلا": a village's compound name is a place after a preposition or in a
            # list whatever its size — in a country the story names.
            compound = not (evidence or signals.excluded or signals.adjective or signals.part_of_name
                            or signals.direction or signals.demonym) and _compound_name(key, vocab) and bool(
                signals.preposition or signals.listed or local)
            if compound:
                evidence = "context"
            # صور، سكر، الأبيض: a common word needs a trigger, or context and the story's country.
            # Countries and capitals are named too often for their frequency to say anything.
            common = (j - i == 1 and not key.startswith(LOOSE)
                      and not any(e.place.kind == "country" or e.feature == "capital" for e in entries)
                      and _common_word(_written_word(tokens[i].word, clitic, vocab), vocab,
                                       gazetteer.takes_article(key)))
            if evidence:
                hint = ctx.site_adjective(j) or trigger or (
                    "capital" if ctx.destination(i, clitic) and _city_state(entries) else None)
                weak = evidence == "trigger" and (key in vocab.stop or key in vocab.demonym_keys or common)
                support = (_weak_support(trigger) if weak
                           else "country" if (common or compound) and evidence in ("context", "prominent")
                           else _trigger_support(evidence, local, entries))
                before = _listed_before(pending, norm, tokens, ctx, i, clitic, entries)
                if before and not weak and (not found or found[-1].end <= norm.span(
                        tokens[before.i].start, tokens[before.i].end)[0]):
                    # "خان يونس ومدينة غزة": a place listed before an accepted one of its country
                    found.append(_toponym(text, norm, tokens, before, "context", None, None))
                pending = None
                division = ctx.division_after(j)     # "هندرسون بولاية نيفادا"
                if hint == "admin":
                    match = _as_division(match, vocab, gazetteer)
                found.append(_toponym(text, norm, tokens, match, evidence, hint,
                                      local or (division[0] if division else None),
                                      needs_support=support, local_division=division))
                if not weak and evidence != "country":
                    accepted_keys.setdefault(key, set()).add(i)
                last_end_token = j - 1
                last_countries = {e.place.country_code for e in entries}
                i = j
                continue
            rejected_keys.add(key)
            if (key not in vocab.stop and key not in vocab.people and not key.startswith(LOOSE)
                    and tokens[i].word[1:] not in vocab.triggers):
                pending = match
        variant = _variant_spelling(tokens, i, ctx, vocab, gazetteer)
        if variant is not None:
            story_countries |= story.countries()
            while story_seen < len(found):      # the countries named so far, kept up to date
                story_countries |= _countries_of(found[story_seen])
                story_seen += 1
        if variant is not None and any(e.place.country_code in story_countries for e in variant.entries):
            found.append(_variant_toponym(text, norm, tokens, ctx, variant, story_countries))
            last_end_token = i
            last_countries = {e.place.country_code for e in found[-1].candidates}
            i += 1
            continue
        and_clitic = 1 if tokens[i].word[:1] in vocab.morphology.and_words else 0
        listed = _listed(norm, tokens, ctx, i, and_clitic, last_end_token)
        translit = _transliterated(text, norm, tokens, i, ctx, vocab, gazetteer,
                                   last_countries if listed else None)
        if translit is None and (named or translit_named):
            again = _named_again(text, norm, tokens, i, {**(named or {}), **translit_named}, vocab)
            translit = (again, i + 1) if again is not None else None
        if translit is not None:
            translit, i = translit      # the token after the name
            if " " not in translit.text.strip():
                translit_named.setdefault(normalized_key(normalize_word(translit.text)), translit)
            found.append(translit)
            last_end_token = i - 1
            last_countries = {e.place.country_code for e in translit.candidates}
            continue
        if variant is not None:
            deferred.append(variant)
        i += 1
    # A variant spelling before the story names its country ("إلى سول … كوريا الجنوبية").
    if deferred:
        for toponym in found[story_seen:]:
            story_countries |= _countries_of(toponym)
    late = [_variant_toponym(text, norm, tokens, ctx, variant, story_countries) for variant in deferred
            if any(e.place.country_code in story_countries for e in variant.entries)]
    if late:
        found = sorted(found + late, key=lambda toponym: toponym.start)
    return found, accepted_keys, rejected_keys, translit_named


def _as_division(match: _Match, vocab: Vocabulary, gazetteer: Gazetteer) -> _Match:
    """After a division trigger (منطقة، ولاية، محافظة، إقليم) the name means the division, which the
    gazetteer may list only with its division word — "مقاطعة دونيتسك", "Zaporizhzhia Oblast" — so
    "منطقة دونيتسك" is the oblast, not the city. The match restricted to divisions, if any."""
    divisions = tuple(e for e in match.entries if e.place.kind == "admin")
    if divisions:
        # "ولاية البحر الأحمر" is Sudan's Red Sea state, not the sea.
        return _Match(match.i, match.j, match.clitic, match.key, divisions)
    stem = match.key.lstrip(LOOSE)
    found = {e for word, feature in vocab.triggers.items() if feature == "admin"
             for e in gazetteer.lookup_key(normalized_key(word + stem)) if e.place.kind == "admin"}
    latin_words = [word for word, feature in vocabulary("en").post_triggers.items() if feature == "admin"]
    for entry in match.entries:
        for name in entry.latin_names[:2]:
            found.update(e for word in latin_words for e in gazetteer.lookup(f"{name} {word}")
                         if e.place.kind == "admin" and e.place.country_code == entry.place.country_code)
    return _Match(match.i, match.j, match.clitic, match.key, tuple(found)) if found else match


def _city_state(entries) -> bool:
    """Whether the name is a country's and its capital's alike, in Latin letters too (جيبوتي،
    الكويت، سنغافورة) — not a capital only Arabic names after its country (الجزائر is Algiers
    and Algeria, تونس Tunis and Tunisia)."""
    countries = {e.place.country_code: normalized_key(normalize_word(e.place.name))
                 for e in entries if e.place.kind == "country"}
    return any(e.feature == "capital" and e.place.country_code in countries
               and countries[e.place.country_code] in {normalized_key(name) for name in e.latin_names}
               for e in entries)


def _trigger_support(evidence: str, local: str | None, entries) -> str | None:
    """A trigger says a place stands here, not which: when every namesake is a small place
    ("بلدة جويا" in a Lebanese story is not Goya, Argentina, the one جويا the gazetteer
    spells), it must lie in a country the text names, when the text names any."""
    small = weights().resolution.support_population
    if evidence == "trigger" and not local and all(
            e.place.kind in ("city", "site") and e.place.population < small for e in entries):
        return "story_country"
    return None


def _weak_support(trigger: str | None) -> str:
    """A common word after a trigger (مدينة صور: "pictures") must resolve into a country the
    text names — or, after a trigger that says city (مدينة، العاصمة), to a sizeable one
    ("موانئ المدينة" is "the city's ports", not Madinah)."""
    return "country_or_size" if trigger in ("city", "capital") else "country"


def _listed_before(pending: _Match | None, norm, tokens, ctx, i: int, clitic: int, entries
                   ) -> _Match | None:
    """The rejected hit `pending` when the place at token i is listed right after it with و
    and shares its country: pending, restricted to the shared country; else None."""
    if pending is None:
        return None
    # "خان يونس ومدينة غزة": the second place may come with its own trigger noun.
    and_words = ctx.vocab.morphology.and_words
    trigger_between = (pending.j == i - 1 and tokens[i - 1].word[:1] in and_words
                       and tokens[i - 1].word[1:] in ctx.vocab.triggers and not clitic)
    if not (trigger_between or _listed(norm, tokens, ctx, i, clitic, pending.j - 1)):
        return None
    countries = {e.place.country_code for e in entries}
    shared = tuple(e for e in pending.entries if e.place.country_code in countries)
    return _Match(pending.i, pending.j, pending.clitic, pending.key, shared) if shared else None


def _listed(norm, tokens, ctx, i: int, clitic: int, last_end_token: int) -> bool:
    """"البيضاء والمرج": و right after a place joins another place (checked by the caller for
    the same country or a big place) — not any word (بعمان وفدا is "in Amman, a delegation")."""
    and_words = ctx.vocab.morphology.and_words
    return bool((clitic and tokens[i].word[0] in and_words and last_end_token == i - 1
                 and not norm.text[tokens[i - 1].end:tokens[i].start].strip())
                or (ctx.word_before(i) in and_words and last_end_token == i - 2))


def _longest_match(tokens, links, i, vocab, gazetteer, min_key: int = 3) -> _Match | None:
    """The longest phrase starting at token i (after a proclitic or not) that the gazetteer knows."""
    article = vocab.morphology.article
    thresholds = weights().recognition
    for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
        if not all(links[i:i + n - 1]):
            continue
        rest = [t.word for t in tokens[i + 1:i + n]]
        if any(word in vocab.function_words for word in rest):
            continue
        analyses = _name_analyses(tokens[i].word, vocab)
        if is_function_word(tokens[i].word, vocab) or _suffixed_function_word(tokens[i].word, vocab):
            return None     # وفي is و + في, not Alofi; بينها is بين + ها, not Banha
        for clitic, first in analyses:
            if not _is_arabic(first):
                break
            key = normalized_key(first + "".join(rest))
            if len(key) < min_key:
                continue
            entries = gazetteer.lookup_key(key)
            # "الحربية" (the military) is not Harbiye: a surface article needs a name written
            # with one, except for big cities whose Arabic names GeoNames lists bare (خرطوم).
            if entries and first.startswith(article) and not gazetteer.takes_article(key):
                entries = [e for e in entries if e.place.kind != "city"
                           or e.place.population >= thresholds.article_exempt_population]
            if entries and n > 1 and first in vocab.triggers and all(
                    e.place.source == "geonames" for e in entries) and not (
                    any(e.place.kind == "country" for e in entries)
                    and not any(e.place.kind == "country"
                                for e in gazetteer.lookup_key(normalized_key("".join(rest))))):
                # "مدينة حمص" is listed as a name of Homs; the mention is حمص, the trigger its context.
                continue
            if entries:
                return _Match(i, i + n, clitic, key, tuple(entries))
    for clitic, first in _name_analyses(tokens[i].word, vocab):
        # A famous city spelt without an alif (شنغهاي for شانغهاي): only in context.
        bare = normalized_key(first)
        if (not _is_arabic(first) or len(first) < 4 or bare in vocab.stop or bare in vocab.people
                or (first.startswith(article) and not gazetteer.takes_article(bare))):
            continue    # المدن is not Medan (مدان), بوتين not Putian (بوتيان)
        entries = gazetteer.lookup_loose(first)
        if entries:
            return _Match(i, i + 1, clitic, LOOSE + normalized_key(first), tuple(entries))
    return None


def _toponym(text, norm, tokens, match: _Match, evidence, hint, local, similarity=None,
             needs_support=None, local_division=None) -> Toponym:
    start, end = norm.span(tokens[match.i].start + match.clitic, tokens[match.j - 1].end)
    while end < len(text) and unicodedata.category(text[end]) == "Mn":
        end += 1    # the vowel marks of the last letter belong to the name (مِصْرَ)
    entries = _vowelled_senses(text[start:end], match.entries)
    return Toponym(start, end, text[start:end], entries, evidence, hint, local,
                   similarity or {}, needs_support, local_division)


def _vowelled_senses(written: str, entries) -> tuple[Entry, ...]:
    """The senses a vowelled spelling allows: normalisation drops the marks before lookup, but
    they tell homographs apart (عُمان is Oman, عَمّان is Amman). Without marks, or when no Latin
    name tells the senses apart, all of them."""
    vowelled = vowelled_roman(written) if len(entries) > 1 else None
    if vowelled is None:
        return tuple(entries)
    agreement = {entry: max((vowel_similarity(vowelled, name) for name in entry.latin_names), default=0.0)
                 for entry in entries}
    best = max(agreement.values())
    margin = vocabulary("ar").spelling["vowel_margin"]
    return tuple(entry for entry in entries if agreement[entry] >= best - margin)


def _spelling_known(entry: Entry, thresholds) -> bool:
    """Countries, capitals and cities of a million have Arabic names in the gazetteer (the
    loose index even forgives their long vowels): a spelling it does not know is not theirs,
    whatever its consonants. (Provinces' Arabic names are not that complete.)"""
    return (entry.place.kind == "country" or entry.feature == "capital"
            or (entry.place.kind == "city" and entry.place.population >= thresholds.prominent_population))


def _transliterated(text, norm, tokens, i, ctx: _Context, vocab, gazetteer, listed_countries=None
                    ) -> tuple[Toponym, int] | None:
    """A foreign name in Arabic letters that no gazetteer spells, found through its Latin names —
    only where the context says a place stands here — and the token after it. `listed_countries`:
    the countries of the place this one is listed after ("خاركيف وزابوريجيا"); a match there
    counts as attached. After a trigger, a name may be two words ("بلدة تشاسيف يار").
    A looser spelling is tried only when no reading of the word matches closely (ودوناي is
    و + Dunai, not Vidnoye)."""
    strict = _transliterated_as(text, norm, tokens, i, ctx, vocab, gazetteer, listed_countries, False)
    if strict is not None or ctx.trigger(i, 0) is None:
        return strict       # the looser pass matches only after a trigger
    return _transliterated_as(text, norm, tokens, i, ctx, vocab, gazetteer, listed_countries, True)


def _transliterated_as(text, norm, tokens, i, ctx: _Context, vocab, gazetteer, listed_countries,
                       loose: bool) -> tuple[Toponym, int] | None:
    """`_transliterated` at the weights' similarity threshold, or with `loose`, one word at the
    lower `supported_translit_similarity`, after a trigger only."""
    thresholds = weights().recognition
    analyses = _name_analyses(tokens[i].word, vocab)
    if ctx.preposition(i, 0) == "word":
        # No proclitic follows a preposition: "في فكيك" is Figuig, not في + ف + كيك.
        analyses = analyses[:1]
    if (vocab.morphology.has_article(tokens[i].word) and any(vocab.zipf(word) for _, word in analyses)
            and not ctx.trigger(i, 0)):
        # an article on a word Arabic text uses (بالفعل، والأسلحة): a noun — unless a trigger
        # names a place (مدينة الغزوات), in a country the story names (support below)
        return None
    if any(_too_common_for_a_name(word, vocab) for chars, word in analyses if chars):
        return None     # ودول is و + دول ("and countries"), بلدينا is ب + لدينا
    for clitic, word in analyses:
        if len(word) < thresholds.min_translit_letters or not _is_arabic(word):
            continue
        key = normalized_key(word)
        if (key in vocab.stop or key in vocab.people or word in vocab.demonyms or word in vocab.triggers
                or word in vocab.function_words or word in vocab.directions or word in vocab.prepositions):
            continue
        if vocab.zipf(word) >= vocab.spelling["translit_max_zipf"] or _suffixed_function_word(word, vocab):
            continue    # بينها "among them" is no Bien Hoa
        # A common word (ناجين "survivors", ورود "roses") is a name only with a country named
        # next to it ("ناجين بكوريا الشمالية") or after a trigger, in a country the story names;
        # never a nisba adjective after its noun ("حي سكني", a residential quarter).
        common = _common_word(word, vocab)
        if common and key.endswith(vocab.morphology.nisba_endings) and ctx.trigger(i, clitic):
            continue
        # An article says an Arabic noun (بالفعل، والأسلحة) — or an Arabic name whose Latin
        # spelling keeps it (المتمة = El Matama, الدامر = Ad-Damir): only those may match it.
        article = vocab.morphology.has_article(word)
        if article and not word.startswith(vocab.morphology.article):
            continue
        stem = word[len(vocab.morphology.article):] if article else word
        trigger = ctx.trigger(i, clitic)
        if (trigger and key.endswith(vocab.morphology.feminine_nisba)
                and ctx.word_before(i) in vocab.plural_triggers):
            continue    # "مناطق جبلية" (mountainous areas) is not Jabalya
        attached = ctx.country_after(i + 1, attached_only=True)       # "دوناي بروسيا"
        local = attached or ctx.country_after(i + 1)                   # "مدينة سوتشي الروسية"
        before = ctx.word_before(i) if not clitic else None
        between = before is not None and before in vocab.between
        roman = arabic_roman(stem)
        consonants = len(skeleton(roman))
        if common and not (local or trigger):
            continue
        preposition = ctx.preposition(i, clitic) == "word"
        # A preposition with a country named right after ("نحو المتمة شمال السودان") places it.
        placed = preposition and bool(local)
        # A preposition alone is enough for a long, specific skeleton (or an Arabic name whose
        # Latin spelling keeps the article), provided the place turns out to be in a country
        # the document names.
        weak = (not (trigger or attached or between or placed) and preposition
                and (consonants >= thresholds.specific_skeleton
                     or ((article or (vocab.frequency and not vocab.zipf(word)))
                         and consonants >= thresholds.country_skeleton)))
        if weak and article and vocab.zipf(word):
            continue    # "من المرجح": after a bare preposition, only a word Arabic text hardly uses
        if not (trigger or attached or between or placed or weak or listed_countries):
            continue
        # Short skeletons (DN, NGN) match hundreds of places: demand a country to narrow them.
        if consonants <= thresholds.country_skeleton and not (attached or trigger or listed_countries
                                                              or placed or weak):
            continue
        short = consonants <= thresholds.short_skeleton and not (attached or (trigger and local))
        if short and not trigger:
            continue
        j, scores = i + 1, {}
        if (not loose and (trigger or listed_countries) and ctx.may_join_name(i + 1)
                and not _too_common_for_a_name(tokens[i + 1].word, vocab)):
            # After a trigger (or in a list of places) a name may be two words ("بلدة تشاسيف
            # يار" = Chasiv Yar), not a name and a common word ("إقليم أزيلال أعلى عدد") ...
            pair = stem + tokens[i + 1].word
            scores = _latin_matches(pair, arabic_roman(pair), article, gazetteer, thresholds)
            if scores:
                j, local = i + 2, ctx.country_after(i + 2)
            elif trigger and ctx.name_goes_on(i + 1):
                continue    # ... and the first word of "قرية مالا توكماتشكا" is no place alone
        if j == i + 1 and not loose:
            scores = _single_word_matches(stem, roman, article, gazetteer, vocab, thresholds)
        elif j == i + 1 and trigger:
            # الغزوات = Ghazaouet (French "aou" for Arabic "awa"): a looser spelling is a name
            # after a trigger, in a country the story names (support below) — not beside a
            # country alone ("آيت ملول بالمغرب": ملول is no Imlili).
            scores = _single_word_matches(stem, roman, article, gazetteer, vocab, thresholds,
                                          thresholds.supported_translit_similarity)
        if listed_countries and not (trigger or attached or between or weak or placed):
            scores = {e: v for e, v in scores.items() if e.place.country_code in listed_countries}
        if local:
            # "دوناي بروسيا", "X في فيتنام": the country named next to it holds it.
            scores = {e: v for e, v in scores.items() if e.place.country_code == local}
        if not scores:
            continue
        hint = ctx.site_adjective(j) or trigger
        if hint == "admin":
            divisions = _as_division(_Match(i, j, clitic, key, tuple(scores)), vocab, gazetteer).entries
            scores = {e: scores.get(e, max(scores.values())) for e in divisions}
        # A trigger says a place stands here, not which: a namesake far from the story
        # (قرية ملولة in Tunisia is not Ma'loula, Syria) must be in a country the text names or big.
        support = "country" if weak or loose or ((article or common) and not local) else (
            "country_or_size" if short or (trigger and not local) else None)
        return _toponym(text, norm, tokens, _Match(i, j, clitic, key, tuple(scores)),
                        "translit", hint, local, scores, needs_support=support), j
    return None


def _single_word_matches(stem: str, roman: str, article: bool, gazetteer, vocab: Vocabulary, thresholds,
                         minimum: float | None = None) -> dict:
    """`_latin_matches` of a one-word name, as written and with its regional /g/ letters read g."""
    scores = _latin_matches(stem, roman, article, gazetteer, thresholds, minimum)
    for variant in _g_spellings(stem, vocab):
        # كلميمة = Goulmima: Maghrebi (and Gulf, Sudanese) spellings write /g/ with ك or ق.
        for entry, score in _latin_matches(variant, arabic_roman(variant), article, gazetteer,
                                           thresholds, minimum).items():
            scores[entry] = max(score, scores.get(entry, 0.0))
    return scores


def _g_spellings(stem: str, vocab: Vocabulary) -> list[str]:
    """The stem with the letters that regional spellings use for /g/ (`g_letters`: ك، ق) read
    as غ, the letter the romanisation gives g: one variant per letter, none when absent."""
    g = vocab.spelling.get("g_sound")
    return [stem.replace(letter, g) for letter in vocab.spelling.get("g_letters", ()) if g and letter in stem]


def _latin_matches(stem: str, roman: str, article: bool, gazetteer, thresholds, minimum: float | None = None
                   ) -> dict:
    """Entry -> how well its Latin names explain the Arabic spelling `stem` (of romanisation
    `roman`), for those explaining it at least `minimum` (by default the weights' threshold);
    with `article`, the stem meets Latin names with their article dropped."""
    minimum = thresholds.min_translit_similarity if minimum is None else minimum
    scores = {}
    key = skeleton(roman)
    for entry in gazetteer.by_skeleton(roman) if not article else {
            *gazetteer.by_skeleton(roman), *gazetteer.by_skeleton("al" + roman)}:
        if _spelling_known(entry, thresholds):
            continue    # تنغير is not Tangier (طنجة), عروس not Russia (روسيا)
        names = entry.latin_names
        if article:
            # With its article (El Matama) or without, as Latin spellings often drop it (Ramtha).
            names = tuple(latin_without_article(name) or name for name in names)
        # Only the names that share the skeleton can explain the spelling.
        alike = [similarity(stem, name) if skeleton(latin_roman(name)) == key else 0.0 for name in names]
        best = max(alike, default=0.0)
        if alike and alike[0] >= best and not article:
            best += thresholds.own_name_bonus     # the entry's own name, not an old or foreign alias
        if best >= minimum:
            scores[entry] = best
    return scores
