"""English toponym recognition: capitalised spans (with the table's lower-case connectors inside)
looked up in the gazetteer, longest first, judged by the shared evidence model (evidence.decide)."""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..records import Document
from ..text import WholeWords, without_invisible
from .evidence import Candidate, Signals, Toponym, decide
from .gazetteer import Entry, Gazetteer, name_key
from .vocabulary import Vocabulary, vocabulary
from .weights import weights

MAX_WORDS = 5
# Site features a trigger can announce ("the X nuclear plant", "X airport", "the island of X",
# "the X river"): the curated feature named after the name is one more candidate.
FEATURE_SITES = {"plant", "airport", "base", "spaceport", "island", "river", "lake"}
# Triggers of a port or airport: a capitalised "Port of X" with X a state or a country names the
# port's authority, somewhere in X, not X itself ("the Port of Louisiana").
PORT_HINTS = {"port", "airport"}
PORT_TOWN_POPULATION = 20_000
_PORT_NAME = re.compile(r"\bPort of\s+$")
# An acronym (UN, EU, NATO) is a place only as a country's or a division's alias (UK, UAE).
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,5}")
# The patterns read at every capitalised word or name, compiled once.
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_AT = re.compile(r"['’]s?\s")
_POSSESSIVE_NAME = re.compile(r"['’]s?\s+[A-Z]")
_SAINT = re.compile(r"(?:St|Ste|Saint)\.?\s")
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")
# Abbreviations that open a place's name (St. Louis, Ste. Genevieve, Ft. Worth, Mt. Vernon), and
# a two-letter word with a full stop, which alone is an abbreviation (St., Co., Dr.), not a name.
_ABBREVIATED = "St|Ste|Ft|Mt"
_ABBREVIATION = re.compile(r"[A-Z][a-z]\.")
_SPACED_INITIAL = re.compile(r"(?<![\w.])([A-Z])\.\s$")   # the "W. " of "W. Va."
# A legislator's party and home ("D-Charleston", "R-Ga."): at a word of a run (_hit_at reads
# only the run) and, with the character before it, around a hit (_toponym).
_PARTY_HEAD = re.compile(r"(?:[DRI]|DFL)-(?=[A-Z])")
_PARTY = re.compile(r"(?<![\w-])(?:[DRI]|DFL)-(?=[A-Z])")
_RUN_WORD = re.compile(r"[\w'’.]+(?:-[\w'’]+)*|-")
_LIST_JOINER = re.compile(r"(?:,|,? and|,? or)\s+")
_DIVISION_AFTER = re.compile(r",\s+((?:[A-Z][a-z]*\.\s?){1,2}|[A-Z]{2}\b|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
# The word before a name: the window before it is read reversed, from the name back, where a
# search for r"([A-Za-z]+)\W*$" tried every position of the window.
_WORD_BEFORE_REVERSED = re.compile(r"\W*([A-Za-z]+)")
_LOWER_AFTER = re.compile(r"\s+([a-z]+(?: [a-z]+)?)")
_NAME_AFTER = re.compile(r",?\s+(?:in\s+)?([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)")


@dataclass(frozen=True, slots=True)
class _Hit:
    """A gazetteer hit inside a capitalised run: `words` words from the run's word i."""
    words: int
    start: int = 0
    end: int = 0
    phrase: str = ""
    entries: tuple[Entry, ...] = ()
    nationality: bool = False   # a nationality adjective that is also a place's name (Somali)

    @property
    def demonym(self) -> bool:
        return not self.entries


@functools.lru_cache(maxsize=None)
def _capitalised(lang: str) -> re.Pattern:
    """Runs of capitalised words, joined by spaces or hyphens, with the table's lower-case
    connectors inside (Rio Grande do Sul, Stratford-upon-Avon, Sharm el-Sheikh) or an elided
    "d'" (Côte d'Ivoire), and a saint's or a fort's abbreviation before them (St. Petersburg,
    Ft. Worth, Mt. Vernon)."""
    vocab = vocabulary(lang)
    connectors = "|".join(map(re.escape, vocab.connectors))
    particles = "|".join(map(re.escape, vocab.hyphen_particles))
    return re.compile(
        rf"(?<![\w-])(?:(?:{_ABBREVIATED})\.\s+(?=[A-Z]))?(?:[A-Z][\w'’.-]*[\w]|[A-Z])(?:(?:\s+|-)(?:(?:{connectors})\s+(?:(?:{connectors})\s+)?|(?:{particles})-|d['’])?"
        rf"[A-Z][\w'’-]*\w)*")


def recognize_english(document: Document, gazetteer: Gazetteer, trace: list | None = None
                      ) -> list[Toponym]:
    """The toponyms of an English text. One sense per discourse: a name the text accepts once is
    a place at its other mentions too, earlier ones included; a small town is accepted in a
    first-level division the text names ("Valdosta, near the Florida line" in a Georgia story).
    `trace`, a list, receives every judged hit as a Candidate (the last pass's; for fitting)."""
    # Read without invisible characters (a soft hyphen or a zero-width joiner inside a name);
    # the toponyms' offsets are mapped back to the document's text.
    visible = without_invisible(document.text)
    text = visible.text
    phrases = list(_capitalised("en").finditer(text))
    surnames = _surnames(text, phrases, vocabulary("en"), gazetteer)
    whole_words, hits = WholeWords(text), {}     # both passes read the same text (_hit_again)
    seen: list[Candidate] | None = [] if trace is not None else None
    found, accepted, rejected, divisions, votes = _recognize(
        text, phrases, surnames, gazetteer, {}, frozenset(), whole_words, hits, seen)
    # A division the text names alone (Texas, "Hall County, Ga.") counts as much as the
    # threshold: the story is set there unless its towns lean elsewhere.
    for division in divisions:
        votes[division] = votes.get(division, 0.0) + weights().recognition.story_division_votes
    story = _story_division(votes)
    if rejected and ((set(accepted) & rejected) or divisions or story):
        seen = [] if trace is not None else None
        found, _, _, _, _ = _recognize(text, phrases, surnames, gazetteer, accepted,
                                       frozenset(divisions), whole_words, hits, seen, story)
    if seen is not None:
        trace.extend(dataclasses.replace(c, start=start, end=end, text=document.text[start:end])
                     for c in seen for start, end in [visible.span(c.start, c.end)])
    if not visible.skips:
        return found
    return [dataclasses.replace(t, start=start, end=end, text=document.text[start:end])
            for t in found for start, end in [visible.span(t.start, t.end)]]


def _hit_at(text: str, match: re.Match, words: list, i: int, vocab: Vocabulary,
            gazetteer: Gazetteer) -> _Hit | None:
    """The longest phrase from word i of a capitalised run that is a demonym or a gazetteer name."""
    for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
        a, b = match.start() + words[i].start(), match.start() + words[i + n - 1].end()
        party = _PARTY_HEAD.match(text, a)
        if party:
            a = party.end()     # "Rep. Wendell Gilliard, D-Charleston": the member's home town
        phrase = _POSSESSIVE.sub("", text[a:b])               # Lebanon's
        phrase = next((phrase[:-len(suffix)] for suffix in vocab.resident_suffixes
                       if phrase.lower().endswith(suffix)), phrase)   # "Waycross-based"
        if phrase.endswith(".") and "." not in phrase[:-1]:
            phrase = phrase[:-1]                               # "Riverton." but "U.S."
        if _INITIALS.fullmatch(phrase) and text[a + len(phrase):a + len(phrase) + 1] == ".":
            phrase += "."
        b = a + len(phrase)
        if text.startswith("$", b):
            continue    # "US$ 40", a currency
        lowered = phrase.lower()
        if lowered in vocab.demonyms or lowered.split("-")[0] in vocab.demonyms:
            # "Somali refugees" is the people's, "the Somali region" Ethiopia's: a division or
            # a town of the adjective's name is judged when a trigger announces it.
            entries = tuple(e for e in gazetteer.lookup(phrase) if e.place.kind != "country") if (
                lowered in vocab.demonyms) else ()
            return _Hit(n, a, b, phrase, entries, nationality=True) if entries else _Hit(n)
        dotted = phrase if phrase.endswith(".") else phrase + "."
        if n == 1 and (phrase in vocab.state_abbreviations or (
                text[a + len(dotted) - 1:a + len(dotted)] == "." and dotted in vocab.state_abbreviations)):
            full = vocab.state_abbreviations.get(phrase) or vocab.state_abbreviations[dotted]
            initial = _SPACED_INITIAL.search(text, 0, a)
            if initial and initial.group(1) + "." + dotted in vocab.state_abbreviations:
                # "W. Va." written with a space is West Virginia, not "Va."
                full = vocab.state_abbreviations[initial.group(1) + "." + dotted]
                a, phrase = initial.start(), text[initial.start():b]
            divisions = _divisions(full, gazetteer)   # "Ky.", "B.C.", "NSW"
            if divisions:
                return _Hit(n, a, b, phrase, divisions)
        if not phrase[:1].isupper() or lowered in vocab.stop or lowered in vocab.people:
            continue
        if n == 1 and (_ABBREVIATION.fullmatch(text[a:b + 1]) or (
                text[b:b + 1] == "." and lowered + "." in vocab.person_titles)):
            continue    # "St." or "Co." alone: an abbreviation, not a name (Ky. is read above); "Sen. Ford"
        entries = gazetteer.lookup(phrase)
        if entries and _ACRONYM.fullmatch(phrase):
            entries = [e for e in entries if e.place.kind in ("country", "admin")
                       or e.place.source != "geonames"]
        if entries and n > 1 and words[i].group().lower() in vocab.function_words:
            # A function word folded into one name with the next is no name of it: "A New
            # (Jersey)" is not Anew; "The Hague" stays.
            words_of = _name_words(phrase)
            entries = [e for e in entries if any(_name_words(x) == words_of for x in (e.place.name, *e.latin_names))]
        if entries:
            entries = _by_name(phrase, entries)
        if entries:
            return _Hit(n, a, b, phrase, tuple(entries))
    return None


def _hit_again(text: str, match: re.Match, words: list, i: int, vocab: Vocabulary,
               gazetteer: Gazetteer, hits: dict) -> _Hit | None:
    """_hit_at, once per run of words: it reads only the run and the character after it, so the
    same run again (in this pass or the next) has the same hit, moved to where it is. `hits`:
    (run, next character, i) -> (the hit, its run's start)."""
    run = (match.group(), text[match.end():match.end() + 1], i)
    if run not in hits:
        hits[run] = (_hit_at(text, match, words, i, vocab, gazetteer), match.start())
    hit, start = hits[run]
    shift = match.start() - start
    if hit is None or hit.demonym or not shift:
        return hit
    return _Hit(hit.words, hit.start + shift, hit.end + shift, hit.phrase, hit.entries, hit.nationality)


def _divisions(name: str, gazetteer: Gazetteer) -> tuple[Entry, ...]:
    return tuple(e for e in gazetteer.lookup(name) if e.place.kind == "admin")


def _by_name(phrase: str, entries) -> list[Entry]:
    """A town matched through an alternate name unlike its own is a namesake of chance ("Hamas"
    is listed for Hamm, "Brown" for Belton); a spelling variant (Avdiivka for Avdiyivka), a big
    city (Bombay, Kiev), a country, a division or a curated place stands; so do all the
    namesakes when one of them bears the name as its own."""
    key = name_key(phrase)
    thresholds = weights().recognition
    if any(e.place.kind in ("country", "admin") or e.place.source != "geonames"
           or _similarity(key, name_key(e.place.name)) >= thresholds.alias_similarity
           or (e.latin_names and _similarity(key, name_key(e.latin_names[0])) >= thresholds.alias_similarity)
           for e in entries):
        return list(entries)    # a place of this name exists: its renamed namesakes compete (Pivdennyi)
    return [e for e in entries if e.place.population >= thresholds.alias_population]


@functools.lru_cache(maxsize=1 << 16)
def _name_words(name: str) -> tuple[str, ...]:
    """A name's words, each as a key: "A New" is two words, Anew one."""
    return tuple(name_key(w) for w in _WORD_SPLIT.split(name) if w)


_WORD_SPLIT = re.compile(r"[\s\-]+")


@functools.lru_cache(maxsize=1 << 16)    # the same names meet again at every mention
def _similarity(key: str, other: str) -> float:
    return SequenceMatcher(None, key, other).ratio()


_AGED = re.compile(r"\b([A-Z][a-z'’-]+),\s+\d{1,3},")
# A first name, a middle initial and a surname ("Joseph F. Wagner", "Tyrise M. Bell"): the
# initial's full stop splits the capitalised run, so the name is read here.
_INITIALLED = re.compile(r"\b([A-Z][a-z]+)\s+[A-Z]\.\s+([A-Z][a-z'’-]+)\b(?![.,]?\s+[A-Z][a-z]*\.)")
_APPOSED = re.compile(r"\b(?:the|a|an|its|his|her|their)\s+(?:[\w'’.]+\s+){0,2}?([a-z]+),\s*$")
_NAMED = re.compile(r"\b(?:(?:last|family|first|given)\s+name|surname)(?:d|\s+(?:of|is|was))?,?\s+([A-Z][a-z'’-]+)")
_LOCATED = re.compile(r"\b([a-z]+)\s+([A-Z][\w'’-]*\w)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]['\"”’)]*\s+|\n\s*|[\"“‘(]\s*)$")


def _surnames(text: str, phrases: list[re.Match], vocab: Vocabulary, gazetteer: Gazetteer
              ) -> frozenset[str]:
    """Words the text uses as people's surnames: the last word of a short capitalised name
    that is no place as a whole ("Phil Jones", "Chiquita Henry"), the word after a title
    ("Sheriff Bell", "Mr. Turner") and the last of a short name after a title ("Coach Mike
    Chandler") and a name followed by an age ("Campbell, 42,"). Said alone later ("Jones
    said"), they are not places."""
    found = set()
    read: set[tuple] = set()
    for match in phrases:
        # What a run adds is read from the run and the 40 characters before it (near the start
        # of the text, from where it starts): the same again adds nothing new.
        start = match.start()
        reading = (start if start < 40 else -1, text[max(0, start - 40):match.end()])
        if reading in read:
            continue
        read.add(reading)
        words = [w.group() for w in re.finditer(r"[\w'’.]+(?:-[\w'’]+)*", match.group())]
        before = re.search(r"(\w+\.?)\s*$", text[max(0, match.start() - 12):match.start()])
        if before is None and text[max(0, start - 2):start].startswith(","):
            # ... or in apposition: "said the WHO spokesman, Hartl"
            before = _APPOSED.search(text, max(0, match.start() - 40), match.start())
        if before and before.group(1).lower() in vocab.person_titles and words:
            found.add(name_key(words[0]))         # "chief Bell" in lower case before the run
        for k in range(1, len(words)):
            if words[k - 1].lower() in vocab.person_titles:
                found.add(name_key(words[k]))
                # "Coach Mike Chandler (of Abilene)": the surname ends the name, before a connector.
                name = next((words[k:j] for j in range(k, len(words))
                             if words[j].lower() in vocab.connectors), words[k:])
                if 1 < len(name) <= 3 and "." not in name[-1]:
                    found.add(name_key(name[-1]))
        if (not 2 <= len(words) <= 3 or gazetteer.lookup(match.group())
                or re.search(r"(?:^|\n)\s*$", text[max(0, match.start() - 4):match.start()])):
            continue    # a place as a whole, or a title-cased headline ("Storm Hits Paris")
        first = words[0].lower()
        # "Russia's Bryansk", "Pakistan-administered Kashmir": a possessive, not a first name
        if (first.endswith(("'s", "’s", *vocab.resident_suffixes))
                or first in vocab.stop or first in vocab.prepositions or first in vocab.name_descriptors
                or first in vocab.demonyms or first in vocab.person_titles or "." in words[-1]
                or first in vocab.function_words or _ACRONYM.fullmatch(words[0])
                or any(w.lower() in vocab.connectors for w in words)):
            continue    # ... nor a number or an acronym ("Four Guerrero state police", "ABC Australia")
        if words[-1].lower() not in vocab.name_like_countries and any(
                e.place.kind == "country" for e in gazetteer.lookup(words[-1])):
            continue    # "Radio Australia": a country is nobody's surname (but Jordan may be)
        found.add(name_key(words[-1]))
    # A name followed by an age is a person's ("Travis Barton, 34,", "Campbell, 42,").
    found.update(name_key(m.group(1)) for m in _AGED.finditer(text))
    # A name given as one: "identified by his last name of Lu", "a man surnamed Chen".
    found.update(name_key(m.group(1)) for m in _NAMED.finditer(text))
    found.update(name_key(m.group(2)) for m in _INITIALLED.finditer(text)
                 if m.group(1).lower() not in vocab.stop and m.group(1).lower() not in vocab.prepositions
                 and m.group(1).lower() not in vocab.person_titles)
    # A word the text also writes right after "in" or "near" is a place there ("in Dublin"),
    # even if an organisation's name ends with it ("Distinctly Dublin").
    located = {name_key(m.group(2)) for m in _LOCATED.finditer(text)
               if m.group(1) in vocab.locative_prepositions}
    # An institution's name said alone is the institution's, after "near" too ("near Franklin").
    return frozenset((found - located) | _named_institutions(text, vocab, gazetteer))


def _named_institutions(text: str, vocab: Vocabulary, gazetteer: Gazetteer) -> set[str]:
    """Names of schools, colleges and hospitals the text places in another town ("Franklin
    Elementary in Santa Ana", "Doctors Hospital of Springfield"): named after a person, and the
    name alone later ("students at Franklin") is the institution's. A country's or a
    division's name stays a place ("Texas Southern University in Houston")."""
    pattern = _institution_pattern(vocab.institution_nouns)
    if pattern is None:
        return set()
    found = set()
    for m in pattern.finditer(text):
        name = _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if name is None:
            continue
        word = name.group(1)
        lowered = word.lower()
        if (word == m.group(1) or lowered in vocab.function_words or lowered in vocab.name_descriptors
                or lowered in vocab.stop or any(e.place.kind == "country" or e.feature == "admin" for e in gazetteer.lookup(word))):
            continue
        found.add(name_key(word))
    return found


_NAME_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2}\s+$")


@functools.lru_cache(maxsize=4)
def _institution_pattern(nouns: tuple[str, ...]) -> re.Pattern | None:
    if not nouns:
        return None
    words = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b,?\s+(?:in|of)\s+([A-Z][a-z]+)")


def _story_division(votes: dict) -> tuple[str, str] | None:
    """The first-level division the text's places lean to: each name votes for the divisions
    of its namesakes, one vote shared among them (Oakwood, in many states, casts a little for
    each; a name found in one state a whole vote for it). None unless one division leads with
    `story_division_votes` or more."""
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    division, score = ranked[0]
    if score < weights().recognition.story_division_votes or (
            len(ranked) > 1 and ranked[1][1] == score):
        return None
    return division


def _divisions_voted(entries) -> set[tuple[str, str]]:
    """The first-level divisions a name's towns and divisions lie in."""
    return {(e.place.country_code, e.admin1) for e in entries
            if e.admin1 and e.place.kind in ("city", "admin")}


def _recognize(text: str, phrases: list[re.Match], surnames: frozenset[str], gazetteer: Gazetteer,
               known: dict, divisions: frozenset, whole_words: WholeWords, hits: dict,
               trace: list | None = None, story: tuple[str, str] | None = None):
    """One pass over the capitalised runs. `known`: the names an earlier pass accepted, with
    where (a name is "repeated" when accepted at another mention, never by itself); `story`:
    the division the text's places lean to. Returns the toponyms, the names accepted in this
    pass with where, the rejected names, the divisions and each division's votes (from every
    name judged that is no surname)."""
    vocab = vocabulary("en")
    found: list[Toponym] = []
    accepted: dict[str, set[int]] = {}
    rejected: set[str] = set()
    voters: dict[str, set] = {}
    named_divisions: set[tuple[str, str]] = set()
    previous: Toponym | None = None     # the last accepted toponym, for lists
    decisions: dict = {}                # evidence.decide's answer for each set of signals met
    judged: dict = {}                   # _toponym's answer for each surroundings met (_surroundings)
    run_words: dict[str, list] = {}     # the words of each run met (a run's words are its own)
    facts = _EntryFacts()
    # A name the text gives a disease or a virus ("West Nile virus", "Marburg fever") is the
    # disease's at its other mentions too ("West Nile cases", "a case of imported Marburg").
    diseases = _disease_names(text, phrases, vocab) if any(
        word in whole_words for word in vocab.disease_words) else frozenset()
    for match in phrases:
        words = run_words.get(match.group())
        if words is None:
            words = run_words[match.group()] = [w for w in _RUN_WORD.finditer(match.group())
                                                if w.group() != "-"]
        i = 0
        after_hit = -1      # the word right after the last name found: "Russia's Bryansk"
        while i < len(words):
            hit = _hit_again(text, match, words, i, vocab, gazetteer, hits)
            if hit is None:
                i += 1
                continue
            n = hit.words
            if hit.demonym:
                i += n
                after_hit = i
                continue
            if hit.nationality and not _announced(text, hit, vocab, gazetteer):
                i += n
                after_hit = i
                continue
            entries = hit.entries
            # A name that runs on into more capitalised words is a person's or an
            # organisation's ("Chelsea Clinton", "Boston Globe"), unless it is a country.
            # ... but not a place's possessive: "Rome's Gemelli hospital", "Georgia's Parliament"
            # (a saint's is a church's or a school's: "St. John's Lutheran School").
            runs_on = (i + n < len(words) and words[i + n].group()[:1].isupper()
                       and not (_POSSESSIVE_AT.match(text, hit.end) and not _SAINT.match(hit.phrase)))
            if runs_on and n == 1 and hit.phrase.lower() in vocab.name_descriptors:
                i += 1      # "Northeast Georgia", "Metro Nashville": the word describes the name after it
                continue
            country = facts.country(entries)
            if _not_a_place_here(text, hit, vocab, country) or (match.group() in diseases and not country):
                i += n
                continue
            # "Kentucky State Police", "Texas Department of …", "Ohio State University": an
            # institution of the place, read before the organisations' tails (the state's
            # "National Guard" is not "Qatar National Bank").
            jurisdiction = runs_on and _leads_institution(words, i + n, vocab)
            key = name_key(hit.phrase)
            repeated = key in accepted or any(start != hit.start for start in known.get(key, ()))
            # "Qatar Airways", "Bank of England": a place inside an organisation's name, unless
            # the story names the place alone too ("the University of Toronto" in Toronto news).
            lead = tuple(w.group().lower() for w in words[max(0, i - 3):i])
            if ((runs_on and not jurisdiction and words[i + n].group().lower() in vocab.organisation_tails)
                    or (lead and any(len(h) <= len(lead) and lead[len(lead) - len(h):] == h
                                     for h in vocab.organisation_heads))):
                if not repeated:
                    rejected.add(key)
                    i += n
                    continue
            if runs_on and not jurisdiction and (not country or hit.phrase.lower() in vocab.name_like_countries):
                # ... unless the text names the place alone elsewhere: "the Dublin Arts Council"
                # in a story set in Dublin is Dublin's (one sense per discourse).
                person = i + n + 1 == len(words) and name_key(words[i + n].group()) in surnames
                if not repeated or person:      # "Chelsea Clinton" is nobody's Chelsea
                    rejected.add(key)
                    i += n + 1
                    continue
            # ... and so is one that a capitalised run leads into ("Court of Justice"), or that
            # another capitalised word opens ("United Russia", "Phil Jones").
            opener = words[i - 1].group().lower() if i > 0 else ""
            inside = i > 0 and opener in vocab.connectors and not country
            after_name = i > 0 and i != after_hit and not (
                opener in vocab.connectors or opener in vocab.function_words or opener in vocab.prepositions
                or opener in vocab.name_descriptors or opener.rstrip(".") in vocab.demonyms)
            if after_name and not _divisions_only(entries):
                i += n
                after_hit = i
                continue
            listed = _listed_after(text, previous, hit.start, entries, facts)
            surroundings = None if trace is not None else _surroundings(
                text, hit, (repeated, inside, listed, key in surnames, jurisdiction))
            if surroundings in judged:
                toponym = _again(judged[surroundings], text, hit)
            else:
                toponym = _toponym(text, hit, vocab, repeated, gazetteer, divisions, inside, listed,
                                   surname=key in surnames, jurisdiction=jurisdiction,
                                   whole_words=whole_words, trace=trace, story=story,
                                   decisions=decisions)
                if surroundings is not None:
                    if len(judged) >= _JUDGED_MAX:
                        judged.clear()      # a text of distinct surroundings: bounded memory
                    judged[surroundings] = toponym
            if key not in surnames and key not in voters:     # a name votes once
                voters[key] = _divisions_voted(entries)
            if toponym:
                found.append(toponym)
                previous = toponym
                if toponym.evidence != "country":
                    accepted.setdefault(key, set()).add(hit.start)
                named_divisions.update(facts.divisions_named(entries))
            else:
                rejected.add(key)
            i += n
            after_hit = i if toponym else -1
    votes: dict[tuple[str, str], float] = {}
    for voted in voters.values():
        for division in voted:
            votes[division] = votes.get(division, 0.0) + 1 / len(voted)
    return found, accepted, rejected, named_divisions, votes


# What _toponym reads of the text around a hit [a, b): the characters from a - 41 to b + 40 (the
# word and the triggers before the name, up to a pattern's \b at a - 41; the division, the
# country and the words after it) and whether a dateline's dash follows (that pattern has no
# bound). A hit whose surroundings and flags are an earlier one's in the same pass gets the same
# judgement without reading them again: "Cairo, " repeated is 1.4 million such hits at 10 MB.
# A change to _toponym that reads further must widen these.
_READS_BEFORE, _READS_AFTER = 41, 40
_JUDGED_MAX = 100_000


def _surroundings(text: str, hit: _Hit, flags: tuple) -> tuple:
    """Everything _toponym reads for this hit but the pass's own state (divisions, story, the
    text's words), as a key; the offset itself only near the start of the text (where a
    pattern's ^ can match)."""
    a, b = hit.start, hit.end
    return (hit.words, b - a, a if a < _READS_BEFORE else -1,
            text[max(0, a - _READS_BEFORE):b + _READS_AFTER], _dateline(text, a, b), flags)


def _again(judged: Toponym | None, text: str, hit: _Hit) -> Toponym | None:
    """An earlier hit's judgement, for this hit's span."""
    if judged is None:
        return None
    return Toponym(hit.start, hit.end, text[hit.start:hit.end], judged.candidates, judged.evidence,
                   judged.hint, judged.local_country, {}, local_division=judged.local_division)


_WORD_AFTER = re.compile(r"['’]?\s+([A-Za-z]+)")
_NUMBERED = re.compile(r" \d")


def _not_a_place_here(text: str, hit: _Hit, vocab: Vocabulary, country: bool = False) -> bool:
    """A name used for something else where it stands: a disease or a strain ("West Nile
    virus", "the Marburg fever", "A/California/7/2009"), a currency ("$US 15"), a common
    noun with a number ("Section 2AA"). A country before a strain word names where the strain
    was found: "the Sudan strain" stays Sudan."""
    a, b = hit.start, hit.end
    disease = _disease_word_after(text, b, vocab)
    if disease and not (country and disease in vocab.strain_words):
        return True
    if _NUMBERED.match(text, b) and " " not in hit.phrase and (
            vocab.zipf(hit.phrase.lower()) >= weights().recognition.frequent_zipf):
        return True     # a common noun numbered: "Section 2AA", "Region 8", not Section, Alabama
    return text[a - 1:a] == "$" or (text[a - 1:a] == "/" and text[b:b + 1] == "/")


def _disease_word_after(text: str, end: int, vocab: Vocabulary) -> str | None:
    """The disease word (lower case) right after a name ending at `end` ("West Nile virus"), if any."""
    following = _WORD_AFTER.match(text, end, end + 24)
    word = following.group(1).lower() if following else None
    return word if word in vocab.disease_words else None


def _disease_names(text: str, phrases: list[re.Match], vocab: Vocabulary) -> frozenset[str]:
    """The capitalised runs the text writes before a disease word ("West Nile virus")."""
    names = set()
    for match in phrases:
        if _disease_word_after(text, match.end(), vocab):
            words = match.group().split()
            while len(words) > 1 and words[0].lower() in vocab.function_words:
                words = words[1:]      # "The Marburg virus": Marburg
            names.add(" ".join(words))
    return frozenset(names)


def _leads_institution(words, j: int, vocab: Vocabulary) -> bool:
    """Whether the capitalised words from j name an institution of the place before them."""
    following = tuple(w.group().lower().replace("’", "'") for w in words[j:j + 4])
    # The longest head that matches; an organisation's tail after it makes the whole name an
    # organisation's ("Qatar National Bank", "Qatar Central Bank").
    head = next((head for head in vocab.jurisdiction_heads if following[:len(head)] == head), None)
    return head is not None and following[len(head):len(head) + 1] not in {
        (tail,) for tail in vocab.organisation_tails}


def _names_a_division(entries) -> bool:
    """Whether a name after "Port of" names a state or a country rather than a port town: it has
    such a sense, and that country has no town of the name of PORT_TOWN_POPULATION (Louisiana;
    not Tartus, also a province)."""
    countries = {e.place.country_code for e in entries if e.place.kind in ("admin", "country")}
    return bool(countries) and not any(
        e.place.kind == "city" and e.place.country_code in countries
        and e.place.population >= PORT_TOWN_POPULATION for e in entries)


def _divisions_only(entries) -> bool:
    """"Lexington, Ky." may follow a name in one capitalised run only as a division."""
    return all(e.place.kind == "admin" for e in entries)


def _listed_after(text: str, previous: Toponym | None, a: int, entries, facts: "_EntryFacts") -> bool:
    """"from Odesa, Chornomorsk and Pivdennyi": a name listed right after an accepted place is
    one too when it is in the same country or a sizeable place."""
    if previous is None or not _LIST_JOINER.fullmatch(text[previous.end:a]):
        return False
    return facts.listable(previous.candidates, entries)


def _listable(candidates, entries) -> bool:
    countries = {e.place.country_code for e in candidates}
    return any(e.place.country_code in countries
               or e.place.population >= weights().recognition.listed_population for e in entries)


class _EntryFacts:
    """What recognition reads of a hit's entries, once per entries object of a pass (a name's
    hits share theirs: _hit_again). Keyed by identity, each answer holds its objects, so that an
    identity is never reused while the answer stands."""

    def __init__(self) -> None:
        self._countries: dict[int, tuple] = {}
        self._divisions: dict[int, tuple] = {}
        self._listable: dict[tuple[int, int], tuple] = {}

    def country(self, entries) -> bool:
        """Whether some entry is a country."""
        known = self._countries.get(id(entries))
        if known is None:
            known = self._countries[id(entries)] = (
                entries, any(e.place.kind == "country" for e in entries))
        return known[1]

    def divisions_named(self, entries) -> frozenset[tuple[str, str]]:
        """The first-level divisions an accepted name names: its divisions' own, a county's
        only when all its namesakes lie in one."""
        known = self._divisions.get(id(entries))
        if known is None:
            counties = {(e.place.country_code, e.admin1) for e in entries if e.feature == "admin2"}
            known = self._divisions[id(entries)] = (entries, frozenset(
                (e.place.country_code, e.admin1) for e in entries
                if e.place.kind == "admin" and e.admin1 and (e.feature != "admin2" or len(counties) == 1)))
        return known[1]

    def listable(self, candidates, entries) -> bool:
        """_listable, once per pair."""
        known = self._listable.get((id(candidates), id(entries)))
        if known is None:
            known = self._listable[id(candidates), id(entries)] = (
                candidates, entries, _listable(candidates, entries))
        return known[2]


def _famous(phrase: str, entries, thresholds) -> bool:
    """A capital, a city of a million, or a well-known city of 100,000 — by its own name only:
    "the vessel Angara" is not Ankara."""
    return any((e.feature == "capital" or e.place.population >= thresholds.prominent_population
                or (e.names_count >= thresholds.famous_names
                    and e.place.population >= thresholds.famous_population))
               and name_key(e.place.name).startswith(name_key(phrase)) for e in entries)


_DEMONYM_BEFORE = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:(?:port|city|town|village|capital|"
                             r"province|region|island|border town|coastal town|port city)(?:\s+of)?\s+)?$")


def _demonym_before(text: str, a: int, vocab: Vocabulary) -> str | None:
    """"the Lebanese port of Tripoli", "the Turkish Iskenderun": the country a demonym names."""
    # Every match ends in a lower-case letter and spaces: tested first, for most names fail it
    # (the search tries every position of the window).
    window = text[max(0, a - 40):a]
    head = window.rstrip()
    if len(head) == len(window) or not "a" <= head[-1:] <= "z":
        return None
    before = _DEMONYM_BEFORE.search(text, max(0, a - 40), a)
    if before is None:
        return None
    code = vocab.demonyms.get(before.group(1).lower())
    if isinstance(code, (list, tuple)):
        code = code[0] if code else None
    return code or None


def _local_division(text: str, b: int, vocab: Vocabulary, gazetteer: Gazetteer):
    """The division named right after a place: "Paris, Texas", "Richmond, Ky.", "Gainesville, GA"."""
    after = _DIVISION_AFTER.match(text[b:b + 30])
    if after is None:
        return None
    name = after.group(1).strip()
    full = vocab.state_abbreviations.get(name) or vocab.postal_codes.get(name) or name
    divisions = _divisions(full, gazetteer)
    return (divisions[0].place.country_code, divisions[0].admin1) if divisions else None


_LINE_START = re.compile(r"(?:^|\n)[\s\"“]*$")
# After a dateline's place: its state or country, an agency, then a dash ("PARIS, Texas (AP) —").
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*(?:\([A-Za-z ]{1,24}\)\s*)?(?:[—–]|--?\s)")
_FOLLOWING_WORD = re.compile(r"(?:['’]s)?\s*(-?[a-z]+)")
_SAYING_AFTER = re.compile(r"['’]?,?\s+([a-z]+)\b")


def _dateline(text: str, a: int, b: int) -> bool:
    """"MANSFIELD —", "GAINESVILLE, Ga. (AP) —": the place a story was filed from."""
    return bool(_LINE_START.search(text, max(0, a - 8), a)) and bool(_DATELINE_AFTER.match(text, b))


def _resident_after(text: str, b: int, vocab: Vocabulary) -> bool:
    """"a Coral Gables man", "Chicopee residents", "the Gainesville area", "Atlanta-based": the
    word after the name is one of its people, its area or its services (`resident_nouns`)."""
    following = _FOLLOWING_WORD.match(text, b, b + 24)
    return bool(following) and following.group(1) in vocab.resident_nouns


def _speaker(text: str, a: int, b: int, prev: str, vocab: Vocabulary) -> bool:
    """"Baker said", "said Walker": a verb of saying next to a single word makes it a person."""
    after = _SAYING_AFTER.match(text, b, b + 16)
    return prev in vocab.speech_verbs or bool(after and after.group(1) in vocab.speech_verbs)


def _announced(text: str, hit: _Hit, vocab: Vocabulary, gazetteer: Gazetteer) -> bool:
    """Whether a nationality adjective names a place here: a trigger before it ("the state
    of X"), a division's noun after it ("the Somali region"; not "the English port of", a
    demonym before a feature word), or a division after it ("Welsh, Louisiana")."""
    any_trigger, _ = _trigger_patterns(tuple(vocab.triggers.items()))
    if any_trigger.search(text[max(0, hit.start - 20):hit.start].lower()):
        return True
    following = _LOWER_AFTER.match(text[hit.end:hit.end + 24])
    if following and (vocab.post_triggers.get(following.group(1))
                      or vocab.post_triggers.get(following.group(1).split()[0])) == "admin":
        return True
    return _local_division(text, hit.end, vocab, gazetteer) is not None


@functools.lru_cache(maxsize=4)
def _trigger_patterns(triggers: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, tuple[tuple[re.Pattern, str], ...]]:
    """Each trigger word as a pattern for the window before a name, compiled once, and one
    pattern for them all: most names have no trigger, and one search tells."""
    words = "|".join(re.escape(word) for word, _ in triggers) or "(?!)"
    return (re.compile(rf"\b(?:{words})\s*$"),
            tuple((re.compile(rf"\b{re.escape(word)}\s*$"), hint) for word, hint in triggers))


def _toponym(text, hit: _Hit, vocab, repeated, gazetteer, divisions=frozenset(), inside=False,
             listed=False, surname=False, jurisdiction=False, whole_words: WholeWords | None = None,
             trace: list | None = None, story: tuple[str, str] | None = None,
             decisions: dict | None = None) -> Toponym | None:
    """The toponym of a gazetteer hit, or None. `decisions`: evidence.decide's answers for the
    signals already judged (most hits of a text share their signals with an earlier one)."""
    a, b, phrase, entries = hit.start, hit.end, hit.phrase, list(hit.entries)
    thresholds = weights().recognition
    before = _WORD_BEFORE_REVERSED.match(text[max(0, a - 40):a][::-1])
    prev = before.group(1)[::-1].lower() if before else ""
    window = text[max(0, a - 20):a].lower()
    any_trigger, patterns = _trigger_patterns(tuple(vocab.triggers.items()))
    trigger = next((hint for pattern, hint in patterns if pattern.search(window)),
                   None) if any_trigger.search(window) else None
    following = _LOWER_AFTER.match(text[b:b + 24])
    if trigger is None and following:     # "the Donetsk region", "Gezira state"
        words = following.group(1)
        trigger = vocab.post_triggers.get(words) or vocab.post_triggers.get(words.split()[0])
        if trigger == "county":
            # "Anderson county": the county of that name, wherever the gazetteer has it.
            entries, trigger = [*gazetteer.lookup(f"{phrase} County"), *entries], "admin"
    if trigger in FEATURE_SITES:
        # "the Zaporizhzhia nuclear plant", "the island of Crete": the site named after the
        # place, if the gazetteer has it.
        entries = [*gazetteer.sites_named(phrase, trigger), *entries]
    after = _NAME_AFTER.match(text[b:b + 40])
    local = _demonym_before(text, a, vocab)
    if after and local is None:   # "Springfield, Illinois", "Tripoli, Libya"
        # Of the names' senses (Georgia the country, Georgia the state), the one in whose
        # country the place has a namesake: "Tifton, Georgia" is in the US, "Batumi, Georgia" not.
        homes = {e.place.country_code for e in entries}
        # A county of the world named bare ("Sharon, Cornwall") speaks only for a namesake in it.
        named = [e.place.country_code for e in gazetteer.lookup(after.group(1))
                 if e.place.kind in ("country", "admin")
                 and not (e.feature == "admin2" and e.place.source == "geonames" and e.place.country_code not in homes)]
        local = next((code for code in named if code in homes), named[0] if named else None)
    local_division = _local_division(text, b, vocab, gazetteer)
    if local_division and not any(e.place.country_code == local_division[0] for e in entries):
        local_division = None   # "Sharon, Cornwall" in Connecticut: no Sharon in England
    if local_division and not local:
        local = local_division[0]
    sentence_initial = bool(_SENTENCE_START.search(text, max(0, a - 6), a))
    # How common the word is, read only for a one-word name that some namesake bears as its own
    # ("the vessel Angara" is rare as a word, but Ankara's only by an alternate name) and that
    # takes no article (a town seldom does: "the Duma" is an assembly).
    single = " " not in phrase and "-" not in phrase
    own = single and prev != "the" and any(name_key(e.place.name) == name_key(phrase) for e in entries)
    signals = Signals(
        frequency=vocab.zipf(phrase.lower()) if own else None,
        dateline=_dateline(text, a, b),
        resident=_resident_after(text, b, vocab) or text[a - 1:a] == "-" and bool(
            _PARTY.search(text, max(0, a - 4), a + 1)),
        speaker=single and _speaker(text, a, b, prev, vocab),
        story_division=story is not None and any(
            (e.place.country_code, e.admin1) == story for e in entries if e.place.kind != "country"),
        trigger=bool(trigger),
        surname=surname,
        guarded=name_key(phrase) in vocab.guarded,
        common_word=(sentence_initial and " " not in phrase
                     and phrase.lower() in (whole_words or WholeWords(text))),
        jurisdiction=jurisdiction,
        country=any(e.place.kind == "country" for e in entries),
        curated=any(e.place.source != "geonames" or e.feature == "admin" for e in entries),
        local=bool(local),
        listed=listed,
        repeated=repeated,
        prominent=_famous(phrase, entries, thresholds),
        # "at Miller's Hardware": the preposition's object is what the name owns, not the name.
        preposition="word" if prev in vocab.prepositions and not _POSSESSIVE_NAME.match(text, b) else None,
        inside=inside,
        population=max(e.place.population for e in entries),
        in_named_division=any((e.place.country_code, e.admin1) in divisions
                              and e.place.population >= thresholds.division_population for e in entries),
    )
    if trace is not None:
        trace.append(Candidate(a, b, text[a:b], signals, "en"))
    if decisions is None:
        evidence = decide(signals, "en")
    elif (evidence := decisions.get(signals, "")) == "":
        evidence = decisions[signals] = decide(signals, "en")
    if evidence is None:
        return None
    if trigger in PORT_HINTS and _PORT_NAME.search(text, max(0, a - 20), a) and _names_a_division(entries):
        return None     # "the Port of Louisiana" is a port authority in Louisiana, not the state
    return Toponym(a, b, text[a:b], tuple(entries), evidence, trigger, local, {},
                   local_division=local_division)
