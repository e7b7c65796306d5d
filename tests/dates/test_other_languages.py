"""Languages without a table of ours get month and weekday names from dateparser's locales."""
import pytest


@pytest.mark.parametrize("text, lang, expected", [
    ("Le sommet s'est tenu le 13 septembre 2023 à Paris.", "fr", [("2023-09-13", "2023-09-13", "day")]),
    ("La guerra comenzó el 24 de febrero de 2022.", "es", [("2022-02-24", "2022-02-24", "day")]),
    ("Das Treffen fand im März 2021 statt.", "de", [("2021-03-01", "2021-03-31", "month")]),
    ("Вторжение началось 24 февраля 2022 года.", "ru", [("2022-02-24", "2022-02-24", "day")]),
])
def test_other_language(tag, text, lang, expected):
    assert tag(text, lang=lang) == expected


@pytest.mark.parametrize("text, expected", [
    ("وقعت الحادثة في 15 كانون الثاني 2020.", [("2020-01-15", "2020-01-15", "day")]),
    ("The war began on Feb. 24, 2022.", [("2022-02-24", "2022-02-24", "day")]),
])
def test_undetermined_language_goes_by_the_text(tag, text, expected):
    assert tag(text, lang="und") == expected


def test_mentions_follow_the_contract():
    """DateMention records: known granularities, both ends or neither, text order."""
    import datetime as dt

    from extract.dates import find_dates
    from extract.records import GRANULARITIES, DateMention

    text = "وصل الوفد الخميس، وكان قد زار عمّان بين 7 و9 مارس 2021، وسيعود الشهر المقبل."
    mentions = find_dates(text, published=dt.date(2023, 10, 19), lang="ar")
    assert [m.granularity for m in mentions] == ["day", "range", "month"]
    assert all(isinstance(m, DateMention) and m.granularity in GRANULARITIES for m in mentions)
    assert [m.start_char for m in mentions] == sorted(m.start_char for m in mentions)
