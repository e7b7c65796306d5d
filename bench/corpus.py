"""The benchmarks' documents: the seed article(s) and the project's own gold texts (eval/own)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "own"


def gold_documents(folder: Path = GOLD) -> list[tuple[str, dt.date, str]]:
    """(text, published, lang) of every gold document in the folder, in file order."""
    docs = []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        docs.append((gold["text"], dt.date.fromisoformat(gold["published"]), gold["lang"]))
    return docs
