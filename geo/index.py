"""In-memory gazetteer index: exact key tables plus blocks that bound every fuzzy search."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from geo.gazetteer import NameRow
from geo.model import Place
from geo.normalize import name_keys

FUZZY_CUTOFF = 78.0  # rapidfuzz ratio below which a spelling is not considered the same name
MAX_BLOCK = 6000  # a block larger than this is too generic to search (e.g. one consonant skeleton)


def block_keys(phonetic: str, skeleton: str) -> list[str]:
    """Blocking keys: same consonant outline, or same first three / last four phonetic letters."""
    keys = [f"s:{skeleton}"] if len(skeleton) >= 2 else []
    if len(phonetic) >= 3:
        keys.append(f"p:{phonetic[:3]}")
    if len(phonetic) >= 6:
        keys.append(f"e:{phonetic[-4:]}")
    return keys


@dataclass(slots=True)
class KeyHit:
    gid: str
    name: str
    kind: str  # "full", "stripped", "phonetic" or "fuzzy"
    similarity: float  # 100 for exact key matches, rapidfuzz ratio for fuzzy ones


@dataclass(slots=True)
class GazetteerIndex:
    places: dict[str, Place] = field(default_factory=dict)
    by_full: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    by_stripped: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    by_phonetic: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    blocks: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))  # ordered sets
    max_tokens: int = 1

    def add_place(self, place: Place, names: Iterable[NameRow] = ()) -> None:
        """Index a place under precomputed name rows, or compute keys for its name and variants."""
        self.places[place.gid] = place
        rows = list(names) or [NameRow(place.gid, n, *_keys(n)) for n in (place.name, *place.variants)]
        for row in rows:
            self.add_name(row)

    def add_name(self, row: NameRow) -> None:
        if not row.full:
            return
        entry = (row.gid, row.name)
        self.by_full[row.full].append(entry)
        if row.stripped != row.full:
            self.by_stripped[row.stripped].append(entry)
        self.by_phonetic[row.phonetic].append(entry)
        for key in block_keys(row.phonetic, row.skeleton):
            self.blocks[key][row.phonetic] = None
        self.max_tokens = max(self.max_tokens, row.full.count(" ") + 1)

    def exact(self, full: str, stripped: str, phonetic: str) -> list[KeyHit]:
        """Every entry sharing one of the query's keys, strictest key first."""
        hits: list[KeyHit] = []
        seen: set[str] = set()
        for kind, table, key in (("full", self.by_full, full), ("stripped", self.by_stripped, stripped),
                                 ("stripped", self.by_full, stripped), ("phonetic", self.by_phonetic, phonetic)):
            for gid, name in table.get(key, ()):
                if gid not in seen:
                    seen.add(gid)
                    hits.append(KeyHit(gid, name, kind, 100.0))
        return hits

    def fuzzy(self, phonetic: str, skeleton: str, limit: int = 8) -> list[KeyHit]:
        """rapidfuzz over the union of the query's blocks only; never a scan of every name."""
        pool: dict[str, None] = {}  # insertion-ordered union, so ties break the same way on every run
        for key in block_keys(phonetic, skeleton):
            block = self.blocks.get(key)
            if block and len(block) <= MAX_BLOCK:
                pool.update(block)
        if not pool:
            return []
        hits: list[KeyHit] = []
        seen: set[str] = set()
        for key, score, _ in process.extract(phonetic, list(pool), scorer=fuzz.ratio, limit=limit,
                                             score_cutoff=FUZZY_CUTOFF):
            for gid, name in self.by_phonetic[key]:
                if gid not in seen:
                    seen.add(gid)
                    hits.append(KeyHit(gid, name, "fuzzy", float(score)))
        return hits


def _keys(name: str) -> tuple[str, str, str, str]:
    k = name_keys(name)
    return k.full, k.stripped, k.phonetic, k.skeleton
