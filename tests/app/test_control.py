"""Territorial control as of a date: the last claim wins; the popup lists every claim, escaped, newest first."""

from __future__ import annotations

from datetime import date

import pandas as pd

from view.control import control_as_of


def claims() -> pd.DataFrame:
    rows = [
        ("gn:1", "Raqqa", 35.95, 39.01, "2017-06-06", "SDF", 20.0, "SDF"),
        ("gn:1", "Raqqa", 35.95, 39.01, "2017-08-01", "SDF", 45.0, "CJTF-OIR"),
        ("gn:1", "Raqqa", 35.95, 39.01, "2017-10-17", "SDF", 100.0, "SDF"),
        ("gn:2", "Tabqa", 35.84, 38.55, "2017-05-10", "SDF", None, "<script>x</script>"),
        ("gn:3", "Nowhere", None, None, "2017-05-10", "SDF", None, "SDF"),
    ]
    frame = pd.DataFrame(rows, columns=["place_key", "place_name", "latitude", "longitude", "event_date",
                                        "controller", "share_percent", "claimant"])
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    frame["event_id"] = [f"{i:016x}" for i in range(len(frame))]
    return frame


def test_the_last_claim_on_or_before_the_date_wins():
    out = control_as_of(claims(), date(2017, 9, 1)).set_index("place_key")
    assert out.loc["gn:1", "share_percent"] == 45.0
    assert out.loc["gn:1", "n_claims"] == 2


def test_places_without_coordinates_or_claims_yet_are_left_out():
    out = control_as_of(claims(), date(2017, 5, 31))
    assert list(out["place_key"]) == ["gn:2"]


def test_the_popup_lists_claims_newest_first_and_escaped():
    out = control_as_of(claims(), None).set_index("place_key")
    raqqa = out.loc["gn:1", "popup_html"]
    assert raqqa.index("2017-10-17") < raqqa.index("2017-08-01") < raqqa.index("2017-06-06")
    assert "45% of Raqqa" in raqqa and "CJTF-OIR" in raqqa
    assert "&lt;script&gt;" in out.loc["gn:2", "popup_html"] and "<script>" not in out.loc["gn:2", "popup_html"]


def test_no_claims_gives_an_empty_frame():
    assert control_as_of(claims().iloc[0:0], None).empty


def test_a_later_claim_naming_no_controller_keeps_the_last_named_one():
    frame = claims()
    extra = frame.iloc[[2]].copy()
    extra["event_date"] = pd.Timestamp("2017-11-01")
    extra["controller"] = ""
    extra["share_percent"] = 80.0
    extra["claimant"] = "UN"
    out = control_as_of(pd.concat([frame, extra], ignore_index=True), None).set_index("place_key")
    assert out.loc["gn:1", "controller"] == "SDF"
    assert out.loc["gn:1", "n_claims"] == 4
    assert "UN" in out.loc["gn:1", "popup_html"]


def test_a_place_whose_claims_never_name_a_controller_reads_unknown():
    frame = claims().iloc[[3]].copy()
    frame["controller"] = None
    out = control_as_of(frame, None)
    assert "<b>unknown</b>" in out.loc[0, "popup_html"]
