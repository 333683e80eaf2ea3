"""Map centre and zoom: the user's moves are adopted, but a view the app just set is not undone by late reports."""

from __future__ import annotations

from view.map_view import ViewSync, view_of

MOSUL = ((36.34, 43.13), 10)
RAQQA = ((35.95, 39.01), 10)
THEATRE = ((34.5, 41.0), 6)


def report(view) -> dict:
    (lat, lon), zoom = view
    return {"center": {"lat": lat, "lng": lon}, "zoom": zoom, "last_object_clicked": None}


def test_a_report_without_centre_is_no_view():
    assert view_of({"zoom": 6}) is None and view_of(None) is None
    assert view_of({"center": {"lat": "x", "lng": 1}, "zoom": 3}) is None


def test_a_new_user_move_is_adopted_once():
    sync = ViewSync()
    assert sync.on_report(report(MOSUL)) == MOSUL
    assert sync.on_report(report(MOSUL)) is None  # the same value again on a later rerun


def test_a_late_report_after_a_row_is_picked_does_not_move_the_map_back():
    sync = ViewSync()
    sync.on_report(report(THEATRE))
    sync.app_set(RAQQA)
    assert sync.on_report(report(THEATRE)) is None  # the rerun right after the pick still sees the old value
    assert sync.on_report(report(MOSUL)) is None  # a pan reported before the pick, arriving late


def test_the_map_echoing_the_app_view_ends_the_grace_period():
    sync = ViewSync()
    sync.app_set(RAQQA)
    assert sync.on_report(report(((35.9507, 39.0093), 10))) is None  # the echo, off by pixel rounding
    assert sync.on_report(report(MOSUL)) == MOSUL  # the user's next move counts again


def test_user_moves_count_again_after_the_grace_runs_even_without_an_echo():
    sync = ViewSync(grace_runs=2)
    sync.app_set(RAQQA)
    assert sync.on_report(report(THEATRE)) is None
    assert sync.on_report(report(MOSUL)) is None
    assert sync.on_report(report(((33.3, 44.4), 8))) == ((33.3, 44.4), 8)


def test_setting_the_view_the_map_already_shows_waits_for_nothing():
    sync = ViewSync()
    sync.on_report(report(RAQQA))
    sync.app_set(RAQQA)
    assert sync.on_report(report(MOSUL)) == MOSUL


def test_the_starting_view_echoed_a_fraction_of_a_pixel_off_is_not_a_move():
    from view.map_view import unmoved

    assert unmoved(((34.5066, 41.001), 6), THEATRE)


def test_a_pan_of_a_few_pixels_or_a_zoom_is_a_move():
    from view.map_view import unmoved

    assert not unmoved(((34.6, 41.0), 6), THEATRE)
    assert not unmoved(((34.5, 41.0), 7), THEATRE)
