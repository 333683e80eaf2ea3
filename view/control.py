"""Territorial control as of a date: the last claim naming a controller wins; every claim stays in the popup.

A later claim that names nobody ("90 percent of the town is destroyed") says nothing about who holds the place,
so it is listed in the history but does not turn a known controller into "unknown".
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

CONTROL_COLUMNS = ("place_key", "place_name", "latitude", "longitude", "event_date", "controller",
                   "share_percent", "claimant", "event_id")


def _escaped(values: pd.Series) -> pd.Series:
    """html.escape each distinct value once."""
    text = values.fillna("").astype(str)
    return text.map({v: html.escape(v) for v in text.unique()})


def _claim_lines(frame: pd.DataFrame) -> pd.Series:
    """One escaped table row per claim: date, controller, share of place, claimant."""
    share = pd.to_numeric(frame["share_percent"], errors="coerce")
    share_text = share.map(lambda v: "" if pd.isna(v) else f"{v:g}% of ")
    controller = _escaped(frame["controller"].replace("", "unknown"))
    claimant = _escaped(frame["claimant"].replace("", "unattributed"))
    return ("<tr><td>" + frame["event_date"].dt.strftime("%Y-%m-%d") + "</td><td>" + controller + "</td><td>"
            + share_text + _escaped(frame["place_name"]) + "</td><td>" + claimant + "</td></tr>")


def control_as_of(claims: pd.DataFrame, as_of: date | None) -> pd.DataFrame:
    """One row per located place: its last claimed controller on or before `as_of`, with an escaped history popup."""
    columns = [*CONTROL_COLUMNS, "n_claims", "popup_html"]
    if claims is None or claims.empty:
        return pd.DataFrame(columns=columns)
    frame = claims.copy()
    frame["event_date"] = pd.to_datetime(frame["event_date"], errors="coerce")
    frame["controller"] = frame["controller"].fillna("").astype(str).str.strip()
    frame["claimant"] = frame["claimant"].fillna("").astype(str).str.strip()
    frame = frame[frame["event_date"].notna() & frame["latitude"].notna() & frame["longitude"].notna()]
    if as_of is not None:
        frame = frame[frame["event_date"] < pd.Timestamp(as_of) + pd.Timedelta(days=1)]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame.sort_values(["place_key", "event_date"], kind="stable")
    frame["line"] = _claim_lines(frame)
    grouped = frame.groupby("place_key", sort=False)
    named = frame[frame["controller"] != ""]
    last = grouped.tail(1).set_index("place_key")
    deciding = named.groupby("place_key", sort=False).tail(1).set_index("place_key")
    last.loc[deciding.index] = deciding
    history = grouped["line"].agg(lambda lines: "".join(reversed(lines.tolist())))
    last["n_claims"] = grouped.size()
    as_of_text = html.escape(as_of.isoformat()) if as_of else "latest"
    last["popup_html"] = (
        "<div style='max-width:360px'><b>" + _escaped(last["place_name"]) + "</b>: last claimed controller as of "
        + as_of_text + ": <b>" + _escaped(last["controller"].replace("", "unknown")) + "</b>"
        "<table style='font-size:11px'><tr><th>date</th><th>controller</th><th>share</th><th>claimant</th></tr>"
        + history.reindex(last.index) + "</table></div>")
    return last.reset_index().reindex(columns=columns).reset_index(drop=True)
