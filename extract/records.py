"""The typed records that flow between the pipeline's stages.

Offsets (`start_char`, `end_char`) always index the document text as read, so
`text[m.start_char:m.end_char] == m.text` for every mention. `to_dict` is the single
place where records become the JSON of ../shared/spec/OUTPUT.md; the CLI, the store and
the exports all go through it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

GRANULARITIES = ("day", "week", "month", "quarter", "year", "range", "decade")
# Where an event's date comes from: a date of its own sentence, the story's present, or the
# publication day (see extract.events).
DATE_SOURCES = ("text", "story", "published")
PLACE_KINDS = ("country", "admin", "city", "site", "region")


def iso_day(day: dt.date | None) -> str | None:
    """A day as the contract writes it: ISO YYYY-MM-DD, or None."""
    return day.isoformat() if day else None


def document_id(text: str) -> str:
    """A document's id: the first 16 hex digits of its text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    lang: str
    published: dt.date | None = None
    path: str | None = None
    title: str | None = None
    source_url: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", document_id(self.text))

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
    granularity: str

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
    kind: str
    geonameid: int | None = None
    population: int = 0
    source: str = "geonames"

    def to_dict(self) -> dict:
        return {"name": self.name, "lat": round(self.lat, 5), "lon": round(self.lon, 5),
                "country_code": self.country_code, "kind": self.kind, "geonameid": self.geonameid}

    @property
    def key(self) -> str:
        """A stable identity across documents: the GeoNames id, else name and kind."""
        if self.geonameid:
            return f"gn:{self.geonameid}"
        return f"{self.kind}:{self.name}:{self.country_code or ''}"


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
    # Where the places come from: "sentence" (named in its part of the sentence) or
    # "same date" (an earlier event of the same interval, told again).
    place_source: str = "sentence"
    # Where the date comes from: "text", "story" or "published" (DATE_SOURCES).
    date_source: str = "text"

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
