#!/usr/bin/env python3
"""Score `python -m extract analyze` against the project's gold documents (eval/own, eval/holdout).

    python eval/score.py eval/holdout            # precision / recall / F1 per layer
    python eval/score.py eval/own -v             # also list misses and false positives
    python eval/score.py eval/own --json         # one JSON summary line

The gold format is described in eval/README.md. Every gold text is written to a temporary
folder with a sidecar giving its publication date, the command is run once per language over
all of them, and its JSON Lines (docs/output.md) are compared with the gold labels:

- places: distinct places per document; a gold country matches a predicted country with the
  same ISO code, any other gold place a predicted non-country within 161 km;
- dates: distinct (start, end) intervals; "value" needs both ends equal, "overlap" only overlap;
- events: same (start, end) and at least one place matching one of the gold event's places.

Optional gold entries are neither required nor counted as false positives. Matching is greedy
and one to one, required entries first, so figures agree with the team's development scorer.
"""
from __future__ import annotations

import argparse
import json
import math
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RADIUS_KM = 161.0
LAYERS = ("places", "dates_value", "dates_overlap", "events")


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_matches(gold: dict, predicted: dict) -> bool:
    if predicted.get("lat") is None or predicted.get("lon") is None:
        return False
    if gold["kind"] == "country":
        return (predicted.get("kind") == "country"
                and (predicted.get("country_code") or "").upper() == gold["country"])
    if predicted.get("kind") == "country":
        return False
    return _distance_km(gold["lat"], gold["lon"], predicted["lat"], predicted["lon"]) <= RADIUS_KM


def same_interval(gold: dict, predicted: dict) -> bool:
    return predicted.get("start") == gold["start"] and predicted.get("end") == gold["end"]


def overlapping_interval(gold: dict, predicted: dict) -> bool:
    start, end = predicted.get("start"), predicted.get("end")
    return start is not None and end is not None and start <= gold["end"] and gold["start"] <= end


def _distinct(items: list[dict], key) -> list[dict]:
    seen, out = set(), []
    for item in items:
        k = key(item)
        if k is None or k in seen:
            continue
        seen.add(k)
        out.append(item)
    return out


def predicted_places(record: dict) -> list[dict]:
    def key(p):
        if p.get("lat") is None or p.get("lon") is None:
            return None
        return p.get("geonameid") or (round(float(p["lat"]), 2), round(float(p["lon"]), 2), p.get("kind"))
    return _distinct(record.get("places") or [], key)


def predicted_dates(record: dict) -> list[dict]:
    def key(d):
        k = (d.get("start"), d.get("end"))
        return None if None in k else k
    return _distinct(record.get("dates") or [], key)


def predicted_events(record: dict) -> list[dict]:
    def key(e):
        names = tuple(sorted((p.get("name") or "") for p in e.get("places") or []))
        return (e.get("start"), e.get("end"), names)
    return _distinct(record.get("events") or [], key)


@dataclass
class Match:
    """The outcome of matching one document's gold entries of one layer with its predictions."""
    tp: int
    missed: list[dict]
    false: list[dict]


def match(golds: list[dict], predictions: list[dict], ok) -> Match:
    used: set[int] = set()
    tp, missed = 0, []
    for gold in sorted(golds, key=lambda g: bool(g.get("optional"))):
        hit = next((i for i, p in enumerate(predictions) if i not in used and ok(gold, p)), None)
        if hit is not None:
            used.add(hit)
            tp += not gold.get("optional")
        elif not gold.get("optional"):
            missed.append(gold)
    return Match(tp, missed, [p for i, p in enumerate(predictions) if i not in used])


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, m: Match) -> None:
        self.tp += m.tp
        self.fp += len(m.false)
        self.fn += len(m.missed)

    def row(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def document_matches(gold: dict, record: dict) -> dict[str, Match]:
    """Every layer's match for one gold document and the analysis printed for it."""
    by_name = {p["name"]: p for p in gold["places"]}

    def event_ok(g, p):
        places = [by_name[n] for n in g["places"] if n in by_name]
        return same_interval(g, p) and any(
            place_matches(gp, pp) for gp in places for pp in p.get("places") or [])

    dates = predicted_dates(record)
    return {
        "places": match(gold["places"], predicted_places(record), place_matches),
        "dates_value": match(gold["dates"], dates, same_interval),
        "dates_overlap": match(gold["dates"], dates, overlapping_interval),
        "events": match(gold["events"], predicted_events(record), event_ok),
    }


def load_gold(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.json"))]


def analyse(docs: list[dict], command: str) -> dict[str, dict]:
    """Run the command over the documents, a language at a time; its records by document id."""
    records: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for lang in sorted({d["lang"] for d in docs}):
            paths = []
            for doc in (d for d in docs if d["lang"] == lang):
                path = Path(tmp) / f"{doc['id']}.txt"
                path.write_text(doc["text"], encoding="utf-8")
                Path(f"{path}.meta.json").write_text(json.dumps({"published": doc["published"]}),
                                                     encoding="utf-8")
                paths.append(str(path))
            proc = subprocess.run([*shlex.split(command), "--lang", lang, *paths],
                                  capture_output=True, text=True, cwd=ROOT)
            before = len(records)
            for line in proc.stdout.splitlines():
                if line.startswith("{"):
                    record = json.loads(line)
                    name = Path((record.get("document") or {}).get("path") or "").name
                    records[name.removesuffix(".txt")] = record
            if proc.returncode != 0 and len(records) == before:
                raise RuntimeError(f"{command} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return records


def score(docs: list[dict], records: dict[str, dict], verbose: bool = False) -> dict:
    """Pooled and per-language P/R/F1 per layer; with verbose, misses and false positives."""
    pooled = {layer: Tally() for layer in LAYERS}
    by_lang = {d["lang"]: {layer: Tally() for layer in LAYERS} for d in docs}
    for doc in docs:
        matches = document_matches(doc, records.get(doc["id"], {}))
        for layer, m in matches.items():
            pooled[layer].add(m)
            by_lang[doc["lang"]][layer].add(m)
        if verbose:
            _report(doc["id"], matches)
    summary = {layer: t.row() for layer, t in pooled.items()}
    summary["by_lang"] = {lang: {layer: t.row() for layer, t in tallies.items()}
                          for lang, tallies in sorted(by_lang.items())}
    summary["docs"] = len(docs)
    summary["docs_analysed"] = sum(d["id"] in records for d in docs)
    return summary


def _report(doc_id: str, matches: dict[str, Match]) -> None:
    for g in matches["places"].missed:
        print(f"  {doc_id} MISSED place {g['name']} {g['surface']}")
    for p in matches["places"].false:
        print(f"  {doc_id} FALSE  place {p.get('text')} -> {p.get('name')} {p.get('kind')} "
              f"{p.get('country_code')} ({p.get('lat')}, {p.get('lon')})")
    for g in matches["dates_value"].missed:
        print(f"  {doc_id} MISSED date {g['surface']} {g['start']}..{g['end']}")
    for p in matches["dates_value"].false:
        print(f"  {doc_id} FALSE  date {p.get('text')} {p.get('start')}..{p.get('end')}")
    for g in matches["events"].missed:
        print(f"  {doc_id} MISSED event {g['start']}..{g['end']} {g['places']} ({g['what']})")
    for p in matches["events"].false:
        names = [q.get("name") for q in p.get("places") or []]
        print(f"  {doc_id} FALSE  event {p.get('start')}..{p.get('end')} {names} "
              f"[{p.get('date_source', 'text')}] ({(p.get('sentence') or '')[:90]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--cmd", default=f"{shlex.quote(sys.executable)} -m extract analyze")
    parser.add_argument("--json", action="store_true", help="print one JSON summary line")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    args = parser.parse_args()
    docs = load_gold(args.gold_dir)
    summary = score(docs, analyse(docs, args.cmd), verbose=args.verbose)
    if args.json:
        print(json.dumps(summary))
        return
    print(f"{summary['docs_analysed']}/{summary['docs']} documents analysed")
    print(f"{'':16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for layer in LAYERS:
        s = summary[layer]
        print(f"{layer:16}{s['p']:7.3f}{s['r']:7.3f}{s['f1']:7.3f}{s['tp']:5}{s['fp']:5}{s['fn']:5}")
    for lang, rows in summary["by_lang"].items():
        print(lang, "  ".join(f"{layer} F1 {s['f1']:.3f}" for layer, s in rows.items()))


if __name__ == "__main__":
    main()
