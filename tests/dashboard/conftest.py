"""Dashboard test setup: the event columns of the tests' stores are cached in a folder of the
test session's, not in the user's cache (where they would push out the columns of real stores)."""
from __future__ import annotations

import pytest

from dashboard import column_cache


@pytest.fixture(scope="session", autouse=True)
def event_columns_cached_aside(tmp_path_factory):
    folder = tmp_path_factory.mktemp("event-columns")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(column_cache, "default_folder", lambda: folder)
        yield folder
