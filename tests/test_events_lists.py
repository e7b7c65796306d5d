"""A list of places governed by one verb is one event with all of them (issue 11, class 5): the
commas of "fires in Tipaza, Medea and Tizi Ouzou" split no clause. Sentences written for these
tests; mentions are built by hand so the rule is tested apart from the taggers."""
import datetime as dt

import pytest

from extract.events import assemble_events
from extract.records import DateMention, Document, Place, PlaceMention

D = dt.date
PUBLISHED = D(2024, 3, 6)
NAMES = ["Tipaza", "Medea", "Tizi Ouzou", "Bejaia", "Jijel", "Setif", "Oran", "Kano", "Lagos", "Kaduna",
         "تيبازة", "المدية", "تيزي وزو", "بجاية", "جيجل", "سطيف", "وهران"]
PLACES = {name: Place(name, 36.0 + i / 10, 3.0 + i / 10, "DZ", "city", 100 + i) for i, name in enumerate(NAMES)}


def analyse(text, dates, lang):
    mentions, cursor = [], 0
    for name in NAMES:
        at = text.find(name)
        if at >= 0 and not any(m.start_char <= at < m.end_char for m in mentions):
            mentions.append(PlaceMention(name, at, at + len(name), PLACES[name], 0.9))
    mentions.sort(key=lambda m: m.start_char)
    date_mentions = []
    for surface, day in dates:
        at = text.index(surface)
        date_mentions.append(DateMention(surface, at, at + len(surface), day, day, "day"))
    document = Document(text=text, lang=lang, published=PUBLISHED)
    events = assemble_events(document, date_mentions, mentions)
    return [(e.date.start.isoformat(), sorted(p.name for p in e.places), e.date_source) for e in events]


@pytest.mark.parametrize("text, dates, lang, expected", [
    # With a date: the list after the first comma stays with the date of its verb.
    ("On Monday fires broke out in Tipaza, Medea and Tizi Ouzou, and on Tuesday in Bejaia.",
     [("On Monday", D(2024, 3, 4)), ("on Tuesday", D(2024, 3, 5))], "en",
     [("2024-03-04", ["Medea", "Tipaza", "Tizi Ouzou"], "text"), ("2024-03-05", ["Bejaia"], "text")]),
    ("Voting took place on Saturday in Kano, Lagos and Kaduna, officials said on Monday.",
     [("on Saturday", D(2024, 3, 2)), ("on Monday", D(2024, 3, 4))], "en",
     [("2024-03-02", ["Kaduna", "Kano", "Lagos"], "text")]),
    ("اندلعت الحرائق الاثنين في ولايات تيبازة، المدية، وتيزي وزو، ثم امتدت الثلاثاء إلى بجاية.",
     [("الاثنين", D(2024, 3, 4)), ("الثلاثاء", D(2024, 3, 5))], "ar",
     [("2024-03-04", ["المدية", "تيبازة", "تيزي وزو"], "text"), ("2024-03-05", ["بجاية"], "text")]),
    # Without a date: one story event with all the places of the list.
    ("Civil defence recorded 17 fires in seven wilayas: Tipaza, Medea, Tizi Ouzou, Bejaia, Jijel, Setif and Oran.",
     [], "en", [("2024-03-06", ["Bejaia", "Jijel", "Medea", "Oran", "Setif", "Tipaza", "Tizi Ouzou"], "published")]),
    ("وسجلت الحماية المدنية 17 حريقا في ولايات تيبازة والمدية وتيزي وزو.", [], "ar",
     [("2024-03-06", ["المدية", "تيبازة", "تيزي وزو"], "published")]),
    ("وسجلت الحماية المدنية حرائق في ولايات تيبازة، المدية، بجاية، جيجل وسطيف.", [], "ar",
     [("2024-03-06", ["المدية", "بجاية", "تيبازة", "جيجل", "سطيف"], "published")]),
    ("Polling stations opened in Kano, Lagos, and Kaduna.", [], "en",
     [("2024-03-06", ["Kaduna", "Kano", "Lagos"], "published")]),
])
def test_a_list_governed_by_one_verb_is_one_event(text, dates, lang, expected):
    assert analyse(text, dates, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # A clause with its own verb is no list item: the plan after the comma keeps its places apart.
    ("Fires destroyed homes in Tipaza, and officials said they would rebuild them in Medea.", "en",
     [("2024-03-06", ["Tipaza"], "published")]),
    ("واندلع حريق في تيبازة، ويتوقع أن تمتد النيران إلى المدية.", "ar",
     [("2024-03-06", ["تيبازة"], "published")]),
])
def test_a_clause_with_its_own_verb_is_not_a_list_item(text, lang, expected):
    assert analyse(text, [], lang) == expected
