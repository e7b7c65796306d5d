"""Day + month (+ year), month alone, month + year, years, in every Arabic month naming."""
import datetime as dt

import pytest


@pytest.mark.parametrize("text, lang, expected", [
    # Egyptian/Gulf, Levantine/Iraqi, Maghrebi names and the paired forms.
    ("وقعت الحادثة في 15 كانون الثاني 2020.", "ar", [("2020-01-15", "2020-01-15", "day")]),
    ("افتتح المعرض في 3 تشرين الأول.", "ar", [("2023-10-03", "2023-10-03", "day")]),
    ("وكانت القمة في 13 سبتمبر بين الزعيمين.", "ar", [("2023-09-13", "2023-09-13", "day")]),
    ("ضرب الزلزال جنوب تركيا في 6 شباط/فبراير 2023.", "ar", [("2023-02-06", "2023-02-06", "day")]),
    ("اجتاحت السيول المدينة في 10 أيلول/سبتمبر.", "ar", [("2023-09-10", "2023-09-10", "day")]),
    ("بدأت الحرب في نيسان/ أبريل 2023.", "ar", [("2023-04-01", "2023-04-30", "month")]),
    ("اندلع القتال في ١٥ أبريل ٢٠٢٣ في الخرطوم.", "ar", [("2023-04-15", "2023-04-15", "day")]),
    ("نظمت الانتخابات في 12 جوان 2019 بالجزائر.", "ar", [("2019-06-12", "2019-06-12", "day")]),
    ("في الثالث والعشرين من أيار 2021 أعلنت الهدنة.", "ar", [("2021-05-23", "2021-05-23", "day")]),
    ("ضربت العاصفة اليونان في الخامس من الشهر الجاري.", "ar", [("2023-10-05", "2023-10-05", "day")]),
    ("وصلت السفينة في الـ20 من يوليو.", "ar", [("2023-07-20", "2023-07-20", "day")]),
    ("وقع الزلزال في 13/9/2023.", "ar", [("2023-09-13", "2023-09-13", "day")]),
    # A day and month without a year: the year that puts it nearest publication, in the tense's direction.
    ("وصل الوفد في 25 مارس.", "ar", [("2023-03-25", "2023-03-25", "day")]),
    ("ستجرى الانتخابات في 25 ديسمبر.", "ar", [("2023-12-25", "2023-12-25", "day")]),
    # A month alone and a month with a year.
    ("التقى الزعيمان في قمتهما في سبتمبر.", "ar", [("2023-09-01", "2023-09-30", "month")]),
    ("وفي يوليو/تموز، زار وزير الدفاع بيونغ يانغ.", "ar", [("2023-07-01", "2023-07-31", "month")]),
    ("اعتقل في آذار 2011 وأفرج عنه في شباط 2014.", "ar",
     [("2011-03-01", "2011-03-31", "month"), ("2014-02-01", "2014-02-28", "month")]),
    # Years.
    ("ولد عام 1975 في بيروت.", "ar", [("1975-01-01", "1975-12-31", "year")]),
    ("عقدت الانتخابات في 2004 و2009 و2018.", "ar",
     [("2004-01-01", "2004-12-31", "year"), ("2009-01-01", "2009-12-31", "year"),
      ("2018-01-01", "2018-12-31", "year")]),
    ("تعود القضية إلى عام ٢٠١١.", "ar", [("2011-01-01", "2011-12-31", "year")]),
    ("وقعت أحداث مماثلة في 2004 وفي 2005.", "ar",
     [("2004-01-01", "2004-12-31", "year"), ("2005-01-01", "2005-12-31", "year")]),
    ("وفي مارس، تظاهر الآلاف.", "ar", [("2023-03-01", "2023-03-31", "month")]),
    ("سيعقد الاجتماع في النصف الثاني من نوفمبر.", "ar", [("2023-11-01", "2023-11-30", "month")]),
    # English.
    ("The war began on Feb. 24, 2022.", "en", [("2022-02-24", "2022-02-24", "day")]),
    ("The agreement was signed on 5 June 2021.", "en", [("2021-06-05", "2021-06-05", "day")]),
    ("She was born on July 4, 1990 in Ohio.", "en", [("1990-07-04", "1990-07-04", "day")]),
    ("The meeting is scheduled for Oct. 25.", "en", [("2023-10-25", "2023-10-25", "day")]),
    ("The next round of talks is expected in mid-January.", "en", [("2024-01-01", "2024-01-31", "month")]),
    ("It was the heaviest rainfall since July 2019.", "en", [("2019-07-01", "2019-07-31", "month")]),
    ("In March last year the bank raised rates.", "en", [("2022-03-01", "2022-03-31", "month")]),
    ("The company was founded in 1998.", "en", [("1998-01-01", "1998-12-31", "year")]),
    ("The report was dated 09/13/2023.", "en", [("2023-09-13", "2023-09-13", "day")]),
    ("Prices rose in May and March.", "en",
     [("2023-05-01", "2023-05-31", "month"), ("2023-03-01", "2023-03-31", "month")]),
    ("Prices rose in May and July 2019.", "en",
     [("2019-05-01", "2019-05-31", "month"), ("2019-07-01", "2019-07-31", "month")]),
])
def test_absolute(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, published, expected", [
    # A weekday beside a date without a year picks the year whose date falls on that weekday.
    ("The vote was set for Tuesday, Sept. 10.", "en", dt.date(2024, 9, 5), [("2024-09-10", "2024-09-10", "day")]),
    ("جرت الانتخابات يوم الأحد 10 سبتمبر.", "ar", dt.date(2024, 9, 5), [("2023-09-10", "2023-09-10", "day")]),
])
def test_weekday_picks_the_year(tag, text, lang, published, expected):
    assert tag(text, published=published, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # Absolute dates resolve without a publication date; partial ones stay unresolved.
    ("وقعت الحادثة في 15 كانون الثاني 2020.", "ar", [("2020-01-15", "2020-01-15", "day")]),
    ("The war began on Feb. 24, 2022.", "en", [("2022-02-24", "2022-02-24", "day")]),
    ("وكانت القمة في 13 سبتمبر.", "ar", [(None, None, "day")]),
    ("The talks resumed in September.", "en", [(None, None, "month")]),
])
def test_without_published(tag, text, lang, expected):
    assert tag(text, published=None, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # A day and month that name an event carry the event's year (extract/data named_dates).
    ("وتغيرت سياسات الطيران بعد هجمات 11 سبتمبر.", "ar", [("2001-09-11", "2001-09-11", "day")]),
    ("أحيا المصريون ذكرى ثورة 25 يناير.", "ar", [("2011-01-25", "2011-01-25", "day")]),
    ("Airport screening changed after the Sept. 11 attacks.", "en", [("2001-09-11", "2001-09-11", "day")]),
    # The same day and month without the event noun is an ordinary yearless date.
    ("وصل الوفد إلى بغداد في 11 سبتمبر.", "ar", [("2023-09-11", "2023-09-11", "day")]),
    ("The envoy arrived on Sept. 11.", "en", [("2023-09-11", "2023-09-11", "day")]),
])
def test_event_named_by_its_date(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


def test_a_named_event_after_publication_is_some_other_day():
    """An article of 2022 cannot mean the attack of 7 October 2023."""
    import datetime as dt

    found = tag_dates("وقع هجوم 7 أكتوبر على المعسكر.", dt.date(2022, 10, 20))
    assert found == [("2022-10-07", "2022-10-07", "day")]


def tag_dates(text, published):
    from extract.dates import find_dates

    return [(m.start and m.start.isoformat(), m.end and m.end.isoformat(), m.granularity)
            for m in find_dates(text, published=published, lang="ar")]


Y = "year"


@pytest.mark.parametrize("text, lang, expected", [
    # A year as an adjective: a determiner (and at most one word) before it, a noun after it.
    ("Manila invoked its 1951 mutual defence treaty with Washington.", "en", [("1951-01-01", "1951-12-31", Y)]),
    ("Observers said the 2018 election was marred by fraud.", "en", [("2018-01-01", "2018-12-31", Y)]),
    ("Kyiv rejects Russia's 2014 annexation of Crimea.", "en", [("2014-01-01", "2014-12-31", Y)]),
    ("He lost the disputed 2020 vote.", "en", [("2020-01-01", "2020-12-31", Y)]),
    ("Qatar hosted the 2022 World Cup.", "en", [("2022-01-01", "2022-12-31", Y)]),
    # After an event noun in Arabic, with or without an adjective between.
    ("وشارك في انتخابات 2018 نحو نصف الناخبين.", "ar", [("2018-01-01", "2018-12-31", Y)]),
    ("وأعاد الاتفاق إلى بنود اتفاقية 1994 بين البلدين.", "ar", [("1994-01-01", "1994-12-31", Y)]),
    ("احتلت إسرائيل الضفة الغربية في حرب 1967.", "ar", [("1967-01-01", "1967-12-31", Y)]),
    ("وقاطعت المعارضة الانتخابات التشريعية 2021.", "ar", [("2021-01-01", "2021-12-31", Y)]),
    ("واستضافت قطر كأس العالم 2022.", "ar", [("2022-01-01", "2022-12-31", Y)]),
])
def test_year_as_adjective(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected
