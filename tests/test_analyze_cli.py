"""`python -m extract analyze` as docs/output.md defines it: what it prints. Unreadable
input and bad dates are in test_cli.py and test_hostile.py."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_0c2f93253e3f392a.txt"


def run(capsys, *argv):
    status = main(["analyze", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], err


def test_seed_gives_one_contract_line(capsys):
    status, lines, err = run(capsys, SEED)
    assert status == 0 and err == "" and len(lines) == 1
    record = lines[0]
    assert set(record) >= {"document", "dates", "places", "events"}
    assert record["document"]["published"] == "2023-10-19"       # from the sidecar
    assert record["document"]["lang"] == "ar"
    text = SEED.read_text(encoding="utf-8")
    for mention in record["dates"] + record["places"]:
        assert text[mention["start_char"]:mention["end_char"]] == mention["text"]
    for event in record["events"]:
        assert text[event["start_char"]:event["end_char"]] == event["sentence"]


def test_published_flag_overrides_the_sidecar(capsys, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Talks were held in Moscow on Thursday.", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text('{"published": "2020-01-01"}', encoding="utf-8")
    _, lines, _ = run(capsys, "--published", "2023-10-19", doc)
    assert lines[0]["document"]["published"] == "2023-10-19"


def test_without_a_publication_date_relative_dates_stay_unresolved(capsys, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Talks were held in Moscow on Thursday.", encoding="utf-8")
    _, lines, _ = run(capsys, doc)
    assert lines[0]["document"]["published"] is None
    assert all(d["start"] is None and d["end"] is None for d in lines[0]["dates"])


def test_a_folder_is_not_a_document(capsys, tmp_path):
    status, lines, err = run(capsys, tmp_path)
    assert status != 0 and "folder" in err


def test_html_gives_its_main_text(capsys, tmp_path):
    page = tmp_path / "page.html"
    body = "<p>" + " ".join(["The ministers met in Moscow on Thursday to discuss the talks."] * 6) + "</p>"
    page.write_text(f"<html><head><title>Talks</title><script>alert('x')</script></head>"
                    f"<body><article>{body}</article></body></html>", encoding="utf-8")
    status, lines, _ = run(capsys, "--published", "2023-10-19", page)
    assert status == 0
    record = lines[0]
    assert "alert" not in json.dumps(record) and record["document"]["title"] == "Talks"


def test_stdin_and_lang_flag():
    proc = subprocess.run([sys.executable, "-m", "extract", "analyze", "--lang", "en", "--published", "2023-10-19", "-"],
                          input="Talks were held in Moscow on Thursday.".encode(), capture_output=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr.decode()
    record = json.loads(proc.stdout)
    assert record["document"]["lang"] == "en" and record["document"]["path"] == "-"


VARIED = [
    "وزيرا خارجية روسيا وكوريا الشمالية يجتمعان في بيونغ يانغ الخميس 19 أكتوبر/تشرين الأول 2023.",
    "\u200fقال مسؤولون إن القصف طال مدينة حلب، والـــرقة، و«إدلب» أمس.",
    "Mixed: the talks in Москва and موسكو on 5 May 2021; then Kyiv.",
    "The U.S. said on Jan. 3, 2024 that ships sailed from Odesa to Istanbul.\r\nNext line\tTab",
    "🙂 emoji before Cairo on Monday, ١٥ أبريل ٢٠٢٣ في القاهرة",
    "",
    "   ",
    "No dates and no places here at all.",
]


@pytest.mark.parametrize("text", VARIED)
def test_every_offset_indexes_the_text(text):
    import datetime as dt

    from extract import analyze

    record = analyze(text, published=dt.date(2024, 1, 10)).to_dict()
    for mention in record["dates"] + record["places"]:
        assert text[mention["start_char"]:mention["end_char"]] == mention["text"]
    for event in record["events"]:
        assert text[event["start_char"]:event["end_char"]] == event["sentence"]


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_a_document_is_one_line_even_with_unicode_line_separators(capsys, tmp_path, separator):
    """JSON allows NEL and the Unicode line/paragraph separators raw inside strings, but
    str.splitlines() and many JSON Lines readers break lines there: they are escaped."""
    doc = tmp_path / "a.txt"
    doc.write_text(f"Talks were held in Moscow{separator}on 5 March 2023.", encoding="utf-8")
    status, lines, _ = run(capsys, doc)
    assert status == 0 and len(lines) == 1
    assert separator in json.dumps(lines[0], ensure_ascii=False)      # the text itself is kept
