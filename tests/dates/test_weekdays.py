"""Weekdays and today/yesterday/tomorrow, resolved against a Thursday (2023-10-19)."""
import pytest

D = "day"


@pytest.mark.parametrize("text, lang, expected", [
    # Past-tense reporting: the latest such day on or before publication, the same day counting.
    ("التقى الوزيران الخميس في الرياض.", "ar", [("2023-10-19", "2023-10-19", D)]),
    ("وصل الوفد إلى عمّان يوم الأربعاء.", "ar", [("2023-10-18", "2023-10-18", D)]),
    ("قصفت الطائرات المدينة فجر الاثنين.", "ar", [("2023-10-16", "2023-10-16", D)]),
    ("اندلع حريق في السوق ليلة السبت.", "ar", [("2023-10-14", "2023-10-14", D)]),
    ("أعلنت الشرطة مساء الجمعة اعتقال المشتبه به.", "ar", [("2023-10-13", "2023-10-13", D)]),
    ("وقعت المعركة يوم الجمعة الماضية.", "ar", [("2023-10-13", "2023-10-13", D)]),
    ("والأحد، تظاهر الآلاف في الساحة.", "ar", [("2023-10-15", "2023-10-15", D)]),
    ("The ministers met on Tuesday in Geneva.", "en", [("2023-10-17", "2023-10-17", D)]),
    ("Rescuers reached the village Monday morning.", "en", [("2023-10-16", "2023-10-16", D)]),
    ("The storm hit on Sunday night.", "en", [("2023-10-15", "2023-10-15", D)]),
    ("The summit was held last Friday.", "en", [("2023-10-13", "2023-10-13", D)]),
    ("Police said Thursday that two men were arrested.", "en", [("2023-10-19", "2023-10-19", D)]),
    # A future clause turns the weekday forward.
    ("سيزور الرئيس القاهرة الخميس المقبل.", "ar", [("2023-10-26", "2023-10-26", D)]),
    ("ستعقد القمة يوم الأحد في الدوحة.", "ar", [("2023-10-22", "2023-10-22", D)]),
    ("ومن المقرر أن يصل الوفد السبت.", "ar", [("2023-10-21", "2023-10-21", D)]),
    ("وصل الوفد مساء الثلاثاء وسيلتقي الرئيس يوم السبت.", "ar",
     [("2023-10-17", "2023-10-17", D), ("2023-10-21", "2023-10-21", D)]),
    ("The minister will visit Paris on Friday.", "en", [("2023-10-20", "2023-10-20", D)]),
    ("EU leaders will meet in Brussels on Thursday and Friday.", "en",
     [("2023-10-19", "2023-10-19", D), ("2023-10-20", "2023-10-20", D)]),
    ("Officials said Monday the vote would be held on Nov. 5.", "en",
     [("2023-10-16", "2023-10-16", D), ("2023-11-05", "2023-11-05", D)]),
    ("وتعقد القمة يوم غد الجمعة في الدوحة.", "ar", [("2023-10-20", "2023-10-20", D)]),
    ("Voters are expected to go to the polls on Sunday.", "en", [("2023-10-22", "2023-10-22", D)]),
    ("The court adjourned the case until next Monday.", "en", [("2023-10-23", "2023-10-23", D)]),
])
def test_weekday(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("قال المتحدث إن الهجوم وقع أمس.", "ar", [("2023-10-18", "2023-10-18", D)]),
    ("التقى الوزير نظيره أمس الأول في الرياض.", "ar", [("2023-10-17", "2023-10-17", D)]),
    ("وكان الرئيس قد وصل أول أمس إلى باريس.", "ar", [("2023-10-17", "2023-10-17", D)]),
    ("تجري الانتخابات غداً في جميع المحافظات.", "ar", [("2023-10-20", "2023-10-20", D)]),
    ("ويبدأ الوزير زيارته صباح غد إلى بغداد.", "ar", [("2023-10-20", "2023-10-20", D)]),
    ("أرسلت أنقرة فرق إنقاذ صباح اليوم.", "ar", [("2023-10-19", "2023-10-19", D)]),
    ("نُشرت الصور صباح أمس على مواقع التواصل.", "ar", [("2023-10-18", "2023-10-18", D)]),
    ("اجتمع المجلس اليوم الخميس.", "ar", [("2023-10-19", "2023-10-19", D)]),
    ("ووصل أمس الأربعاء إلى جنيف.", "ar", [("2023-10-18", "2023-10-18", D)]),
    ("وستنطلق المحادثات في جنيف بعد غد الأحد.", "ar", [("2023-10-22", "2023-10-22", D)]),
    ("The talks ended yesterday, and will resume tomorrow.", "en",
     [("2023-10-18", "2023-10-18", D), ("2023-10-20", "2023-10-20", D)]),
    ("Shelling continued overnight and into this morning.", "en",
     [("2023-10-19", "2023-10-19", D), ("2023-10-19", "2023-10-19", D)]),
    ("Protesters gathered last night outside parliament.", "en", [("2023-10-18", "2023-10-18", D)]),
])
def test_today_yesterday_tomorrow(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # "Later in the day" is the day of the latest dated mention before it.
    ("وصل الوزير إلى بغداد الثلاثاء. وخلال كلمة ألقاها في وقت لاحق من اليوم، شكر مضيفيه.", "ar",
     [("2023-10-17", "2023-10-17", D), ("2023-10-17", "2023-10-17", D)]),
    ("The envoy landed in Kyiv on Monday. Later in the day he met the president.", "en",
     [("2023-10-16", "2023-10-16", D), ("2023-10-16", "2023-10-16", D)]),
    # With nothing before it, the publication day.
    ("Later in the day the ministry issued a statement.", "en", [("2023-10-19", "2023-10-19", D)]),
])
def test_later_in_the_day(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("On Tuesday the council met.", "en", ["On Tuesday"]),
    ("ضرب زلزال المدينة فجر الاثنين، وفق السلطات.", "ar", ["فجر الاثنين"]),
    ("بدأت العملية فجر السبت 7 أكتوبر/تشرين الأول 2023.", "ar", ["فجر السبت 7 أكتوبر/تشرين الأول 2023"]),
    ("وعقدت الجلسة يوم الخميس الموافق 19 أكتوبر.", "ar", ["يوم الخميس الموافق 19 أكتوبر"]),
    ("The vote took place on Sunday, Sept. 10, 2023.", "en", ["on Sunday, Sept. 10, 2023"]),
    ("وعاد الهدوء صباح اليوم إلى المدينة.", "ar", ["صباح اليوم"]),
])
def test_weekday_surface(surfaces, text, lang, expected):
    assert surfaces(text, lang=lang) == expected


def test_weekday_without_published_stays_unresolved(tag):
    assert tag("التقى الوزيران الخميس.", published=None) == [(None, None, "day")]
    assert tag("They met on Tuesday and again yesterday.", published=None, lang="en") == [
        (None, None, "day"), (None, None, "day")]
