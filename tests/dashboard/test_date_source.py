"""Events dated by the story or the publication day (Event.date_source) on the dashboard: drawn
hollow on the timeline with a legend, hidden by a sidebar switch, explained in the event detail."""
import dataclasses
import datetime as dt

from dashboard import filters, queries, timeline
from dashboard.events_table import date_from
from extract.exports import event_rows
from extract.records import Analysis, DateMention, Document, Event
from tests.dashboard.corpus import NAJIN, PYONGYANG


def story_analysis() -> Analysis:
    """A dated event, one dated by the story's day and one by the publication day."""
    text = "Ships left Najin on Monday. Rescue teams reached Pyongyang. Talks resumed in Pyongyang."
    document = Document(text=text, lang="en", published=dt.date(2023, 10, 19))
    monday = DateMention("on Monday", 17, 26, dt.date(2023, 10, 16), dt.date(2023, 10, 16), "day")
    published = DateMention("", 0, 0, dt.date(2023, 10, 19), dt.date(2023, 10, 19), "day")
    sentences = text.split(". ")
    first, second = len(sentences[0]) + 2, len(sentences[0]) + len(sentences[1]) + 4
    events = (Event("e1", sentences[0] + ".", 0, first - 1, monday, (NAJIN,)),
              Event("e2", sentences[1] + ".", first, second - 1, monday, (PYONGYANG,), date_source="story"),
              Event("e3", sentences[2], second, len(text), published, (PYONGYANG,), date_source="published"))
    return Analysis(document, (monday,), (), events)


def frames():
    return queries._frames(event_rows(story_analysis()))


def test_frames_carry_where_the_date_comes_from():
    events, _ = frames()
    assert events["date_source"].tolist() == ["text", "story", "published"]


def test_the_sidebar_switch_hides_events_dated_by_the_story():
    events, places = frames()
    assert len(filters.apply(events, places, filters.Filters())) == 3
    shown = filters.apply(events, places, filters.Filters(include_story_dated=False))
    assert shown["date_source"].tolist() == ["text"]


def test_the_switch_round_trips_through_the_url():
    hidden = filters.Filters(include_story_dated=False)
    assert hidden.to_query_params() == {"story": "0"}
    assert filters.Filters.from_query_params(hidden.to_query_params()) == hidden
    assert filters.Filters.from_query_params({}).include_story_dated


def test_the_timeline_draws_story_dates_hollow_with_a_legend():
    events, places = frames()
    spec = timeline.events_chart(events, places, "document").to_dict()
    days = spec["layer"][1]
    shape = days["encoding"]["shape"]
    assert shape["title"] == "Date from" and shape.get("legend") is not None
    shapes = dict(zip(shape["scale"]["domain"], shape["scale"]["range"]))
    assert shapes["its sentence"] == "diamond"
    # The story's and the publication's days are rings: the shape itself has a hole (a second,
    # inner outline), so the legend's symbols, drawn from the same shapes, are hollow too; no
    # fill opacity that the legend would not show.
    for hollow in ("the story", "publication day"):
        assert shapes[hollow].count("M") == 2 and shapes[hollow].count("Z") == 2
    assert shapes["the story"] != shapes["publication day"]
    assert "fillOpacity" not in days["encoding"]
    rows = spec["datasets"][spec["data"]["name"]] if "datasets" in spec else days["data"]["values"]
    assert [r["date_from"] for r in rows] == ["its sentence", "the story", "publication day"]


def test_the_date_from_legend_names_only_the_sources_drawn():
    events, places = frames()
    text_only = events.loc[events["date_source"] == "text"]
    shape = timeline.events_chart(text_only, places, "document").to_dict()["layer"][1]["encoding"]["shape"]
    assert shape["scale"]["domain"] == ["its sentence"] and shape["scale"]["range"] == ["diamond"]


def test_the_date_from_legend_draws_the_marks_shapes_hollow_ones_hollow():
    """Rendered to SVG by vl-convert, as the browser's Vega does: the legend's symbols for the
    story and the publication day are rings (two outlines), like their marks; its sentence's a
    diamond (one)."""
    import re

    import vl_convert

    events, places = frames()
    svg = vl_convert.vegalite_to_svg(timeline.events_chart(events, places, "document").to_dict())
    legend = svg[svg.index("Symbol legend titled 'Date from'"):]
    symbols = re.findall(r'class="mark-symbol role-legend-symbol"[^>]*><path [^>]*d="([^"]+)"', legend)[:3]
    labels = re.findall(r'class="mark-text role-legend-label"[^>]*><text [^>]*>([^<]+)</text>', legend)[:3]
    outlines = {label: symbol.count("M") for label, symbol in zip(labels, symbols)}
    assert outlines == {"its sentence": 1, "the story": 2, "publication day": 2}
    marks = re.findall(r'Date from: ([a-z ]+);[^>]*d="([^"]+)"', svg)
    assert {label: path.count("M") for label, path in marks} == outlines


def test_the_event_detail_says_where_the_date_came_from():
    assert date_from("text", "on Monday") == "its sentence"
    assert date_from("story", "on Monday").startswith("the story") and "on Monday" in date_from("story", "on Monday")
    assert date_from("published", "").startswith("the publication day")


def test_rows_without_a_date_source_are_dated_by_their_text():
    rows = event_rows(story_analysis())
    for row in rows:
        row.pop("date_source")
    events, _ = queries._frames(rows)
    assert set(events["date_source"]) == {"text"}
    assert dataclasses.replace(filters.Filters(), include_story_dated=False).include_story_dated is False
