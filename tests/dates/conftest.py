"""Shared helpers for the temporal tagger's tests: tag a text, summarise its mentions."""
import datetime as dt

import pytest

from extract.dates import find_dates

# A Thursday: weekdays in past-tense sentences resolve to the week before (Thursday itself counts).
PUBLISHED = dt.date(2023, 10, 19)


def summary(text, published=PUBLISHED, lang="ar"):
    """[(surface, start ISO, end ISO, granularity)] for every mention of `text`."""
    return [(m.text, m.start and m.start.isoformat(), m.end and m.end.isoformat(), m.granularity)
            for m in find_dates(text, published=published, lang=lang)]


def values(text, published=PUBLISHED, lang="ar"):
    """[(start ISO, end ISO, granularity)] for every mention of `text`."""
    return [row[1:] for row in summary(text, published, lang)]


@pytest.fixture
def tag():
    return values


@pytest.fixture
def surfaces():
    return lambda text, published=PUBLISHED, lang="ar": [row[0] for row in summary(text, published, lang)]


@pytest.fixture
def summary_of():
    return summary
