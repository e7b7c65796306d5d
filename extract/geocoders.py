"""Geocoders with geopy's shape: the embedded gazetteer, and self-hosted Nominatim or Photon
behind a rate limiter, an on-disk cache and a fallback to the gazetteer.

    geocoder = make_geocoder("nominatim", url="http://localhost:8080")
    analyze(text, lang="ar", geocoder=geocoder)

Without arguments `make_geocoder` reads the setting from the environment:
NEWSMAP_GEOCODER = gazetteer (default) | nominatim | photon, and NEWSMAP_GEOCODER_URL.
`extract.analyze` uses that configured geocoder when it is given none; the places stage
itself never geocodes.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import logging
import math
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from geopy.exc import GeocoderServiceError, GeocoderTimedOut
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location

from .places.gazetteer import Gazetteer, cache_dir, default_gazetteer
from .geometry import haversine_km
from .records import Place, PlaceMention

log = logging.getLogger(__name__)

BACKENDS = ("gazetteer", "nominatim", "photon")
DEFAULT_TIMEOUT = 5.0
# The whole of one request, however the server trickles its answer: a read timeout alone
# restarts with every byte, so a server sending one byte every 2 s would never time out.
DEFAULT_DEADLINE = 10.0
# A "not found" is asked again after this long: it may have come from a server in trouble
# (Nominatim answers an empty list when its database fails), and a place may be added.
NOT_FOUND_TTL_SECONDS = 7 * 24 * 3600.0
USER_AGENT = "newsmap/0.1 (self-hosted geocoding)"


class GeocodeCache(Protocol):
    """Where geocoding answers are kept between runs; the store may supply its own table."""

    def get(self, key: str) -> dict | None: ...

    def set(self, key: str, value: dict) -> None: ...


class SQLiteCache:
    """A GeocodeCache in one small SQLite file (key → JSON), safe to share between threads."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path else cache_dir() / "geocode.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS geocode (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.commit()

    def get(self, key: str) -> dict | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM geocode WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def set(self, key: str, value: dict) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO geocode (key, value) VALUES (?, ?)",
                             (key, json.dumps(value, ensure_ascii=False)))
            self._db.commit()

    def close(self) -> None:
        self._db.close()


class GazetteerGeocoder:
    """The embedded gazetteer as a geopy-shaped backend: `geocode(query, exactly_one, timeout)`.

    "Name" or "Name, Country": candidates with the name, those in the named country first,
    then countries, divisions and the most populous places.
    """

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        return self._gazetteer or default_gazetteer()

    def geocode(self, query: str, exactly_one: bool = True, timeout: float | None = None):
        name, _, qualifier = (part.strip() for part in query.partition(","))
        entries = self.gazetteer.lookup(name)
        countries = {e.place.country_code for e in self.gazetteer.lookup(qualifier)
                     if e.place.kind in ("country", "admin")} if qualifier else set()
        kind_rank = {"country": 3, "admin": 2, "region": 1, "site": 1, "city": 0}
        entries.sort(key=lambda e: (e.place.country_code in countries, kind_rank.get(e.place.kind, 0),
                                    e.place.population), reverse=True)
        locations = [_location_of(e.place) for e in entries]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None


def _location_of(place: Place) -> Location:
    """A gazetteer place as geopy's Location, the whole Place in `raw` (place_from_location
    reads it back)."""
    raw = dataclasses.asdict(place)
    address = f"{place.name}, {place.country_code}" if place.country_code else place.name
    return Location(address, (place.lat, place.lon), raw)


class CachedGeocoder:
    """A geopy geocoder behind geopy's RateLimiter and a GeocodeCache, falling back to another
    geocoder (the gazetteer) when the server fails or times out."""

    def __init__(self, backend, name: str, cache: GeocodeCache | None = None, fallback=None,
                 min_delay_seconds: float = 1.0, options: dict | None = None,
                 retry_after_seconds: float = 60.0, deadline_seconds: float = DEFAULT_DEADLINE,
                 not_found_ttl_seconds: float = NOT_FOUND_TTL_SECONDS):
        self.backend, self.name, self.cache, self.fallback = backend, name, cache, fallback
        self._options = options or {}
        self.deadline_seconds = deadline_seconds
        self.not_found_ttl_seconds = not_found_ttl_seconds
        # After a failure the server is left alone for a while: a document's forty toponyms
        # must not wait forty timeouts.
        self.retry_after_seconds = retry_after_seconds
        self._down_until = 0.0
        self._geocode = RateLimiter(backend.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=0, swallow_exceptions=False)

    def geocode(self, query: str, exactly_one: bool = True, timeout: float | None = DEFAULT_TIMEOUT):
        """The best location for `query` (a list of it when not `exactly_one`, as geopy does)."""
        location = self._best(query, timeout)
        if exactly_one or location is None or isinstance(location, list):
            return location
        return [location]

    def _best(self, query: str, timeout: float | None):
        key = f"{self.name}:{query}"
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None and (cached.get("location") or cached.get("until", 0) > time.time()):
            return _location_from_json(cached["location"]) if cached.get("location") else None
        if time.monotonic() < self._down_until:
            return self._fall_back(query, timeout)
        try:
            location = self._within_deadline(query, timeout)
        except GeocoderServiceError as error:   # timed out, unavailable, refused, bad answer
            log.warning("%s failed for %r (%s); using the fallback for %.0f s", self.name, query,
                        error, self.retry_after_seconds)
            self._down_until = time.monotonic() + self.retry_after_seconds
            return self._fall_back(query, timeout)
        except (KeyError, IndexError, TypeError, ValueError) as error:
            # A malformed answer (Photon's {"message": ...} error object, a latitude of "nan"):
            # geopy's parsers raise these; this query falls back and nothing is cached.
            log.warning("%s gave a malformed answer for %r (%s: %s); using the fallback", self.name, query,
                        type(error).__name__, error)
            return self._fall_back(query, timeout)
        if self.cache is not None:
            self.cache.set(key, {"location": _location_to_json(location)} if location else
                           {"location": None, "until": time.time() + self.not_found_ttl_seconds})
        return location

    def _within_deadline(self, query: str, timeout: float | None):
        """The backend's answer, or GeocoderTimedOut once `deadline_seconds` have passed. The
        request runs in a daemon thread, which a trickling server may hold a while longer."""
        outcome: dict = {}

        def ask() -> None:
            try:
                outcome["location"] = self._geocode(query, exactly_one=True, timeout=timeout, **self._options)
            except BaseException as error:      # handed to the caller's thread  # noqa: BLE001
                outcome["error"] = error
        worker = threading.Thread(target=ask, name=f"geocode {self.name}", daemon=True)
        worker.start()
        worker.join(self.deadline_seconds)
        if worker.is_alive():
            raise GeocoderTimedOut(f"no complete answer within {self.deadline_seconds:.0f} s")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["location"]


    def _fall_back(self, query, timeout):
        if self.fallback is None:
            return None
        return self.fallback.geocode(query, exactly_one=True, timeout=timeout)


def _location_to_json(location: Location) -> dict:
    return {"address": location.address, "lat": location.latitude, "lon": location.longitude,
            "raw": location.raw}


def _location_from_json(data: dict) -> Location:
    return Location(data["address"], (data["lat"], data["lon"]), data["raw"])


def make_geocoder(backend: str | None = None, url: str | None = None, *,
                  cache: GeocodeCache | None = None, min_delay_seconds: float = 1.0,
                  gazetteer: Gazetteer | None = None):
    """The geocoder for `backend` (default: $NEWSMAP_GEOCODER, else the embedded gazetteer).

    `url` (default $NEWSMAP_GEOCODER_URL) is the self-hosted server, e.g. http://localhost:8080.
    Server backends get a SQLite cache (default ~/.cache/newsmap/geocode.sqlite) and fall
    back to the embedded gazetteer.
    """
    backend = (backend or os.environ.get("NEWSMAP_GEOCODER") or "gazetteer").lower()
    if backend not in BACKENDS:
        raise ValueError(f"unknown geocoder {backend!r}; choose one of {', '.join(BACKENDS)}")
    embedded = GazetteerGeocoder(gazetteer)
    if backend == "gazetteer":
        return embedded
    url = url or os.environ.get("NEWSMAP_GEOCODER_URL")
    if not url:
        raise ValueError(f"the {backend} geocoder needs a server URL (NEWSMAP_GEOCODER_URL)")
    parts = urlsplit(url if "://" in url else f"http://{url}")
    domain = parts.netloc + parts.path.rstrip("/")
    if backend == "nominatim":
        from geopy.geocoders import Nominatim
        server = Nominatim(domain=domain, scheme=parts.scheme, user_agent=USER_AGENT)
        options = {"addressdetails": True}
    else:
        from geopy.geocoders import Photon
        server = Photon(domain=domain, scheme=parts.scheme, user_agent=USER_AGENT)
        options = {}
    return CachedGeocoder(server, f"{backend}@{domain}", cache if cache is not None else SQLiteCache(),
                          embedded, min_delay_seconds, options)


@functools.lru_cache(maxsize=4)
def _configured(backend: str, url: str):
    return make_geocoder(backend, url or None)


def configured_geocoder():
    """The geocoder the environment asks for, or None for the embedded gazetteer."""
    backend = (os.environ.get("NEWSMAP_GEOCODER") or "gazetteer").lower()
    if backend == "gazetteer":
        return None
    return _configured(backend, os.environ.get("NEWSMAP_GEOCODER_URL", ""))


# ---------------------------------------------------------------------------------------------
# From a geocoder's answer back to our records


def place_from_location(location: Location, source: str, hint: Place | None = None) -> Place:
    """A Place from a geopy Location of any backend (Nominatim, Photon or the gazetteer)."""
    raw = location.raw or {}
    if "kind" in raw and "source" in raw:     # our own gazetteer
        return Place(raw["name"], location.latitude, location.longitude, raw.get("country_code"),
                     raw["kind"], raw.get("geonameid"), raw.get("population") or 0, raw["source"])
    props = raw.get("properties") or {}       # Photon's GeoJSON feature
    address = raw.get("address") or {}       # Nominatim with addressdetails
    code = (address.get("country_code") or props.get("countrycode") or "").upper() or (
        hint.country_code if hint else None)
    name = raw.get("name") or props.get("name") or (location.address or "").split(",")[0] or (
        hint.name if hint else "")
    kind = _kind_of(raw.get("addresstype") or props.get("type") or raw.get("type") or "",
                    raw.get("class") or props.get("osm_key") or "")
    if hint is not None and hint.kind == "country":
        kind = "country"
    return Place(name, location.latitude, location.longitude, code, kind, None, 0, source)


def _kind_of(place_type: str, osm_class: str) -> str:
    if place_type == "country":
        return "country"
    if place_type in ("state", "province", "region", "county", "district") or osm_class == "boundary":
        return "admin"
    if place_type in ("city", "town", "village", "hamlet", "suburb", "municipality") or osm_class == "place":
        return "city"
    return "site"


# Beyond this, a server's answer is taken to be a different place than the text means.
MAX_DISAGREEMENT_KM = 500.0


def regeocode(mentions: list[PlaceMention], geocoder) -> list[PlaceMention]:
    """Resolve each recognised toponym again with `geocoder`; keep the gazetteer's answer when
    the geocoder finds nothing or places it on the other side of the world."""
    if isinstance(geocoder, GazetteerGeocoder):
        return mentions
    out, answers = [], {}
    for mention in mentions:
        place = mention.place
        if place is None or place.kind == "country":
            out.append(mention)
            continue
        query = place.name if not place.country_code else f"{place.name}, {place.country_code}"
        if query not in answers:    # a place named seven times is asked about once
            answers[query] = geocoder.geocode(query, exactly_one=True, timeout=DEFAULT_TIMEOUT)
        location = answers[query]
        if location is None:
            out.append(mention)
            continue
        found = place_from_location(location, getattr(geocoder, "name", "geocoder"), hint=place)
        if found.source != getattr(geocoder, "name", "geocoder") or _distance_km(found, place) > MAX_DISAGREEMENT_KM:
            # The fallback answered (our own resolution is better informed), or the server
            # found a namesake far away from what the document's context chose.
            out.append(mention)
            continue
        # The server's coordinates and name; our kind, which the scorer and the map rely on.
        found = Place(found.name, found.lat, found.lon, found.country_code or place.country_code,
                      place.kind, None, place.population, found.source)
        out.append(PlaceMention(mention.text, mention.start_char, mention.end_char, found, mention.score))
    return out


def _distance_km(a: Place, b: Place) -> float:
    if any(math.isnan(v) for v in (a.lat, a.lon, b.lat, b.lon)):
        return math.inf
    return haversine_km((a.lat, a.lon), (b.lat, b.lon))
