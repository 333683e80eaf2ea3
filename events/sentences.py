"""Split article text into sentences with character offsets; bullets and headings are sentences of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from events.wordlists import word_set

BULLET = re.compile(r"^[ \t]*(?:--+|[-*•·–—▪◦●]|\d{1,2}[.)])[ \t]*(?=\S)")
_ABBREV = word_set("abbreviation")
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|[.!?]+[\"'”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, bullet or heading; offsets index the document text."""

    start: int
    end: int
    text: str
    kind: str  # "text", "bullet" or "heading"
    para: int  # index of the paragraph (block of lines between blank lines / a bullet line)

    @property
    def is_intro(self) -> bool:
        """A line that announces a list ("... conducted five strikes:")."""
        return self.text.rstrip().endswith(":")


def _is_heading(line: str) -> bool:
    words = line.split()
    return (0 < len(words) <= 10 and not re.search(r"[.!?:;,\"”]$", line.strip())
            and line.strip()[0].isupper())


def _split_paragraph(text: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        token = re.search(r"([A-Za-z.]+)[.!?]*[\"'”’)\]]*$", text[start:end])
        word = token.group(1).lower().rstrip(".") if token else ""
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(offset + s, offset + e) for s, e in spans if e > s]


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in document order; a bullet line is one sentence, a short unpunctuated line is a heading."""
    out: list[Sentence] = []
    para = 0
    block: list[tuple[int, str]] = []

    def flush() -> None:
        nonlocal para
        if not block:
            return
        start = block[0][0]
        end = block[-1][0] + len(block[-1][1])
        chunk = text[start:end]
        if len(block) == 1 and _is_heading(chunk):
            stripped = chunk.strip()
            s = start + chunk.index(stripped)
            out.append(Sentence(s, s + len(stripped), stripped, "heading", para))
        else:
            for s, e in _split_paragraph(chunk, start):
                out.append(Sentence(s, e, text[s:e], "text", para))
        block.clear()
        para += 1

    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            flush()
            continue
        bullet = BULLET.match(line)
        if bullet:
            flush()
            s = line_start + bullet.end()
            body = line[bullet.end():].rstrip()
            out.append(Sentence(s, s + len(body), body, "bullet", para))
            para += 1
            continue
        if block and (_is_heading(line) or _is_heading(block[-1][1])):
            flush()
        block.append((line_start, line))
    flush()
    return out
