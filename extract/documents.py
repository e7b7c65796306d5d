"""Reading documents: bytes to text (UTF-8, then Windows-1256), HTML to its main text, and
the metadata sidecar `FILE.meta.json`."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

# 20 MB in the decimal unit every message and document uses.
DEFAULT_MAX_BYTES = 20_000_000
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
# Publication dates outside these years are typos (0203 for 2023) rather than news.
PLAUSIBLE_YEARS = (1800, 2200)
# What binary files start with, to say what the file is rather than only "not text".
_MAGIC = ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt file)"),
          (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "a program"), (b"SQLite format 3", "a SQLite database"),
          (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"))
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\x0b\x0c\r")


def max_bytes() -> int:
    """The size limit for one document: EXTRACT_MAX_BYTES, or 20 MB."""
    value = os.environ.get("EXTRACT_MAX_BYTES")
    try:
        return int(value) if value else DEFAULT_MAX_BYTES
    except ValueError:
        raise InputError(f"EXTRACT_MAX_BYTES must be a number of bytes, not {value!r}") from None


@dataclass(frozen=True, slots=True)
class Source:
    """A document as read, before analysis: its text and whatever metadata came with it."""
    text: str
    path: str | None = None
    published: dt.date | None = None
    title: str | None = None
    source_url: str | None = None
    lang: str | None = None
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()      # things the user should know, e.g. a date in the future
    published_from: str | None = None   # "page": an HTML page's declared date (declared_date)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\S.*)?$")


def parse_date(value: object, *, what: str = "published") -> dt.date | None:
    """An ISO date (or datetime) from metadata; None for empty, InputError for garbage."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        # A day, or a whole ISO timestamp ("2023-10-19T08:30:00+03:00"); nothing after either.
        if not _ISO_DAY.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise InputError(f"{what} date {text[:40]!r} is not an ISO date (YYYY-MM-DD)") from None


def check_published(day: dt.date, *, what: str = "published", today: dt.date | None = None) -> str | None:
    """Refuse an implausible publication date; return a warning for one in the future.

    A date in the future is kept (an embargoed article, a wrong clock at the source), because
    refusing it would lose the document; relative expressions resolve against it, so the user
    is told. More than a day ahead, so that time zones do not trigger it.
    """
    if not PLAUSIBLE_YEARS[0] <= day.year < PLAUSIBLE_YEARS[1]:
        raise InputError(f"{what}: publication date {day.isoformat()} is not plausible "
                         f"(expected a year from {PLAUSIBLE_YEARS[0]} to {PLAUSIBLE_YEARS[1] - 1})")
    today = today or dt.date.today()
    if day > today + dt.timedelta(days=1):
        return (f"{what}: publication date {day.isoformat()} is in the future; "
                "relative dates are resolved against it anyway")
    return None


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode document bytes: UTF-8 (with or without BOM), else Windows-1256, the common
    legacy Arabic encoding; empty, whitespace-only and binary data are refused."""
    if not data:
        raise InputError(f"{name}: the file is empty (0 bytes)")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: this is {kind}, not text; save the article as .txt or .html")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):     # before UTF-16: FF FE starts both
        try:
            return _checked(data.decode("utf-32"), name), "utf-32"
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts like UTF-32 text but is not; save it as UTF-8") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"), name), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts like UTF-16 text but is not; save it as UTF-8") from None
    if b"\x00" in data:
        raise InputError(f"{name}: this looks like a binary file (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_text(text):
            return _checked(text, name), "utf-8"
        raise InputError(f"{name}: this looks like a binary file (many control characters), not text")
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 nor Windows-1256 text; save it as UTF-8") from None
    if _looks_like_text(text) and _looks_like_arabic_or_latin(text):
        return _checked(text, name), "cp1256"
    raise InputError(f"{name}: not UTF-8 nor Windows-1256 text; save it as UTF-8")


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if ch in _CONTROL)
    return controls <= 0.1 * len(text)


def _looks_like_arabic_or_latin(text: str) -> bool:
    """Windows-1256 decodes any bytes; real Arabic text decoded with it is mostly Arabic
    letters, ASCII and punctuation, not the accented Latin and symbols of random bytes."""
    letters = sum(1 for ch in text if ch.isascii() or "\u0600" <= ch <= "\u06ff"
                  or "\u2000" <= ch <= "\u206f" or ch in "«»\u00a0")
    return letters >= 0.9 * len(text)


def _checked(text: str, name: str, what: str = "the file") -> str:
    """The decoded text, unless it holds nothing to read."""
    if not text:
        raise InputError(f"{name}: {what} is empty")
    if not text.strip():
        raise InputError(f"{name}: {what} holds only whitespace, no text")
    if not any(ch.isalnum() for ch in text):
        raise InputError(f"{name}: {what} holds no letters or digits, only marks and punctuation")
    return text


def is_html(text: str, name: str = "") -> bool:
    if name.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_source(html: str, path: str | None = None) -> Source:
    """The main text of an HTML page and what the page says of itself (date, title, URL)."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   favor_recall=True, with_metadata=False)
    except Exception:     # trafilatura and lxml raise many types on broken markup  # noqa: BLE001
        text = None
    if not text or not text.strip():
        # Short or unusual pages where trafilatura finds no article: all visible text.
        text = _visible_text(html)
    if not text or not any(ch.isalnum() for ch in text):
        raise InputError(f"{path or 'input'}: the HTML page has no readable text "
                         "(only markup, scripts or styles)")
    try:
        metadata = trafilatura.extract_metadata(html)
    except Exception:     # noqa: BLE001 — metadata is optional; the text is what matters
        metadata = None
    title = metadata.title if metadata is not None else None
    url = metadata.url if metadata is not None else None
    # Only a date the page declares: trafilatura's own date may be a guess from the body
    # ("Updated 3 May"), and relative dates resolved against a guess would be wrong with no sign.
    published = declared_date(html)
    return Source(text=text, path=path, published=published, title=title, source_url=url,
                  published_from="page" if published else None)


# Where pages declare their publication date: <meta> names and properties (Open Graph, Dublin
# Core, schema.org microdata, news CMSs), in order of preference.
_DECLARED_META = ("article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
                  "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "citation_publication_date",
                  "citation_date", "pubdate", "publishdate", "publish-date", "publish_date", "parsely-pub-date",
                  "sailthru.date", "article.published", "originalpublicationdate", "date")


def declared_date(html: str) -> dt.date | None:
    """The publication date an HTML page declares: JSON-LD `datePublished`, a <meta> tag of
    _DECLARED_META, or a microdata element with itemprop="datePublished". None when the page
    declares none (or only an implausible one): the body is never searched."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:     # lxml.etree.ParserError and friends on broken markup  # noqa: BLE001
        return None
    candidates: list[str] = []
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            candidates.extend(_json_ld_dates(loads_json(script.text_content())))
        except (json.JSONDecodeError, ValueError):
            continue
    metas = {}
    for meta in root.xpath("//meta[@content]"):
        for attribute in ("property", "name", "itemprop"):
            key = (meta.get(attribute) or "").strip().lower()
            if key in _DECLARED_META:
                metas.setdefault(key, meta.get("content"))
    candidates.extend(metas[key] for key in _DECLARED_META if key in metas)
    for element in root.xpath('//*[@itemprop="datePublished"]'):
        candidates.append(element.get("datetime") or element.get("content") or "")
    for value in candidates:
        try:
            day = parse_date(str(value).strip())
            if day is not None:
                check_published(day)            # refuses an implausible year
                return day
        except InputError:
            continue
    return None


def _json_ld_dates(data: object) -> list[str]:
    """The datePublished values of a JSON-LD document (objects, lists and @graph at any depth)."""
    found, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                found.append(item["datePublished"])
            stack.extend(value for value in item.values() if isinstance(value, (dict, list)))
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _visible_text(html: str) -> str | None:
    """The text of an HTML page without its scripts, styles and other invisible parts."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:     # lxml.etree.ParserError and friends on empty or broken markup  # noqa: BLE001
        return None
    for element in root.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line) or None


SIDECAR_SUFFIX = ".meta.json"


def read_sidecar(path: Path) -> dict:
    """The metadata sidecar FILE.meta.json next to FILE, or {} when there is none."""
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        data = read_limited(sidecar, SIDECAR_MAX_BYTES)
    except InputError as error:
        raise InputError(f"{error} (the metadata sidecar of {path.name})") from None
    return parse_sidecar(data, str(sidecar))


def parse_sidecar(data: bytes, name: str) -> dict:
    """A sidecar's metadata ({"published", "title", "source_url", "lang"}), checked; InputError
    with a readable message when it is broken."""
    try:
        meta = loads_json(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{name}: broken metadata JSON ({error}); fix or delete it") from None
    if not isinstance(meta, dict):
        raise InputError(f"{name}: metadata must be a JSON object such as "
                         '{"published": "2023-10-19", "title": "..."}')
    for key in ("published", "title", "source_url", "lang", "language"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise InputError(f"{name}: {key!r} must be a string, not {type(meta[key]).__name__}")
        if isinstance(meta.get(key), str):
            _check_unicode(meta[key], name, key)
    lang = meta.get("lang") or meta.get("language")
    if lang:
        check_lang(lang, name)
    return meta


# A sidecar holds a few fields; a larger one is no sidecar.
SIDECAR_MAX_BYTES = 1_000_000
# Deeper JSON than this is refused before Python's parser overflows its stack on it.
MAX_JSON_DEPTH = 100
# The store keeps a language code in eight characters ("ar", "en", "zh-Hant").
LANG_MAX_CHARS = 8


def loads_json(text: str) -> object:
    """json.loads, with JSON nested too deeply for a metadata record refused as broken JSON
    (thousands of "[" overflow the parser's recursion)."""
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and _depth(text) > MAX_JSON_DEPTH:
        raise json.JSONDecodeError(f"nested more than {MAX_JSON_DEPTH} levels deep", text, 0)
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def check_lang(lang: str, name: str) -> str:
    """A language code from metadata, refused when it is too long to be one."""
    if len(lang) > LANG_MAX_CHARS:
        raise InputError(f"{name}: lang {lang[:20]!r} is not a language code "
                         f"(at most {LANG_MAX_CHARS} characters, e.g. \"ar\" or \"en\")")
    return lang


def _check_unicode(value: str, name: str, key: str) -> None:
    """Refuse a lone surrogate ("\\ud800" in JSON): it is half of a UTF-16 pair, no character,
    and no UTF-8 text (nor the store) can hold it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(f"{name}: {key!r} holds {value[error.start]!r} at character {error.start}, "
                         "half of a UTF-16 pair and no character; fix the JSON") from None


def open_regular(path: Path | str) -> BinaryIO:
    """A regular file opened for reading; InputError for what is none: a folder, a FIFO (which
    would block until something writes to it), a device such as /dev/zero (which never ends)."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a document") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise InputError(f"{path}: is a folder, not a document")
        raise InputError(f"{path}: is not a regular file ({_file_kind(mode)}); "
                         "save the document to a file first")
    return os.fdopen(descriptor, "rb")


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a plain file"


def read_limited(path: Path | str, limit: int | None = None) -> bytes:
    """The bytes of a regular file (see `open_regular`), refusing more than `limit` bytes
    (default EXTRACT_MAX_BYTES) — counted as they are read, since a file's stated size need not
    be what reading it gives."""
    limit = max_bytes() if limit is None else limit
    with open_regular(path) as file:
        check_size(os.fstat(file.fileno()).st_size, str(path), limit)   # before reading 50 MB
        try:
            data = file.read(limit + 1)
        except OSError as error:
            raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    check_size(len(data), str(path), limit)
    return data


def with_sidecar(source: Source, meta: dict, name: str) -> Source:
    """The source with its sidecar's metadata laid over what the file itself says."""
    from_sidecar = parse_date(meta.get("published"), what=f"{name}{SIDECAR_SUFFIX} published")
    published = from_sidecar or source.published
    return Source(
        text=source.text, path=source.path, published=published,
        title=meta.get("title") or source.title,
        source_url=meta.get("source_url") or source.source_url,
        lang=meta.get("lang") or meta.get("language") or source.lang,
        encoding=source.encoding,
        warnings=source.warnings + _published_warnings(published, name),
        published_from=None if from_sidecar else source.published_from,
    )


def check_size(size: int, name: str, limit: int | None = None) -> None:
    """Refuse a document over the size limit (EXTRACT_MAX_BYTES)."""
    limit = max_bytes() if limit is None else limit
    if size > limit:
        # One unit for both numbers: MB (10^6 bytes), or bytes for a limit set very low.
        unit = (lambda n: f"{n / 1e6:.1f} MB") if limit >= 100_000 else (lambda n: f"{n:,} bytes")  # noqa: E731
        shown = f"more than {unit(limit)}" if size == limit + 1 else unit(size)
        raise InputError(f"{name}: {shown} is over the {unit(limit)} limit "
                         f"for one document (set EXTRACT_MAX_BYTES to raise it)")


def _encoding_warnings(name: str, encoding: str) -> tuple[str, ...]:
    if encoding == "cp1256":
        return (f"{name}: not UTF-8; read as Windows-1256 (Arabic)",)
    return ()


def source_from_bytes(data: bytes, name: str = "input", path: str | None = None) -> Source:
    """A Source from raw bytes of a text, Markdown or HTML document."""
    check_size(len(data), name)
    text, encoding = decode(data, name)
    warnings = _encoding_warnings(name, encoding)
    if is_html(text, name):
        source = html_to_source(text, path)
        return Source(source.text, path, source.published, source.title, source.source_url, None, encoding,
                      warnings + source.warnings, source.published_from)
    return Source(text=text, path=path, encoding=encoding, warnings=warnings)


def source_from_record(record: object, name: str = "input") -> Source:
    """A Source from one JSON Lines record {"text", "published", "title", "source_url", "lang"}."""
    if not isinstance(record, dict):
        raise InputError(f"{name}: expected a JSON object with a \"text\" key, not {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{name}: \"text\" must be a string" if "text" in record
                         else f"{name}: no \"text\" key")
    check_size(len(text.encode("utf-8", "surrogatepass")), name)
    if "\x00" in text:
        raise InputError(f"{name}: the text contains NUL characters; this looks like binary data")
    _checked(text, name, 'the "text"')
    for key in ("title", "source_url", "lang", "path"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(f"{name}: {key!r} must be a string, not {type(record[key]).__name__}")
    for key in ("text", "title", "source_url", "lang", "path", "published"):
        if isinstance(record.get(key), str):
            _check_unicode(record[key], name, key)
    if record.get("lang"):
        check_lang(record["lang"], name)
    published = parse_date(record.get("published"), what=f"{name} published")
    return Source(text=text, path=record.get("path") or name, published=published, title=record.get("title"),
                  source_url=record.get("source_url"), lang=record.get("lang"),
                  warnings=_published_warnings(published, name))


def _published_warnings(published: dt.date | None, name: str) -> tuple[str, ...]:
    warning = check_published(published, what=name) if published else None
    return (warning,) if warning else ()


def read_source(path: str | os.PathLike) -> Source:
    """Read a document file and its sidecar metadata."""
    file = Path(path)
    if not file.exists():
        raise InputError(f"{file}: no such file")
    data = read_limited(file)
    return with_sidecar(source_from_bytes(data, str(file), str(file)), read_sidecar(file), str(file))
