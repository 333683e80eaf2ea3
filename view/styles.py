"""Colours, glyphs and symbol sizes come from view/data so analysts can restyle the map without code."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).parent / "data"
FALLBACK_SIDE = "other"


@dataclass(frozen=True, slots=True)
class Style:
    key: str
    label: str
    color: str
    glyph: str
    radius_m: int = 0


@dataclass(frozen=True, slots=True)
class Styles:
    types: dict[str, Style]
    sides: dict[str, Style]
    precisions: dict[str, Style]
    side_patterns: tuple[tuple[re.Pattern[str], str], ...]

    def type_style(self, event_type: str) -> Style:
        return self.types.get(event_type) or Style(event_type, event_type, "#616161", "●")

    def side_style(self, side: str) -> Style:
        return self.sides.get(side) or self.sides[FALLBACK_SIDE]

    def radius_for(self, precision: str) -> int:
        style = self.precisions.get(precision)
        return style.radius_m if style else 0

    def side_of(self, actor: str) -> str:
        """The first pattern (file order = priority) that occurs as a word in the actor name decides its side."""
        text = (actor or "").lower()
        for pattern, side in self.side_patterns:
            if pattern.search(text):
                return side
        return FALLBACK_SIDE

    def sides_of(self, actors: pd.Series) -> pd.Series:
        """Vectorised over a column: each distinct actor is classified once."""
        values = actors.fillna("").astype(str)
        mapping = {actor: self.side_of(actor) for actor in values.unique()}
        return values.map(mapping)


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def load_styles(data_dir: Path = DATA_DIR) -> Styles:
    """Read styles.csv and sides.csv once per process."""
    groups: dict[str, dict[str, Style]] = {"type": {}, "side": {}, "precision": {}}
    for row in _read_rows(data_dir / "styles.csv"):
        kind = row["kind"].strip()
        if kind not in groups:
            raise ValueError(f"{data_dir / 'styles.csv'}: unknown kind {kind!r}")
        radius = (row.get("radius_m") or "").strip()
        groups[kind][row["key"].strip()] = Style(
            key=row["key"].strip(), label=row["label"].strip(), color=row["color"].strip(),
            glyph=(row.get("glyph") or "").strip(),
            radius_m=int(radius) if radius else 0,
        )
    if FALLBACK_SIDE not in groups["side"]:
        raise ValueError(f"{data_dir / 'styles.csv'}: needs a side row for {FALLBACK_SIDE!r}")
    patterns = tuple(
        (re.compile(r"(?<![a-z])" + re.escape(row["pattern"].strip().lower()) + r"(?![a-z])"), row["side"].strip())
        for row in _read_rows(data_dir / "sides.csv")
    )
    return Styles(types=groups["type"], sides=groups["side"], precisions=groups["precision"], side_patterns=patterns)
