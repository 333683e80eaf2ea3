"""Records that flow through ingest -> extract -> store -> export, and the export column contract."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

# The export contract (CSV, JSONL, GeoJSON properties, the app's table). Order is stable; only append.
EXPORT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_type", "sub_event_type", "acled_event_type", "acled_sub_event_type",
    "event_date", "date_end", "date_precision", "actor1", "actor2", "claimant",
    "place_text", "place_name", "country", "admin1", "latitude", "longitude", "geo_precision",
    "geocode_score", "gazetteer_id", "strikes", "killed_min", "killed_max",
    "civilians_killed_min", "civilians_killed_max", "share_percent", "controller",
    "summary", "evidence", "source_title", "source_url", "source_path", "doc_date",
    "confidence", "n_sources",
)

EVENT_TYPES: tuple[str, ...] = (
    "airstrike", "artillery", "ground_clash", "territorial_change", "civilian_harm",
    "explosion", "displacement", "strategic",
)
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "range", "unknown")


@dataclass(slots=True)
class Document:
    """One ingested article; `doc_id` is the hash of its normalized text, so re-ingest is a no-op."""

    doc_id: str
    text: str
    title: str = ""
    url: str = ""
    date: date | None = None
    source: str = ""  # outlet, from a `Source:` header or the URL host
    source_path: str = ""
    fmt: str = "txt"


@dataclass(slots=True)
class Event:
    """One event as extracted from one document (before merging across documents)."""

    event_type: str
    sub_event_type: str
    acled_event_type: str
    acled_sub_event_type: str
    event_date: date | None
    date_end: date | None
    date_precision: str
    place_text: str
    doc_id: str
    evidence: str
    evidence_start: int
    evidence_end: int
    actor1: str = ""
    actor2: str = ""
    claimant: str = ""
    place_name: str = ""
    country: str = ""
    admin1: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: str = "unresolved"
    geocode_score: float | None = None
    gazetteer_id: str = ""
    geocode_reason: str = ""
    strikes: int | None = None
    targets_destroyed: int | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    civilians_killed_min: int | None = None
    civilians_killed_max: int | None = None
    share_percent: float | None = None
    controller: str = ""
    hedging: str = ""  # "", "alleged", "denied", "unconfirmed"
    summary: str = ""
    confidence: float = 0.5
    source_title: str = ""
    source_url: str = ""
    source_path: str = ""
    doc_date: date | None = None
    n_sources: int = 1
    extra: dict = field(default_factory=dict)

    @property
    def place_key(self) -> str:
        return self.gazetteer_id or "text:" + " ".join(self.place_text.lower().split())

    @property
    def event_id(self) -> str:
        """Stable id = the merge key: same type, place, day(s) and actor are one event across documents.

        Civilian-harm figures keep one event per claimant, so a monitor's and a belligerent's numbers
        never collapse into one.
        """
        claimant = self.claimant if self.event_type == "civilian_harm" else ""
        parts = (self.event_type, self.place_key, str(self.event_date or ""), str(self.date_end or ""),
                 self.actor1, claimant)
        if self.event_date is None:  # undated events only merge within their own document
            parts += (self.doc_id,)
        return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]
