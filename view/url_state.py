"""The view state that lives in the URL: parsed defensively, clamped to sane ranges, serialized compactly.

A hand-edited or hostile URL must never crash the app or reach the page as markup, so every value is checked
against a strict format and, where known, against the options the data offers; anything else is dropped and
reported by parameter name only (see view/URL_PARAMS.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from events.model import EVENT_TYPES

MAX_VALUE_LEN = 200
MAX_LIST_ITEMS = 50
MIN_YEAR, MAX_YEAR = 1900, 2100
MIN_ZOOM, MAX_ZOOM = 1, 18
STEPS = ("week", "month")
EVENT_ID_RE = re.compile(r"^[0-9a-f]{16}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
PARAM_NAME_RE = re.compile(r"[^A-Za-z0-9_-]")
CONTROL_CHARS_RE = re.compile(r"[\x00-\x1f\x7f]")

LIST_PARAMS = {"type": "types", "actor": "actors", "claimant": "claimants", "country": "countries",
               "province": "provinces"}
KNOWN_PARAMS = frozenset({"from", "to", "conf", "undated", "unresolved", "q", "lat", "lon", "zoom", "event",
                          "heat", "step", *LIST_PARAMS})


@dataclass(frozen=True)
class ViewState:
    """Everything a shared link restores: filters, map view, selected event and display toggles."""

    date_from: date | None = None
    date_to: date | None = None
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    min_confidence: float = 0.0
    show_undated: bool = True
    show_unresolved: bool = True
    query: str = ""
    lat: float | None = None
    lon: float | None = None
    zoom: int | None = None
    event: str = ""
    heat: bool = False
    step: str = "month"


@dataclass(frozen=True)
class Options:
    """What the data offers; None means "accept any well-formed value"."""

    date_min: date | None = None
    date_max: date | None = None
    actors: frozenset[str] | None = None
    claimants: frozenset[str] | None = None
    countries: frozenset[str] | None = None
    provinces: frozenset[str] | None = None

    @property
    def bounds(self) -> tuple[date, date] | None:
        """The stored date range, for the slider and the initial window; None when no event has a date."""
        return (self.date_min, self.date_max) if self.date_min and self.date_max else None


@dataclass
class ParseResult:
    state: ViewState
    ignored: list[str] = field(default_factory=list)  # parameter names, already made safe to display
    moved: list[str] = field(default_factory=list)  # dates outside the stored range, moved to its edge (notices)


def safe_param_name(name: str) -> str:
    """A parameter name reduced to harmless characters, for notices."""
    cleaned = PARAM_NAME_RE.sub("", str(name))[:30]
    return cleaned or "(unnamed)"


def _values(params: Mapping[str, object], name: str) -> list[str]:
    raw = params.get(name)
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, Iterable):
        return [str(item) for item in raw]
    return [str(raw)]


def _one(params: Mapping[str, object], name: str) -> str | None:
    values = _values(params, name)
    return values[-1] if values else None


def _parse_date(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    value = date.fromisoformat(text)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(text)
    return value


def _parse_float(text: str, low: float, high: float) -> float:
    if len(text) > 32:
        raise ValueError(text)
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return min(max(value, low), high)


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(text)


def _clamp_date(value: date, options: Options) -> date:
    if options.date_min and value < options.date_min:
        return options.date_min
    if options.date_max and value > options.date_max:
        return options.date_max
    return value


def _parse_list(values: list[str], name: str, allowed: frozenset[str] | None) -> tuple[tuple[str, ...], bool]:
    """Split comma lists, keep known values in order; report whether anything was dropped."""
    items: list[str] = []
    dropped = len(values) > MAX_LIST_ITEMS
    for raw in values[:MAX_LIST_ITEMS]:
        parts = raw.split(",") if name in {"type", "country"} else [raw]
        for part in parts:
            item = part.strip()
            if not item:
                continue
            if name == "country":
                item = item.upper()
            valid = len(item) <= MAX_VALUE_LEN and not CONTROL_CHARS_RE.search(item)
            if name == "type":
                valid = valid and item in EVENT_TYPES
            elif name == "country":
                valid = valid and bool(COUNTRY_RE.match(item))
            if valid and allowed is not None:
                valid = item in allowed
            if valid and item not in items:
                items.append(item)
            elif not valid:
                dropped = True
    return tuple(items), dropped


def parse_params(params: Mapping[str, object], options: Options | None = None) -> ParseResult:
    """Turn query parameters into a ViewState; invalid values fall back to defaults and are listed by name."""
    options = options or Options()
    state = ViewState()
    ignored: list[str] = []
    updates: dict[str, object] = {}

    def bad(name: str) -> None:
        safe = safe_param_name(name)
        if safe not in ignored:
            ignored.append(safe)

    for name in params:
        if name not in KNOWN_PARAMS:
            bad(name)

    scalar_parsers = {
        "from": ("date_from", _parse_date),
        "to": ("date_to", _parse_date),
        "conf": ("min_confidence", lambda v: _parse_float(v, 0.0, 1.0)),
        "undated": ("show_undated", _parse_bool),
        "unresolved": ("show_unresolved", _parse_bool),
        "heat": ("heat", _parse_bool),
        "lat": ("lat", lambda v: round(_parse_float(v, -90.0, 90.0), 5)),
        "lon": ("lon", lambda v: round(_parse_float(v, -180.0, 180.0), 5)),
        "zoom": ("zoom", lambda v: int(round(_parse_float(v, MIN_ZOOM, MAX_ZOOM)))),
        "event": ("event", _parse_event_id),
        "step": ("step", _parse_step),
        "q": ("query", _parse_query),
    }
    for name, (attr, parser) in scalar_parsers.items():
        raw = _one(params, name)
        if raw is None:
            continue
        try:
            if len(raw) > MAX_VALUE_LEN:
                raise ValueError(name)
            updates[attr] = parser(raw)
        except (ValueError, OverflowError):
            bad(name)

    allowed_by_param = {"type": None, "actor": options.actors, "claimant": options.claimants,
                        "country": options.countries, "province": options.provinces}
    for name, attr in LIST_PARAMS.items():
        values = _values(params, name)
        if not values:
            continue
        items, dropped = _parse_list(values, name, allowed_by_param[name])
        updates[attr] = items
        if dropped:
            bad(name)

    moved: list[str] = []
    for name, attr in (("from", "date_from"), ("to", "date_to")):
        if attr in updates:
            asked = updates[attr]
            updates[attr] = _clamp_date(asked, options)
            if updates[attr] != asked:
                moved.append(f"`{name}` {asked.isoformat()} is outside the stored events "
                              f"({options.date_min} to {options.date_max}): using {updates[attr].isoformat()}")
    state = replace(state, **updates)
    if state.date_from and state.date_to and state.date_from > state.date_to:
        state = replace(state, date_from=state.date_to, date_to=state.date_from)
    if (state.lat is None) != (state.lon is None):
        bad("lat" if state.lat is None else "lon")
        state = replace(state, lat=None, lon=None)
    return ParseResult(state=state, ignored=ignored, moved=moved)


def _parse_event_id(text: str) -> str:
    value = text.strip().lower()
    if not EVENT_ID_RE.match(value):
        raise ValueError(text)
    return value


def _parse_step(text: str) -> str:
    if text not in STEPS:
        raise ValueError(text)
    return text


def _parse_query(text: str) -> str:
    return " ".join(CONTROL_CHARS_RE.sub(" ", text).split())


def _fmt_float(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def to_params(state: ViewState, options: Options | None = None) -> dict[str, str | list[str]]:
    """Only what differs from the defaults, so links stay short; list filters become repeated keys."""
    options = options or Options()
    out: dict[str, str | list[str]] = {}
    if state.date_from and state.date_from != options.date_min:
        out["from"] = state.date_from.isoformat()
    if state.date_to and state.date_to != options.date_max:
        out["to"] = state.date_to.isoformat()
    if state.types:
        out["type"] = ",".join(state.types)
    for name, attr in LIST_PARAMS.items():
        if name == "type":
            continue
        values = list(getattr(state, attr))
        if values:
            out[name] = ",".join(values) if name == "country" else values
    if state.min_confidence > 0:
        out["conf"] = _fmt_float(state.min_confidence, 2)
    if not state.show_undated:
        out["undated"] = "0"
    if not state.show_unresolved:
        out["unresolved"] = "0"
    if state.query:
        out["q"] = state.query
    if state.lat is not None and state.lon is not None:
        out["lat"] = _fmt_float(state.lat, 4)
        out["lon"] = _fmt_float(state.lon, 4)
    if state.zoom is not None:
        out["zoom"] = str(state.zoom)
    if state.event:
        out["event"] = state.event
    if state.heat:
        out["heat"] = "1"
    if state.step != "month":
        out["step"] = state.step
    return out


def share_url(base_url: str, params: Mapping[str, str | list[str]]) -> str:
    """The full link for the current view; base_url without its own query string."""
    from urllib.parse import urlencode

    base = base_url.split("?", 1)[0].split("#", 1)[0]
    query = urlencode([(k, v) for k, vals in params.items() for v in ([vals] if isinstance(vals, str) else vals)])
    return f"{base}?{query}" if query else base
