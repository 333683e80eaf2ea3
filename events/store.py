"""The event store: documents, merged events, their sources, per-source claims and geocoding overrides.

Reports of an event already stored (same `event_id`) are merged by `events.merge.merge_into`; each
document's own figures stay in `claims`.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import Engine, String, cast, create_engine, event, func, insert, or_, select, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from events.frame import DATE_COLUMNS, FRAME_COLUMNS, typed_frame
from events.merge import EVENT_FIELDS, is_empty, merge_into
from events.model import DATE_PRECISIONS, EVENT_TYPES, Document, Event
from events.schema import claims, documents, event_sources, events, geocode_overrides, metadata
from geo.model import PRECISIONS as GEO_PRECISIONS

if TYPE_CHECKING:
    from geo import Geocoder
    from geo.model import Override

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = REPO_ROOT / "data" / "conflict_map.sqlite"

# Event attributes copied verbatim into the events table (event_id, doc_ids, n_sources and timestamps are derived).
CLAIM_FIELDS: tuple[str, ...] = (
    "strikes", "killed_min", "killed_max", "civilians_killed_min", "civilians_killed_max", "share_percent",
    "controller", "hedging",
)
IN_CHUNK = 500  # keeps IN (...) lists under every driver's bound-parameter limit


@dataclass(slots=True)
class AddResult:
    new_document: bool
    added: int
    merged: int


def default_url() -> str:
    """$DATABASE_URL if set, else the embedded SQLite file under <repo>/data/."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


def normalize_url(url: str) -> str:
    """Send bare postgresql:// URLs to psycopg 3, the driver we ship, instead of SQLAlchemy's psycopg2 default."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    """Engine with SQLite tuned for one writer plus readers (WAL, foreign keys, a patient busy timeout)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return engine


def _now() -> datetime:
    return datetime.now(UTC)


def _clean(value: Any) -> Any:
    """Strip NUL characters (PostgreSQL rejects them in text) from untrusted strings."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def validate_coordinates(lat: float | None, lon: float | None, what: str = "") -> None:
    """Reject out-of-range or half-given coordinates with an error naming the field."""
    where = f" ({what})" if what else ""
    if (lat is None) != (lon is None):
        raise ValueError(f"latitude and longitude must be given together{where}")
    if lat is None:
        return
    for name, value, limit in (("lat", lat, 90.0), ("lon", lon, 180.0)):
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise ValueError(f"{name} must be a number, got {value!r}{where}")
        if not -limit <= value <= limit:
            raise ValueError(f"{name} must be within -{limit:g}..{limit:g}, got {value}{where}")


def validate_event(ev: Event) -> None:
    """Refuse events that would corrupt the store or the map; the message names the bad field."""
    what = f"event {ev.event_type!r} at {ev.place_text!r}"
    if ev.event_type not in EVENT_TYPES:
        raise ValueError(f"event_type {ev.event_type!r} is not one of {', '.join(EVENT_TYPES)}")
    if ev.date_precision not in DATE_PRECISIONS:
        raise ValueError(f"date_precision {ev.date_precision!r} is not one of {', '.join(DATE_PRECISIONS)} ({what})")
    if ev.geo_precision not in GEO_PRECISIONS:
        raise ValueError(f"geo_precision {ev.geo_precision!r} is not one of {', '.join(GEO_PRECISIONS)} ({what})")
    validate_coordinates(ev.latitude, ev.longitude, what)
    today = date.today()
    for name in ("event_date", "date_end"):
        value = getattr(ev, name)
        if value is not None and value > today:
            raise ValueError(f"{name} {value.isoformat()} is in the future ({what})")
    if ev.event_date and ev.date_end and ev.date_end < ev.event_date:
        raise ValueError(f"date_end {ev.date_end} is before event_date {ev.event_date} ({what})")


def _event_row(ev: Event) -> dict[str, Any]:
    return {name: _clean(getattr(ev, name)) for name in EVENT_FIELDS}


def _claim_row(ev: Event) -> dict[str, Any]:
    row = {name: getattr(ev, name) for name in CLAIM_FIELDS}
    row["claimant"] = _clean(ev.claimant)
    row["evidence"] = _clean(ev.evidence)
    return row




def _fill_claim(stored: dict[str, Any], new: dict[str, Any]) -> None:
    for name, value in new.items():
        if is_empty(stored.get(name)) and not is_empty(value):
            stored[name] = value


def _chunks(items: Sequence[str], size: int = IN_CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Store:
    """Transactional event store over any SQLAlchemy URL; one instance per process is enough."""

    def __init__(self, url: str | None = None, geocoder: Geocoder | None = None) -> None:
        self.url = normalize_url(url or default_url())
        self.engine = make_engine(self.url)
        metadata.create_all(self.engine)
        self._geocoder = geocoder
        self._overrides_loaded = False
        if geocoder is not None:  # a caller's own geocoder learns the overrides now; the default one on first use
            _ = self.geocoder

    # ---- geocoder -------------------------------------------------------------------------------------------
    @property
    def geocoder(self) -> Geocoder:
        """The geocoder with the stored overrides; loaded on first use so opening a store stays cheap."""
        if self._geocoder is None:
            from geo import Geocoder

            self._geocoder = Geocoder.default()
        if not self._overrides_loaded:
            self._load_overrides(self._geocoder)
            self._overrides_loaded = True
        return self._geocoder

    def _load_overrides(self, geocoder: Geocoder) -> None:
        geocoder.clear_overrides()
        for override in self.list_overrides():
            geocoder.add_override(override)

    # ---- documents ------------------------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.doc_id).where(documents.c.doc_id == doc_id)).first() is not None

    def add_document(self, doc: Document, evs: Sequence[Event]) -> AddResult:
        """Store one document and its events in one transaction; re-adding a stored doc_id changes nothing."""
        for ev in evs:
            validate_event(ev)
        try:
            return self._add_document(doc, evs)
        except IntegrityError:
            # A concurrent writer stored this document or one of its events first: retry against its rows.
            return self._add_document(doc, evs)

    def _add_document(self, doc: Document, evs: Sequence[Event]) -> AddResult:
        now = _now()
        with self.engine.begin() as conn:
            if conn.execute(select(documents.c.doc_id).where(documents.c.doc_id == doc.doc_id)).first():
                return AddResult(False, 0, 0)
            conn.execute(insert(documents), [{
                "doc_id": doc.doc_id, "title": _clean(doc.title), "url": _clean(doc.url),
                "source": _clean(doc.source), "source_path": _clean(doc.source_path), "doc_date": doc.date,
                "fmt": doc.fmt, "text": _clean(doc.text),
                "content_hash": hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest(),
                "ingested_at": now,
            }])
            if not evs:
                return AddResult(True, 0, 0)
            rows, sources, claim_rows = self._group(doc, evs)
            stored = self._stored_events(conn, list(rows))
            added = merged = 0
            inserts = []
            for event_id, row in rows.items():
                old = stored.get(event_id)
                if old is None:
                    inserts.append({**row, "event_id": event_id, "doc_ids": doc.doc_id, "n_sources": 1,
                                    "created_at": now, "updated_at": now})
                    added += 1
                    continue
                doc_ids = old["doc_ids"].split()
                if doc.doc_id not in doc_ids:
                    doc_ids.append(doc.doc_id)
                changes = merge_into(old, row)
                changes.update(doc_ids=" ".join(doc_ids), n_sources=len(doc_ids), updated_at=now)
                conn.execute(update(events).where(events.c.event_id == event_id).values(**changes))
                merged += 1
            if inserts:
                conn.execute(insert(events), inserts)
            conn.execute(insert(event_sources), sources)
            conn.execute(insert(claims), [{**c, "created_at": now} for c in claim_rows])
            return AddResult(True, added, merged)

    @staticmethod
    def _group(doc: Document, evs: Sequence[Event]) -> tuple[dict[str, dict], list[dict], list[dict]]:
        """Collapse repeats of one event inside a document into one row, one source link and one claim per claimant."""
        rows: dict[str, dict] = {}
        sources: dict[str, dict] = {}
        claim_rows: dict[tuple[str, str], dict] = {}
        for ev in evs:
            event_id = ev.event_id
            row = _event_row(ev)
            if event_id in rows:
                rows[event_id].update(merge_into(rows[event_id], row))
            else:
                rows[event_id] = row
                sources[event_id] = {"event_id": event_id, "doc_id": doc.doc_id, "evidence": _clean(ev.evidence),
                                     "evidence_start": ev.evidence_start, "evidence_end": ev.evidence_end}
            claim = _claim_row(ev)
            key = (event_id, claim["claimant"])
            if key in claim_rows:
                _fill_claim(claim_rows[key], claim)
            else:
                claim_rows[key] = {**claim, "event_id": event_id, "doc_id": doc.doc_id}
        return rows, list(sources.values()), list(claim_rows.values())

    @staticmethod
    def _stored_events(conn: Connection, event_ids: list[str]) -> dict[str, dict]:
        found: dict[str, dict] = {}
        for chunk in _chunks(event_ids):
            for row in conn.execute(select(events).where(events.c.event_id.in_(chunk))).mappings():
                found[row["event_id"]] = dict(row)
        return found

    # ---- reading --------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("documents", documents), ("events", events), ("claims", claims),
                                        ("overrides", geocode_overrides))}

    def events_frame(self) -> pd.DataFrame:
        """Every merged event in one query, typed as `events.frame.FRAME_COLUMNS` describes."""
        # Dates travel as ISO text: parsing 100k strings in pandas beats building 300k date objects per row.
        columns = [cast(events.c[name], String).label(name) if name in DATE_COLUMNS else events.c[name]
                   for name in FRAME_COLUMNS]
        query = select(*columns).order_by(events.c.event_date.asc().nulls_last(), events.c.event_id)
        with self.engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(query)]
        return typed_frame(rows)

    def event_detail(self, event_id: str) -> dict | None:
        """One event with its sources (documents) and every claim made about it."""
        with self.engine.connect() as conn:
            row = conn.execute(select(events).where(events.c.event_id == event_id)).mappings().first()
            if row is None:
                return None
            src = conn.execute(
                select(documents.c.doc_id, documents.c.title, documents.c.url, documents.c.source_path.label("path"),
                       documents.c.doc_date, event_sources.c.evidence)
                .join(documents, documents.c.doc_id == event_sources.c.doc_id)
                .where(event_sources.c.event_id == event_id)
                .order_by(documents.c.doc_date, documents.c.ingested_at)
            ).mappings().all()
            cl = conn.execute(
                select(claims.c.claimant, *[claims.c[n] for n in CLAIM_FIELDS], claims.c.doc_id, claims.c.evidence)
                .where(claims.c.event_id == event_id).order_by(claims.c.claim_id)
            ).mappings().all()
        event_row = dict(row)
        event_row["doc_ids"] = event_row["doc_ids"].split()
        return {"event": event_row, "sources": [dict(s) for s in src], "claims": [dict(c) for c in cl]}

    def control_claims(self) -> pd.DataFrame:
        """Who was claimed to hold each place and when, one row per claim, oldest first."""
        query = (
            select(events.c.gazetteer_id, events.c.place_text, events.c.place_name, events.c.latitude,
                   events.c.longitude, events.c.event_date, claims.c.controller, claims.c.share_percent,
                   claims.c.claimant, events.c.event_id, events.c.controller.label("event_controller"))
            .join(claims, claims.c.event_id == events.c.event_id)
            .where(events.c.event_type == "territorial_change")
            .order_by(events.c.event_date, claims.c.claim_id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        out = []
        for r in rows:
            place_key = r["gazetteer_id"] or "text:" + " ".join(r["place_text"].lower().split())
            out.append((place_key, r["place_name"] or r["place_text"], r["latitude"], r["longitude"], r["event_date"],
                        r["controller"] or r["event_controller"], r["share_percent"], r["claimant"], r["event_id"]))
        columns = ["place_key", "place_name", "latitude", "longitude", "event_date", "controller", "share_percent",
                   "claimant", "event_id"]
        frame = typed_frame(out, columns)
        return frame.sort_values(["place_key", "event_date"], kind="stable").reset_index(drop=True)

    # ---- geocoding review and overrides ---------------------------------------------------------------------
    def review_names(self, max_score: float = 0.9) -> pd.DataFrame:
        """Place texts whose events are unresolved or scored below `max_score`, with the geocoder's candidates."""
        weak = or_(events.c.latitude.is_(None), events.c.geo_precision == "unresolved",
                   events.c.geocode_score.is_(None), events.c.geocode_score < max_score)
        query = (
            select(events.c.place_text, func.max(events.c.country).label("country"),
                   func.count().label("n_events"), func.min(events.c.geocode_score).label("score"),
                   func.max(events.c.place_name).label("place_name"),
                   func.max(events.c.gazetteer_id).label("gazetteer_id"))
            .where(events.c.place_text != "", weak)
            .group_by(events.c.place_text)
            .order_by(func.count().desc(), events.c.place_text)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            doc_countries = self._document_countries(conn, weak) if rows else {}
        columns = ["place_text", "country", "n_events", "score", "place_name", "gazetteer_id", "candidates"]
        if not rows:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        from geo import GeoContext

        out = []
        for r in rows:
            countries = (r["country"],) if r["country"] else tuple(sorted(doc_countries.get(r["place_text"], ())))
            resolution = self.geocoder.resolve(r["place_text"], GeoContext(countries=countries) if countries else None)
            out.append({**dict(r), "candidates": [c.to_dict() for c in resolution.candidates]})
        frame = pd.DataFrame(out, columns=columns)
        frame["n_events"] = frame["n_events"].astype("int64")
        frame["score"] = pd.to_numeric(frame["score"], errors="coerce").astype("float64")
        return frame

    @staticmethod
    def _document_countries(conn: Connection, weak: ColumnElement[bool]) -> dict[str, set[str]]:
        """Per weak place text, the countries of the places its documents resolved: the context an unresolved name
        had at extraction, so its review candidates rank the story's countries first."""
        weak_docs = (select(events.c.place_text, event_sources.c.doc_id)
                     .join(event_sources, event_sources.c.event_id == events.c.event_id)
                     .where(events.c.place_text != "", weak).subquery())
        sibling, sibling_src = events.alias("sibling"), event_sources.alias("sibling_src")
        query = (select(weak_docs.c.place_text, sibling.c.country).distinct()
                 .join(sibling_src, sibling_src.c.doc_id == weak_docs.c.doc_id)
                 .join(sibling, sibling.c.event_id == sibling_src.c.event_id)
                 .where(sibling.c.country.is_not(None), sibling.c.country != ""))
        found: dict[str, set[str]] = {}
        for place_text, country in conn.execute(query):
            found.setdefault(place_text, set()).add(country)
        return found

    def list_overrides(self) -> list[Override]:
        from geo.model import Override

        with self.engine.connect() as conn:
            rows = conn.execute(select(geocode_overrides).order_by(geocode_overrides.c.name)).mappings().all()
        return [Override(name=r["place_text"], gazetteer_id=r["gazetteer_id"], lat=r["lat"], lon=r["lon"],
                         note=r["note"]) for r in rows]

    def set_override(self, place_text: str, gazetteer_id: str | None = None, lat: float | None = None,
                     lon: float | None = None, note: str = "") -> int:
        """Store an analyst's correction, teach it to the geocoder and re-place every event using that name."""
        from geo.model import Override
        from geo.normalize import normalize

        place_text = _clean(place_text or "").strip()
        key = normalize(place_text) if place_text else ""
        if not key:
            raise ValueError(f"place_text {place_text!r} is empty after normalization")
        validate_coordinates(lat, lon, f"override for {place_text!r}")
        gazetteer_id = (gazetteer_id or "").strip()
        if not gazetteer_id and lat is None:
            raise ValueError(f"override for {place_text!r} needs a gazetteer_id or lat and lon")
        override = Override(name=place_text, gazetteer_id=gazetteer_id, lat=lat, lon=lon, note=_clean(note or ""))
        geocoder = self.geocoder
        try:
            geocoder.add_override(override)
        except KeyError:
            raise ValueError(f"gazetteer_id {gazetteer_id!r} is not in the gazetteer "
                             f"(override for {place_text!r})") from None
        try:
            values = self._override_values(geocoder, override)
            with self.engine.begin() as conn:
                self._upsert_override(conn, key, override)
                names = [p for p in conn.execute(select(events.c.place_text).distinct()).scalars()
                         if normalize(p) == key]
                changed = 0
                for chunk in _chunks(names):
                    result = conn.execute(update(events).where(events.c.place_text.in_(chunk))
                                          .values(**values, updated_at=_now()))
                    changed += result.rowcount
        except Exception:
            self._load_overrides(geocoder)  # forget the override the database refused
            raise
        return changed

    @staticmethod
    def _override_values(geocoder: Geocoder, override: Override) -> dict[str, Any]:
        resolution = geocoder.resolve(override.name)
        place = resolution.place
        if place is None or (override.gazetteer_id and place.gid != override.gazetteer_id):
            target = override.gazetteer_id or f"{override.lat}, {override.lon}"
            raise ValueError(f"gazetteer_id {target!r} could not be applied to {override.name!r}: "
                             f"{resolution.reason or 'not in the gazetteer'}")
        lat = override.lat if override.lat is not None else (resolution.lat if resolution.lat is not None
                                                             else place.lat)
        lon = override.lon if override.lon is not None else (resolution.lon if resolution.lon is not None
                                                             else place.lon)
        precision = resolution.precision if resolution.precision not in ("", "unresolved") else "place"
        return {"latitude": lat, "longitude": lon, "place_name": place.name, "country": place.country,
                "admin1": place.admin1, "geo_precision": precision, "geocode_score": 1.0,
                "gazetteer_id": place.gid,
                "geocode_reason": "override" + (f": {override.note}" if override.note else "")}

    @staticmethod
    def _upsert_override(conn: Connection, key: str, override: Override) -> None:
        values = {"place_text": override.name, "gazetteer_id": override.gazetteer_id, "lat": override.lat,
                  "lon": override.lon, "note": override.note, "created_at": _now()}
        exists = conn.execute(select(geocode_overrides.c.name).where(geocode_overrides.c.name == key)).first()
        if exists:
            conn.execute(update(geocode_overrides).where(geocode_overrides.c.name == key).values(**values))
        else:
            conn.execute(insert(geocode_overrides), [{"name": key, **values}])

    def close(self) -> None:
        self.engine.dispose()
