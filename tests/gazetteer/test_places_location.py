"""Curated coordinates are where they claim to be: inside their country, and agreeing with GeoNames."""

from __future__ import annotations

import math

import pytest

OUTLINE_TOLERANCE_KM = 10.0  # the outlines are coarse polygons through known border points
CROSSING_TOLERANCE_KM = 15.0  # a crossing may sit on either side of the line
GEONAMES_AGREEMENT_KM = 5.0
NEIGHBOURS = ("TR", "JO", "LB", "IL", "SA", "KW", "IR")
# The Golan Heights: GeoNames codes its settlements IL and its Druze villages SY; the SY outline keeps the 1967 line.
GOLAN = (32.65, 33.35, 35.60, 35.95)  # lat_min, lat_max, lon_min, lon_max


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def inside(ring: list[tuple[float, float]], lat: float, lon: float) -> bool:
    """Even-odd ray casting on (lat, lon) pairs."""
    result = False
    for (lat1, lon1), (lat2, lon2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (lat1 > lat) != (lat2 > lat):
            cross_lon = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if lon < cross_lon:
                result = not result
    return result


def edge_distance_km(ring: list[tuple[float, float]], lat: float, lon: float) -> float:
    """Distance to the nearest outline edge on a local equirectangular projection."""
    kx = 111.32 * math.cos(math.radians(lat))
    best = math.inf
    for (lat1, lon1), (lat2, lon2) in zip(ring, ring[1:] + ring[:1], strict=True):
        ax, ay = (lon1 - lon) * kx, (lat1 - lat) * 110.57
        bx, by = (lon2 - lon) * kx, (lat2 - lat) * 110.57
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def within_country(ring, lat: float, lon: float, tolerance_km: float) -> bool:
    return inside(ring, lat, lon) or edge_distance_km(ring, lat, lon) <= tolerance_km


def deep_inside(ring, lat: float, lon: float, margin_km: float) -> bool:
    return inside(ring, lat, lon) and edge_distance_km(ring, lat, lon) > margin_km


def in_golan(country: str, lat: float, lon: float) -> bool:
    return country == "IL" and GOLAN[0] <= lat <= GOLAN[1] and GOLAN[2] <= lon <= GOLAN[3]


def test_outline_rings_are_closed_polygons_for_both_countries(outlines):
    assert set(outlines) == {"IQ", "SY"}
    assert all(len(ring) >= 20 for ring in outlines.values())


@pytest.mark.parametrize("country", ["IQ", "SY"])
def test_outline_contains_the_countrys_own_geonames_places(outlines, cities500, country):
    own = [c for c in cities500.values() if c["countrycode"] == country]
    outside = [c["name"] for c in own
               if not within_country(outlines[country], c["latitude"], c["longitude"], OUTLINE_TOLERANCE_KM)]
    assert len(outside) <= 0.01 * len(own), outside


@pytest.mark.parametrize("country", ["IQ", "SY"])
def test_outline_excludes_neighbouring_countries_geonames_places(outlines, cities500, country):
    foreign = [(c["countrycode"], c["name"]) for c in cities500.values()
               if c["countrycode"] in NEIGHBOURS + tuple({"IQ", "SY"} - {country})
               and not in_golan(c["countrycode"], c["latitude"], c["longitude"])
               and deep_inside(outlines[country], c["latitude"], c["longitude"], OUTLINE_TOLERANCE_KM)]
    assert not foreign


def test_every_curated_row_lies_inside_its_country(places, outlines):
    strays = []
    for row in places:
        tolerance = CROSSING_TOLERANCE_KM if row["feature"] == "border_crossing" else OUTLINE_TOLERANCE_KM
        if not within_country(outlines[row["country"]], float(row["lat"]), float(row["lon"]), tolerance):
            strays.append((row["id"], row["country"]))
    assert not strays


def test_no_curated_row_lies_deep_inside_the_other_country(places, outlines):
    other = {"IQ": "SY", "SY": "IQ"}
    strays = [row["id"] for row in places
              if row["feature"] != "border_crossing"
              and deep_inside(outlines[other[row["country"]]], float(row["lat"]), float(row["lon"]),
                              OUTLINE_TOLERANCE_KM)]
    assert not strays


def test_geonames_ids_exist_in_cities500_for_the_same_country(places, cities500):
    bad = [(row["id"], row["geonames_id"]) for row in places if row["geonames_id"]
           and (row["geonames_id"] not in cities500 or cities500[row["geonames_id"]]["countrycode"] != row["country"])]
    assert not bad


def test_rows_with_geonames_id_agree_with_cities500_within_5_km(places, cities500):
    far = []
    for row in places:
        ref = cities500.get(row["geonames_id"]) if row["geonames_id"] else None
        if ref is None:
            continue
        km = haversine_km(float(row["lat"]), float(row["lon"]), ref["latitude"], ref["longitude"])
        if km > GEONAMES_AGREEMENT_KM:
            far.append((row["id"], round(km, 1)))
    assert not far


def test_rows_with_geonames_id_agree_with_its_admin1_code(places, cities500, admin1_codes):
    by_code = {(row["country"], row["code"]): row["name"] for row in admin1_codes}
    bad = []
    for row in places:
        ref = cities500.get(row["geonames_id"]) if row["geonames_id"] else None
        if ref is not None and by_code.get((ref["countrycode"], ref["admin1code"])) != row["admin1"]:
            bad.append((row["id"], row["admin1"], ref["admin1code"]))
    assert not bad
