"""The command line: `python -m extract analyze|ingest|export ...` (see docs/output.md)."""
from __future__ import annotations

import argparse
import sys

from . import analyze
from .documents import Source, check_published, max_bytes, parse_date, read_source, source_from_bytes
from .errors import ExtractError
from .exports import json_line
from .sources import PARTITION_SIZE

LANGS = ("auto", "ar", "en")
FORMATS = ("csv", "geojson", "jsonl", "parquet")


def _read(path: str) -> Source:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes() + 1)      # the limit counts what is read
        return source_from_bytes(data, "<stdin>", "-")
    return read_source(path)


def _warn(message: str | None) -> None:
    if message:
        print(f"warning: {message}", file=sys.stderr)


def _published(value: str | None):
    """--published as a date, checked like any publication date (a warning if in the future)."""
    if not value:
        return None
    day = parse_date(value, what="--published")
    _warn(check_published(day, what="--published"))
    return day


def run_analyze(args: argparse.Namespace) -> int:
    """Analyse each file and print one JSON line per document; report unreadable files, go on
    with the others, and say how many failed."""
    published = _published(args.published)
    failed = 0
    for path in args.files:
        try:
            source = _read(path)
            lang = args.lang if args.lang != "auto" else (source.lang or "auto")
            analysis = analyze(source.text, published=published or source.published, lang=lang,
                               path=source.path, title=source.title, source_url=source.source_url)
            line = json_line(analysis.to_dict())
        except ExtractError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
            continue
        except Exception as error:    # an extractor bug must not stop the files after it  # noqa: BLE001
            print(f"error: {path}: the extractor failed ({type(error).__name__}: {error}); "
                  "the file was skipped", file=sys.stderr)
            failed += 1
            continue
        for warning in source.warnings:
            if not (published and "publication date" in warning):
                _warn(warning)
        print(line, flush=True)
    if failed:
        print(f"analyze: {len(args.files)} documents: {len(args.files) - failed} analysed, {failed} failed",
              file=sys.stderr)
    return 1 if failed else 0


def run_ingest(args: argparse.Namespace) -> int:
    """Add files, folders, JSON Lines and Parquet to the store (or analyse them into a Parquet
    file of events with --out), here or on a Dask cluster; exit 1 if any document failed."""
    from contextlib import nullcontext

    from .ingest import ingest, reanalyse_stale
    from .store import Store

    if not args.paths and not args.reanalyse:
        raise ExtractError("nothing to ingest: give files or folders, or --reanalyse")
    if args.out and (args.db or args.reanalyse):
        raise ExtractError("--out writes the events to a file instead of the store: "
                           "leave out --db and --reanalyse")
    if args.engine == "local" and (args.scheduler or args.workers):
        raise ExtractError("--scheduler and --workers are for --engine dask")
    if args.workers is not None and args.workers < 1:
        raise ExtractError(f"--workers must be at least 1, not {args.workers}")
    published = _published(args.published)
    progress = False if args.quiet else None
    options = {"published": published, "lang": args.lang, "progress": progress,
               "partition_size": args.partition_size}
    client = nullcontext()
    if args.engine == "dask":
        from .cluster import dask_client

        client = dask_client(args.scheduler, args.workers)
    with client as dask:
        if dask is not None and not args.quiet:
            print(f"dask: {len(dask.nthreads())} workers; dashboard {dask.dashboard_link}", file=sys.stderr)
        if args.out:
            return _ingest_to_parquet(args, dask, options)
        with Store(args.db) as store:
            if dask is None:
                summary = ingest(store, args.paths, **options)
            else:
                from .cluster import ingest_on_cluster

                summary = ingest_on_cluster(dask, store, args.paths, **options)
            if args.reanalyse and not summary.interrupted:
                stale = reanalyse_stale(store, progress=progress)
                print(f"reanalyse: {stale.line()}", file=sys.stderr)
                summary.failed += stale.failed
                summary.interrupted = stale.interrupted
            counts = store.counts()
            print(f"ingest: {summary.line()}", file=sys.stderr)
            print(f"store: {store.where} holds {counts['documents']} documents, {counts['events']} events, "
                  f"{counts['places']} places", file=sys.stderr)
    if summary.interrupted:
        return 130
    return 1 if summary.failed else 0


def _ingest_to_parquet(args: argparse.Namespace, dask, options: dict) -> int:
    from .exports import ParquetWriter
    from .ingest import ingest_to_parquet

    try:
        out = ParquetWriter(args.out)
    except OSError as error:
        raise ExtractError(f"{args.out}: cannot be written ({error})") from None
    with out:
        if dask is None:
            summary = ingest_to_parquet(out, args.paths, **options)
        else:
            from .cluster import ingest_on_cluster

            summary = ingest_on_cluster(dask, None, args.paths, out=out, **options)
    print(f"ingest: {summary.line()}", file=sys.stderr)
    print(f"events: {out.rows} written to {args.out}", file=sys.stderr)
    if summary.interrupted:
        return 130
    return 1 if summary.failed else 0


def _parquet_output(path: str | None) -> str:
    """The file a Parquet export goes to: Parquet is binary, so not standard output."""
    if path in (None, "-"):
        raise ExtractError("Parquet is a binary format: give the file to write with --output FILE")
    return path


def run_export(args: argparse.Namespace) -> int:
    """Write the stored events as CSV, GeoJSON, JSON Lines or Parquet."""
    from .exports import render, to_parquet
    from .store import Store

    date_from = parse_date(args.date_from, what="--from")
    date_to = parse_date(args.date_to, what="--to")
    if date_from and date_to and date_to < date_from:
        raise ExtractError(f"--to {date_to} is before --from {date_from}")
    output = _parquet_output(args.output) if args.format == "parquet" else args.output
    with Store(args.db) as store:
        rows = store.event_rows(date_from, date_to)
    if args.format == "parquet":
        try:
            to_parquet(rows, output)
        except OSError as error:
            raise ExtractError(f"{output}: cannot be written ({error})") from None
        print(f"export: {len(rows)} events", file=sys.stderr)
        return 0
    data = render(rows, args.format)
    if args.output in (None, "-"):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            with open(args.output, "wb") as out:
                out.write(data)
        except OSError as error:
            raise ExtractError(f"{args.output}: cannot be written ({error.strerror})") from None
    print(f"export: {len(rows)} events", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extract",
                                     description="Dated events and geocoded places from news articles.")
    commands = parser.add_subparsers(dest="command", required=True)
    db_help = ("a SQLite file or a postgresql://user:password@host/db URL "
               "(default: $NEWSMAP_DB, else ./newsmap.sqlite)")

    analyze_cmd = commands.add_parser("analyze", help="print the analysis of each document as JSON Lines")
    analyze_cmd.add_argument("--published", metavar="YYYY-MM-DD",
                             help="publication date for resolving relative dates (default: sidecar metadata)")
    analyze_cmd.add_argument("--lang", choices=LANGS, default="auto", help="document language (default: detect)")
    analyze_cmd.add_argument("files", nargs="+", metavar="FILE", help="a .txt, .md or .html file, or - for stdin")
    analyze_cmd.set_defaults(run=run_analyze)

    ingest_cmd = commands.add_parser("ingest", help="analyse files, folders, JSON Lines and Parquet into the store")
    ingest_cmd.add_argument("paths", nargs="*", metavar="PATH",
                            help="a document, a folder (searched recursively), a .jsonl file of "
                                 '{"text", "published", "lang", "title", "url", "id"} objects or a '
                                 ".parquet file with those columns")
    ingest_cmd.add_argument("--db", metavar="URL", help=db_help)
    ingest_cmd.add_argument("--published", metavar="YYYY-MM-DD",
                            help="publication date for every document (default: each one's metadata)")
    ingest_cmd.add_argument("--lang", choices=LANGS, default="auto", help="document language (default: detect)")
    ingest_cmd.add_argument("--reanalyse", action="store_true",
                            help="also re-analyse every stored document that an older extractor analysed")
    ingest_cmd.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest_cmd.add_argument("--out", metavar="FILE.parquet",
                            help="write the events to this Parquet file instead of the store")
    ingest_cmd.add_argument("--engine", choices=("local", "dask"), default="local",
                            help="analyse here, one document at a time (default), or on a Dask cluster")
    ingest_cmd.add_argument("--scheduler", metavar="ADDRESS",
                            help="with --engine dask: a running Dask scheduler, e.g. tcp://host:8786 "
                                 "(default: a local cluster on this machine)")
    ingest_cmd.add_argument("--workers", type=int, metavar="N",
                            help="with --engine dask: worker processes of the local cluster (default: one "
                                 "per core), or how many to wait for on --scheduler")
    ingest_cmd.add_argument("--partition-size", type=int, default=PARTITION_SIZE, metavar="N",
                            help=f"documents per partition, the unit of work (default {PARTITION_SIZE})")
    ingest_cmd.set_defaults(run=run_ingest)

    export_cmd = commands.add_parser("export", help="write the stored events as CSV, GeoJSON, JSON Lines or Parquet")
    export_cmd.add_argument("--db", metavar="URL", help=db_help)
    export_cmd.add_argument("--format", choices=FORMATS, required=True)
    export_cmd.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                            help="only events that end on or after this day")
    export_cmd.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD",
                            help="only events that start on or before this day")
    export_cmd.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    export_cmd.set_defaults(run=run_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ExtractError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
