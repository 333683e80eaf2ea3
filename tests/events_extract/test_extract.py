"""Extraction: one behaviour per test, on short dispatches written for these tests."""

from __future__ import annotations

from datetime import date

RELEASE = """SOUTHWEST ASIA, June 10, 2017 — Coalition forces kept up attacks on ISIS yesterday, officials said today.

Strikes in Syria

-- Near Raqqa, six strikes destroyed two boats and a vehicle.

-- Near Abu Kamal, a strike destroyed an oil still.

Strikes in Iraq

In Iraq, three coalition strikes hit ISIS targets:

-- Near Mosul, fives strikes engaged an ISIS tactical unit.

-- Near Tal Afar, a strike destroyed a mortar system.
"""


def by_place(events):
    return {e.place_text: e for e in events if e.event_type == "airstrike"}


def test_each_bullet_becomes_one_airstrike(extract):
    assert set(by_place(extract(RELEASE))) == {"Raqqa", "Abu Kamal", "Mosul", "Tal Afar"}


def test_bullets_inherit_the_country_of_their_heading(extract):
    events = by_place(extract(RELEASE))
    assert (events["Raqqa"].country, events["Mosul"].country) == ("SY", "IQ")


def test_yesterday_in_the_lead_dates_the_bullets(extract):
    assert {e.event_date for e in by_place(extract(RELEASE)).values()} == {date(2017, 6, 9)}


def test_strike_counts_are_read_from_each_bullet(extract):
    events = by_place(extract(RELEASE))
    assert (events["Raqqa"].strikes, events["Abu Kamal"].strikes, events["Mosul"].strikes) == (6, 1, 5)


def test_targets_destroyed_are_summed(extract):
    assert by_place(extract(RELEASE))["Raqqa"].targets_destroyed == 3


def test_country_totals_without_a_place_are_not_events(extract):
    assert all(e.place_text not in ("Iraq", "Syria") for e in extract(RELEASE) if e.event_type == "airstrike")


def test_dated_header_dates_its_bullets(extract):
    text = ("Officials reported details of yesterday's strikes.\n\n"
            "On June 4, coalition military forces conducted three strikes against ISIS targets:\n"
            "-- Near Hajin, two strikes destroyed a boat.\n-- Near Raqqa, a strike hit a vehicle.")
    assert {e.event_date for e in by_place(extract(text)).values()} == {date(2017, 6, 4)}


def test_each_bullet_links_to_its_own_place(extract):
    text = "Strikes in Iraq\n\n-- Near Mosul, two strikes hit a depot.\n-- Near Qayyarah, a strike hit a truck."
    events = by_place(extract(text))
    assert events["Qayyarah"].evidence.startswith("Near Qayyarah") and events["Qayyarah"].strikes == 1


def test_no_reported_strikes_is_not_an_event(extract):
    assert extract("There were no reported strikes near Mosul yesterday.") == []


def test_event_date_is_never_after_the_document_date(extract):
    events = extract("On August 30 a strike near Raqqa destroyed a truck.", day=date(2017, 8, 1))
    assert all(e.event_date is None or e.event_date <= date(2017, 8, 1) for e in events)
    assert events[0].event_date == date(2016, 8, 30)


def test_undated_document_keeps_undated_events(extract):
    (ev,) = by_place(extract("A strike near Raqqa destroyed a truck on Friday.", day=None)).values()
    assert (ev.event_date, ev.date_precision) == (None, "unknown")


def test_relative_location_resolves_near_the_base_place(extract):
    text = "Iraqi forces captured villages west of Mosul on Tuesday, the Defense Department said."
    (ev,) = [e for e in extract(text) if e.event_type == "territorial_change"]
    assert ev.geo_precision == "near" and ev.place_name.lower() == "mosul"


def test_territorial_change_by_state_forces_is_government_regains(extract):
    (ev,) = [e for e in extract("Iraqi forces recaptured Qayyarah on Thursday.") if
             e.event_type == "territorial_change"]
    assert ev.acled_sub_event_type == "Government regains territory" and ev.controller == "Iraqi security forces"


def test_territorial_change_by_non_state_group_is_overtakes(extract):
    (ev,) = [e for e in extract("The SDF captured Tabqa on Monday.") if e.event_type == "territorial_change"]
    assert ev.acled_sub_event_type == "Non-state actor overtakes territory"


def test_share_of_a_place_with_its_controller(extract):
    text = "The SDF now holds about 45 percent of Raqqa, a coalition spokesman said on Friday."
    (ev,) = [e for e in extract(text) if e.event_type == "territorial_change"]
    assert (ev.share_percent, ev.controller, ev.place_text) == (45.0, "SDF", "Raqqa")


def test_alleged_harm_is_hedged(extract):
    text = "Residents said 12 civilians were allegedly killed in a strike near Hajin on Sunday."
    (ev,) = [e for e in extract(text) if e.event_type == "civilian_harm"]
    assert ev.hedging == "alleged" and ev.civilians_killed_min == 12


def test_denial_is_recorded(extract):
    text = "The coalition denies involvement in the strikes near Daquq on Monday that killed civilians."
    assert {e.hedging for e in extract(text)} == {"denied"}


def test_aggregate_claims_are_one_per_claimant_at_country_level(extract):
    text = ("Monitoring group Airwars estimates that at least 5,000 civilians were killed in Iraq and Syria "
            "since August 2014. The coalition said at least 600 civilians were killed in Iraq and Syria "
            "since August 2014.")
    harm = [e for e in extract(text) if e.event_type == "civilian_harm"]
    assert sorted((e.claimant, e.civilians_killed_min) for e in harm) == [("Airwars", 5000),
                                                                          ("Coalition (CJTF-OIR)", 600)]
    assert {e.geo_precision for e in harm} == {"region"}
    assert {(e.event_date, e.date_precision) for e in harm} == {(date(2014, 8, 1), "range")}


def test_non_place_names_never_become_places(extract):
    text = ("Airwars said Daesh fighters fled a strike near Hajin on Monday. "
            "Daesh denied the Airwars count of people killed in Operation Inherent Resolve strikes.")
    names = {e.place_text for e in extract(text)} | {e.place_name for e in extract(text)}
    assert not names & {"Daesh", "Airwars", "Operation Inherent Resolve", "Inherent Resolve"}


def test_summary_is_generated_from_fields(extract):
    (ev,) = by_place(extract("Strikes in Iraq\n\n-- Near Hawija, a strike destroyed a truck.")).values()
    assert ev.summary.startswith("Airstrike near ") and "(IQ)" in ev.summary and "1 strike" in ev.summary
    assert ev.summary != ev.evidence


def test_evidence_offsets_point_into_the_document(extract):
    text = "Strikes in Syria\n\n-- Near Raqqa, a strike hit a truck."
    (ev,) = extract(text)
    assert text[ev.evidence_start:ev.evidence_end] == ev.evidence


def test_confidence_is_between_zero_and_one(extract):
    assert all(0.0 <= e.confidence <= 1.0 for e in extract(RELEASE))
