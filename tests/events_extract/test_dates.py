"""Date expressions resolve against the document date into start, end and precision; never after the document date."""

from __future__ import annotations

from datetime import date

from events.dates import find_dates

REF = date(2017, 7, 21)  # a Friday


def one(text: str, ref: date | None = REF):
    (m,) = find_dates(text, ref)
    return m.span.start, m.span.end, m.span.precision


def test_yesterday_is_the_day_before_the_document():
    assert one("yesterday") == (date(2017, 7, 20), date(2017, 7, 20), "day")


def test_weekday_is_the_latest_such_day_not_after_the_document():
    assert one("on Tuesday") == (date(2017, 7, 18), date(2017, 7, 18), "day")


def test_month_day_without_year_takes_the_documents_year():
    assert one("a May 12 strike") == (date(2017, 5, 12), date(2017, 5, 12), "day")


def test_month_day_later_than_the_document_falls_in_the_previous_year():
    assert one("on Dec. 26")[0] == date(2016, 12, 26)


def test_last_month_is_the_whole_previous_month():
    assert one("last month") == (date(2017, 6, 1), date(2017, 6, 30), "month")


def test_since_runs_to_the_document_date():
    assert one("since August 2014") == (date(2014, 8, 1), REF, "range")


def test_between_day_month_pair_crosses_the_new_year():
    assert one("between 30 December and 6 January", date(2019, 1, 8)) == (
        date(2018, 12, 30), date(2019, 1, 6), "range")


def test_month_day_range_across_months():
    assert one("April 27-May 3", date(2018, 5, 4)) == (date(2018, 4, 27), date(2018, 5, 3), "range")


def test_explicit_date_after_the_document_is_refused():
    assert one("on August 30, 2017")[2] == "unknown"


def test_range_running_past_the_document_is_cut_at_the_document_date():
    assert one("between August 2014 and July 2017")[1] == REF


def test_relative_dates_stay_unknown_without_a_document_date():
    assert one("yesterday", None) == (None, None, "unknown")


def test_said_today_is_marked_as_a_reporting_date():
    (m,) = find_dates("officials said today", REF)
    assert m.reporting


def test_dateline_is_a_reporting_date_and_the_event_date_is_not():
    marks = find_dates("BAGHDAD, July 21, 2017 — Troops advanced yesterday.", REF)
    assert [(m.text, m.reporting) for m in marks] == [("July 21, 2017", True), ("yesterday", False)]


def test_may_as_a_verb_is_not_a_date():
    assert find_dates("Fighters may withdraw soon.", REF) == []
