"""Map building: layers per type, precision-aware symbols, escaped popups, tiers, local assets, compact payload."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
from streamlit_folium import generate_leaflet_string

from view.folium_map import EVIDENCE_CHARS, CompactPointLayer, build_map, geocode_match_text, shorten

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


JS_STUB = """
var popups = [], tooltips = [], shapes = [];
function Layer(kind, options) { this.kind = kind; this.options = options || {}; }
Layer.prototype.bindPopup = function(content) { popups.push(content); return this; };
Layer.prototype.bindTooltip = function(text) { tooltips.push(text); return this; };
Layer.prototype.addTo = function() { shapes.push([this.kind, this.options.radius || 0]); return this; };
var L = {marker: function(ll, o) { return new Layer("pin", o); },
         circle: function(ll, o) { return new Layer("circle", o); },
         featureGroup: function() { return new Layer("near"); }, divIcon: function(o) { return o; }};
var %(parent)s = {};
%(script)s
console.log(JSON.stringify({popups: popups.map(function(p) { return typeof p === "function" ? p() : p; }),
                            tooltips: tooltips, shapes: shapes}));
"""


def run_layer_script(fmap) -> dict:
    """Execute the individual-tier layer scripts in Node with a stub Leaflet: what the browser would show."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    fmap.get_root().render()
    out = {"popups": [], "tooltips": [], "shapes": []}
    for group in fmap._children.values():
        for child in getattr(group, "_children", {}).values():
            if isinstance(child, CompactPointLayer):
                script = child._template.module.script(child, {})
                program = JS_STUB % {"parent": group.get_name(), "script": script}
                result = json.loads(subprocess.run([node, "-e", program], capture_output=True, text=True,
                                                   check=True, timeout=30).stdout)
                for key in out:
                    out[key] += result[key]
    return out


def test_popup_has_summary_evidence_source_date_precision_and_match(synth):
    frame = synth.frame_of([synth.make_event(place_text="Hwayjah", place="hawija", source_url="https://example.org/a",
                                             source_title="Release", evidence="Strikes hit Hwayjah.")])
    shown = run_layer_script(build_map(frame, permalink_base="http://h/")[0])
    (popup,) = shown["popups"]
    for part in ("Air/drone strike", "2017-03-01 (day)", "Strikes hit Hwayjah.", 'href="https://example.org/a"',
                 ">Release</a>", "Hwayjah -&gt; Al Hawijah, 0.93 (place)", f"http://h/?event={frame.iloc[0]['event_id']}",
                 "Actors: Coalition vs ISIS", "Claimed by: CJTF-OIR"):
        assert part in popup
    assert shown["tooltips"] == ["Al Hawijah"]


def test_hostile_text_stays_escaped_after_the_browser_assembles_the_popup(synth):
    frame = synth.frame_of([synth.make_event(summary=HOSTILE, evidence=HOSTILE, place_text=HOSTILE, actor1=HOSTILE,
                                             source_title=HOSTILE, source_url="javascript:alert(1)")])
    (popup,) = run_layer_script(build_map(frame, permalink_base="javascript:alert(1)")[0])["popups"]
    assert "<script>" not in popup and "<img" not in popup and "javascript:" not in popup.replace(
        "&lt;script&gt;", "")
    assert popup.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4


def test_long_evidence_is_cut_in_the_popup_and_points_to_the_detail_view(synth):
    evidence = "Coalition aircraft struck a fighting position near the old bridge. " * 10
    frame = synth.frame_of([synth.make_event(evidence=evidence)])
    (popup,) = run_layer_script(build_map(frame)[0])["popups"]
    quoted = re.search(r"<i>“(.*?)”</i>", popup).group(1)
    assert quoted.endswith("…") and len(quoted) <= EVIDENCE_CHARS + 1
    assert "full text in the event detail" in popup


def test_shorten_cuts_at_a_word_boundary():
    assert shorten("one two three", 100) == "one two three"
    assert shorten("one two three", 9) == "one two…"
    assert shorten("  spaced   out  ", 50) == "spaced out"


def test_an_undated_event_says_so_and_a_span_shows_both_ends(synth):
    from datetime import date

    frame = synth.frame_of([synth.make_event(when=None, place="raqqa"),
                            synth.make_event(when=date(2016, 12, 30), until=date(2017, 1, 6), place="hawija")])
    popups = " ".join(run_layer_script(build_map(frame)[0])["popups"])
    assert "undated" in popups and "2016-12-30 – 2017-01-06" in popups


def test_geocode_match_text_for_unresolved_names(synth):
    row = synth.frame_of([synth.make_event(place=None, place_text="Wadi X")]).iloc[0]
    assert geocode_match_text(row) == "Wadi X -> unresolved"


def test_precision_decides_the_symbol(frame):
    shapes = run_layer_script(build_map(frame)[0])["shapes"]
    assert ["near", 0] in shapes and ["circle", 60000] in shapes and ["pin", 0] in shapes


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


def test_individual_payload_stays_near_the_budget_with_long_evidence(synth):
    frame = many_events(synth, 2000)
    frame["evidence"] = [f"Report {i}: aircraft struck an IS fighting position and a vehicle near the river crossing "
                         "west of the town, destroying both, the coalition said in its daily release." for i in
                         range(len(frame))]
    script = generate_leaflet_string(build_map(frame, permalink_base="http://localhost:8501/")[0])
    assert len(script.encode()) < 500_000


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


def control_frame() -> pd.DataFrame:
    return pd.DataFrame([{"place_name": "Ayn Isa", "latitude": 36.38, "longitude": 38.86, "controller": "SDF",
                          "popup_html": "<b>Ayn Isa</b>"}])


def test_control_rings_have_a_fixed_screen_size_so_they_show_at_theatre_zoom(frame):
    from view.folium_map import CONTROL_RING_PIXELS, control_rows, load_styles

    rows = control_rows(control_frame(), load_styles())
    assert rows[0][3] == "ring" and rows[0][4] == CONTROL_RING_PIXELS
    assert "L.circleMarker(ll, {radius: r[4]" in rendered(build_map(frame, control=control_frame())[0])


def test_control_rings_sit_under_the_event_layers(frame):
    html = rendered(build_map(frame, control=control_frame())[0])
    assert html.index("Territorial control (last claim)") < html.index("Air/drone strike (2)")


def test_the_legend_explains_the_control_ring(frame):
    assert "territorial control, coloured by the last claimed controller" in rendered(build_map(frame)[0])


def test_the_tile_layer_has_a_readable_name(frame):
    assert "OpenStreetMap tiles (when online)" in rendered(build_map(frame)[0])


def test_the_selected_event_gets_a_ring_that_clicks_pass_through(frame):
    from view.folium_map import selection_layer

    located = frame[frame["latitude"].notna()]
    event_id = str(located.iloc[0]["event_id"])
    group = selection_layer(frame, event_id)
    build_map(frame)[0].add_child(group)
    html = group.get_root().render()
    assert "cm-selected" in html and '"interactive": false' in html
    assert f"{round(float(located.iloc[0]['latitude']), 4)}" in html


def test_no_ring_for_an_unresolved_or_unknown_selection(frame):
    from view.folium_map import selection_layer

    unresolved = str(frame.loc[frame["latitude"].isna(), "event_id"].iloc[0])
    for event_id in (unresolved, "0123456789abcdef", ""):
        assert not selection_layer(frame, event_id)._children
