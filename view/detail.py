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


CLAIM_COUNTS = ("strikes", "killed_min", "killed_max", "civilians_killed_min", "civilians_killed_max")


def claims_frame(detail: dict) -> pd.DataFrame:
    """One row per claim; a figure the source did not give is an empty cell, not the word None."""
    frame = pd.DataFrame(detail.get("claims") or [])
    frame = frame.reindex(columns=[c for c in CLAIM_COLUMNS if c in frame.columns or c in ("claimant", "evidence")])
    for col in CLAIM_COUNTS:  # shown as text: the grid draws a missing number as a grey "None"
        if col in frame:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64").astype("string").fillna("")
    if "share_percent" in frame:
        share = pd.to_numeric(frame["share_percent"], errors="coerce")
        frame["share_percent"] = share.map(lambda v: "" if pd.isna(v) else f"{v:g}%")
    return frame.astype(object).where(frame.notna(), "")


def facts_frame(event: dict, fields: tuple[str, ...]) -> pd.DataFrame:
    """The event's key facts as one row of text; missing values are empty cells."""
    return pd.DataFrame([{k: "" if _missing(event.get(k)) else str(event.get(k)) for k in fields}])


def _missing(value: object) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


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


CONTEXT_COLUMNS = ("event_date", "event_type", "evidence", "source_title", "place_name", "country")


def name_context(frame: pd.DataFrame, place_text: str, limit: int = 20) -> pd.DataFrame:
    """The events that use a place name, with their sentences: what a reviewer needs to pick the right place."""
    rows = frame.loc[frame["place_text"] == place_text]
    return rows.head(limit).reindex(columns=list(CONTEXT_COLUMNS)).reset_index(drop=True)
