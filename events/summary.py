"""One short generated line per event, built from its fields (never a copy of the evidence sentence)."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from events.model import Event

DATA = Path(__file__).parent / "data" / "event_labels.csv"


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Display label per event type, from event_labels.csv."""
    with DATA.open(encoding="utf-8") as fh:
        return {r["event_type"].strip(): r["label"].strip() for r in csv.DictReader(fh)}


def _bounds(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"{lo:,}" if lo == hi else f"{lo:,}-{hi:,}"
    if lo is not None:
        return f"at least {lo:,}"
    if hi is not None:
        return f"up to {hi:,}"
    return ""


def _short_actor(name: str) -> str:
    return name.split(" (")[0]


def make_summary(event: Event) -> str:
    """E.g. "Airstrike near Al Hawijah (IQ) by Coalition; 1 strike"."""
    label = labels().get(event.event_type, event.event_type.replace("_", " ").capitalize())
    where = event.place_name or event.place_text
    prep = "near" if event.geo_precision == "near" or event.extra.get("place_cue") == "near" else "in"
    line = f"{label} {prep} {where}" if where else label
    if event.country:
        line += f" ({event.country})"
    if event.actor1:
        line += f" by {_short_actor(event.actor1)}"
    parts = [line]
    if event.strikes:
        parts.append(f"{event.strikes} strike{'s' if event.strikes != 1 else ''}")
    civ = _bounds(event.civilians_killed_min, event.civilians_killed_max)
    if civ:
        parts.append(f"{civ} civilians killed")
    killed = _bounds(event.killed_min, event.killed_max)
    if killed:
        parts.append(f"{killed} killed")
    if event.targets_destroyed:
        parts.append(f"{event.targets_destroyed} targets destroyed")
    if event.share_percent is not None:
        parts.append(f"{event.share_percent:g}% held by {_short_actor(event.controller) or 'unknown'}")
    if event.extra.get("people"):
        parts.append(f"{event.extra['people']:,} people")
    if event.claimant:
        parts.append(f"per {_short_actor(event.claimant)}")
    if event.hedging:
        parts.append(event.hedging)
    return "; ".join(parts)
