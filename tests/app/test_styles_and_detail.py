"""Styles come from view/data; detail helpers keep article text inert and find the clicked event."""

from __future__ import annotations

from events.model import EVENT_TYPES
from view.detail import claims_frame, facts_frame, md_escape, nearest_event
from view.styles import load_styles


def test_every_event_type_has_a_style():
    styles = load_styles()
    assert set(styles.types) == set(EVENT_TYPES)
    assert all(s.color.startswith("#") and s.glyph for s in styles.types.values())


def test_actor_sides_follow_the_pattern_file_in_order():
    styles = load_styles()
    assert styles.side_of("New Syrian Army") == "syrian_opposition"
    assert styles.side_of("Syrian Arab Army") == "syrian_government"
    assert styles.side_of("Iraqi PMU") == "pmu"
    assert styles.side_of("Kurdish Peshmerga") == "kurdish"
    assert styles.side_of("CJTF-OIR") == "coalition"
    assert styles.side_of("Daesh") == "islamic_state"
    assert styles.side_of("facts on the ground") == "other"  # "cts" only as a word


def test_markdown_escaping_neutralises_links_images_and_html():
    text = md_escape("![x](http://evil/a.png) [click](javascript:alert(1)) <b>bold</b> *em* $x$")
    assert "](" not in text.replace("\\]\\(", "")
    assert "\\<b\\>" in text and "\\*em\\*" in text and "\\$x\\$" in text


def test_a_click_selects_the_nearest_drawn_event(frame):
    mosul = frame[(frame["place_name"] == "Mosul") & frame["_start"].notna()].iloc[0]
    assert nearest_event(frame, 36.336, 43.118) == mosul["event_id"]


def test_a_click_far_from_any_event_selects_nothing(frame):
    assert nearest_event(frame, 10.0, 10.0) is None


def test_claim_figures_a_source_did_not_give_are_empty_cells_not_none():
    detail = {"claims": [{"claimant": "SOHR", "killed_min": 12, "killed_max": None, "share_percent": None},
                         {"claimant": "Coalition", "killed_min": None, "killed_max": 3, "share_percent": 45.0}]}
    frame = claims_frame(detail)
    assert frame["killed_min"].tolist() == ["12", ""] and frame["killed_max"].tolist() == ["", "3"]
    assert frame["share_percent"].tolist() == ["", "45%"]


def test_event_facts_show_missing_values_as_empty_text():
    row = facts_frame({"place_text": "Hwayjah", "admin1": None, "geocode_score": float("nan")},
                      ("place_text", "admin1", "geocode_score"))
    assert row.iloc[0].tolist() == ["Hwayjah", "", ""]


def test_the_review_context_lists_the_sentences_that_use_a_name(synth):
    from view.detail import name_context

    frame = synth.frame_of([synth.make_event(place="hawija", place_text="Hwayjah", evidence="Strikes hit Hwayjah."),
                            synth.make_event(place="mosul")])
    context = name_context(frame, "Hwayjah")
    assert list(context["evidence"]) == ["Strikes hit Hwayjah."]
    assert "source_title" in context.columns
