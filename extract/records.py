"""The typed records that flow between the pipeline's stages.

Offsets (`start_char`, `end_char`) always index the document text as read, so
`text[m.start_char:m.end_char] == m.text` for every mention. `to_dict` is the single
place where records become the JSON of docs/output.md; the CLI, the store and
the exports all go through it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from .text import Normalized, Sentence, clause_bounds, detect_language, normalize, split_sentences

# The closed value sets, defined once: the contract (docs/output.md) writes them as these strings.
Granularity = Literal["day", "week", "month", "quarter", "year", "range", "decade"]
PlaceKind = Literal["country", "admin", "city", "site", "region"]
# Where an event's places come from: its own part of the sentence, an earlier event of the same
# interval told again, or the story's dateline (see extract.events).
PlaceSource = Literal["sentence", "same date", "dateline", "anaphor"]
# Where an event's date comes from: a date of its own sentence, the story's present, or the
# publication day (see extract.events).
DateSource = Literal["text", "story", "published"]
# What makes a gazetteer hit a place (extract.places.evidence.decide); not in the JSON.
Evidence = Literal["country", "curated", "trigger", "context", "prominent", "translit"]

GRANULARITIES: tuple[Granularity, ...] = get_args(Granularity)
PLACE_KINDS: tuple[PlaceKind, ...] = get_args(PlaceKind)
PLACE_SOURCES: tuple[PlaceSource, ...] = get_args(PlaceSource)
DATE_SOURCES: tuple[DateSource, ...] = get_args(DateSource)
EVIDENCE: tuple[Evidence, ...] = get_args(Evidence)


def iso_day(day: dt.date | None) -> str | None:
    """A day as the contract writes it: ISO YYYY-MM-DD, or None."""
    return day.isoformat() if day else None


def document_id(text: str) -> str:
    """A document's id: the first 16 hex digits of its text's SHA-256 (of its UTF-8; a lone
    surrogate, which no UTF-8 holds, is hashed as its three surrogate bytes)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Document:
    """One news text as every stage reads it, like spaCy's `Doc`: the text, its language and
    publication date, and — computed once, on first use, then shared by all stages — the
    normalised text with its offset map, the sentences and their clauses.

    `lang` "auto" (or None, "", "und") is decided here, once, from the text's letters and words.
    """
    text: str
    lang: str = "auto"
    published: dt.date | None = None
    path: str | None = None
    title: str | None = None
    source_url: str | None = None
    id: str = ""
    # Derived from `text` alone, so caching them keeps the record immutable in meaning.
    _normalized: Normalized | None = field(default=None, init=False, repr=False, compare=False)
    _sentences: tuple[Sentence, ...] | None = field(default=None, init=False, repr=False, compare=False)
    _clauses: tuple[tuple[tuple[int, int], ...], ...] | None = field(
        default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", document_id(self.text))
        if self.lang in (None, "", "auto", "und"):
            object.__setattr__(self, "lang", detect_language(self.text))
        if isinstance(self.published, dt.datetime):
            object.__setattr__(self, "published", self.published.date())

    @property
    def normalized(self) -> Normalized:
        """The folded text (extract.text.normalize) with its map back to `text`."""
        if self._normalized is None:
            object.__setattr__(self, "_normalized", normalize(self.text))
        return self._normalized

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences, with offsets into `text`."""
        if self._sentences is None:
            object.__setattr__(self, "_sentences", tuple(split_sentences(self.text)))
        return self._sentences

    @property
    def clauses(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """For each sentence, its clauses as (start, end) offsets into `text`."""
        if self._clauses is None:
            object.__setattr__(self, "_clauses", tuple(tuple(clause_bounds(s)) for s in self.sentences))
        return self._clauses

    def to_dict(self) -> dict:
        return {"id": self.id, "path": self.path, "lang": self.lang,
                "published": iso_day(self.published), "title": self.title,
                "source_url": self.source_url}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression and the inclusive interval of days it denotes.

    `start`/`end` are None when the expression needs a publication date that is unknown.
    """
    text: str
    start_char: int
    end_char: int
    start: dt.date | None
    end: dt.date | None
    granularity: Granularity

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    def to_dict(self) -> dict:
        return {"text": self.text, "start_char": self.start_char, "end_char": self.end_char,
                "start": iso_day(self.start), "end": iso_day(self.end), "granularity": self.granularity}


@dataclass(frozen=True, slots=True)
class Place:
    """A real-world place, as a gazetteer or geocoder knows it."""
    name: str
    lat: float
    lon: float
    country_code: str | None
    kind: PlaceKind
    geonameid: int | None = None
    population: int = 0
    source: str = "geonames"

    def to_dict(self) -> dict:
        return {"name": self.name, "lat": round(self.lat, 5), "lon": round(self.lon, 5),
                "country_code": self.country_code, "kind": self.kind, "geonameid": self.geonameid}

    @classmethod
    def from_dict(cls, data: Mapping) -> Place:
        """A place from its contract dict (`to_dict`'s keys; a missing kind is "site").
        KeyError, TypeError or ValueError when it lacks a name or coordinates."""
        return cls(str(data["name"]), float(data["lat"]), float(data["lon"]), data.get("country_code"),
                   data.get("kind") or "site", data.get("geonameid"))

    @property
    def key(self) -> str:
        """A stable identity across documents: the GeoNames id, else kind, name and country."""
        return _place_key(self.name, self.kind, self.country_code, self.geonameid)


def place_key(place: Mapping) -> str:
    """`Place.key` of a place given as its contract dict (`Place.to_dict`'s keys)."""
    return _place_key(place.get("name"), place.get("kind"), place.get("country_code"), place.get("geonameid"))


def _place_key(name: str | None, kind: str | None, country_code: str | None, geonameid: int | None) -> str:
    if geonameid:
        return f"gn:{geonameid}"
    return f"{kind}:{name}:{country_code or ''}"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text and the place it was resolved to (None when unresolved)."""
    text: str
    start_char: int
    end_char: int
    place: Place | None
    score: float = 0.0

    def to_dict(self) -> dict:
        place = self.place.to_dict() if self.place else {
            "name": None, "lat": None, "lon": None, "country_code": None, "kind": None, "geonameid": None}
        return {"text": self.text, "start_char": self.start_char, "end_char": self.end_char,
                **place, "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening in one sentence (or clause), with its places and provenance."""
    id: str
    sentence: str
    start_char: int
    end_char: int
    date: DateMention
    places: tuple[Place, ...] = ()
    origin: Place | None = None
    destination: Place | None = None
    place_mentions: tuple[PlaceMention, ...] = field(default=(), compare=False)
    # Where the places come from: "sentence" (named in its part of the sentence), "same date"
    # (an earlier event of the same interval, told again) or "dateline" (its sentence names no
    # place; the story's dateline does, and the story is about that place).
    place_source: PlaceSource = "sentence"
    # Where the date comes from: "text", "story" or "published" (DATE_SOURCES).
    date_source: DateSource = "text"

    def to_dict(self) -> dict:
        return {"id": self.id, "sentence": self.sentence,
                "start_char": self.start_char, "end_char": self.end_char,
                "date_text": self.date.text, "start": iso_day(self.date.start), "end": iso_day(self.date.end),
                "granularity": self.date.granularity,
                "places": [p.to_dict() for p in self.places],
                "origin": self.origin.to_dict() if self.origin else None,
                "destination": self.destination.to_dict() if self.destination else None,
                "place_source": self.place_source, "date_source": self.date_source}


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extracted from one document."""
    document: Document
    dates: tuple[DateMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    events: tuple[Event, ...] = ()

    def to_dict(self) -> dict:
        return {"document": self.document.to_dict(),
                "dates": [d.to_dict() for d in self.dates],
                "places": [p.to_dict() for p in self.places],
                "events": [e.to_dict() for e in self.events]}
