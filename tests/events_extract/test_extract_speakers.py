"""Who speaks: organisations as news reports name them, unnamed speakers described by role, rebels' own claims.

Own dispatches about real places; each test checks one attribution rule.
"""

from __future__ import annotations

from datetime import date

from events.ingest import doc_id_for
from events.model import Document


def of_type(events, etype):
    return [e for e in events if e.event_type == etype]


def test_described_speaker_is_the_claimant_when_no_name_is_given(extract):
    text = "Militants and Kurdish fighters clashed near Bashiqa overnight, a Kurdish commander said."
    events = extract(text)
    assert events and {e.claimant for e in events} == {"Kurdish commander"}


def test_according_to_local_officials_names_them_as_claimant(extract):
    text = "More than 3,000 families fled Hawija on Monday, according to local officials."
    (ev,) = of_type(extract(text), "displacement")
    assert ev.claimant == "local officials"


def test_rebel_claim_is_not_given_to_the_government_minister_of_the_lead(extract):
    text = ("Russian warplanes struck targets near Latamneh on Thursday, Defence Minister Sergei Shoigu said.\n\n"
            "Rebels said they clashed with army units near Kafr Nabuda on Thursday.")
    (ev,) = of_type(extract(text, day=date(2015, 10, 9)), "ground_clash")
    assert ev.claimant == "Rebels"


def test_un_refugee_agency_is_canonicalised_to_unhcr(extract):
    text = "Some 8,000 refugees crossed into Jordan near Rukban last week, the U.N. refugee agency said."
    events = extract(text)
    assert events and {e.claimant for e in events} == {"UNHCR"}


def test_ocha_is_its_own_claimant_not_the_united_nations_at_large(extract):
    text = "OCHA said 12,000 people had been displaced from Hajin in the past week."
    (ev,) = of_type(extract(text), "displacement")
    assert ev.claimant == "OCHA"


def test_actor_inside_what_was_said_is_not_the_speaker(extract):
    text = ("The Syrian Observatory for Human Rights said on Friday that 40 civilians were killed in Tabqa.\n\n"
            "The Observatory also said that coalition raids killed 12 civilians in Mansoura on Thursday.")
    (ev,) = [e for e in of_type(extract(text), "civilian_harm") if e.place_text == "Mansoura"]
    assert ev.claimant == "SOHR"


def test_the_monitor_said_continues_the_named_monitor(extract):
    text = ("An air strike hit a bakery in Tabqa on Friday, the Syrian Observatory for Human Rights said.\n\n"
            "The British-based monitor said that 11 civilians were killed in Mansoura on Thursday.")
    (ev,) = [e for e in of_type(extract(text), "civilian_harm") if e.place_text == "Mansoura"]
    assert ev.claimant == "SOHR"


def test_source_header_names_the_issuer_when_the_lead_names_none(geocoder):
    from events.extract import Extractor

    text = ("Coalition forces conducted six strikes against ISIL in Iraq on Nov. 3, officials reported.\n\n"
            "-- Near Sinjar, two strikes destroyed an ISIL fighting position.\n")
    doc = Document(doc_id=doc_id_for(text), text=text, date=date(2016, 11, 4), source="CJTF-OIR news release")
    (ev,) = of_type(Extractor(geocoder).extract(doc), "airstrike")
    assert ev.claimant == "Coalition (CJTF-OIR)"
