"""Server start: warm what the first visit to the default map would otherwise wait for (store read, control layer,
Folium's templates), in the background, so the server answers at once and an early visitor just waits for the cache."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from view.filters import options_for
from view.folium_map import build_map
from view.store_cache import control_layer, get_store, load_frame
from view.timeline import initial_window

THREAD_NAME = "preload"
_LOG = logging.getLogger(__name__)


class _NoSessionWarning(logging.Filter):
    """Streamlit warns when a thread without a session uses its caches' spinners; the preload has none by design."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME


def preload() -> None:
    """Fill the caches the default map reads; an empty store is left to the first visit's ingest."""
    try:
        store = get_store()
        if not store.counts()["documents"]:
            return
        frame = load_frame(store.url)
        control = control_layer(store.url, initial_window(options_for(frame).bounds)[1])
        build_map(frame.head(50), control=control)[0].get_root().render()  # compiles the templates once
    except Exception as error:  # the first visit reads the store again and shows the error on its page
        _LOG.warning("Preloading the events failed (%s); the first visit will read the store itself.", error)


@asynccontextmanager
async def preload_at_start(_app: Any) -> AsyncIterator[None]:
    """st.App lifespan: start the preload and let the server accept visits meanwhile."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_NoSessionWarning())
    threading.Thread(target=preload, name=THREAD_NAME, daemon=True).start()
    yield
