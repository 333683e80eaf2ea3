"""Write event frames as CSV, JSONL or GeoJSON with the documented EXPORT_COLUMNS, and filter them for export."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

import pandas as pd

from events.frame import DATE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS
from events.model import EXPORT_COLUMNS

FORMATS: dict[str, str] = {".csv": "csv", ".jsonl": "jsonl", ".geojson": "geojson"}


def format_for_path(path: str | Path) -> str:
    """Export format named by a file extension; ValueError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot tell the export format of {str(path)!r}: use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def _cell(column: str, value: Any) -> Any:
    """A JSON-ready value: ISO dates, None for missing, plain ints and floats."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if column in DATE_COLUMNS:
        if isinstance(value, str):
            return value[:10] or None
        return value.date().isoformat() if isinstance(value, pd.Timestamp) else value.isoformat()
    if column in INT_COLUMNS:
        return int(value)
    if column in FLOAT_COLUMNS:
        return float(value)
    return str(value)


def _records(frame: pd.DataFrame) -> Iterable[dict[str, Any]]:
    missing = [c for c in EXPORT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"event frame lacks export columns: {', '.join(missing)}")
    columns = list(EXPORT_COLUMNS)
    for row in frame[columns].itertuples(index=False, name=None):
        yield {c: _cell(c, v) for c, v in zip(columns, row, strict=True)}


def _csv(frame: pd.DataFrame, out: IO[str]) -> None:
    data = frame[list(EXPORT_COLUMNS)].copy()
    for col in DATE_COLUMNS:
        data[col] = pd.to_datetime(data[col], errors="coerce").dt.strftime("%Y-%m-%d")
    for col in INT_COLUMNS & set(EXPORT_COLUMNS):
        try:  # a frame whose counts became floats (e.g. after a reindex) still prints 3, not 3.0
            data[col] = pd.to_numeric(data[col], errors="coerce").astype("Int64")
        except (TypeError, ValueError):
            pass
    data.to_csv(out, index=False, na_rep="", lineterminator="\n")


def _jsonl(frame: pd.DataFrame, out: IO[str]) -> None:
    for record in _records(frame):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _geojson(frame: pd.DataFrame, out: IO[str]) -> None:
    out.write('{"type": "FeatureCollection", "features": [')
    for i, record in enumerate(_records(frame)):
        lat, lon = record["latitude"], record["longitude"]
        geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
        feature = {"type": "Feature", "id": record["event_id"], "geometry": geometry, "properties": record}
        out.write(("," if i else "") + "\n" + json.dumps(feature, ensure_ascii=False))
    out.write("\n]}\n")


WRITERS = {"csv": _csv, "jsonl": _jsonl, "geojson": _geojson}


def write_events(frame: pd.DataFrame, path_or_stream: str | Path | IO[str], fmt: str) -> None:
    """Write `frame` (from `Store.events_frame` or `events_to_frame`) in `fmt` (csv, jsonl or geojson), UTF-8."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(WRITERS)}")
    writer = WRITERS[fmt]
    if isinstance(path_or_stream, str | Path):
        with open(path_or_stream, "w", encoding="utf-8", newline="") as out:
            writer(frame, out)
    else:
        writer(frame, path_or_stream)


def events_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """The export as bytes, for download buttons."""
    buffer = io.StringIO()
    write_events(frame, buffer, fmt)
    return buffer.getvalue().encode("utf-8")


def filter_events(frame: pd.DataFrame, date_from: date | None = None, date_to: date | None = None,
                  types: Iterable[str] = (), countries: Iterable[str] = ()) -> pd.DataFrame:
    """Events overlapping [date_from, date_to] (undated ones drop out), of the given types and countries."""
    mask = pd.Series(True, index=frame.index)
    start = frame["event_date"]
    end = frame["date_end"].fillna(start)
    if date_from is not None:
        mask &= end >= pd.Timestamp(date_from)
    if date_to is not None:
        mask &= start <= pd.Timestamp(date_to)
    types = [t.lower() for t in types]
    if types:
        mask &= frame["event_type"].isin(types)
    countries = [c.upper() for c in countries]
    if countries:
        mask &= frame["country"].str.upper().isin(countries)
    return frame[mask]
