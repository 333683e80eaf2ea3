"""Displacement: arrivals and crossings are events; where earlier refugees once came from is background.

Own dispatches about real places.
"""

from __future__ import annotations


def places_of(events, etype="displacement"):
    return [e.place_text for e in events if e.event_type == etype]


def test_refugees_crossing_a_border_near_a_place_are_a_displacement_there(extract):
    events = extract("Some 8,000 refugees crossed into Jordan near Rukban last week.")
    assert places_of(events) == ["Rukban"]


def test_arrivals_at_a_camp_carry_their_number(extract):
    events = extract("About 4,000 displaced people arrived at Debaga camp on Sunday, the UN refugee agency said.")
    (ev,) = [e for e in events if e.event_type == "displacement"]
    assert (ev.extra.get("people"), ev.claimant) == (4000, "UNHCR")


def test_a_follow_up_sentence_about_the_same_displaced_people_is_an_event(extract):
    text = "Thousands of displaced families reached Baghdad on Monday. Others moved to Habbaniyah."
    assert "Habbaniyah" in places_of(extract(text))


def test_where_sheltered_people_once_fled_from_is_not_a_new_displacement(extract):
    text = "Most of the people in the camp fled Deir ez-Zor and Raqqa provinces."
    assert places_of(extract(text)) == []


def test_undated_had_fled_is_the_origin_of_an_earlier_flight_not_an_event(extract):
    events = extract("The monitor said the families had fled fighting in Aleppo and Homs.")
    assert places_of(events) == [] and places_of(events, "ground_clash") == []


def test_had_fled_with_a_recent_period_remains_news(extract):
    events = extract("OCHA said 15,000 people had fled Hajin over the past week.")
    assert places_of(events) == ["Hajin"]
