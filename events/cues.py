"""Event cue words, hedging/denial cues, reporting verbs, victim nouns and rate phrases, read from events/data/*.csv."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from events.lexicon import PhraseMatcher

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue phrase and the event it signals; ACLED sub-types with '||' are (state actor, non-state actor)."""

    phrase: str
    event_type: str
    sub_event_type: str
    acled_event_type: str
    acled_sub_event_type: str
    strength: float

    def acled_sub_for(self, state_actor: bool) -> str:
        options = self.acled_sub_event_type.split("||")
        return options[0] if state_actor or len(options) == 1 else options[1]


@dataclass(frozen=True, slots=True)
class CueMention:
    start: int
    end: int
    cue: Cue


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _cue(row: dict[str, str]) -> Cue:
    return Cue(row["phrase"], row["event_type"], row["sub_event_type"], row["acled_event_type"],
               row["acled_sub_event_type"], float(row["strength"]))


class CueBook:
    """Event cues, hedges and reporting phrases with one matcher each."""

    def __init__(self) -> None:
        self.cues = {r["phrase"]: _cue(r) for r in _rows("cues.csv")}
        self.hedges = {r["phrase"]: r["hedging"] for r in _rows("hedges.csv")}
        self.reporting = {r["phrase"]: r["kind"] for r in _rows("reporting.csv")}
        self.victims = {r["noun"].lower(): r["group"] for r in _rows("victims.csv")}
        self.rates = {r["phrase"].lower(): r["per"] for r in _rows("rates.csv")}
        # Cues no phrase triggers: a count of civilians killed, fighters reported killed.
        self.implied = {r["key"]: _cue(r) for r in _rows("implied_cues.csv")}
        self._cues = PhraseMatcher(self.cues)
        self._hedges = PhraseMatcher(self.hedges)
        self._reporting = PhraseMatcher(self.reporting)

    def find_cues(self, text: str) -> list[CueMention]:
        return [CueMention(h.start, h.end, self.cues[h.key]) for h in self._cues.find(text)]

    def hedging(self, text: str) -> str:
        """"denied" beats "alleged" beats "unconfirmed"; "" when the text states things plainly."""
        found = {self.hedges[h.key] for h in self._hedges.find(text)}
        for level in ("denied", "alleged", "unconfirmed"):
            if level in found:
                return level
        return ""

    @property
    def victim_alternation(self) -> str:
        """The victim nouns as one regex alternation, longest first ("civilian lives" before "civilian")."""
        return "|".join(re.escape(n) for n in sorted(self.victims, key=len, reverse=True))

    @property
    def rate_alternation(self) -> str:
        return "|".join(re.escape(r) for r in sorted(self.rates, key=len, reverse=True))

    def find_reporting(self, text: str) -> list[tuple[int, int, str]]:
        return [(h.start, h.end, self.reporting[h.key]) for h in self._reporting.find(text)]


@lru_cache(maxsize=1)
def default_cues() -> CueBook:
    return CueBook()
