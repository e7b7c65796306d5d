"""Reading documents: bytes to text (UTF-8, then Windows-1256), HTML to its main text, and
the metadata sidecar `FILE.meta.json`."""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")


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
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"{what} date {text!r} is not an ISO date (YYYY-MM-DD)") from None


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode document bytes: UTF-8 (with or without BOM), else Windows-1256, the common
    legacy Arabic encoding; binary data is refused."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: this looks like a binary file, not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 nor Windows-1256 text; save it as UTF-8") from None
    if _looks_like_text(text):
        return text, "cp1256"
    raise InputError(f"{name}: not UTF-8 nor Windows-1256 text; save it as UTF-8")


def _looks_like_text(text: str) -> bool:
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    return printable >= 0.95 * len(text)


def is_html(text: str, name: str = "") -> bool:
    if name.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_source(html: str, path: str | None = None) -> Source:
    """The main text of an HTML page and what the page says of itself (date, title, URL)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_recall=True, with_metadata=False)
    if not text or not text.strip():
        raise InputError(f"{path or 'input'}: the HTML page has no readable main text")
    metadata = trafilatura.extract_metadata(html)
    published = title = url = None
    if metadata is not None:
        title, url = metadata.title, metadata.url
        try:
            published = parse_date(metadata.date)
        except InputError:
            published = None
    return Source(text=text, path=path, published=published, title=title, source_url=url)


def read_sidecar(path: Path) -> dict:
    """The metadata sidecar FILE.meta.json next to FILE, or {} when there is none."""
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{sidecar}: broken metadata JSON ({error}); fix or delete it") from None
    if not isinstance(meta, dict):
        raise InputError(f"{sidecar}: metadata must be a JSON object")
    return meta


def source_from_bytes(data: bytes, name: str = "input", path: str | None = None) -> Source:
    """A Source from raw bytes of a text, Markdown or HTML document."""
    limit = max_bytes()
    if len(data) > limit:
        raise InputError(f"{name}: {len(data) / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB limit "
                         f"(set EXTRACT_MAX_BYTES to raise it)")
    text, encoding = decode(data, name)
    if is_html(text, name):
        source = html_to_source(text, path)
        return Source(source.text, path, source.published, source.title, source.source_url, None, encoding)
    return Source(text=text, path=path, encoding=encoding)


def read_source(path: str | os.PathLike) -> Source:
    """Read a document file and its sidecar metadata."""
    file = Path(path)
    if not file.exists():
        raise InputError(f"{file}: no such file")
    if file.is_dir():
        raise InputError(f"{file}: is a folder, not a document")
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(f"{file}: cannot be read ({error.strerror})") from None
    source = source_from_bytes(data, str(file), str(file))
    meta = read_sidecar(file)
    return Source(
        text=source.text, path=str(file),
        published=parse_date(meta.get("published"), what=f"{file}.meta.json published") or source.published,
        title=meta.get("title") or source.title,
        source_url=meta.get("source_url") or source.source_url,
        lang=meta.get("lang") or meta.get("language"),
        encoding=source.encoding,
    )
