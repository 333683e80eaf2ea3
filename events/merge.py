"""How reports of one event merge, in the store and in extract-only output alike.

Merge policy when a later report has the same `event_id`:
- the row keeps its first-reported values (strikes, share, controller, summary, evidence, source);
  empty fields are filled from the new report;
- casualty bounds widen to span every report: `killed_min` / `civilians_killed_min` take the smallest reported
  lower bound and `*_max` the largest upper bound, so the row shows the spread (the store's claims show who said what);
- `confidence` keeps the highest value; an unresolved location is replaced by a resolved one;
- `n_sources` counts the distinct documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from events.schema import events

EVENT_FIELDS: tuple[str, ...] = tuple(
    c.name for c in events.columns if c.name not in ("event_id", "doc_ids", "n_sources", "created_at", "updated_at")
)
GEO_FIELDS: tuple[str, ...] = (
    "place_name", "country", "admin1", "latitude", "longitude", "geo_precision", "geocode_score", "gazetteer_id",
    "geocode_reason",
)
LOWER_BOUNDS = ("killed_min", "civilians_killed_min")
UPPER_BOUNDS = ("killed_max", "civilians_killed_max")


def is_empty(value: Any) -> bool:
    return value is None or value == ""


def merge_into(stored: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Columns of `stored` that change when `new` reports the same event."""
    changes: dict[str, Any] = {}
    if stored.get("latitude") is None and new.get("latitude") is not None:
        changes.update({name: new[name] for name in GEO_FIELDS})
    for name in LOWER_BOUNDS:
        values = [v for v in (stored.get(name), new.get(name)) if v is not None]
        if values and min(values) != stored.get(name):
            changes[name] = min(values)
    for name in UPPER_BOUNDS:
        values = [v for v in (stored.get(name), new.get(name)) if v is not None]
        if values and max(values) != stored.get(name):
            changes[name] = max(values)
    if (new.get("confidence") or 0) > (stored.get("confidence") or 0):
        changes["confidence"] = new["confidence"]
    for name in EVENT_FIELDS:
        if name not in changes and is_empty(stored.get(name)) and not is_empty(new.get(name)):
            changes[name] = new[name]
    return changes


def merge_rows(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Collapse rows sharing an `event_id` (each with one `doc_id`) into one row per event, in first-seen order."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        first = merged.get(row["event_id"])
        if first is None:
            merged[row["event_id"]] = {**row, "doc_ids": [row["doc_id"]], "n_sources": 1}
            continue
        first.update(merge_into(first, row))
        if row["doc_id"] not in first["doc_ids"]:
            first["doc_ids"].append(row["doc_id"])
            first["n_sources"] = len(first["doc_ids"])
    return list(merged.values())
