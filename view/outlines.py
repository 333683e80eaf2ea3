"""Offline orientation for the map: coarse country rings and governorate labels read from the curated gazetteer.

With no internet there are no tiles; these few hundred coordinates let an analyst still see where the markers are.
The files belong to gazetteer/ and are only read here (no gazetteer code is imported).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CURATED_DIR = Path(__file__).resolve().parents[1] / "gazetteer" / "curated"
OUTLINES_CSV = CURATED_DIR / "country_outlines.csv"
PLACES_CSV = CURATED_DIR / "conflict_places.csv"
LABEL_FEATURE = "governorate"
LABEL_SUFFIXES = (" Governorate", " governorate", " Province", " province")


@dataclass(frozen=True, slots=True)
class Outline:
    """One country's border as a closed ring of (lat, lon) points, in file order."""

    country: str
    ring: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class AreaLabel:
    """A name to print on the map at a representative point of its area."""

    name: str
    country: str
    lat: float
    lon: float


def _coordinate(path: Path, line: int, row: dict[str, str], field: str, limit: float) -> float:
    text = (row.get(field) or "").strip()
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{path}: line {line}: field {field!r} is not a number: {text[:40]!r}") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise ValueError(f"{path}: line {line}: field {field!r} is out of range: {text[:40]!r}")
    return value


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in required if name not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        return [(number, row) for number, row in enumerate(reader, start=2)]


@lru_cache(maxsize=4)
def load_outlines(path: Path = OUTLINES_CSV) -> tuple[Outline, ...]:
    """Rings per country ordered by `seq`; a ring needs at least three points to be drawn."""
    points: dict[str, list[tuple[int, float, float]]] = {}
    for line, row in _rows(path, ("country", "seq", "lat", "lon")):
        country = (row.get("country") or "").strip().upper()
        if not country:
            raise ValueError(f"{path}: line {line}: field 'country' is empty")
        try:
            seq = int((row.get("seq") or "").strip())
        except ValueError:
            raise ValueError(f"{path}: line {line}: field 'seq' is not an integer") from None
        lat = _coordinate(path, line, row, "lat", 90.0)
        lon = _coordinate(path, line, row, "lon", 180.0)
        points.setdefault(country, []).append((seq, lat, lon))
    return tuple(Outline(country, tuple((lat, lon) for _, lat, lon in sorted(found)))
                 for country, found in sorted(points.items()) if len(found) >= 3)


def label_text(name: str, admin1: str) -> str:
    """'Anbar' rather than 'Anbar Governorate': the short form is what analysts read on a map."""
    if admin1.strip():
        return admin1.strip()
    for suffix in LABEL_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)].strip()
    return name.strip()


@lru_cache(maxsize=4)
def load_area_labels(path: Path = PLACES_CSV, feature: str = LABEL_FEATURE) -> tuple[AreaLabel, ...]:
    """Labels for every curated place of one feature class (governorates by default)."""
    labels = []
    for line, row in _rows(path, ("name", "feature", "country", "admin1", "lat", "lon")):
        if (row.get("feature") or "").strip() != feature:
            continue
        labels.append(AreaLabel(name=label_text(row.get("name") or "", row.get("admin1") or ""),
                                country=(row.get("country") or "").strip().upper(),
                                lat=_coordinate(path, line, row, "lat", 90.0),
                                lon=_coordinate(path, line, row, "lon", 180.0)))
    return tuple(labels)
