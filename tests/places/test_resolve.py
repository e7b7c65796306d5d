"""Resolution: population and feature type, the trigger's hint, the document's countries and
divisions, and spatial coherence pick among namesakes."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from extract.places import find_places
from extract.geometry import haversine_km

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_0c2f93253e3f392a.txt"


def located(text, lang, gazetteer):
    return {m.text: m.place for m in find_places(text, lang=lang, gazetteer=gazetteer)}


@pytest.mark.parametrize("text, lang, surface, country, lat, lon", [
    # طرابلس: Libya's capital in a Libyan story, Lebanon's Tripoli in a Lebanese one.
    ("أعلنت الحكومة في طرابلس الحداد على ضحايا السيول في ليبيا.", "ar", "طرابلس", "LY", 32.89, 13.19),
    ("اندلعت اشتباكات في طرابلس شمال لبنان.", "ar", "طرابلس", "LB", 34.43, 35.84),
    ("Protesters gathered in Tripoli, Lebanon, on Sunday.", "en", "Tripoli", "LB", 34.43, 35.84),
    # Springfield: the one in the state the document names.
    ("Storms hit Illinois; the city of Springfield declared an emergency.", "en", "Springfield", "US", 39.80, -89.64),
    ("Flooding closed roads near Springfield, Missouri.", "en", "Springfield", "US", 37.21, -93.29),
    # قاعدة ... الفضائية announces a spaceport, not one of the villages called Vostochny.
    ("التقى الزعيمان في قاعدة فوستوشني الفضائية في روسيا.", "ar", "فوستوشني", "RU", 51.88, 128.33),
    # The capital hint and the adjective: عمان of Jordan.
    ("وصل الوفد إلى العاصمة الأردنية عمان.", "ar", "عمان", "JO", 31.96, 35.95),
    # Transliteration with a country next to the name.
    ("شحنت الحاويات بين ناجين بكوريا الشمالية ودوناي بروسيا.", "ar", "ناجين", "KP", 42.26, 130.28),
    ("شحنت الحاويات بين ناجين بكوريا الشمالية ودوناي بروسيا.", "ar", "دوناي", "RU", 42.88, 132.34),
    ("سيطرت القوات على بلدة أفدييفكا في شرق أوكرانيا.", "ar", "أفدييفكا", "UA", 48.14, 37.75),
    # The famous namesake wins over a nearby small one in a digest that hops continents.
    ("قال محللون في لندن ونيويورك إن السوق متقلبة. وأكد مسؤول أمريكي في جنيف أن الوضع كارثي.",
     "ar", "جنيف", "CH", 46.20, 6.15),
    # A country and its own capital share a name: without a trigger it is the country.
    ("وفي تونس خرج المئات في مظاهرة.", "ar", "تونس", "TN", 34.0, 9.5),
    ("تظاهر المئات وسط العاصمة تونس.", "ar", "تونس", "TN", 36.82, 10.17),
    ("Heavy rain hit New York on Monday.", "en", "New York", "US", 40.71, -74.01),
    # A place's current name beats another place's historical one (Engels was Pokrovsk).
    ("Fighting raged around Pokrovsk in Ukraine's Donetsk region.", "en", "Pokrovsk", "UA", 48.28, 37.18),
    # Transliteration after a mere preposition: a long skeleton, in a country the text names.
    ("تدور معارك عنيفة حول بوكروفسك في منطقة دونيتسك الأوكرانية.", "ar", "بوكروفسك", "UA", 48.28, 37.18),
    # A noun after the name announces it: "Russia's Bryansk region".
    ("Drones targeted an oil depot in Russia's Bryansk region.", "en", "Bryansk", "RU", 53.27, 34.32),
])
def test_resolves_namesakes_from_context(gazetteer, text, lang, surface, country, lat, lon):
    place = located(text, lang, gazetteer)[surface]
    assert place.country_code == country
    if place.kind != "country":      # a country's centroid is any reasonable point
        assert haversine_km((place.lat, place.lon), (lat, lon)) < 25


def test_country_and_capital_of_the_same_name(gazetteer):
    assert located("وفي تونس خرج المئات في مظاهرة.", "ar", gazetteer)["تونس"].kind == "country"
    assert located("تظاهر المئات وسط العاصمة تونس.", "ar", gazetteer)["تونس"].kind == "city"


SEED_TRUTH = {   # (surface, lat, lon) from GeoNames / Wikipedia
    "Pyongyang": ("بيونغ يانغ", 39.0339, 125.7543),
    "Najin": ("ناجين", 42.2556, 130.2831),
    "Dunai": ("دوناي", 42.8788, 132.3354),
    "Vostochny Cosmodrome": ("فوستوشني", 51.884, 128.334),
}


@pytest.mark.parametrize("name", sorted(SEED_TRUTH))
def test_seed_places_within_25_km(gazetteer, name):
    surface, lat, lon = SEED_TRUTH[name]
    places = located(SEED.read_text(encoding="utf-8"), "ar", gazetteer)
    place = places[surface]
    assert haversine_km((place.lat, place.lon), (lat, lon)) < 25


def test_seed_reports_no_adjective_as_a_place(gazetteer):
    mentions = find_places(SEED.read_text(encoding="utf-8"), lang="ar", gazetteer=gazetteer)
    assert not [m.text for m in mentions if "روسي" in m.text and m.place.kind != "country"
                and m.place.kind != "region"]
    assert all(m.place.geonameid is None for m in mentions if m.place.source != "geonames")


def test_countries_carry_kind_country_and_iso_code(gazetteer):
    mentions = find_places("زار الوفد روسيا وكوريا الشمالية والولايات المتحدة.", lang="ar",
                           gazetteer=gazetteer)
    assert [(m.place.kind, m.place.country_code) for m in mentions] == [
        ("country", "RU"), ("country", "KP"), ("country", "US")]
    assert all(m.place.geonameid for m in mentions)


def test_haversine_is_a_distance():
    assert haversine_km((0, 0), (0, 0)) == 0
    assert math.isclose(haversine_km((0, 0), (0, 1)), 111.19, rel_tol=1e-3)


def mentions(text, lang, gazetteer):
    return [(m.text, m.place.name, m.place.country_code, m.place.kind)
            for m in find_places(text, lang=lang, gazetteer=gazetteer)]


@pytest.mark.parametrize("text, lang, expected", [
    # A province named after its city is the city unless a trigger says province.
    ("وصل الوفد إلى بغداد.", "ar", [("بغداد", "Baghdad", "IQ", "city")]),
    ("فاز المرشح في محافظة بغداد.", "ar", [("بغداد", "Baghdad", "IQ", "admin")]),
    # ... but a small namesake city does not hide a big province.
    ("Floods swept Rio Grande do Sul.", "en", [("Rio Grande do Sul", "Rio Grande do Sul", "BR", "admin")]),
    # A curated sea beats Sudan's Red Sea state.
    ("عبرت السفينة البحر الأحمر.", "ar", [("البحر الأحمر", "Red Sea", None, "region")]),
    # Provinces earn their place by size: Gaza is not Mozambique's Gaza province.
    ("Israel's campaign in Gaza continued, officials in Pretoria said.", "en",
     [("Israel", "Israel", "IL", "country"), ("Gaza", "Gaza", "PS", "city"),
      ("Pretoria", "Pretoria", "ZA", "city")]),
    # One sense per discourse: the mention with a country next to it decides for the others.
    ("اندلعت اشتباكات في طرابلس شمال لبنان. ثم انتقل الجيش من بيروت إلى طرابلس.", "ar",
     [("طرابلس", "Tripoli", "LB", "city"), ("لبنان", "Lebanon", "LB", "country"),
      ("بيروت", "Beirut", "LB", "city"), ("طرابلس", "Tripoli", "LB", "city")]),
])
def test_resolves_provinces_and_repeated_names(gazetteer, text, lang, expected):
    assert mentions(text, lang, gazetteer) == expected


@pytest.mark.parametrize("name, lat, lon", [
    ("Fujian", 26.0, 118.0), ("Maharashtra", 19.5, 75.5), ("Rio Grande do Sul", -30.0, -53.0),
])
def test_provinces_have_a_centre_inside_them(gazetteer, name, lat, lon):
    place = next(e.place for e in gazetteer.lookup(name) if e.place.kind == "admin")
    assert place.name == name       # "Fujian", not GeoNames' "Fujian Sheng"
    assert haversine_km((place.lat, place.lon), (lat, lon)) < 250
