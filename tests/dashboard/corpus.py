"""A small synthetic corpus built from records directly, so the dashboard's tests do not depend
on what today's provisional date tagger and gazetteer happen to find."""
from __future__ import annotations

import datetime as dt

from extract.records import Analysis, DateMention, Document, Event, Place, PlaceMention

PYONGYANG = Place("Pyongyang", 39.0339, 125.7543, "KP", "city", 1871859)
NAJIN = Place("Najin", 42.2419, 130.2969, "KP", "city", 2044757)
DUNAY = Place("Dunay", 42.8788, 132.3354, "RU", "city", 2025840)
VOSTOCHNY = Place("Vostochny Cosmodrome", 51.8844, 128.3339, "RU", "site", None)
RUSSIA = Place("Russia", 0.0, 0.0, "RU", "country", 2017370)   # the stand-in gazetteer's countries


def _event(document: Document, sentence: str, date_text: str, start, end, granularity: str,
           places: tuple[tuple[str, Place], ...] = (), origin=None, destination=None) -> tuple[Event, DateMention]:
    """An event whose sentence is found in the document text, with mentions at their offsets."""
    at = document.text.index(sentence)
    date_at = at + sentence.index(date_text)
    date = DateMention(date_text, date_at, date_at + len(date_text), start, end, granularity)
    mentions = tuple(PlaceMention(surface, at + sentence.index(surface), at + sentence.index(surface) + len(surface),
                                  place, 0.9) for surface, place in places)
    event_id = f"{document.id[:6]}-{date_at}"
    return Event(event_id, sentence, at, at + len(sentence), date, tuple(p for _, p in places), origin,
                 destination, mentions), date


def arabic_analysis() -> Analysis:
    """Four events: a day in Pyongyang, a range Najin → Dunay, a month at the cosmodrome, a year."""
    sentences = [
        "التقى الوزيران في بيونغ يانغ في 19 أكتوبر 2023.",
        "شحنت الحاويات بين ناجين ودوناي بين 7 سبتمبر و1 أكتوبر.",
        "التقى كيم مع بوتين في قاعدة فوستوشني الفضائية في سبتمبر.",
        "وقعت روسيا اتفاقا في 2022.",
    ]
    document = Document(text=" ".join(sentences), lang="ar", published=dt.date(2023, 10, 19), path="seed-ar.txt",
                        title="وزيرا خارجية روسيا وكوريا الشمالية")
    made = [
        _event(document, sentences[0], "19 أكتوبر 2023", dt.date(2023, 10, 19), dt.date(2023, 10, 19), "day",
               (("بيونغ يانغ", PYONGYANG),)),
        _event(document, sentences[1], "بين 7 سبتمبر و1 أكتوبر", dt.date(2023, 9, 7), dt.date(2023, 10, 1), "range",
               (("ناجين", NAJIN), ("دوناي", DUNAY)), NAJIN, DUNAY),
        _event(document, sentences[2], "سبتمبر", dt.date(2023, 9, 1), dt.date(2023, 9, 30), "month",
               (("قاعدة فوستوشني الفضائية", VOSTOCHNY),)),
        _event(document, sentences[3], "2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "year",
               (("روسيا", RUSSIA),)),
    ]
    return Analysis(document, tuple(d for _, d in made), tuple(m for e, _ in made for m in e.place_mentions),
                    tuple(e for e, _ in made))


def english_analysis() -> Analysis:
    """An undated event (no publication date) and an article with markup in its text."""
    sentences = ["Lavrov arrived in Pyongyang on Wednesday.", "<script>alert('x')</script> Ships left Najin on 5 May 2023."]
    document = Document(text=" ".join(sentences), lang="en", published=None, path="wire.txt", title="Wire <b>copy</b>")
    made = [
        _event(document, sentences[0], "Wednesday", None, None, "day", (("Pyongyang", PYONGYANG),)),
        _event(document, sentences[1], "5 May 2023", dt.date(2023, 5, 5), dt.date(2023, 5, 5), "day",
               (("Najin", NAJIN),)),
    ]
    return Analysis(document, tuple(d for _, d in made), tuple(m for e, _ in made for m in e.place_mentions),
                    tuple(e for e, _ in made))


def corpus() -> dict[str, Analysis]:
    """What queries.py keeps in st.session_state["analyses"]: documents by id."""
    return {a.document.id: a for a in (arabic_analysis(), english_analysis())}
