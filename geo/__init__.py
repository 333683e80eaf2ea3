"""Offline, transliteration-aware geocoding for conflict reporting."""

from geo.geocoder import Geocoder
from geo.model import Candidate, GeoContext, Mention, Override, Place, Resolution

__all__ = ["Candidate", "GeoContext", "Geocoder", "Mention", "Override", "Place", "Resolution"]
