"""dashboard.days: the one date converter, for every shape a day arrives in."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard.days import as_day, parse_day

SEPT_1 = dt.date(2023, 9, 1)


@pytest.mark.parametrize("value, day", [
    ("2023-09-01", SEPT_1),                                  # the store, the URL
    ("2023-09-01T00:00:00", SEPT_1),                         # a chart selection as text
    (SEPT_1, SEPT_1),
    (dt.datetime(2023, 9, 1, 23, 59), SEPT_1),
    (pd.Timestamp("2023-09-01"), SEPT_1),                   # a DataFrame cell
    (1693526400000, SEPT_1),                                 # a chart selection: epoch ms
    (1693526400000.0, SEPT_1),
    (None, None), ("", None), (pd.NaT, None), (float("nan"), None), (np.nan, None),
])
def test_every_shape_of_a_day_becomes_a_date(value, day):
    assert as_day(value) == day


@pytest.mark.parametrize("value", ["next week", "2023-13-01", "01/09/2023"])
def test_text_that_is_not_an_iso_date_is_refused(value):
    with pytest.raises(ValueError):
        as_day(value)
    assert parse_day(value) is None


def test_parse_day_reads_an_iso_date():
    assert parse_day("2023-09-01") == SEPT_1 and parse_day("") is None
