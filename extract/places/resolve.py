"""Toponym resolution: choose, for each recognised span, the gazetteer entry it denotes.

Candidates are ranked by feature type and population, then by what the document says: the
trigger noun's hint (قاعدة فضائية → a spaceport), a country named right next to the span, the
countries and first-level divisions the document names, and spatial coherence with the
document's other places (طرابلس in a story about Libya is Tripoli, Libya).
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict

from ..geometry import haversine_km
from ..records import PlaceMention
from .gazetteer import Entry, name_key
from .evidence import Toponym
from .weights import weights

# Hints that name a specific feature type of the curated rows.
FEATURE_HINTS = {"spaceport", "base", "plant", "strait", "sea", "canal", "airport", "island", "river", "lake"}
WEAK_EVIDENCE = {"translit", "context"}
# Hints under which a name shared by a country and its own city means the city (العاصمة تونس).
CITY_HINTS = {"city", "capital", "port", "airport"}
# Hints that say what kind of place a name is, not which one: "the city of Georgetown" may be
# any Georgetown, so the story's geography still chooses among them.
KIND_HINTS = {"city", "any"}


class _Document:
    """What the whole document says about where it is: the countries and first-level divisions
    it names. Each toponym sees what the *other* toponyms say ("Oklahoma" must not vote for
    Oklahoma City through its own state candidate); repeated mentions of one name count once."""

    def __init__(self, toponyms: list[Toponym], demonym_countries: set[str], home_countries=frozenset()):
        self._demonyms = set(demonym_countries)
        self._home = frozenset(home_countries)
        self._toponyms = toponyms
        # Contributions per surface text, then how many distinct texts make each contribution,
        # so that a view is O(countries) rather than O(toponyms).
        self._countries_of: dict[str, set[str]] = defaultdict(set)
        self._admins_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
        # The divisions the story is surely set in (its focus): a division named alone
        # ("Kentucky"), the one named right after a town ("Richmond, Ky."), the one that holds
        # every namesake of a town ("Flowery Branch").
        self._focus_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
        big_city = weights().resolution.support_population
        said: set[tuple] = set()
        for toponym in toponyms:
            # What a mention says is read from its text, evidence, neighbours and candidates: a
            # mention that repeats an earlier one's (the same candidates object) adds nothing.
            saying = (toponym.text, toponym.evidence, toponym.local_country, toponym.local_division,
                      id(toponym.candidates))
            if saying in said:
                continue
            said.add(saying)
            countries, admins = self._countries_of[toponym.text], self._admins_of[toponym.text]
            focus = self._focus_of[toponym.text]
            kinds = {e.place.kind for e in toponym.candidates}
            if kinds == {"country"} or toponym.evidence == "country":
                countries.update(e.place.country_code for e in toponym.candidates
                                 if e.place.kind == "country")
            if toponym.local_country:
                countries.add(toponym.local_country)
            codes = {e.place.country_code for e in toponym.candidates}
            if len(codes) == 1 and toponym.evidence != "translit":
                countries.update(codes)     # "بريف حلب": every حلب is in Syria
            divisions = {(e.place.country_code, e.admin1) for e in toponym.candidates}
            if (len(divisions) == 1 and kinds == {"city"} and toponym.evidence != "translit"
                    and all(e.place.population < big_city for e in toponym.candidates)):
                (division,) = divisions
                if division[1]:
                    focus.add(division)
            if toponym.local_division:
                focus.add(toponym.local_division)
            # "Texas" is the state (its namesake villages are small); "New York" may be the city.
            division_named = "country" not in kinds and not any(
                e.place.kind == "city" and e.place.population >= big_city
                for e in toponym.candidates)
            # "Lamar County" is in Alabama, Georgia, Mississippi or Texas: a county says which
            # state the story is in only when all its namesakes lie in one.
            # A bare county name of the world ("Cornwall", also towns in the US and Canada) says
            # so only when none of its namesakes lies elsewhere either.
            bare = any(map(_bare_division, toponym.candidates))
            county_states = {(e.place.country_code, e.admin1) for e in toponym.candidates
                             if e.feature == "admin2" or bare}
            for entry in toponym.candidates:
                if entry.feature == "admin2" and len(county_states) > 1:
                    continue
                if entry.feature == "admin1" and any(
                        e.place.country_code != entry.place.country_code
                        and e.place.population > entry.place.population for e in toponym.candidates):
                    # "Hamilton" is a parish of Bermuda and a city of Ontario: a province
                    # smaller than a namesake abroad does not say which country the story is in.
                    continue
                if entry.place.kind == "admin" and entry.admin1:
                    admins.add((entry.place.country_code, entry.admin1))
                    countries.add(entry.place.country_code)
                    if division_named:
                        focus.add((entry.place.country_code, entry.admin1))
        # "Georgia" in a story that also names other places of the US is the state: a name that
        # is both a country and a division says where the story is once the rest of the story
        # names the division's country.
        self._country_votes = Counter(c for cs in self._countries_of.values() for c in cs)
        for toponym in toponyms:
            if not any(e.place.kind == "country" for e in toponym.candidates):
                continue
            own = self._countries_of[toponym.text]
            for entry in toponym.candidates:
                if (entry.feature == "admin" and entry.admin1 and entry.latin_names
                        and name_key(entry.latin_names[0]) == name_key(toponym.text)
                        and self._country_votes[entry.place.country_code] > (entry.place.country_code in own)):
                    self._focus_of[toponym.text].add((entry.place.country_code, entry.admin1))
        self._admin_votes = Counter(a for admins in self._admins_of.values() for a in admins)
        self._focus_votes = Counter(a for focus in self._focus_of.values() for a in focus)
        self._texts_with_countries = sum(1 for codes in self._countries_of.values() if codes)
        self._views: dict[tuple, _View] = {}

    @property
    def named_divisions(self) -> set[tuple[str, str]]:
        """Every first-level division the story names or is surely set in."""
        return set(self._admin_votes) | set(self._focus_votes)

    def view(self, index: int) -> "_View":
        """What the other toponyms say: one view per name and adjacent country, shared by the
        name's mentions (a megabyte of text names Cairo thousands of times)."""
        toponym = self._toponyms[index]
        key = (toponym.text, toponym.local_country)
        if key not in self._views:
            self._views[key] = self._view(toponym)
        return self._views[key]

    def _view(self, toponym: Toponym) -> "_View":
        own_countries, own_admins = self._countries_of[toponym.text], self._admins_of[toponym.text]
        countries = {c for c, n in self._country_votes.items() if n > (c in own_countries)}
        if toponym.local_country:
            countries.add(toponym.local_country)
        admins = {a for a, n in self._admin_votes.items() if n > (a in own_admins)}
        own_focus = self._focus_of[toponym.text]
        votes = {a: n - (a in own_focus) for a, n in self._focus_votes.items() if n > (a in own_focus)}
        # The division that outvotes all the others together: where a local story is set even
        # when a name or two of it also point elsewhere.
        main = next((a for a, n in votes.items() if 2 * n > sum(votes.values())), None)
        # Whether the focus also outvotes the names that lie only in other countries: a story
        # that names Maine once and Mexico and Guatemala more is not read as set in Maine
        # where a country's name is at stake ("Mexico").
        elsewhere = self._texts_with_countries - bool(own_countries)
        focus = set(votes)
        single = main if main is not None else (next(iter(focus)) if len(focus) == 1 else None)
        settled = single is not None and votes[single] > elsewhere - (
            self._country_votes[single[0]] - (single[0] in own_countries))
        return _View(countries, admins, self._demonyms, self._home, focus, main, settled)


class _View:
    def __init__(self, countries: set[str], admins: set[tuple[str, str]], demonym_countries: set[str],
                 home_countries: frozenset[str], focus: set[tuple[str, str]] = frozenset(),
                 main_focus: tuple[str, str] | None = None, settled: bool = False):
        self.countries, self.admins, self.demonym_countries = countries, admins, demonym_countries
        self.home_countries, self.focus, self.main_focus = home_countries, focus, main_focus
        self.settled = settled      # the focus outvotes the names that lie only elsewhere


def _population_term(population: int, w) -> float:
    """+0.5 per tenfold above 1,000 people, capped: the most populous namesake is usually meant."""
    return min(w.population_cap,
               max(0.0, (math.log10(population + 1) - w.population_floor_log10) * w.population_per_decade))


def _score(entry: Entry, toponym: Toponym, doc: _View, anchors: list[tuple[float, float]]) -> float:
    w = weights().resolution
    place = entry.place
    score = w.kind_prior.get(place.kind, 0.0)
    if entry.feature == "admin1" or _bare_division(entry):
        # The world's provinces, counties and districts are many and their names recur (Gaza,
        # Mozambique, Norfolk): unlike the US states and "X County" they earn their place by
        # size, as cities do.
        score = (w.admin1_prior + _population_term(place.population, w)
                 + w.names_weight * math.log10(1 + entry.names_count))
    if place.kind == "city":
        score += _population_term(place.population, w)
        # Fame: Geneva, Switzerland has ten times the names of Geneva, New York.
        score += w.names_weight * math.log10(1 + entry.names_count)
    if place.source != "geonames":
        # The oceans and continents are the most famous features of all: "the Atlantic" is
        # the ocean before it is a village of 800 people.
        score += w.feature_prior.get(entry.feature, 0.0)
    if entry.feature == "capital":
        score += w.capital
    if (toponym.text[:1].isascii() and entry.latin_names
            and name_key(toponym.text) == name_key(entry.latin_names[0])):
        score += w.current_name    # Pokrovsk is the Ukrainian town, not Engels's old name
    if toponym.local_country and place.country_code == toponym.local_country:
        score += w.local_country
    elif place.country_code in doc.countries:
        # Divisions are named in stories about their own country ("Tampa, Florida ... Georgia").
        score += w.document_country_division if place.kind == "admin" else w.document_country
    elif place.country_code in doc.demonym_countries:
        score += w.demonym_country
    if place.country_code in doc.home_countries:
        score += w.home_country
    # A county lies in its state as a town does ("Lamar County" in a Texas story is in Texas);
    # a state does not lie in itself.
    division = entry.feature in ("admin", "admin1")
    if (place.country_code, entry.admin1) in doc.admins and not division:
        score += w.named_division
    if (doc.focus == {(place.country_code, entry.admin1)} and not division
            and (doc.settled or not _names_a_country(toponym)) and not _names_a_division(toponym)):
        # A story surely set in one division (a local story: "Lamar County, Texas … Paris")
        # means its namesakes there; a list of states ("from Maine to Texas") does not.
        score += w.focus_division
    if toponym.local_division == (place.country_code, entry.admin1) and not division:
        score += w.local_division
    hint = toponym.hint
    if hint in FEATURE_HINTS:
        score += w.feature_hint if entry.feature == hint else 0.0
    elif hint == "capital":
        score += w.capital_hint if entry.feature == "capital" else 0.0
    elif hint == "admin":
        score += w.admin_hint if place.kind in ("admin", "region") else 0.0
    elif hint == "country":
        score += w.country_hint if place.kind == "country" else 0.0
    elif hint in ("city", "port") and place.kind == "city":
        score += w.city_hint
    if toponym.evidence == "translit":
        score += w.translit_similarity * (toponym.similarity.get(entry, 0.0)
                                          - weights().recognition.min_translit_similarity)
    if anchors and place.kind in ("city", "site", "admin"):
        nearest = min(haversine_km((place.lat, place.lon), anchor) for anchor in anchors)
        score += w.coherence * max(0.0, 1.0 - nearest / w.coherence_km)
        if not _names_a_country(toponym):
            # Right next to a place the story names nearby, across a state line too (Vancouver
            # beside Portland is in Washington state): the pull of two names read together in
            # _compact_senses, which only reads names within one division.
            score += w.near_pull * max(0.0, 1.0 - nearest / w.compact_near_km)
    return score


def _bare_division(entry: Entry) -> bool:
    """A second-level division of the world outside the US (places_admin2.tsv), named bare by the
    news ("Norfolk") unlike a US county ("Laurel County")."""
    return entry.feature == "admin2" and entry.place.source == "geonames"


def _names_a_country(toponym: Toponym) -> bool:
    return any(e.place.kind == "country" for e in toponym.candidates)


def _names_a_division(toponym: Toponym) -> bool:
    """Whether the name, as written, is a first-level division's own name ("Wales", "Kansas"):
    a story set in a neighbouring division does not make it a village of that name."""
    key = name_key(toponym.text)
    return any(e.feature in ("admin", "admin1") and e.latin_names and name_key(e.latin_names[0]) == key
               for e in toponym.candidates)


def _bearer_key(name: str) -> str:
    """The name's key with "St."/"St" read as "Saint" (GeoNames spells out Saint Petersburg)."""
    words = name.replace(".", " ").replace("-", " ").split()
    return " ".join(name_key("Saint" if w.lower() == "st" else w) for w in words)


def _rank(toponym: Toponym, doc: _View, anchors) -> list[tuple[float, Entry]]:
    candidates = toponym.candidates
    if toponym.hint in FEATURE_HINTS:
        # A trigger chooses the feature class: "the Jordan river" is the river, not the
        # country; "the island of Crete" the island.
        candidates = [e for e in candidates if e.feature == toponym.hint] or candidates
    countries = {e.place.country_code for e in candidates if e.place.kind == "country"}
    if countries and toponym.hint in CITY_HINTS | {"admin"} and any(
            e.place.kind != "country" for e in candidates):
        # Djibouti, Luxembourg, Kuwait: the country is the default for a bare name, but a city
        # trigger ("the capital", مدينة، "city of") means the city, and a province trigger
        # (محافظة أذربيجان) never means a country.
        candidates = [e for e in candidates if e.place.kind != "country"]
    elif countries and toponym.hint == "admin":
        return []   # "محافظة أذربيجان الشرقية" names a province the gazetteer lacks, not a country
    elif countries and toponym.hint not in CITY_HINTS:
        # تونس, الكويت, Mexico: a country and its own city share the name; without a hint the
        # text means the country. (عمان stays open: Oman and Amman are in different countries.)
        candidates = [e for e in candidates
                      if e.place.kind == "country" or e.place.country_code not in countries]
    if any(map(_bare_division, candidates)):
        # Norfolk, Surrey, Cornwall: a county of England in a story set in England (or in a
        # division the story names, or with its country next to it); a namesake elsewhere
        # otherwise. A name with no namesake elsewhere (Oxfordshire) stays the division.
        elsewhere = {e.place.country_code for e in candidates if not _bare_division(e)}
        candidates = [e for e in candidates if not _bare_division(e) or not (elsewhere - {e.place.country_code})
                      or e.place.country_code in doc.countries or e.place.country_code == toponym.local_country
                      or e.place.country_code in doc.demonym_countries
                      or (e.place.country_code, e.admin1) in doc.admins]
    if toponym.text[:1].isascii() and any(e.place.source != "geonames" for e in candidates):
        # "White House": a curated place named exactly so beats a GeoNames place that merely
        # lists the phrase among its alternate names (Casablanca's translation).
        key = name_key(toponym.text)
        exact = [e for e in candidates if e.place.source != "geonames"
                 and e.latin_names and name_key(e.latin_names[0]) == key]
        candidates = exact or candidates
    if toponym.hint != "admin":
        # Baghdad, Bouira: a province named after its city means the city unless a trigger
        # (محافظة، ولاية، "province") says otherwise; a curated sea or region (البحر الأحمر)
        # beats a province of the same name (Sudan's Red Sea state).
        cities = defaultdict(int)     # (country, admin1) -> its biggest namesake city
        for e in candidates:
            if e.place.kind == "city":
                key = (e.place.country_code, e.admin1)
                cities[key] = max(cities[key], e.place.population)
        curated = any(e.place.source != "geonames" for e in candidates)
        candidates = [e for e in candidates if not (e.feature == "admin1" and (
            curated or cities.get((e.place.country_code, e.admin1), -1)
            >= weights().resolution.capital_share * e.place.population))]
    scored = [(_score(e, toponym, doc, anchors), e) for e in candidates]
    if toponym.text[:1].isascii():
        # A former or alternate name is the place that bears it today: a town whose own name
        # it is beats a city that GeoNames merely knows by it, unless the story says otherwise.
        key = _bearer_key(toponym.text)
        bearers = [_bearer_key(e.latin_names[0]) if e.latin_names else None for e in candidates]
        # Its own name, or its own name shortened ("New York" for New York City).
        own = [b is not None and (b == key or b.startswith(key + " ")) for b in bearers]
        if key in bearers:
            penalty = weights().resolution.former_name
            scored = [(s - penalty if not mine and e.place.kind == "city"
                       and e.place.source == "geonames" else s, e)
                      for (s, e), mine in zip(scored, own)]
    return sorted(scored, key=lambda pair: (-pair[0], -pair[1].place.population))


class _RankCache:
    """`_rank` once per distinct question within one document: a name mentioned again with the
    same candidates, view and anchors ranks the same (the lists are shared, never changed)."""

    def __init__(self) -> None:
        self._ranked: dict[tuple, list] = {}

    def __call__(self, toponym: Toponym, view: "_View", anchors: list) -> list:
        if toponym.similarity:      # transliterations score their own similarities: not shared
            return _rank(toponym, view, anchors)
        # Candidates by identity: every toponym, and so every candidate, lives as long as the cache.
        key = (toponym.text, toponym.hint, toponym.local_country, toponym.local_division, toponym.evidence,
               id(view), tuple(map(id, toponym.candidates)), tuple(anchors))
        if key not in self._ranked:
            self._ranked[key] = _rank(toponym, view, anchors)
        return self._ranked[key]


def resolve(toponyms: list[Toponym], demonym_countries: set[str] = frozenset(),
            home_countries: frozenset[str] = frozenset(), text: str = "",
            gazetteer=None) -> list[PlaceMention]:
    """One PlaceMention per toponym, in text order, each with its best candidate and a score.

    `home_countries`: where news in the text's language is mostly set (the Arab world for
    Arabic): a mild prior, so that بيت لحم is Bethlehem, Palestine rather than Pennsylvania.
    `text`: the document's text, to tell a list of divisions ("Georgia, Oklahoma, Texas") from
    a town and its division ("Paris, Texas").
    `gazetteer`: where to find the county a bare name may stand for ("Stearns" in a Minnesota
    story that names its counties bare).
    """
    w = weights()
    if text:
        toponyms = _read_division_lists(toponyms, text)
    doc = _Document(toponyms, demonym_countries, home_countries)
    if gazetteer is not None:
        read = _read_bare_counties(toponyms, doc, gazetteer)
        if read is not toponyms:
            toponyms = read
            doc = _Document(toponyms, demonym_countries, home_countries)
    rank = _RankCache()
    # Pass 1: each toponym on its own and the document's countries.
    views = [doc.view(i) for i in range(len(toponyms))]
    first = [rank(t, views[i], []) for i, t in enumerate(toponyms)]
    # Pass 2: add spatial coherence with the other toponyms' first choices (not countries,
    # whose centroids say little, nor seas and regions).
    starts = [t.start for t in toponyms]      # in text order
    # Distinct points: every mention of a country repeats its centroid, and each toponym's stray
    # test reads them all (a list per mention made a 10 MB text quadratic).
    country_points = list(dict.fromkeys((ranked[0][1].place.lat, ranked[0][1].place.lon) for ranked in first
                                        if ranked and ranked[0][1].place.kind == "country"))
    ranks = []
    # "Kent, UK": a name followed by its country, written as a country.
    beside_country = {index for index, (toponym, after) in enumerate(zip(toponyms, toponyms[1:]))
                      if toponym.local_country and after.start - toponym.end <= 2
                      and text[toponym.end:after.start].strip() == ","
                      and any(e.place.kind == "country" and e.place.country_code == toponym.local_country
                              for e in after.candidates)}
    # The anchors of a toponym: the first choices (cities, sites, divisions) of the toponyms of
    # other names within coherence_chars, kept as (name, point) counts of a sliding window, so
    # that a text dense with places is not read 170 toponyms at a time for each of them.
    anchor_of = [(t.text, (ranked[0][1].place.lat, ranked[0][1].place.lon))
                 if ranked and ranked[0][1].place.kind in ("city", "site", "admin") else None
                 for t, ranked in zip(toponyms, first)]
    in_window: Counter = Counter()
    entered = left = 0
    reach = w.resolution.coherence_chars
    # _coherent's answer for each distinct question (a name mentioned again in the same
    # surroundings): its arguments, the ranking and the view by identity (the answer holds the
    # ranking, the views live as long: an identity is not reused while its question stands).
    coherent: dict[tuple, tuple[list, list]] = {}
    for index, toponym in enumerate(toponyms):
        while entered < len(toponyms) and starts[entered] <= toponym.start + reach:
            _tally(in_window, anchor_of[entered], +1)
            entered += 1
        while starts[left] < toponym.start - reach:
            _tally(in_window, anchor_of[left], -1)
            left += 1
        # Distinct points, in a fixed order: only the nearest counts (in the score and the
        # stray test alike).
        anchors = sorted({point for name, point in in_window if name != toponym.text})
        # Without anchors the ranking is pass 1's (the same question of the rank cache).
        ranked = rank(toponym, views[index], anchors) if len(toponym.candidates) > 1 and anchors else first[index]
        # Countries named anywhere in the document also anchor the stray test (nahr Aras in a
        # story about Iran and Azerbaijan), though not the coherence bonus.
        question = (toponym.local_country, toponym.evidence, toponym.hint, id(ranked), id(views[index]),
                    tuple(anchors), index in beside_country)
        known = coherent.get(question)
        if known is None:
            if len(coherent) >= 100_000:
                coherent.clear()        # a text of distinct questions: bounded memory
            known = coherent[question] = (ranked, _coherent(toponym, ranked, views[index],
                                                            anchors + country_points, index in beside_country))
        ranks.append(known[1])
    chosen = _one_sense_per_discourse(toponyms, ranks)
    chosen.update(_compact_senses(toponyms, ranks, chosen, views, doc))
    mentions = []
    for index, toponym in enumerate(toponyms):
        ranked = ranks[index]
        if not ranked:
            continue
        best_score, best = ranked[0]
        if chosen.get(index) is not None and chosen[index] is not best:
            best_score, best = next(pair for pair in ranked if pair[1] is chosen[index])
            ranked = [(best_score, best)] + [pair for pair in ranked if pair[1] is not best]
        # A looser spelling (الغزوات ≈ Ghazaouet) stands only in a country the story names (below).
        floor = (w.recognition.supported_translit_similarity if toponym.needs_support == "country"
                 else w.recognition.min_translit_similarity)
        if toponym.evidence == "translit" and toponym.similarity.get(best, 0.0) < floor:
            continue
        # Supported: in a country the story names (or by its adjective: سول in a story about
        # "الرئيس الكوري الجنوبي"); a sizeable place will do only when the story names none.
        named = views[index].countries | views[index].demonym_countries
        supported = best.place.country_code in named or (
            toponym.needs_support == "country_or_size" and not named
            and best.place.population >= w.resolution.support_population) or (
            toponym.needs_support == "story_country" and not named)
        if toponym.needs_support and not supported:
            continue    # "ولاية الجزيرة" in a Sudan story is not Algiers
        margin = best_score - ranked[1][0] if len(ranked) > 1 else w.resolution.lone_margin
        certainty = 1.0 / (1.0 + math.exp(-w.resolution.margin_slope * margin))
        confidence = w.confidence.get(toponym.evidence, w.confidence["default"]) * (0.5 + 0.5 * certainty)
        mentions.append(PlaceMention(toponym.text, toponym.start, toponym.end, best.place,
                                     round(min(1.0, max(0.0, confidence)), 3)))
    return mentions


def _tally(counts: Counter, key, step: int) -> None:
    if key is not None:
        counts[key] += step
        if not counts[key]:
            del counts[key]


def _coherent(toponym: Toponym, ranked, doc: "_View", anchors, beside_country: bool = False) -> list:
    """رميش is Rmeish, Lebanon in a Lebanese story, not Remich, Luxembourg: a small place matched
    on weak evidence (transliteration, a preposition, a list) that lies far from all of the
    document's other places, in a country the document never names, gives way to a candidate
    near them — or is dropped when there is none."""
    if not ranked:
        return ranked
    w = weights().resolution
    small = lambda entry: (entry.place.kind in ("city", "site")  # noqa: E731
                           and entry.place.population < w.support_population)
    if toponym.local_country and toponym.evidence != "country":
        # "رميش جنوب لبنان": a small place next to a country lies in it; a namesake elsewhere
        # means the gazetteer lacks the place.
        # When the country is written right after the name ("Kent, UK"), a town of any size
        # elsewhere is not the place either.
        return [pair for pair in ranked
                if pair[1].place.country_code == toponym.local_country
                or not (small(pair[1]) or (beside_country and pair[1].place.kind in ("city", "site")))]
    if toponym.hint == "feature":
        # "معبر رفح", "Scarborough Shoal": a feature named after a place stands for the place
        # only when that place fits the story (near its other places or in a country it names).
        return [pair for pair in ranked if pair[1].place.country_code in doc.countries or any(
            haversine_km((pair[1].place.lat, pair[1].place.lon), a) <= w.stray_km for a in anchors)]
    # A trigger whose feature the place is not ("نهر آراس" is no city) is weak evidence too.
    weak = toponym.evidence in WEAK_EVIDENCE or (
        toponym.evidence == "trigger" and toponym.hint not in CITY_HINTS | {None, "any"}
        and ranked[0][1].place.kind == "city")
    if not anchors or not weak:
        return ranked

    def stray(entry: Entry) -> bool:
        place = entry.place
        return (small(entry) and place.country_code not in doc.countries
                and min(haversine_km((place.lat, place.lon), a) for a in anchors) > w.stray_km)

    if not stray(ranked[0][1]):
        return ranked
    return [pair for pair in ranked if not stray(pair[1])]


def _one_sense_per_discourse(toponyms: list[Toponym], ranks) -> dict:
    """One place per name in a document: the mention with the strongest local evidence (a
    country next to it, a trigger's hint) decides for the others ("طرابلس شمال لبنان" … "إلى
    طرابلس"); otherwise the entry with the best summed score. Returns index -> Entry."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, toponym in enumerate(toponyms):
        if ranks[index] and toponym.evidence != "translit":
            groups[name_key(toponym.text)].append(index)
    chosen = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        strong = [i for i in members if toponyms[i].local_country or toponyms[i].hint]
        if strong:
            entry = ranks[strong[0]][0][1]
        else:
            totals: dict[int, float] = defaultdict(float)
            entries = {}
            for i in members:
                for score, candidate in ranks[i]:
                    totals[id(candidate.place)] += score
                    entries[id(candidate.place)] = candidate
            entry = entries[max(totals, key=totals.get)]
        for i in members:
            match = next((c for _, c in ranks[i] if c.place == entry.place), None)
            if match is not None:
                chosen[i] = match
    return chosen


def _read_bare_counties(toponyms: list[Toponym], doc: "_Document", gazetteer) -> list[Toponym]:
    """Local news names counties bare ("crews in Stearns" in a Minnesota story):
    a name with no sense in the division the story is set in (its main focus) is read as that
    division's county of the name, when it has one. A name that a town of the division bears,
    or that a trigger or a country next to it explains, keeps its own senses. Returns the
    toponyms themselves when no name is read so."""
    read, changed = list(toponyms), False
    counties: dict[str, list[Entry]] = {}
    for index, toponym in enumerate(toponyms):
        if (toponym.hint or toponym.local_country or toponym.local_division
                or toponym.evidence == "translit" or not toponym.text[:1].isascii()
                or not toponym.text[:1].isupper()):
            continue
        division = doc.view(index).main_focus
        if division is None:
            continue
        if any((e.place.country_code, e.admin1) == division for e in toponym.candidates):
            continue
        key = toponym.text
        if key not in counties:
            counties[key] = [e for e in gazetteer.lookup(f"{key} County") if e.feature == "admin2"]
        county = [e for e in counties[key] if (e.place.country_code, e.admin1) == division]
        if county:
            read[index] = dataclasses.replace(toponym, candidates=(*county, *toponym.candidates))
            changed = True
    return read if changed else toponyms


# What may stand between two members of a list: "Georgia, Oklahoma and Texas".
_LIST_GAP = re.compile(r"\s*(?:,|;|,?\s+(?:and|or))\s*$")
# A list of this many names that are all first-level divisions is a list of divisions.
_DIVISION_LIST = 3


def _read_division_lists(toponyms: list[Toponym], text: str) -> list[Toponym]:
    """"Georgia, Oklahoma, Pennsylvania and California" lists states: none of them is a town in
    the state named after it (as in "Paris, Texas"), and each is read as the division."""
    division = [any(e.feature in ("admin", "admin1") and e.latin_names
                    and name_key(e.latin_names[0]) == name_key(t.text) for e in t.candidates)
                for t in toponyms]
    runs, run = [], []
    for index, toponym in enumerate(toponyms):
        if run and not (division[index] and _LIST_GAP.match(text[toponyms[run[-1]].end:toponym.start])):
            runs.append(run)
            run = []
        if division[index]:
            run.append(index)
    runs.append(run)
    listed = {index for run in runs if len(run) >= _DIVISION_LIST for index in run}
    if not listed:
        return toponyms
    return [dataclasses.replace(toponym, local_division=None, hint=toponym.hint or "admin",
                                local_country=None if toponym.local_division else toponym.local_country)
            if index in listed else toponym for index, toponym in enumerate(toponyms)]


def _region(entry: Entry) -> tuple[str, str] | None:
    """The first-level division a town, site or county lies in: the unit of a story's geography."""
    if (entry.place.kind in ("city", "site", "admin") and entry.feature not in ("admin", "admin1")
            and entry.admin1 and entry.place.country_code):
        return (entry.place.country_code, entry.admin1)
    return None


@dataclasses.dataclass(frozen=True, slots=True)
class _Member:
    """One name of the story read in one division: what reading it there costs against its
    current choice, and how much it says about where the story is."""
    name: str
    loss: float
    weight: float
    entry: Entry


def _compact_senses(toponyms: list[Toponym], ranks, chosen: dict, views, doc: "_Document") -> dict:
    """The most compact set of senses for the whole story (Topocluster, CLIFF's focus): the
    story's ambiguous names are read jointly so that they share a first-level division.
    Reading a group of names in one division earns each member a pull from the others already
    in it (`compact_pair` for each of them, more for places right next to each other, such as a
    town and the county it lies in; at most `compact_pull`), against what the member loses by
    leaving its own best sense — a score that already holds the story's named countries and
    divisions, so a division named alone is no member here. "Athens" and "Henderson County"
    together are the Texas town in its county; "Paris and London" stay in Europe, because two
    small towns near each other do not outweigh two capitals. Only places called by the name
    as written take part (not Pittsburg for "Pittsburgh"), a division the story names pulls its
    members, and a country gives way to a same-name town only in the one division the story is
    surely set in (its focus: "Lebanon" in a story set in one US state). Returns index -> Entry
    for the mentions whose sense changes."""
    w = weights().resolution
    mentions: dict[str, list[int]] = {}
    for index, toponym in enumerate(toponyms):
        if ranks[index] and toponym.evidence != "translit" and toponym.text[:1].isascii():
            mentions.setdefault(name_key(toponym.text), []).append(index)
    regions: dict[tuple[str, str], dict[str, _Member]] = defaultdict(dict)
    current: dict[str, Entry] = {}
    for name in list(mentions)[:w.compact_max_names]:
        members = mentions[name]
        explicit = [i for i in members if toponyms[i].local_country or toponyms[i].local_division
                    or (toponyms[i].hint and toponyms[i].hint not in KIND_HINTS)]
        lead = (explicit or members)[0]
        ranked = ranks[lead]
        best_entry = chosen.get(lead) or ranked[0][1]
        best = next(score for score, entry in ranked if entry is best_entry)
        current[name] = best_entry
        # A sense fixed by the text itself ("Paris, Texas", "the port of X") is not moved, but
        # it speaks for its division.
        options = [(best, best_entry)] if explicit or len(ranked) == 1 else ranked
        weight = w.compact_named_weight if explicit and toponyms[lead].local_division else 1.0
        focus = views[lead].focus
        for score, entry in options:
            region = _region(entry)
            if region is None or name in regions[region]:
                continue        # ranked best first: the first entry of a division is its best
            if entry.latin_names and name_key(entry.latin_names[0]) != name:
                continue        # Pittsburg is not called "Pittsburgh"
            if best_entry.place.kind == "country" and (focus != {region} or not views[lead].settled):
                continue
            regions[region][name] = _Member(name, best - score, weight, entry)
    changes: dict[str, Entry] = {}
    assigned: set[str] = set()
    # The story's geography is consistent with the divisions it names: a division the story
    # names pulls each group member there as one more name would (Lancaster and Douglas in a
    # Nebraska story are read in Nebraska, not in Kentucky, where both also are), yet a group
    # of local names still outweighs a state named in passing.
    named = doc.named_divisions
    groups = [(members, w.compact_pair if region in named else 0.0)
              for region, members in regions.items() if len(members) >= 2]
    valued = sorted(((_cluster_value(list(members.values()), w, bonus), i)
                     for i, (members, bonus) in enumerate(groups)), key=lambda pair: -pair[0][0])
    for (value, _), i in valued:
        if value <= 0:
            break
        members, bonus = groups[i]
        value, group = _cluster_value([m for m in members.values() if m.name not in assigned], w, bonus)
        if value <= 0:
            continue
        for member in group:
            assigned.add(member.name)
            if member.entry is not current[member.name]:
                changes[member.name] = member.entry
    moved = {}
    for name, entry in changes.items():
        for index in mentions[name]:
            match = next((c for _, c in ranks[index] if c.place == entry.place), None)
            if match is not None:
                moved[index] = match
    return moved


def _cluster_value(members: list[_Member], w, named: float = 0.0) -> tuple[float, list[_Member]]:
    """The best group among the names that can be read in one division: members join cheapest
    first, each gaining the pull of those already in (and `named` when the story names the
    division) and paying its loss; the best prefix of two or more wins (value, members)."""
    members = sorted(members, key=lambda m: m.loss)
    group: list[_Member] = []
    total, best = 0.0, (0.0, [])
    for member in members:
        if group:
            pull = sum(_pair(member, other, w) for other in group)
            # A division the story names pulls too, but only names that pull each other.
            pull = min(w.compact_pull, pull) + (named if pull > 0 else 0.0)
            total += pull * member.weight - member.loss
            # The first member is pulled by the second as much as it pulls it.
            if len(group) == 1:
                total += pull * group[0].weight
        else:
            total -= member.loss
        group.append(member)
        if len(group) >= 2 and total > best[0]:
            best = (total, list(group))
    return best


def _pair(a: _Member, b: _Member, w) -> float:
    """How much two names read in one division pull each other: places pull by nearness (a
    town and its county, two towns of one county), nothing beyond `compact_near_km` (a big
    state's far corners are no evidence); two counties of one state pull each other (their
    centres say nothing of each other)."""
    if a.entry.feature == b.entry.feature == "admin2":
        return w.compact_pair
    km = haversine_km((a.entry.place.lat, a.entry.place.lon), (b.entry.place.lat, b.entry.place.lon))
    return 2 * w.compact_pair * max(0.0, 1.0 - km / w.compact_near_km)
