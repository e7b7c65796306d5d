"""One Document through the pipeline: the text is normalised, split and its language decided
once, and every stage reads that one Document."""
import datetime as dt
import sys

import pytest

import extract.text
from extract import analyze
from extract.dates import find_dates
from extract.events import assemble_events
from extract.places import find_places
from extract.records import Document

TEXT = ("وصل وزير الخارجية الروسي سيرغي لافروف إلى بيونغ يانغ يوم الأربعاء. "
        "وقال لافروف الأربعاء إن السفن شحنت الحاويات بين ناجين بكوريا الشمالية ودوناي بروسيا.")
PUBLISHED = dt.date(2023, 10, 19)


@pytest.fixture
def calls(monkeypatch):
    """Count the calls, with the whole document, of the text utilities a stage could repeat,
    wherever a module of extract holds a reference to them."""
    counted = {"normalize": [], "split_sentences": [], "clause_bounds": [], "detect_language": []}
    for name, log in counted.items():
        original = getattr(extract.text, name)

        def wrapper(*args, _original=original, _log=log, **kwargs):
            _log.append(args[0])
            return _original(*args, **kwargs)
        for module in [m for key, m in sys.modules.items() if key == "extract" or key.startswith("extract.")]:
            if getattr(module, name, None) is original:
                monkeypatch.setattr(module, name, wrapper)
    return counted


def test_analyze_normalises_splits_and_detects_once(calls):
    analysis = analyze(TEXT, PUBLISHED, "auto")
    assert analysis.document.lang == "ar"
    assert analysis.events                          # the stages did run over the text
    assert calls["normalize"].count(TEXT) == 1
    assert calls["split_sentences"] == [TEXT]
    assert calls["detect_language"] == [TEXT]
    # Clauses are split once for the whole document, when the first stage asks for them.
    assert calls["clause_bounds"] in ([], list(analysis.document.sentences))


def test_the_document_decides_its_language_once():
    assert Document(TEXT).lang == "ar"
    assert Document("The ship left Rajin on Monday.", lang="auto").lang == "en"
    assert Document(TEXT, lang="en").lang == "en"       # a declared language is kept


def test_the_document_keeps_one_normalisation_and_one_split():
    document = Document(TEXT, "ar", PUBLISHED)
    assert document.normalized is document.normalized
    assert document.sentences is document.sentences
    assert [s.text for s in document.sentences] == [TEXT[s.start:s.end] for s in document.sentences]
    assert len(document.clauses) == len(document.sentences)
    assert document == Document(TEXT, "ar", PUBLISHED)      # the cache is not part of equality


def test_stages_take_the_document_and_plain_text_alike():
    document = Document(TEXT, "ar", PUBLISHED)
    assert find_dates(document) == find_dates(TEXT, published=PUBLISHED, lang="ar")
    assert find_places(document) == find_places(TEXT, lang="ar")
    events = assemble_events(document, find_dates(document), find_places(document))
    assert events == list(analyze(TEXT, PUBLISHED, "ar").events)
