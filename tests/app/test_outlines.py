"""The offline outline: country rings and governorate names read from the curated gazetteer, drawn without fill."""

from __future__ import annotations

import pytest
from streamlit_folium import generate_leaflet_string

from view.folium_map import build_map
from view.outlines import label_text, load_area_labels, load_outlines


def test_both_theatre_countries_have_a_closed_enough_ring_inside_the_region():
    rings = {outline.country: outline.ring for outline in load_outlines()}
    assert {"IQ", "SY"} <= set(rings)
    for ring in rings.values():
        assert len(ring) >= 10
        assert all(28.0 < lat < 38.5 and 35.0 < lon < 49.0 for lat, lon in ring)


def test_governorate_labels_use_the_short_name():
    names = {label.name for label in load_area_labels()}
    assert {"Anbar", "Nineveh", "Raqqa"} <= names or {"Anbar", "Ninawa", "Raqqa"} <= names
    assert not any(name.endswith("Governorate") for name in names)


def test_label_text_strips_the_suffix_when_admin1_is_missing():
    assert label_text("Dohuk Governorate", "") == "Dohuk"
    assert label_text("Dohuk Governorate", "Duhok") == "Duhok"


def test_a_bad_coordinate_names_the_file_line_and_field(tmp_path):
    bad = tmp_path / "outlines.csv"
    bad.write_text("country,seq,lat,lon\nIQ,0,33.1,38.8\nIQ,1,north,39.0\nIQ,2,34.0,40.0\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"outlines\.csv: line 3: field 'lat'"):
        load_outlines(bad)


def test_a_missing_column_is_reported(tmp_path):
    bad = tmp_path / "places.csv"
    bad.write_text("name,lat,lon\nX,1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column"):
        load_area_labels(bad)


def component_script(fmap) -> str:
    """What st_folium sends: it renders the whole map first, which fills the layer control."""
    fmap.get_root().render()
    return generate_leaflet_string(fmap)


def test_the_map_draws_the_outline_unfilled_and_not_clickable(synth):
    script = component_script(build_map(synth.frame_of([]))[0])
    assert "Borders and governorates (offline outline)" in script
    assert "fill: false, interactive: false" in script
    assert "OpenStreetMap" in script or "tile.openstreetmap.org" in script  # tiles stay for online use


def test_the_outline_costs_a_small_constant(synth):
    empty = synth.frame_of([])
    with_outline = len(component_script(build_map(empty)[0]).encode())
    without = len(component_script(build_map(empty, outlines=False)[0]).encode())
    assert 0 < with_outline - without < 10_000
