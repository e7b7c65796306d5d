"""Arabic toponym recognition: spelling variants, proclitics, triggers, guards against common
words, person names and nationality adjectives. Sentences written for these tests."""
from __future__ import annotations

import pytest

from extract.places import find_places

FOUND = [
    # (sentence, expected (surface, country, kind) in text order)
    ("وصل الرئيس إلى القاهرة صباح اليوم.", [("القاهرة", "EG", "city")]),
    ("قصفت الطائرات مدينة حمص وسط سوريا.", [("حمص", "SY", "city"), ("سوريا", "SY", "country")]),
    ("عاد الوفد من بيونج يانج أمس.", [("بيونج يانج", "KP", "city")]),
    ("زار الوزير بيونغيانغ الأسبوع الماضي.", [("بيونغيانغ", "KP", "city")]),
    ("وصلت السفينة إلى ميناء اللاذقية السوري.", [("اللاذقية", "SY", "city")]),
    ("سقطت قذائف على مدينة البيضاء شرق ليبيا.", [("البيضاء", "LY", "city"), ("ليبيا", "LY", "country")]),
    ("انتشرت قوات في دونباس وشبه جزيرة القرم.", [("دونباس", "UA", "region"), ("شبه جزيرة القرم", "UA", "region")]),
    ("نقلت الذخائر بالقطار إلى مدينة تيخورتسك.", [("تيخورتسك", "RU", "city")]),
    ("التقى بوتين وأردوغان في مدينة سوتشي الروسية.", [("سوتشي", "RU", "city")]),   # by transliteration
    ("ومن بغداد توجه الوفد إلى البصرة.", [("بغداد", "IQ", "city"), ("البصرة", "IQ", "city")]),
    ("أعلنت سلطنة عمان استعدادها للوساطة.", [("سلطنة عمان", "OM", "country")]),
    ("عبرت ناقلة النفط مضيق هرمز فجرا.", [("مضيق هرمز", "IR", "site")]),
    ("وقعت الاشتباكات في قطاع غزة والضفة الغربية.", [("قطاع غزة", "PS", "region"), ("الضفة الغربية", "PS", "region")]),
    ("أرسلت أنقرة فرق إنقاذ إلى المنطقة.", [("أنقرة", "TR", "city")]),
    ("تصل الرحلات من دبي إلى الدوحة يوميا.", [("دبي", "AE", "city"), ("الدوحة", "QA", "city")]),
    ("ضربت الفيضانات مِصْرَ والسُّودانَ.", [("مِصْرَ", "EG", "country"), ("السُّودانَ", "SD", "country")]),
    ("اجتمع القادة في القـاهرة.", [("القـاهرة", "EG", "city")]),
    ("يزور الوزير ڤيينا الأسبوع المقبل.", [("ڤيينا", "AT", "city")]),
    ("قالت واشنطن إن العقوبات ستستمر.", [("واشنطن", "US", "city")]),
    ("أعلنت السعودية والإمارات موقفا مشتركا.", [("السعودية", "SA", "country"), ("الإمارات", "AE", "country")]),
    ("تدهورت العلاقات بين أمريكا وروسيا البيضاء.", [("أمريكا", "US", "country"), ("روسيا البيضاء", "BY", "country")]),
    ("وصل بلينكن إلى القاهرة في جولة تشمل عمان والرياض والدوحة.",          # بلينكن is not ب + Lingen
     [("القاهرة", "EG", "city"), ("عمان", "JO", "city"), ("الرياض", "SA", "city"), ("الدوحة", "QA", "city")]),
    ("سيطرت القوات على مدينة ود مدني في السودان.", [("ود مدني", "SD", "city"), ("السودان", "SD", "country")]),
    ("احتفل المسيحيون في بيت لحم بعيد الميلاد.", [("بيت لحم", "PS", "city")]),   # not Bethlehem, PA
    ("رست السفينة في بورتسودان بعد أن غادرت شرم الشيخ.",                          # a movement verb
     [("بورتسودان", "SD", "city"), ("شرم الشيخ", "EG", "city")]),
    ("انفجرت سيارة مفخخة في مدينة الباب بريف حلب.",                                # الباب: "the door"
     [("الباب", "SY", "city"), ("حلب", "SY", "city")]),
    ("ضربت عاصفة ولاية فلوريدا الأمريكية.", [("فلوريدا", "US", "admin")]),
    ("وصل الوفد إلى هونغ كونغ ثم هونج كونج.", [("هونغ كونغ", "HK", "city"), ("هونج كونج", "HK", "city")]),
    ("فر اللاجئون من جمهورية الكونغو الديمقراطية إلى أوغندا.",
     [("الكونغو الديمقراطية", "CD", "country"), ("أوغندا", "UG", "country")]),
    ("أعلنت حكومة إقليم كردستان في أربيل تعليق الصادرات عبر ميناء جيهان التركي.",
     [("إقليم كردستان", "IQ", "admin"), ("أربيل", "IQ", "city"), ("جيهان", "TR", "city")]),
]


@pytest.mark.parametrize("sentence, expected", FOUND)
def test_finds_places(places, sentence, expected):
    assert places(sentence) == expected


NOTHING = [
    "التقى الوزير الروسي نظيره الكوري الشمالي.",             # nationality adjectives
    "أعلنت الحكومة الليبية حالة الطوارئ.",
    "كانت الأجواء جديدة على الفريق.",                        # جديدة is El Jadida
    "كان الرئيس في الدولة الجارة.",                          # كان is Caen, الدولة is Dhule
    "قال كيم جونغ أون إن بلاده مستعدة.",                     # a person, not a place
    "اجتاحت السيول الأحياء المنخفضة.",                       # the floods, not Seoul
    "يحمل العلم الأبيض رمز السلام.",                          # the white flag
    "وفي الختام شكر الحضور.",                                  # و + في, not Alofi
    "وزيرا خارجية البلدين يجتمعان غدا.",
    "أكد مسؤولون أمريكيون أن المحادثات مستمرة.",
    "تسعى الدولة إلى تعزيز الأمل لدى الشباب.",
    "نزح السكان نحو مدن أخرى.",                                # أخرى is not Accra
    "قال المتحدث باسم الجيش إن العملية مستمرة.",
    "جاء القرار في إطار خطة شاملة.",                           # إطار is Atar
    "تجمع المحتجون في الميدان وفي الحي القديم.",                 # Medan, Al Hayy
    "غادر الوزير القاعة غاضبا.",
    "تدور معارك عنيفة حول بوكروفسك.",          # a transliteration after "حول" needs a named country
    "دخلت القوات المدينة فجرا.",
    "قالت الوزارة في بيان إن الوضع تحت السيطرة.",             # بيان is Bayan, Kuwait
    "ارتفعت الأسهم في بورصة الأوراق المالية.",                 # بورصة is Bursa
    "وصل في منتصف الليل إلى معسكر التدريب.",                   # معسكر is Mascara
]


@pytest.mark.parametrize("sentence", NOTHING)
def test_finds_no_place_in_ordinary_words(places, sentence):
    assert places(sentence) == []


@pytest.mark.parametrize("sentence, surface", [
    ("وصل الوفد وبغداد تستعد للقمة.", "بغداد"),
    ("تحدث عن الأوضاع بدمشق أمس.", "دمشق"),
    ("وصلت المساعدات للخرطوم أمس.", "خرطوم"),
    ("فالقاهرة ترفض الاقتراح.", "القاهرة"),
])
def test_mention_excludes_proclitics_and_keeps_the_article(gazetteer, sentence, surface):
    mentions = find_places(sentence, lang="ar", gazetteer=gazetteer)
    assert [m.text for m in mentions] == [surface]
    m = mentions[0]
    assert sentence[m.start_char:m.end_char] == surface


def test_a_common_word_after_a_trigger_needs_the_documents_country(gazetteer):
    """ولاية الجزيرة (Gezira state) in a story about Sudan is not Algiers."""
    text = "سيطرت القوات على ود مدني عاصمة ولاية الجزيرة في السودان."
    assert "الجزيرة" not in [m.text for m in find_places(text, lang="ar", gazetteer=gazetteer)]


def test_mentions_are_ordered_and_do_not_overlap(gazetteer):
    text = "من ميناء طرطوس إلى إسطنبول ثم إلى موسكو عبر البحر الأسود، وعاد إلى طرطوس."
    mentions = find_places(text, lang="ar", gazetteer=gazetteer)
    assert len(mentions) == 5
    for a, b in zip(mentions, mentions[1:]):
        assert a.end_char <= b.start_char
    assert all(0.0 <= m.score <= 1.0 for m in mentions)


# General rules added with the first-level divisions (sentences written for these tests).
FOUND_BY_GENERAL_RULES = [
    # a plural trigger, then a list of the same country
    ("اجتاحت الفيضانات ولايات سطيف وباتنة.", [("سطيف", "DZ", "admin"), ("باتنة", "DZ", "city")]),
    # a country shaped like a nisba adjective is the country after a verb or a masculine noun
    ("زار الوزير السعودية أمس.", [("السعودية", "SA", "country")]),
    # a two-word country after a person's name is no adjective
    ("عندما زار الوزير سيرجي شويجو كوريا الشمالية أمس.", [("كوريا الشمالية", "KP", "country")]),
    # an idiom that announces a place (his birthplace)
    ("دفن القائد في مسقط رأسه يزد.", [("يزد", "IR", "city")]),
    # one sense per discourse: the trigger of the second mention accepts the first
    ("شهدت دوما احتجاجات واسعة. وقصفت الطائرات مدينة دوما ليلا.",
     [("دوما", "SY", "city"), ("دوما", "SY", "city")]),
    # a famous city spelt without its alif (شانغهاي) after a preposition, even behind وفي
    ("وفي شنغهاي ارتفعت الأسهم اليوم.", [("شنغهاي", "CN", "city")]),
    # a transliterated name listed after a place of the same country
    ("سقطت صواريخ على أوديسا وميكولايف.", [("أوديسا", "UA", "city"), ("ميكولايف", "UA", "city")]),
    # a province found by transliteration after إقليم
    ("أعلنت السلطات الطوارئ في إقليم سيتشوان.", [("سيتشوان", "CN", "admin")]),
    ("تحولت السفن نحو رأس الرجاء الصالح.", [("رأس الرجاء الصالح", "ZA", "site")]),
    # a place listed before an accepted one of its country
    ("امتدت الاحتجاجات إلى شوارع الزرقاء ومدينة إربد.", [("الزرقاء", "JO", "city"), ("إربد", "JO", "city")]),
]


@pytest.mark.parametrize("sentence, expected", FOUND_BY_GENERAL_RULES)
def test_finds_places_by_general_rules(places, sentence, expected):
    assert places(sentence) == expected


NOT_PLACES_BY_GENERAL_RULES = [
    "أعلنت الوزارة السعودية خطة جديدة.",          # adjective after an agreeing definite noun
    "جرت المحادثات برعاية سعودية.",               # indefinite adjective
    "قاتل عناصر فيلق القدس طويلا.",               # the Quds Force
    "عاد الرجل إلى مسقط رأسه.",                   # his birthplace, not Muscat
    "تراجعت أسهم المدن الساحلية.",                # المدن is not Medan (مدان)
    "تحدث الوزير عن بوتين مطولا.",                # a person, not Putian (بوتيان)
]


@pytest.mark.parametrize("sentence", NOT_PLACES_BY_GENERAL_RULES)
def test_general_rules_find_no_place(places, sentence):
    assert places(sentence) == []
