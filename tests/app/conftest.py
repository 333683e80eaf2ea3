"""Synthetic events for the app's tests: short made-up dispatches about real places, written for these tests."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from events.frame import events_to_frame
from events.model import Document, Event
from events.store import Store
from view.filters import prepare_frame

PLACES = {
    "mosul": ("Mosul", "IQ", "Nineveh", 36.335, 43.119, "gn:99072"),
    "raqqa": ("Ar Raqqah", "SY", "Raqqa", 35.950, 39.009, "gn:163915"),
    "ayn_isa": ("Ayn Isa", "SY", "Raqqa", 36.385, 38.859, "gn:8883512"),
    "hawija": ("Al Hawijah", "IQ", "Kirkuk", 35.325, 43.774, "gn:96205"),
    "anbar": ("Anbar", "IQ", "Anbar", 33.0, 42.0, "cm:anbar"),
}


def make_event(event_type: str = "airstrike", place: str | None = "mosul", when: date | None = date(2017, 3, 1),
               *, doc_id: str = "doc-a", place_text: str = "", actor1: str = "Coalition", actor2: str = "ISIS",
               claimant: str = "CJTF-OIR", summary: str = "", evidence: str = "", precision: str = "place",
               confidence: float = 0.8, until: date | None = None, **extra) -> Event:
    """One event; place=None makes an unresolved one."""
    ev = Event(
        event_type=event_type, sub_event_type="", acled_event_type="", acled_sub_event_type="",
        event_date=when, date_end=until, date_precision="day" if when else "unknown",
        place_text=place_text or (PLACES[place][0] if place else "Wadi Nowhere"), doc_id=doc_id,
        evidence=evidence or f"Forces reported a {event_type.replace('_', ' ')} there.",
        evidence_start=0, evidence_end=10, actor1=actor1, actor2=actor2, claimant=claimant,
        summary=summary or f"{event_type} reported", confidence=confidence, **extra,
    )
    if place:
        name, country, admin1, lat, lon, gid = PLACES[place]
        ev.place_name, ev.country, ev.admin1, ev.latitude, ev.longitude = name, country, admin1, lat, lon
        ev.gazetteer_id, ev.geo_precision, ev.geocode_score = gid, precision, 0.93
    return ev


def sample_events() -> list[Event]:
    """A small spread over types, places, actors, dates, precisions; one undated and one unresolved."""
    return [
        make_event("airstrike", "mosul", date(2017, 3, 1)),
        make_event("airstrike", "raqqa", date(2017, 6, 20), precision="near", place_text="near Raqqa"),
        make_event("ground_clash", "raqqa", date(2017, 6, 10), actor1="SDF", actor2="ISIS", claimant="SDF"),
        make_event("territorial_change", "ayn_isa", date(2017, 7, 2), actor1="SDF", claimant="SDF",
                   place_text="Ain Issa", controller="SDF", share_percent=100.0),
        make_event("civilian_harm", "hawija", date(2016, 11, 5), claimant="Airwars", confidence=0.4,
                   place_text="Hwayjah", summary="Civilians killed in a strike on Hwayjah"),
        make_event("explosion", "anbar", date(2015, 5, 17), actor1="ISIS", actor2="", precision="province"),
        make_event("displacement", "mosul", None, actor1="", actor2="", claimant="UNICEF"),
        make_event("strategic", None, date(2016, 1, 15), actor1="Russia", actor2=""),
    ]


def frame_of(events: list[Event]) -> pd.DataFrame:
    return prepare_frame(events_to_frame(events))


@pytest.fixture
def frame() -> pd.DataFrame:
    return frame_of(sample_events())


def fill_store(store, events: list[Event]) -> None:
    """Store the events, one made-up document per doc_id."""
    by_doc: dict[str, list[Event]] = {}
    for ev in events:
        by_doc.setdefault(ev.doc_id, []).append(ev)
    for doc_id, evs in by_doc.items():
        doc = Document(doc_id=doc_id, text=" ".join(e.evidence for e in evs), title=f"Dispatch {doc_id}",
                       url=f"https://example.org/{doc_id}", date=date(2017, 8, 1), source="example")
        store.add_document(doc, evs)


@pytest.fixture
def synth() -> SimpleNamespace:
    """The factories above, for tests (conftest modules are not importable under --import-mode=importlib)."""
    return SimpleNamespace(make_event=make_event, sample_events=sample_events, frame_of=frame_of,
                           fill_store=fill_store)


@pytest.fixture
def store_url(tmp_path, monkeypatch) -> str:
    """$DATABASE_URL pointing at a temporary SQLite store holding sample_events()."""
    url = f"sqlite:///{tmp_path / 'events.sqlite'}"
    store = Store(url)
    fill_store(store, sample_events())
    store.close()
    monkeypatch.setenv("DATABASE_URL", url)
    return url
