"""The geopy-compatible class and the command-line contract."""

import json
import os
import subprocess
import sys
from pathlib import Path

from geopy.geocoders.base import Geocoder as GeopyGeocoder
from geopy.location import Location

from geo.geopy_geocoder import ConflictMapGeocoder

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "geo", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_geopy_class_is_a_geopy_geocoder(geocoder):
    assert isinstance(ConflictMapGeocoder(geocoder), GeopyGeocoder)


def test_geopy_geocode_returns_location_with_full_resolution_in_raw(geocoder):
    loc = ConflictMapGeocoder(geocoder).geocode("Huwayjah")
    assert isinstance(loc, Location)
    assert abs(loc.latitude - 35.33) < 0.1 and loc.raw["precision"] == "place" and loc.raw["gazetteer_id"]


def test_geopy_geocode_returns_none_for_non_places(geocoder):
    assert ConflictMapGeocoder(geocoder).geocode("Daesh") is None


def test_geopy_geocode_many_returns_a_list(geocoder):
    locs = ConflictMapGeocoder(geocoder).geocode("Tripoli", exactly_one=False)
    assert isinstance(locs, list) and all(isinstance(x, Location) for x in locs)


def test_cli_prints_one_json_object_per_name_in_order():
    out = run_cli("resolve", "Raqqa", "Daesh", "Hwayjah")
    assert out.returncode == 0
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["Raqqa", "Daesh", "Hwayjah"]
    assert rows[1]["name"] is None and rows[1]["lat"] is None and rows[1]["precision"] == "unresolved"
    for key in ("query", "name", "lat", "lon", "country", "admin1", "feature", "score", "precision", "gazetteer_id"):
        assert key in rows[0]


def test_cli_reads_names_from_stdin_when_none_given():
    out = run_cli("resolve", "--country", "SY", stdin="Ayn Isa\n\nal-Boukamal\n")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["Ayn Isa", "", "al-Boukamal"]
    assert rows[2]["country"] == "SY"


def test_cli_rejects_a_bad_country_code_on_stderr():
    out = run_cli("resolve", "--country", "Iraq", "Mosul")
    assert out.returncode == 2 and "--country" in out.stderr and out.stdout == ""


def test_cli_output_does_not_depend_on_hash_seed():
    names = "al-Jineh\nXqzvwk Plorf\nHwayjah\nQaraqosh\n"
    outs = {subprocess.run([sys.executable, "-m", "geo", "resolve"], input=names, capture_output=True, text=True,
                           cwd=ROOT, timeout=60, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")}
    assert len(outs) == 1
