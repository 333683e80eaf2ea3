"""Helpers for the event detail view and map clicks: safe text, tables of sources and claims, nearest event."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
SOURCE_COLUMNS = ("title", "doc_date", "url", "path", "evidence", "doc_id")
CLAIM_COLUMNS = ("claimant", "strikes", "killed_min", "killed_max", "civilians_killed_min", "civilians_killed_max",
                 "share_percent", "controller", "hedging", "evidence", "doc_id")


def md_escape(text: object) -> str:
    """Article text shown through st.markdown renders literally: no links, images, HTML or maths."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(str(text).split()))


def sources_frame(detail: dict) -> pd.DataFrame:
    return pd.DataFrame(detail.get("sources") or [], columns=list(SOURCE_COLUMNS))


def claims_frame(detail: dict) -> pd.DataFrame:
    frame = pd.DataFrame(detail.get("claims") or [])
    return frame.reindex(columns=[c for c in CLAIM_COLUMNS if c in frame.columns or c in ("claimant", "evidence")])


def nearest_event(frame: pd.DataFrame, lat: float, lon: float, max_degrees: float = 0.05) -> str | None:
    """The event drawn closest to a clicked point (within ~5 km), newest first on ties."""
    located = frame[frame["latitude"].notna() & frame["longitude"].notna()]
    if located.empty:
        return None
    distance = np.hypot(located["latitude"].to_numpy() - lat,
                        (located["longitude"].to_numpy() - lon) * math.cos(math.radians(lat)))
    best = distance.min()
    if best > max_degrees:
        return None
    tied = located[distance <= best + 1e-9]
    tied = tied.sort_values("_start", ascending=False, na_position="last")
    return str(tied.iloc[0]["event_id"])
