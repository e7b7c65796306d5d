"""dashboard.formats.date_labels: the label of every event of a frame, as date_label gives it."""
from __future__ import annotations

import pandas as pd

from dashboard.formats import date_label, date_labels


def test_date_labels_are_date_label_row_by_row():
    events = pd.DataFrame({
        "start": pd.to_datetime(["2023-09-13", None, "2023-09-01", "2023-09-13", None, "2022-01-01"]),
        "end": pd.to_datetime(["2023-09-13", None, "2023-09-30", "2023-09-13", None, "2022-12-31"]),
        "granularity": ["day", "day", "month", "day", "day", "year"],
        "date_text": ["Wednesday", "الخميس", "September", "13 Sept.", None, "2022"],
    }, index=[10, 11, 12, 13, 14, 15])
    labels = date_labels(events)
    assert labels.index.tolist() == events.index.tolist()
    assert labels.tolist() == [date_label(*row) for row in events.itertuples(index=False)] == [
        "13 Sep 2023", "undated (الخميس)", "Sep 2023", "13 Sep 2023", "undated", "2022"]


def test_date_labels_of_no_events_is_empty():
    events = pd.DataFrame({"start": pd.to_datetime([]), "end": pd.to_datetime([]), "granularity": [],
                           "date_text": []})
    assert date_labels(events).empty
