"""Event assembly from sentences and mentions, movements included (mentions built by hand so the
rules are tested apart from the taggers)."""
import datetime as dt

import pytest

from extract.events import assemble_events
from extract.records import DateMention, Document, Place, PlaceMention

D = dt.date
PLACES = {
    "Najin": Place("Najin", 42.24, 130.3, "KP", "city", 1), "Dunay": Place("Dunay", 42.88, 132.34, "RU", "city", 2),
    "North Korea": Place("North Korea", 40.0, 127.0, "KP", "country", 3), "Russia": Place("Russia", 60.0, 100.0, "RU", "country", 4),
    "Tartus": Place("Tartus", 34.89, 35.89, "SY", "city", 5), "Novorossiysk": Place("Novorossiysk", 44.72, 37.77, "RU", "city", 6),
    "Illinois": Place("Illinois", 40.0, -89.0, "US", "admin", 7), "Springfield": Place("Springfield", 39.8, -89.64, "US", "city", 8),
    "Pyongyang": Place("Pyongyang", 39.03, 125.75, "KP", "city", 9), "Moscow": Place("Moscow", 55.75, 37.62, "RU", "city", 10),
    "Rajin": Place("Rajin", 42.24, 130.3, "KP", "city", 1), "Vladivostok": Place("Vladivostok", 43.1, 131.9, "RU", "city", 11),
}


def mention(text: str, surface: str, name: str, nth: int = 0) -> PlaceMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return PlaceMention(surface, start, start + len(surface), PLACES[name], 0.9)


def date(text: str, surface: str, start: D | None, end: D | None = None, granularity: str = "day") -> DateMention:
    at = text.index(surface)
    return DateMention(surface, at, at + len(surface), start, end or start, granularity)


def events_of(text, dates, places, lang="ar"):
    document = Document(text=text, lang=lang, published=D(2023, 10, 19))
    return assemble_events(document, dates, places)


def summary(events):
    return [(e.date.text, [p.name for p in e.places],
             e.origin.name if e.origin else None, e.destination.name if e.destination else None) for e in events]


def test_one_dated_sentence_is_one_event_with_its_places():
    text = "التقى الوزيران الخميس في بيونغ يانغ. وكانت موسكو قد رحبت."
    events = events_of(text, [date(text, "الخميس", D(2023, 10, 19))],
                       [mention(text, "بيونغ يانغ", "Pyongyang"), mention(text, "موسكو", "Moscow")])
    assert summary(events) == [("الخميس", ["Pyongyang"], None, None)]
    assert events[0].sentence == "التقى الوزيران الخميس في بيونغ يانغ."
    assert text[events[0].start_char:events[0].end_char] == events[0].sentence


def test_sentence_without_a_date_gives_no_event():
    text = "وكانت موسكو قد رحبت بالزيارة."
    assert events_of(text, [], [mention(text, "موسكو", "Moscow")]) == []


def test_between_x_and_y_in_a_shipping_sentence_is_a_movement():
    text = "وتم شحن الحاويات في الفترة ما بين 7 سبتمبر و1 أكتوبر بين ناجين بكوريا الشمالية ودوناي بروسيا."
    events = events_of(text, [date(text, "7 سبتمبر و1 أكتوبر", D(2023, 9, 7), D(2023, 10, 1), "range")],
                       [mention(text, "ناجين", "Najin"), mention(text, "كوريا الشمالية", "North Korea"),
                        mention(text, "دوناي", "Dunay"), mention(text, "روسيا", "Russia")])
    assert summary(events) == [("7 سبتمبر و1 أكتوبر", ["Najin", "North Korea", "Dunay", "Russia"], "Najin", "Dunay")]


def test_between_x_and_y_without_a_movement_word_is_not_a_movement():
    text = "وتسلط الدبلوماسية الأخيرة بين موسكو وبيونغ يانغ الضوء على مصالحهما الشهر الماضي."
    events = events_of(text, [date(text, "الشهر الماضي", D(2023, 9, 1), D(2023, 9, 30), "month")],
                       [mention(text, "موسكو", "Moscow"), mention(text, "بيونغ يانغ", "Pyongyang")])
    assert summary(events) == [("الشهر الماضي", ["Moscow", "Pyongyang"], None, None)]


def test_from_and_arrival_give_origin_and_destination():
    text = "رست سفينة الشحن يوم السبت في ميناء طرطوس السوري قادمة من ميناء نوفوروسيسك الروسي."
    events = events_of(text, [date(text, "يوم السبت", D(2023, 10, 14))],
                       [mention(text, "طرطوس", "Tartus"), mention(text, "نوفوروسيسك", "Novorossiysk")])
    assert summary(events)[0][2:] == ("Novorossiysk", "Tartus")


def test_english_from_to_movement():
    text = "On Tuesday the convoy moved from the port of Rajin to Vladivostok."
    events = events_of(text, [date(text, "On Tuesday", D(2023, 10, 17))],
                       [mention(text, "Rajin", "Rajin"), mention(text, "Vladivostok", "Vladivostok")], "en")
    assert summary(events)[0][2:] == ("Rajin", "Vladivostok")


def test_english_between_with_words_before_the_second_place():
    text = "Between Sept. 7 and Oct. 1, the vessel made five round trips between Rajin and the small Russian port of Dunay."
    events = events_of(text, [date(text, "Between Sept. 7 and Oct. 1", D(2023, 9, 7), D(2023, 10, 1), "range")],
                       [mention(text, "Rajin", "Rajin"), mention(text, "Dunay", "Dunay")], "en")
    assert summary(events)[0][2:] == ("Rajin", "Dunay")


def test_of_is_not_from():
    """"من" also means "of": "بعد أيام من اتهام الولايات المتحدة" has no origin."""
    text = "بعد أيام من اتهام موسكو بإرسال شحنات جديدة من الذخائر إلى روسيا الخميس."
    events = events_of(text, [date(text, "الخميس", D(2023, 10, 19))],
                       [mention(text, "موسكو", "Moscow"), mention(text, "روسيا", "Russia")])
    assert summary(events)[0][2:] == (None, "Russia")


def test_two_dates_in_one_sentence_take_their_nearest_places():
    text = ("Flood warnings remained across central Illinois on Tuesday after storms dumped rain on "
            "Springfield over the weekend.")
    events = events_of(text, [date(text, "on Tuesday", D(2024, 3, 5)),
                              date(text, "over the weekend", D(2024, 3, 2), D(2024, 3, 3), "range")],
                       [mention(text, "Illinois", "Illinois"), mention(text, "Springfield", "Springfield")], "en")
    assert summary(events) == [("on Tuesday", ["Illinois"], None, None),
                               ("over the weekend", ["Springfield"], None, None)]
    assert [e.place_source for e in events] == ["sentence", "sentence"]


def test_dates_in_separate_clauses_keep_their_clause_places():
    text = "ضرب الزلزال ملاطية الاثنين، وكانت حلب قد تضررت في 6 شباط 2023."
    events = events_of(text, [date(text, "الاثنين", D(2024, 3, 11)), date(text, "6 شباط 2023", D(2023, 2, 6))],
                       [PlaceMention("ملاطية", text.index("ملاطية"), text.index("ملاطية") + 6, PLACES["Tartus"]),
                        mention(text, "حلب", "Moscow")])
    assert [(e.date.text, [p.name for p in e.places]) for e in events] == [
        ("الاثنين", ["Tartus"]), ("6 شباط 2023", ["Moscow"])]


def test_a_list_of_dates_shares_the_places():
    text = "أجريت الانتخابات في موسكو في 2004 و2009 و2018."
    years = [date(text, y, D(int(y[-4:]), 1, 1), D(int(y[-4:]), 12, 31), "year") for y in ("2004", "و2009", "و2018")]
    years = [DateMention(d.text.lstrip("و"), d.end_char - 4, d.end_char, d.start, d.end, "year") for d in years]
    events = events_of(text, years, [mention(text, "موسكو", "Moscow")])
    assert summary(events) == [(y, ["Moscow"], None, None) for y in ("2004", "2009", "2018")]


def test_the_same_interval_twice_in_a_sentence_is_one_event():
    text = "اجتاحت السيول درنة ليلة الأحد 10 سبتمبر 2023."
    events = events_of(text, [date(text, "ليلة الأحد", D(2023, 9, 10)), date(text, "10 سبتمبر 2023", D(2023, 9, 10))],
                       [mention(text, "درنة", "Tartus") if False else PlaceMention("درنة", 14, 18, PLACES["Tartus"])])
    assert len(events) == 1


def test_a_placeless_mention_of_a_known_interval_continues_that_event():
    text = "توجه لافروف إلى بيونغ يانغ الأربعاء. لكن لافروف قال الأربعاء إن زيارته تهدف إلى مناقشة الاتفاقات."
    first = text.index("الأربعاء")
    second = text.index("الأربعاء", first + 1)
    dates = [DateMention("الأربعاء", first, first + 8, D(2023, 10, 18), D(2023, 10, 18), "day"),
             DateMention("الأربعاء", second, second + 8, D(2023, 10, 18), D(2023, 10, 18), "day")]
    events = events_of(text, dates, [mention(text, "بيونغ يانغ", "Pyongyang")])
    assert [[p.name for p in e.places] for e in events] == [["Pyongyang"], ["Pyongyang"]]
    assert [e.place_source for e in events] == ["sentence", "same date"]
    assert events[0].id != events[1].id


def test_a_dated_sentence_without_places_is_no_event():
    """Its date stays a date mention of the Analysis; an event ties a date to places."""
    text = "أعلنت الحكومة الحداد الجمعة."
    assert events_of(text, [date(text, "الجمعة", D(2023, 10, 13))], []) == []


def test_the_sentence_before_lends_no_places():
    text = "ضرب الزلزال ملاطية. وسجلت هزات ارتدادية الأسبوع الماضي."
    at = text.index("ملاطية")
    events = events_of(text, [date(text, "الأسبوع الماضي", D(2023, 10, 9), D(2023, 10, 15), "week")],
                       [PlaceMention("ملاطية", at, at + 6, PLACES["Tartus"])])
    # The first sentence is a happening of its own, dated by the story; the dated one stays placeless.
    assert [(e.sentence, e.date_source) for e in events] == [("ضرب الزلزال ملاطية.", "published")]


def test_a_placeless_date_beside_a_placed_one_is_no_event():
    text = "Flood warnings remained across central Illinois on Tuesday, a week after Monday."
    events = events_of(text, [date(text, "on Tuesday", D(2024, 3, 5)), date(text, "Monday", D(2024, 2, 26))],
                       [mention(text, "Illinois", "Illinois")], "en")
    assert summary(events) == [("on Tuesday", ["Illinois"], None, None)]


def test_unresolved_dates_still_make_events():
    text = "Talks were held in Moscow on Thursday."
    events = events_of(text, [date(text, "on Thursday", None)], [mention(text, "Moscow", "Moscow")], "en")
    assert summary(events) == [("on Thursday", ["Moscow"], None, None)]
    assert events[0].to_dict()["start"] is None


def test_unresolved_places_are_left_out_of_events():
    text = "Talks were held in Xanadu on Thursday."
    at = text.index("Xanadu")
    events = events_of(text, [date(text, "on Thursday", D(2023, 10, 19))], [PlaceMention("Xanadu", at, at + 6, None)], "en")
    assert events == []


@pytest.mark.parametrize("lang", ["fr", "und"])
def test_other_languages_use_the_english_table(lang):
    text = "Talks in Moscow on Thursday."
    assert len(events_of(text, [date(text, "on Thursday", D(2023, 10, 19))], [mention(text, "Moscow", "Moscow")], lang)) == 1


@pytest.mark.parametrize("text, told, happened, place, lang", [
    ("Scottish officials said last week that Edinburgh would host a meeting next month.",
     "last week", "next month", "Springfield", "en"),
    ("وقال المتحدث الأحد إن القوات دخلت موسكو صباح السبت.", "الأحد", "صباح السبت", "Moscow", "ar"),
])
def test_a_date_of_the_telling_leaves_the_places_to_the_happening(text, told, happened, place, lang):
    surface = "Edinburgh" if place == "Springfield" else ("موسكو" if lang == "ar" else "Moscow")
    events = events_of(text, [date(text, told, D(2023, 10, 15)), date(text, happened, D(2023, 11, 1))],
                       [mention(text, surface, place)], lang)
    assert summary(events) == [(happened, [place], None, None)]


def test_a_lone_date_of_the_telling_is_still_the_event_date():
    text = "وقال لافروف الأربعاء إن زيارته إلى بيونغ يانغ تهدف إلى مناقشة الاتفاقات."
    events = events_of(text, [date(text, "الأربعاء", D(2023, 10, 18))], [mention(text, "بيونغ يانغ", "Pyongyang")])
    assert summary(events) == [("الأربعاء", ["Pyongyang"], None, None)]
