"""Persistence: documents, their analyses, the geocoding cache and users' corrections, in
SQLite (one file, the default) or PostgreSQL, through SQLAlchemy Core.

    >>> store = Store()                           # NEWSMAP_DB, else ./newsmap.sqlite
    >>> store.write(extract.analyze(text))        # extract.service.add analyses and writes
    >>> store.event_rows(date_from=datetime.date(2023, 9, 1))   # rows of extract.exports.event_rows

The store only keeps what it is given: running the pipeline on a document (adding one,
re-analysing one, re-dating one) is extract.service's job.

A document is identified by the hash of its text, so adding the same text twice keeps one
document. Derived rows (date and place mentions, events) are replaced in one transaction when a
document is re-analysed; corrections live in their own table and are laid over the events when
they are read, so they survive any number of re-analyses.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect

from .errors import InputError, StoreError
from .records import Analysis, DateMention, Document, Event, Place, PlaceMention, iso_day

# Bump when the extractor's output changes (dates/, places/, events.py, text.py): documents
# analysed by another version are re-analysed by the next ingest or by `ingest --reanalyse`.
EXTRACTOR_VERSION = "0.2.0"
DEFAULT_DB = "newsmap.sqlite"

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, nullable=False))

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String(16), primary_key=True),          # sha256(text)[:16], as in records
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("lang", sa.String(8), nullable=False),           # as detected or given
    sa.Column("lang_hint", sa.String(8), nullable=False),      # what was asked: auto|ar|en...
    sa.Column("published", sa.Date),
    sa.Column("published_by", sa.String(8)),                   # metadata | page | user
    sa.Column("title", sa.Text),
    sa.Column("source_url", sa.Text),
    sa.Column("path", sa.Text),
    sa.Column("encoding", sa.String(16)),
    sa.Column("extractor_version", sa.String(32)),
    sa.Column("added_at", sa.DateTime, nullable=False),
    sa.Column("analysed_at", sa.DateTime))

places = sa.Table(
    "places", metadata,
    sa.Column("key", sa.String(300), primary_key=True),        # Place.key
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("country_code", sa.String(8)),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("geonameid", sa.BigInteger),
    sa.Column("population", sa.BigInteger, nullable=False, default=0),
    sa.Column("source", sa.String(32), nullable=False))

_document_fk = lambda: sa.ForeignKey("documents.id", ondelete="CASCADE")  # noqa: E731

date_mentions = sa.Table(
    "date_mentions", metadata,
    sa.Column("document_id", sa.String(16), _document_fk(), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("start_day", sa.Date),
    sa.Column("end_day", sa.Date),
    sa.Column("granularity", sa.String(16), nullable=False))

place_mentions = sa.Table(
    "place_mentions", metadata,
    sa.Column("document_id", sa.String(16), _document_fk(), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("place_key", sa.String(300), sa.ForeignKey("places.key")),
    sa.Column("score", sa.Float, nullable=False))

events = sa.Table(
    "events", metadata,
    sa.Column("document_id", sa.String(16), _document_fk(), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("id", sa.String(40), nullable=False, index=True),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("date_text", sa.Text, nullable=False),
    sa.Column("date_start_char", sa.Integer, nullable=False),
    sa.Column("date_end_char", sa.Integer, nullable=False),
    sa.Column("start_day", sa.Date),
    sa.Column("end_day", sa.Date),
    sa.Column("granularity", sa.String(16), nullable=False),
    sa.Column("origin_key", sa.String(300), sa.ForeignKey("places.key")),
    sa.Column("destination_key", sa.String(300), sa.ForeignKey("places.key")),
    sa.Column("mention_positions", sa.Text, nullable=False, default="[]"),   # JSON list
    sa.Column("place_source", sa.String(16), nullable=False, server_default="sentence"),  # Event.place_source
    sa.Column("date_source", sa.String(16), nullable=False, server_default="text"))      # Event.date_source

event_places = sa.Table(
    "event_places", metadata,
    sa.Column("document_id", sa.String(16), _document_fk(), primary_key=True),
    sa.Column("event_position", sa.Integer, primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("place_key", sa.String(300), sa.ForeignKey("places.key"), nullable=False))

geocode_cache = sa.Table(
    "geocode_cache", metadata,
    sa.Column("key", sa.String(1000), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),               # JSON object
    sa.Column("updated_at", sa.DateTime, nullable=False))

corrections = sa.Table(
    "corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.String(16), _document_fk(), nullable=False),
    sa.Column("event_id", sa.String(40), nullable=False),
    # Where the event was, so the correction finds it again if a new extractor changes its id.
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("date_text", sa.Text, nullable=False),
    sa.Column("field", sa.String(16), nullable=False),         # date | places | origin | destination
    sa.Column("value", sa.Text, nullable=False),               # JSON
    sa.Column("note", sa.Text),
    sa.Column("created_at", sa.DateTime, nullable=False))

# One row, bumped by every write: readers (the dashboard) cache on it and see another
# process's writes (an ingest run) on their next read without re-reading everything each time.
revision = sa.Table(
    "revision", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("value", sa.BigInteger, nullable=False))

DERIVED = (event_places, events, place_mentions, date_mentions)   # children first


# Migrations: MIGRATIONS[n] takes a database at version n to n + 1, inside one transaction.
# Never edit a released migration; append a new one.

def _migrate_to_1(conn: sa.Connection) -> None:
    """The tables."""
    metadata.create_all(conn, tables=[documents, places, date_mentions, place_mentions, events,
                                      event_places, geocode_cache, corrections])


def _migrate_to_2(conn: sa.Connection) -> None:
    """Indexes for the dashboard's filters (dates, documents by publication date) and for
    finding a document's corrections."""
    for statement in ("CREATE INDEX IF NOT EXISTS ix_events_days ON events (start_day, end_day)",
                      "CREATE INDEX IF NOT EXISTS ix_documents_published ON documents (published)",
                      "CREATE INDEX IF NOT EXISTS ix_corrections_document ON corrections (document_id)"):
        conn.exec_driver_sql(statement)


def _migrate_to_3(conn: sa.Connection) -> None:
    """The revision counter (Store.revision)."""
    metadata.create_all(conn, tables=[revision])
    conn.execute(sa.insert(revision).values(id=1, value=0))


def _migrate_to_4(conn: sa.Connection) -> None:
    """events.place_source (Event.place_source). Migration 1 builds tables from today's
    definitions, so a database created at this version already has the column."""
    if "place_source" not in {c["name"] for c in sa.inspect(conn).get_columns("events")}:
        conn.exec_driver_sql("ALTER TABLE events ADD COLUMN place_source VARCHAR(16) NOT NULL DEFAULT 'sentence'")


def _migrate_to_5(conn: sa.Connection) -> None:
    """events.date_source (Event.date_source: text, story or published); older events were all
    dated by their text."""
    if "date_source" not in {c["name"] for c in sa.inspect(conn).get_columns("events")}:
        conn.exec_driver_sql("ALTER TABLE events ADD COLUMN date_source VARCHAR(16) NOT NULL DEFAULT 'text'")


MIGRATIONS: tuple[Callable[[sa.Connection], None], ...] = (_migrate_to_1, _migrate_to_2, _migrate_to_3,
                                                           _migrate_to_4, _migrate_to_5)
SCHEMA_VERSION = len(MIGRATIONS)


def default_url() -> str:
    """The database to use: NEWSMAP_DB, else newsmap.sqlite in the current folder."""
    return os.environ.get("NEWSMAP_DB") or DEFAULT_DB


def database_url(target: str | os.PathLike | None = None) -> sa.URL:
    """A SQLAlchemy URL from a file path or a URL (postgresql://... uses psycopg 3)."""
    target = str(target or default_url())
    if "://" not in target:
        return sa.URL.create("sqlite", database=str(Path(target).expanduser().resolve()))
    try:
        url = sa.make_url(target)
    except sa.exc.ArgumentError:
        raise StoreError(f"{target!r} is neither a file path nor a database URL") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {url.get_backend_name()!r}: use a SQLite file "
                         "or a postgresql:// URL")
    return url


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A stored document's row without its analysis: what re-analysing it needs."""
    id: str
    lang_hint: str
    published: dt.date | None
    published_by: str | None
    title: str | None
    source_url: str | None
    path: str | None
    encoding: str | None
    extractor_version: str | None
    text: str = ""                      # only when asked for (Store.stored_document)


# The columns of a document that may change without a new analysis (Store.update_document).
UPDATABLE = ("published", "published_by", "title", "source_url", "path")


class StoredGeocodeCache:
    """The geocoders' cache (an extract.geocoders.GeocodeCache) in the store's geocode_cache table."""

    def __init__(self, store: "Store") -> None:
        self._store = store

    def get(self, key: str) -> dict | None:
        with self._store.engine.connect() as conn:
            value = conn.execute(sa.select(geocode_cache.c.value)
                                 .where(geocode_cache.c.key == key)).scalar_one_or_none()
        return json.loads(value) if value is not None else None

    def set(self, key: str, value: dict) -> None:
        row = {"key": key, "value": json.dumps(value, ensure_ascii=False), "updated_at": _now()}
        with self._store.transaction(bump=False) as conn:     # a cache, not the store's content
            self._store._upsert(conn, geocode_cache, [row], ["key"])

    def __len__(self) -> int:
        return self._store.counts()["geocode_cache"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _corrected_place(place: Place | dict) -> dict:
    """A corrected place as the contract's place dict; InputError if it lacks a name or
    coordinates."""
    try:
        return (place if isinstance(place, Place) else Place.from_dict(place)).to_dict()
    except (KeyError, TypeError, ValueError):
        raise InputError(f"a corrected place needs a name, lat and lon, not {place!r}") from None


def _place_of(row) -> Place:
    """A row of the places table as the Place it was written from."""
    return Place(row.name, row.lat, row.lon, row.country_code, row.kind, row.geonameid, row.population, row.source)


class Store:
    """The repository: one database, its schema kept current, read and written in transactions."""

    def __init__(self, url: str | os.PathLike | None = None, *, extractor_version: str | None = None) -> None:
        self.url = database_url(url)
        self.extractor_version = extractor_version or EXTRACTOR_VERSION
        self.engine = self._create_engine()
        self.geocode_cache = StoredGeocodeCache(self)
        self._migrate()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.where!r})"

    @property
    def where(self) -> str:
        """The database for messages: a SQLite file's path, else the URL without its password."""
        return self.url.database if self.is_sqlite else self.url.render_as_string(hide_password=True)

    # -- connection and schema ---------------------------------------------------------

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def _create_engine(self) -> sa.Engine:
        where = self.where
        if not self.is_sqlite:
            engine = sa.create_engine(self.url, pool_pre_ping=True)
            try:
                engine.connect().close()
            except sa.exc.OperationalError as error:
                raise StoreError(f"cannot connect to {where}: {str(error.orig).strip().splitlines()[0]}") from None
            return engine
        folder = Path(self.url.database).parent
        if not folder.is_dir():
            raise StoreError(f"cannot create the database {self.url.database}: "
                             f"the folder {folder} does not exist")
        engine = sa.create_engine(self.url, connect_args={"timeout": 30})

        @sa_event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            # Let SQLAlchemy, not the sqlite3 module, say when transactions begin (see "begin").
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            # WAL: the dashboard reads while an ingest writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @sa_event.listens_for(engine, "begin")
        def _on_begin(conn):
            # A writer takes the write lock up front, so two writers queue instead of one
            # failing with "database is locked" when it upgrades a read lock.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write")
                                 else "BEGIN")

        try:
            engine.connect().close()
        except sa.exc.DatabaseError as error:
            raise StoreError(f"cannot open {self.url.database} as a SQLite database: {error.orig}") from None

        @sa_event.listens_for(engine, "handle_error")
        def _on_error(context):
            # Damage found past the first page ("database disk image is malformed") is the
            # store failing, not the document being added: say so once and stop.
            if type(context.original_exception) is sqlite3.DatabaseError:
                raise StoreError(f"{where}: the database file is damaged ({context.original_exception}); "
                                 "restore it from a backup, or salvage it with the sqlite3 shell's .recover")
        return engine

    @contextmanager
    def transaction(self, *, bump: bool = True) -> Iterator[sa.Connection]:
        """One write transaction: everything in it is stored, or nothing. It bumps the store's
        revision unless `bump` is False (the schema and the geocoding cache)."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(write=True)
                with conn.begin():
                    yield conn
                    if bump:
                        conn.execute(sa.update(revision).values(value=revision.c.value + 1))
        except sa.exc.OperationalError as error:
            raise StoreError(f"{self.where}: {str(error.orig).strip().splitlines()[0]}") from error

    def revision(self) -> int:
        """A number that grows with every write to the store, by any process: cheap to read, so
        a reader can cache what it read until the number changes."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(revision.c.value).where(revision.c.id == 1)).scalar_one()

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return self._version(conn)

    @staticmethod
    def _version(conn: sa.Connection) -> int:
        if not sa.inspect(conn).has_table("schema_version"):
            return 0
        return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0

    def _migrate(self, target: int = SCHEMA_VERSION) -> None:
        """Bring the schema to `target`, each step in the same transaction as its version."""
        with self.transaction(bump=False) as conn:
            if not self.is_sqlite:
                # Two processes opening a fresh PostgreSQL database migrate one after the other.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7141001)")
            version = self._version(conn)
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.where} has schema version {version}, newer than this newsmap "
                                 f"knows ({SCHEMA_VERSION}); upgrade newsmap to open it")
            if version == 0:
                metadata.create_all(conn, tables=[schema_version])
            for step in range(version, target):
                MIGRATIONS[step](conn)
            if target > version:
                conn.execute(sa.delete(schema_version))
                conn.execute(sa.insert(schema_version).values(version=target))

    def _upsert(self, conn: sa.Connection, table: sa.Table, rows: list[dict], keys: list[str]) -> None:
        if not rows:
            return
        insert = (sqlite_dialect.insert if self.is_sqlite else pg_dialect.insert)(table)
        updates = {c: insert.excluded[c] for c in rows[0] if c not in keys}
        conn.execute(insert.on_conflict_do_update(index_elements=keys, set_=updates), rows)

    # -- writing ----------------------------------------------------------------------

    def write(self, analysis: Analysis, *, lang_hint: str | None = None, encoding: str | None = None,
              published_by: str | None = None) -> None:
        """Store an analysis as its document's current one, replacing the derived rows in one
        transaction (corrections are kept)."""
        self.write_many([(analysis, {"lang_hint": lang_hint, "encoding": encoding, "published_by": published_by})])

    def write_many(self, analyses: Iterable[tuple[Analysis, dict]], fills: Iterable[tuple[str, dict]] = (), *,
                   conn: sa.Connection | None = None) -> None:
        """Store analyses (each with `write`'s keyword arguments, a later one of the same
        document replacing an earlier one) and fill in documents' missing title, source_url or
        path (`fills`: (document id, values)), in one transaction (`conn`'s, if given).

        Places, then documents, are written in key order, so that writers on PostgreSQL take
        their row locks in one order and do not deadlock each other."""
        batch = sorted(analyses, key=lambda item: item[0].document.id)     # stable: later stays later
        fills = sorted(fills, key=lambda fill: fill[0])
        if not batch and not fills:
            return
        if conn is None:
            with self.transaction() as own:
                return self.write_many(batch, fills, conn=own)
        self._upsert_places(conn, [analysis for analysis, _ in batch])
        for analysis, options in batch:
            self._write_document(conn, analysis, **options)
        for doc_id, values in fills:
            conn.execute(sa.update(documents).where(documents.c.id == doc_id)
                         .values(**{k: v for k, v in values.items() if k in ("title", "source_url", "path")}))

    @contextmanager
    def holding(self, doc_ids: Iterable[str]) -> Iterator[sa.Connection]:
        """A write transaction during which no other writer holds any of these documents: on
        PostgreSQL advisory locks taken in id order; SQLite lets one writer in at a time anyway."""
        with self.transaction() as conn:
            if not self.is_sqlite:
                for doc_id in sorted(set(doc_ids)):
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtextextended(:id, 7141))"), {"id": doc_id})
            yield conn

    def _write_document(self, conn: sa.Connection, analysis: Analysis, *, lang_hint: str | None = None,
                        encoding: str | None = None, published_by: str | None = None) -> None:
        document = analysis.document
        sha = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
        now = _now()
        existing = conn.execute(sa.select(documents.c.added_at, documents.c.encoding,
                                          documents.c.published_by, documents.c.lang_hint)
                                .where(documents.c.id == document.id)).first()
        row = {"id": document.id, "sha256": sha, "text": document.text, "lang": document.lang,
               "lang_hint": lang_hint or (existing.lang_hint if existing else "auto"),
               "published": document.published,
               "published_by": published_by or (existing.published_by if existing else None)
               or ("metadata" if document.published else None),
               "title": document.title, "source_url": document.source_url, "path": document.path,
               "encoding": encoding or (existing.encoding if existing else None),
               "extractor_version": self.extractor_version,
               "added_at": existing.added_at if existing else now, "analysed_at": now}
        self._upsert(conn, documents, [row], ["id"])
        for table in DERIVED:
            conn.execute(sa.delete(table).where(table.c.document_id == document.id))
        self._insert_derived(conn, analysis)

    def _upsert_places(self, conn: sa.Connection, analyses: Iterable[Analysis]) -> None:
        """Every place the analyses name, in key order."""
        all_places: dict[str, Place] = {}
        for analysis in analyses:
            for mention in analysis.places:
                if mention.place is not None:
                    all_places.setdefault(mention.place.key, mention.place)
            for event in analysis.events:
                for place in (*event.places, event.origin, event.destination):
                    if place is not None:
                        all_places.setdefault(place.key, place)
        self._upsert(conn, places, [
            {"key": key, **dataclasses.asdict(place), "population": place.population or 0}
            for key, place in sorted(all_places.items())], ["key"])

    def _insert_derived(self, conn: sa.Connection, analysis: Analysis) -> None:
        doc_id = analysis.document.id
        if analysis.dates:
            conn.execute(sa.insert(date_mentions), [
                {"document_id": doc_id, "position": i, "text": d.text, "start_char": d.start_char,
                 "end_char": d.end_char, "start_day": d.start, "end_day": d.end, "granularity": d.granularity}
                for i, d in enumerate(analysis.dates)])
        if analysis.places:
            conn.execute(sa.insert(place_mentions), [
                {"document_id": doc_id, "position": i, "text": m.text, "start_char": m.start_char,
                 "end_char": m.end_char, "place_key": m.place.key if m.place else None, "score": m.score}
                for i, m in enumerate(analysis.places)])
        if not analysis.events:
            return
        mention_index = {(m.start_char, m.end_char, m.text): i for i, m in enumerate(analysis.places)}
        conn.execute(sa.insert(events), [
            {"document_id": doc_id, "position": i, "id": e.id, "sentence": e.sentence,
             "start_char": e.start_char, "end_char": e.end_char, "date_text": e.date.text,
             "date_start_char": e.date.start_char, "date_end_char": e.date.end_char,
             "start_day": e.date.start, "end_day": e.date.end, "granularity": e.date.granularity,
             "origin_key": e.origin.key if e.origin else None,
             "destination_key": e.destination.key if e.destination else None,
             "place_source": e.place_source, "date_source": e.date_source,
             "mention_positions": json.dumps([mention_index[k] for k in
                                              ((m.start_char, m.end_char, m.text) for m in e.place_mentions)
                                              if k in mention_index])}
            for i, e in enumerate(analysis.events)])
        rows = [{"document_id": doc_id, "event_position": i, "position": j, "place_key": p.key}
                for i, e in enumerate(analysis.events) for j, p in enumerate(e.places)]
        if rows:
            conn.execute(sa.insert(event_places), rows)

    def update_document(self, doc_id: str, **values) -> bool:
        """Set columns of a stored document (its metadata, its publication date) without
        touching its analysis; False if there is no such document."""
        unknown = set(values) - set(UPDATABLE)
        if unknown:
            raise StoreError(f"cannot update {', '.join(sorted(unknown))} of a document")
        with self.transaction() as conn:
            return conn.execute(sa.update(documents).where(documents.c.id == doc_id)
                                .values(**values)).rowcount > 0

    def documents_at_path(self, path: str) -> list[str]:
        """Ids of the documents stored from `path` (earlier versions of an edited file), oldest first."""
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(documents.c.id).where(documents.c.path == path)
                                     .order_by(documents.c.added_at, documents.c.id)).scalars())

    def stale_documents(self) -> list[str]:
        """Ids of the documents analysed by another extractor version."""
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(documents.c.id).where(
                sa.or_(documents.c.extractor_version.is_(None),
                       documents.c.extractor_version != self.extractor_version))
                .order_by(documents.c.added_at, documents.c.id)).scalars())

    def delete(self, doc_id: str) -> bool:
        """Remove a document with its analysis and corrections; False if it was not there."""
        with self.transaction() as conn:
            for table in (*DERIVED, corrections):
                conn.execute(sa.delete(table).where(table.c.document_id == doc_id))
            return conn.execute(sa.delete(documents).where(documents.c.id == doc_id)).rowcount > 0

    # -- corrections ------------------------------------------------------------------

    def correct(self, event_id: str, *, start: dt.date | str | None = None, end: dt.date | str | None = None,
                granularity: str | None = None, places: Iterable[Place | dict] | None = None,
                origin: Place | dict | None = None, destination: Place | dict | None = None,
                note: str | None = None, document_id: str | None = None) -> list[int]:
        """Record a user's correction of an event's date and/or places; it replaces an earlier
        correction of the same field and survives re-analysis. Returns the corrections' ids."""
        from .documents import parse_date

        where = events.c.id == event_id
        if document_id:
            where = where & (events.c.document_id == document_id)
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(events.c.document_id, events.c.start_char, events.c.end_char,
                                           events.c.date_text, events.c.start_day, events.c.end_day,
                                           events.c.granularity).where(where)).all()
        if not found:
            raise StoreError(f"no event {event_id!r} in {self.where}")
        if len(found) > 1:
            raise StoreError(f"event id {event_id!r} is in several documents; give document_id")
        event = found[0]
        values: dict[str, object] = {}
        if start is not None or end is not None or granularity is not None:
            first = parse_date(start, what="corrected start") or event.start_day
            last = parse_date(end, what="corrected end") or (first if start is not None else event.end_day)
            if first is None or last is None:
                raise InputError("a corrected date needs a start (and optionally an end)")
            if last < first:
                raise InputError(f"corrected end {last} is before start {first}")
            values["date"] = {"start": first.isoformat(), "end": last.isoformat(),
                              "granularity": granularity or ("day" if first == last else "range")}
        if places is not None:
            values["places"] = [_corrected_place(p) for p in places]
        if origin is not None:
            values["origin"] = _corrected_place(origin)
        if destination is not None:
            values["destination"] = _corrected_place(destination)
        if not values:
            raise InputError("nothing to correct: give start/end, places, origin or destination")
        ids = []
        with self.transaction() as conn:
            for field, value in values.items():
                conn.execute(sa.delete(corrections).where(
                    (corrections.c.document_id == event.document_id) & (corrections.c.event_id == event_id)
                    & (corrections.c.field == field)))
                result = conn.execute(sa.insert(corrections).values(
                    document_id=event.document_id, event_id=event_id, sentence_start=event.start_char,
                    sentence_end=event.end_char, date_text=event.date_text, field=field,
                    value=json.dumps(value, ensure_ascii=False), note=note, created_at=_now()))
                ids.append(result.inserted_primary_key[0])
        return ids

    def corrections(self, document_id: str | None = None) -> list[dict]:
        """The users' corrections, oldest first."""
        return [_correction_dict(row) for row in self._correction_rows(document_id)]

    def stranded_corrections(self, document_id: str) -> list[dict]:
        """The document's corrections that no event of its current analysis takes any more (a
        re-analysis dropped or split their event): kept, in case a later analysis finds the
        event again, but laid over nothing."""
        rows = self.event_rows(document_ids=[document_id], with_corrections=False)
        return [_correction_dict(fix) for fix in self._correction_rows(document_id)
                if _correction_target(rows, fix) is None]

    def _correction_rows(self, document_id: str | None) -> list:
        query = sa.select(corrections).order_by(corrections.c.id)
        if document_id:
            query = query.where(corrections.c.document_id == document_id)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def remove_correction(self, correction_id: int) -> bool:
        with self.transaction() as conn:
            return conn.execute(sa.delete(corrections).where(corrections.c.id == correction_id)).rowcount > 0

    # -- reading ----------------------------------------------------------------------

    def stored_documents(self, doc_ids: Iterable[str], *,
                         conn: sa.Connection | None = None) -> dict[str, StoredDocument]:
        """`stored_document` (without texts) for many documents in one query, by id, for those
        stored; in `conn`'s transaction, if given."""
        wanted = sorted(set(doc_ids))
        if not wanted:
            return {}
        if conn is None:
            with self.engine.connect() as own:
                return self.stored_documents(wanted, conn=own)
        columns = [getattr(documents.c, f.name) for f in fields(StoredDocument) if f.name != "text"]
        return {row.id: StoredDocument(**row._asdict())
                for row in conn.execute(sa.select(*columns).where(documents.c.id.in_(wanted)))}

    def stored_document(self, doc_id: str, *, with_text: bool = False) -> StoredDocument | None:
        """What is stored about a document besides its analysis, or None if it is not stored;
        its text only `with_text` (checking that a document is already there needs none)."""
        columns = [getattr(documents.c, f.name) for f in fields(StoredDocument) if f.name != "text"]
        if with_text:
            columns.append(documents.c.text)
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*columns).where(documents.c.id == doc_id)).first()
        return StoredDocument(**row._asdict()) if row is not None else None

    def documents(self, *, counts: bool = True) -> list[dict]:
        """Every document (without its text), newest first, with counts of what was found
        (n_dates, n_places, n_events; left out with counts=False: they read every row)."""
        found: dict[str, dict] = {}
        with self.engine.connect() as conn:
            tallied = (("dates", date_mentions), ("places", place_mentions), ("events", events)) if counts else ()
            for name, table in tallied:
                found[name] = dict(conn.execute(sa.select(table.c.document_id, sa.func.count())
                                                .group_by(table.c.document_id)).all())
            rows = conn.execute(sa.select(*(c for c in documents.c if c.name != "text"),
                                          sa.func.length(documents.c.text).label("chars"))
                                .order_by(documents.c.added_at.desc(), documents.c.id)).all()
        return [{"id": r.id, "path": r.path, "lang": r.lang, "published": iso_day(r.published),
                 "title": r.title, "source_url": r.source_url, "chars": r.chars,
                 "published_by": r.published_by, "encoding": r.encoding,
                 "extractor_version": r.extractor_version,
                 "added_at": r.added_at.isoformat(), "analysed_at": r.analysed_at and r.analysed_at.isoformat(),
                 **{f"n_{name}": found[name].get(r.id, 0) for name in found}}
                for r in rows]

    def text(self, doc_id: str) -> str:
        with self.engine.connect() as conn:
            text = conn.execute(sa.select(documents.c.text).where(documents.c.id == doc_id)).scalar()
        if text is None:
            raise StoreError(f"no document {doc_id!r} in {self.where}")
        return text

    def analysis(self, doc_id: str) -> Analysis:
        """A stored document's analysis, as `extract.analyze` returned it (without corrections)."""
        found = self._analyses([doc_id], with_text=True)
        if not found:
            raise StoreError(f"no document {doc_id!r} in {self.where}")
        return found[0]

    def analyses(self, document_ids: Iterable[str] | None = None, *, with_text: bool = True) -> list[Analysis]:
        """Stored analyses, oldest document first."""
        return self._analyses(list(document_ids) if document_ids is not None else None, with_text=with_text)

    def _analyses(self, ids: list[str] | None, *, with_text: bool) -> list[Analysis]:
        def only(table):
            query = sa.select(table)
            if table is documents and not with_text:
                query = sa.select(*(sa.literal("").label("text") if c.name == "text" else c for c in table.c))
            return query.where(table.c.document_id.in_(ids) if table is not documents
                               else table.c.id.in_(ids)) if ids is not None else query

        with self.engine.connect() as conn:
            doc_rows = conn.execute(only(documents).order_by(documents.c.added_at, documents.c.id)).all()
            place_of = {r.key: _place_of(r) for r in conn.execute(sa.select(places))}
            grouped = {}
            for name, table, order in (("dates", date_mentions, [date_mentions.c.position]),
                                       ("mentions", place_mentions, [place_mentions.c.position]),
                                       ("events", events, [events.c.position]),
                                       ("event_places", event_places,
                                        [event_places.c.event_position, event_places.c.position])):
                grouped[name] = defaultdict(list)
                for row in conn.execute(only(table).order_by(*order)):
                    grouped[name][row.document_id].append(row)
        result = []
        for d in doc_rows:
            document = Document(text=d.text, lang=d.lang, published=d.published, path=d.path,
                                title=d.title, source_url=d.source_url, id=d.id)
            dates = tuple(DateMention(r.text, r.start_char, r.end_char, r.start_day, r.end_day, r.granularity)
                          for r in grouped["dates"][d.id])
            mentions = tuple(PlaceMention(r.text, r.start_char, r.end_char, place_of.get(r.place_key), r.score)
                             for r in grouped["mentions"][d.id])
            places_of_event = defaultdict(list)
            for r in grouped["event_places"][d.id]:
                places_of_event[r.event_position].append(place_of[r.place_key])
            event_list = tuple(
                Event(r.id, r.sentence, r.start_char, r.end_char,
                      DateMention(r.date_text, r.date_start_char, r.date_end_char, r.start_day, r.end_day,
                                  r.granularity),
                      tuple(places_of_event[r.position]), place_of.get(r.origin_key),
                      place_of.get(r.destination_key),
                      tuple(mentions[i] for i in json.loads(r.mention_positions) if i < len(mentions)),
                      r.place_source, r.date_source)
                for r in grouped["events"][d.id])
            result.append(Analysis(document, dates, mentions, event_list))
        return result

    def event_rows(self, date_from: dt.date | str | None = None, date_to: dt.date | str | None = None, *,
                   document_ids: Iterable[str] | None = None, lang: str | None = None,
                   keys: Iterable[tuple[str, int]] | None = None, with_corrections: bool = True) -> list[dict]:
        """Flat event rows, as `extract.exports.event_rows` makes them, with users' corrections
        laid over; "corrected" lists each row's corrected fields ([] when none).

        `date_from`/`date_to` keep the events whose interval overlaps [date_from, date_to];
        events with an unresolved date are left out when either is given. `keys` keeps only the
        events named by (document id, position) (the dashboard reads one page of its table so).
        """
        from .documents import parse_date

        first, last = parse_date(date_from, what="--from"), parse_date(date_to, what="--to")
        fixes = self._corrections_by_document() if with_corrections else {}
        # One query for the events with their documents, one for their places, both filtered in
        # SQL; building Analysis objects for 100,000 events would take seconds.
        where = []
        if document_ids is not None:
            where.append(events.c.document_id.in_(list(document_ids)))
        if lang:
            where.append(documents.c.lang == lang)
        wanted = None
        if keys is not None:
            keys = list(keys)
            if not keys:
                return []
            # Joined as a table of keys: SQLite answers `(document_id, position) IN (...)` by
            # scanning every event (2 s at a million), the join by its primary key (20 ms).
            wanted = self._keys_table(keys)
        if first or last:
            overlaps = events.c.start_day.is_not(None) & events.c.end_day.is_not(None)
            if first:
                overlaps &= events.c.end_day >= first
            if last:
                overlaps &= events.c.start_day <= last
            # A corrected date may move an event into the range: read those documents whole
            # and filter them again below, once the corrections are laid over.
            redated = [doc_id for doc_id, found in fixes.items() if any(f.field == "date" for f in found)]
            where.append(sa.or_(overlaps, events.c.document_id.in_(redated)) if redated else overlaps)
        # SQLite keeps days as ISO text: read them as text rather than make and format 300,000
        # date objects. PostgreSQL hands back dates.
        day = (lambda column: sa.type_coerce(column, sa.String)) if self.is_sqlite else (lambda column: column)
        chosen = (sa.select(events.c.document_id, events.c.position, events.c.id, events.c.sentence,
                            events.c.start_char, events.c.end_char, events.c.date_text,
                            day(events.c.start_day), day(events.c.end_day), events.c.granularity,
                            events.c.origin_key, events.c.destination_key, events.c.place_source, events.c.date_source,
                            documents.c.title, documents.c.path, day(documents.c.published), documents.c.lang)
                  .join(documents, documents.c.id == events.c.document_id).where(*where))
        if wanted is not None:
            chosen = chosen.join(wanted, (wanted.c.document_id == events.c.document_id)
                                 & (wanted.c.position == events.c.position))
        with self.engine.connect() as conn:
            found = conn.execute(chosen.order_by(documents.c.added_at, documents.c.id, events.c.position)).all()
            # With keys, their places are read through the keys alone: joined to the events
            # query, SQLite (3.40) built a temporary index of every event's places for a few
            # hundred keys (19 s at a million events).
            chosen = wanted if wanted is not None else chosen.subquery()
            pairs = conn.execute(
                sa.select(event_places.c.document_id, event_places.c.event_position, event_places.c.place_key)
                .join(chosen, (chosen.c.document_id == event_places.c.document_id)
                      & (chosen.c.position == event_places.c.event_position))
                .order_by(event_places.c.document_id, event_places.c.event_position, event_places.c.position)).all()
            needed = {key for _, _, key in pairs} | {row.origin_key for row in found} | {
                row.destination_key for row in found}
            place_of = self._places_by_key(conn, needed - {None})
            places_of = defaultdict(list)
            for doc_id, position, key in pairs:
                places_of[(doc_id, position)].append(place_of[key])
        iso = (lambda day: day) if self.is_sqlite else iso_day
        rows, corrected = [], defaultdict(list)
        for (doc_id, position, event_id, sentence, start_char, end_char, date_text, start_day, end_day,
             granularity, origin_key, destination_key, place_source, date_source, title, path, published,
             lang) in found:
            origin, destination = place_of.get(origin_key), place_of.get(destination_key)
            # Copies, so that a caller changing one row's place changes no other row.
            row = {"sentence": sentence, "start_char": start_char, "end_char": end_char, "date_text": date_text,
                   "start": iso(start_day), "end": iso(end_day), "granularity": granularity,
                   "places": [place.copy() for place in places_of[(doc_id, position)]],
                   "origin": origin.copy() if origin else None,
                   "destination": destination.copy() if destination else None, "place_source": place_source,
                   "date_source": date_source,
                   "event_id": event_id, "document_id": doc_id, "document_title": title, "document_path": path,
                   "published": iso(published), "lang": lang}
            if with_corrections:
                row["corrected"] = []
                if doc_id in fixes:
                    corrected[doc_id].append(row)
            rows.append(row)
        for doc_id, document_rows in corrected.items():
            _apply_corrections(document_rows, fixes[doc_id])
        if (first or last) and with_corrections:
            rows = [r for r in rows if r["start"] and r["end"]
                    and (first is None or r["end"] >= first.isoformat())
                    and (last is None or r["start"] <= last.isoformat())]
        return rows

    def _keys_table(self, keys: list[tuple[str, int]]) -> sa.CTE:
        """The events' keys (document id, position) as a table to join ("wanted"), sent as one
        JSON parameter that the database unpacks: as a VALUES list the keys were part of the
        statement, which SQLAlchemy compiled again for every page of the table (0.1 s for 500)."""
        if self.is_sqlite:
            listed = json.dumps([[str(doc_id), int(position)] for doc_id, position in keys])
            pairs = sa.func.json_each(sa.bindparam("wanted_keys", listed, type_=sa.Text)).table_valued("value")
            return sa.select(sa.func.json_extract(pairs.c.value, "$[0]").label("document_id"),
                             sa.func.json_extract(pairs.c.value, "$[1]").label("position")).cte("wanted")
        rows = json.dumps([{"document_id": str(doc_id), "position": int(position)} for doc_id, position in keys])
        pairs = (sa.func.json_to_recordset(sa.cast(sa.bindparam("wanted_keys", rows, type_=sa.Text), pg_dialect.JSON))
                 .table_valued(sa.column("document_id", sa.String), sa.column("position", sa.Integer))
                 .render_derived(with_types=True))
        return sa.select(pairs.c.document_id, pairs.c.position).cte("wanted")

    @staticmethod
    def _places_by_key(conn: sa.Connection, keys: set[str], at_once: int = 500) -> dict[str, dict]:
        """The contract's place dicts of the places `keys`: read by key when they are few (a
        table page's), else the whole table (thousands of places: 40-70 ms per call)."""
        if len(keys) > 4 * at_once:
            return {r.key: _place_of(r).to_dict() for r in conn.execute(sa.select(places))}
        ordered, found = sorted(keys), {}
        for start in range(0, len(ordered), at_once):
            for r in conn.execute(sa.select(places).where(places.c.key.in_(ordered[start:start + at_once]))):
                found[r.key] = _place_of(r).to_dict()
        return found

    def _corrections_by_document(self) -> dict[str, list]:
        grouped = defaultdict(list)
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(corrections).order_by(corrections.c.id)):
                grouped[row.document_id].append(row)
        return grouped

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self.engine.connect() as conn:
            return {table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
                    for table in (documents, date_mentions, place_mentions, places, events, event_places,
                                  geocode_cache, corrections)}


def _correction_target(rows: list[dict], fix) -> dict | None:
    """The event row a correction applies to (see _apply_corrections), or None."""
    target = next((r for r in rows if r["event_id"] == fix.event_id), None)
    if target is None:
        same_sentence = [r for r in rows if (r["start_char"], r["end_char"])
                         == (fix.sentence_start, fix.sentence_end)]
        same_date = [r for r in same_sentence if r["date_text"] == fix.date_text]
        target = (same_date or (same_sentence if len(same_sentence) == 1 else [None]))[0]
    if target is None:
        moved = [r for r in rows if r["date_text"] == fix.date_text
                 and r["start_char"] < fix.sentence_end and fix.sentence_start < r["end_char"]]
        target = moved[0] if len(moved) == 1 else None
    return target


def _correction_dict(row) -> dict:
    return {**row._asdict(), "value": json.loads(row.value), "created_at": row.created_at.isoformat()}


def _apply_corrections(rows: list[dict], fixes: list) -> None:
    """Lay a document's corrections over its event rows.

    A correction finds its event by id; if a new extractor changed the id, by the same sentence
    and date text, failing that by the same sentence when it holds a single event, and failing
    that — the sentence moved (a new extractor split the text differently) — by the one event
    with the same date text in a sentence that overlaps the old one.
    """
    for fix in fixes:
        target = _correction_target(rows, fix)
        if target is None:
            continue    # its event is gone; Store.stranded_corrections names it
        value = json.loads(fix.value)
        if fix.field == "date":
            target.update(start=value["start"], end=value["end"], granularity=value["granularity"])
        else:
            target[fix.field] = value
        target["corrected"].append(fix.field)

