"""Download names and bytes for exactly the filtered rows, in the CLI's column contract."""

from __future__ import annotations

from datetime import date

import pandas as pd

from events.export import events_bytes
from events.model import EXPORT_COLUMNS

FORMATS = {"csv": "text/csv", "geojson": "application/geo+json", "jsonl": "application/x-ndjson"}


def export_filename(date_from: date | None, date_to: date | None, fmt: str) -> str:
    """conflict-map_2017-01-01_2017-07-31.csv; an open end reads 'start' or 'end'."""
    if fmt not in FORMATS:
        raise ValueError(f"export format must be one of {sorted(FORMATS)}, got {fmt!r}")
    first = date_from.isoformat() if date_from else "start"
    last = date_to.isoformat() if date_to else "end"
    return f"conflict-map_{first}_{last}.{fmt}"


def export_frame(filtered: pd.DataFrame) -> pd.DataFrame:
    """The filtered rows with the export columns (and only those), in contract order."""
    return filtered.reindex(columns=list(EXPORT_COLUMNS)).reset_index(drop=True)


def export_bytes(filtered: pd.DataFrame, fmt: str) -> bytes:
    """The shared writer (events.export) run on the filtered rows, so app and CLI files are identical."""
    if fmt not in FORMATS:
        raise ValueError(f"export format must be one of {sorted(FORMATS)}, got {fmt!r}")
    return events_bytes(export_frame(filtered), fmt)
