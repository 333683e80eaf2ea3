"""URL parameters: valid views round-trip; hostile or malformed values are dropped and named, never echoed."""

from __future__ import annotations

from datetime import date

import pytest

from view.url_state import Options, ViewState, parse_params, safe_param_name, share_url, to_params

OPTIONS = Options(date_min=date(2014, 1, 1), date_max=date(2019, 12, 31), actors=frozenset({"SDF", "Coalition"}),
                  claimants=frozenset({"Airwars"}), countries=frozenset({"IQ", "SY"}),
                  provinces=frozenset({"Nineveh"}))
HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]


def test_a_full_view_round_trips_through_the_url():
    state = ViewState(date_from=date(2017, 1, 1), date_to=date(2017, 7, 31), types=("airstrike", "ground_clash"),
                      actors=("SDF",), claimants=("Airwars",), countries=("IQ",), provinces=("Nineveh",),
                      min_confidence=0.6, show_undated=False, show_unresolved=False, query="Ain Issa",
                      lat=36.3351, lon=43.1189, zoom=9, event="0123456789abcdef", heat=True, step="week")
    parsed = parse_params(to_params(state, OPTIONS), OPTIONS)
    assert parsed.state == state
    assert parsed.ignored == []


def test_default_view_has_an_empty_query_string():
    assert to_params(ViewState(date_from=OPTIONS.date_min, date_to=OPTIONS.date_max), OPTIONS) == {}


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["from", "to", "type", "actor", "country", "event", "zoom", "lat", "conf", "step"])
def test_hostile_values_are_dropped_and_reported_by_name(name, value):
    parsed = parse_params({name: value}, OPTIONS)
    assert parsed.ignored == [name]
    assert parsed.state == ViewState()


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_search_text_stays_plain_text(value):
    parsed = parse_params({"q": value}, OPTIONS)
    assert parsed.state.query == value  # kept as data; every renderer escapes it
    assert parsed.ignored == []


def test_hostile_parameter_names_are_reported_without_markup():
    parsed = parse_params({"<img src=x onerror=alert(1)>": "1"}, OPTIONS)
    assert parsed.ignored == ["imgsrcxonerroralert1"]
    assert "<" not in safe_param_name("<script>") and ">" not in safe_param_name("<script>")


@pytest.mark.parametrize("value", ["1e999", "nan", "inf", "-inf", "9" * 400])
def test_huge_or_non_finite_numbers_are_ignored(value):
    parsed = parse_params({"lat": value, "lon": "43"}, OPTIONS)
    assert parsed.state.lat is None and parsed.state.lon is None
    assert "lat" in parsed.ignored


def test_out_of_range_numbers_are_clamped():
    parsed = parse_params({"lat": "123", "lon": "-500", "zoom": "99", "conf": "7"}, OPTIONS)
    assert (parsed.state.lat, parsed.state.lon, parsed.state.zoom, parsed.state.min_confidence) == (90, -180, 18, 1)


@pytest.mark.parametrize("value", ["2017-02-30", "17-01-01", "yesterday", "2017/01/01", "0001-01-01", "99999-01-01"])
def test_bad_dates_are_ignored(value):
    parsed = parse_params({"from": value}, OPTIONS)
    assert parsed.state.date_from is None
    assert parsed.ignored == ["from"]


def test_dates_are_clamped_to_the_data_and_put_in_order():
    parsed = parse_params({"from": "2030-01-01", "to": "2001-05-05"}, OPTIONS)
    assert (parsed.state.date_from, parsed.state.date_to) == (OPTIONS.date_min, OPTIONS.date_max)


def test_unknown_types_are_dropped_but_known_ones_kept():
    parsed = parse_params({"type": "airstrike,nuclear_war,ground_clash"}, OPTIONS)
    assert parsed.state.types == ("airstrike", "ground_clash")
    assert parsed.ignored == ["type"]


def test_actors_not_in_the_data_are_dropped():
    parsed = parse_params({"actor": ["SDF", "Martians"]}, OPTIONS)
    assert parsed.state.actors == ("SDF",)
    assert parsed.ignored == ["actor"]


def test_event_ids_must_be_sixteen_hex_digits():
    assert parse_params({"event": "0123456789ABCDEF"}).state.event == "0123456789abcdef"
    assert parse_params({"event": "0123"}).ignored == ["event"]


def test_lat_without_lon_is_ignored():
    parsed = parse_params({"lat": "36.3"}, OPTIONS)
    assert parsed.state.lat is None and parsed.ignored == ["lon"]


def test_overlong_values_are_ignored():
    assert parse_params({"q": "a" * 5000}).ignored == ["q"]


def test_share_url_encodes_values_and_drops_the_old_query():
    url = share_url("http://host:8501/?old=1", {"q": "<b>&", "actor": ["SDF", "Coalition"]})
    assert url == "http://host:8501/?q=%3Cb%3E%26&actor=SDF&actor=Coalition"


def test_a_date_outside_the_stored_range_is_moved_to_its_edge_with_a_notice():
    options = Options(date_min=date(2014, 6, 1), date_max=date(2019, 3, 23))
    parsed = parse_params({"from": "2099-01-01", "to": "2010-01-01"}, options)
    assert (parsed.state.date_from, parsed.state.date_to) == (date(2014, 6, 1), date(2019, 3, 23))
    assert parsed.ignored == []
    assert len(parsed.moved) == 2 and "2099-01-01" in parsed.moved[0] and "2019-03-23" in parsed.moved[0]
