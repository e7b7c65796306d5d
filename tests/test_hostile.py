"""Hostile input: every bad document gets a clear message, never a crash, and `analyze`
survives any Unicode with offsets that index the text."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import InputError, analyze
from extract import events
from extract.documents import check_published, parse_date, read_source, source_from_bytes, source_from_record

ARABIC_CP1256 = "وصلت السفينة إلى طرطوس في 13 سبتمبر 2023.".encode("cp1256")


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "the file is empty (0 bytes)"),
    ("blank.txt", b"  \n\t\r\n  ", "holds only whitespace"),
    ("unicode-blank.txt", "\u00a0\u2003\n\u3000".encode(), "holds only whitespace"),
    ("marks.txt", "\u200f\u202b\u202c...!".encode(), "no letters or digits"),
    ("nul.txt", b"Syria\x00\x00\x00on 3 May", "binary file (it contains NUL bytes)"),
    ("controls.txt", bytes(range(1, 9)) * 40 + b"abc", "many control characters"),
    ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", "this is a JPEG image"),
    ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "this is a PDF document"),
    ("archive.txt", b"PK\x03\x04\x14\x00", "ZIP archive"),
    ("random.txt", bytes(range(128, 256)) * 20, "not UTF-8 nor Windows-1256"),
    ("bad-utf16.txt", b"\xff\xfeS\x00\x00\xd8", "starts like UTF-16"),
    ("scripts.html", b"<html><head><script>var a = 1;</script><style>p {}</style></head><body></body></html>",
     "no readable text"),
])
def test_unreadable_documents_get_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(message)) as error:
        read_source(path)
    assert str(error.value).startswith(str(path)) and "\n" not in str(error.value)


@pytest.mark.parametrize("name, content, expected_text, encoding", [
    ("arabic-1256.txt", ARABIC_CP1256, "وصلت السفينة إلى طرطوس", "cp1256"),
    ("bom.txt", "\ufeffSyria on 3 May 2022".encode(), "Syria on 3 May 2022", "utf-8"),
    ("utf16.txt", "Syria on 3 May 2022".encode("utf-16"), "Syria on 3 May 2022", "utf-16"),
    ("utf32.txt", "Syria on 3 May 2022".encode("utf-32"), "Syria on 3 May 2022", "utf-32"),
    ("utf32be.txt", b"\x00\x00\xfe\xff" + "سوريا".encode("utf-32-be"), "سوريا", "utf-32"),
    ("crlf.txt", b"Egypt\r\non 3 May 2022\r\n", "Egypt\r\non 3 May 2022", "utf-8"),
    ("bidi.txt", "\u202bسوريا\u202c and \u200fIraq\u200e".encode(), "\u202bسوريا\u202c and", "utf-8"),
    ("controls.txt", b"Egypt\x07 and\x1b Iraq met on 3 May 2022.", "Egypt\x07 and\x1b Iraq", "utf-8"),
    ("mixed.md", "# Syria سوريا\nTalks on 3 May 2022 في دمشق".encode(), "Talks on 3 May 2022 في دمشق", "utf-8"),
])
def test_readable_oddities_are_read(tmp_path, name, content, expected_text, encoding):
    path = tmp_path / name
    path.write_bytes(content)
    source = read_source(path)
    assert expected_text in source.text and source.encoding == encoding
    analysis = analyze(source.text)
    assert_offsets_index_the_text(analysis)


def test_a_windows_1256_file_says_how_it_was_read(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(ARABIC_CP1256)
    assert read_source(path).warnings == (f"{path}: not UTF-8; read as Windows-1256 (Arabic)",)


def test_html_scripts_and_styles_are_not_text():
    page = (b"<html><head><title>Talks</title><style>body { font: serif }</style>"
            b"<script>document.write('Iraq 1999')</script></head><body>"
            b"<p>Egypt and Syria met on 3 May 2022.</p><script>track('Cairo')</script></body></html>")
    source = source_from_bytes(page, "page.html", "page.html")
    assert "Egypt and Syria met on 3 May 2022." in source.text
    for hidden in ("font: serif", "Iraq 1999", "track("):
        assert hidden not in source.text


def test_a_50_megabyte_file_is_refused_with_the_limit_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.delenv("EXTRACT_MAX_BYTES", raising=False)
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.write(b"Syria on 3 May 2022. " * (50 * 1024 * 1024 // 21 + 1))
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(InputError, match=r"huge.txt: 52.4 MB is over the 20.0 MB limit .*EXTRACT_MAX_BYTES"):
        read_source(path)


def test_the_size_limit_counts_the_bytes_read_not_the_size_the_file_states(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACT_MAX_BYTES", "1000")
    path = tmp_path / "grows.txt"
    path.write_bytes(b"Egypt " * 400)
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    with pytest.raises(InputError, match="grows.txt: more than 1,000 bytes is over the 1,000 bytes limit"):
        read_source(path)


@pytest.mark.parametrize("limit, size, refused", [("1000", 1001, True), ("1000", 1000, False),
                                                  ("100000000", 60_000_000, False)])
def test_the_size_limit_is_configurable(monkeypatch, limit, size, refused):
    monkeypatch.setenv("EXTRACT_MAX_BYTES", limit)
    data = b"Egypt " * (size // 6) + b"x" * (size % 6)
    if refused:
        with pytest.raises(InputError, match="over the .* limit"):
            source_from_bytes(data, "doc.txt")
    else:
        assert len(source_from_bytes(data, "doc.txt").text) == size


def test_a_size_limit_that_is_not_a_number_says_so(monkeypatch):
    monkeypatch.setenv("EXTRACT_MAX_BYTES", "20MB")
    with pytest.raises(InputError, match="EXTRACT_MAX_BYTES must be a number of bytes"):
        source_from_bytes(b"Egypt", "doc.txt")


@pytest.mark.parametrize("sidecar, message", [
    ('{"published": "2023-10-19",', "broken metadata JSON"),
    ('["2023-10-19"]', "must be a JSON object"),
    ('{"published": 20231019}', "'published' must be a string"),
    ('{"published": "19/10/2023"}', "is not an ISO date"),
    ('{"published": "yesterday"}', "is not an ISO date"),
    ('{"published": "0203-10-19"}', "not plausible"),
    ('{"title": ["a", "b"]}', "'title' must be a string"),
])
def test_broken_sidecars_get_a_clear_message(tmp_path, sidecar, message):
    path = tmp_path / "article.txt"
    path.write_text("Egypt and Iraq met on 3 May 2022.")
    (tmp_path / "article.txt.meta.json").write_text(sidecar)
    with pytest.raises(InputError, match=re.escape(message)):
        read_source(path)


def test_a_sidecar_that_is_not_utf8_gets_a_clear_message(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Egypt and Iraq met on 3 May 2022.")
    (tmp_path / "article.txt.meta.json").write_bytes('{"title": "سوريا"}'.encode("cp1256"))
    with pytest.raises(InputError, match="broken metadata JSON"):
        read_source(path)


@pytest.mark.parametrize("value, expected", [
    ("2023-10-19", dt.date(2023, 10, 19)),
    ("2023-10-19T08:30:00+03:00", dt.date(2023, 10, 19)),
    (" 2023-10-19 ", dt.date(2023, 10, 19)),
    ("", None),
    (None, None),
    (dt.datetime(2023, 10, 19, 8, 30), dt.date(2023, 10, 19)),
])
def test_publication_dates_parse(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2023-13-01", "2023-02-30", "Oct 19 2023", "2023/10/19", "١٩-١٠-٢٠٢٣",
                                   "2023-10-19junk", "2023-10-19T", "20231019", "2023-10-19 08:30 junk"])
def test_malformed_publication_dates_are_refused(value):
    with pytest.raises(InputError, match="is not an ISO date"):
        parse_date(value)


@pytest.mark.parametrize("day, outcome", [
    (dt.date(2023, 10, 19), None),
    (dt.date(2024, 1, 2), None),                  # tomorrow: time zones
    (dt.date(2024, 1, 3), "warning"),
    (dt.date(2150, 1, 1), "warning"),
    (dt.date(1799, 12, 31), "refused"),
    (dt.date(2200, 1, 1), "refused"),
])
def test_future_dates_warn_and_implausible_ones_are_refused(day, outcome):
    today = dt.date(2024, 1, 1)
    if outcome == "refused":
        with pytest.raises(InputError, match="not plausible"):
            check_published(day, today=today)
    elif outcome == "warning":
        assert "is in the future" in check_published(day, today=today)
    else:
        assert check_published(day, today=today) is None


@pytest.mark.parametrize("record, message", [
    ({"title": "no text"}, 'no "text" key'),
    ({"text": 42}, '"text" must be a string'),
    ({"text": ""}, '"text" is empty'),
    ({"text": " \n "}, "only whitespace"),
    ({"text": "Syria", "published": "soon"}, "is not an ISO date"),
    ({"text": "Syria", "title": 7}, "'title' must be a string"),
    ({"text": "Syria\x00"}, "NUL characters"),
    (["Syria"], "expected a JSON object"),
])
def test_bad_json_lines_records_get_a_clear_message(record, message):
    with pytest.raises(InputError, match=re.escape(message)):
        source_from_record(record, "batch.jsonl:7")


@pytest.mark.parametrize("text", [
    "No dates and no places in this sentence at all.",
    "لا تواريخ ولا أماكن في هذه الجملة.",
    "Egypt Egypt Egypt Syria سوريا مصر.",
    "On 3 May 2022 and 4 May 2022 and 5 May 2022.",
    "\u202b7 سبتمبر\u202c in \u200fسوريا\u200e, then Iraq on Thursday.",
    "a" * 5000,
    ".\n.\n.\n" * 200,
    "Troops reached Cairo on Monday. Then " + "troops moved “ to Aswan « and \" Luxor, " * 2000,
])
def test_analyze_handles_texts_without_dates_places_or_structure(text):
    analysis = analyze(text, published=dt.date(2023, 10, 19))
    assert_offsets_index_the_text(analysis)
    json.dumps(analysis.to_dict(), ensure_ascii=False)


def assert_offsets_index_the_text(analysis) -> None:
    text = analysis.document.text
    for mention in (*analysis.dates, *analysis.places):
        assert 0 <= mention.start_char <= mention.end_char <= len(text)
        assert text[mention.start_char:mention.end_char] == mention.text
    for event in analysis.events:
        assert 0 <= event.start_char <= event.end_char <= len(text)
        assert text[event.start_char:event.end_char] == event.sentence
        assert text[event.date.start_char:event.date.end_char] == event.date.text


# Pieces of news text, so random documents also hit dates, places and movements.
FRAGMENTS = ["7 سبتمبر", "13 September 2023", "Syria", "سوريا", "روسيا", "Egypt", "في", "من", "إلى",
             "from", "to", "between", "and", "و", "Thursday", "الخميس", "الشهر الماضي", "2023", "١٣",
             "last week", "shipped", "شحنت", ".", "،", ", ", "\n", " ", "\u200f", "\u202b", "\u202c",
             "\u0640", "\u064b", "\x07", "\t", "U.S.", "Dr.", "؟", "…"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300),
       published=st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       lang=st.sampled_from(["auto", "ar", "en"]))
def test_analyze_never_raises_on_random_unicode(text, published, lang):
    analysis = analyze(text, published=published, lang=lang)
    assert analysis.document.text == text
    assert_offsets_index_the_text(analysis)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=40),
       published=st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_analyze_never_raises_on_random_news_like_text(pieces, published):
    analysis = analyze(" ".join(pieces), published=published)
    assert_offsets_index_the_text(analysis)
    json.dumps(analysis.to_dict(), ensure_ascii=False)


# -- linear time ----------------------------------------------------------------------------

class _CountingText(str):
    """A text that counts the characters every slice of it copies."""

    def __getitem__(self, key):
        piece = str.__getitem__(self, key)
        _WORK[0] += len(piece) + 1
        return piece


class _CountingPattern:
    """A compiled pattern that counts the characters each search may scan."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern

    def _count(self, string: str, pos: int = 0, endpos: int | None = None) -> None:
        _WORK[0] += (len(string) if endpos is None else min(endpos, len(string))) - pos + 1

    def __getattr__(self, name):
        method = getattr(self.pattern, name)

        def counted(string, *args, **kwargs):
            self._count(string, *args[:2])
            return method(string, *args, **kwargs)
        return counted


class _CountingRe:
    """The `re` module for code that calls re.search(pattern, text) directly."""

    def __getattr__(self, name):
        function = getattr(re, name)
        if name not in ("search", "match", "fullmatch", "findall", "finditer", "sub", "split"):
            return function
        return lambda pattern, string, *args, **kwargs: (
            _WORK.__setitem__(0, _WORK[0] + len(string) + 1), function(pattern, string, *args, **kwargs))[1]


_WORK = [0]
SENTENCE_PIECES = ["Dr.", "U.S.", "5.6", "Mr. Smith", "J.", "word", "Beirut", "بيروت", "قال", "؟", "!", "…",
                   "\n", " ", ".", ". ", ", ", "etc.", "x" * 40, "\u00ad", "“Go now!” he said"]


def _splitting_work(text: str, monkeypatch) -> tuple[int, list]:
    import extract.text as text_module

    with monkeypatch.context() as patched:
        for name, value in vars(text_module).copy().items():
            if isinstance(value, re.Pattern):
                patched.setattr(text_module, name, _CountingPattern(value))
        patched.setattr(text_module, "re", _CountingRe())
        _WORK[0] = 0
        sentences = text_module.split_sentences(_CountingText(text))
        return _WORK[0], sentences


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(SENTENCE_PIECES) | st.text(max_size=6), min_size=1, max_size=60))
def test_sentence_splitting_work_grows_in_proportion_to_the_text(pieces, monkeypatch):
    """Splitting ten copies of a text copies and scans at most ~12 times the characters that
    splitting one copy does: no step reads back over all the text before it."""
    text = "".join(pieces) or "."
    text *= -(-200 // len(text))        # n of at least 200 characters: past the bounded look-backs
    work_once, once = _splitting_work(text, monkeypatch)
    work_ten, ten = _splitting_work(text * 10, monkeypatch)
    assert work_ten <= 12 * work_once
    assert sum(len(s.text) for s in ten) >= 9 * sum(len(s.text) for s in once)


def test_sentence_splitting_work_is_linear_on_text_without_breaks(monkeypatch):
    """The shapes that once cost quadratic time: full stops after long runs, no break at all."""
    for unit in ("Beirut is a city. ", "word " * 50, "a.b.c." * 10, "Dr. " * 5 + "Smith went.\n"):
        small, _ = _splitting_work(unit * 100, monkeypatch)
        large, _ = _splitting_work(unit * 1000, monkeypatch)
        assert large <= 12 * small, unit


class _FindCountingText(str):
    """A text that counts the characters each `find` reads."""

    def find(self, sub, start=0, *args):
        found = str.find(self, sub, start, *args)
        _WORK[0] += (found + len(sub) if found >= 0 else len(self)) - start + 1
        return found


class _ScanCountingPattern:
    """A compiled pattern that counts the characters a search reads up to its match."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern

    def search(self, string, pos=0):
        match = self.pattern.search(string, pos)
        _WORK[0] += (match.end() if match else len(string)) - pos + 1
        return match


QUOTATION = re.compile(r'“[^”]*”|«[^»]*»|"[^"]*"')


@given(st.text(alphabet=st.sampled_from('“”«»"ab \n'), max_size=40))
@settings(max_examples=300, deadline=None)
def test_quotations_are_blanked_as_the_quotation_pattern_says(text):
    assert events._blank_quotes(text) == QUOTATION.sub(lambda quote: " " * len(quote.group()), text)


@pytest.mark.parametrize("unit", ["“a ", "He said “no, ", '«x "y ', "a”b“c» ", '"quoted" and “open '])
def test_blanking_quotations_reads_the_text_a_bounded_number_of_times(unit, monkeypatch):
    """Many unclosed quotation marks: `“[^”]*”` read to the end of the sentence from each of
    them (quadratic); blanking reads past each character a bounded number of times."""
    monkeypatch.setattr(events, "_QUOTE_OPENING", _ScanCountingPattern(events._QUOTE_OPENING))
    work = []
    for copies in (100, 1000):
        _WORK[0] = 0
        events._blank_quotes(_FindCountingText(unit * copies))
        work.append(_WORK[0])
    assert work[1] <= 12 * work[0]


# -- one bad file never stops a batch -------------------------------------------------------

GOOD_TEXT = "Egypt and Iraq signed a trade agreement on 3 May 2022 in Cairo."


def _unreadable_sidecar(folder, monkeypatch):
    (folder / "locked.txt").write_text(GOOD_TEXT + " Locked.")
    (folder / "locked.txt.meta.json").write_text('{"published": "2022-05-04"}')
    real_open = os.open

    def refusing(path, *args, **kwargs):     # root reads any file: refuse it as chmod 000 would
        if str(path).endswith("locked.txt.meta.json"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", refusing)
    return folder / "locked.txt"


def _folder_sidecar(folder, monkeypatch):
    (folder / "odd.txt").write_text(GOOD_TEXT + " Odd.")
    (folder / "odd.txt.meta.json").mkdir()
    return folder / "odd.txt"


def _folder_named_txt(folder, monkeypatch):
    (folder / "folder.txt").mkdir()
    return folder / "folder.txt"


def _nested_sidecar(folder, monkeypatch):
    (folder / "deep.txt").write_text(GOOD_TEXT + " Deep.")
    (folder / "deep.txt.meta.json").write_text("[" * 200_000 + "]" * 200_000)
    return folder / "deep.txt"


def _long_lang_sidecar(folder, monkeypatch):
    (folder / "lang.txt").write_text(GOOD_TEXT + " Lang.")
    (folder / "lang.txt.meta.json").write_text('{"lang": "english-please"}')
    return folder / "lang.txt"


def _dev_zero(folder, monkeypatch):
    return Path("/dev/zero")


def _symlink_to_dev_zero(folder, monkeypatch):
    (folder / "zero.txt").symlink_to("/dev/zero")
    return folder / "zero.txt"


def _fifo(folder, monkeypatch):
    os.mkfifo(folder / "pipe.txt")
    return folder / "pipe.txt"


def _nested_jsonl_line(folder, monkeypatch):
    lines = [json.dumps({"text": GOOD_TEXT + " First."}), "[" * 200_000 + "]" * 200_000,
             json.dumps({"text": GOOD_TEXT + " Third."})]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n")
    return folder / "batch.jsonl"


def _lone_surrogate(folder, monkeypatch):
    lines = [json.dumps({"text": GOOD_TEXT + " First."}), '{"text": "Cairo \\ud800 on 3 May 2022."}',
             json.dumps({"text": GOOD_TEXT + " Third."})]
    (folder / "surrogate.jsonl").write_text("\n".join(lines) + "\n")
    return folder / "surrogate.jsonl"


def _fifo_jsonl(folder, monkeypatch):
    os.mkfifo(folder / "pipe.jsonl")
    return folder / "pipe.jsonl"


# (maker, the error's words, documents of the bad file that are still fine, read by `analyze`)
BAD_FILES = [
    (_unreadable_sidecar, "locked.txt.meta.json: cannot be read (Permission denied)", 0, True),
    (_folder_sidecar, "odd.txt.meta.json: is a folder", 0, True),
    (_folder_named_txt, "folder.txt: is a folder", 0, True),
    (_nested_sidecar, "deep.txt.meta.json: broken metadata JSON (nested", 0, True),
    (_long_lang_sidecar, "lang 'english-please' is not a language code", 0, True),
    (_dev_zero, "/dev/zero: is not a regular file (a device)", 0, True),
    (_symlink_to_dev_zero, "zero.txt: is not a regular file (a device)", 0, True),
    (_fifo, "pipe.txt: is not a regular file (a named pipe)", 0, True),
    (_fifo_jsonl, "pipe.jsonl: is not a regular file (a named pipe)", 0, False),
    (_nested_jsonl_line, "batch.jsonl:2: broken JSON (nested", 2, False),
    (_lone_surrogate, "surrogate.jsonl:2: 'text' holds '\\ud800'", 2, False),
]


def _batch(tmp_path, monkeypatch, maker):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "before.txt").write_text("Syria and Jordan met in Amman on 4 May 2022.")
    (folder / "after.txt").write_text("Qatar and Oman met in Doha on 5 May 2022.")
    return [folder / "before.txt", maker(folder, monkeypatch), folder / "after.txt"]


@pytest.fixture
def deadline():
    """A batch that blocks (on a FIFO, on /dev/zero) fails the test instead of hanging the suite."""
    def expired(*_):
        raise TimeoutError("the batch blocked")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


DOCUMENT_FILES = [row for row in BAD_FILES if row[3]]
# A folder given to ingest is searched, not read (folder.txt/ is an empty folder there).
INGESTED_FILES = [row for row in BAD_FILES if row[0] is not _folder_named_txt]


@pytest.mark.parametrize("maker, message, still_fine, by_analyze", DOCUMENT_FILES,
                         ids=[row[0].__name__.strip("_") for row in DOCUMENT_FILES])
def test_one_bad_file_never_stops_analyze(capsys, tmp_path, monkeypatch, deadline, maker, message, still_fine,
                                          by_analyze):
    from extract.__main__ import main

    paths = _batch(tmp_path, monkeypatch, maker)
    status = main(["analyze", *map(str, paths)])
    out, err = capsys.readouterr()
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert status == 1 and len(errors) == 1 and message in errors[0], err
    assert [json.loads(line)["document"]["path"] for line in out.splitlines()] == [str(paths[0]), str(paths[2])]
    assert "analyze: 3 documents: 2 analysed, 1 failed" in err


@pytest.mark.parametrize("maker, message, still_fine, by_analyze", INGESTED_FILES,
                         ids=[row[0].__name__.strip("_") for row in INGESTED_FILES])
def test_one_bad_file_never_stops_ingest(capsys, tmp_path, monkeypatch, deadline, maker, message, still_fine,
                                         by_analyze):
    from extract.__main__ import main

    paths = _batch(tmp_path, monkeypatch, maker)
    status = main(["ingest", "--quiet", "--db", str(tmp_path / "store.sqlite"), *map(str, paths)])
    _, err = capsys.readouterr()
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert status == 1 and len(errors) == 1 and message in errors[0], err
    assert f"{2 + still_fine} added, 0 re-analysed, 0 unchanged; 1 failed" in err


def test_a_damaged_sqlite_store_is_one_clear_error(capsys, tmp_path):
    """Damage past the first page shows only when a table is read: one message, no traceback,
    not one "extractor failed" per document."""
    import sqlite3

    from extract.__main__ import main

    db = tmp_path / "store.sqlite"
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    (tmp_path / "b.txt").write_text("Syria and Jordan met in Amman on 4 May 2022.")
    assert main(["ingest", "--quiet", "--db", str(db), str(tmp_path / "a.txt")]) == 0
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    data[(page - 1) * page_size:(page - 1) * page_size + 16] = b"\xa5" * 16
    db.write_bytes(bytes(data))
    capsys.readouterr()
    status = main(["ingest", "--quiet", "--db", str(db), str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    _, err = capsys.readouterr()
    assert status == 2 and err.count("\n") == 1, err
    assert "the database file is damaged" in err and "extractor failed" not in err and "Traceback" not in err


# -- invisible characters inside names -------------------------------------------------------

INVISIBLES = {"soft hyphen": "\u00ad", "ZWJ": "\u200d", "ZWNJ": "\u200c", "ZWSP": "\u200b",
              "word joiner": "\u2060", "BOM": "\ufeff", "Arabic letter mark": "\u061c"}


@pytest.mark.parametrize("invisible", list(INVISIBLES.values()), ids=list(INVISIBLES))
@pytest.mark.parametrize("template, lang, country", [
    ("Talks were held in Bei{}rut on 3 May 2022.", "en", "LB"),
    ("Ships sailed from Vladi{}vostok on 3 May 2022.", "en", "RU"),
    ("عقدت محادثات في بي{}روت يوم 3 مايو 2022.", "ar", "LB"),
])
def test_an_invisible_character_inside_a_name_does_not_cut_it(template, lang, country, invisible):
    text = template.format(invisible)
    analysis = analyze(text, published=dt.date(2023, 1, 1), lang=lang)
    [mention] = [m for m in analysis.places if invisible in m.text]
    assert mention.place is not None and mention.place.country_code == country
    assert_offsets_index_the_text(analysis)
    assert len(analysis.events) == 1 and analysis.events[0].places[0].country_code == country


# -- HTML publication dates: only what the page declares --------------------------------------

PAGE = ("<html><head><title>Talks</title>{head}</head><body><article><p>Updated 3 May 2021. "
        "Egypt and Iraq met in Cairo on Thursday, officials said last week.</p>"
        "<p>Posted on 12/04/2021 by the desk.</p></article></body></html>")


@pytest.mark.parametrize("head, published", [
    ("", None),                                                                   # body dates are no declaration
    ('<meta property="article:published_time" content="2023-10-19T08:30:00+03:00">', dt.date(2023, 10, 19)),
    ('<meta name="DC.date.issued" content="2023-10-18">', dt.date(2023, 10, 18)),
    ('<meta itemprop="datePublished" content="2023-10-17">', dt.date(2023, 10, 17)),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle",'
     ' "datePublished": "2023-10-16T10:00:00Z"}]}</script>', dt.date(2023, 10, 16)),
    ('<meta property="article:published_time" content="0203-10-19">', None),     # implausible: dropped
    ('<meta name="date" content="last Thursday">', None),
])
def test_an_html_page_is_dated_only_by_what_it_declares(head, published):
    source = source_from_bytes(PAGE.format(head=head).encode(), "page.html", "page.html")
    assert source.published == published
    assert source.published_from == ("page" if published else None)
    analysis = analyze(source.text, published=source.published)
    thursday = [d for d in analysis.dates if d.text.endswith("Thursday")]
    assert thursday and thursday[0].resolved == (published is not None)


def test_a_declared_page_date_is_recorded_as_the_pages(tmp_path):
    from extract import service
    from extract.store import Store

    page = PAGE.format(head='<meta property="article:published_time" content="2023-10-19">').encode()
    with Store(tmp_path / "store.sqlite") as store:
        result = service.add(store, page, path="page.html")
        assert store.stored_document(result.document_id).published_by == "page"
        result = service.add(store, PAGE.format(head="").replace("Cairo", "Baghdad").encode(), path="undated.html")
        stored = store.stored_document(result.document_id)
        assert (stored.published, stored.published_by) == (None, None)
