"""Table definitions for the event store; plain SQLAlchemy Core so SQLite and PostgreSQL share one schema."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

ID = String(64)

documents = Table(
    "documents", metadata,
    Column("doc_id", ID, primary_key=True),
    Column("title", Text, nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("source_path", Text, nullable=False, default=""),
    Column("doc_date", Date),
    Column("fmt", String(16), nullable=False, default="txt"),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

def claim_figures() -> list[Column]:
    """What one source says about an event; stored per claim, and on the event row as its headline figures."""
    return [
        Column("strikes", Integer),
        Column("killed_min", Integer),
        Column("killed_max", Integer),
        Column("civilians_killed_min", Integer),
        Column("civilians_killed_max", Integer),
        Column("share_percent", Float),
        Column("controller", Text, nullable=False, default=""),
        Column("hedging", String(16), nullable=False, default=""),
    ]


events = Table(
    "events", metadata,
    Column("event_id", ID, primary_key=True),
    Column("event_type", String(32), nullable=False),
    Column("sub_event_type", Text, nullable=False, default=""),
    Column("acled_event_type", Text, nullable=False, default=""),
    Column("acled_sub_event_type", Text, nullable=False, default=""),
    Column("event_date", Date),
    Column("date_end", Date),
    Column("date_precision", String(16), nullable=False, default="unknown"),
    Column("actor1", Text, nullable=False, default=""),
    Column("actor2", Text, nullable=False, default=""),
    Column("claimant", Text, nullable=False, default=""),
    Column("place_text", Text, nullable=False, default=""),
    Column("place_name", Text, nullable=False, default=""),
    Column("country", String(64), nullable=False, default=""),
    Column("admin1", Text, nullable=False, default=""),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", String(16), nullable=False, default="unresolved"),
    Column("geocode_score", Float),
    Column("gazetteer_id", Text, nullable=False, default=""),
    Column("geocode_reason", Text, nullable=False, default=""),
    Column("targets_destroyed", Integer),
    *claim_figures(),
    Column("summary", Text, nullable=False, default=""),
    Column("evidence", Text, nullable=False, default=""),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("source_title", Text, nullable=False, default=""),
    Column("source_url", Text, nullable=False, default=""),
    Column("source_path", Text, nullable=False, default=""),
    Column("doc_date", Date),
    Column("confidence", Float, nullable=False, default=0.5),
    Column("n_sources", Integer, nullable=False, default=1),
    # Space-separated ids of every source document, kept in step with event_sources so the
    # app's 100k-row frame needs no join or dialect-specific string aggregation.
    Column("doc_ids", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_events_event_date", "event_date"),
    Index("ix_events_place_text", "place_text"),
    Index("ix_events_event_type", "event_type"),
)

event_sources = Table(
    "event_sources", metadata,
    Column("event_id", ID, ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("doc_id", ID, ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    Column("evidence", Text, nullable=False, default=""),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Index("ix_event_sources_doc_id", "doc_id"),
)

claims = Table(
    "claims", metadata,
    Column("claim_id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", ID, ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", ID, ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    Column("claimant", Text, nullable=False, default=""),
    *claim_figures(),
    Column("evidence", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("event_id", "doc_id", "claimant", name="uq_claims_event_doc_claimant"),
    Index("ix_claims_event_id", "event_id"),
)

geocode_overrides = Table(
    "geocode_overrides", metadata,
    Column("name", Text, primary_key=True),  # geo.normalize.normalize(place_text)
    Column("place_text", Text, nullable=False),
    Column("gazetteer_id", Text, nullable=False, default=""),
    Column("lat", Float),
    Column("lon", Float),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
