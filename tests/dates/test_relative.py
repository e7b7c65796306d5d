"""Relative periods (last/this/next week, month, year), "N days ago", weekends and decades."""
import datetime as dt

import pytest


@pytest.mark.parametrize("text, lang, expected", [
    ("ووعدت روسيا بزيارة بعد زيارة الزعيم الشهر الماضي.", "ar", [("2023-09-01", "2023-09-30", "month")]),
    ("سجلت هزات ارتدادية الأسبوع الماضي.", "ar", [("2023-10-09", "2023-10-15", "week")]),
    ("سيتم افتتاح الجسر الشهر المقبل.", "ar", [("2023-11-01", "2023-11-30", "month")]),
    ("ارتفعت الأسعار خلال العام الماضي.", "ar", [("2022-01-01", "2022-12-31", "year")]),
    ("تراجعت الصادرات في السنة الماضية.", "ar", [("2022-01-01", "2022-12-31", "year")]),
    ("ارتفعت الأسعار العام الماضي بنسبة كبيرة.", "ar", [("2022-01-01", "2022-12-31", "year")]),
    ("شهد هذا العام ارتفاعا في الأسعار.", "ar", [("2023-01-01", "2023-12-31", "year")]),
    ("تتواصل المفاوضات خلال الأسبوع الجاري.", "ar", [("2023-10-16", "2023-10-22", "week")]),
    ("عاد إلى بلاده أواخر العام الماضي.", "ar", [("2022-01-01", "2022-12-31", "year")]),
    ("ستُعقد الانتخابات في الربع الأول من العام المقبل.", "ar", [("2024-01-01", "2024-03-31", "quarter")]),
    ("Last month the containers were loaded onto trains.", "en", [("2023-09-01", "2023-09-30", "month")]),
    ("The court will rule next week.", "en", [("2023-10-23", "2023-10-29", "week")]),
    ("Earlier this month, the army withdrew.", "en", [("2023-10-01", "2023-10-19", "range")]),
    ("Inflation peaked last year.", "en", [("2022-01-01", "2022-12-31", "year")]),
    ("Output in the first quarter of 2023 rose.", "en", [("2023-01-01", "2023-03-31", "quarter")]),
])
def test_relative_period(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("أعلن ذلك قبل يومين.", "ar", [("2023-10-17", "2023-10-17", "day")]),
    ("وقع الهجوم قبل ثلاثة أسابيع.", "ar", [("2023-09-25", "2023-10-01", "week")]),
    ("غادر البلاد قبل 5 أيام.", "ar", [("2023-10-14", "2023-10-14", "day")]),
    ("تأسست الشركة قبل عامين.", "ar", [("2021-01-01", "2021-12-31", "year")]),
    ("Two weeks ago, the rebels took the city.", "en", [("2023-10-02", "2023-10-08", "week")]),
    ("It happened three days ago.", "en", [("2023-10-16", "2023-10-16", "day")]),
    ("The plant closed a year ago.", "en", [("2022-01-01", "2022-12-31", "year")]),
])
def test_ago(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, published, expected", [
    # The weekend before publication, Saturday to Sunday.
    ("Storms dumped rain on Springfield over the weekend.", "en", dt.date(2024, 3, 5),
     [("2024-03-02", "2024-03-03", "range")]),
    ("The plant will close this weekend.", "en", dt.date(2023, 10, 19), [("2023-10-21", "2023-10-22", "range")]),
    ("تظاهر الآلاف في عطلة نهاية الأسبوع الماضي.", "ar", dt.date(2023, 10, 19),
     [("2023-10-14", "2023-10-15", "range")]),
    ("تظاهر الآلاف خلال عطلة نهاية الأسبوع.", "ar", dt.date(2023, 10, 19), [("2023-10-14", "2023-10-15", "range")]),
    ("سيتظاهر الآلاف خلال عطلة نهاية الأسبوع.", "ar", dt.date(2023, 10, 19), [("2023-10-21", "2023-10-22", "range")]),
    ("Thousands will rally over the weekend.", "en", dt.date(2023, 10, 19), [("2023-10-21", "2023-10-22", "range")]),
])
def test_weekend(tag, text, lang, published, expected):
    assert tag(text, published=published, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("شهدت البلاد أزمة اقتصادية في التسعينيات.", "ar", [("1990-01-01", "1999-12-31", "decade")]),
    ("ارتفعت الأسعار خلال ثمانينيات القرن الماضي.", "ar", [("1980-01-01", "1989-12-31", "decade")]),
    ("The protests began in the 1990s.", "en", [("1990-01-01", "1999-12-31", "decade")]),
    ("Music from the '80s filled the hall.", "en", [("1980-01-01", "1989-12-31", "decade")]),
    ("It was a hit in the sixties.", "en", [("1960-01-01", "1969-12-31", "decade")]),
])
def test_decade(tag, text, lang, expected):
    assert tag(text, published=None, lang=lang) == expected


def test_relative_without_published_is_unresolved(tag):
    assert tag("سجلت هزات ارتدادية الأسبوع الماضي وقبل يومين.", published=None) == [
        (None, None, "week"), (None, None, "day")]


@pytest.mark.parametrize("text, lang, expected", [
    # A quarter without a year reads like a yearless month (published 2023-10-19).
    ("Profits fell in the third quarter.", "en", [("2023-07-01", "2023-09-30", "quarter")]),
    ("Deliveries slowed in the second quarter of the year.", "en", [("2023-04-01", "2023-06-30", "quarter")]),
    ("The merger should close in the first quarter.", "en", [("2024-01-01", "2024-03-31", "quarter")]),
    ("تراجع الإنتاج الصناعي في الربع الثالث.", "ar", [("2023-07-01", "2023-09-30", "quarter")]),
    ("ارتفعت الصادرات في الربع الأول من العام.", "ar", [("2023-01-01", "2023-03-31", "quarter")]),
    ("وسيعود النمو في الربع الأول.", "ar", [("2024-01-01", "2024-03-31", "quarter")]),
    # Quarters of other things.
    ("He scored twice in the fourth quarter of the game.", "en", []),
    ("تغيرت المدينة في الربع الأخير من القرن الماضي.", "ar", []),
])
def test_quarter_without_a_year(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected
