"""Find gazetteer names in running text: longest token n-gram match over phonetic keys, with offsets.

Equivalent to an Aho-Corasick pass over word tokens: every position tries the longest n-gram first, and a
dictionary lookup per n-gram keeps it linear in the text. Rules keep prose out: a mention starts with a
capital (or Arabic script), single words that are common prose, part of a person's name, or only a tiny
village abroad are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.index import GazetteerIndex
from geo.model import Mention
from geo.normalize import ARTICLES, DATA, fold, normalize, phonetic_token

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
MIN_KEY = 3
SMALL_ABROAD = 5000  # a single word matching only villages this small outside the theatre is noise
STRONG_POPULATION = 50_000  # a single word naming a city this large is taken even beside other capitals


def _common_words() -> frozenset[str]:
    lines = (DATA / "common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    raw: str
    folded: str
    phon: str
    capital: bool


class MentionScanner:
    def __init__(self, index: GazetteerIndex, non_places: dict[str, str], focus_countries: tuple[str, ...],
                 max_tokens: int = 5) -> None:
        self.index = index
        self.non_places = non_places
        self.focus = set(focus_countries)
        self.max_tokens = min(max_tokens, index.max_tokens)
        self.common = _common_words()
        self._plausible: dict[str, str] = {}

    def scan(self, text: str) -> list[Mention]:
        tokens = self._tokens(text)
        lower_words = {t.folded for t in tokens if not t.capital}
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            found = self._longest_at(tokens, i, lower_words, text)
            if found is None:
                i += 1
                continue
            j, is_place = found
            if is_place:
                mentions.append(Mention(tokens[i].start, tokens[j].end, text[tokens[i].start:tokens[j].end]))
            i = j + 1
        return mentions

    @staticmethod
    def _tokens(text: str) -> list[_Token]:
        out = []
        for m in _TOKEN.finditer(text):
            raw = m.group()
            folded = fold(raw).replace(" ", "")
            if not folded:
                continue
            phon = "" if folded in ARTICLES else phonetic_token(folded)
            out.append(_Token(m.start(), m.end(), raw, folded, phon, raw[0].isupper() or bool(_ARABIC.match(raw))))
        return out

    def _longest_at(self, tokens: list[_Token], i: int, lower_words: set[str],
                    text: str) -> tuple[int, bool] | None:
        """(last token index, is a place) of the longest name starting at token i; None when nothing starts here."""
        first = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if first.folded == "the":
            return None  # English article: "The London-based group" starts at London
        if not first.phon:  # an article leads into a name: "Al Hawijah", "al-Boukamal"
            hyphenated = nxt is not None and text[first.end:nxt.start] == "-"
            if nxt is None or not nxt.capital or not (first.capital or hyphenated):
                return None
        lower_start = bool(first.phon) and not first.capital  # "west Mosul": only a curated multi-word name
        if lower_start and (nxt is None or not nxt.capital):
            return None
        for n in range(min(self.max_tokens, len(tokens) - i), 0, -1):
            span = tokens[i:i + n]
            if not _contiguous(span, text) or (lower_start and (n == 1 or not span[-1].capital)):
                continue
            if n > 1 and not span[-1].capital and not span[-1].phon:
                continue
            key = "".join(t.phon for t in span)
            if len(key) < MIN_KEY or key not in self.index.by_phonetic:
                continue
            surface = " ".join(t.raw for t in span)
            if normalize(surface) in self.non_places or self._inside_non_place(tokens, i, n):
                return i + n - 1, False
            if lower_start and self._strength(key) != "curated":
                continue
            words = [t for t in span if t.phon]
            if len(words) == 1 and not self._single_word_ok(words[0], tokens, i, i + n, lower_words, key, text):
                continue
            return i + n - 1, True
        return None

    def _inside_non_place(self, tokens: list[_Token], i: int, n: int) -> bool:
        """'Islamic State', 'Inherent Resolve': a longer listed non-place swallows the place-like word."""
        for a in range(max(0, i - 3), i + 1):
            for b in range(i + n, min(len(tokens), i + n + 3) + 1):
                if (a, b) != (i, i + n) and normalize(" ".join(t.raw for t in tokens[a:b])) in self.non_places:
                    return True
        return False

    def _single_word_ok(self, word: _Token, tokens: list[_Token], i: int, end: int, lower_words: set[str],
                        key: str, text: str) -> bool:
        if word.folded in self.common or word.folded in lower_words:
            return False
        prev = tokens[i - 1] if i > 0 else None
        if (prev is not None and prev.capital and prev.phon and prev.phon not in self.index.by_phonetic
                and not text[prev.end:tokens[i].start].strip()):
            return False  # "Matthew Allen", "Jeff Davis": surname of a person, not a town
        strength = self._strength(key)
        if strength == "noise" or (strength == "abroad" and not self._primary_name_abroad(word, key)):
            return False
        if strength != "curated" and self._unknown_capital_after(tokens, end):
            return False  # "Hassan Kanahs", "Wadi al-Midar", "Washington Post": part of a longer unknown name
        sentence_start = prev is None or any(c in text[prev.end:tokens[i].start] for c in ".!?\n\"“")
        return strength in ("curated", "strong", "abroad") or not sentence_start

    def _primary_name_abroad(self, word: _Token, key: str) -> bool:
        """Abroad, a single word must be a city's own name ("Paris"), not one of its many alternate spellings."""
        return any(self.index.places[gid].population >= STRONG_POPULATION and fold(name) == word.folded
                   and name == self.index.places[gid].name for gid, name in self.index.by_phonetic[key])

    def _unknown_capital_after(self, tokens: list[_Token], end: int) -> bool:
        j = end
        while j < len(tokens) and not tokens[j].phon:
            j += 1
        if j >= len(tokens) or not tokens[j].capital or tokens[j].folded in self.common:
            return False
        return tokens[j].phon not in self.index.by_phonetic

    def _strength(self, key: str) -> str:
        """curated > strong (a theatre city) > abroad (a city elsewhere) > weak (a village or town) > noise."""
        cached = self._plausible.get(key)
        if cached is None:
            places = [self.index.places[gid] for gid, _ in self.index.by_phonetic[key]]
            if any(p.source.startswith("curated") for p in places):
                cached = "curated"
            elif any(p.population >= STRONG_POPULATION and p.country in self.focus for p in places):
                cached = "strong"
            elif any(p.population >= STRONG_POPULATION for p in places):
                cached = "abroad"
            elif any(p.country in self.focus or p.population >= SMALL_ABROAD for p in places):
                cached = "weak"
            else:
                cached = "noise"
            self._plausible[key] = cached
        return cached


def _contiguous(span: list[_Token], text: str) -> bool:
    """Tokens of one name are separated by spaces or hyphens only (not commas or full stops)."""
    return all(text[a.end:b.start].strip(" -\u2010\u2011") == "" and b.start - a.end <= 3
               for a, b in zip(span, span[1:], strict=False))
