"""The event columns (dashboard.aggregates) kept on disk per revision of the store, so that a
newly started server reads them back in a fraction of a second instead of reading every event
out of the store (about 4 s of CPU at a million events).

One folder per store and revision under $XDG_CACHE_HOME/newsmap/event-columns: a NumPy `.npy`
file per array and `meta.json` with the names (documents, titles, countries, granularities) and
the places table. Its name holds a hash of the store's URL, the revision and a fingerprint of
what the columns are made of besides the events: the documents (added, analysed, published,
titled), the users' corrections, the country points and the code that builds and reads the
columns (aggregates, this module, the titles' markup, extract's records and store). The revision alone would not do: a store deleted and written again, or restored from a
backup, can reach the same revision with other events; a re-analysis or a correction changes
the fingerprint even then. A folder that cannot be read is ignored (the store is read), one that
cannot be written is not written; the entries of older revisions of the same store are deleted
when a new one is written, and only the `KEEP` most recently used are kept in all.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from extract import records
from extract import store as schema
from extract.places.gazetteer import cache_dir
from extract.store import Store

from . import aggregates, markup

# Bump when the files' layout changes (the code's own bytes are hashed too).
FORMAT = 1
KEEP = 8
_TUPLES = ("document_ids", "titles", "granularities", "countries")


def default_folder() -> Path:
    return cache_dir() / "event-columns"


def load(store: Store, country_points: dict[str, tuple[float, float]] | None = None,
         folder: Path | None = None) -> aggregates.EventColumns:
    """The store's event columns (aggregates.load), from `folder` when this revision of the
    store was read before, else read from the store and written there."""
    folder = folder or default_folder()
    name = entry_name(store, country_points)
    entry = folder / name
    if entry.is_dir():
        try:
            columns = read(entry)
            os.utime(entry)                       # recently used: kept when older ones are pruned
            return columns
        except (OSError, ValueError, KeyError):   # half deleted, damaged, or of another layout
            pass
    columns = aggregates.load(store, country_points)
    # Written only if nothing was written to the store while it was read (else the columns may
    # be of a later revision than the name says).
    if entry_name(store, country_points) == name:
        try:
            write(columns, entry)
            prune(folder, keep_entry=entry)
        except OSError:
            pass
    return columns


def entry_name(store: Store, country_points: dict[str, tuple[float, float]] | None = None) -> str:
    """`events-<store>-r<revision>-<fingerprint>`: the folder holding this revision's columns."""
    where = hashlib.sha256(store.url.render_as_string(hide_password=False).encode()).hexdigest()[:16]
    digest = hashlib.sha256(str(FORMAT).encode())
    for code in (aggregates.__file__, __file__, markup.__file__, records.__file__, schema.__file__):
        digest.update(Path(code).read_bytes())
    digest.update(json.dumps(sorted((country_points or {}).items())).encode())
    documents, corrections = schema.documents.c, schema.corrections
    with store.engine.connect() as conn:
        revision = conn.execute(sa.select(schema.revision.c.value).where(schema.revision.c.id == 1)).scalar_one()
        for row in conn.execute(sa.select(documents.id, documents.added_at, documents.analysed_at, documents.published,
                                          documents.title, documents.path).order_by(documents.id)):
            digest.update(repr(tuple(row)).encode())
        for row in conn.execute(sa.select(corrections).order_by(corrections.c.id)):
            digest.update(repr(tuple(row)).encode())
    return f"events-{where}-r{revision}-{digest.hexdigest()[:16]}"


def write(columns: aggregates.EventColumns, entry: Path) -> None:
    """The columns into the folder `entry`, whole or not at all (written aside, then renamed)."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    building = entry.with_name(f"{entry.name}.{uuid.uuid4().hex}.partial")
    building.mkdir()
    try:
        meta = {name: list(getattr(columns, name)) for name in _TUPLES}
        meta["places"] = {"columns": {c: columns.places[c].tolist() for c in columns.places.columns},
                          "dtypes": {c: str(t) for c, t in columns.places.dtypes.items()}}
        (building / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        for field in _arrays():
            np.save(building / f"{field}.npy", getattr(columns, field), allow_pickle=False)
        try:
            building.rename(entry)
        except OSError:
            if not entry.is_dir():                # not another server writing the same revision first
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)


def read(entry: Path) -> aggregates.EventColumns:
    """The columns written into `entry` by `write`, read-only as aggregates.load makes them."""
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    arrays = {}
    for field in _arrays():
        arrays[field] = np.load(entry / f"{field}.npy", allow_pickle=False)
        arrays[field].flags.writeable = False
    places = pd.DataFrame(meta["places"]["columns"]).astype(meta["places"]["dtypes"])
    return aggregates.EventColumns(**{name: tuple(meta[name]) for name in _TUPLES}, places=places, **arrays)


def prune(folder: Path, keep_entry: Path) -> None:
    """Delete the entries of the same store's other revisions, and all but the KEEP most
    recently used."""
    store_prefix = keep_entry.name.split("-r")[0] + "-r"
    entries = sorted((e for e in folder.glob("events-*") if e.is_dir() and not e.name.endswith(".partial")),
                     key=lambda e: e.stat().st_mtime, reverse=True)
    for rank, entry in enumerate(entries):
        if entry != keep_entry and (entry.name.startswith(store_prefix) or rank >= KEEP):
            shutil.rmtree(entry, ignore_errors=True)


def _arrays() -> list[str]:
    return [f.name for f in dataclasses.fields(aggregates.EventColumns)
            if f.name not in _TUPLES and f.name not in ("places", "revision")]
