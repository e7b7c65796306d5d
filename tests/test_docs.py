"""The front page and docs/ stay true: the README is a front page, links resolve, and the
repository's copy of the contract (docs/output.md) names every key the analysis emits."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import extract

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "eval").glob("**/README.md"))]


def test_the_readme_is_a_front_page():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text) <= 10_000, f"README.md has {len(text)} characters; move detail into docs/"
    headings = re.findall(r"^#+ (.+)$", text, re.M)
    assert len(headings) == len(set(headings)), "a section appears twice"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve_and_nothing_points_outside_the_repository(page):
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+://", target):
            continue
        assert (page.parent / target).resolve().exists(), f"{page.name}: broken link {target}"
    assert "../shared" not in text, f"{page.name} points outside the repository"


def _keys(value, prefix=""):
    """Every key path of a JSON value, lists flattened: document.id, events.places.name, ..."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item, prefix)


def test_the_contract_copy_names_every_key_the_analysis_emits():
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    analysis = extract.analyze(seed, published=dt.date(2023, 10, 19)).to_dict()
    contract = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    missing = sorted({key for key in _keys(analysis) if f'"{key}"' not in contract
                      and f"`{key}`" not in contract and f".{key}`" not in contract})
    assert not missing, f"docs/output.md does not describe {missing}"
