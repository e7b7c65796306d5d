"""Failure classes of places on real news (issue 10), one table each. Sentences written for these
tests; each row is (lang, sentence, expected (surface, country, kind) triples)."""
from __future__ import annotations

import pytest

# Continents, world regions, seas, rivers, lakes, islands, deserts and mountains
# (extract/data/places_world.tsv): found in both languages, as regions, never as a town.
WORLD_FEATURES = [
    ("en", "Aid agencies warned of hunger across Africa and parts of Asia.",
     [("Africa", None, "region"), ("Asia", None, "region")]),
    ("en", "Energy prices in Europe rose as tensions grew in the Middle East.",
     [("Europe", None, "region"), ("Middle East", None, "region")]),
    ("en", "Drought has shrunk Lake Chad and left the Sahel short of grain.",
     [("Lake Chad", None, "region"), ("Sahel", None, "region")]),
    ("en", "Tankers diverted around the Horn of Africa after attacks in the Red Sea.",
     [("Horn of Africa", None, "region"), ("Red Sea", None, "region")]),
    ("en", "Rescuers searched the Danube after the boat capsized.", [("Danube", None, "region")]),
    ("en", "Smoke from the fires drifted over the Rocky Mountains.", [("Rocky Mountains", None, "region")]),
    ("en", "A typhoon brushed Luzon before heading into the South China Sea.",
     [("Luzon", "PH", "region"), ("South China Sea", None, "region")]),
    ("en", "Flooding on the Mississippi River closed barge traffic.", [("Mississippi River", "US", "region")]),
    ("en", "Migrants crossed the English Channel in small boats.", [("English Channel", None, "region")]),
    ("en", "The expedition crossed the Gobi Desert in winter.", [("Gobi Desert", None, "region")]),
    ("en", "Snow closed passes in the Balkans and the Caucasus.",
     [("Balkans", None, "region"), ("Caucasus", None, "region")]),
    ("en", "Fishermen on Lake Victoria reported falling catches.", [("Lake Victoria", None, "region")]),
    ("ar", "حذرت الأمم المتحدة من مجاعة في أفريقيا وجنوب آسيا.",
     [("أفريقيا", None, "region"), ("جنوب آسيا", None, "region")]),
    ("ar", "تراجع منسوب نهر النيل وبحيرة ناصر هذا الصيف.",
     [("نهر النيل", None, "region"), ("بحيرة ناصر", "EG", "region")]),
    ("ar", "عبرت السفن مضيق ملقا باتجاه بحر الصين الجنوبي.",
     [("مضيق ملقا", None, "region"), ("بحر الصين الجنوبي", None, "region")]),
    ("ar", "تتمدد الصحراء الكبرى جنوبا نحو منطقة الساحل الأفريقي.",
     [("الصحراء الكبرى", None, "region"), ("منطقة الساحل الأفريقي", None, "region")]),
    ("ar", "تساقطت الثلوج بكثافة على جبال الألب وجبال البرانس.",
     [("جبال الألب", None, "region"), ("جبال البرانس", None, "region")]),
    ("ar", "وصل قارب يقل مهاجرين إلى جزيرة لامبيدوزا في البحر المتوسط.",
     [("جزيرة لامبيدوزا", "IT", "region"), ("البحر المتوسط", None, "region")]),
    ("ar", "تتصاعد التوترات في الشرق الأوسط ومنطقة القرن الأفريقي.",
     [("الشرق الأوسط", None, "region"), ("منطقة القرن الأفريقي", None, "region")]),
    ("ar", "ضربت عاصفة قوية سواحل المحيط الأطلسي وخليج المكسيك.",
     [("المحيط الأطلسي", None, "region"), ("خليج المكسيك", None, "region")]),
]


@pytest.mark.parametrize("lang, sentence, expected", WORLD_FEATURES)
def test_world_features(places, lang, sentence, expected):
    assert places(sentence, lang) == expected


# Divisions named by their news abbreviation, and a town placed in the division named right after it.
ABBREVIATIONS_AND_CONTAINMENT = [
    ("A fire destroyed a barn near Richmond, Ky., on Sunday.",
     [("Richmond", "US", "city", "KY"), ("Ky", "US", "admin", "KY")]),
    ("The mill in Paris, Texas, will close next year.",
     [("Paris", "US", "city", "TX"), ("Texas", "US", "admin", "TX")]),
    ("Police in Athens, Ga., arrested two men.", [("Athens", "US", "city", "GA"), ("Ga", "US", "admin", "GA")]),
    ("The plant in Lebanon, Pa., hired 200 workers.",
     [("Lebanon", "US", "city", "PA"), ("Pa", "US", "admin", "PA")]),
    ("Snow fell overnight in Charleston, W.Va., and in Lexington.",
     [("Charleston", "US", "city", "WV"), ("W.Va", "US", "admin", "WV"), ("Lexington", "US", "city", None)]),
    ("A convoy left Gainesville, GA, at dawn.", [("Gainesville", "US", "city", "GA")]),
    ("Floods hit Kamloops, B.C., for the second year.",
     [("Kamloops", "CA", "city", None), ("B.C.", "CA", "admin", None)]),
    ("The senator flew back to Washington, D.C., on Tuesday.",
     [("Washington", "US", "city", "DC"), ("D.C.", "US", "admin", None)]),
]


@pytest.mark.parametrize("sentence, expected", ABBREVIATIONS_AND_CONTAINMENT)
def test_abbreviations_and_containment(gazetteer, sentence, expected):
    from extract.places import find_places
    mentions = find_places(sentence, "en", gazetteer=gazetteer)
    got = [(m.text, m.place.country_code, m.place.kind) for m in mentions]
    assert got == [row[:3] for row in expected]
    for mention, row in zip(mentions, expected):
        if row[3] and row[2] == "city":
            state = {e.admin1 for e in gazetteer.lookup(mention.text) if e.place == mention.place}
            assert row[3] in state


# A surname said alone after the full name, a capitalised word that opens a longer name, a
# sentence-initial common word, and a namesake matched through an unrelated alternate name.
PEOPLE_AND_NAMES = [
    ("en", "Deputy Mark Turner found the car. Turner said the driver fled.", []),
    ("en", "Coach Phil Jones praised the team. Jones said the season was not over.", []),
    ("en", "Officers arrested Chiquita Henry on Friday. Henry was held overnight.", []),
    ("en", "Man charged after a fight outside a bar; the man was released on bail.", []),
    ("en", "Section 8 vouchers were cut, the housing section said.", []),
    ("en", "United Russia won most seats in the Duma.", []),
    ("en", "Hamas fighters fired rockets overnight.", []),
    ("en", "Brown said the budget would pass.", []),
    ("en", "Meanwhile Russia launched another wave of drones.", [("Russia", "RU", "country")]),
    ("en", "Neighbouring Mali and Burkina Faso closed their borders.",
     [("Mali", "ML", "country"), ("Burkina Faso", "BF", "country")]),
    ("en", "Drones targeted an oil depot in Russia's Bryansk region.",
     [("Russia", "RU", "country"), ("Bryansk", "RU", "city")]),
    ("en", "Troops moved towards Bakhmut and Avdiivka.", [("Bakhmut", "UA", "city"), ("Avdiivka", "UA", "city")]),
]


@pytest.mark.parametrize("lang, sentence, expected", PEOPLE_AND_NAMES)
def test_people_and_longer_names(places, lang, sentence, expected):
    assert places(sentence, lang) == expected


# A place that leads an institution's name is a place of the story ("Kentucky State Police"),
# unlike one inside a brand, a newspaper or a bank ("Qatar Airways", "Bank of England").
INSTITUTIONS = [
    ("The Kentucky State Police closed the highway.", [("Kentucky", "US", "admin")]),
    ("The Texas Department of Transportation reopened the bridge.", [("Texas", "US", "admin")]),
    ("Ohio Democrats backed the measure.", [("Ohio", "US", "admin")]),
    ("Qatar Airways resumed flights.", []),
    ("The Boston Globe reported the story.", []),
]


@pytest.mark.parametrize("sentence, expected", INSTITUTIONS)
def test_institutions_of_a_place(places, sentence, expected):
    assert places(sentence, "en") == expected


# Same name, other place: the story's own division chooses the namesake; a town named like a
# country is the town when the story is set in its division.
SENSES_FROM_THE_STORY = [
    ("The mill in Paris, Texas, closed; workers in Paris said the plant had been sold.",
     ["US", "US", "US"]),
    ("Storms hit Lamar County, Texas. In Paris, roofs were torn off and power was cut.",
     ["US", "US", "US"]),      # the county, Texas, Paris
    ("Athens, Ga., police said the suspect was held in Athens overnight.", ["US", "US", "US"]),
    ("Flooding closed roads in Kentucky. In Richmond, crews cleared debris near Berea.",
     ["US", "US", "US"]),
    ("Floods hit Pennsylvania. The river crested in Lebanon on Sunday, Pennsylvania officials said.",
     ["US", "US", "US"]),
    ("Tourists returned to Paris after the strike ended in France.", ["FR", "FR"]),
    ("The minister flew from Athens to Rome for talks.", ["GR", "IT"]),
    ("Talks in London ended without a deal, British officials said.", ["GB"]),
]


@pytest.mark.parametrize("sentence, countries", SENSES_FROM_THE_STORY)
def test_senses_from_the_story(gazetteer, sentence, countries):
    from extract.places import find_places
    assert [m.place.country_code for m in find_places(sentence, "en", gazetteer=gazetteer)] == countries


# A demonym before a feature word or before the name says which country ("the Lebanese port
# of Tripoli" is not Tripoli, Libya).
DEMONYM_BEFORE = [
    ("Ships unloaded fuel at the Lebanese port of Tripoli.", [("Tripoli", "LB", "city")]),
    ("Fighting spread to the Libyan city of Tripoli.", [("Tripoli", "LY", "city")]),
    ("The Turkish port of Iskenderun was damaged.", [("Iskenderun", "TR", "city")]),
    ("Rain flooded the Greek island of Crete.", [("Crete", "GR", "region")]),
]


@pytest.mark.parametrize("sentence, expected", DEMONYM_BEFORE)
def test_demonym_before_the_name(places, sentence, expected):
    assert places(sentence, "en") == expected


# Countries in their short, long and official forms; divisions by abbreviation without dots.
COUNTRY_FORMS = [
    ("Floods swept the Netherlands and Belgium.", [("Netherlands", "NL", "country"), ("Belgium", "BE", "country")]),
    ("Aid reached the Democratic Republic of the Congo on Monday.",
     [("Democratic Republic of the Congo", "CD", "country")]),
    ("Bushfires burned across NSW as heat records fell.", [("NSW", "AU", "admin")]),
    ("The Gambia held an election.", [("Gambia", "GM", "country")]),
    ("Talks with the United Arab Emirates resumed.", [("United Arab Emirates", "AE", "country")]),
    ("Voters in the Czech Republic went to the polls.", [("Czech Republic", "CZ", "country")]),
]


@pytest.mark.parametrize("sentence, expected", COUNTRY_FORMS)
def test_country_forms(places, sentence, expected):
    assert places(sentence, "en") == expected


# Arabic: world features after their trigger, and the feature never read as a town of its name.
ARABIC_FEATURES = [
    ("جرفت السيول قرى على ضفاف نهر الفرات.", [("نهر الفرات", None, "region")]),
    ("تراجع منسوب بحيرة طبريا إلى مستوى قياسي.", [("بحيرة طبريا", "IL", "region")]),
    ("اشتعلت حرائق في جزيرة كريت اليونانية.", [("جزيرة كريت", "GR", "region")]),
    ("تساقطت الأمطار على جبال زاغروس غرب إيران.", [("جبال زاغروس", "IR", "region"), ("إيران", "IR", "country")]),
    ("هبت عاصفة رملية من صحراء النفود نحو الرياض.", [("صحراء النفود", "SA", "region"), ("الرياض", "SA", "city")]),
    ("تجمد سطح بحيرة بايكال في سيبيريا.", [("بحيرة بايكال", "RU", "region"), ("سيبيريا", None, "region")]),
    ("عبر المهاجرون بحر المانش نحو بريطانيا.", [("بحر المانش", None, "region"), ("بريطانيا", "GB", "country")]),
    ("زار الوزير جمهورية أفريقيا الوسطى وجمهورية الدومينيكان.",
     [("جمهورية أفريقيا الوسطى", "CF", "country"), ("جمهورية الدومينيكان", "DO", "country")]),
    ("أطلقت كوريا الشمالية صاروخا سقط في بحر اليابان.", [("كوريا الشمالية", "KP", "country"), ("بحر اليابان", None, "region")]),
    ("سيرت دول البلطيق دوريات في بحر البلطيق.", [("دول البلطيق", None, "region"), ("بحر البلطيق", None, "region")]),
]


@pytest.mark.parametrize("sentence, expected", ARABIC_FEATURES)
def test_arabic_world_features(places, sentence, expected):
    assert places(sentence, "ar") == expected


# Arabic: a town named with its division ("… بولاية نيفادا", "… في محافظة حلب") lies in it.
ARABIC_CONTAINMENT = [
    ("وقع الحادث في مدينة هندرسون بولاية نيفادا الأمريكية.", "هندرسون", "US", "NV"),
    ("اندلع حريق في مدينة باريس بولاية تكساس.", "باريس", "US", "TX"),
    ("أغلقت الشرطة الطرق في مدينة أثينا بولاية جورجيا.", "أثينا", "US", "GA"),
    ("ضربت عاصفة مدينة سبرينغفيلد بولاية أوهايو.", "سبرينغفيلد", "US", "OH"),
    ("أعلنت السلطات الطوارئ في مدينة بورتلاند بولاية مين.", "بورتلاند", "US", "ME"),
    ("قتل شخصان في بلدة الباب في محافظة حلب.", "الباب", "SY", "09"),
    ("احتفل السكان في مدينة الإسكندرية بولاية فرجينيا.", "الإسكندرية", "US", "VA"),
]


@pytest.mark.parametrize("sentence, surface, country, division", ARABIC_CONTAINMENT)
def test_arabic_town_in_its_division(gazetteer, sentence, surface, country, division):
    from extract.places import find_places
    mention = next(m for m in find_places(sentence, "ar", gazetteer=gazetteer) if m.text == surface)
    assert mention.place.country_code == country
    assert division in {e.admin1 for e in gazetteer.lookup(surface) if e.place == mention.place}


# English: a town and its division in one capitalised run of a dateline or a list.
MORE_ENGLISH = [
    ("Officials in Springfield, Ill., approved the budget.", ["US", "US"]),
    ("The storm flooded Columbus, Ga., and nearby towns.", ["US", "US"]),
    ("Residents of Dublin, Ohio, voted on the levy.", ["US", "US"]),
]


@pytest.mark.parametrize("sentence, countries", MORE_ENGLISH)
def test_more_towns_with_their_division(gazetteer, sentence, countries):
    from extract.places import find_places
    assert [m.place.country_code for m in find_places(sentence, "en", gazetteer=gazetteer)] == countries
