"""Seasons with a year or a shift word: a three-month range (meteorological, northern
hemisphere); winter is named by the year it ends in. Published 2023-10-19."""
import pytest

R = "range"


@pytest.mark.parametrize("text, lang, expected", [
    ("Talks on the dam stalled in spring 2022.", "en", [("spring 2022", "2022-03-01", "2022-05-31", R)]),
    ("The drought of the summer of 2021 ruined the harvest.", "en",
     [("summer of 2021", "2021-06-01", "2021-08-31", R)]),
    ("Gas prices peaked in winter 2023.", "en", [("winter 2023", "2022-12-01", "2023-02-28", R)]),
    ("Tourism recovered last summer.", "en", [("last summer", "2023-06-01", "2023-08-31", R)]),
    ("The ministry expects shortages this winter.", "en", [("this winter", "2023-12-01", "2024-02-29", R)]),
    ("The line should open next spring.", "en", [("next spring", "2024-03-01", "2024-05-31", R)]),
    ("جفت البحيرة في صيف 2022.", "ar", [("صيف 2022", "2022-06-01", "2022-08-31", R)]),
    ("وبدأت المفاوضات في خريف العام الماضي.", "ar", [("خريف العام الماضي", "2022-09-01", "2022-11-30", R)]),
    ("اشتدت موجة البرد خلال الشتاء الماضي.", "ar", [("الشتاء الماضي", "2022-12-01", "2023-02-28", R)]),
    ("ستفتتح المحطة الربيع المقبل.", "ar", [("الربيع المقبل", "2024-03-01", "2024-05-31", R)]),
])
def test_season(summary_of, text, lang, expected):
    assert summary_of(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("انطلقت احتجاجات الربيع العربي من تونس.", "ar"),
    ("في فصل الصيف ترتفع درجات الحرارة.", "ar"),
    ("Prices spring back after every sell-off.", "en"),
    ("Leaves fall in autumn.", "en"),
])
def test_bare_season_is_not_a_date(tag, text, lang):
    assert tag(text, lang=lang) == []
