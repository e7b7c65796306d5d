"""Fit the weights of toponym recognition (extract/data/places_weights.json, "recognition_model")
by logistic regression on the project's own annotated texts.

    python scripts/fit_place_weights.py            # fit and write the weights
    python scripts/fit_place_weights.py --check    # fit and compare with the committed weights

Every gazetteer hit the recognisers judge (extract.places.recognize.candidates) becomes one row:
its named features (extract.places.evidence.features) and a label — 1 when the hit overlaps a
surface of a gold place, 0 when it overlaps none; hits on optional gold places, and the hits the
tables veto (evidence.vetoed), are left out. The training texts are eval/own and eval/train, never
eval/holdout (the measurement set) nor any benchmark corpus.

Some features depend on what was accepted before ("repeated": the name was accepted elsewhere),
so the fit is repeated with its own weights a fixed number of rounds, starting from a model that
accepts every hit (all weights zero). The solver (lbfgs, L2) is deterministic and the start is
fixed: the same texts give the same weights. Needs scikit-learn (tests and
benchmarks only): the product applies the committed weights as a dot product and a sigmoid.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.places import default_gazetteer  # noqa: E402
from extract.places.evidence import FEATURES, features, vetoed  # noqa: E402
from extract.places import ARABIC_SCRIPT_LANGS  # noqa: E402
from extract.places.recognize import candidates  # noqa: E402
from extract.places.weights import TABLE, weights  # noqa: E402
from extract.records import Document  # noqa: E402

TRAINING = (ROOT / "eval" / "own", ROOT / "eval" / "train")
C = 15.0                # inverse L2 strength (1, 4 and 15 tried: 15 fits eval/train best)
THRESHOLD = 0.5
ROUNDS = 4
DIGITS = 3


def gold_documents(folders=TRAINING) -> list[dict]:
    """The annotated documents of the training folders (never eval/holdout)."""
    docs = []
    for folder in folders:
        if folder.name == "holdout":
            raise ValueError("eval/holdout is the measurement set: never train on it")
        docs.extend(json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json")))
    return docs


def _spans(text: str, surfaces) -> list[tuple[int, int]]:
    spans = []
    for surface in surfaces:
        start = text.find(surface)
        while surface and start >= 0:
            spans.append((start, start + len(surface)))
            start = text.find(surface, start + 1)
    return spans


def rows(docs: list[dict], gazetteer) -> tuple[list[list[float]], list[int]]:
    """The feature vectors and labels of every judged hit in the documents."""
    X, y = [], []
    for doc in docs:
        text = doc["text"]
        required = [s for p in doc["places"] if not p.get("optional") for s in _spans(text, p["surface"])]
        optional = [s for p in doc["places"] if p.get("optional") for s in _spans(text, p["surface"])]
        overlaps = lambda c, spans: any(a < c.end and c.start < b for a, b in spans)  # noqa: E731
        document = Document(text, doc["lang"])
        for c in candidates(document, doc["lang"] in ARABIC_SCRIPT_LANGS, gazetteer):
            if vetoed(c.signals):
                continue
            if overlaps(c, required):
                label = 1
            elif overlaps(c, optional):
                continue
            else:
                label = 0
            x = features(c.signals, c.lang)
            X.append([x[name] for name in FEATURES])
            y.append(label)
    return X, y


def fit_once(X, y) -> dict:
    from sklearn.linear_model import LogisticRegression
    model = LogisticRegression(C=C, solver="lbfgs", max_iter=5000, tol=1e-10)
    model.fit(X, y)
    return {"bias": round(float(model.intercept_[0]), DIGITS), "threshold": THRESHOLD,
            "weights": {name: round(float(w), DIGITS) for name, w in zip(FEATURES, model.coef_[0])}}


def _with_model(table: dict, model: dict, X, y) -> dict:
    entry = dict(table["recognition_model"])
    entry.update(model)
    entry["training"] = {"documents": table["_documents"], "hits": len(y), "places": int(sum(y))}
    out = {k: v for k, v in table.items() if k != "_documents"}
    out["recognition_model"] = entry
    return out


def fit(path: Path = TABLE, rounds: int = ROUNDS, folders=TRAINING) -> dict:
    """The weights table at `path` with its recognition model refitted: `rounds` fits, each on
    the rows the previous model's decisions give (the first on an accept-all model). Tables
    between rounds are temporary; `path` itself is not changed."""
    import tempfile
    docs = gold_documents(folders)
    gazetteer = default_gazetteer()
    table = json.loads(path.read_text(encoding="utf-8"))
    table["recognition_model"] = {**table["recognition_model"], "bias": 0.0, "threshold": THRESHOLD,
                                  "weights": {name: 0.0 for name in FEATURES}}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(rounds):
            current = Path(tmp) / f"weights{round_}.json"
            current.write_text(json.dumps(table), encoding="utf-8")
            X, y = _rows_with(current, docs, gazetteer)
            table["recognition_model"] = {**table["recognition_model"], **fit_once(X, y)}
    table["_documents"] = len(docs)
    return _with_model(table, {}, X, y)


def _rows_with(path: Path, docs, gazetteer):
    """The rows as the recogniser sees them with the weights at `path`."""
    import extract.places.evidence as evidence
    model = weights(path).model
    original = evidence.decide.__defaults__
    evidence.decide.__defaults__ = (model,)
    try:
        return rows(docs, gazetteer)
    finally:
        evidence.decide.__defaults__ = original


def dump(table: dict) -> str:
    """The table as committed: one line per weights dictionary, like the hand-written file."""
    text = json.dumps(table, ensure_ascii=False, indent=2)
    for key in ("weights", "kind_prior", "preposition_population", "training"):
        start = text.find(f'"{key}": {{')
        if start < 0:
            continue
        end = text.index("}", start) + 1
        inner = json.loads("{" + text[start:end] + "}")[key]
        text = text[:start] + f'"{key}": ' + json.dumps(inner, ensure_ascii=False) + text[end:]
    return text + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed weights")
    args = parser.parse_args(argv)
    table = fit()
    committed = json.loads(TABLE.read_text(encoding="utf-8"))
    if args.check:
        same = table["recognition_model"] == committed["recognition_model"]
        print("weights reproduce the committed table" if same else "weights differ from the committed table")
        return 0 if same else 1
    TABLE.write_text(dump(table), encoding="utf-8")
    model = table["recognition_model"]
    print(json.dumps({k: model[k] for k in ("bias", "threshold", "weights", "training")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
