"""Counts in text ("at least 7,337", "as many as 250", "dozens", "fives strikes") kept as min/max bounds."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

UNITS = {"zero": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
         "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


@dataclass(frozen=True, slots=True)
class Count:
    """A number as bounds: exact counts have min == max; "at least" leaves max open; vague words set a floor."""

    min: int | None
    max: int | None
    start: int
    end: int
    text: str

    @property
    def value(self) -> int | None:
        """A single best figure: the exact number, else the stated bound."""
        return self.min if self.min is not None else self.max


@dataclass(frozen=True, slots=True)
class _Lexicon:
    vague: dict[str, int]
    qualifiers: dict[str, str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    vague: dict[str, int] = {}
    qualifiers: dict[str, str] = {}
    with (DATA / "quantities.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] == "vague":
                vague[row["word"]] = int(row["min"])
            else:
                qualifiers[row["word"]] = row["min"]
    return _Lexicon(vague, qualifiers)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    lex = _lexicon()
    word = _alt([w for w in UNITS if w not in ("a", "an", "single")] + list(SCALES))
    # A number word may carry a stray plural ("fives strikes") which is read as the number itself.
    spelled = rf"(?:{word})s?(?:[- ](?:{word}|and))*"
    digits = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
    article = r"(?:an?|one|single)"
    return re.compile(
        rf"(?<![\w-])(?:(?P<qual>{_alt(list(lex.qualifiers))})\s+)?"
        rf"(?:(?P<vague>{_alt(list(lex.vague))})|(?P<num>{digits})|(?P<spelled>{spelled})|(?P<art>{article}))"
        r"(?![\w])",
        re.I)


_RANGE_JOIN = re.compile(r"\s*(?:and|to|-|–)\s*")
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)


def words_to_int(text: str) -> int | None:
    """'twenty-one' -> 21, 'fives' -> 5, 'two hundred' -> 200; None for anything else."""
    total, current = 0, 0
    seen = False
    for token in re.split(r"[\s-]+", text.lower()):
        if token == "and" or not token:
            continue
        if token not in UNITS and token not in SCALES and token.endswith("s"):
            token = token[:-1]
        if token in UNITS:
            current += UNITS[token]
        elif token in SCALES:
            current = max(current, 1) * SCALES[token]
            if SCALES[token] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _number(match: re.Match[str]) -> int | None:
    if match.group("num"):
        raw = match.group("num").lower().replace(",", "")
        scale = 1_000_000 if raw.endswith("million") else 1000 if raw.endswith("thousand") else 1
        value = float(raw.split()[0]) * scale
        return int(value)
    if match.group("spelled"):
        return words_to_int(match.group("spelled"))
    if match.group("art"):
        return 1
    return None


def find_counts(text: str, articles: bool = True) -> list[Count]:
    """Every count in `text` as bounds; `articles` decides whether "a"/"an" count as one."""
    lex = _lexicon()
    out: list[Count] = []
    for match in _pattern().finditer(text):
        if match.group("art") and not articles:
            continue
        qual = (match.group("qual") or "").lower()
        rule = lex.qualifiers.get(qual, "")
        if match.group("vague"):
            floor = lex.vague[match.group("vague").lower()]
            out.append(Count(floor, None, match.start(), match.end(), match.group(0)))
            continue
        n = _number(match)
        if n is None:
            continue
        if rule == "min":
            lo, hi = n, None
        elif rule == "min_exclusive":
            lo, hi = n + 1, None
        elif rule == "max":
            lo, hi = None, n
        elif rule == "max_exclusive":
            lo, hi = None, n - 1
        else:  # exact, or "about"/"approximately": kept as the stated figure
            lo, hi = n, n
        out.append(Count(lo, hi, match.start(), match.end(), match.group(0)))
    return _ranges(text, out)


def _ranges(text: str, counts: list[Count]) -> list[Count]:
    """ "between 9,000 and 11,000", "20,000 to 50,000", "5-10": one count with both bounds."""
    out: list[Count] = []
    i = 0
    while i < len(counts):
        c = counts[i]
        nxt = counts[i + 1] if i + 1 < len(counts) else None
        if (nxt is not None and c.min is not None and c.min == c.max and nxt.min is not None and nxt.min == nxt.max
                and c.min < nxt.min and c.text[:1].isdigit() == nxt.text[:1].isdigit()
                and _RANGE_JOIN.fullmatch(text[c.end:nxt.start])
                and (text[c.end:nxt.start].strip() != "and" or _BETWEEN.search(text[:c.start]))):
            out.append(Count(c.min, nxt.max, c.start, nxt.end, text[c.start:nxt.end]))
            i += 2
            continue
        out.append(c)
        i += 1
    return out
