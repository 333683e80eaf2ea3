"""The non-place stop list is well-formed and never collides with a curated place name."""

from __future__ import annotations

import re

KINDS = {"person", "organisation", "armed_group", "operation", "outlet", "calendar", "weapon", "other"}


def key(text: str) -> str:
    return re.sub(r"[\s\-'’`]+", " ", text.casefold()).strip()


def test_columns_kinds_and_size(not_places):
    assert list(not_places[0]) == ["name", "kind"]
    assert not [row for row in not_places if row["kind"] not in KINDS or not row["name"].strip()]
    assert len(not_places) >= 150


def test_names_are_unique(not_places):
    keys = [key(row["name"]) for row in not_places]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_no_non_place_is_a_curated_name_or_variant(not_places, places):
    place_keys = set()
    for row in places:
        place_keys.add(key(row["name"]))
        place_keys.update(key(v) for v in row["variants"].split("|") if v)
    assert not [row["name"] for row in not_places if key(row["name"]) in place_keys]


def test_no_non_place_is_the_primary_name_of_a_geonames_place_in_iraq_or_syria(not_places, cities500):
    names = {key(c["name"]) for c in cities500.values() if c["countrycode"] in {"IQ", "SY"}}
    assert not [row["name"] for row in not_places if key(row["name"]) in names]
