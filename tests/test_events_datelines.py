"""Datelines and captions (issue 11, class 6): a dateline's or a caption's date dates the
happening it heads, and a dateline's place is the place of the clauses that name none when the
story is about that place (the body names it again). Sentences written for these tests; mentions
are built by hand so the rules are tested apart from the taggers."""
import datetime as dt

import pytest

from extract.events import assemble_events, dateline_place
from extract.records import Document, Place
from tests.handmade import mentions_in

D = dt.date
PUBLISHED = D(2024, 8, 26)       # a Monday
PLACES = {name: Place(name, 19.6 + i, 37.2 + i, "SD", "city", 500 + i)
          for i, name in enumerate(["Port Sudan", "بورتسودان", "Khartoum", "الخرطوم", "Kassala", "كسلا"])}
DAYS = {"26 أغسطس (آب)": D(2024, 8, 26), "Aug. 26": D(2024, 8, 26), "on Sunday": D(2024, 8, 25),
        "الأحد": D(2024, 8, 25), "25 أغسطس 2024": D(2024, 8, 25), "Aug. 25, 2024": D(2024, 8, 25)}


def mentions_of(text):
    return mentions_in(text, PLACES, DAYS)


def analyse(text, lang):
    dates, places = mentions_of(text)
    document = Document(text=text, lang=lang, published=PUBLISHED)
    return [(e.date.start.isoformat(), [p.name for p in e.places], e.place_source, e.date_source)
            for e in assemble_events(document, dates, places)]


@pytest.mark.parametrize("text, expected", [
    ("PORT SUDAN, Aug. 26 - The dam north of Port Sudan collapsed.".replace("PORT SUDAN", "Port Sudan"), "Port Sudan"),
    ("Port Sudan (Reuters) - The dam north of Port Sudan collapsed.", "Port Sudan"),
    ("بورتسودان، 26 أغسطس (آب) — انهار السد شمال بورتسودان.", "بورتسودان"),
    ("بورتسودان - انهار السد شمال بورتسودان.", "بورتسودان"),
    # Not about the dateline's place: the body never names it again.
    ("Port Sudan, Aug. 26 - Fighting resumed in Khartoum.", None),
    # No dateline: the place is in a sentence, not before a dash at the start.
    ("The dam north of Port Sudan collapsed - officials said - and Port Sudan lost its water.", None),
    ("Officials in Port Sudan said on Sunday that the dam at Port Sudan collapsed.", None),
])
def test_a_dateline_gives_the_story_its_place(text, expected):
    dates, places = mentions_of(text)
    found = dateline_place(text, dates, places)
    assert (found.name if found else None) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # A dated sentence that names no place happens at the dateline's place.
    ("Port Sudan, Aug. 26 - Floods swept through Port Sudan. The dam gave way on Sunday.", "en",
     [("2024-08-26", ["Port Sudan"], "sentence", "text"), ("2024-08-25", ["Port Sudan"], "dateline", "text")]),
    ("بورتسودان، 26 أغسطس (آب) — غمرت السيول أحياء في بورتسودان. وانهار السد الأحد.", "ar",
     [("2024-08-26", ["بورتسودان"], "sentence", "text"), ("2024-08-25", ["بورتسودان"], "dateline", "text")]),
    # A happening told without a date would be at the story's day at the dateline's place: the
    # dated lead's day and place already, so it retells the lead and adds no event.
    ("Port Sudan, Aug. 26 - Floods swept through Port Sudan. Thousands fled to the hills.", "en",
     [("2024-08-26", ["Port Sudan"], "sentence", "text")]),
    # Without a dateline a placeless sentence stays no event.
    ("Floods swept through Port Sudan on Sunday. Thousands fled to the hills.", "en",
     [("2024-08-25", ["Port Sudan"], "sentence", "text")]),
    # A caption's date dates the happening it captions.
    ("Floods swept through Kassala. (Photo) Cars stranded in floodwater near Port Sudan, Aug. 25, 2024.", "en",
     [("2024-08-25", ["Kassala"], "sentence", "story"), ("2024-08-25", ["Port Sudan"], "sentence", "text")]),
    ("غمرت السيول أحياء في كسلا. (صورة) سيارات عالقة في السيول قرب بورتسودان، 25 أغسطس 2024.", "ar",
     [("2024-08-25", ["كسلا"], "sentence", "story"), ("2024-08-25", ["بورتسودان"], "sentence", "text")]),
])
def test_datelines_and_captions_date_and_place_their_happenings(text, lang, expected):
    assert analyse(text, lang) == expected
