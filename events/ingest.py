"""Read articles (.txt, .html, .jsonl, .csv, folders, uploads) into Documents; bad files become IngestErrors."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from events.dates import parse_header_date
from events.model import Document

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".csv": "csv"}
HEADER_KEYS = {"title": "title", "headline": "title", "url": "url", "link": "url", "source_url": "url",
               "date": "date", "published": "date", "pubdate": "date", "source": "source", "outlet": "source",
               "author": "author", "byline": "author"}
TEXT_FIELDS = ("text", "body", "content", "article")
MIN_HTML_WORDS = 5  # fewer words than this after boilerplate removal: a page without an article
_HEADER_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:\s?(.*)$")


@dataclass(frozen=True, slots=True)
class IngestError:
    """One file (or row) that could not be read, with a one-line reason."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def doc_id_for(text: str) -> str:
    """Content hash of the whitespace- and Unicode-normalized text, so re-ingest is a no-op."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:24]


def _decode(data: bytes) -> tuple[str | None, str]:
    """Text from bytes, or None with the reason: binary, or not UTF-8 and not Windows-1252 either."""
    if b"\x00" in data[:8192]:
        return None, "binary file (contains NUL bytes), not text"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, f"not valid UTF-8 (first bad byte at offset {first_bad}) and no fallback encoding fits"
    log.warning("decoded as Windows-1252 after invalid UTF-8 at offset %d", first_bad)
    controls = sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    if controls > 0.05 * max(1, min(len(text), 4096)):
        return None, "binary file (control characters), not text"
    return text, ""


def _clean_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def _checked_date(raw: str, where: str) -> date | None:
    """A header date, dropped with a warning when unreadable or in the future (the file itself stays good)."""
    if not raw or not raw.strip():
        return None
    day = parse_header_date(raw)
    if day is None:
        log.warning("%s: unreadable date %r ignored", where, raw)
        return None
    if day > date.today():
        log.warning("%s: date %s is in the future; ignored", where, day.isoformat())
        return None
    return day


def _host(url: str) -> str:
    try:
        host = urlparse(url).netloc.lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _make(text: str, where: str, fmt: str, title: str = "", url: str = "", raw_date: str = "",
          source: str = "") -> Document | IngestError:
    body = _clean_text(text)
    if not body.strip():
        return IngestError(where, "empty: no article text")
    url = url.strip()
    return Document(doc_id=doc_id_for(body), text=body, title=" ".join(title.split()), url=url,
                    date=_checked_date(raw_date, where), source=source.strip() or _host(url),
                    source_path=where, fmt=fmt)


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Leading `Key: value` lines (case-insensitive keys) up to a blank line, and the remaining body."""
    lines = _clean_text(text).split("\n")
    header: dict[str, str] = {}
    i = 0
    while i < len(lines):
        match = _HEADER_LINE.match(lines[i])
        if not match or match.group(1).lower() not in HEADER_KEYS:
            break
        header.setdefault(HEADER_KEYS[match.group(1).lower()], match.group(2).strip())
        i += 1
    if not header or (i < len(lines) and lines[i].strip()):
        return {}, text
    return header, "\n".join(lines[i:])


def _read_txt(text: str, where: str) -> list[Document | IngestError]:
    header, body = split_header(text)
    return [_make(body, where, "txt", header.get("title", ""), header.get("url", ""), header.get("date", ""),
                  header.get("source", ""))]


def _read_html(text: str, where: str) -> list[Document | IngestError]:
    """Article body and metadata (title, date, canonical URL, site name) via trafilatura; navigation is dropped."""
    import trafilatura  # imported on first HTML file: it adds ~0.15 s to start-up for text-only runs

    try:
        extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                                favor_precision=True)
    except (ValueError, TypeError) as exc:  # lxml refuses some malformed markup
        return [IngestError(where, f"unreadable HTML: {exc}")]
    data = {} if extracted is None else (extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted))
    lines = [line.strip() for line in (data.get("text") or "").split("\n") if line.strip()]
    if len(" ".join(lines).split()) < MIN_HTML_WORDS:
        return [IngestError(where, "HTML page has no article body")]
    return [_make("\n\n".join(lines), where, "html", data.get("title") or "", data.get("url") or "",
                  data.get("date") or "", data.get("sitename") or "")]


def _field(row: dict, names: Iterable[str]) -> str:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return str(value)
    return ""


def _row_doc(row: dict, where: str, fmt: str) -> Document | IngestError:
    text = _field(row, TEXT_FIELDS)
    if not text.strip():
        return IngestError(where, "row has no text")
    return _make(text, where, fmt, _field(row, ("title", "headline")), _field(row, ("url", "link")),
                 _field(row, ("date", "published")), _field(row, ("source", "outlet")))


def _read_jsonl(text: str, where: str) -> list[Document | IngestError]:
    out: list[Document | IngestError] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(IngestError(f"{where}:{n}", f"invalid JSON on line {n}: {exc.msg}"))
            continue
        if not isinstance(row, dict):
            out.append(IngestError(f"{where}:{n}", f"line {n} is not a JSON object"))
            continue
        out.append(_row_doc(row, f"{where}:{n}", "jsonl"))
    if not out:
        out.append(IngestError(where, "empty: no JSON lines"))
    return out


def _read_csv(text: str, where: str) -> list[Document | IngestError]:
    try:
        reader = csv.DictReader(io.StringIO(text))
        columns = [c.strip().lower() for c in (reader.fieldnames or []) if c]
        if not columns:
            return [IngestError(where, "empty: CSV has no header row")]
        if not any(name in columns for name in TEXT_FIELDS):
            return [IngestError(where, f"CSV has no 'text' column (columns: {', '.join(columns)})")]
        out: list[Document | IngestError] = [_row_doc(row, f"{where}:{n}", "csv")
                                             for n, row in enumerate(reader, start=2)]
    except csv.Error as exc:
        return [IngestError(where, f"malformed CSV: {exc}")]
    return out or [IngestError(where, "empty: CSV has no rows")]


READERS = {"txt": _read_txt, "html": _read_html, "jsonl": _read_jsonl, "csv": _read_csv}


def read_bytes(name: str, data: bytes) -> list[Document | IngestError]:
    """Documents (or errors) from one file's bytes; `name` picks the format by its suffix and names the source."""
    fmt = SUFFIXES.get(Path(name).suffix.lower())
    if fmt is None:
        return [IngestError(name, f"unsupported file type {Path(name).suffix or '(none)'!r}; "
                                  f"use one of {', '.join(sorted(SUFFIXES))}")]
    if len(data) > MAX_BYTES:
        return [IngestError(name, f"file too large ({len(data) / 1e6:.1f} MB; limit {MAX_BYTES // (1024 * 1024)} MB)")]
    if not data.strip():
        return [IngestError(name, "empty file")]
    text, reason = _decode(data)
    if text is None:
        return [IngestError(name, reason)]
    return READERS[fmt](text, name)


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in SUFFIXES and not any(
                    part.startswith(".") for part in child.relative_to(path).parts):
                yield child
    else:
        yield path


def _source_name(root: Path, path: Path) -> str:
    """How exports name the file: relative to the folder the user gave ("reports/a.txt"), never this machine's
    absolute layout; a single file keeps the path as given unless that is absolute."""
    if root.is_dir():
        return (Path(root.resolve().name) / path.relative_to(root)).as_posix()
    return path.name if path.is_absolute() else path.as_posix()


def _renamed(items: list[Document | IngestError], full: str, name: str) -> Iterator[Document | IngestError]:
    """Documents carry the export name ("reports/a.jsonl:3"); errors keep the full path the user must find."""
    for item in items:
        if isinstance(item, Document) and item.source_path.startswith(full):
            item.source_path = name + item.source_path[len(full):]
        yield item


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | IngestError]:
    """Documents from files and folders (recursively); each bad file yields an IngestError and the batch goes on."""
    for raw in paths:
        root = Path(raw)
        if not root.exists():
            yield IngestError(str(root), "no such file or folder")
            continue
        for path in _files(root):
            try:
                size = path.stat().st_size
                if size > MAX_BYTES:
                    yield IngestError(str(path), f"file too large ({size / 1e6:.1f} MB; "
                                                 f"limit {MAX_BYTES // (1024 * 1024)} MB)")
                    continue
                data = path.read_bytes()
            except OSError as exc:
                yield IngestError(str(path), f"cannot read: {exc.strerror or exc}")
                continue
            yield from _renamed(read_bytes(str(path), data), str(path), _source_name(root, path))
