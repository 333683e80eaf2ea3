"""Records the geocoder hands out: places, candidates, resolutions and the context that steers them."""

from __future__ import annotations

from dataclasses import dataclass, field

# Feature vocabulary shared by GeoNames-derived and curated rows: these are areas, the rest points or admin units.
# "region" spans provinces (no admin1); "area" is a named stretch of land inside one province (Eastern Ghouta).
REGION_FEATURES = frozenset({"lake", "river", "valley", "desert", "mountain", "region", "area", "island"})
ADMIN_PRECISION = {"country": "country", "governorate": "province", "district": "district", "subdistrict": "district"}

PRECISIONS = ("place", "near", "district", "province", "country", "region", "unresolved")


def precision_for_feature(feature: str) -> str:
    """Map a gazetteer feature type to the precision level an event placed there can claim."""
    if feature in ADMIN_PRECISION:
        return ADMIN_PRECISION[feature]
    if feature in REGION_FEATURES:
        return "region"
    return "place"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry; `gid` is stable across builds ("gn:98182", "cm:mosul-airport", "user:...")."""

    gid: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str = ""
    feature: str = "city"
    population: int = 0
    variants: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    score: float
    reason: str

    def to_dict(self) -> dict:
        p = self.place
        return {"gazetteer_id": p.gid, "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
                "admin1": p.admin1, "feature": p.feature, "score": round(self.score, 3), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class GeoContext:
    """What the surrounding document tells the geocoder: its countries, places already placed, a cue word."""

    countries: tuple[str, ...] = ()
    near: tuple[tuple[float, float], ...] = ()
    cue: str = ""


@dataclass(slots=True)
class Resolution:
    """The answer for one name; `place` is None when unresolved (never a low-confidence guess)."""

    query: str
    place: Place | None
    score: float
    precision: str
    reason: str
    candidates: list[Candidate] = field(default_factory=list)
    relation: str = ""  # e.g. "west of", "near", "outside" when the query was a relative phrase
    lat: float | None = None  # differs from place.lat only for coordinate overrides
    lon: float | None = None

    @property
    def resolved(self) -> bool:
        return self.place is not None

    def to_dict(self) -> dict:
        p = self.place
        return {
            "query": self.query,
            "name": p.name if p else None,
            "lat": self.lat if p else None,
            "lon": self.lon if p else None,
            "country": p.country if p else None,
            "admin1": (p.admin1 or None) if p else None,
            "feature": p.feature if p else None,
            "score": round(self.score, 3),
            "precision": self.precision,
            "gazetteer_id": p.gid if p else None,
            "relation": self.relation or None,
            "reason": self.reason,
            "candidates": [c.to_dict() for c in self.candidates],
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """A gazetteer name found in running text; offsets index the original string."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Override:
    """An analyst's correction: this name means that gazetteer entry, or these coordinates."""

    name: str
    gazetteer_id: str = ""
    lat: float | None = None
    lon: float | None = None
    note: str = ""
