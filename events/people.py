"""Named people as claimants ("said Brett McGurk", "according to Col. X, a spokesman for CJTF-OIR", "Dillon said")."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from events.actors import ActorBook, ActorMention

DATA = Path(__file__).parent / "data"
_NAME_WORD = r"[A-Z][a-z][\w'’-]*"
_NOT_NAMES = {"he", "she", "it", "they", "we", "i", "the", "this", "that", "officials", "residents", "sources",
              "witnesses", "activists", "monitors", "police", "reports", "statement", "state", "media"}


@dataclass(frozen=True, slots=True)
class Person:
    name: str  # as written, with title: "Col. Ryan Dillon"
    start: int
    end: int


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    with (DATA / "titles.csv").open(encoding="utf-8") as fh:
        titles = sorted((r["title"].strip() for r in csv.DictReader(fh) if r["title"].strip()), key=len, reverse=True)
    title = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    name = rf"(?:(?:{title})\s+)*{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}"
    after = re.compile(rf"^\s*,?\s+(?P<name>{name})")
    before = re.compile(rf"(?P<name>{name})\s*,?\s*$")
    surname = re.compile(rf"(?P<name>{_NAME_WORD})\s*$")
    return after, before, surname


def _plain(name: str, start: int, actors: ActorBook, mentions: list[ActorMention]) -> bool:
    """A person's name: not a pronoun or a group noun, and no part of it belongs to an organisation's name."""
    end = start + len(name)
    return (name.split()[0].lower() not in _NOT_NAMES and actors.lookup(name) is None
            and not any(m.start < end and start < m.end for m in mentions))


def person_near(text: str, start: int, end: int, kind: str, actors: ActorBook, mentions: list[ActorMention],
                known: dict[str, str]) -> Person | None:
    """The person a reporting phrase at [start, end) attributes to: the name right after it, else right before."""
    after, before, surname = _patterns()
    m = after.match(text[end:end + 80])
    if m and _plain(m.group("name"), end + m.start("name"), actors, mentions):
        return Person(m.group("name"), end + m.start("name"), end + m.end("name"))
    if kind == "before":
        return None
    head = text[max(0, start - 60):start]
    offset = max(0, start - 60)
    m = before.search(head)
    if m and _plain(m.group("name"), offset + m.start("name"), actors, mentions):
        return Person(m.group("name"), offset + m.start("name"), offset + m.end("name"))
    m = surname.search(head)
    if m and m.group("name") in known:
        return Person(known[m.group("name")], offset + m.start("name"), offset + m.end("name"))
    return None


def organisation_of(text: str, person: Person, mentions: list[ActorMention]) -> str:
    """The organisation named in apposition ("X, a spokesman for CJTF-OIR") or just before the title ("Pentagon
    spokesman X"), if it can make claims."""
    capable = [m for m in mentions if m.actor.role in ("claimant", "both")]
    tail = text[person.end:person.end + 70]
    if re.match(r"\s*,", tail):
        clause_end = person.end + (re.search(r"[;.]|,\s+(?:said|says|adding)\b|$", tail[1:]).start() + 1)
        inside = [m for m in capable if person.end < m.start < clause_end]
        if inside:
            return inside[0].actor.canonical
    lead = [m for m in capable if 0 <= person.start - m.end <= 25]
    return lead[-1].actor.canonical if lead else ""
