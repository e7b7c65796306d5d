"""Suite-wide setup: the gazetteer's on-disk index is built before any test runs.

On a fresh machine the first use builds the index (about a minute); doing it here, once, keeps
that minute out of tests with their own time limits (Streamlit's AppTest, the browser tests'
page loads), which would otherwise fail for a reason that is not theirs.
"""
from __future__ import annotations

import pytest

from extract.places.gazetteer import default_gazetteer


@pytest.fixture(scope="session", autouse=True)
def gazetteer_index_built():
    return default_gazetteer()
