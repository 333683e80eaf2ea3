"""Moving the date window by a week or a month, for the step buttons and the play toggle."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd


def shift_window(date_from: date, date_to: date, step: str, direction: int,
                 bounds: tuple[date, date] | None = None) -> tuple[date, date]:
    """Move [from, to] by one week or month in `direction` (+1/-1), clamped to `bounds`.

    A week step keeps the length; a month step moves both ends by a calendar month, and an end on a month's
    last day stays on the last day, so January-March becomes February-April, not February-May 1."""
    if step not in ("week", "month"):
        raise ValueError(f"step must be 'week' or 'month', got {step!r}")
    length = date_to - date_from
    if step == "week":
        start = date_from + timedelta(days=7 * direction)
        end = start + length
    else:
        start = _add_months(date_from, direction)
        end = _add_months(date_to, direction)
        if _is_month_end(date_to):
            end = (pd.Timestamp(end) + pd.offsets.MonthEnd(0)).date()
    if bounds is not None:
        low, high = bounds
        if end > high:
            end, start = high, max(low, high - length)
        if start < low:
            start, end = low, min(high, low + length)
    return start, end


def initial_window(bounds: tuple[date, date] | None) -> tuple[date, date]:
    """The whole data range, or today when the store is empty."""
    if bounds is None:
        today = date.today()
        return today, today
    return bounds


def _add_months(day: date, months: int) -> date:
    return (pd.Timestamp(day) + pd.DateOffset(months=months)).date()


def _is_month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1
