"""Stepping the date window by week or month keeps its length and stays inside the data."""

from __future__ import annotations

from datetime import date

import pytest

from view.timeline import shift_window

BOUNDS = (date(2014, 1, 1), date(2019, 12, 31))


def test_a_week_step_moves_both_ends_seven_days():
    assert shift_window(date(2017, 3, 1), date(2017, 3, 31), "week", 1) == (date(2017, 3, 8), date(2017, 4, 7))


def test_a_month_step_back_moves_to_the_previous_calendar_month():
    assert shift_window(date(2017, 3, 1), date(2017, 3, 31), "month", -1) == (date(2017, 2, 1), date(2017, 2, 28))


def test_a_quarter_steps_by_a_month_without_drifting_off_month_ends():
    assert shift_window(date(2016, 1, 1), date(2016, 3, 31), "month", 1) == (date(2016, 2, 1), date(2016, 4, 30))
    assert shift_window(date(2016, 2, 1), date(2016, 4, 30), "month", 1) == (date(2016, 3, 1), date(2016, 5, 31))


def test_a_month_step_keeps_mid_month_days():
    assert shift_window(date(2017, 1, 10), date(2017, 2, 20), "month", 1) == (date(2017, 2, 10), date(2017, 3, 20))


def test_steps_stop_at_the_data_bounds_keeping_the_length():
    assert shift_window(date(2019, 12, 1), date(2019, 12, 31), "month", 1, BOUNDS) == (date(2019, 12, 1),
                                                                                       date(2019, 12, 31))
    assert shift_window(date(2014, 1, 5), date(2014, 1, 20), "week", -1, BOUNDS) == (date(2014, 1, 1),
                                                                                     date(2014, 1, 16))


def test_unknown_steps_are_refused():
    with pytest.raises(ValueError, match="fortnight"):
        shift_window(date(2017, 1, 1), date(2017, 2, 1), "fortnight", 1)
