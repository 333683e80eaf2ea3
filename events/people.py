"""Named people as claimants ("said Brett McGurk", "according to Col. X, a spokesman for CJTF-OIR", "Dillon said")."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from events.actors import ActorBook, ActorMention
from events.wordlists import alternation, word_set

DATA = Path(__file__).parent / "data"
_NAME_WORD = r"(?:(?:al|el|ad|as|an|ar)-)?[A-Z][a-z][\w'’-]*"  # "al-Abadi" is a surname
_NOT_NAMES = word_set("not_a_name")


@dataclass(frozen=True, slots=True)
class Person:
    name: str  # as written, with title: "Col. Ryan Dillon"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Patterns:
    after: re.Pattern[str]  # "said Col. X"
    before: re.Pattern[str]  # "Col. X said"
    appositive: re.Pattern[str]  # "Col. X, a spokesman for Y, said"
    surname: re.Pattern[str]  # "Dillon said"
    surname_after: re.Pattern[str]  # "said Dillon"


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    with (DATA / "titles.csv").open(encoding="utf-8") as fh:
        titles = sorted((r["title"].strip() for r in csv.DictReader(fh) if r["title"].strip()), key=len, reverse=True)
    title = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    # A title keeps the capitalized words that qualify it ("Defense Secretary", "Foreign Minister").
    titled = rf"(?:{_NAME_WORD}\s+){{0,2}}(?:{title})\s+(?:(?:{title})\s+)*"
    name = rf"(?:{titled})?{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}"
    return _Patterns(
        after=re.compile(rf"^\s*,?\s+(?:(?:[A-Z][\w.-]*\s+){{0,3}}(?:{alternation('role_noun')})\s+)?(?P<name>{name})"),
        before=re.compile(rf"(?P<name>{name})\s*,?\s*$"),
        appositive=re.compile(rf"(?P<name>{name})\s*,\s*(?:a|an|the|who)\b[^,;]{{0,70}},\s*$"),
        surname=re.compile(rf"(?P<name>{_NAME_WORD})\s*$"),
        surname_after=re.compile(rf"^\s*,?\s+(?P<name>{_NAME_WORD})\b(?!\s+{_NAME_WORD})"))


def _candidates(name: str, start: int) -> list[tuple[str, int]]:
    """The name with its qualified title, then without the qualifier (when that overlaps an organisation)."""
    out = [(name, start)]
    words = name.split()
    for cut in (1, 2):
        if len(words) > cut + 2:
            rest = name.split(None, cut)[-1]
            out.append((rest, start + len(name) - len(rest)))
    return out


def _plain(name: str, start: int, actors: ActorBook, mentions: list[ActorMention]) -> bool:
    """A person's name: not a pronoun or a group noun, and no part of it belongs to an organisation's name."""
    end = start + len(name)
    return (name.split()[0].lower() not in _NOT_NAMES and actors.lookup(name) is None
            and not any(m.start < end and start < m.end for m in mentions))


def _person(m: re.Match[str] | None, offset: int, actors: ActorBook, mentions: list[ActorMention]) -> Person | None:
    if not m:
        return None
    for name, start in _candidates(m.group("name"), offset + m.start("name")):
        if _plain(name, start, actors, mentions):
            return Person(name, start, start + len(name))
    return None


def person_near(text: str, start: int, end: int, kind: str, actors: ActorBook, mentions: list[ActorMention],
                known: dict[str, str]) -> Person | None:
    """The person a reporting phrase at [start, end) attributes to: the name right after it, else right before,
    else before an apposition ("X, a spokesman for Y, said")."""
    p = _patterns()
    person = _person(p.after.match(text[end:end + 90]), end, actors, mentions)
    if person is not None:
        return person
    m = p.surname_after.match(text[end:end + 40])
    if m and m.group("name") in known:  # "said Dillon, adding ..."
        return Person(known[m.group("name")], end + m.start("name"), end + m.end("name"))
    if kind == "before":
        return None
    offset = max(0, start - 70)
    head = text[offset:start]
    person = _person(p.before.search(head), offset, actors, mentions)
    if person is not None:
        return person
    wide = max(0, start - 140)
    person = _person(p.appositive.search(text[wide:start]), wide, actors, mentions)
    if person is not None:
        return person
    m = p.surname.search(head)
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


_DESC_WORD = r"[A-Za-z][\w'’.-]*"
# "the" opens a description only before a proper qualifier ("the Dutch defence ministry"); "the official" and
# "the London-based monitor" point back to a speaker already named.
_DESC_ARTICLE = r"(?:(?i:an?|one|two|three|several)\s+|(?i:the)\s+(?=[A-Z](?![\w'’.]*-based\b)))?"


@lru_cache(maxsize=1)
def _speaker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    noun = alternation("speaker_noun")
    desc = rf"(?P<desc>(?:{_DESC_WORD}\s+){{0,3}}?(?i:{noun}))"
    before = re.compile(rf"(?:^|[,;:(]\s+|\s[—–-]+\s+|\b(?i:an?|one)\s+){_DESC_ARTICLE}{desc}"
                        r"\s+(?:(?:has|have|had|also)\s+)*$")
    after = re.compile(rf"^\s+{_DESC_ARTICLE}{desc}\b")
    return before, after


def described_speaker(text: str, start: int, end: int, kind: str, mentions: list[ActorMention]) -> str:
    """An unnamed speaker described by role ("a Kurdish officer said", "according to local officials"): the
    description, without its article; "" when the description is a back reference ("the official") or names an
    organisation we know (the organisation then speaks)."""
    before, after = _speaker_patterns()
    if kind == "after":
        m = before.search(text[max(0, start - 80):start])
        offset = max(0, start - 80)
    else:
        m = after.match(text[end:end + 80])
        offset = end
    if not m:
        return ""
    words = m.group("desc").split()
    stops = word_set("describer_stop")
    if any(w.lower().strip(".,") in stops for w in words):
        return ""
    d_start, d_end = offset + m.start("desc"), offset + m.end("desc")
    # a bare noun speaks only as the sentence's subject ("Rebels said"), and never a vague one ("officials said")
    if len(words) == 1 and (d_start > 0 or words[0].lower() in _NOT_NAMES):
        return ""
    if any(a.start < d_end and d_start < a.end for a in mentions if a.actor.role in ("claimant", "both")):
        return ""
    return " ".join(words)
