"""The curated conflict gazetteer is well-formed: columns, ids, vocabularies, ranges and coverage."""

from __future__ import annotations

import re

FEATURES = {
    "city", "town", "village", "quarter", "airport", "airbase", "military_base", "border_crossing", "dam", "camp",
    "oilfield", "bridge", "prison", "site", "lake", "river", "valley", "desert", "mountain", "region", "area", "island",
    "governorate", "district", "subdistrict", "country",
}
COLUMNS = ["id", "name", "variants", "feature", "country", "admin1", "lat", "lon", "population", "geonames_id",
           "source"]
DECIMAL = re.compile(r"^-?\d{1,3}\.\d{1,5}$")


def test_header_has_exactly_the_contract_columns(places_header):
    assert places_header == COLUMNS


def test_ids_are_unique_slugs(places):
    ids = [row["id"] for row in places]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert not [i for i in ids if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i)]


def test_features_come_from_the_shared_vocabulary(places):
    assert not [(row["id"], row["feature"]) for row in places if row["feature"] not in FEATURES]


def test_curated_rows_belong_to_iraq_or_syria(places):
    assert not [(row["id"], row["country"]) for row in places if row["country"] not in {"IQ", "SY"}]


def test_coordinates_are_decimal_degrees_in_range(places):
    bad = [row["id"] for row in places
           if not (DECIMAL.match(row["lat"]) and DECIMAL.match(row["lon"])
                   and -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180)]
    assert not bad


def test_every_row_has_a_name_and_a_source(places):
    assert not [row["id"] for row in places if not row["name"].strip() or not row["source"].strip()]


def test_variants_are_pipe_separated_without_blanks_or_the_name_itself(places):
    bad = []
    for row in places:
        if not row["variants"]:
            continue
        parts = row["variants"].split("|")
        if any(not p.strip() or p != p.strip() for p in parts) or row["name"] in parts:
            bad.append(row["id"])
    assert not bad


def test_population_and_geonames_id_are_integers_when_present(places):
    bad = [row["id"] for row in places
           if (row["population"] and not row["population"].isdigit())
           or (row["geonames_id"] and not row["geonames_id"].isdigit())]
    assert not bad


def test_admin1_is_empty_exactly_for_country_and_region_rows(places):
    bad = [row["id"] for row in places if (row["feature"] in {"country", "region"}) != (row["admin1"] == "")]
    assert not bad


def test_admin1_values_exist_in_the_code_map(places, admin1_codes):
    known = {(row["country"], row["name"]) for row in admin1_codes}
    unknown = [(row["id"], row["admin1"]) for row in places
               if row["admin1"] and (row["country"], row["admin1"]) not in known]
    assert not unknown


def test_both_countries_have_a_country_row(places):
    assert {row["country"] for row in places if row["feature"] == "country"} == {"IQ", "SY"}


def test_every_governorate_of_iraq_and_syria_has_a_row(places, admin1_codes):
    wanted = {(row["country"], row["name"]) for row in admin1_codes if row["country"] in {"IQ", "SY"}}
    present = {(row["country"], row["admin1"]) for row in places if row["feature"] == "governorate"}
    assert wanted - present == set()


def test_kurdistan_region_is_a_region_row(places):
    assert any(row["feature"] == "region" and row["country"] == "IQ" and "Kurdistan" in row["name"] for row in places)


def test_districts_cover_both_countries(places):
    iq = sum(1 for row in places if row["feature"] == "district" and row["country"] == "IQ")
    sy = sum(1 for row in places if row["feature"] == "district" and row["country"] == "SY")
    assert iq >= 90 and sy >= 55, (iq, sy)
