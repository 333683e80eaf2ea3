"""Counts in text ("at least 7,337", "as many as 250", "dozens", "fives strikes") kept as min/max bounds."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"



@dataclass(frozen=True, slots=True)
class _NumberWords:
    units: dict[str, int]  # "two" -> 2, also "a"/"an" so that "a hundred" reads as 100
    scales: dict[str, int]  # "hundred" -> 100
    articles: frozenset[str]  # "a", "an", "single": one only when they stand alone


@lru_cache(maxsize=1)
def number_words() -> _NumberWords:
    """Spelled-out numbers from number_words.csv (kind: unit, article or scale)."""
    units: dict[str, int] = {}
    scales: dict[str, int] = {}
    articles: set[str] = set()
    path = DATA / "number_words.csv"
    with path.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            word, kind = row["word"].strip().lower(), row["kind"].strip()
            try:
                value = int(row["value"])
            except (TypeError, ValueError):
                raise ValueError(f"{path}: line {n}: value {row['value']!r} is not a whole number") from None
            if kind == "scale":
                scales[word] = value
                continue
            units[word] = value
            if kind == "article":
                articles.add(word)
    return _NumberWords(units, scales, frozenset(articles))


def one_words() -> frozenset[str]:
    """Words that mean one ("a", "an", "one", "single"): a count of one is not a casualty figure."""
    return frozenset(w for w, v in number_words().units.items() if v == 1)


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
    nw = number_words()
    word = _alt([w for w in nw.units if w not in nw.articles] + list(nw.scales))
    # A number word may carry a stray plural ("fives strikes") which is read as the number itself.
    spelled = rf"(?:{word})s?(?:[- ](?:{word}|and))*"
    digits = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
    article = rf"(?:{_alt(list(one_words()))})"
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
    units, scales = number_words().units, number_words().scales
    for token in re.split(r"[\s-]+", text.lower()):
        if token == "and" or not token:
            continue
        if token not in units and token not in scales and token.endswith("s"):
            token = token[:-1]
        if token in units:
            current += units[token]
        elif token in scales:
            current = max(current, 1) * scales[token]
            if scales[token] >= 1000:
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
