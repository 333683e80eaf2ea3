"""Geocoder benchmark: accuracy on transliteration variants, non-places, calibration, speed, cold start, memory.

Run: python bench/bench_geo.py [--naive-sample N]   (prints a Markdown report)
Sets: bench/data/geo_variants.csv (our dev set), ../shared/corpus/places.tsv (when present),
bench/data/non_places.txt. The naive baseline is rapidfuzz.process.extractOne over every gazetteer name.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geopy.distance import great_circle  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from geo import Geocoder, GeoContext  # noqa: E402
from geo.normalize import name_keys, phonetic_token  # noqa: E402

WITHIN_KM = 15.0
CONFIDENT = 0.9


@dataclass
class Case:
    query: str
    country: str
    lat: float
    lon: float


def load_variants() -> dict[str, list[Case]]:
    sets: dict[str, list[Case]] = {}
    dev = ROOT / "bench" / "data" / "geo_variants.csv"
    if dev.exists():
        with dev.open(encoding="utf-8", newline="") as fh:
            sets["dev variants"] = [Case(r["variant"], r["country"], float(r["lat"]), float(r["lon"]))
                                    for r in csv.DictReader(fh) if r["lat"] and r["lon"]]
    held = ROOT.parent / "shared" / "corpus" / "places.tsv"
    if held.exists():
        with held.open(encoding="utf-8", newline="") as fh:
            sets["corpus place_text"] = [Case(r["place_text"], r["country"], float(r["lat"]), float(r["lon"]))
                                         for r in csv.DictReader(fh, delimiter="\t") if r["lat"] and r["lon"]]
    return sets


def load_provinces() -> list[tuple[str, str, str]]:
    """Dev rows naming a governorate: scored by the entry chosen and precision, since an area has no true point."""
    dev = ROOT / "bench" / "data" / "geo_variants.csv"
    if not dev.exists():
        return []
    with dev.open(encoding="utf-8", newline="") as fh:
        return [(r["variant"], r["country"], r["expected_name"]) for r in csv.DictReader(fh)
                if not r["lat"] and r["note"].startswith("province")]


def province_accuracy(geocoder: Geocoder, rows: list[tuple[str, str, str]]) -> tuple[int, int]:
    right = 0
    for variant, cc, expected in rows:
        got, want = geocoder.resolve(variant, GeoContext(countries=(cc,))), geocoder.resolve(expected)
        right += bool(got.resolved and want.resolved and got.place.gid == want.place.gid
                      and got.precision == "province")
    return right, len(rows)


def two_country_accuracy(geocoder: Geocoder) -> tuple[int, int, list[str]]:
    """Names borne by places in two countries: the document's country must pick the right one."""
    path = ROOT / "bench" / "data" / "two_country_names.csv"
    if not path.exists():
        return 0, 0, []
    right, misses = 0, []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        res = geocoder.resolve(r["name"], GeoContext(countries=(r["country"],)))
        ok = res.resolved and great_circle((res.lat, res.lon),
                                           (float(r["expected_lat"]), float(r["expected_lon"]))).km <= WITHIN_KM
        right += ok
        if not ok:
            misses.append(f"{r['name']} ({r['country']})")
    return right, len(rows), misses


def load_non_places() -> list[str]:
    path = ROOT / "bench" / "data" / "non_places.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def accuracy(geocoder: Geocoder, cases: list[Case], with_context: bool) -> dict:
    within = confident = confident_wrong = unresolved = 0
    wrong_examples = []
    for c in cases:
        ctx = GeoContext(countries=(c.country,)) if with_context else None
        r = geocoder.resolve(c.query, ctx)
        if not r.resolved:
            unresolved += 1
            continue
        ok = great_circle((r.lat, r.lon), (c.lat, c.lon)).km <= WITHIN_KM
        within += ok
        if r.score >= CONFIDENT:
            confident += 1
            confident_wrong += not ok
        if not ok and len(wrong_examples) < 8:
            wrong_examples.append(f"{c.query} -> {r.place.name} ({r.place.country}, {r.score:.2f})")
    n = len(cases)
    return {"n": n, "within_15km": within / n, "unresolved": unresolved / n,
            "wrong": (n - within - unresolved) / n,
            "precision_at_0.9": (confident - confident_wrong) / confident if confident else float("nan"),
            "confident_wrong": confident_wrong, "examples": wrong_examples}


def clear_caches() -> None:
    name_keys.cache_clear()
    phonetic_token.cache_clear()


def throughput(geocoder: Geocoder, names: list[str], contexts: list[GeoContext | None]) -> float:
    clear_caches()
    start = time.perf_counter()
    for name, ctx in zip(names, contexts, strict=True):
        geocoder.resolve(name, ctx)
    return len(names) / (time.perf_counter() - start)


def query_mixes(geocoder: Geocoder, variants: list[Case], seed: int = 7) -> dict[str, list[str]]:
    """exact-heavy: gazetteer spellings of theatre places; fuzzy-heavy: the same with one letter changed."""
    rng = random.Random(seed)
    theatre = [n for n, entries in ((n, v) for n, v in geocoder.index.by_full.items())
               if any(geocoder.index.places[g].country in ("IQ", "SY") for g, _ in entries)]
    exact = rng.sample(sorted(theatre), min(5000, len(theatre)))
    fuzzy = []
    for name in exact[:2000]:
        i = rng.randrange(len(name))
        fuzzy.append(name[:i] + rng.choice("aeiouyhkq") + name[i + 1:])
    mixed = [c.query for c in variants] * 3 + exact[:1500] + fuzzy[:300]
    rng.shuffle(mixed)
    return {"exact-heavy": exact, "fuzzy-heavy": fuzzy, "mixed (dev set + exact + fuzzy)": mixed}


def naive_baseline(geocoder: Geocoder, cases: list[Case], sample: int) -> dict:
    names = list(geocoder.index.by_full.keys())
    owners = {n: geocoder.index.by_full[n][0][0] for n in names}
    picked = cases[:sample]
    start = time.perf_counter()
    within = 0
    for c in picked:
        best = process.extractOne(c.query.lower(), names, scorer=fuzz.WRatio)
        place = geocoder.index.places[owners[best[0]]]
        within += great_circle((place.lat, place.lon), (c.lat, c.lon)).km <= WITHIN_KM
    rate = len(picked) / (time.perf_counter() - start)
    return {"n": len(picked), "within_15km": within / len(picked), "names_per_s": rate}


def cold_start() -> tuple[float, float]:
    code = ("import time,resource; t=time.perf_counter(); from geo import Geocoder; "
            "Geocoder.default().resolve('Mosul'); "
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
        wall = time.perf_counter() - start
        runs.append((wall, float(out.stdout.split()[1]) / 1024))
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--naive-sample", type=int, default=150, help="queries for the slow naive baseline")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    t0 = time.perf_counter()
    geocoder = Geocoder.default()
    warm_load = time.perf_counter() - t0
    sets = load_variants()
    report: dict = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
                               f"Python {platform.python_version()}"}
    print(f"# Geocoder benchmark\n\nMachine: {report['machine']} (pinned to one core)\n")
    print("| set | context | n | within 15 km | wrong | unresolved | precision at score >= 0.9 | confident wrong |")
    print("|---|---|---|---|---|---|---|---|")
    for name, cases in sets.items():
        for with_ctx in (True, False):
            a = accuracy(geocoder, cases, with_ctx)
            report[f"{name} / {'country' if with_ctx else 'none'}"] = a
            print(f"| {name} | {'document country' if with_ctx else 'none'} | {a['n']} | {a['within_15km']:.1%} | "
                  f"{a['wrong']:.1%} | {a['unresolved']:.1%} | {a['precision_at_0.9']:.1%} | {a['confident_wrong']} |")
    right, total = province_accuracy(geocoder, load_provinces())
    report["provinces"] = {"n": total, "right": right}
    print(f"\nProvince names (same governorate entry as the canonical name, precision province): {right} of {total}")
    right, total, misses = two_country_accuracy(geocoder)
    report["two_country_names"] = {"n": total, "right": right, "misses": misses}
    print(f"Names in two countries settled by the document's country: {right} of {total}"
          + (f" (missed: {', '.join(misses)})" if misses else ""))
    non_places = load_non_places()
    resolved = [n for n in non_places if geocoder.resolve(n).resolved]
    report["non_places"] = {"n": len(non_places), "resolved": resolved}
    print(f"\nNon-places wrongly resolved: {len(resolved)} of {len(non_places)}"
          + (f" ({', '.join(resolved[:10])})" if resolved else ""))
    for name in sets:
        wrong = report[f"{name} / country"]["examples"]
        if wrong:
            print(f"\nMisses in {name} (with country): " + "; ".join(wrong))

    dev = sets.get("dev variants", [])
    print("\n| mix | names | names/s (one core, warm index, key caches cleared) |\n|---|---|---|")
    for mix, names in query_mixes(geocoder, dev).items():
        rate = throughput(geocoder, names, [None] * len(names))
        report[f"throughput {mix}"] = rate
        print(f"| {mix} | {len(names)} | {rate:,.0f} |")
    if dev:
        naive = naive_baseline(geocoder, dev, args.naive_sample)
        ours = throughput(geocoder, [c.query for c in dev], [None] * len(dev))
        report["naive"] = naive
        print(f"\nNaive baseline (extractOne over {len(geocoder.index.by_full):,} names, {naive['n']} dev queries): "
              f"{naive['names_per_s']:,.1f} names/s, {naive['within_15km']:.1%} within 15 km. "
              f"Ours on the same dev set: {ours:,.0f} names/s ({ours / naive['names_per_s']:,.0f}x).")
    cold, rss = cold_start()
    report.update(cold_start_s=cold, peak_rss_mb=rss, warm_load_s=warm_load)
    print(f"\nCold start (new process: import, load, first answer): {cold:.2f} s; peak RSS {rss:.0f} MB.")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
