"""Dates as a reader of a news story gives them (issue 11, classes 2-4): a yearless day is the
occurrence nearest publication; "earlier this month" ends at publication; "a week from Sunday"
is one day; a number is a date only with a date cue. Sentences written for these tests."""
import datetime as dt

import pytest

R = "range"
AUG_8 = dt.date(2022, 8, 8)        # a Monday
MARCH_6 = dt.date(2024, 3, 6)      # a Wednesday
OCT_19 = dt.date(2023, 10, 19)     # a Thursday


@pytest.mark.parametrize("text, lang, published, expected", [
    # Near publication the nearest occurrence wins, whatever the tense of the telling verb.
    ("The company cancelled the arrival on August 9.", "en", AUG_8, [("2022-08-09", "2022-08-09", "day")]),
    ("وألغت الشركة الوصول المقرر في 9 أغسطس.", "ar", AUG_8, [("2022-08-09", "2022-08-09", "day")]),
    ("Officials postponed the vote on Aug. 20.", "en", AUG_8, [("2022-08-20", "2022-08-20", "day")]),
    ("أعلنت الحكومة تأجيل الامتحانات في 15 أغسطس.", "ar", AUG_8, [("2022-08-15", "2022-08-15", "day")]),
    ("The convoy reached Kherson on Dec. 28.", "en", dt.date(2024, 1, 3), [("2023-12-28", "2023-12-28", "day")]),
    ("وصل الوفد إلى الرباط في 2 يناير.", "ar", dt.date(2023, 12, 30), [("2024-01-02", "2024-01-02", "day")]),
    # A plan never lies in the past: a future clause takes the nearest day not before publication.
    ("ستوقع الحكومتان الاتفاق في 2 سبتمبر.", "ar", OCT_19, [("2024-09-02", "2024-09-02", "day")]),
    ("The envoys will meet again on Oct. 2.", "en", OCT_19, [("2024-10-02", "2024-10-02", "day")]),
    # Far from publication (more than about four months either way) the tense breaks the tie.
    ("The plant reopened on March 5 after repairs.", "en", OCT_19, [("2023-03-05", "2023-03-05", "day")]),
    ("The summit will open on March 5.", "en", OCT_19, [("2024-03-05", "2024-03-05", "day")]),
    # "since" looks back even when the day ahead is nearer.
    ("The coast guard has stopped 4,000 people since October 1.", "en", AUG_8,
     [("2021-10-01", "2022-08-08", R)]),
])
def test_a_yearless_day_is_the_nearest_occurrence(tag, text, lang, published, expected):
    assert tag(text, published=published, lang=lang) == expected


@pytest.mark.parametrize("text, lang, published, expected", [
    # "earlier this X" runs from the period's start to publication; "later this X" from it to the end.
    ("Earlier this month, the army withdrew from the town.", "en", MARCH_6, [("2024-03-01", "2024-03-06", R)]),
    ("Prices rose sharply earlier this year.", "en", MARCH_6, [("2024-01-01", "2024-03-06", R)]),
    ("Rebels seized the airport earlier this week.", "en", MARCH_6, [("2024-03-04", "2024-03-06", R)]),
    ("Talks resume later this month.", "en", MARCH_6, [("2024-03-06", "2024-03-31", R)]),
    ("وفي وقت سابق من هذا الشهر، انسحب الجيش من البلدة.", "ar", MARCH_6, [("2024-03-01", "2024-03-06", R)]),
    ("وارتفعت الأسعار في وقت سابق من هذا العام.", "ar", MARCH_6, [("2024-01-01", "2024-03-06", R)]),
    ("وتستأنف المفاوضات في وقت لاحق من الشهر الجاري.", "ar", MARCH_6, [("2024-03-06", "2024-03-31", R)]),
    # The whole period without "earlier"/"later", as before.
    ("Prices rose sharply this year.", "en", MARCH_6, [("2024-01-01", "2024-12-31", "year")]),
    # "a week from Sunday" is one day, a week after the coming Sunday.
    ("The vote is set for a week from Sunday.", "en", MARCH_6, [("2024-03-17", "2024-03-17", "day")]),
    ("A runoff is due two weeks from Sunday.", "en", MARCH_6, [("2024-03-24", "2024-03-24", "day")]),
    # A weekday in a future clause is the next one; "Friday night" in a past clause the last one.
    ("The minister will visit Cairo on Friday.", "en", MARCH_6, [("2024-03-08", "2024-03-08", "day")]),
    ("سيزور الوزير القاهرة الجمعة.", "ar", MARCH_6, [("2024-03-08", "2024-03-08", "day")]),
    ("Gunmen attacked the village on Friday night.", "en", MARCH_6, [("2024-03-01", "2024-03-01", "day")]),
    ("هاجم مسلحون القرية مساء الجمعة.", "ar", MARCH_6, [("2024-03-01", "2024-03-01", "day")]),
])
def test_spans_and_weekdays_of_the_story(tag, text, lang, published, expected):
    assert tag(text, published=published, lang=lang) == expected


@pytest.mark.parametrize("text, lang", [
    # Counts, not dates: a number after a word of quantity, and a bare day before a thousands separator.
    ("The death toll rose to 2023 on the island.", "en"),
    ("Officials said the number of dead had climbed to 1717.", "en"),
    ("At least 1990 homes were destroyed.", "en"),
    ("وبلغت الحصيلة 1717 قتيلا.", "ar"),
    ("وارتفع عدد المصابين إلى أكثر من 2021 شخصا.", "ar"),
    ("Police said 8 people were hurt.", "en"),
    ("أصيب 8 أشخاص بجروح.", "ar"),
])
def test_a_number_without_a_date_cue_is_no_date(tag, text, lang):
    assert tag(text, published=MARCH_6, lang=lang) == []


@pytest.mark.parametrize("text, lang, expected", [
    ("Since October 1, 4,000 people crossed the border.", "en", [("2023-10-01", "2024-03-06", R)]),
    ("The war ended in 1990.", "en", [("1990-01-01", "1990-12-31", "year")]),
    ("وانتهت الحرب عام 1990.", "ar", [("1990-01-01", "1990-12-31", "year")]),
])
def test_a_number_with_a_date_cue_is_a_date(tag, text, lang, expected):
    assert tag(text, published=MARCH_6, lang=lang) == expected


SEPT_17 = dt.date(2023, 9, 17)     # a Sunday


@pytest.mark.parametrize("text, lang, published, expected", [
    # "since the start of" a month runs from the month's first day to publication.
    ("ومنذ مطلع شهر مارس، تدخلت فرق الإطفاء لإخماد مئات الحرائق.", "ar", MARCH_6, [("2024-03-01", "2024-03-06", R)]),
    ("وارتفعت الأسعار منذ بداية فبراير.", "ar", MARCH_6, [("2024-02-01", "2024-03-06", R)]),
    ("Prices have risen since the start of February.", "en", MARCH_6, [("2024-02-01", "2024-03-06", R)]),
    ("Firefighters have been busy since early March.", "en", MARCH_6, [("2024-03-01", "2024-03-06", R)]),
    # A weekday with a bare day, a connector and a full date is one range of that month.
    ("وضربت العاصفة الساحل ليلة الأحد 10 إلى الاثنين 11 سبتمبر.", "ar", SEPT_17, [("2023-09-10", "2023-09-11", R)]),
    ("وأغلقت المدارس من الثلاثاء 12 إلى الخميس 14 سبتمبر.", "ar", SEPT_17, [("2023-09-12", "2023-09-14", R)]),
    ("The storm hit the coast from Sunday 10 to Monday 11 September.", "en", SEPT_17,
     [("2023-09-10", "2023-09-11", R)]),
    # Joined by "و" only two successive days are one range.
    ("وزار الوفد المدينة يومي الأحد 10 والاثنين 11 سبتمبر.", "ar", SEPT_17, [("2023-09-10", "2023-09-11", R)]),
])
def test_since_the_start_of_a_month_and_weekday_day_ranges(tag, text, lang, published, expected):
    assert tag(text, published=published, lang=lang) == expected
