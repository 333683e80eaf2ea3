"""Extraction rules added after the seed review: attribution, passive gains, displacement, places. Own dispatches."""

from __future__ import annotations


def of_type(events, etype):
    return [e for e in events if e.event_type == etype]


# ---- attribution ----------------------------------------------------------------------------------------------

def test_bullet_takes_claimant_from_its_list_lead_not_from_an_earlier_monitor(extract):
    text = ("Fighting went on around Tabqa this week.\n\n"
            "The toll was far above the figure reported by the Syrian Observatory for Human Rights.\n\n"
            "Raids continued over the weekend, according to Col. John Dorrian, a spokesman for CJTF-OIR.\n\n"
            "- Near Tal Afar, a strike destroyed a tunnel entrance.")
    (ev,) = of_type(extract(text), "airstrike")
    assert ev.claimant == "Col. John Dorrian, Coalition (CJTF-OIR)"


def test_unattributed_sentence_does_not_inherit_a_monitor_from_another_paragraph(extract):
    text = ("Fighting went on around Tabqa this week.\n\n"
            "The Syrian Observatory for Human Rights said the toll had risen.\n\n"
            "A car bomb exploded at a checkpoint in Tikrit on Tuesday.")
    (ev,) = of_type(extract(text), "explosion")
    assert ev.claimant == ""


def test_release_lead_attribution_covers_its_bullets(extract):
    text = ("SOUTHWEST ASIA, June 10, 2017 - Coalition forces struck ISIS targets yesterday, "
            "CJTF-OIR officials reported today.\n\n"
            "Residents quoted by SOHR described heavy damage in the area.\n\n"
            "Strikes in Iraq\n\n- Near Rutba, two strikes destroyed a bunker.")
    (ev,) = of_type(extract(text), "airstrike")
    assert ev.claimant == "Coalition (CJTF-OIR)"


# ---- displacement ---------------------------------------------------------------------------------------------

def test_arrivals_per_day_are_displacement_with_a_daily_rate(extract):
    text = "UNHCR said on Monday that around 1,500 people were arriving daily in Bartella."
    (ev,) = of_type(extract(text), "displacement")
    assert ev.place_name == "Bartella" and ev.extra.get("people_per_day") == 1500


def test_fleeing_to_a_camp_is_displacement_at_the_camp(extract):
    text = "Hundreds of families fled to Khazer camp on Sunday as the fighting moved closer."
    (ev,) = of_type(extract(text), "displacement")
    assert ev.place_name == "Khazir Camp"


# ---- territorial change ---------------------------------------------------------------------------------------

def test_passive_securing_of_a_base_is_a_territorial_change(extract):
    text = "According to the Iraqi army, Qayyarah airfield west of Makhmur has been secured."
    (ev,) = of_type(extract(text), "territorial_change")
    assert ev.place_name == "Qayyarah West Airfield"


def test_two_gains_in_one_sentence_are_two_events(extract):
    text = "Iraqi forces retook Hammam al-Alil, and Qayyarah airfield south of Mosul has been secured."
    places = {e.place_name for e in of_type(extract(text), "territorial_change")}
    assert places == {"Hammam al-Alil", "Qayyarah West Airfield"}


def test_villages_liberated_in_the_passive_take_the_actor_as_controller(extract):
    text = "The Peshmerga said that the Bartella and Bashiqa villages were liberated from IS on Monday."
    events = of_type(extract(text), "territorial_change")
    assert {e.place_text for e in events} == {"Bartella", "Bashiqa"}
    assert {e.controller for e in events} == {"Peshmerga"}


def test_share_quoted_before_the_place_is_kept(extract):
    text = '"By now, the SDF has taken roughly 60 percent," of Tabqa, a coalition spokesman said.'
    (ev,) = of_type(extract(text), "territorial_change")
    assert (ev.place_name, ev.share_percent, ev.controller) == ("Tabqa", 60.0, "SDF")


# ---- ground clashes -------------------------------------------------------------------------------------------

def test_advance_with_air_backing_is_a_ground_clash_not_an_airstrike(extract):
    text = "The Free Syrian Army was advancing on al-Bab with the backing of Turkish air strikes, a commander said."
    events = extract(text)
    (ev,) = of_type(events, "ground_clash")
    assert ev.place_name == "Al-Bab" and not of_type(events, "airstrike")


def test_fighters_killed_in_a_village_is_a_ground_clash_with_the_toll(extract):
    text = "Peshmerga officials said 14 IS fighters were killed in the village of Bashiqa on Friday."
    (ev,) = of_type(extract(text), "ground_clash")
    assert ev.place_text == "Bashiqa" and (ev.killed_min, ev.killed_max) == (14, 14)


def test_long_victim_description_keeps_the_bound(extract):
    text = "Iraqi jets killed as many as 40 Islamic State of Iraq and Syria (ISIS) militants in airstrikes near Rutba."
    (ev,) = of_type(extract(text), "airstrike")
    assert (ev.killed_min, ev.killed_max) == (None, 40)


# ---- places ---------------------------------------------------------------------------------------------------

def test_near_a_lake_north_of_a_town_links_to_the_lake(extract):
    text = "Warplanes struck a convoy in the desert near Lake Habbaniyah, north of Nukhayb, on Monday."
    (ev,) = of_type(extract(text), "airstrike")
    assert ev.place_name == "Lake Habbaniyah"


def test_throughout_a_province_is_province_level(extract):
    text = "Coalition aircraft carried out strikes throughout the Salahuddin Province last week."
    (ev,) = of_type(extract(text), "airstrike")
    assert ev.geo_precision == "province" and ev.admin1 == "Salah ad-Din"


def test_country_possessive_before_a_province_names_the_province(extract):
    text = "The coalition concentrated airstrikes on Iraq's Nineveh Province during the week."
    (ev,) = of_type(extract(text), "airstrike")
    assert ev.place_text == "Nineveh Province" and ev.country == "IQ"


def test_city_based_adjective_is_not_an_event_place(extract):
    text = "The Beirut-based monitor said 14 civilians were killed in shelling on Deir ez-Zor on Sunday."
    names = {e.place_text for e in extract(text)}
    assert "Beirut" not in names and "Deir ez-Zor" in names


# ---- civilian harm --------------------------------------------------------------------------------------------

def test_talk_of_allegations_without_a_figure_or_incident_is_not_an_event(extract):
    text = "The coalition said it reviews every allegation of civilian casualties in Iraq with care."
    assert of_type(extract(text), "civilian_harm") == []


def test_headline_about_civilian_deaths_in_a_country_is_not_an_event(extract):
    assert of_type(extract("Report tallies civilian deaths in Syria"), "civilian_harm") == []


def test_negation_word_inside_an_organisation_name_does_not_cancel_the_event(extract):
    text = "Doctors Without Borders said that some 300 people were arriving daily in Hasakah."
    (ev,) = of_type(extract(text), "displacement")
    assert ev.place_name == "Hasakah" and ev.extra.get("people_per_day") == 300


def test_person_named_after_the_reporting_verb_is_the_claimant(extract):
    text = '"The SDF now holds about 30 percent," of Tabqa, said Brett McGurk, the US envoy, on Friday.'
    (ev,) = of_type(extract(text), "territorial_change")
    assert ev.claimant.startswith("Brett McGurk")


def test_spokesman_claimant_keeps_name_and_organisation(extract):
    text = ("Iraqi troops captured Bashiqa on Monday, according to Col. John Dorrian, "
            "a spokesman for CJTF-OIR.")
    (ev,) = of_type(extract(text), "territorial_change")
    assert ev.claimant == "Col. John Dorrian, Coalition (CJTF-OIR)"


def test_surname_alone_later_refers_back_to_the_full_claimant(extract):
    text = ("Strikes went on near Hajin, said Col. John Dorrian, a spokesman for CJTF-OIR.\n\n"
            "Dorrian said IS fighters shelled Hajin on Sunday.")
    (ev,) = of_type(extract(text), "artillery")
    assert ev.claimant == "Col. John Dorrian, Coalition (CJTF-OIR)"


def test_a_capital_that_speaks_is_not_where_the_strike_happened(extract):
    text = ("Ankara said on Wednesday that its jets had struck Islamic State positions. "
            "Moscow accused the coalition of killing civilians in an air strike on Tuesday.")
    assert [ev.place_text for ev in extract(text)] == []


def test_the_place_named_with_the_strike_wins_over_a_capital_that_comments(extract):
    text = "Damascus condemned the raid after Turkish jets struck positions near Jarablus on Wednesday."
    (ev,) = of_type(extract(text), "airstrike")
    assert ev.place_name == "Jarabulus"


def test_a_country_inside_a_speaking_organisation_keeps_its_place(extract):
    text = ("At least 300 civilians were killed in violence in January, "
            "the United Nations Assistance Mission for Iraq said on Sunday.")
    (ev,) = of_type(extract(text), "civilian_harm")
    assert ev.country == "IQ"


def test_a_share_of_residents_who_fled_is_not_a_share_of_ground_held(extract):
    events = extract("About 90 percent of residents have fled Hajin since the offensive began, the monitor said.")
    assert [ev.event_type for ev in events] == ["displacement"]



def test_a_town_named_in_the_lead_settles_a_bare_old_city_later(extract):
    text = ("The prime minister arrived in Mosul on Monday to congratulate the troops.\n\n"
            "More than 5,000 people fled the Old City during the last week of fighting, the UN said.")
    (ev,) = of_type(extract(text), "displacement")
    assert ev.place_name == "Mosul Old City"
