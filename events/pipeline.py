"""Ingest batches: read each file, extract its events, store them; one bad file never stops the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from events.extract import extract_document
from events.ingest import IngestError, read_bytes, read_paths
from events.model import Document
from events.store import REPO_ROOT, Store

if TYPE_CHECKING:
    from geo import Geocoder

SAMPLE_DIR = REPO_ROOT / "sample_data"

Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class FileResult:
    """Outcome for one document (a .jsonl/.csv file yields one per row); status is new, skipped or failed."""

    path: str
    status: str
    reason: str = ""
    events: int = 0


@dataclass(slots=True)
class IngestSummary:
    new: int = 0
    skipped: int = 0
    failed: int = 0
    events_added: int = 0
    events_merged: int = 0
    files: list[FileResult] = field(default_factory=list)

    def record(self, result: FileResult) -> None:
        self.files.append(result)
        if result.status == "new":
            self.new += 1
        elif result.status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1


def _label(item: Document | IngestError) -> str:
    if isinstance(item, IngestError):
        return str(item.path)
    return item.source_path or item.title or item.doc_id


def _ingest_one(item: Document | IngestError, store: Store, geocoder: Geocoder) -> tuple[FileResult, int, int]:
    label = _label(item)
    if isinstance(item, IngestError):
        return FileResult(label, "failed", item.reason), 0, 0
    if store.has_document(item.doc_id):
        return FileResult(label, "skipped", "already stored"), 0, 0
    try:
        found = extract_document(item, geocoder)
    except Exception as exc:  # a crash on one article is reported, not fatal to the batch
        return FileResult(label, "failed", f"extraction crashed: {type(exc).__name__}: {exc}"), 0, 0
    try:
        result = store.add_document(item, found)
    except Exception as exc:  # the document's transaction rolled back; earlier documents stay stored
        return FileResult(label, "failed", f"not stored: {type(exc).__name__}: {exc}"), 0, 0
    if not result.new_document:
        return FileResult(label, "skipped", "already stored"), 0, 0
    return FileResult(label, "new", "", len(found)), result.added, result.merged


def ingest_items(items: Iterable[Document | IngestError], store: Store, geocoder: Geocoder | None = None,
                 progress: Progress | None = None) -> IngestSummary:
    """Extract and store already-read documents; read errors pass through as failed results."""
    batch = list(items)
    geocoder = geocoder or store.geocoder
    summary = IngestSummary()
    for done, item in enumerate(batch, 1):
        result, added, merged = _ingest_one(item, store, geocoder)
        summary.record(result)
        summary.events_added += added
        summary.events_merged += merged
        if progress:
            progress(done, len(batch), result.path)
    return summary


def ingest_paths(paths: Iterable[str | Path], store: Store, geocoder: Geocoder | None = None,
                 progress: Progress | None = None) -> IngestSummary:
    """Files and folders (recursively) into the store."""
    return ingest_items(read_paths([Path(p) for p in paths]), store, geocoder, progress)


def ingest_uploads(files: list[tuple[str, bytes]], store: Store, geocoder: Geocoder | None = None,
                   progress: Progress | None = None) -> IngestSummary:
    """Uploaded (name, bytes) pairs into the store, e.g. from the app's file uploader."""
    items: list[Document | IngestError] = []
    for name, data in files:
        items.extend(read_bytes(name, data))
    return ingest_items(items, store, geocoder, progress)


def ensure_sample_data(store: Store, progress: Progress | None = None) -> IngestSummary | None:
    """Fill an empty store from the bundled sample_data/ so the app shows a map on first start."""
    if store.counts()["documents"] or not SAMPLE_DIR.is_dir():
        return None
    return ingest_paths([SAMPLE_DIR], store, progress=progress)
