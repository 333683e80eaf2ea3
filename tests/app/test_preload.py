"""Server start: `streamlit run app.py` serves an st.App entry that reads the store before the first visit."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from events.store import Store
from view import preload as warm
from view import store_cache
from view.filters import options_for
from view.timeline import initial_window

REPO = Path(__file__).resolve().parents[2]


def _forbid_reads(monkeypatch) -> None:
    def refuse(self):
        raise AssertionError("the store was read again")

    monkeypatch.setattr(Store, "events_frame", refuse)
    monkeypatch.setattr(Store, "control_claims", refuse)


def test_after_the_preload_the_first_visit_reads_no_events(store_url, monkeypatch):
    warm.preload()
    _forbid_reads(monkeypatch)
    assert len(store_cache.load_frame(store_url)) == 8


def test_after_the_preload_the_default_control_layer_is_ready(store_url, monkeypatch):
    warm.preload()
    _forbid_reads(monkeypatch)
    default_end = initial_window(options_for(store_cache.load_frame(store_url)).bounds)[1]
    assert store_cache.control_layer(store_url, default_end) is not None


def test_the_server_lifespan_preloads_in_the_background_without_holding_up_the_start(store_url, monkeypatch):
    async def start_and_stop() -> None:
        async with warm.preload_at_start(None):
            pass

    asyncio.run(start_and_stop())
    for thread in threading.enumerate():
        if thread.name == warm.THREAD_NAME:
            thread.join(timeout=60)
    _forbid_reads(monkeypatch)
    assert len(store_cache.load_frame(store_url)) == 8


def test_the_preload_leaves_an_empty_store_to_the_first_visit(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    warm.preload()
    _forbid_reads(monkeypatch)
    with pytest.raises(AssertionError, match="read again"):  # nothing was cached: the visit reads after its ingest
        store_cache.load_frame(url)


def test_a_failing_preload_is_logged_and_leaves_the_server_running(tmp_path, monkeypatch, caplog):
    def broken(self, url):
        raise OSError("disk is gone")

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'broken.sqlite'}")
    monkeypatch.setattr(Store, "__init__", broken)
    with caplog.at_level(logging.WARNING, logger="view.preload"):
        warm.preload()
    assert "disk is gone" in caplog.text


def test_importing_app_py_gives_the_server_entry_without_running_a_page():
    code = "import app, streamlit as st; print(type(app.app).__name__, hasattr(app, 'pages'))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["App", "False"]
