"""English toponym recognition: capitalised spans (with the table's lower-case connectors inside)
looked up in the gazetteer, longest first, judged by the shared evidence model (evidence.decide)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..records import Document
from .evidence import Signals, Toponym, decide
from .gazetteer import Entry, Gazetteer, name_key
from .vocabulary import Vocabulary, vocabulary
from .weights import weights

MAX_WORDS = 5
# Site features a trigger after a name can announce ("the X nuclear plant", "X airport").
FEATURE_SITES = {"plant", "airport", "base", "spaceport"}
# An acronym (UN, EU, NATO) is a place only as a country's or a division's alias (UK, UAE).
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,5}")


@dataclass(frozen=True, slots=True)
class _Hit:
    """A gazetteer hit inside a capitalised run: `words` words from the run's word i."""
    words: int
    start: int = 0
    end: int = 0
    phrase: str = ""
    entries: tuple[Entry, ...] = ()

    @property
    def demonym(self) -> bool:
        return not self.entries


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


def recognize_english(document: Document, gazetteer: Gazetteer) -> list[Toponym]:
    """The toponyms of an English text. One sense per discourse: a name the text accepts once is
    a place at its other mentions too, earlier ones included; a small town is accepted in a
    first-level division the text names ("Valdosta, near the Florida line" in a Georgia story)."""
    text = document.text
    phrases = list(_capitalised("en").finditer(text))
    found, accepted, rejected, divisions = _recognize(text, phrases, gazetteer, frozenset(), frozenset())
    if rejected and ((accepted & rejected) or divisions):
        found, _, _, _ = _recognize(text, phrases, gazetteer, frozenset(accepted), frozenset(divisions))
    return found


def _hit_at(text: str, match: re.Match, words: list, i: int, vocab: Vocabulary,
            gazetteer: Gazetteer) -> _Hit | None:
    """The longest phrase from word i of a capitalised run that is a demonym or a gazetteer name."""
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
            return _Hit(n)
        if not phrase[:1].isupper() or lowered in vocab.stop or lowered in vocab.people:
            continue
        entries = gazetteer.lookup(phrase)
        if entries and _ACRONYM.fullmatch(phrase):
            entries = [e for e in entries if e.place.kind in ("country", "admin")
                       or e.place.source != "geonames"]
        if entries:
            return _Hit(n, a, b, phrase, tuple(entries))
    return None


def _recognize(text: str, phrases: list[re.Match], gazetteer: Gazetteer, known: frozenset,
               divisions: frozenset):
    vocab = vocabulary("en")
    found: list[Toponym] = []
    accepted: set[str] = set(known)
    rejected: set[str] = set()
    named_divisions: set[tuple[str, str]] = set()
    previous: Toponym | None = None     # the last accepted toponym, for lists
    for match in phrases:
        words = list(re.finditer(r"[\w'’.]+(?:-[\w'’]+)*|-", match.group()))
        words = [w for w in words if w.group() != "-"]
        i = 0
        while i < len(words):
            hit = _hit_at(text, match, words, i, vocab, gazetteer)
            if hit is None:
                i += 1
                continue
            n = hit.words
            if hit.demonym:
                i += n
                continue
            entries = hit.entries
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
            if runs_on and (not country or hit.phrase.lower() in vocab.name_like_countries):
                i += n + 1
                continue
            # ... and so is one that a capitalised run leads into ("Court of Justice").
            inside = i > 0 and words[i - 1].group().lower() in vocab.connectors and not country
            toponym = _toponym(text, hit, vocab, accepted, gazetteer, divisions, inside,
                               _listed_after(text, previous, hit.start, entries))
            key = name_key(hit.phrase)
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
    return any(e.place.country_code in countries
               or e.place.population >= weights().recognition.listed_population for e in entries)


def _famous(phrase: str, entries, thresholds) -> bool:
    """A capital, a city of a million, or a well-known city of 100,000 — by its own name only:
    "the vessel Angara" is not Ankara."""
    return any((e.feature == "capital" or e.place.population >= thresholds.prominent_population
                or (e.names_count >= thresholds.famous_names
                    and e.place.population >= thresholds.famous_population))
               and name_key(e.place.name).startswith(name_key(phrase)) for e in entries)


def _toponym(text, hit: _Hit, vocab, accepted, gazetteer, divisions=frozenset(), inside=False,
             listed=False) -> Toponym | None:
    a, b, phrase, entries = hit.start, hit.end, hit.phrase, list(hit.entries)
    thresholds = weights().recognition
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
    signals = Signals(
        trigger=bool(trigger),
        country=any(e.place.kind == "country" for e in entries),
        curated=any(e.place.source != "geonames" or e.feature == "admin" for e in entries),
        local=bool(local),
        listed=listed,
        repeated=name_key(phrase) in accepted,
        prominent=_famous(phrase, entries, thresholds),
        preposition="word" if prev in vocab.prepositions else None,
        inside=inside,
        population=max(e.place.population for e in entries),
        in_named_division=any((e.place.country_code, e.admin1) in divisions
                              and e.place.population >= thresholds.division_population for e in entries),
    )
    evidence = decide(signals, "en", thresholds)
    if evidence is None:
        return None
    return Toponym(a, b, text[a:b], tuple(entries), evidence, trigger, local, {})
