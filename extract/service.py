"""What users do with stored documents: add one, analyse one again, give one a publication date.

The CLI (through extract.ingest) and the dashboard both call these; each runs the pipeline
(`extract.pipeline.analyze`) and hands the analysis to the store, which only keeps it (extract.store).

    >>> from extract import service
    >>> with Store() as store:          # NEWSMAP_DB, else ./newsmap.sqlite
    ...     service.add(store, text, published=datetime.date(2023, 10, 19))
    ...     service.set_published(store, document_id, "2023-10-20")
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .documents import Source, check_published, parse_date, source_from_bytes
from .errors import InputError, StoreError
from .pipeline import analyze
from .records import Analysis, document_id
from .store import Store, StoredDocument


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `add` did with a document: "added", "reanalysed" or "unchanged"."""
    document_id: str
    status: str
    analysis: Analysis | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AddPlan:
    """What adding a document will do, decided from what is stored about it: its status
    ("added", "reanalysed" or "unchanged") and the arguments of its analysis."""
    document_id: str
    status: str
    published: dt.date | None
    lang_hint: str
    meta: dict                           # title, source_url, path
    fill: dict                           # the metadata an unchanged stored document lacks
    published_by: str | None
    warnings: tuple[str, ...] = ()


def plan_add(source: Source, stored: StoredDocument | None, extractor_version: str, *,
             published: dt.date | None = None, lang: str | None = None, force: bool = False) -> AddPlan:
    """Decide what adding `source` does, given what is `stored` about its text (None: nothing);
    reads and writes nothing, so a Dask worker decides as `add` does (extract.batch).

    A document already stored is analysed again only when the extractor is another version, its
    publication date or language changes, or `force`; otherwise it is "unchanged" (and its
    missing metadata is filled in). A publication date the user set wins over the one given here.
    """
    text, name = source.text, source.path or "input"
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{name}: the document has no text")
    if "\x00" in text:
        raise InputError(f"{name}: the text contains NUL characters; this looks like binary data")
    doc_id = document_id(text)
    published = published or source.published
    warnings = list(source.warnings)
    lang_hint = lang or source.lang or "auto"
    meta = {"title": source.title, "source_url": source.source_url, "path": source.path}
    if stored is not None:
        if stored.published_by == "user" or published is None:
            published = stored.published
        meta = {key: value or getattr(stored, key) for key, value in meta.items()}
        if lang_hint == "auto":
            lang_hint = stored.lang_hint
        unchanged = (stored.extractor_version == extractor_version
                     and stored.published == published and stored.lang_hint == lang_hint)
        if unchanged and not force:
            fill = {key: value for key, value in meta.items() if value and not getattr(stored, key)}
            return AddPlan(doc_id, "unchanged", published, lang_hint, meta, fill, stored.published_by,
                           tuple(warnings))
    if published is not None and published != source.published:   # the source checked its own
        warning = check_published(published, what=meta["path"] or "published")
        if warning:
            warnings.append(warning)
    # A date the HTML page declared is recorded as the page's (extract.documents.declared_date).
    published_by = stored.published_by if stored is not None else (
        "page" if published is not None and published == source.published and source.published_from else None)
    return AddPlan(doc_id, "added" if stored is None else "reanalysed", published, lang_hint, meta, {},
                   published_by, tuple(warnings))


def add(store: Store, source: Source | str | bytes, published: dt.date | None = None, *,
        title: str | None = None, source_url: str | None = None, path: str | None = None,
        lang: str | None = None, force: bool = False, geocoder=None,
        path_names_a_file: bool = True) -> AddResult:
    """Store a document (its text, its bytes as uploaded, or a Source from extract.documents)
    with its analysis; the same text twice keeps one document.

    What it does is `plan_add`'s decision. `title`, `source_url` and `path` override the
    source's own; `geocoder` overrides the embedded gazetteer. A new text at a stored path is
    the file's edited version and replaces the earlier one — unless `path_names_a_file` is
    false, as for a browser upload, whose bare name ("article.txt") two articles may share.
    """
    if isinstance(source, bytes):          # an upload: decoded and checked like a file
        source = source_from_bytes(source, path or "upload", path)
    elif isinstance(source, str):
        source = Source(text=source)
    source = replace(source, title=title or source.title, source_url=source_url or source.source_url,
                     path=path or source.path)
    stored = store.stored_document(document_id(source.text)) if isinstance(source.text, str) else None
    # An edited file: the same path, another text. Its new version replaces the earlier ones.
    earlier = ([i for i in store.documents_at_path(source.path) if i != document_id(source.text)]
               if path_names_a_file and stored is None and source.path and isinstance(source.text, str)
               else [])
    user_dated = next((d for d in map(store.stored_document, earlier) if d and d.published_by == "user"), None)
    if user_dated is not None and published is None and source.published is None:
        published = user_dated.published        # the date a user gave the earlier version
    plan = plan_add(source, stored, store.extractor_version, published=published, lang=lang, force=force)
    if user_dated is not None and plan.published == user_dated.published:
        plan = replace(plan, published_by="user")
    if plan.status == "unchanged":
        if plan.fill:
            store.update_document(plan.document_id, **plan.fill)
        return AddResult(plan.document_id, "unchanged", None, plan.warnings)
    analysis = analyze(source.text, published=plan.published, lang=plan.lang_hint, geocoder=geocoder, **plan.meta)
    store.write(analysis, lang_hint=plan.lang_hint, encoding=source.encoding, published_by=plan.published_by)
    replaced = tuple(_replace(store, old_id, analysis, source.path) for old_id in earlier)
    stranded = stranded_warnings(store, analysis) if plan.status == "reanalysed" else ()
    return AddResult(plan.document_id, plan.status, analysis, plan.warnings + replaced + stranded)


def _replace(store: Store, old_id: str, analysis: Analysis, path: str) -> str:
    """Move an earlier version's corrections to the events of `analysis` (its edited text) where
    their sentence still is, remove the earlier version, and say what happened."""
    old_text = store.text(old_id)
    kept, lost = 0, []
    for fix in store.corrections(old_id):
        sentence = old_text[fix["sentence_start"]:fix["sentence_end"]]
        same = [e for e in analysis.events if e.sentence == sentence]
        same_date = [e for e in same if e.date.text == fix["date_text"]]
        target = (same_date or (same if len(same) == 1 else [None]))[0]
        if target is None:
            lost.append(_described(fix, old_text))
            continue
        store.correct(target.id, document_id=analysis.document.id, note=fix["note"], **_as_arguments(fix))
        kept += 1
    store.delete(old_id)
    message = f"{path}: the file changed; its new text replaces the earlier version (document {old_id})"
    if kept:
        message += f"; {kept} correction{'s' if kept != 1 else ''} kept"
    if lost:
        message += (f"; {len(lost)} correction{'s' if len(lost) != 1 else ''} could not be kept, "
                    f"their sentence is gone: " + "; ".join(lost))
    return message


def stranded_warnings(store: Store, analysis: Analysis) -> tuple[str, ...]:
    """The warning naming the document's corrections that its new analysis left without an
    event (none when every correction still applies)."""
    lost = store.stranded_corrections(analysis.document.id)
    if not lost:
        return ()
    text = analysis.document.text
    corrections = f"{len(lost)} correction{'s' if len(lost) != 1 else ''}"
    return (f"{analysis.document.path or 'document ' + analysis.document.id}: {corrections} found no "
            f"event after re-analysis; not shown, but kept in case a later analysis finds the event "
            f"again: " + "; ".join(_described(fix, text) for fix in lost),)


def _described(fix: dict, text: str) -> str:
    """A correction as a user recognises it: the field, the date's words (or, for an event dated
    by its story or publication, which has none, that) and the sentence."""
    sentence = text[fix["sentence_start"]:fix["sentence_end"]]
    shown = sentence if len(sentence) <= 60 else sentence[:59] + "…"
    dated = f"“{fix['date_text']}”" if fix["date_text"] else "the event dated by its story"
    return f"{fix['field']} of {dated} in “{shown}”"


def _as_arguments(fix: dict) -> dict:
    """A stored correction as the arguments of Store.correct."""
    value = fix["value"]
    if fix["field"] == "date":
        return {"start": value["start"], "end": value["end"], "granularity": value["granularity"]}
    return {fix["field"]: value}


def reanalyse(store: Store, doc_id: str, *, published: dt.date | None = None,
              published_by: str | None = None, geocoder=None) -> AddResult:
    """Analyse a stored document again (after an extractor upgrade, say) and replace its
    derived rows; corrections are kept, and the result's warnings name those that no event of
    the new analysis takes any more."""
    stored = store.stored_document(doc_id, with_text=True)
    if stored is None:
        raise StoreError(f"no document {doc_id!r} in {store.where}")
    analysis = analyze(stored.text, published=published or stored.published, lang=stored.lang_hint,
                       geocoder=geocoder, path=stored.path, title=stored.title, source_url=stored.source_url)
    store.write(analysis, lang_hint=stored.lang_hint, encoding=stored.encoding,
                published_by=published_by or stored.published_by)
    return AddResult(doc_id, "reanalysed", analysis, stranded_warnings(store, analysis))


def set_published(store: Store, doc_id: str, published: dt.date | str | None, *, geocoder=None) -> AddResult:
    """The user's publication date for a document: stored, and the document analysed again so
    that its relative dates resolve against it (as `reanalyse`). Later ingests keep it."""
    day = parse_date(published, what="published")
    if day is not None:
        check_published(day, what=doc_id)        # refuses an implausible date
    if not store.update_document(doc_id, published=day, published_by="user" if day else None):
        raise StoreError(f"no document {doc_id!r} in {store.where}")
    return reanalyse(store, doc_id, published_by="user" if day else None, geocoder=geocoder)
