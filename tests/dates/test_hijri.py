"""Hijri dates, converted to Gregorian with hijridate (Umm al-Qura)."""
import datetime as dt

import pytest


@pytest.mark.parametrize("text, lang, published, expected", [
    ("أعلنت الوزارة في 5 رمضان 1445 هـ بدء الحملة.", "ar", None, [("2024-03-15", "2024-03-15", "day")]),
    ("يوافق الأول من محرم 1446 بداية العام الهجري.", "ar", None, [("2024-07-07", "2024-07-07", "day")]),
    ("احتفل المسلمون بالعيد في 10 ذو الحجة 1444.", "ar", None, [("2023-06-28", "2023-06-28", "day")]),
    ("صدر القرار في شهر رمضان 1444.", "ar", None, [("2023-03-23", "2023-04-20", "month")]),
    ("The decree was issued on 5 Ramadan 1445 AH.", "en", None, [("2024-03-15", "2024-03-15", "day")]),
    # Without a year: the occurrence nearest publication in the tense's direction.
    ("تضاعفت الأسعار خلال شهر رمضان.", "ar", dt.date(2024, 5, 1), [("2024-03-11", "2024-04-09", "month")]),
])
def test_hijri(tag, text, lang, published, expected):
    assert tag(text, published=published, lang=lang) == expected


def test_hijri_without_year_or_published_is_unresolved(tag):
    assert tag("تضاعفت الأسعار خلال شهر رمضان.", published=None) == [(None, None, "month")]
