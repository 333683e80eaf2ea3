"""`python -m events extract|ingest|export`: the pipeline from the command line.

Exit codes: 0 success, 1 when some input file failed (the rest is still processed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from events.model import EVENT_TYPES

USAGE_ERROR = 2


class UsageError(Exception):
    """A problem with the command line itself (exit 2)."""


class CommandError(Exception):
    """The command was well formed but could not run, e.g. the database is unreachable (exit 1)."""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (want YYYY-MM-DD): {text!r}") from None


def _event_type(text: str) -> str:
    value = text.strip().lower()
    if value not in EVENT_TYPES:
        raise argparse.ArgumentTypeError(f"unknown event type {text!r}; choose from {', '.join(EVENT_TYPES)}")
    return value


def _country(text: str) -> str:
    value = text.strip().upper()
    if len(value) != 2 or not value.isalpha():
        raise argparse.ArgumentTypeError(f"country must be a two-letter ISO code such as IQ or SY, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m events", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="{extract,ingest,export}")

    p = sub.add_parser("extract", help="extract events from files without touching the store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt .html .htm .jsonl .csv)")
    p.add_argument("--out", metavar="FILE", help="write .csv, .jsonl or .geojson (default: CSV on stdout)")

    p = sub.add_parser("ingest", help="extract events from files and store them")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt .html .htm .jsonl .csv)")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy URL (default: $DATABASE_URL or data/conflict_map.sqlite)")

    p = sub.add_parser("export", help="write stored events to a file")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy URL (default: $DATABASE_URL or data/conflict_map.sqlite)")
    p.add_argument("--from", dest="date_from", type=_iso_date, metavar="DATE", help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_iso_date, metavar="DATE", help="last day, YYYY-MM-DD")
    p.add_argument("--type", dest="types", type=_event_type, nargs="+", action="extend", default=[], metavar="T",
                   help=f"event types ({', '.join(EVENT_TYPES)})")
    p.add_argument("--country", dest="countries", type=_country, nargs="+", action="extend", default=[],
                   metavar="CC", help="ISO country codes, e.g. IQ SY")
    p.add_argument("--out", required=True, metavar="FILE", help="output .csv, .jsonl or .geojson")
    return parser


def _out_format(out: str | None) -> str:
    from events.export import format_for_path

    if out is None:
        return "csv"
    try:
        return format_for_path(out)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _open_store(url: str | None):
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, OperationalError

    from events.store import Store, default_url

    try:
        shown = make_url(url or default_url()).render_as_string(hide_password=True)
    except ArgumentError as exc:
        raise UsageError(f"invalid --db URL {url!r}: {exc}") from None
    try:
        return Store(url)
    except ArgumentError as exc:
        raise UsageError(f"invalid --db URL {shown!r}: {exc}") from None
    except (OperationalError, OSError) as exc:
        raise CommandError(f"cannot open database {shown}: {getattr(exc, 'orig', None) or exc}") from None


def _progress_bar(label: str):
    """A tqdm bar on an interactive terminal, nothing when output is piped."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=None, desc=label, unit="doc", file=sys.stderr, leave=False)

    def update(done: int, total: int, _label: str) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar.close


def _report_failures(results) -> None:
    for r in results:
        if r.status == "failed":
            print(f"failed: {r.path}: {r.reason}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    from events.export import write_events
    from events.extract import extract_document
    from events.frame import events_to_frame
    from events.ingest import IngestError, read_paths

    fmt = _out_format(args.out)
    found, failed = [], 0
    items = list(read_paths([Path(p) for p in args.paths]))
    update, close = _progress_bar("extract")
    for done, item in enumerate(items, 1):
        if update:
            update(done, len(items), "")
        if isinstance(item, IngestError):
            print(f"failed: {item.path}: {item.reason}", file=sys.stderr)
            failed += 1
            continue
        try:
            found.extend(extract_document(item))
        except Exception as exc:  # one broken article must not stop the others
            print(f"failed: {item.source_path or item.doc_id}: extraction crashed: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            failed += 1
    close()
    frame = events_to_frame(found)
    write_events(frame, args.out or sys.stdout, fmt)
    if args.out:
        print(f"{len(frame)} events written to {args.out}", file=sys.stderr)
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from events.pipeline import ingest_paths

    store = _open_store(args.db)
    update, close = _progress_bar("ingest")
    try:
        summary = ingest_paths(args.paths, store, progress=update)
    finally:
        close()
    print(f"documents: {summary.new} new, {summary.skipped} skipped, {summary.failed} failed; "
          f"events: {summary.events_added} added, {summary.events_merged} merged")
    _report_failures(summary.files)
    return 1 if summary.failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    from events.export import filter_events, write_events

    fmt = _out_format(args.out)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(f"--from {args.date_from} is after --to {args.date_to}")
    store = _open_store(args.db)
    frame = filter_events(store.events_frame(), args.date_from, args.date_to, args.types, args.countries)
    write_events(frame, args.out, fmt)
    print(f"{len(frame)} events written to {args.out}", file=sys.stderr)
    return 0


COMMANDS = {"extract": cmd_extract, "ingest": cmd_ingest, "export": cmd_export}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        parser.error(str(exc))  # prints usage and exits 2
    except BrokenPipeError:  # `... | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (CommandError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
