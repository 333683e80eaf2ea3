"""Date expressions in article text, resolved against the document date; never a date after it."""

from __future__ import annotations

import calendar
import csv
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path

from events.wordlists import alternation

DATA = Path(__file__).parent / "data" / "date_words.csv"


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A resolved date: start..end (inclusive) and how precise the text was."""

    start: date | None
    end: date | None
    precision: str  # day / week / month / year / range / unknown


UNKNOWN = DateSpan(None, None, "unknown")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text; `reporting` marks "said today"-style dates of the statement itself."""

    start: int
    end: int
    text: str
    span: DateSpan
    reporting: bool = False


@dataclass(frozen=True, slots=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]


@lru_cache(maxsize=1)
def _words() -> _Words:
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative: dict[str, tuple[str, int]] = {}
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            word, kind, value = row["word"].strip().lower(), row["kind"].strip(), int(row["value"])
            if kind == "month":
                months[word] = value
            elif kind == "weekday":
                weekdays[word] = value
            else:
                relative[word] = (kind, value)
    return _Words(months, weekdays, relative)


def _alt(words: list[str], title: bool) -> str:
    forms: set[str] = set()
    for w in words:
        forms.add(re.escape(w.title() if title else w))
        if title:
            forms.add(re.escape(w.upper()))
    return "|".join(sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    w = _words()
    m = rf"(?:{_alt(list(w.months), True)})(?![A-Za-z])"
    d = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
    y = r"(?:19[5-9][0-9]|20[0-9][0-9])(?![0-9])"
    dash = r"\s*(?:-|–|—|to|and|through|until|till)\s*"
    wd = rf"(?:{_alt(list(w.weekdays), True)})(?![A-Za-z])"
    rel = _alt(list(w.relative), False)
    specs = [
        ("iso", rf"(?P<y>{y})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])"),
        ("range_mdmd", rf"(?:between\s+|from\s+)?(?P<m1>{m})\s+(?P<d1>{d}),?(?:\s*(?P<y1>{y}))?{dash}"
                       rf"(?P<m2>{m})\s+(?P<d2>{d})(?:,?\s*(?P<y2>{y}))?"),
        ("range_dmdm", rf"(?:between\s+|from\s+)?(?P<d1>{d})\s+(?P<m1>{m})(?:\s+(?P<y1>{y}))?{dash}"
                       rf"(?P<d2>{d})\s+(?P<m2>{m})(?:,?\s*(?P<y2>{y}))?"),
        ("range_mdd", rf"(?:between\s+|from\s+)?(?P<m1>{m})\s+(?P<d1>{d})\s*(?:-|–|to|and)\s*(?P<d2>{d})"
                      rf"(?:,?\s*(?P<y1>{y}))?"),
        ("range_ddm", rf"(?:between\s+|from\s+)?(?P<d1>{d})\s*(?:-|–|to|and)\s*(?P<d2>{d})\s+(?P<m1>{m})"
                      rf"(?:,?\s*(?P<y1>{y}))?"),
        ("range_my", rf"(?:between|from)\s+(?P<m1>{m})(?:\s+(?P<y1>{y}))?\s+(?:and|to|until)\s+"
                     rf"(?P<m2>{m})\s+(?P<y2>{y})"),
        ("since", rf"since\s+(?:(?:late|early|mid-?)\s*)?(?:(?P<m1>{m})\s+)?(?:(?P<d1>{d}),?\s*)?(?P<y1>{y})?"),
        ("md", rf"(?:on\s+)?(?P<m1>{m})\s+(?P<d1>{d})(?:,?\s*(?P<y1>{y}))?"),
        ("dm", rf"(?:on\s+)?(?P<d1>{d})\s+(?:of\s+)?(?P<m1>{m})(?:,?\s*(?P<y1>{y}))?"),
        ("my", rf"(?:in\s+)?(?P<m1>{m}),?\s+(?P<y1>{y})"),
        ("year", rf"(?:in|during|early|late|mid-?|throughout)\s+(?:(?:late|early)\s+)?(?P<y1>{y})"),
        ("relative", rf"(?i:(?P<rel>{rel}))(?:'s|’s)?(?![A-Za-z])"),
        ("weekday", rf"(?:(?i:(?P<last>last|this past))\s+)?(?:(?i:on)\s+)?(?P<wd>{wd})"),
    ]
    return [(name, re.compile(r"(?<![A-Za-z0-9])" + pat)) for name, pat in specs]


_REPORTING_BEFORE = re.compile(
    rf"(?i:\b(?:{alternation('date_reporting_verb')})"
    r"(?:\s+\w+){0,2}\s+(?:on\s+)?)$")
_REPORTING_AFTER = re.compile(rf"^(?:'s|’s)?\s+(?:{alternation('date_reporting_noun')})", re.I)
_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*|Press Release \|?)\s*,?\s*$")


def _month(token: str) -> int:
    return _words().months[token.lower()]


def _day(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer(m: int, d: int, ref: date | None) -> date | None:
    """A month-day without a year: the latest such day not after the reference date."""
    if ref is None:
        return None
    for year in (ref.year, ref.year - 1):
        day = _safe(year, m, d)
        if day is not None and day <= ref:
            return day
    return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _resolve(name: str, g: dict[str, str | None], ref: date | None) -> DateSpan:
    y1 = int(g["y1"]) if g.get("y1") else None
    if name == "iso":
        day = _safe(int(g["y"]), int(g["m"]), int(g["d"]))
        return DateSpan(day, day, "day") if day else UNKNOWN
    if name in ("md", "dm"):
        m, d = _month(g["m1"]), _day(g["d1"])
        day = _safe(y1, m, d) if y1 else _infer(m, d, ref)
        return DateSpan(day, day, "day") if day else UNKNOWN
    if name == "my":
        m = _month(g["m1"])
        return DateSpan(date(y1, m, 1), _month_end(y1, m), "month")
    if name == "year":
        return DateSpan(date(y1, 1, 1), date(y1, 12, 31), "year")
    if name in ("range_mdmd", "range_dmdm", "range_mdd", "range_ddm"):
        m1 = _month(g["m1"])
        m2 = _month(g["m2"]) if g.get("m2") else m1
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        y2 = int(g["y2"]) if g.get("y2") else y1
        end = _safe(y2, m2, d2) if y2 else _infer(m2, d2, ref)
        if end is None:
            return UNKNOWN
        start_year = y1 if y1 else (end.year - 1 if (m1, d1) > (m2, d2) else end.year)
        start = _safe(start_year, m1, d1)
        return DateSpan(start, end, "range") if start and start <= end else UNKNOWN
    if name == "range_my":
        y2 = int(g["y2"])
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        start = date(y1 or (y2 if m1 <= m2 else y2 - 1), m1, 1)
        return DateSpan(start, _month_end(y2, m2), "range")
    if name == "since":
        if y1 is None and not (g.get("m1") and g.get("d1")):
            return UNKNOWN
        m = _month(g["m1"]) if g.get("m1") else 1
        d = _day(g["d1"]) if g.get("d1") else 1
        start = _safe(y1, m, d) if y1 else _infer(m, d, ref)
        end = ref or date.today()
        return DateSpan(start, end, "range") if start else UNKNOWN
    if ref is None:
        return UNKNOWN
    if name == "relative":
        kind, value = _words().relative[g["rel"].lower()]
        if kind == "relative_day":
            day = ref + timedelta(days=value)
            return DateSpan(day, day, "day")
        if kind == "relative_week":
            end = ref - timedelta(days=1) if value < 0 else ref
            return DateSpan(end - timedelta(days=6), end, "week")
        if kind == "relative_month":
            y, m = (ref.year, ref.month - 1) if value < 0 else (ref.year, ref.month)
            if m == 0:
                y, m = y - 1, 12
            return DateSpan(date(y, m, 1), _month_end(y, m), "month")
        year = ref.year + value
        return DateSpan(date(year, 1, 1), date(year, 12, 31), "year")
    if name == "weekday":
        target = _words().weekdays[g["wd"].lower()]
        back = (ref.weekday() - target) % 7
        if back == 0 and g.get("last"):
            back = 7
        day = ref - timedelta(days=back)
        return DateSpan(day, day, "day")
    return UNKNOWN


def clamp(span: DateSpan, ref: date | None) -> DateSpan:
    """Refuse spans that start after the reference date; cut ends that run past it."""
    limit = ref or date.today()
    if span.start is None:
        return UNKNOWN
    if span.start > limit:
        return UNKNOWN
    if span.end is not None and span.end > limit:
        return DateSpan(span.start, limit, span.precision if span.precision != "day" else "day")
    return span


def find_dates(text: str, ref: date | None) -> list[DateMention]:
    """All date expressions in `text`, longest first where they overlap, resolved against `ref`."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for name, pattern in _patterns():
        for match in pattern.finditer(text):
            if match.end() > match.start():
                found.append((match.start(), match.end(), name, match))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    out: list[DateMention] = []
    taken_until = -1
    for start, end, name, match in found:
        if start < taken_until:
            continue
        span = clamp(_resolve(name, match.groupdict(), ref), ref)
        if name == "since" and span.start is None:
            continue
        taken_until = end
        before, after = text[:start], text[end:]
        reporting = bool(_REPORTING_BEFORE.search(before) or _REPORTING_AFTER.match(after)
                         or (_DATELINE.match(before) and re.match(r"\s*[—–-]", after)))
        out.append(DateMention(start, end, match.group(0), span, reporting))
    return out


_HEADER_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y",
                   "%B %d %Y", "%b %d %Y", "%d.%m.%Y")


def parse_header_date(value: str) -> date | None:
    """Parse a `Date:` header in ISO, RFC 2822 or written-out form; None when unreadable."""
    text = value.strip()
    if not text:
        return None
    iso = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", text)
    if iso:
        return _safe(*(int(p) for p in iso.group(1).split("-")))
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text).replace("Sept.", "Sep.").replace(".", "")
    cleaned = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", "", cleaned, flags=re.I)
    for fmt in _HEADER_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None
