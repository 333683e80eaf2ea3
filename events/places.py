"""Place-name spans in a sentence: gazetteer mentions plus capitalized names after cue words ("near X", "west of X")."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from events.actors import ActorBook, Country, CountryBook
from events.dates import _words as date_words
from events.wordlists import alternation, word_set
from geo.model import Mention

DATA = Path(__file__).parent / "data"

# Arabic article and name particles that may sit lowercase inside a capitalized place name.
_PARTICLE = rf"(?:{alternation('name_particle')})"
_WORD = r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
NAME = rf"(?:{_PARTICLE}-)?{_WORD}(?:[ \t]+(?:(?:{_PARTICLE}|{_PARTICLE}-)[ \t]*)?{_WORD})*"
# A capitalized run that starts with one of these ("The", "Support") is not a place name.
_STOP_WORDS = word_set("name_blocker")
_NOT_A_PLACE = word_set("not_a_place")
_NOT_A_PLACE_SUFFIX = tuple(word_set("not_a_place_suffix"))


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A candidate place in a sentence: `text` as written, `query` as sent to the geocoder, `cue` before it."""

    start: int
    end: int
    text: str
    query: str
    cue: str = ""
    relation: str = ""
    country: Country | None = None


@lru_cache(maxsize=1)
def _cue_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    with (DATA / "place_cues.csv").open(encoding="utf-8") as fh:
        relations = {r["phrase"].strip().lower(): (r["relation"] or "").strip() for r in csv.DictReader(fh)}
    cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(relations, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?P<cue>(?i:{cues}))\s+(?:(?i:the)\s+)?(?P<name>{NAME})")
    return pattern, relations


@lru_cache(maxsize=1)
def place_noun_alternation() -> str:
    """The place nouns of place_nouns.csv as a regex alternation, longest first."""
    with (DATA / "place_nouns.csv").open(encoding="utf-8") as fh:
        nouns = sorted((r["noun"].strip() for r in csv.DictReader(fh)), key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)


@lru_cache(maxsize=1)
def _noun_pattern() -> re.Pattern[str]:
    """A name followed by a place noun ("Taru villages", "Ghazlani military base"); "X and Y villages" gives both."""
    alt = place_noun_alternation()
    return re.compile(rf"(?P<first>{NAME})(?:\s+and\s+(?P<second>{NAME}))?\s+(?i:{alt})(?![\w-])")


_POSSESSIVE = re.compile(r"^(?P<owner>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)['’]s\s+(?=[A-Z])")
_DIRECTION_TAIL = re.compile(r"\s+(?:north|south|east|west|northeast|northwest|southeast|southwest)$", re.I)
_LEADING = re.compile(rf"^(?P<name>{NAME})(?=\s*,)")
_SPEAKS = re.compile(rf"\s+(?:(?:has|had|have|also|again|later|then)\s+)*(?:{alternation('government_verb')})\b", re.I)
_AFTER_PREPOSITION = re.compile(rf"\b(?:{alternation('place_preposition')})\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=1)
def default_stopwords() -> frozenset[str]:
    """Words that end a capitalized run (title-case headlines): the place stop list plus all cue words."""
    words: set[str] = set()
    with (DATA / "place_stopwords.csv").open(encoding="utf-8") as fh:
        words.update(r["word"].strip().lower() for r in csv.DictReader(fh))
    with (DATA / "cues.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            words.update(w for w in re.findall(r"[a-z]+", row["phrase"].lower()) if len(w) > 3)
    return frozenset(words)


def _date_word(word: str) -> bool:
    w = date_words()
    low = word.lower().rstrip(".")
    return low in w.months or low in w.weekdays


def _clean_name(name: str) -> str:
    name = re.sub(r"(?:'s|’s)$", "", name.strip())
    return name.strip(" ,.-")


def _usable(name: str, actors: ActorBook, countries: CountryBook, geocoder) -> bool:
    words = name.split()
    if not words or words[0].lower() in _STOP_WORDS or _date_word(words[0]):
        return False
    if name.lower() in _NOT_A_PLACE or name.lower().endswith(_NOT_A_PLACE_SUFFIX):
        return False
    if countries.lookup(name):
        return True
    actor = actors.lookup(name)
    if actor is not None or geocoder.is_non_place(name):
        return False
    return not any(m.start == 0 and m.end == len(name) for m in actors.find(name))


def _candidates(text: str, bullet: bool) -> list[tuple[int, str, str]]:
    """(start, raw name, cue) for names after cue words, before place nouns, and leading a bullet ("Rawah, ...")."""
    pattern, _ = _cue_pattern()
    out = [(m.start("name"), m.group("name"), " ".join(m.group("cue").lower().split())) for m in pattern.finditer(text)]
    for m in _noun_pattern().finditer(text):
        for group in ("first", "second"):
            if m.group(group):
                out.append((m.start(group), m.group(group), ""))
    if bullet and not pattern.match(text):
        m = _LEADING.match(text)
        if m:
            out.append((0, m.group("name"), ""))
    return sorted(out)


def _trim(name: str, stop: frozenset[str]) -> str:
    """Cut a capitalized run at the first word that is a cue or common word ("Daquq Airstrikes Against ...")."""
    words = name.split()
    for i, word in enumerate(words):
        low = word.lower().strip(",.")
        if low in stop or (low.endswith("s") and low[:-1] in stop):  # "Raids" stops like "raid"
            return " ".join(words[:i]) if i > 0 else ""
    return name


def _without_direction_tail(m: Mention, text: str) -> Mention:
    """"Qayyarah airfield west of Makhmur": a compass word followed by "of" starts a relation, not the name."""
    tail = _DIRECTION_TAIL.search(m.text)
    if tail and tail.start() > 0 and re.match(r"\s+of\b", text[m.end:]):
        return Mention(m.start, m.start + tail.start(), m.text[:tail.start()])
    return m


def _speaks(text: str, start: int, end: int) -> bool:
    """"Ankara said", "Damascus has denied": the name stands for a government, not for where anything happened."""
    return bool(_SPEAKS.match(text, end)) and not _AFTER_PREPOSITION.search(text, max(0, start - 24), start)


def find_places(text: str, mentions: list[Mention], geocoder, actors: ActorBook,
                countries: CountryBook, bullet: bool = False, stop: frozenset[str] | None = None) -> list[PlaceSpan]:
    """Place spans in `text`; `mentions` are the geocoder's gazetteer hits with offsets relative to `text`."""
    _, relations = _cue_pattern()
    stop = default_stopwords() if stop is None else stop
    spans: list[PlaceSpan] = []
    mentions = [_without_direction_tail(m, text) for m in mentions]
    for start, raw, cue in _candidates(text, bullet):
        owner = _POSSESSIVE.match(raw)
        if owner and countries.lookup(owner.group("owner")):  # "Iraq's Anbar Province": the country is context
            start, raw = start + owner.end(), raw[owner.end():]
        cleaned = _clean_name(raw)
        name = _trim(cleaned, stop)
        if name != cleaned:  # a title-case run the stop words had to cut: the gazetteer's name is the safer end
            inner = [m.end - start for m in mentions if m.start == start and start + len(name) > m.end]
            if inner:
                name = name[:max(inner)]
        following = text[start + len(name):start + len(name) + 6]
        if len(name) < 2 or following.startswith("-based") or re.match(r"\.\w", following):
            continue
        if any(s.start <= start < s.end for s in spans):
            continue
        if not _usable(name, actors, countries, geocoder):
            continue
        end = start + len(name)
        relation = relations.get(cue, "")
        longer = [m for m in mentions if m.start <= start < m.end and m.end > end]
        if longer:  # the gazetteer knows a longer name here ("Mosul airport")
            end = max(m.end for m in longer)
            name = text[start:end]
        country = countries.lookup(name)
        query = f"{cue} {name}" if relation and country is None else name
        spans.append(PlaceSpan(start, end, name, query, cue, relation, country))
    for m in mentions:
        if any(s.start <= m.start < s.end or m.start <= s.start < m.end for s in spans):
            continue
        name = _trim(_clean_name(text[m.start:m.end]), stop)
        if not name or text[m.start + len(name):].startswith("-based") or _speaks(text, m.start, m.start + len(name)):
            continue
        if not _usable(name, actors, countries, geocoder):
            continue
        spans.append(PlaceSpan(m.start, m.start + len(name), name, name, "", "", countries.lookup(name)))
    for start, end, country in countries.find(text):
        if not any(s.start <= start < s.end for s in spans) and not _speaks(text, start, end):
            spans.append(PlaceSpan(start, end, text[start:end], country.name, "", "", country))
    spans.sort(key=lambda s: s.start)
    return spans
