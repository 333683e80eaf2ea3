"""Transliteration-aware name keys: one function serves the gazetteer build and every query.

Romanized Arabic spells one place many ways (Dayr/Deir, Tall/Tell, al-/ar-/ash-, Albu/Abu, -ah/-a, ou/u,
doubled consonants). Each name yields four keys, from strict to loose:
  full      folded words with articles kept         "ar raqqah"
  stripped  articles dropped                         "raqqah"
  phonetic  stripped + spelling rules, no spaces     "raka"
  skeleton  phonetic consonants only                 "rk"
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

# Marks that romanizations use for ayn and hamza; they carry no letter of their own.
_APOSTROPHES = dict.fromkeys(map(ord, "'`´ʿʾʼʻ‘’‛′ˈ"), None)
_LETTER_FIXES = str.maketrans({"ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th"})
# Arabic script: unify letter variants the way romanization ignores them.
_ARABIC_FIXES = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NON_WORD = re.compile(r"[^0-9a-z\u0600-\u06ff]+")
_DOUBLES = re.compile(r"([a-z])\1+")
_VOWELS_WY = re.compile(r"(?<!^)[aeiouwy]")


def _load_articles() -> frozenset[str]:
    lines = (DATA / "articles.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def _load_token_equivalents() -> dict[str, str]:
    table: dict[str, str] = {}
    with (DATA / "token_equivalents.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for spelling in row["spellings"].split("|"):
                for token in fold(spelling).split():
                    table[token] = row["canonical"]
    return table


def fold(text: str) -> str:
    """Lowercase, strip diacritics and ayn/hamza marks, keep Latin and Arabic letters, digits and single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().translate(_LETTER_FIXES)
    text = _ARABIC_MARKS.sub("", text.translate(_ARABIC_FIXES))
    return _NON_WORD.sub(" ", text).strip()


ARTICLES = _load_articles()
TOKEN_EQUIVALENTS = _load_token_equivalents()


@lru_cache(maxsize=200_000)
def phonetic_token(token: str) -> str:
    """One folded word in its loosest spelling: shared by name keys and running-text scanning."""
    if token in TOKEN_EQUIVALENTS:
        return TOKEN_EQUIVALENTS[token]
    if not token.isascii() or token.isdigit():
        return token
    t = token.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    t = _DOUBLES.sub(r"\1", t)
    for old, new in (("ae", "ai"), ("ei", "ai"), ("ey", "ai"), ("ay", "ai"), ("ph", "f"), ("dh", "d"), ("th", "t"),
                     ("dj", "j"), ("q", "k"), ("ck", "k"), ("o", "u")):
        t = t.replace(old, new)
    t = _DOUBLES.sub(r"\1", t)
    if len(t) > 3:
        if t.endswith(("ah", "eh", "ih")):
            t = t[:-2] + "a"
        elif t.endswith("e"):
            t = t[:-1] + "a"
    return t


@dataclass(frozen=True, slots=True)
class NameKeys:
    full: str
    stripped: str
    phonetic: str
    skeleton: str


def skeleton_of(phonetic: str) -> str:
    """Consonant outline of a phonetic key: tolerant to vowel and w/y spellings (Hawija/Huwayjah -> hj)."""
    return _DOUBLES.sub(r"\1", _VOWELS_WY.sub("", phonetic))


@lru_cache(maxsize=100_000)
def name_keys(text: str) -> NameKeys:
    """All comparison keys for a name (cached: queries repeat)."""
    full = fold(text)
    tokens = full.split()
    stripped_tokens = [t for t in tokens if t not in ARTICLES] or tokens
    phonetic = "".join(phonetic_token(t) for t in stripped_tokens)
    return NameKeys(full, " ".join(stripped_tokens), phonetic, skeleton_of(phonetic))


def normalize(text: str) -> str:
    """The canonical comparison key of a name: article-stripped, folded. Used for overrides and alias search."""
    return name_keys(text).stripped
