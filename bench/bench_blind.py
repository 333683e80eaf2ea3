"""Blind extraction benchmark: events from 24 unseen articles against hand-made gold (bench/gold/blind).

Run: python bench/bench_blind.py [--errors] [--set bench/gold/blind2]   (prints a Markdown report)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geopy.distance import distance  # noqa: E402

from events.actors import ActorBook, default_actors  # noqa: E402
from events.extract import extract_document  # noqa: E402
from events.ingest import read_paths  # noqa: E402
from events.model import EVENT_TYPES, Document, Event  # noqa: E402

BLIND = ROOT / "bench" / "gold" / "blind"
MATCH_KM = 25.0
NUMBER_FIELDS = ("strikes", "killed_min", "killed_max", "civilians_killed_min", "civilians_killed_max",
                 "share_percent")


@dataclass(frozen=True)
class Gold:
    """One hand-annotated event of one blind document."""

    doc: str
    event_type: str
    place_text: str
    coords: tuple[float, float] | None
    date: str | None
    claimant: str | None
    numbers: tuple[tuple[str, float], ...]


@dataclass
class Scores:
    """Matched (gold, event) pairs and what was left over, for one matching mode."""

    pairs: list[tuple[Gold, Event]]
    missed: list[Gold]
    extra: list[Event]


def load_gold(path: Path) -> list[Gold]:
    """Gold lines; a malformed line stops the run with its line number."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
            coords = (float(g["lat"]), float(g["lon"])) if g.get("lat") is not None else None
            if g["event_type"] not in EVENT_TYPES:
                raise ValueError(f"unknown event_type {g['event_type']!r}")
            numbers = tuple((f, float(g[f])) for f in NUMBER_FIELDS if g.get(f) is not None)
            out.append(Gold(g["doc"], g["event_type"], g["place_text"], coords, g.get("date"),
                            g.get("claimant"), numbers))
        except (KeyError, TypeError, ValueError) as exc:
            raise SystemExit(f"{path}:{n}: bad gold line ({exc})") from exc
    return out


def extract_all(docs_dir: Path) -> tuple[dict[str, list[Event]], list[str]]:
    """Events per document file name, plus ingest errors as text."""
    events: dict[str, list[Event]] = {}
    errors: list[str] = []
    for item in read_paths([docs_dir]):
        if isinstance(item, Document):
            events[Path(item.source_path).name] = extract_document(item)
        else:
            errors.append(str(item))
    return events, errors


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def place_km(g: Gold, e: Event) -> float | None:
    """Distance used for ranking a candidate pair; None when the places do not match."""
    if g.coords is None:
        return 0.0 if _norm(e.place_text) == _norm(g.place_text) else None
    if e.latitude is None or e.longitude is None:
        return None
    km = distance(g.coords, (e.latitude, e.longitude)).km
    return km if km <= MATCH_KM else None


def date_ok(g: Gold, e: Event) -> bool:
    return g.date is None or (e.event_date is not None and e.event_date.isoformat() == g.date)


def match(gold: list[Gold], events: dict[str, list[Event]], with_date: bool) -> Scores:
    """Greedy one-to-one matching per document, closest pairs first (date-right pairs first)."""
    pairs: list[tuple[Gold, Event]] = []
    used_g: set[int] = set()
    used_e: set[int] = set()
    for doc in sorted({g.doc for g in gold} | set(events)):
        golds = [g for g in gold if g.doc == doc]
        cands = []
        for gi, g in enumerate(golds):
            for ei, e in enumerate(events.get(doc, [])):
                if e.event_type != g.event_type:
                    continue
                km = place_km(g, e)
                if km is None or (with_date and not date_ok(g, e)):
                    continue
                cands.append((not date_ok(g, e), km, gi, ei))
        for _, _, gi, ei in sorted(cands):
            gk, ek = id(golds[gi]), id(events[doc][ei])
            if gk in used_g or ek in used_e:
                continue
            used_g.add(gk)
            used_e.add(ek)
            pairs.append((golds[gi], events[doc][ei]))
    missed = [g for g in gold if id(g) not in used_g]
    extra = [e for evs in events.values() for e in evs if id(e) not in used_e]
    return Scores(pairs, missed, extra)


def _pct(n: int, d: int) -> str:
    return f"{100.0 * n / d:.1f}% ({n}/{d})" if d else "n/a"


def claimant_ok(g: Gold, e: Event, actors: ActorBook | None = None) -> bool:
    """Case-insensitive containment either way; with `actors`, both names are first mapped to canonical form."""
    want, got = (g.claimant or "").strip(), e.claimant.strip()
    if actors is not None:
        want, got = actors.canonical(want), actors.canonical(got)
    want, got = want.lower(), got.lower()
    return bool(got) and bool(want) and (want in got or got in want)


def number_checks(pairs: list[tuple[Gold, Event]]) -> Counter:
    """Per number field: how many gold values were extracted exactly ("<field>" right, "<field>/n" total)."""
    c: Counter = Counter()
    for g, e in pairs:
        for name, want in g.numbers:
            got = getattr(e, name)
            c[name + "/n"] += 1
            c[name] += int(got is not None and float(got) == want)
    return c


def report(gold: list[Gold], events: dict[str, list[Event]]) -> tuple[list[str], Scores]:
    strict, loose = match(gold, events, True), match(gold, events, False)
    n_pred = sum(len(v) for v in events.values())
    rows = [f"Documents: {len(events)}; gold events: {len(gold)}; extracted events: {n_pred}\n",
            "| metric | strict (type + place + date) | without date |", "| --- | --- | --- |",
            f"| precision | {_pct(len(strict.pairs), n_pred)} | {_pct(len(loose.pairs), n_pred)} |",
            f"| recall | {_pct(len(strict.pairs), len(gold))} | {_pct(len(loose.pairs), len(gold))} |",
            "", "| event type | gold | extracted | P strict | R strict | P no date | R no date |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for t in EVENT_TYPES:
        ng = sum(g.event_type == t for g in gold)
        ne = sum(e.event_type == t for evs in events.values() for e in evs)
        if not ng and not ne:
            continue
        ms = sum(g.event_type == t for g, _ in strict.pairs)
        ml = sum(g.event_type == t for g, _ in loose.pairs)
        rows.append(f"| {t} | {ng} | {ne} | {_pct(ms, ne)} | {_pct(ms, ng)} | {_pct(ml, ne)} | {_pct(ml, ng)} |")
    dated = [(g, e) for g, e in loose.pairs if g.date is not None]
    claimed = [(g, e) for g, e in loose.pairs if g.claimant]
    nums = number_checks(loose.pairs)
    actors = default_actors()
    n_total = sum(v for k, v in nums.items() if k.endswith("/n"))
    n_right = sum(v for k, v in nums.items() if not k.endswith("/n"))
    rows += ["", "| on matches without the date condition | value |", "| --- | --- |",
             f"| date right (gold dated) | {_pct(sum(date_ok(g, e) for g, e in dated), len(dated))} |",
             f"| claimant right (gold names one) | {_pct(sum(claimant_ok(g, e) for g, e in claimed), len(claimed))} |",
             f"| claimant right, both names canonicalised by events.actors | "
             f"{_pct(sum(claimant_ok(g, e, actors) for g, e in claimed), len(claimed))} |",
             f"| numbers right (all fields) | {_pct(n_right, n_total)} |"]
    rows += [f"| - {name} | {_pct(nums[name], nums[name + '/n'])} |" for name in NUMBER_FIELDS if nums[name + "/n"]]
    return rows, strict


def _event_line(e: Event) -> str:
    where = e.place_name or "unresolved"
    return (f"{e.event_type} '{e.place_text}' -> {where} {e.event_date} claimant={e.claimant!r} "
            f"[{e.evidence[:90].strip()!r}]")


def error_lines(strict: Scores, events: dict[str, list[Event]]) -> list[str]:
    """Misses (with what the extractor had of that type in the doc) and false positives, by document."""
    out = ["\n### Misses (strict)\n"]
    for g in strict.missed:
        same = [f"'{e.place_text}'@{e.event_date}" for e in events.get(g.doc, []) if e.event_type == g.event_type]
        out.append(f"- {g.doc}: {g.event_type} '{g.place_text}' {g.date} (same type in doc: "
                   f"{', '.join(same) or 'none'})")
    out.append("\n### False positives (strict)\n")
    by_doc: dict[str, list[Event]] = {}
    for name, evs in events.items():
        for e in evs:
            by_doc.setdefault(name, []).append(e)
    extra_ids = {id(e) for e in strict.extra}
    for name in sorted(by_doc):
        out += [f"- {name}: {_event_line(e)}" for e in by_doc[name] if id(e) in extra_ids]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list misses and false positives")
    parser.add_argument("--set", type=Path, default=BLIND, help="folder with docs/ and gold.jsonl")
    args = parser.parse_args()
    gold = load_gold(args.set / "gold.jsonl")
    events, ingest_errors = extract_all(args.set / "docs")
    missing = sorted({g.doc for g in gold} - set(events))
    if missing:
        raise SystemExit(f"gold names documents that were not read: {', '.join(missing)}")
    rows, strict = report(gold, events)
    print("## Blind extraction benchmark\n")
    print("\n".join(rows))
    if ingest_errors:
        print("\nIngest errors: " + "; ".join(ingest_errors))
    if args.errors:
        print("\n".join(error_lines(strict, events)))


if __name__ == "__main__":
    main()
