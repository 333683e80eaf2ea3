"""Fixtures for the store tests: hand-built documents and events, a stand-in geocoder, SQLite and a real PostgreSQL."""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from events.model import Document, Event
from events.store import Store
from geo.model import Candidate, GeoContext, Override, Place, Resolution
from geo.normalize import normalize

# ---- records built by hand ------------------------------------------------------------------------------------

MOSUL = Place("gn:99072", "Mosul", 36.335, 43.119, "IQ", "Nineveh", "city", 1_739_800)
RAQQA = Place("gn:163915", "Ar Raqqah", 35.953, 39.009, "SY", "Raqqa", "city", 177_000)
QAYYARAH = Place("gn:94298", "Qayyarah", 35.807, 43.290, "IQ", "Nineveh", "town", 20_000)


def _make_doc(text: str, title: str = "", day: date | None = date(2017, 3, 1), path: str = "") -> Document:
    doc_id = hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:16]
    return Document(doc_id=doc_id, text=text, title=title or text[:40], url=f"https://example.org/{doc_id}",
                    date=day, source="example.org", source_path=path or f"{doc_id}.txt")


def _make_event(doc: Document, **fields) -> Event:
    """An airstrike near Mosul reported by `doc`, with any field replaced."""
    base = Event(
        event_type="airstrike", sub_event_type="air strike", acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike", event_date=date(2017, 2, 27), date_end=None,
        date_precision="day", place_text="Mosul", doc_id=doc.doc_id, evidence=doc.text[:80], evidence_start=0,
        evidence_end=min(80, len(doc.text)), actor1="Coalition", claimant="CJTF-OIR", place_name=MOSUL.name,
        country=MOSUL.country, admin1=MOSUL.admin1, latitude=MOSUL.lat, longitude=MOSUL.lon,
        geo_precision="place", geocode_score=0.97, gazetteer_id=MOSUL.gid, geocode_reason="exact name",
        strikes=4, summary="Coalition air strikes near Mosul", confidence=0.8, source_title=doc.title,
        source_url=doc.url, source_path=doc.source_path, doc_date=doc.date,
    )
    return replace(base, **fields)


def _unresolved(doc: Document, place_text: str, **fields) -> Event:
    return _make_event(doc, place_text=place_text, place_name="", country="", admin1="", latitude=None,
                      longitude=None, geo_precision="unresolved", geocode_score=0.4, gazetteer_id="",
                      geocode_reason="no candidate above threshold", **fields)


class FakeGeocoder:
    """Just enough of geo.Geocoder for the store: a fixed set of places plus overrides by normalized name."""

    def __init__(self, places: tuple[Place, ...] = (MOSUL, RAQQA, QAYYARAH)) -> None:
        self.places = {p.gid: p for p in places}
        self.overrides: dict[str, Override] = {}

    def add_override(self, override: Override) -> None:
        if override.gazetteer_id and override.gazetteer_id not in self.places:
            raise KeyError(override.gazetteer_id)
        self.overrides[normalize(override.name)] = override

    def clear_overrides(self) -> None:
        self.overrides.clear()

    def resolve(self, name: str, context: GeoContext | None = None) -> Resolution:
        override = self.overrides.get(normalize(name))
        if override is not None:
            place = self.places.get(override.gazetteer_id) if override.gazetteer_id else Place(
                "user:" + normalize(name), name, override.lat, override.lon, "")
            if place is None:
                return Resolution(name, None, 0.0, "unresolved", "override names an unknown gazetteer id")
            lat = override.lat if override.lat is not None else place.lat
            lon = override.lon if override.lon is not None else place.lon
            return Resolution(name, place, 1.0, "place", "override", [], "", lat, lon)
        candidates = [Candidate(p, 0.5, "fake") for p in self.places.values()
                      if normalize(p.name)[:1] == normalize(name)[:1]]
        return Resolution(name, None, 0.3, "unresolved", "fake: no exact match", candidates)


# ---- databases ------------------------------------------------------------------------------------------------

def _postgres_bindir() -> Path | None:
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name or 0))
    for d in reversed(dirs):
        if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists():
            return Path(d)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster on 127.0.0.1; yields the server URL without a database name."""
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL binaries under /usr/lib/postgresql/*/bin (Debian package `postgresql`)")
    root = Path(tempfile.mkdtemp(prefix="cm-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log, port = root / "data", root / "server.log", _free_port()

    def run(*args: str) -> None:
        proc = subprocess.run([*as_user, *args], capture_output=True, text=True, timeout=120)
        if proc.returncode:
            raise RuntimeError(f"{args[0]} failed ({proc.returncode}): {proc.stderr or proc.stdout}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c full_page_writes=off"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the session's server, dropped after the test."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    admin = postgres_server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # name is generated above, never user input
    yield f"{postgres_server}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def make_doc():
    return _make_doc


@pytest.fixture
def make_event():
    return _make_event


@pytest.fixture
def unresolved():
    return _unresolved


@pytest.fixture
def places() -> dict[str, Place]:
    return {"mosul": MOSUL, "raqqa": RAQQA, "qayyarah": QAYYARAH}


@pytest.fixture
def new_geocoder() -> type[FakeGeocoder]:
    return FakeGeocoder


@pytest.fixture
def geocoder() -> FakeGeocoder:
    return FakeGeocoder()


@pytest.fixture
def store(db_url, geocoder):
    s = Store(db_url, geocoder=geocoder)
    yield s
    s.close()
