"""Conflict Map events: ingest articles, extract events, store them with provenance, export them.

Heavy modules (store, pipeline, export) are imported on demand so `import events` stays cheap.
"""

from events.model import DATE_PRECISIONS, EVENT_TYPES, EXPORT_COLUMNS, Document, Event

__all__ = ["DATE_PRECISIONS", "EVENT_TYPES", "EXPORT_COLUMNS", "Document", "Event"]
