"""A geopy Geocoder backed by the local gazetteer, so code written for geopy's online services runs offline."""

from __future__ import annotations

from geopy.geocoders.base import Geocoder as GeopyGeocoder
from geopy.location import Location

from geo.geocoder import THRESHOLD, Geocoder
from geo.model import GeoContext, Resolution


class ConflictMapGeocoder(GeopyGeocoder):
    """`geocode(query, exactly_one=True)` -> geopy `Location` whose `raw` is the full resolution dict."""

    def __init__(self, geocoder: Geocoder | None = None, country_codes: list[str] | str | None = None,
                 min_score: float = THRESHOLD) -> None:
        super().__init__(user_agent="conflict-map-offline")
        self.geocoder = geocoder or Geocoder.default()
        self.country_codes = _codes(country_codes)
        self.min_score = min_score

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: float | None = None,
                country_codes: list[str] | str | None = None) -> Location | list[Location] | None:
        """Same call shape as geopy's geocoders; `timeout` is accepted and ignored (nothing goes online)."""
        codes = _codes(country_codes) or self.country_codes
        res = self.geocoder.resolve(query, GeoContext(countries=codes))
        if exactly_one:
            return _location(res) if res.resolved and res.score >= self.min_score else None
        found = [_location(res)] if res.resolved and res.score >= self.min_score else []
        top_gid = res.place.gid if res.place else None
        for cand in res.candidates:
            if cand.place.gid != top_gid and cand.score >= self.min_score:
                alt = Resolution(query, cand.place, cand.score, res.precision, cand.reason, [cand], res.relation,
                                 cand.place.lat, cand.place.lon)
                found.append(_location(alt))
        return found or None


def _codes(value: list[str] | str | None) -> tuple[str, ...]:
    if not value:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    return tuple(c.strip().upper() for c in items if c.strip())


def _location(res: Resolution) -> Location:
    p = res.place
    address = ", ".join(x for x in (p.name, p.admin1, p.country) if x)
    return Location(address, (res.lat, res.lon), res.to_dict())
