"""The pipeline: one Document through the stages, in order, and the geocoder applied last.

    document → dates (extract.dates) → places (extract.places) → geocoder (extract.geocoders,
    optional) → events (extract.events) → Analysis

This is the only module that knows the order of the stages; each stage reads the Document
(its normalised text, sentences, clauses and language, computed once) and what the stages
before it found.
"""
from __future__ import annotations

import datetime as dt
import os

from .dates import find_dates
from .events import assemble_events
from .places import find_places
from .records import Analysis, Document, PlaceMention


def analyze(text: str, published: dt.date | None = None, lang: str = "auto", *,
            path: str | None = None, title: str | None = None, source_url: str | None = None,
            geocoder=None) -> Analysis:
    """Analyse one document: its dates, its places and the events that tie them together.

    `published` resolves relative expressions ("Thursday", "الشهر الماضي"); without it they
    stay unresolved. `geocoder` (see extract.geocoders) re-geocodes the resolved places; without
    one, the one $NEWSMAP_GEOCODER names, else the embedded gazetteer's answers stand.
    Pure: the same arguments give the same Analysis, whatever ran before.
    """
    document = Document(text=text, lang=lang, published=published, path=path, title=title,
                        source_url=source_url)
    dates = find_dates(document)
    places = _geocoded(find_places(document), geocoder)
    events = assemble_events(document, dates, places)
    return Analysis(document, tuple(dates), tuple(places), tuple(events))


def _geocoded(mentions: list[PlaceMention], geocoder) -> list[PlaceMention]:
    """The mentions re-geocoded by `geocoder`, else by the configured one, else unchanged."""
    if geocoder is None and (os.environ.get("NEWSMAP_GEOCODER") or "gazetteer").lower() != "gazetteer":
        from .geocoders import configured_geocoder   # geopy loads only when a server is configured
        geocoder = configured_geocoder()
    if geocoder is None:
        return mentions
    from .geocoders import regeocode
    return regeocode(mentions, geocoder)
