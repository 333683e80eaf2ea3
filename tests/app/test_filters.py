"""Filters are vectorised masks over the prepared events frame."""

from __future__ import annotations

from datetime import date

from view.filters import apply_filters, options_for
from view.url_state import ViewState


def types_of(frame):
    return sorted(frame["event_type"])


def test_date_window_keeps_events_overlapping_it_and_undated_ones_by_default(frame):
    out = apply_filters(frame, ViewState(date_from=date(2017, 6, 1), date_to=date(2017, 6, 30)))
    assert types_of(out) == ["airstrike", "displacement", "ground_clash"]


def test_hiding_undated_events(frame):
    out = apply_filters(frame, ViewState(date_from=date(2017, 6, 1), date_to=date(2017, 6, 30), show_undated=False))
    assert types_of(out) == ["airstrike", "ground_clash"]


def test_a_date_range_event_overlapping_the_window_is_kept(frame):
    frame.loc[frame["event_type"] == "explosion", "_stop"] = frame["_start"].max()
    out = apply_filters(frame, ViewState(date_from=date(2016, 1, 1), date_to=date(2016, 1, 31), show_undated=False))
    assert types_of(out) == ["explosion", "strategic"]


def test_hiding_unresolved_places(frame):
    assert "strategic" not in types_of(apply_filters(frame, ViewState(show_unresolved=False)))


def test_event_type_filter(frame):
    assert types_of(apply_filters(frame, ViewState(types=("airstrike",)))) == ["airstrike", "airstrike"]


def test_actor_filter_matches_either_side(frame):
    out = apply_filters(frame, ViewState(actors=("ISIS",)))
    assert "explosion" in types_of(out) and "ground_clash" in types_of(out)


def test_claimant_country_and_province_filters(frame):
    assert types_of(apply_filters(frame, ViewState(claimants=("Airwars",)))) == ["civilian_harm"]
    assert set(apply_filters(frame, ViewState(countries=("SY",)))["country"]) == {"SY"}
    assert types_of(apply_filters(frame, ViewState(provinces=("Anbar",)))) == ["explosion"]


def test_minimum_confidence(frame):
    assert "civilian_harm" not in types_of(apply_filters(frame, ViewState(min_confidence=0.5)))


def test_text_search_is_case_insensitive_over_place_and_text(frame):
    assert types_of(apply_filters(frame, ViewState(query="hwayJAH"))) == ["civilian_harm"]


def test_text_search_matches_the_resolved_gazetteer_id(frame):
    out = apply_filters(frame, ViewState(query="Ayn Eissa"), gazetteer_ids=("gn:8883512",))
    assert types_of(out) == ["territorial_change"]


def test_text_search_without_alias_finds_nothing_for_an_unknown_spelling(frame):
    assert apply_filters(frame, ViewState(query="Ayn Eissa")).empty


def test_options_describe_the_data(frame):
    options = options_for(frame)
    assert (options.date_min, options.date_max) == (date(2015, 5, 17), date(2017, 7, 2))
    assert {"SDF", "ISIS", "Coalition"} <= options.actors
    assert options.countries == frozenset({"IQ", "SY"})


def test_filters_and_options_work_on_an_empty_store(synth):
    empty = synth.frame_of([])
    assert apply_filters(empty, ViewState(query="mosul", types=("airstrike",))).empty
    assert options_for(empty).date_min is None
