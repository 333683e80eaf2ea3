"""Actors and claimants from events/data/actors.csv: canonical name, aliases, ACLED actor type, side, role."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from events.lexicon import PhraseMatcher

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Actor:
    canonical: str
    acled_type: str
    side: str
    role: str  # "actor", "claimant" or "both"

    @property
    def is_state(self) -> bool:
        return self.acled_type == "State forces"


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor


class ActorBook:
    """All known actors; `find` returns their mentions in a text, longest alias first."""

    def __init__(self, path: Path = DATA / "actors.csv") -> None:
        self.by_alias: dict[str, Actor] = {}
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                actor = Actor(row["canonical"].strip(), row["acled_type"].strip(), row["side"].strip(),
                              row["role"].strip() or "both")
                for alias in [actor.canonical, *row["aliases"].split("|")]:
                    if alias.strip():
                        self.by_alias.setdefault(alias.strip(), actor)
        self._lower = {alias.lower(): actor for alias, actor in self.by_alias.items()}
        self._matcher = PhraseMatcher(self.by_alias)

    def find(self, text: str) -> list[ActorMention]:
        return [ActorMention(h.start, h.end, text[h.start:h.end], self.lookup(h.key)) for h in self._matcher.find(text)]

    def lookup(self, name: str) -> Actor | None:
        """The actor an alias or canonical name stands for (case-insensitive except for acronyms)."""
        return self.by_alias.get(name.strip()) or self._lower.get(name.strip().lower())

    def canonical(self, name: str) -> str:
        actor = self.lookup(name)
        return actor.canonical if actor else name.strip()


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    lat: float
    lon: float


class CountryBook:
    """Country names (from events/data/countries.csv) that set the geographic context of a section."""

    def __init__(self, path: Path = DATA / "countries.csv") -> None:
        self.by_alias: dict[str, Country] = {}
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                country = Country(row["code"].strip(), row["name"].strip(), float(row["lat"]), float(row["lon"]))
                for alias in [country.name, *row["aliases"].split("|")]:
                    self.by_alias[alias.strip().lower()] = country
        self._matcher = PhraseMatcher(self.by_alias)

    def find(self, text: str) -> list[tuple[int, int, Country]]:
        out = []
        for h in self._matcher.find(text):
            # "Iraq's government" still names Iraq; "Iraqi" is an adjective and is not matched here.
            out.append((h.start, h.end, self.by_alias[h.key.lower()]))
        return out

    def lookup(self, name: str) -> Country | None:
        return self.by_alias.get(re.sub(r"\s+", " ", name.strip().lower()))


@lru_cache(maxsize=1)
def default_actors() -> ActorBook:
    return ActorBook()


@lru_cache(maxsize=1)
def default_countries() -> CountryBook:
    return CountryBook()
