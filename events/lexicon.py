"""Phrase lists from CSV data files compiled into word-boundary matchers (acronyms match case-sensitively)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "‘": "'"})


def fold(text: str) -> str:
    """Lowercase with typographic dashes and quotes folded, same length as the input (offsets stay valid)."""
    return text.translate(_DASHES).lower()


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return len(phrase) <= 6 and len(letters) >= 2 and all(c.isupper() for c in letters)


def _regex(phrase: str) -> str:
    """A phrase as a regex: spaces match any whitespace or hyphen run; a trailing '*' allows a word suffix."""
    star = phrase.endswith("*")
    body = phrase.rstrip("*").translate(_DASHES)
    parts = [re.escape(p) for p in re.split(r"\s+", body.strip())]
    pattern = r"[\s-]+".join(parts).replace(r"\-", r"\s*-\s*")
    return pattern + (r"\w*" if star else "")


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    key: str  # the phrase as written in the data file


_TOKEN = re.compile(r"\w+")
_PREFIX = 3  # phrases are indexed by the first characters of their first word


def _index_key(phrase: str) -> str:
    first = _TOKEN.search(phrase)
    return first.group(0)[:_PREFIX] if first else ""


class PhraseMatcher:
    """Finds data-file phrases in text: longest match first, whole words only, no overlaps.

    Phrases are indexed by the start of their first word, so a text is scanned once word by word and only the
    few phrases that can start at a word are tried there (one big alternation regex is ~10x slower).
    """

    _LEFT = re.compile(r"[\w-]")
    _RIGHT = re.compile(r"\w|-\w")

    def __init__(self, phrases: Iterable[str]) -> None:
        phrases = sorted(set(p for p in phrases if p.strip()), key=len, reverse=True)
        self._ci: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        self._cs: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        for phrase in phrases:
            if _is_acronym(phrase):
                body = phrase.translate(_DASHES)
                self._cs.setdefault(_index_key(body), []).append((re.compile(_regex(phrase)), phrase))
            else:
                body = phrase.lower().translate(_DASHES)
                self._ci.setdefault(_index_key(body), []).append((re.compile(_regex(phrase.lower())), phrase))

    def _scan(self, text: str, index: dict[str, list[tuple[re.Pattern[str], str]]], hits: list[Hit]) -> None:
        for tok in _TOKEN.finditer(text):
            start = tok.start()
            word = tok.group(0)
            options = index.get(word[:_PREFIX])  # a short first word ("IS", "UN") is its own whole key
            if not options or (start and self._LEFT.match(text, start - 1)):
                continue
            for pattern, key in options:
                m = pattern.match(text, start)
                if m and not self._RIGHT.match(text, m.end()):
                    hits.append(Hit(start, m.end(), key))

    def find(self, text: str) -> list[Hit]:
        hits: list[Hit] = []
        if self._ci:
            self._scan(fold(text), self._ci, hits)
        if self._cs:
            self._scan(text.translate(_DASHES), self._cs, hits)
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        for hit in hits:
            if out and hit.start < out[-1].end:
                continue
            out.append(hit)
        return out
