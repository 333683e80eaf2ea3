"""The admin1 code map matches GeoNames: every code is used by that country's places, none is missing."""

from __future__ import annotations

from collections import Counter


def test_columns_and_unique_codes(admin1_codes):
    assert list(admin1_codes[0]) == ["country", "code", "name", "variants"]
    keys = Counter((row["country"], row["code"]) for row in admin1_codes)
    names = Counter((row["country"], row["name"]) for row in admin1_codes)
    assert max(keys.values()) == 1 and max(names.values()) == 1


def test_every_iraq_and_syria_code_in_cities500_is_mapped(admin1_codes, cities500):
    mapped = {(row["country"], row["code"]) for row in admin1_codes}
    used = {(c["countrycode"], c["admin1code"]) for c in cities500.values() if c["countrycode"] in {"IQ", "SY"}}
    assert used - mapped == set()


def test_every_mapped_code_is_used_by_a_place_of_that_country(admin1_codes, cities500):
    used = {(c["countrycode"], c["admin1code"]) for c in cities500.values()}
    assert {(row["country"], row["code"]) for row in admin1_codes} - used == set()


def test_governorate_counts(admin1_codes):
    counts = Counter(row["country"] for row in admin1_codes)
    assert counts["IQ"] == 19 and counts["SY"] == 14


def test_codes_agree_with_the_capital_of_each_mapped_province(admin1_codes, cities500):
    """The most populous cities500 place carrying each code must sit in the province the map names."""
    capitals = {("IQ", "Nineveh"): "Mosul", ("IQ", "Anbar"): "Ramadi", ("IQ", "Salah ad-Din"): "Bayjī",
                ("IQ", "Erbil"): "Erbil", ("SY", "Raqqa"): "Ar Raqqah", ("SY", "Deir ez-Zor"): "Deir ez-Zor",
                ("SY", "Hasakah"): "Al Ḩasakah", ("SY", "Aleppo"): "Aleppo", ("TR", "Hatay"): "Antakya",
                ("JO", "Mafraq"): "Mafraq", ("LB", "Baalbek-Hermel"): "Baalbek"}
    code_of = {(row["country"], row["name"]): row["code"] for row in admin1_codes}
    wrong = []
    for (country, province), city in capitals.items():
        found = [c for c in cities500.values() if c["countrycode"] == country and c["name"] == city]
        if not found or max(found, key=lambda c: c["population"])["admin1code"] != code_of[(country, province)]:
            wrong.append(province)
    assert not wrong
