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
