"""Geocoders against a local HTTP server that speaks Nominatim's API (127.0.0.1, random port)."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from extract import analyze
from extract.geocoders import (CachedGeocoder, GazetteerGeocoder, SQLiteCache, make_geocoder,
                               place_from_location)

# What the fake server knows: query prefix -> a Nominatim /search answer.
ANSWERS = {
    "Dunay": {"lat": "42.8800", "lon": "132.3400", "display_name": "Dunay, Primorsky Krai, Russia",
              "name": "Dunay", "class": "place", "type": "village", "addresstype": "village",
              "address": {"village": "Dunay", "country": "Russia", "country_code": "ru"}},
    "Malatya": {"lat": "38.3555", "lon": "38.3335", "display_name": "Malatya, Türkiye", "name": "Malatya",
                "class": "boundary", "type": "administrative", "addresstype": "city",
                "address": {"city": "Malatya", "country_code": "tr"}},
}


def _answer_json(handler: BaseHTTPRequestHandler, answer) -> None:
    """Send `answer` as a 200 JSON response."""
    body = json.dumps(answer).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _serving(handler_class: type[BaseHTTPRequestHandler]):
    """Serve `handler_class` on a random local port (handler threads are daemons, so a
    trickling answer never holds up the close) and yield its URL, for a fixture."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class FakeNominatim(BaseHTTPRequestHandler):
    delay = 0.0
    requests: list[str] = []

    def do_GET(self):     # noqa: N802 (http.server's name)
        url = urlsplit(self.path)
        query = parse_qs(url.query).get("q", [""])[0]
        type(self).requests.append(query)
        time.sleep(type(self).delay)
        if url.path != "/search":
            self.send_response(404)
            self.end_headers()
            return
        _answer_json(self, [answer for name, answer in ANSWERS.items() if query.startswith(name)])

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    FakeNominatim.delay = 0.0
    FakeNominatim.requests = []
    yield from _serving(FakeNominatim)


@pytest.fixture()
def cache(tmp_path):
    cache = SQLiteCache(tmp_path / "geocode.sqlite")
    yield cache
    cache.close()


def test_nominatim_backend_answers_from_the_server(server, cache, gazetteer):
    geocoder = make_geocoder("nominatim", server, cache=cache, min_delay_seconds=0, gazetteer=gazetteer)
    location = geocoder.geocode("Dunay, RU")
    assert (location.latitude, location.longitude) == (42.88, 132.34)
    place = place_from_location(location, "nominatim")
    assert (place.country_code, place.kind, place.geonameid) == ("RU", "city", None)


def test_exactly_one_false_gives_a_list(server, cache, gazetteer):
    geocoder = make_geocoder("nominatim", server, cache=cache, min_delay_seconds=0, gazetteer=gazetteer)
    locations = geocoder.geocode("Dunay, RU", exactly_one=False)
    assert isinstance(locations, list) and locations[0].latitude == 42.88


def test_photon_answers_become_places():
    from geopy.location import Location
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [132.34, 42.88]},
               "properties": {"name": "Dunay", "countrycode": "RU", "osm_key": "place", "type": "village"}}
    place = place_from_location(Location("Dunay, Russia", (42.88, 132.34), feature), "photon")
    assert (place.name, place.country_code, place.kind) == ("Dunay", "RU", "city")


def test_answers_are_cached_on_disk(server, cache, gazetteer):
    geocoder = make_geocoder("nominatim", server, cache=cache, min_delay_seconds=0, gazetteer=gazetteer)
    geocoder.geocode("Malatya, TR")
    geocoder.geocode("Malatya, TR")
    assert FakeNominatim.requests == ["Malatya, TR"]
    assert cache.get(f"{geocoder.name}:Malatya, TR")["location"]["lat"] == 38.3555


def test_not_found_is_cached_too(server, cache, gazetteer):
    geocoder = make_geocoder("nominatim", server, cache=cache, min_delay_seconds=0, gazetteer=gazetteer)
    assert geocoder.geocode("Nowhere at all") is None
    assert geocoder.geocode("Nowhere at all") is None
    assert FakeNominatim.requests == ["Nowhere at all"]


def test_timeout_falls_back_to_the_gazetteer(server, cache, gazetteer):
    FakeNominatim.delay = 1.0
    geocoder = make_geocoder("nominatim", server, cache=cache, min_delay_seconds=0, gazetteer=gazetteer)
    location = geocoder.geocode("Khartoum", timeout=0.2)
    assert location is not None and location.raw["source"] == "geonames"
    assert cache.get(f"{geocoder.name}:Khartoum") is None     # a failure is not cached


def test_unreachable_server_falls_back_to_the_gazetteer(cache, gazetteer):
    geocoder = make_geocoder("nominatim", "http://127.0.0.1:9", cache=cache, min_delay_seconds=0,
                             gazetteer=gazetteer)
    assert geocoder.geocode("Khartoum").raw["country_code"] == "SD"


def test_a_failed_server_is_left_alone_for_a_while(cache, gazetteer):
    geocoder = make_geocoder("nominatim", "http://127.0.0.1:9", cache=cache, min_delay_seconds=0,
                             gazetteer=gazetteer)
    calls = []
    original = geocoder.backend.geocode
    geocoder._geocode = lambda *a, **k: calls.append(a) or original(*a, **k)
    assert geocoder.geocode("Khartoum") is not None
    assert geocoder.geocode("Cairo").raw["country_code"] == "EG"
    assert len(calls) == 1


def test_analyze_reads_the_backend_from_the_environment(monkeypatch, server, tmp_path):
    monkeypatch.setenv("NEWSMAP_GEOCODER", "nominatim")
    monkeypatch.setenv("NEWSMAP_GEOCODER_URL", server)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))      # the SQLite cache goes there
    from extract import geocoders
    geocoders._configured.cache_clear()
    try:
        mentions = analyze("نقلت الحاويات إلى مدينة ملاطية في تركيا.", lang="ar").places
    finally:
        geocoders._configured.cache_clear()
    malatya = next(m.place for m in mentions if m.text == "ملاطية")
    assert malatya.source.startswith("nominatim@127.0.0.1") and malatya.lat == 38.3555


def test_analyze_uses_the_given_geocoder(server, cache, gazetteer):
    geocoder = make_geocoder("nominatim", server, cache=cache, min_delay_seconds=0, gazetteer=gazetteer)
    mentions = analyze("شحنت الحاويات بين ناجين بكوريا الشمالية ودوناي بروسيا.", lang="ar",
                       geocoder=geocoder).places
    by_text = {m.text: m.place for m in mentions}
    assert (by_text["دوناي"].lat, by_text["دوناي"].source) == (42.88, geocoder.name)
    assert by_text["ناجين"].source == "geonames"          # the server did not know it
    assert by_text["كوريا الشمالية"].kind == "country"     # countries are not re-geocoded


def test_gazetteer_backend_has_geopys_shape(gazetteer):
    geocoder = GazetteerGeocoder(gazetteer)
    assert geocoder.geocode("Tripoli, Lebanon", exactly_one=True, timeout=1).raw["country_code"] == "LB"
    assert geocoder.geocode("Tripoli").raw["country_code"] == "LY"         # the most populous
    assert len(geocoder.geocode("Tripoli", exactly_one=False)) >= 2
    assert geocoder.geocode("no such place anywhere") is None


def test_backend_is_chosen_by_the_environment(monkeypatch, server, cache):
    monkeypatch.setenv("NEWSMAP_GEOCODER", "photon")
    monkeypatch.setenv("NEWSMAP_GEOCODER_URL", server)
    geocoder = make_geocoder(cache=cache)
    assert isinstance(geocoder, CachedGeocoder) and geocoder.name.startswith("photon@127.0.0.1")
    monkeypatch.setenv("NEWSMAP_GEOCODER", "gazetteer")
    assert isinstance(make_geocoder(), GazetteerGeocoder)


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="unknown geocoder"):
        make_geocoder("google")


# -- hostile servers ------------------------------------------------------------------------

class HostileServer(BaseHTTPRequestHandler):
    """A server that trickles its answer a byte at a time, or answers malformed JSON."""
    mode = "trickle"
    finished = False

    def do_GET(self):     # noqa: N802
        if type(self).mode == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "40")
            self.end_headers()
            try:
                for _ in range(20):        # bounded: 20 bytes, one every 0.5 s
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
            type(self).finished = True
            return
        _answer_json(self, {"photon-error": {"message": "missing parameter 'q'"},
                            "nominatim-nan": [{"lat": "nan", "lon": "nan", "display_name": "Khartoum"}],
                            }[type(self).mode])

    def log_message(self, *args):
        pass


@pytest.fixture()
def hostile_server():
    HostileServer.finished = False
    yield from _serving(HostileServer)


def test_a_server_trickling_its_answer_meets_the_overall_deadline(hostile_server, cache, gazetteer):
    HostileServer.mode = "trickle"
    geocoder = make_geocoder("nominatim", hostile_server, cache=cache, min_delay_seconds=0, gazetteer=gazetteer)
    geocoder.deadline_seconds = 1.5
    location = geocoder.geocode("Khartoum", timeout=5)       # each byte comes well within 5 s
    assert not HostileServer.finished                          # it gave up before the server did
    assert location.raw["source"] == "geonames" and location.raw["country_code"] == "SD"
    assert cache.get(f"{geocoder.name}:Khartoum") is None


@pytest.mark.parametrize("backend, mode", [("photon", "photon-error"), ("nominatim", "nominatim-nan")])
def test_a_malformed_answer_falls_back_to_the_gazetteer(hostile_server, cache, gazetteer, backend, mode):
    HostileServer.mode = mode
    geocoder = make_geocoder(backend, hostile_server, cache=cache, min_delay_seconds=0, gazetteer=gazetteer)
    location = geocoder.geocode("Khartoum")
    assert location.raw["source"] == "geonames" and location.raw["country_code"] == "SD"
    assert cache.get(f"{geocoder.name}:Khartoum") is None


def test_not_found_is_asked_again_once_it_expires(server, cache, gazetteer):
    geocoder = make_geocoder("nominatim", server, cache=cache, min_delay_seconds=0, gazetteer=gazetteer)
    geocoder.not_found_ttl_seconds = -1           # expired as soon as it is written
    assert geocoder.geocode("Nowhere at all") is None
    assert geocoder.geocode("Nowhere at all") is None
    cache.set(f"{geocoder.name}:Nowhere else", {"location": None})     # an entry from before expiry
    assert geocoder.geocode("Nowhere else") is None
    assert FakeNominatim.requests == ["Nowhere at all", "Nowhere at all", "Nowhere else"]
