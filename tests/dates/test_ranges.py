"""Explicit ranges ("بين 7 سبتمبر و1 أكتوبر", "Sept. 7–Oct. 1") and open ones ("منذ الجمعة")."""
import datetime as dt

import pytest

R = "range"


@pytest.mark.parametrize("text, lang, expected", [
    ("تم شحن الحاويات في الفترة ما بين 7 سبتمبر و1 أكتوبر.", "ar", [("2023-09-07", "2023-10-01", R)]),
    ("عبرت السفينة المضيق بين 20 و25 أيار/مايو.", "ar", [("2023-05-20", "2023-05-25", R)]),
    ("من 5 إلى 10 مارس شارك آلاف في الاحتجاجات.", "ar", [("2023-03-05", "2023-03-10", R)]),
    ("استمر القتال من الأحد إلى الثلاثاء.", "ar", [("2023-10-15", "2023-10-17", R)]),
    ("أغلقت المدارس من 1 حتى 15 كانون الثاني 2022.", "ar", [("2022-01-01", "2022-01-15", R)]),
    ("تولى المنصب خلال الفترة بين عامي 2014 و2018.", "ar", [("2014-01-01", "2018-12-31", R)]),
    ("Between Sept. 7 and Oct. 1, the vessel made five trips.", "en", [("2023-09-07", "2023-10-01", R)]),
    ("The festival ran Sept. 7–Oct. 1.", "en", [("2023-09-07", "2023-10-01", R)]),
    ("Sales fell between May and July 2019.", "en", [("2019-05-01", "2019-07-31", R)]),
    ("From 2010 to 2015 the economy grew.", "en", [("2010-01-01", "2015-12-31", R)]),
    ("The ceasefire held from Monday to Wednesday.", "en", [("2023-10-16", "2023-10-18", R)]),
    ("Voting took place 7-10 March.", "en", [("2023-03-07", "2023-03-10", R)]),
    ("وبين 7 و9 مارس تظاهر الآلاف.", "ar", [("2023-03-07", "2023-03-09", R)]),
    ("ومن 3 إلى 5 يونيو 2022 عقد المؤتمر.", "ar", [("2022-06-03", "2022-06-05", R)]),
    ("Voting ran Sept. 7-9.", "en", [("2023-09-07", "2023-09-09", R)]),
    # A list, not a range: two days sharing one month.
    ("وقعت الهجمات في 7 و9 أكتوبر.", "ar",
     [("2023-10-07", "2023-10-07", "day"), ("2023-10-09", "2023-10-09", "day")]),
    ("He met lawmakers on March 12 and 14.", "en",
     [("2023-03-12", "2023-03-12", "day"), ("2023-03-14", "2023-03-14", "day")]),
    # Two successive days joined by "and" are one two-day range; the Arabic dual يومي opens one.
    ("He met lawmakers on March 12 and 13.", "en", [("2023-03-12", "2023-03-13", R)]),
    ("عقد المؤتمر يومي 28 و29 نيسان/أبريل في عمّان.", "ar", [("2023-04-28", "2023-04-29", R)]),
    ("وتظاهر الآلاف في 14 و15 آب/أغسطس.", "ar", [("2023-08-14", "2023-08-15", R)]),
    ("Delegates gathered in Geneva on 3 and 4 July.", "en", [("2023-07-03", "2023-07-04", R)]),
    ("The summit was held on 3 and 4 July 2021.", "en", [("2021-07-03", "2021-07-04", R)]),
    ("أغلقت المعابر يومي الأحد والاثنين.", "ar", [("2023-10-15", "2023-10-16", R)]),
    ("Polls closed on 3 or 4 July.", "en", [("2023-07-03", "2023-07-03", "day"), ("2023-07-04", "2023-07-04", "day")]),
    ("In March 12 and 13 people were hurt.", "en", [("2023-03-12", "2023-03-12", "day")]),
])
def test_range(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, published, expected", [
    ("تدور اشتباكات عنيفة منذ الجمعة في المدينة.", "ar", dt.date(2024, 5, 13), [("2024-05-10", "2024-05-13", R)]),
    ("اندلعت الاشتباكات منذ الخميس الماضي.", "ar", dt.date(2023, 10, 19), [("2023-10-12", "2023-10-19", R)]),
    ("ومنذ مطلع العام، رصد المراقبون عشرين رحلة.", "ar", dt.date(2022, 6, 6), [("2022-01-01", "2022-06-06", R)]),
    ("منذ 2019 تراجع الإنتاج.", "ar", dt.date(2023, 10, 19), [("2019-01-01", "2023-10-19", R)]),
    ("Since 2019, exports have doubled.", "en", dt.date(2023, 10, 19), [("2019-01-01", "2023-10-19", R)]),
    ("Schools have been closed since Monday.", "en", dt.date(2023, 10, 19), [("2023-10-16", "2023-10-19", R)]),
    ("نزح أكثر من مليون شخص منذ بداية العام، وهو أعلى رقم منذ 2016.", "ar", dt.date(2023, 11, 15),
     [("2023-01-01", "2023-11-15", R), ("2016-01-01", "2016-12-31", "year")]),
    # "Since" naming a reference point, not an ongoing interval.
    ("It was the heaviest rain since March 2010.", "en", dt.date(2023, 10, 19), [("2010-03-01", "2010-03-31", "month")]),
    ("هذه أعلى نسبة منذ 2008.", "ar", dt.date(2023, 10, 19), [("2008-01-01", "2008-12-31", "year")]),
    ("تشهد البلاد حربا منذ ١٥ أبريل ٢٠٢٣ حين اندلع القتال.", "ar", dt.date(2024, 5, 13),
     [("2023-04-15", "2023-04-15", "day")]),
])
def test_open_range(tag, text, lang, published, expected):
    assert tag(text, published=published, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("تم الشحن في الفترة ما بين 7 سبتمبر و1 أكتوبر.", "ar", ["ما بين 7 سبتمبر و1 أكتوبر"]),
    ("Between Sept. 7 and Oct. 1, five trips.", "en", ["Between Sept. 7 and Oct. 1"]),
    ("تدور اشتباكات منذ الجمعة.", "ar", ["منذ الجمعة"]),
])
def test_range_surface(surfaces, text, lang, expected):
    assert surfaces(text, lang=lang) == expected


def test_open_range_without_published_is_unresolved(tag):
    assert tag("تدور اشتباكات منذ الجمعة.", published=None) == [(None, None, R)]
