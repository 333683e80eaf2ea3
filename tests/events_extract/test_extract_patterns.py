"""Extraction patterns from the blind-set review: vocabulary, background clauses, bomb tolls, place lists,
displacement, claimants and datelines. Each dispatch is written here, about a different place than the review's."""

from __future__ import annotations

from datetime import date


def of_type(events, etype):
    return [e for e in events if e.event_type == etype]


# ---- vocabulary ------------------------------------------------------------------------------------------------

def test_cruise_missiles_fired_at_a_town_are_a_missile_attack(extract):
    text = ("Russian submarines in the Mediterranean fired cruise missiles at Islamic State targets near Palmyra "
            "on Wednesday.")
    (ev,) = of_type(extract(text, day=date(2017, 6, 1)), "artillery")
    assert ev.place_name == "Palmyra" and ev.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_a_ground_offensive_on_a_town_is_a_clash(extract):
    text = "Iraqi forces launched a ground offensive on Tal Afar on Sunday after weeks of air strikes."
    (ev,) = of_type(extract(text, day=date(2017, 8, 21)), "ground_clash")
    assert ev.place_name == "Tal Afar"


def test_heavy_fighting_in_a_town_is_a_clash(extract):
    text = "Heavy fighting raged in Hawija on Thursday as Iraqi troops pushed into the town."
    (ev,) = of_type(extract(text, day=date(2017, 10, 6)), "ground_clash")
    assert ev.place_name == "Hawija"


def test_breaking_a_siege_is_a_territorial_change_held_by_the_relief_force(extract):
    text = "Syrian army troops broke the siege of Deir ez-Zor on Tuesday, state media said."
    (ev,) = of_type(extract(text, day=date(2017, 9, 6)), "territorial_change")
    assert ev.place_name == "Deir ez-Zor" and ev.controller == "Syrian government"


def test_militants_withdrawing_from_a_town_hand_it_to_the_side_that_enters(extract):
    text = "Islamic State militants withdrew from Jarablus on Wednesday as Free Syrian Army fighters entered the town."
    (ev,) = of_type(extract(text, day=date(2016, 8, 25)), "territorial_change")
    assert ev.place_name == "Jarabulus" and ev.controller == "Free Syrian Army"


def test_took_followed_by_a_town_is_a_capture(extract):
    text = "The Syrian Democratic Forces took Tabqa on Wednesday after a week of street fighting."
    (ev,) = of_type(extract(text, day=date(2017, 5, 11)), "territorial_change")
    assert ev.place_name == "Tabqa" and ev.controller == "SDF"


def test_took_part_is_not_a_capture(extract):
    text = "Iraqi troops took part in an exercise near Tikrit on Monday."
    assert of_type(extract(text, day=date(2017, 5, 11)), "territorial_change") == []


# ---- background clauses ----------------------------------------------------------------------------------------

def test_a_towns_fall_years_ago_is_background_not_an_event(extract):
    text = ("Iraqi forces recaptured the centre of Baiji on Thursday, the army said. "
            "Baiji, which was seized by Islamic State in June 2014, holds the country's largest refinery.")
    events = of_type(extract(text, day=date(2015, 10, 17)), "territorial_change")
    assert [(e.place_name, e.event_date) for e in events] == [("Baiji", date(2015, 10, 15))]


def test_a_relative_clause_about_an_old_capture_makes_no_event(extract):
    text = "Fallujah, which fell to the militants in January 2014, is now surrounded by Iraqi troops."
    assert of_type(extract(text, day=date(2016, 5, 30)), "territorial_change") == []


# ---- explosions ------------------------------------------------------------------------------------------------

def test_a_truck_bomb_toll_goes_on_the_explosion(extract):
    text = "A truck bomb killed at least 25 civilians at a checkpoint in Hasakah on Tuesday."
    events = extract(text, day=date(2016, 7, 28))
    (ev,) = of_type(events, "explosion")
    assert ev.place_name == "Hasakah" and ev.civilians_killed_min == 25
    assert of_type(events, "civilian_harm") == []


def test_a_truck_packed_with_explosives_that_blew_up_is_an_explosion(extract):
    text = "A truck packed with explosives blew up outside a police station in Khalis on Monday."
    (ev,) = of_type(extract(text, day=date(2016, 7, 28)), "explosion")
    assert ev.place_name == "Khalis"


def test_a_secondary_blast_from_a_strike_is_not_a_separate_explosion(extract):
    text = ("A coalition air strike hit an ammunition depot in Tabqa on Friday. "
            "The blast, fed by stored rockets, shook windows across the town.")
    events = extract(text, day=date(2017, 3, 4))
    assert len(of_type(events, "airstrike")) == 1 and of_type(events, "explosion") == []


def test_a_strike_on_a_shelter_for_displaced_families_is_not_displacement(extract):
    text = "An air strike hit a school housing displaced families in Tabqa on Monday, killing 12 civilians."
    events = extract(text, day=date(2017, 3, 22))
    assert of_type(events, "displacement") == [] and len(of_type(events, "airstrike")) == 1


def test_no_indication_of_civilian_casualties_is_not_a_harm_claim(extract):
    text = "The coalition said there was no indication of civilian casualties from the strike near Qaim on Friday."
    assert of_type(extract(text, day=date(2017, 3, 22)), "civilian_harm") == []


# ---- lists of places -------------------------------------------------------------------------------------------

def test_strikes_near_a_list_of_towns_are_one_event_per_town(extract):
    text = "Coalition jets conducted strikes near Hit, Haditha and Rutba on Monday."
    events = of_type(extract(text, day=date(2016, 3, 1)), "airstrike")
    assert sorted(e.place_name for e in events) == ["Haditha", "Hit", "Rutba"]


def test_towns_retaken_in_a_list_are_one_event_each(extract):
    text = "Iraqi troops retook the towns of Bartella, Qaraqosh and Bashiqa, the army said."
    events = of_type(extract(text, day=date(2016, 11, 8)), "territorial_change")
    assert sorted(e.place_text for e in events) == ["Bartella", "Bashiqa", "Qaraqosh"]


def test_families_fleeing_to_several_towns_are_displacement_at_each(extract):
    text = "Thousands of families fled to Tikrit, Samarra and Baiji on Saturday."
    events = of_type(extract(text, day=date(2016, 3, 1)), "displacement")
    assert sorted(e.place_name for e in events) == ["Baiji", "Samarra", "Tikrit"]


# ---- displacement ----------------------------------------------------------------------------------------------

def test_a_camp_population_figure_is_displacement_at_the_camp(extract):
    text = "Hasansham camp now shelters 9,000 people, aid workers said on Sunday."
    (ev,) = of_type(extract(text, day=date(2016, 11, 20)), "displacement")
    assert ev.place_name == "Hasansham Camp" and ev.extra.get("people") == 9000


def test_families_returning_to_a_town_are_displacement(extract):
    text = "About 5,000 families have returned to Tikrit since Iraqi forces cleared it, officials said on Monday."
    (ev,) = of_type(extract(text, day=date(2015, 6, 1)), "displacement")
    assert ev.place_name == "Tikrit"


def test_families_who_had_fled_in_a_stated_recent_period_are_still_news(extract):
    text = "The UN said 20,000 people had fled Tal Afar over the past week, many of them towards Badush."
    events = of_type(extract(text, day=date(2017, 8, 22)), "displacement")
    assert "Tal Afar" in [e.place_name for e in events]


# ---- claimants and datelines -----------------------------------------------------------------------------------

def test_the_task_force_said_names_the_coalition(extract):
    text = "Two strikes near Raqqa destroyed a fighting position on Sunday, the task force said."
    (ev,) = of_type(extract(text, day=date(2017, 6, 12)), "airstrike")
    assert ev.claimant == "Coalition (CJTF-OIR)"


def test_a_dateline_city_is_not_an_event_place(extract):
    text = "ERBIL, Iraq (Reuters) - Coalition aircraft bombed Islamic State positions near Bashiqa on Monday."
    events = of_type(extract(text, day=date(2016, 10, 25)), "airstrike")
    assert [e.place_name for e in events] == ["Bashiqa"]


def test_a_dash_dateline_city_is_not_an_event_place(extract):
    text = "BEIRUT — Air strikes hit Islamic State positions in Mayadin on Saturday, a monitor said."
    events = of_type(extract(text, day=date(2017, 5, 27)), "airstrike")
    assert [e.place_name for e in events] == ["Mayadin"]
