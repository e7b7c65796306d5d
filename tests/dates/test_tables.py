"""The language tables are complete enough for the grammar: adding a language = adding a table."""
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "extract" / "data"
TABLES = sorted(DATA.glob("dates_*.json"))


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_table_names_cover_the_calendar(path):
    table = json.loads(path.read_text(encoding="utf-8"))
    assert set(table["months"].values()) == set(range(1, 13))
    assert set(table["weekdays"].values()) == set(range(7))
    assert set(table["hijri_months"].values()) == set(range(1, 13))
    assert set(table["ambiguous_months"]) <= set(table["months"])


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_table_words_are_documented(path):
    """Every key of a table is described in extract/dates/vocab.py."""
    from extract.dates import vocab

    table = json.loads(path.read_text(encoding="utf-8"))
    assert [key for key in table if not key.startswith("_") and key not in vocab.__doc__] == []
