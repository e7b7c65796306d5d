"""Derive dashboard/static/borders.json (the countries' outlines as distinct straight segments,
which the map draws as a line layer) from dashboard/static/countries.geojson.

    python scripts/derive_borders.py

Run again whenever countries.geojson changes (a test checks the two agree).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import map_view, queries  # noqa: E402


def main() -> None:
    out = Path(map_view.__file__).resolve().parent / "static" / "borders.json"
    segments = map_view.border_segments(queries.country_boundaries())
    out.write_text(json.dumps(segments, separators=(",", ":")), encoding="utf-8")
    print(f"{out}: {len(segments):,} segments, {out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
