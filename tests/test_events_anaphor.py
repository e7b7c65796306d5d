""""The city" / المدينة: a happening told of the city without naming it happens in the city the
text named last (issue 11, third round). Sentences written for these tests."""
import datetime as dt

import pytest

from extract.events import assemble_events
from extract.records import Document, Place
from tests.handmade import mentions_in

D = dt.date
PUBLISHED = D(2024, 3, 6)      # a Wednesday
PLACES = {"Sabratha": Place("Sabratha", 32.79, 12.48, "LY", "city", 1),
          "Misrata": Place("Misrata", 32.37, 15.09, "LY", "city", 2),
          "Libya": Place("Libya", 27.0, 17.0, "LY", "country", 3),
          "صبراتة": Place("صبراتة", 32.79, 12.48, "LY", "city", 1),
          "مصراتة": Place("مصراتة", 32.37, 15.09, "LY", "city", 2),
          "ليبيا": Place("ليبيا", 27.0, 17.0, "LY", "country", 3)}
DAYS = {"on Monday": D(2024, 3, 4), "on Tuesday": D(2024, 3, 5), "next week": (D(2024, 3, 11), D(2024, 3, 17)),
        "الاثنين": D(2024, 3, 4), "مساء الثلاثاء": D(2024, 3, 5), "الأسبوع المقبل": (D(2024, 3, 11), D(2024, 3, 17))}


def events_of(text, lang="en"):
    dates, places = mentions_in(text, PLACES, DAYS)
    document = Document(text=text, lang=lang, published=PUBLISHED)
    return [(e.date.start.isoformat(), [p.name for p in e.places], e.place_source)
            for e in assemble_events(document, dates, places)]


CASES = [
    # A dated clause about "the city" happens in the city named last (not the country after it).
    # (The undated sentence takes the story's day, Monday or Tuesday, the latest it names.)
    ("en", "Dozens were killed in Sabratha in Libya. The storm hit the city on Monday.",
     [("2024-03-04", ["Sabratha", "Libya"], "sentence"), ("2024-03-04", ["Sabratha"], "anaphor")]),
    ("ar", "لقي العشرات حتفهم في صبراتة غرب ليبيا. وضربت العاصفة المدينة مساء الثلاثاء.",
     [("2024-03-05", ["صبراتة", "ليبيا"], "sentence"), ("2024-03-05", ["صبراتة"], "anaphor")]),
    ("ar", "وصلت المساعدات إلى مصراتة. وانقطعت الكهرباء بالمدينة الاثنين.",
     [("2024-03-04", ["مصراتة"], "sentence"), ("2024-03-04", ["مصراتة"], "anaphor")]),
    # The last city, not the first.
    ("en", "Rescuers drove from Sabratha to Misrata. Floods cut the town off on Monday.",
     [("2024-03-04", ["Sabratha", "Misrata"], "sentence"), ("2024-03-04", ["Misrata"], "anaphor")]),
    # An undated happening about the city is a story event there.
    ("en", "Floods swept through Misrata on Tuesday. Water flooded districts of the city.",
     [("2024-03-05", ["Misrata"], "sentence")]),     # a retelling of Tuesday's happening: dropped
    ("ar", "وصلت فرق الإنقاذ إلى مصراتة. وغمرت المياه أحياء المدينة.",
     [("2024-03-06", ["مصراتة"], "sentence"), ("2024-03-06", ["مصراتة"], "anaphor")]),
    # Not an event: no city named before; an opinion or plan about the city; a clause that
    # names a place of its own keeps it.
    ("en", "The storm hit the city on Monday.", []),
    ("ar", "وضربت العاصفة المدينة مساء الثلاثاء.", []),
    ("en", "Floods hit Misrata. Officials warned that the city could flood again.",
     [("2024-03-06", ["Misrata"], "sentence")]),
    ("ar", "غمرت المياه مصراتة. ويتوقع خبراء أن تغرق المدينة مجددا.", [("2024-03-06", ["مصراتة"], "sentence")]),
    ("en", "Floods hit Misrata. The storm reached Sabratha, the city's neighbour, on Monday.",
     [("2024-03-04", ["Misrata"], "sentence"), ("2024-03-04", ["Sabratha"], "sentence")]),
    # A country is no city (the dated clause borrows the places of its day's event instead).
    ("en", "Floods hit Libya. The storm hit the city on Monday.",
     [("2024-03-04", ["Libya"], "sentence"), ("2024-03-04", ["Libya"], "same date")]),
]


@pytest.mark.parametrize("lang, text, expected", CASES)
def test_the_city_is_the_city_named_last(lang, text, expected):
    assert events_of(text, lang) == expected
