"""Stepping the date window by week or month keeps its length and stays inside the data."""

from __future__ import annotations

from datetime import date

import pytest

from view.timeline import shift_window

BOUNDS = (date(2014, 1, 1), date(2019, 12, 31))


def test_a_week_step_moves_both_ends_seven_days():
    assert shift_window(date(2017, 3, 1), date(2017, 3, 31), "week", 1) == (date(2017, 3, 8), date(2017, 4, 7))


def test_a_month_step_back_moves_to_the_previous_month():
    assert shift_window(date(2017, 3, 1), date(2017, 3, 31), "month", -1) == (date(2017, 2, 1), date(2017, 3, 3))


def test_steps_stop_at_the_data_bounds_keeping_the_length():
    assert shift_window(date(2019, 12, 1), date(2019, 12, 31), "month", 1, BOUNDS) == (date(2019, 12, 1),
                                                                                       date(2019, 12, 31))
    assert shift_window(date(2014, 1, 5), date(2014, 1, 20), "week", -1, BOUNDS) == (date(2014, 1, 1),
                                                                                     date(2014, 1, 16))


def test_unknown_steps_are_refused():
    with pytest.raises(ValueError, match="fortnight"):
        shift_window(date(2017, 1, 1), date(2017, 2, 1), "fortnight", 1)
