"""Command line: python -m geo resolve [--country CC[,CC...]] [NAME ...]  (one JSON object per name per line)."""

from __future__ import annotations

import argparse
import json
import sys

from geo.gazetteer import GazetteerFileError
from geo.geocoder import Geocoder
from geo.model import GeoContext


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description="Offline geocoder for conflict reporting.")
    sub = parser.add_subparsers(dest="command", required=True)
    res = sub.add_parser("resolve", help="resolve names given as arguments, or one per line on stdin")
    res.add_argument("--country", default="", help="document countries as ISO codes, e.g. IQ or IQ,SY")
    res.add_argument("names", nargs="*", metavar="NAME")
    args = parser.parse_args(argv)

    countries = tuple(c.strip().upper() for c in args.country.split(",") if c.strip())
    bad = [c for c in countries if len(c) != 2 or not c.isalpha()]
    if bad:
        parser.error(f"--country: not ISO 3166 alpha-2 code(s): {', '.join(bad)}")
    try:
        geocoder = Geocoder.default()
    except GazetteerFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    context = GeoContext(countries=countries)
    names = args.names if args.names else (line.rstrip("\r\n") for line in sys.stdin)
    out = sys.stdout
    for name in names:
        out.write(json.dumps(geocoder.resolve(name, context).to_dict(), ensure_ascii=False) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
