"""The process-wide store, geocoder and cached event frames, shared by every session and by the server-start preload.

They live outside app.py because Streamlit keys its caches by module: the page script runs as `__main__`, the
server imports app.py as `app`, and only a shared module gives both the same cache."""

from __future__ import annotations

import threading
import time
from datetime import date

import pandas as pd
import streamlit as st

from events.store import Store, default_url
from view.control import control_as_of
from view.filters import prepare_frame

GEOCODER_WARMUP_DELAY = 2.0  # seconds after the complete page went out: the browser is still drawing it
_GEOCODER_LOCK = threading.Lock()  # Store.geocoder loads and registers overrides on first use: one thread at a time
FILL_LOCK = threading.Lock()  # one first-start ingest even when several visitors arrive at once


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    return Store(url)


def get_store() -> Store:
    """One Store per database URL and process ($DATABASE_URL or the default SQLite file)."""
    return _store_for(default_url())


def get_geocoder():
    """The store's geocoder (Geocoder.default() with the stored overrides), cached with the store."""
    with _GEOCODER_LOCK:
        return get_store().geocoder


@st.cache_resource(show_spinner=False)
def start_geocoder_warmup(store_url: str, delay: float = GEOCODER_WARMUP_DELAY) -> threading.Thread:
    """Load the geocoder (~1 s) in the background once per process, after the complete page has been sent.

    The map never needs it; a text search and the review page do, and then it is already warm."""
    store = get_store()

    def warm() -> None:
        time.sleep(delay)
        with _GEOCODER_LOCK:
            store.geocoder  # noqa: B018 - the property loads the geocoder and registers the stored overrides

    thread = threading.Thread(target=warm, name="geocoder-warmup", daemon=True)
    thread.start()
    return thread


@st.cache_resource(show_spinner="Reading events…", max_entries=2)
def load_frame(store_url: str) -> pd.DataFrame:
    """Shared read-only by every session and rerun (cache_resource: no copy per rerun; filters never mutate it)."""
    return prepare_frame(get_store().events_frame())


@st.cache_resource(show_spinner=False, max_entries=2)
def load_control_claims(store_url: str) -> pd.DataFrame:
    return get_store().control_claims()


@st.cache_resource(show_spinner=False, max_entries=64)
def control_layer(store_url: str, as_of: date | None) -> pd.DataFrame:
    """Last claimed controller per place as of the end of the date window (shared read-only, like the frame)."""
    return control_as_of(load_control_claims(store_url), as_of)


@st.cache_resource(show_spinner=False, max_entries=256)
def resolve_query_ids(query: str) -> tuple[str, ...]:
    """Alias search: the gazetteer id the query resolves to ("Ain Issa" -> the id of Ayn Isa)."""
    if len(query) < 3:
        return ()
    resolution = get_geocoder().resolve(query)
    return (resolution.place.gid,) if resolution.resolved else ()


def clear_frame_cache() -> None:
    load_frame.clear()
    load_control_claims.clear()
    control_layer.clear()
