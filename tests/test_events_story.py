"""Happenings told without a date become events dated by the story (failure class 1 of issue 11).

A sentence without a date of its own that reports a happening (a past or present-perfect event
verb) and names places is an event at the latest day of the story's present, else at the
publication day; opinions, plans, forecasts, habits, negations, pluperfect background and reported
speech about the future are not. Sentences written for these tests.
"""
import datetime as dt

import pytest

from extract.events import assemble_events, clause_verdict, story_date
from extract.records import DateMention, Document, Place, PlaceMention

D = dt.date
PUBLISHED = D(2024, 3, 6)      # a Wednesday
HAPPENING, NOT = "happening", "not happening"


@pytest.mark.parametrize("lang, clause, expected", [
    # English: past and present-perfect event verbs report a happening.
    ("en", "Israeli strikes hit the port of Hodeidah and the Ras Isa terminal", HAPPENING),
    ("en", "A migrant boat capsized south of Crete", HAPPENING),
    ("en", "The army retook the locality of Krynky after weeks of fighting", HAPPENING),
    ("en", "Civil defence recorded 17 fires in seven provinces", HAPPENING),
    ("en", "Rescuers have pulled 12 survivors from the rubble in Antakya", HAPPENING),
    ("en", "Floodwater swept through the old town of Derna", HAPPENING),
    ("en", "Thousands fled the fighting around Goma", HAPPENING),
    ("en", "Voting was held in nine states", HAPPENING),
    ("en", "Fires are still burning in the hills above Patras", HAPPENING),
    ("en", "Police arrested four suspects in Medea", HAPPENING),
    # ... and these do not: plans, forecasts, opinions, modals, habits, negations, background.
    ("en", "The ministry will reopen the crossing at Rafah", NOT),
    ("en", "Analysts believe the strikes on Hodeidah could widen the war", NOT),
    ("en", "Officials said the dam in Derna would be repaired", NOT),
    ("en", "The government plans to build a new port in Tartus", NOT),
    ("en", "Forecasters expect more rain over Valencia", NOT),
    ("en", "The union warned that ports in Texas may close", NOT),
    ("en", "No casualties were reported in Basra", NOT),
    ("en", "The rebels had controlled Kidal for a decade", NOT),
    ("en", "If talks fail, the strike in Antwerp may spread", NOT),
    ("en", "Most boats on this route leave from Libya", None),
    ("en", "The city of Mosul is a trading hub", None),
    # Arabic: the clause's first verb decides — perfect reports, imperfect describes or plans.
    ("ar", "سجلت الحماية المدنية 17 حريقا في سبع ولايات", HAPPENING),
    ("ar", "واستعاد الجيش السيطرة على بلدة السخنة", HAPPENING),
    ("ar", "وانقلب قارب مهاجرين جنوب جزيرة كريت", HAPPENING),
    ("ar", "وأصيب 55 طفلا بالتسمم في درنة", HAPPENING),
    ("ar", "ووصلت فرق إنقاذ إلى مطار بنينا", HAPPENING),
    ("ar", "ولا يزال عشرات في عداد المفقودين في درنة", HAPPENING),
    ("ar", "وأفاد مسؤول بأن ثلاثة أشخاص لقوا حتفهم في حمص", HAPPENING),
    ("ar", "قتل ثلاثة أشخاص بانفجار", HAPPENING),
    ("ar", "وتدخلت وحدات الإطفاء في ولاية بجاية", HAPPENING),
    ("ar", "ويرى محللون أن الضربات على الحديدة قد تؤدي إلى تصعيد", NOT),
    ("ar", "ويتوقع أن يزور الوزير بغداد", NOT),
    ("ar", "وتعد البصرة الميناء الرئيسي للعراق", NOT),
    ("ar", "وكانت القوات قد انسحبت من حلب", NOT),
    ("ar", "وقال المسؤول إن الحكومة ستعيد فتح معبر رفح", NOT),
    ("ar", "ولم تسجل أي إصابات في الموصل", NOT),
    ("ar", "وحذر خبراء من انهيار سدود أخرى في الجبل الأخضر", NOT),
    ("ar", "وسيزور الرئيس مدينة وهران", NOT),
    ("ar", "ومن المقرر أن تفتح الحدود مع الأردن", NOT),
    ("ar", "وفي ولاية تلمسان", None),
    # Talk about a topic: its places are topics, not where anything happened.
    ("ar", "وقالت السلطات إن المباحثات تناولت الهدنة في اليمن", NOT),
    ("en", "The ministers discussed the ceasefire in Gaza", NOT),
])
def test_a_clause_reports_a_happening_or_not(lang, clause, expected):
    assert clause_verdict(clause, lang) == expected


def day(text: str, surface: str, when: D) -> DateMention:
    at = text.index(surface)
    return DateMention(surface, at, at + len(surface), when, when, "day")


@pytest.mark.parametrize("dates, published, expected", [
    # The latest day of the story's present, never after publication: a plan for tomorrow is
    # not the story's present, nor is a day of its background.
    ([("Sunday", D(2024, 3, 3)), ("Monday", D(2024, 3, 4))], PUBLISHED, (D(2024, 3, 4), "story")),
    ([("Sunday", D(2024, 3, 3)), ("tomorrow", D(2024, 3, 7))], PUBLISHED, (D(2024, 3, 3), "story")),
    ([("on 2 January", D(2024, 1, 2))], PUBLISHED, (PUBLISHED, "published")),
    ([], PUBLISHED, (PUBLISHED, "published")),
    ([("Sunday", D(2024, 3, 3))], None, None),
])
def test_the_story_date(dates, published, expected):
    text = " ".join(surface for surface, _ in dates)
    mentions = [day(text, surface, when) for surface, when in dates]
    found = story_date(mentions, published)
    assert (found and (found[0].start, found[1])) == expected


PLACES = {"Derna": Place("Derna", 32.77, 22.64, "LY", "city", 1),
          "Benghazi": Place("Benghazi", 32.12, 20.07, "LY", "city", 2),
          "Tobruk": Place("Tobruk", 32.08, 23.96, "LY", "city", 3)}


def analyse(text: str, dates: list[tuple[str, D]], places: list[str], lang="en", published=PUBLISHED):
    mentions = [PlaceMention(name, text.index(name), text.index(name) + len(name), PLACES[name], 0.9)
                for name in places]
    document = Document(text=text, lang=lang, published=published)
    return assemble_events(document, [day(text, s, w) for s, w in dates], mentions)


def test_an_undated_happening_takes_the_story_day_and_says_so():
    text = "Floods hit Derna on Monday. Rescue teams reached Benghazi."
    events = analyse(text, [("on Monday", D(2024, 3, 4))], ["Derna", "Benghazi"])
    assert [(e.date.start, [p.name for p in e.places], e.date_source) for e in events] == [
        (D(2024, 3, 4), ["Derna"], "text"), (D(2024, 3, 4), ["Benghazi"], "story")]
    assert events[1].to_dict()["date_source"] == "story"


def test_without_a_day_of_the_present_the_publication_day_dates_it():
    text = "Rescue teams reached Benghazi. The port of Derna was built in 1910."
    events = analyse(text, [("1910", D(1910, 1, 1))], ["Benghazi", "Derna"])
    assert [(e.date.start, e.date_source) for e in events][0] == (PUBLISHED, "published")
    assert events[0].to_dict()["date_text"] == ""


def test_an_opinion_or_a_plan_is_no_event():
    text = "Officials said Derna would be rebuilt. Experts fear the dam at Benghazi may fail."
    assert analyse(text, [], ["Derna", "Benghazi"]) == []


def test_only_the_happening_clause_lends_its_places():
    text = "Floods destroyed the road to Tobruk, and officials said they would reopen it from Benghazi."
    events = analyse(text, [], ["Tobruk", "Benghazi"])
    assert [[p.name for p in e.places] for e in events] == [["Tobruk"]]


def test_a_place_clause_without_a_verb_belongs_to_its_happening():
    text = "وفي مدينة درنة، غمرت المياه الأحياء المطلة على البحر."
    text_places = PlaceMention("درنة", text.index("درنة"), text.index("درنة") + 4, PLACES["Derna"], 0.9)
    document = Document(text=text, lang="ar", published=PUBLISHED)
    events = assemble_events(document, [], [text_places])
    assert [([p.name for p in e.places], e.date_source) for e in events] == [(["Derna"], "published")]


def test_no_publication_date_no_story_event():
    text = "Rescue teams reached Benghazi."
    assert analyse(text, [], ["Benghazi"], published=None) == []


@pytest.mark.parametrize("text, dates, expected", [
    # The sentence before is background (last year) at the same place: this one goes on telling it.
    ("Floods hit Derna in 2022. Rescue teams reached Derna from Benghazi.", [("in 2022", D(2022, 1, 1), D(2022, 12, 31))],
     [("2022-01-01", "text")]),
    # The sentence before is of the story's present: this one is a happening of its own.
    ("Floods hit Derna on Monday. Rescue teams reached Derna from Benghazi.", [("on Monday", D(2024, 3, 4), D(2024, 3, 4))],
     [("2024-03-04", "text"), ("2024-03-04", "story")]),
    # Background elsewhere does not hold back a happening at another place.
    ("Floods hit Tobruk in 2022. Rescue teams reached Benghazi.", [("in 2022", D(2022, 1, 1), D(2022, 12, 31))],
     [("2022-01-01", "text"), ("2024-03-06", "published")]),
])
def test_a_sentence_going_on_with_background_is_no_story_event(text, dates, expected):
    names = [n for n in PLACES if n in text]
    mentions = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            mentions.append(PlaceMention(name, start, start + len(name), PLACES[name], 0.9))
            start = text.find(name, start + 1)
    date_mentions = [DateMention(s, text.index(s), text.index(s) + len(s), a, b, "day" if a == b else "year")
                     for s, a, b in dates]
    document = Document(text=text, lang="en", published=PUBLISHED)
    events = assemble_events(document, date_mentions, sorted(mentions, key=lambda m: m.start_char))
    assert [(e.date.start.isoformat(), e.date_source) for e in events] == expected
