"""Named word lists from events/data/word_lists.csv, so the rules in code hold grammar and the data holds vocabulary.

In a list entry, a trailing `*` allows any word ending ("destroy*") and `...` stands for a run of words
("backs ... with"); everything else matches literally.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "word_lists.csv"


@lru_cache(maxsize=1)
def _lists() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    with DATA.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            name, word = (row.get("list") or "").strip(), (row.get("word") or "").strip()
            if not name or not word:
                raise ValueError(f"{DATA}: line {n} needs both a 'list' and a 'word'")
            out.setdefault(name, []).append(word)
    return {name: tuple(words) for name, words in out.items()}


def words(name: str) -> tuple[str, ...]:
    """The entries of one list, in file order."""
    try:
        return _lists()[name]
    except KeyError:
        raise KeyError(f"{DATA}: no word list named {name!r}") from None


def _entry_regex(entry: str) -> str:
    parts = []
    for token in entry.split(" "):
        if token == "...":
            parts.append(r"[\w -]+")
        elif token.endswith("*") and len(token) > 1:
            parts.append(re.escape(token[:-1]) + r"\w*")
        else:
            parts.append(re.escape(token))
    return " ".join(parts)


def alternation(name: str, capitalized: bool = False, longest_first: bool = False) -> str:
    """One list as a regex alternation (without the group); `capitalized` gives "No|Not" for "no|not"."""
    entries = words(name)
    if capitalized:
        entries = tuple(e[:1].upper() + e[1:] for e in entries)
    if longest_first:
        entries = tuple(sorted(entries, key=len, reverse=True))
    return "|".join(_entry_regex(e) for e in entries)


def word_set(name: str) -> frozenset[str]:
    """One list as a lowercase set, for membership tests."""
    return frozenset(w.lower() for w in words(name))
