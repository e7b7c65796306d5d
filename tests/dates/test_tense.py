"""The clause's tense picks the year of a yearless date and the week of a weekday.

Published 2023-10-19 (a Thursday) unless a row says otherwise. Future cues (سـ + verb, من
المزمع، تنطلق، will, begins, runs) look forward; past cues (كانت، وصلت، was, -ed) look back; an
unmarked clause takes the coming date only when it falls within about three months.
"""
import datetime as dt

import pytest

R = "range"
FRIDAY = dt.date(2023, 10, 20)


@pytest.mark.parametrize("text, lang, expected", [
    # سـ + an imperfect verb, including verbs the old noun stoplist hid (سيبدأ، سيجري، سيمنح، ستوقع).
    ("سيبدأ تطبيق التعرفة الجديدة في 3 يناير.", "ar", [("2024-01-03", "2024-01-03", "day")]),
    ("وسيجري الاستفتاء في 20 فبراير.", "ar", [("2024-02-20", "2024-02-20", "day")]),
    ("سيمنح الصندوق الدفعة الثانية في مارس.", "ar", [("2024-03-01", "2024-03-31", "month")]),
    ("ستوقع الحكومتان الاتفاق في 2 سبتمبر.", "ar", [("2024-09-02", "2024-09-02", "day")]),
    ("سيكون الاجتماع الأحد في العاصمة.", "ar", [("2023-10-22", "2023-10-22", "day")]),
    # Scheduling words and imperfect verbs of scheduled events.
    ("ومن المزمع أن يفتتح المعرض في 10 مارس.", "ar", [("2024-03-10", "2024-03-10", "day")]),
    ("وتستعد المدينة لاستقبال الزوار في يونيو.", "ar", [("2024-06-01", "2024-06-30", "month")]),
    ("تنطلق الدورة البرلمانية الجديدة الأحد.", "ar", [("2023-10-22", "2023-10-22", "day")]),
    ("يعقد مجلس الأمن جلسة طارئة يوم الجمعة.", "ar", [("2023-10-20", "2023-10-20", "day")]),
    ("The trial begins Feb. 6 in Atlanta.", "en", [("2024-02-06", "2024-02-06", "day")]),
    ("Open enrolment runs Dec. 1–Jan. 15 in most states.", "en", [("2023-12-01", "2024-01-15", R)]),
    ("The new terminal opens Saturday.", "en", [("2023-10-21", "2023-10-21", "day")]),
    ("Officials plan to reopen the bridge in March.", "en", [("2024-03-01", "2024-03-31", "month")]),
    ("Lawmakers are expected to vote on Aug. 3.", "en", [("2024-08-03", "2024-08-03", "day")]),
])
def test_future_clause_looks_forward(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("وصلت الشحنة الأولى إلى الميناء في 2 مارس.", "ar", [("2023-03-02", "2023-03-02", "day")]),
    ("وكانت الحكومة رفعت الأسعار في نوفمبر.", "ar", [("2022-11-01", "2022-11-30", "month")]),
    ("The bridge was closed on March 30.", "en", [("2023-03-30", "2023-03-30", "day")]),
    ("The plant reopened on March 5 after repairs.", "en", [("2023-03-05", "2023-03-05", "day")]),
    # The past verb further on in the clause still counts.
    ("On March 2 the rebels seized the airport.", "en", [("2023-03-02", "2023-03-02", "day")]),
    # Future cues win: a plan reported in the past tense is still a plan.
    ("The summit was expected to open on Dec. 4.", "en", [("2023-12-04", "2023-12-04", "day")]),
    # Nouns beginning with سي/ست are not future verbs.
    ("انفجرت سيارة مفخخة في السوق في 30 مارس.", "ar", [("2023-03-30", "2023-03-30", "day")]),
    ("سيطرت القوات على المعبر الأحد.", "ar", [("2023-10-15", "2023-10-15", "day")]),
    ("فاز مانشستر سيتي على ليفربول الأحد.", "ar", [("2023-10-15", "2023-10-15", "day")]),
    ("وصل الوفد إلى سيراليون الثلاثاء.", "ar", [("2023-10-17", "2023-10-17", "day")]),
    # المقرر is also a rapporteur: only "من المقرر" schedules.
    ("وانتقد المقرر الخاص للأمم المتحدة الثلاثاء القيود على الصحفيين.", "ar", [("2023-10-17", "2023-10-17", "day")]),
])
def test_past_clause_looks_back(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # Unmarked and within about three months after publication: the coming one.
    ("مؤتمر المانحين في جنيف في ديسمبر بمشاركة عشرين دولة.", "ar", [("2023-12-01", "2023-12-31", "month")]),
    ("A donor conference in Geneva on Dec. 12 with twenty countries.", "en",
     [("2023-12-12", "2023-12-12", "day")]),
    ("من 10 نوفمبر إلى 5 ديسمبر: موسم قطف الزيتون في الجليل.", "ar", [("2023-11-10", "2023-12-05", R)]),
    # Unmarked and further ahead: last year's.
    ("أسعار القمح في مارس بحسب تقرير المنظمة.", "ar", [("2023-03-01", "2023-03-31", "month")]),
    ("Wheat prices in April, according to the agency.", "en", [("2023-04-01", "2023-04-30", "month")]),
    # Unmarked but behind publication: the nearest past one, as before.
    ("الأمطار الغزيرة في 2 أكتوبر بحسب الأرصاد.", "ar", [("2023-10-02", "2023-10-02", "day")]),
])
def test_unmarked_clause_takes_the_nearest_within_a_quarter(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, published, expected", [
    # Under way at publication: this week's, whatever the tense (published on a Friday).
    ("تتواصل المناورات من الخميس حتى الأحد قرب الحدود.", "ar", FRIDAY, [("2023-10-19", "2023-10-22", R)]),
    ("The drills run from Thursday to Sunday.", "en", FRIDAY, [("2023-10-19", "2023-10-22", R)]),
    # Over by publication.
    ("The ceasefire held from Monday to Wednesday.", "en", FRIDAY, [("2023-10-16", "2023-10-18", R)]),
    ("أغلقت المعابر من السبت إلى الاثنين.", "ar", FRIDAY, [("2023-10-14", "2023-10-16", R)]),
    # Not begun yet, future clause: the coming one.
    ("ستغلق المدارس من الأحد إلى الثلاثاء.", "ar", FRIDAY, [("2023-10-22", "2023-10-24", R)]),
    ("The market will close from Monday to Wednesday.", "en", FRIDAY, [("2023-10-23", "2023-10-25", R)]),
])
def test_weekday_range(tag, text, lang, published, expected):
    assert tag(text, published=published, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # "last"/الماضي: wholly before publication, even when the month is near ahead.
    ("Exports slumped last December.", "en", [("last December", "2022-12-01", "2022-12-31", "month")]),
    ("وتراجعت الصادرات في ديسمبر الماضي.", "ar", [("ديسمبر الماضي", "2022-12-01", "2022-12-31", "month")]),
    ("أُغلق المصنع في 12 نوفمبر الماضي.", "ar", [("12 نوفمبر الماضي", "2022-11-12", "2022-11-12", "day")]),
    ("The ban took effect last October.", "en", [("last October", "2022-10-01", "2022-10-31", "month")]),
    # "next"/المقبل: wholly after publication.
    ("The elections are due next March.", "en", [("next March", "2024-03-01", "2024-03-31", "month")]),
    ("تجرى الانتخابات في مارس المقبل.", "ar", [("مارس المقبل", "2024-03-01", "2024-03-31", "month")]),
    # "this"/الجاري: the publication year's.
    ("The bank cut rates this March.", "en", [("this March", "2023-03-01", "2023-03-31", "month")]),
    ("تضاعفت أسعار الخبز خلال أكتوبر الجاري.", "ar", [("أكتوبر الجاري", "2023-10-01", "2023-10-31", "month")]),
])
def test_month_with_a_shift_word(summary_of, text, lang, expected):
    assert summary_of(text, lang=lang) == expected


# Published Thursday 2023-10-19 (conftest): "Thursday" in a future clause is that day, in a past
# one the same day too, so these rows use weekdays other than Thursday or yearless dates.
@pytest.mark.parametrize("text, lang, expected", [
    # على أن + imperfect: "he is to be buried on Saturday".
    ("وتشيع الجنازة في حمص، على أن يدفن الجثمان يوم السبت.", "ar", [("2023-10-21", "2023-10-21", "day")]),
    ("ويعود الوفد إلى بلاده على أن تستأنف المحادثات في 2 ديسمبر.", "ar", [("2023-12-02", "2023-12-02", "day")]),
    ("وتبحث القمة، المقررة الثلاثاء، ملف المياه.", "ar", [("2023-10-24", "2023-10-24", "day")]),
    ("وسيتم توزيع المساعدات الاثنين.", "ar", [("2023-10-23", "2023-10-23", "day")]),
    ("ومن المقرر أن تصل الشحنة في 5 يوليو.", "ar", [("2024-07-05", "2024-07-05", "day")]),
    # An unmarked clause after a scheduling clause of the same sentence takes its tense.
    ("وتقام مراسم التشييع في مشهد، ويوارى الثرى السبت.", "ar", [("2023-10-21", "2023-10-21", "day")]),
    ("ويعقد المؤتمر في الرياض، ويشارك فيه وزراء الخارجية في 5 مارس.", "ar", [("2024-03-05", "2024-03-05", "day")]),
    # English scheduled present, deadlines, obligations.
    ("The new governor takes office on Sept. 3.", "en", [("2024-09-03", "2024-09-03", "day")]),
    ("The ban takes effect on Aug. 1.", "en", [("2024-08-01", "2024-08-01", "day")]),
    ("Banks must report their exposure by June 30.", "en", [("2024-06-30", "2024-06-30", "day")]),
    ("The committee should publish its findings on Tuesday.", "en", [("2023-10-24", "2023-10-24", "day")]),
    ("Security was tightened ahead of Saturday's match.", "en", [("2023-10-21", "2023-10-21", "day")]),
    ("Talks were held in the run-up to Sunday's vote.", "en", [("2023-10-22", "2023-10-22", "day")]),
    ("The ferry is due to sail on Monday.", "en", [("2023-10-23", "2023-10-23", "day")]),
    ("The envoys are to meet again on Aug. 2.", "en", [("2024-08-02", "2024-08-02", "day")]),
    ("A decision is expected later this month, on Oct. 30 or 31.", "en",
     [("2023-10-19", "2023-10-31", "range"), ("2023-10-30", "2023-10-30", "day"), ("2023-10-31", "2023-10-31", "day")]),
])
def test_scheduled_and_deadline_clauses_look_forward(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("The new governor took office on Sept. 3.", "en", [("2023-09-03", "2023-09-03", "day")]),
    ("The ferry had been due to sail on Monday.", "en", [("2023-10-16", "2023-10-16", "day")]),
    ("Rebels had captured the town by June 30.", "en", [("2023-06-30", "2023-06-30", "day")]),
    ("وقال المقرر الخاص للأمم المتحدة الاثنين إن الوضع خطير.", "ar", [("2023-10-16", "2023-10-16", "day")]),
    # The scheduling clause before does not carry over a past clause, nor across a sentence.
    ("وسيزور الرئيس باريس، وكان التقى ماكرون السبت.", "ar", [("2023-10-14", "2023-10-14", "day")]),
    ("قال الوزير إن الحكومة ستدرس الملف، وأضاف أن اللجنة اجتمعت السبت.", "ar", [("2023-10-14", "2023-10-14", "day")]),
    ("ستفتتح السفارة أبوابها قريبا. وزار الوفد المدينة السبت.", "ar", [("2023-10-14", "2023-10-14", "day")]),
])
def test_past_reporting_of_plans_stays_past(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected
