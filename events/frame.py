"""The typed pandas frame shared by the store, the exporters and the app: one row per (merged) event."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from events.merge import merge_rows
from events.model import EXPORT_COLUMNS, Event

EXTRA_COLUMNS: tuple[str, ...] = ("geocode_reason", "hedging", "targets_destroyed", "doc_ids")
FRAME_COLUMNS: tuple[str, ...] = EXPORT_COLUMNS + EXTRA_COLUMNS

DATE_COLUMNS = frozenset({"event_date", "date_end", "doc_date"})
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "geocode_score", "share_percent", "confidence"})
INT_COLUMNS = frozenset({
    "strikes", "targets_destroyed", "killed_min", "killed_max", "civilians_killed_min",
    "civilians_killed_max", "n_sources",
})


def typed_frame(rows: Sequence[Sequence] | Iterable[Sequence], columns: Sequence[str] = FRAME_COLUMNS) -> pd.DataFrame:
    """Build the frame with stable dtypes (datetime64 dates, float coords, nullable ints) even when empty."""
    rows = rows if isinstance(rows, list) else list(rows)
    data = zip(*rows, strict=True) if rows else (() for _ in columns)
    return pd.DataFrame({col: _column(col, values) for col, values in zip(columns, data, strict=True)})


def _column(col: str, values: Sequence) -> pd.Series | pd.api.extensions.ExtensionArray | np.ndarray:
    """One column converted straight from the fetched values (no intermediate object Series)."""
    if col in DATE_COLUMNS:
        return _dates(values)
    if col in FLOAT_COLUMNS:
        return np.array(values, dtype="float64")
    if col in INT_COLUMNS:
        return pd.array(values, dtype="Int64")
    if col == "doc_ids":
        return pd.Series([ids.split() if isinstance(ids, str) else list(ids or ()) for ids in values], dtype=object)
    return pd.Series(values, dtype="str").fillna("")


def _dates(values: Sequence) -> pd.Series:
    """datetime64 from dates, timestamps or ISO strings (the store reads dates as text for speed); NaT if missing."""
    series = pd.Series(values, dtype=object)
    if all(isinstance(v, str) or v is None for v in values):
        parsed = pd.to_datetime(series, format="%Y-%m-%d", errors="coerce")
    else:
        parsed = pd.to_datetime(series, errors="coerce")
    return parsed.astype("datetime64[s]")


def events_to_frame(events: Iterable[Event]) -> pd.DataFrame:
    """Frame for events straight from extraction (no store), merged by event_id as the store would."""
    rows = ({**{name: getattr(ev, name) for name in FRAME_COLUMNS if name not in ("event_id", "doc_ids")},
             "event_id": ev.event_id, "doc_id": ev.doc_id} for ev in events)
    return typed_frame([[row[name] for name in FRAME_COLUMNS] for row in merge_rows(rows)])
