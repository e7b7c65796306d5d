"""The command line: `python -m extract analyze ...` (see ../shared/spec/OUTPUT.md)."""
from __future__ import annotations

import argparse
import json
import sys

from . import analyze
from .documents import Source, parse_date, read_source, source_from_bytes
from .errors import ExtractError

LANGS = ("auto", "ar", "en")


def _read(path: str) -> Source:
    if path == "-":
        return source_from_bytes(sys.stdin.buffer.read(), "<stdin>", "-")
    return read_source(path)


def run_analyze(args: argparse.Namespace) -> int:
    """Analyse each file and print one JSON line per document; report unreadable files."""
    published = parse_date(args.published, what="--published") if args.published else None
    status = 0
    for path in args.files:
        try:
            source = _read(path)
            lang = args.lang if args.lang != "auto" else (source.lang or "auto")
            analysis = analyze(source.text, published=published or source.published, lang=lang,
                               path=source.path, title=source.title, source_url=source.source_url)
        except ExtractError as error:
            print(f"error: {error}", file=sys.stderr)
            status = 1
            continue
        print(json.dumps(analysis.to_dict(), ensure_ascii=False), flush=True)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extract",
                                     description="Dated events and geocoded places from news articles.")
    commands = parser.add_subparsers(dest="command", required=True)

    analyze_cmd = commands.add_parser("analyze", help="print the analysis of each document as JSON Lines")
    analyze_cmd.add_argument("--published", metavar="YYYY-MM-DD",
                             help="publication date for resolving relative dates (default: sidecar metadata)")
    analyze_cmd.add_argument("--lang", choices=LANGS, default="auto", help="document language (default: detect)")
    analyze_cmd.add_argument("files", nargs="+", metavar="FILE", help="a .txt, .md or .html file, or - for stdin")
    analyze_cmd.set_defaults(run=run_analyze)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ExtractError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
