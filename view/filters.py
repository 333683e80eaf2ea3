"""Vectorised filtering of the events frame: one boolean mask per filter, combined once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd

from view.styles import load_styles
from view.url_state import Options, ViewState

SEARCH_COLUMNS = ("place_text", "place_name", "summary", "evidence")


def prepare_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the helper columns the filters and the map need, once per store read (cached by the app)."""
    out = frame.copy()
    for column in ("event_date", "date_end", "doc_date"):
        if column in out:
            out[column] = pd.to_datetime(out[column], errors="coerce")
    out["_start"] = out["event_date"]
    out["_stop"] = out["date_end"].fillna(out["event_date"])
    search = out[SEARCH_COLUMNS[0]].fillna("").astype(str)
    for column in SEARCH_COLUMNS[1:]:
        search = search + "\n" + out[column].fillna("").astype(str)
    out["_search"] = search.str.lower()
    out["_side"] = load_styles().sides_of(out["actor1"]) if len(out) else pd.Series(dtype=str)
    out["confidence"] = pd.to_numeric(out["confidence"], errors="coerce").fillna(0.0)
    return out.reset_index(drop=True)


def _distinct(frame: pd.DataFrame, columns: Iterable[str]) -> frozenset[str]:
    values: set[str] = set()
    for column in columns:
        values.update(v for v in frame[column].dropna().astype(str).unique() if v)
    return frozenset(values)


def options_for(frame: pd.DataFrame) -> Options:
    """The choices the sidebar offers and the URL parser accepts."""
    starts = frame["_start"].dropna()
    stops = frame["_stop"].dropna()
    return Options(
        date_min=starts.min().date() if len(starts) else None,
        date_max=stops.max().date() if len(stops) else None,
        actors=_distinct(frame, ("actor1", "actor2")),
        claimants=_distinct(frame, ("claimant",)),
        countries=_distinct(frame, ("country",)),
        provinces=_distinct(frame, ("admin1",)),
    )


def date_mask(frame: pd.DataFrame, date_from: date | None, date_to: date | None, show_undated: bool) -> np.ndarray:
    """An event is in the window when its [start, end] span overlaps it."""
    start, stop = frame["_start"], frame["_stop"]
    mask = np.ones(len(frame), dtype=bool)
    if date_from is not None:
        mask &= (stop >= pd.Timestamp(date_from)).to_numpy()
    if date_to is not None:
        mask &= (start < pd.Timestamp(date_to) + pd.Timedelta(days=1)).to_numpy()
    undated = start.isna().to_numpy()
    return (mask & ~undated) | (undated & show_undated)


def text_mask(frame: pd.DataFrame, query: str, gazetteer_ids: Iterable[str] = ()) -> np.ndarray:
    """Case-insensitive substring match on place and text, or the gazetteer ids the query resolved to."""
    needle = query.strip().lower()
    if not needle:
        return np.ones(len(frame), dtype=bool)
    mask = frame["_search"].str.contains(needle, regex=False).to_numpy(dtype=bool)
    ids = [gid for gid in gazetteer_ids if gid]
    if ids:
        mask = mask | frame["gazetteer_id"].isin(ids).to_numpy()
    return mask


def filter_mask(frame: pd.DataFrame, state: ViewState, gazetteer_ids: Iterable[str] = ()) -> np.ndarray:
    """All filters of the view state combined."""
    mask = date_mask(frame, state.date_from, state.date_to, state.show_undated)
    if state.types:
        mask &= frame["event_type"].isin(state.types).to_numpy()
    if state.actors:
        mask &= (frame["actor1"].isin(state.actors) | frame["actor2"].isin(state.actors)).to_numpy()
    if state.claimants:
        mask &= frame["claimant"].isin(state.claimants).to_numpy()
    if state.countries:
        mask &= frame["country"].isin(state.countries).to_numpy()
    if state.provinces:
        mask &= frame["admin1"].isin(state.provinces).to_numpy()
    if state.min_confidence > 0:
        mask &= (frame["confidence"] >= state.min_confidence).to_numpy()
    if not state.show_unresolved:
        mask &= (frame["latitude"].notna() & frame["longitude"].notna()).to_numpy()
    if state.query:
        mask &= text_mask(frame, state.query, gazetteer_ids)
    return mask


def apply_filters(frame: pd.DataFrame, state: ViewState, gazetteer_ids: Iterable[str] = ()) -> pd.DataFrame:
    return frame.loc[filter_mask(frame, state, gazetteer_ids)]
