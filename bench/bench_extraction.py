"""Extraction benchmark: strike-release precision/recall against the shared gold, seed key claims, docs/s, peak RSS.

Run: python bench/bench_extraction.py [--repeat N]   (prints a Markdown report)
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geopy.distance import distance  # noqa: E402

from events.actors import default_actors  # noqa: E402
from events.extract import Extractor  # noqa: E402
from events.ingest import read_paths  # noqa: E402
from events.model import Document, Event  # noqa: E402
from geo import Geocoder  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
SEED_GOLD = ROOT / "bench" / "gold" / "seeds.jsonl"
MATCH_KM = 15.0


@dataclass
class Gold:
    doc: str
    place_text: str
    date: str | None
    strikes: int | None
    claimant: str
    coords: tuple[float, float] | None


def _docs(path: Path) -> dict[str, Document]:
    return {Path(d.source_path).name: d for d in read_paths([path]) if isinstance(d, Document)}


def _gold() -> list[Gold]:
    coords: dict[str, tuple[float, float]] = {}
    for line in (CORPUS / "places.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 5 and cols[3] and cols[4]:
            coords[cols[0]] = (float(cols[3]), float(cols[4]))
    out = []
    for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            out.append(Gold(g["doc"], g["place_text"], g.get("date"), g.get("strikes"), g.get("claimant", ""),
                            coords.get(g["place_text"])))
    return out


def _near(g: Gold, e: Event) -> bool:
    if g.coords is None:  # no gold coordinates: fall back to the place text as written
        return " ".join(e.place_text.lower().split()) == " ".join(g.place_text.lower().split())
    if e.latitude is None or e.longitude is None:
        return False
    return distance(g.coords, (e.latitude, e.longitude)).km <= MATCH_KM


def _pct(n: int, d: int) -> str:
    return f"{100.0 * n / d:.1f}% ({n}/{d})" if d else "n/a"


def corpus_scores(extractor: Extractor) -> tuple[list[str], list[str]]:
    docs = _docs(CORPUS / "docs")
    gold = _gold()
    preds = {name: [e for e in extractor.extract(doc) if e.event_type == "airstrike"] for name, doc in docs.items()}
    actors = default_actors()
    matched: list[tuple[Gold, Event]] = []
    used: set[int] = set()
    errors: list[str] = []
    place_hits = date_hits = 0
    for g in gold:
        cands = preds.get(g.doc, [])
        near = [e for e in cands if _near(g, e)]
        if near:
            place_hits += 1
            if any(str(e.event_date) == g.date for e in near):
                date_hits += 1
        pick = next((e for e in near if str(e.event_date) == g.date and id(e) not in used), None)
        if pick is None:
            got = ", ".join(f"{e.place_text}@{e.event_date}" for e in near) or "no event near"
            errors.append(f"missed {g.doc} {g.place_text} {g.date} ({got})")
            continue
        used.add(id(pick))
        matched.append((g, pick))
    n_pred = sum(len(v) for v in preds.values())
    for name, events in sorted(preds.items()):
        for e in events:
            if id(e) not in used:
                errors.append(f"extra {name} {e.place_text} -> {e.place_name or 'unresolved'} {e.event_date}")
    strikes_ok = sum(1 for g, e in matched if g.strikes == e.strikes)
    claim_ok = sum(1 for g, e in matched if actors.canonical(g.claimant) == actors.canonical(e.claimant))
    rows = [
        "| metric (strike releases) | value |", "| --- | --- |",
        f"| recall (place <= {MATCH_KM:g} km and date) | {_pct(len(matched), len(gold))} |",
        f"| precision | {_pct(len(matched), n_pred)} |",
        f"| place found (any date) | {_pct(place_hits, len(gold))} |",
        f"| date right when place found | {_pct(date_hits, place_hits)} |",
        f"| strikes count right (matched) | {_pct(strikes_ok, len(matched))} |",
        f"| claimant right (matched) | {_pct(claim_ok, len(matched))} |",
    ]
    return rows, errors


NUMBER_FIELDS = ("strikes", "targets_destroyed", "killed_min", "killed_max", "civilians_killed_min",
                 "civilians_killed_max", "share_percent", "people_per_day")


@dataclass
class SeedRow:
    key: str
    must: bool
    found: bool
    claimant_ok: bool
    numbers_ok: bool
    note: str


def _collapsed(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs collapsed to one space, and for each kept character its offset in `text`."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        index.append(i)
    return "".join(out), index


def _cue_spans(text: str, cue: str) -> list[tuple[int, int]]:
    """Where the gold `cue` sits in the document (offsets into the original text), whitespace-insensitive."""
    flat, index = _collapsed(text)
    needle = " ".join(cue.split())
    spans = []
    for m in re.finditer(re.escape(needle), flat, re.I):
        spans.append((index[m.start()], index[m.end() - 1] + 1))
    return spans


def _countries(text: str) -> set[str]:
    return {w.strip().lower() for w in re.split(r"\s+(?:and|&)\s+|,", text) if w.strip()}


def _place_ok(gold_place: str, e: Event) -> bool:
    want = " ".join(gold_place.lower().split())
    got = " ".join(e.place_text.lower().split())
    name = (e.place_name or "").lower()
    if e.geo_precision in ("country", "region"):
        return _countries(want) == _countries(got)
    return bool(got) and (want in got or got in want or (name and (want in name or name in want)))


def _claimant_ok(actors, gold: str, got: str) -> bool:
    """Right when the event names the gold claimant, or (for "Person, Org") the person or the organisation."""
    if not gold:
        return not got
    if not got:
        return False
    got_c = actors.canonical(got).lower()
    parts = [gold] + [p.strip() for p in gold.split(",") if p.strip()]
    for part in parts:
        want = actors.canonical(part).lower()
        if want == got_c or (len(want) > 3 and (want in got.lower() or got.lower() in want)):
            return True
    return False


def _numbers_ok(fields: dict, e: Event) -> bool:
    for name in NUMBER_FIELDS:
        if fields.get(name) is None:
            continue
        got = e.extra.get(name) if name == "people_per_day" else getattr(e, name)
        if got is None or float(got) != float(fields[name]):
            return False
    return True


def _score_seed(g: dict, doc: Document | None, events: list[Event], actors) -> SeedRow:
    key, must = g.get("key", "?"), bool(g.get("must"))
    if doc is None:
        return SeedRow(key, must, False, False, False, "seed file missing")
    spans = _cue_spans(doc.text, g.get("cue", ""))
    if not spans:
        return SeedRow(key, must, False, False, False, "cue not in text")
    cands = [e for e in events if e.event_type == g["event_type"]
             and any(e.evidence_start < hi and lo < e.evidence_end for lo, hi in spans)]
    at_place = [e for e in cands if _place_ok(g.get("place_text", ""), e)]
    if not at_place:
        got = ", ".join(sorted({e.place_text for e in cands})) or "no event of this type at the cue"
        return SeedRow(key, must, False, False, False, f"place: {got}")
    fields = g.get("fields") or {}
    best = max(at_place, key=lambda e: (_claimant_ok(actors, g.get("claimant", ""), e.claimant),
                                        _numbers_ok(fields, e)))
    claim_ok = _claimant_ok(actors, g.get("claimant", ""), best.claimant)
    nums_ok = _numbers_ok(fields, best)
    notes = []
    if not claim_ok:
        notes.append(f"claimant {best.claimant!r}")
    if not nums_ok:
        got = {n: (best.extra.get(n) if n == "people_per_day" else getattr(best, n)) for n in NUMBER_FIELDS
               if fields.get(n) is not None}
        notes.append(f"numbers {got}")
    return SeedRow(key, must, True, claim_ok, nums_ok, "; ".join(notes))


def seed_scores(extractor: Extractor) -> tuple[list[str], list[str]]:
    """Seed key claims (bench/gold/seeds.jsonl): found at the cue with the right type and place, claimant, numbers."""
    if not SEED_GOLD.exists():
        return [f"(no {SEED_GOLD.relative_to(ROOT)} yet: seed key claims not scored)"], []
    docs = _docs(SEEDS)
    actors = default_actors()
    events = {name: extractor.extract(doc) for name, doc in docs.items()}
    scored: list[SeedRow] = []
    for line in SEED_GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            name = Path(g.get("doc", "")).name
            scored.append(_score_seed(g, docs.get(name), events.get(name, []), actors))
    rows = ["| seed claims | found | right claimant | right numbers |", "| --- | --- | --- | --- |"]
    for label, subset in (("required (`must`)", [r for r in scored if r.must]), ("all", scored)):
        n = len(subset)
        rows.append(f"| {label} | {_pct(sum(r.found for r in subset), n)} | "
                    f"{_pct(sum(r.claimant_ok for r in subset), n)} | {_pct(sum(r.numbers_ok for r in subset), n)} |")
    misses = [f"{'MUST ' if r.must else ''}{r.key}: {'missed' if not r.found else 'found'}"
              f"{' - ' + r.note if r.note else ''}" for r in scored if not (r.found and r.claimant_ok and r.numbers_ok)]
    return rows, misses


def speed(extractor: Extractor, repeat: int) -> list[str]:
    docs = list(_docs(CORPUS / "docs").values()) + list(_docs(SEEDS).values())
    extractor.extract(docs[0])  # warm
    start = time.perf_counter()
    n = 0
    for _ in range(repeat):
        for doc in docs:
            extractor.extract(doc)
            n += 1
    elapsed = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ["| speed | value |", "| --- | --- |", f"| documents | {n} |",
            f"| docs/s (one core, warm geocoder) | {n / elapsed:.0f} |", f"| peak RSS | {rss_mb:.0f} MB |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10, help="passes over corpus + seeds for the speed test")
    parser.add_argument("--errors", action="store_true", help="list every miss and extra")
    args = parser.parse_args()
    t0 = time.perf_counter()
    geocoder = Geocoder.default()
    cold = time.perf_counter() - t0
    extractor = Extractor(geocoder)
    rows, errors = corpus_scores(extractor)
    print("## Extraction benchmark\n")
    print("\n".join(rows) + "\n")
    seed_rows, seed_misses = seed_scores(extractor)
    print("\n".join(seed_rows) + "\n")
    print("\n".join(speed(extractor, args.repeat)))
    print(f"\n(geocoder load {cold:.2f} s)")
    if args.errors or errors:
        print("\n### Corpus errors\n")
        print("\n".join(f"- {e}" for e in (errors if args.errors else errors[:25])))
    if seed_misses:
        print("\n### Seed claims not fully right\n")
        print("\n".join(f"- {m}" for m in seed_misses))


if __name__ == "__main__":
    main()
