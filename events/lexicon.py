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


class PhraseMatcher:
    """Finds data-file phrases in text: longest match first, whole words only, no overlaps."""

    def __init__(self, phrases: Iterable[str]) -> None:
        phrases = sorted(set(p for p in phrases if p.strip()), key=len, reverse=True)
        self._keys_ci: dict[str, str] = {}
        self._keys_cs: dict[str, str] = {}
        ci, cs = [], []
        for i, phrase in enumerate(phrases):
            name = f"p{i}"
            if _is_acronym(phrase):
                self._keys_cs[name] = phrase
                cs.append(f"(?P<{name}>{_regex(phrase)})")
            else:
                self._keys_ci[name] = phrase
                ci.append(f"(?P<{name}>{_regex(phrase.lower())})")
        edge_l, edge_r = r"(?<![\w-])", r"(?![\w]|-\w)"
        self._ci = re.compile(edge_l + "(?:" + "|".join(ci) + ")" + edge_r) if ci else None
        self._cs = re.compile(edge_l + "(?:" + "|".join(cs) + ")" + edge_r) if cs else None

    def find(self, text: str) -> list[Hit]:
        hits: list[Hit] = []
        if self._ci is not None:
            for m in self._ci.finditer(fold(text)):
                hits.append(Hit(m.start(), m.end(), self._keys_ci[m.lastgroup]))
        if self._cs is not None:
            for m in self._cs.finditer(text.translate(_DASHES)):
                hits.append(Hit(m.start(), m.end(), self._keys_cs[m.lastgroup]))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        for hit in hits:
            if out and hit.start < out[-1].end:
                continue
            out.append(hit)
        return out
