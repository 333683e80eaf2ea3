"""Map building: layers per type, precision-aware symbols, escaped popups, tiers, local assets, compact payload."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from streamlit_folium import generate_leaflet_string

from view.folium_map import build_map, geocode_match_text, popup_html
from view.styles import load_styles

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


def rendered(fmap) -> str:
    return fmap.get_root().render()


def test_one_layer_per_event_type_with_a_layer_control(frame):
    fmap, stats = build_map(frame)
    html = rendered(fmap)
    assert stats.tier == "individual" and stats.points == 7  # the unresolved event is not drawn
    for label in ("Air/drone strike (2)", "Ground clash (1)", "Territorial change (1)", "Explosion/IED (1)"):
        assert label in html
    assert "L.control.layers" in html and "cm-legend" in html


def test_article_text_is_escaped_in_popups(synth):
    fmap, _ = build_map(synth.frame_of([synth.make_event(summary=HOSTILE, evidence=HOSTILE, place_text=HOSTILE,
                                             claimant=HOSTILE, source_url="javascript:alert(1)")]))
    html = rendered(fmap)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript' not in html  # a non-http source is shown as text, never as a link
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html.replace("\\u0026", "&")


def test_popup_has_summary_evidence_source_date_precision_and_match(synth):
    row = synth.frame_of([synth.make_event(place_text="Hwayjah", place="hawija", source_url="https://example.org/a",
                               source_title="Release", evidence="Strikes hit Hwayjah.")]).iloc[0]
    html = popup_html(row, load_styles(), permalink_base="http://h/")
    for part in ("Air/drone strike", "2017-03-01", "Strikes hit Hwayjah.", 'href="https://example.org/a"',
                 "Hwayjah -&gt; Al Hawijah, 0.93", "(place)", f"?event={row['event_id']}"):
        assert part in html


def test_geocode_match_text_for_unresolved_names(synth):
    row = synth.frame_of([synth.make_event(place=None, place_text="Wadi X")]).iloc[0]
    assert geocode_match_text(row) == "Wadi X -> unresolved"


def test_precision_decides_the_symbol(frame):
    html = rendered(build_map(frame)[0])
    shapes = re.findall(r'\[[-0-9.]+,[-0-9.]+,"#[0-9a-fA-F]+","(pin|near|area|wide)",(\d+)', html)
    assert ("near", "8000") in shapes and ("area", "60000") in shapes and ("pin", "0") in shapes


def many_events(synth, n: int) -> pd.DataFrame:
    base = synth.frame_of(synth.sample_events()[:6])
    frame = base.sample(n, replace=True, random_state=1).reset_index(drop=True)
    rng = np.random.default_rng(1)
    frame["latitude"] = frame["latitude"] + rng.normal(0, 0.5, n)
    frame["longitude"] = frame["longitude"] + rng.normal(0, 0.5, n)
    return frame


def test_many_points_switch_to_client_side_clusters(synth):
    fmap, stats = build_map(many_events(synth, 3000), individual_limit=2000)
    html = rendered(fmap)
    assert stats.tier == "cluster"
    assert "L.markerClusterGroup" in html and "cm-popup" not in html


def test_cluster_payload_is_compact(synth):
    script = generate_leaflet_string(build_map(many_events(synth, 10_000))[0])
    assert len(script.encode()) < 500_000
    latitudes = re.search(r"var cols = \[\[([-0-9.,]+)\]", script).group(1).split(",")
    assert len(latitudes) > 1000 and all(len(lat.split(".")[-1]) <= 4 for lat in latitudes)


def test_heat_map_is_optional(frame):
    assert "heatLayer" not in rendered(build_map(frame)[0])
    assert "heatLayer" in rendered(build_map(frame, heat=True)[0])


def test_assets_come_from_the_app_not_a_cdn(synth):
    fmap = build_map(many_events(synth, 3000), heat=True)[0]
    links = []
    for element in [fmap, *fmap._children.values()]:
        links += [src for _, src in getattr(element, "default_js", [])]
        links += [href for _, href in getattr(element, "default_css", [])]
    assert links and all(link.startswith("/app/static/vendor/") for link in links)


def test_control_layer_is_drawn_when_given(frame):
    control = pd.DataFrame([{"place_name": "Ayn Isa", "latitude": 36.38, "longitude": 38.86, "controller": "SDF",
                             "popup_html": "<b>Ayn Isa</b>"}])
    assert "Territorial control" in rendered(build_map(frame, control=control)[0])


def test_an_empty_selection_still_gives_a_map(synth):
    fmap, stats = build_map(synth.frame_of([]))
    assert stats.points == 0 and "L.map" in rendered(fmap)
