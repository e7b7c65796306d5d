"""Durations, plain numbers, clock times and names are not dates."""
import pytest


@pytest.mark.parametrize("text, lang", [
    ("توجه لافروف إلى بيونغ يانغ في زيارة تستغرق يومين.", "ar"),
    ("أمضى ثلاث سنوات في السجن.", "ar"),
    ("قتل 20 شخصا وأصيب 35 آخرون.", "ar"),
    ("وصل الوفد الساعة 10 صباحا.", "ar"),
    ("مارس الضغط على الحكومة لتغيير القانون.", "ar"),
    ("في اليوم الأول من المؤتمر تحدث الرئيس.", "ar"),
    ("تحتفل الأمم المتحدة باليوم العالمي للاجئين.", "ar"),
    ("وافق الطرفان، بين الاثنين، على الهدنة.", "ar"),
    ("أعلنت الحكومة الحداد ثلاثة أيام.", "ar"),
    ("ضرب زلزال بقوة 5.6 درجات المدينة.", "ar"),
    ("التقى الرئيس رمضان قديروف بالوفد.", "ar"),
    ("بلغت الخسائر 2019 مليون دولار.", "ar"),
    ("وسيعقد الاجتماع في الأسبوع الأول من الموسم.", "ar"),
    ("وقال الأمين العام الحالي للأمم المتحدة إن الوضع خطير.", "ar"),
    ("واتهم المدعي العام السابق الحكومة بالفساد.", "ar"),
    ("The visit lasted two days.", "en"),
    ("Shoppers flocked to stores on Black Friday.", "en"),
    ("The Sunday Times reported the deal.", "en"),
    ("USA Today reported the deal.", "en"),
    ("June Carter and April Ryan spoke.", "en"),
    ("He served three years in prison.", "en"),
    ("Officials may announce more measures.", "en"),
    ("The march on Washington drew thousands.", "en"),
    ("Revenue reached 2019 million dollars.", "en"),
    # A number before a count noun is not a year used as an adjective.
    ("Rescuers evacuated the 2000 residents of the village.", "en"),
    ("The ship carried a 1950 tonnes load of grain.", "en"),
    ("وأحصت الحرب 2015 قتيلا في المدينة.", "ar"),
    ("The meeting started at 10:30 and ended at 14:00.", "en"),
    ("Room 2020 was booked for 12 people.", "en"),
    ("Flight MH17 was shot down with 298 people aboard.", "en"),
])
def test_not_a_date(tag, text, lang):
    assert tag(text, lang=lang) == []
