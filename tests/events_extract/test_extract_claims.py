"""Who claims what: claimant carry-over, denials, the controller of captured ground, titles. Own dispatches."""

from __future__ import annotations

from datetime import date


def of_type(events, etype):
    return [e for e in events if e.event_type == etype]


# ---- claimant carry-over --------------------------------------------------------------------------------------

LEAD = "Iraqi troops retook the village of Imam Gharbi on Monday, the Joint Operations Command said.\n\n"


def test_sentence_with_its_own_unnamed_source_does_not_inherit_the_previous_claimant(extract):
    text = (LEAD + "Airwars said a coalition air strike killed 9 civilians in Qayyarah on Sunday. "
            "Local residents said mortar fire hit Makhmur on Tuesday.")
    (ev,) = of_type(extract(text), "artillery")
    assert ev.claimant != "Airwars"


def test_unnamed_source_falls_back_to_the_issuing_body(extract):
    text = (LEAD + "Airwars said a coalition air strike killed 9 civilians in Qayyarah on Sunday. "
            "Local residents said mortar fire hit Makhmur on Tuesday.")
    (ev,) = of_type(extract(text), "artillery")
    assert ev.claimant == "Iraqi government"


def test_bare_he_said_continues_the_previous_claimant(extract):
    text = (LEAD + "Col. John Dorrian, a spokesman for CJTF-OIR, said the offensive was on schedule. "
            "An air strike destroyed a bomb factory in Hawija on Sunday, he said.")
    (ev,) = of_type(extract(text), "airstrike")
    assert ev.claimant == "Col. John Dorrian, Coalition (CJTF-OIR)"


def test_pronoun_subject_continues_the_previous_claimant(extract):
    text = (LEAD + "Airwars said the toll in Mosul was far higher than admitted. "
            "It added that 14 civilians were killed in Hammam al-Alil on Saturday.")
    (ev,) = of_type(extract(text), "civilian_harm")
    assert ev.claimant == "Airwars"


# ---- denials --------------------------------------------------------------------------------------------------

def test_headline_denial_is_a_denied_claim_by_the_denier(extract):
    events = extract("The Coalition Denies Role in Tal Afar Air Raids on Civilians\n\n"
                     "Officials gave no further details.", day=date(2017, 3, 2))
    claims = [e for e in events if e.place_name == "Tal Afar"]
    assert claims and {(e.hedging, e.claimant) for e in claims} == {("denied", "Coalition (CJTF-OIR)")}


def test_denial_of_strikes_that_harmed_civilians_is_a_civilian_harm_claim(extract):
    text = "The coalition denied responsibility for the air strikes that killed civilians in Hawija on Friday."
    (ev,) = of_type(extract(text), "civilian_harm")
    assert (ev.place_name, ev.hedging, ev.claimant) == ("Hawija", "denied", "Coalition (CJTF-OIR)")


# ---- who controls captured ground -----------------------------------------------------------------------------

def test_capture_by_the_jihadists_gives_them_control(extract):
    text = "Islamic State fighters seized the town of Hit on Monday after government troops withdrew."
    (ev,) = of_type(extract(text), "territorial_change")
    assert (ev.actor1, ev.controller) == ("Islamic State", "Islamic State")


def test_capture_by_the_jihadists_is_non_state_overtake(extract):
    text = "Islamic State fighters seized the town of Hit on Monday after government troops withdrew."
    (ev,) = of_type(extract(text), "territorial_change")
    assert ev.acled_sub_event_type == "Non-state actor overtakes territory"


def test_controller_is_empty_when_no_one_is_named_as_taking_the_place(extract):
    text = ("Iraqi troops clashed with IS fighters near Haditha on Monday.\n\n"
            "The town of Hit was captured on Tuesday, residents said.")
    (ev,) = of_type(extract(text), "territorial_change")
    assert ev.controller == ""


def test_passive_capture_by_an_actor_names_that_actor(extract):
    text = "The border town of Qaim was taken by Iraqi troops on Friday."
    (ev,) = of_type(extract(text), "territorial_change")
    assert ev.controller == "Iraqi security forces"


# ---- titles ---------------------------------------------------------------------------------------------------

def test_claimant_keeps_a_two_word_title_whole(extract):
    text = "A coalition air strike hit a convoy near Rutba on Sunday, Defense Secretary Ash Carter said."
    (ev,) = of_type(extract(text), "airstrike")
    assert ev.claimant.startswith("Defense Secretary Ash Carter")


def test_claimant_named_after_the_verb_keeps_a_two_word_title_whole(extract):
    text = "A coalition air strike hit a convoy near Rutba on Sunday, said Foreign Minister Ibrahim al-Jaafari."
    (ev,) = of_type(extract(text), "airstrike")
    assert ev.claimant.startswith("Foreign Minister Ibrahim")


# ---- places ---------------------------------------------------------------------------------------------------

def test_descriptive_place_before_city_of_gives_way_to_the_named_city(extract):
    text = "IS fighters captured the Syrian desert town of Sukhnah on Wednesday."
    (ev,) = of_type(extract(text), "territorial_change")
    assert "sukhn" in ev.place_name.lower()


def test_surname_after_the_verb_refers_back_to_the_full_claimant(extract):
    text = ("Strikes went on near Hajin, said Col. John Dorrian, a spokesman for CJTF-OIR.\n\n"
            '"IS fighters shelled Hajin on Sunday," said Dorrian, adding that the town was calm.')
    (ev,) = of_type(extract(text), "artillery")
    assert ev.claimant == "Col. John Dorrian, Coalition (CJTF-OIR)"


def test_an_event_reported_twice_in_a_document_keeps_its_first_report(extract):
    text = ("Kurdish-led fighters freed the village of Sheikh Hamad on Monday, the SDF said.\n\n"
            "Later the SDF said the village of Sheikh Hamad was liberated after heavy clashes.")
    events = [e for e in of_type(extract(text), "territorial_change") if "Hamad" in e.place_text]
    assert len(events) == 1 and events[0].evidence.startswith("Kurdish-led")


def test_a_district_of_a_city_stays_the_district(extract):
    text = "An air strike hit a house in the al-Zanjili district of Mosul on Tuesday, residents said."
    (ev,) = of_type(extract(text), "airstrike")
    assert "Zanjili" in ev.place_text


def test_nationality_adjective_is_not_a_place(extract):
    text = "Turkish artillery shelled Kurdish positions around Syrian villages on Sunday, monitors said."
    assert not [e for e in extract(text) if e.place_text in ("Syrian", "Kurdish", "Turkish")]


def test_held_adjective_is_not_a_place(extract):
    text = "Iraqi troops captured the last IS-held neighbourhood on Sunday."
    assert not [e for e in extract(text) if e.place_text.endswith("-held")]
