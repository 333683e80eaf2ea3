"""The offline geocoder: name (or relative phrase) -> place, score, precision, candidates and reason."""

from __future__ import annotations

import csv
import math
import os
import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from geopy.distance import great_circle

from geo.gazetteer import BUILT_DIR, ROOT, read_built, read_geonames_dump, read_user_csv
from geo.index import GazetteerIndex, KeyHit
from geo.model import Candidate, GeoContext, Mention, Override, Place, Resolution, precision_for_feature
from geo.normalize import DATA, name_keys, normalize
from geo.scan import MentionScanner

THRESHOLD = 0.6  # below this an answer is "unresolved": an honest blank beats a confident wrong point
MAX_QUERY_CHARS = 200
AMBIGUITY_KM = 25.0  # two candidates further apart than this are different answers
AMBIGUITY_MARGIN = 0.08  # a different answer scoring within this of the top one makes the top one uncertain
TIE_MARGIN = 1e-6  # equal scores: no evidence at all (context, name, population, feature) separates the answers
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BASE_SCORE = {"full": 0.97, "stripped": 0.965, "phonetic": 0.93}
# Admin areas carry no population in the data; these stand in so a country outranks a town that shares its name.
ADMIN_POPULATION = {"country": 30_000_000, "governorate": 1_000_000, "district": 100_000, "subdistrict": 30_000}
ADMIN_FEATURES = frozenset({"governorate", "district", "subdistrict", "country"})

CURATED_DIR = ROOT / "gazetteer" / "curated"
THEATRE_FILE = ROOT / "gazetteer" / "theatre.csv"


@dataclass(frozen=True, slots=True)
class Relation:
    pattern: str
    relation: str
    side: str  # "west" for "western Mosul": the city side to look for before falling back to "near"


@dataclass(frozen=True, slots=True)
class Parse:
    """One reading of a query: the name to look up, a relative position, preferred feature types."""

    text: str
    relation: str = ""
    side: str = ""
    features: frozenset[str] = frozenset()


def _clamp(score: float) -> float:
    return max(0.0, min(1.0, score))


def _population(place: Place) -> int:
    return place.population or ADMIN_POPULATION.get(place.feature, 0)


def _rivals(candidates: list[Candidate], margin: float) -> list[Candidate]:
    """Candidates within `margin` of the top that are different answers: further than AMBIGUITY_KM from the top
    and from each other, and not dwarfed by the top (a city twenty times a namesake village's size is what a bare
    name means)."""
    top = candidates[0]
    rivals: list[Candidate] = []
    for other in candidates[1:]:
        if top.score - other.score >= margin:
            break
        if _population(top.place) >= 20 * max(_population(other.place), 1_000):
            continue
        if all(great_circle((c.place.lat, c.place.lon), (other.place.lat, other.place.lon)).km > AMBIGUITY_KM
               for c in (top, *rivals)):
            rivals.append(other)
    return rivals


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


class Geocoder:
    """Resolve place names against the local gazetteer; thread-safe for reads, overrides guarded by a lock."""

    _default: Geocoder | None = None
    _default_lock = threading.Lock()

    def __init__(self, index: GazetteerIndex, non_places: dict[str, str] | None = None,
                 focus_countries: tuple[str, ...] = ("IQ", "SY")) -> None:
        self.index = index
        self.non_places = non_places or {}
        self.focus_countries = focus_countries
        self._overrides: dict[str, Override] = {}
        self._lock = threading.Lock()
        self._scanner: MentionScanner | None = None
        self._relations = sorted((Relation(r["pattern"], r["relation"], r["side"]) for r in
                                  _read_csv(DATA / "relations.csv")), key=lambda r: -len(r.pattern))
        suffixes = (DATA / "adjective_suffixes.txt").read_text(encoding="utf-8").split()
        self._adjective_suffixes = frozenset(x for x in suffixes if not x.startswith("#"))
        cues = _read_csv(DATA / "cue_words.csv")
        self._cues_after = sorted(((c["word"], frozenset(c["features"].split("|"))) for c in cues
                                   if c["position"] == "after"), key=lambda c: -len(c[0]))
        self._cues_before = sorted(((c["word"], frozenset(c["features"].split("|"))) for c in cues
                                    if c["position"] == "before"), key=lambda c: -len(c[0]))

    # ---- construction -------------------------------------------------------------------------------
    @classmethod
    def default(cls) -> Geocoder:
        """The shared warm geocoder over the built gazetteer plus $CONFLICT_MAP_GAZETTEER extra files."""
        with cls._default_lock:
            if cls._default is None:
                extra = [Path(p) for p in os.environ.get("CONFLICT_MAP_GAZETTEER", "").split(os.pathsep) if p]
                cls._default = cls.load(extra_files=extra)
            return cls._default

    @classmethod
    def load(cls, built_dir: Path = BUILT_DIR, extra_files: list[Path] | None = None,
             curated_dir: Path = CURATED_DIR) -> Geocoder:
        """Load the built gazetteer, then users' GeoNames dumps (*.txt) and CSVs (*.csv) on top."""
        places, names = read_built(built_dir)
        index = GazetteerIndex()
        for place in places:
            index.places[place.gid] = place
        for row in names:
            index.add_name(row)
        for path in extra_files or []:
            reader = read_geonames_dump if path.suffix.lower() == ".txt" else read_user_csv
            for place in reader(path):
                index.add_place(place)
        non_places = {}
        not_places_file = curated_dir / "not_places.csv"
        if not_places_file.exists():
            non_places = {normalize(r["name"]): r["kind"] for r in _read_csv(not_places_file) if r["name"].strip()}
        focus = tuple(r["value"] for r in _read_csv(THEATRE_FILE) if r["setting"] == "focus_country")
        return cls(index, non_places, focus)

    # ---- overrides ----------------------------------------------------------------------------------
    def add_override(self, override: Override) -> None:
        """Later resolutions of this name honour the analyst's choice."""
        if override.gazetteer_id and override.gazetteer_id not in self.index.places:
            raise KeyError(f"gazetteer_id {override.gazetteer_id!r} is not in the gazetteer")
        if not override.gazetteer_id and (override.lat is None or override.lon is None):
            raise ValueError("an override needs a gazetteer_id or both lat and lon")
        with self._lock:
            self._overrides[normalize(override.name)] = override

    def clear_overrides(self) -> None:
        with self._lock:
            self._overrides.clear()

    def overrides(self) -> list[Override]:
        return list(self._overrides.values())

    # ---- queries ------------------------------------------------------------------------------------
    def is_non_place(self, name: str) -> bool:
        return normalize(name) in self.non_places

    def resolve_many(self, names: list[str], context: GeoContext | None = None) -> list[Resolution]:
        return [self.resolve(n, context) for n in names]

    def resolve(self, name: str, context: GeoContext | None = None) -> Resolution:
        """The best reading of `name` in `context`; unresolved (place None) below THRESHOLD."""
        if not isinstance(name, str):
            raise TypeError(f"name must be a string, not {type(name).__name__}")
        context = context or GeoContext()
        query = " ".join(_CONTROL.sub(" ", name).split())
        if not query:
            return Resolution(name, None, 0.0, "unresolved", "empty query")
        if len(query) > MAX_QUERY_CHARS:
            return Resolution(name, None, 0.0, "unresolved", f"query longer than {MAX_QUERY_CHARS} characters")
        override = self._overrides.get(normalize(query))
        if override is not None:
            return self._from_override(name, override)
        key = normalize(query)
        if key in self.non_places:
            return Resolution(name, None, 0.0, "unresolved", f"not a place ({self.non_places[key]})")
        best: Resolution | None = None
        for parse in self._parses(query, context):
            if parse.text and normalize(parse.text) in self.non_places:
                continue
            res = self._resolve_parse(name, parse, context)
            if best is None or res.score > best.score + 1e-9:
                best = res
            if best.score >= 0.9 and not parse.relation and not parse.features:
                break  # the phrase as written is a confident gazetteer name
        assert best is not None
        if best.score < THRESHOLD:
            return Resolution(name, None, best.score, "unresolved", f"below threshold: {best.reason}",
                              best.candidates, best.relation)
        return best

    def _from_override(self, name: str, ov: Override) -> Resolution:
        if ov.gazetteer_id:
            place = self.index.places[ov.gazetteer_id]
            lat, lon = place.lat, place.lon
            precision = precision_for_feature(place.feature)
        else:
            place = Place(f"override:{normalize(ov.name)}", ov.name, float(ov.lat), float(ov.lon), "", "", "site")
            lat, lon, precision = float(ov.lat), float(ov.lon), "place"
        return Resolution(name, place, 1.0, precision, "analyst override" + (f": {ov.note}" if ov.note else ""),
                          [Candidate(place, 1.0, "override")], "", lat, lon)

    def _parses(self, query: str, context: GeoContext) -> list[Parse]:
        """Readings from most literal to most interpreted: as written, without cue words, as a relation."""
        parses = [Parse(query, features=self._cue_features(context.cue))]
        low = query.lower()
        for word, feats in self._cues_after:
            if low.endswith(" " + word) and len(low) > len(word) + 1:
                parses.append(Parse(query[: -len(word)].strip(" ,-"), features=feats))
                break
        for word, feats in self._cues_before:
            if low.startswith(word + " "):
                parses.append(Parse(query[len(word):].strip(" ,-"), features=feats))
                break
        for rel in self._relations:
            if low.startswith(rel.pattern + " ") and len(low) > len(rel.pattern) + 1:
                rest = query[len(rel.pattern):].strip(" ,-")
                rest = re.sub(r"^(?:the\s+)?(?:city|town|village)\s+of\s+", "", rest, flags=re.I)
                parses.append(Parse(rest, rel.relation, rel.side))
                break
        return [p for p in parses if p.text]

    def _cue_features(self, cue: str) -> frozenset[str]:
        cue = cue.lower().strip()
        for word, feats in self._cues_after + self._cues_before:
            if cue == word:
                return feats
        return frozenset()

    def _resolve_parse(self, name: str, parse: Parse, context: GeoContext) -> Resolution:
        if parse.side:
            side = self._side_quarter(parse, context)
            if side is not None:
                side = replace(side, score=_clamp(side.score))
                return Resolution(name, side.place, side.score, precision_for_feature(side.place.feature),
                                  f"city side: {side.reason}", [side], "", side.place.lat, side.place.lon)
        candidates = self._candidates(parse, context)
        if not candidates:
            return Resolution(name, None, 0.0, "unresolved", "no gazetteer name matches", [], parse.relation)
        top = candidates[0]
        score = min(top.score - self._ambiguity_penalty(candidates), self._tie_share(candidates))
        precision = "near" if parse.relation else precision_for_feature(top.place.feature)
        reason = top.reason + (f"; {parse.relation} {top.place.name}" if parse.relation else "")
        shown = [replace(c, score=_clamp(c.score)) for c in candidates[:5]]
        return Resolution(name, top.place, _clamp(score), precision, reason, shown,
                          parse.relation, top.place.lat, top.place.lon)

    def _side_quarter(self, parse: Parse, context: GeoContext) -> Candidate | None:
        """'western Mosul' -> the 'West Mosul' quarter when the gazetteer has one."""
        quarter = Parse(f"{parse.side} {parse.text}", features=frozenset({"quarter"}))
        found = [c for c in self._candidates(quarter, context) if c.place.feature == "quarter" and c.score >= 0.9]
        return found[0] if found else None

    def _candidates(self, parse: Parse, context: GeoContext) -> list[Candidate]:
        keys = name_keys(parse.text)
        if not keys.full:
            return []
        hits = self.index.exact(keys.full, keys.stripped, keys.phonetic)
        if not hits or all(h.kind == "phonetic" for h in hits):
            seen = {h.gid for h in hits}
            hits += [h for h in self.index.fuzzy(keys.phonetic, keys.skeleton) if h.gid not in seen]
        scored = [self._score(h, keys.phonetic, parse, context) for h in hits]
        scored.sort(key=lambda c: (-c.score, c.place.gid))
        return scored

    def _score(self, hit: KeyHit, phonetic: str, parse: Parse, context: GeoContext) -> Candidate:
        place = self.index.places[hit.gid]
        if hit.kind == "fuzzy":
            if self._is_derived_word(phonetic, name_keys(hit.name).phonetic):
                return Candidate(place, 0.0, f"adjective of {hit.name}, not the place")
            score = 0.3 + 0.6 * (hit.similarity - 78.0) / 22.0
            if len(phonetic) < 5:
                score -= 0.15
            reason = f"fuzzy {hit.similarity:.0f} ~ {hit.name}"
        else:
            score = _BASE_SCORE[hit.kind]
            if hit.kind == "phonetic" and len(phonetic) <= 3:
                score -= 0.15  # three letters after spelling rules: too little to trust a loose match
            reason = f"{hit.kind} key = {hit.name}"
            if hit.name == place.name:
                score += 0.02  # the place's own name beats another place's alternate spelling
        if context.countries:
            score += 0.03 if place.country in context.countries else -0.2
        elif place.country in self.focus_countries:
            score += 0.04
        elif hit.kind == "fuzzy":
            score -= 0.2  # a look-alike spelling abroad, with nothing in the document pointing there
        if context.near:
            km = min(great_circle((place.lat, place.lon), p).km for p in context.near)
            score += 0.03 if km < 150 else (-0.05 if km > 800 else 0.0)
        if parse.features:
            score += 0.05 if place.feature in parse.features else -0.1
        elif place.feature in ADMIN_FEATURES and place.feature != "country":
            score -= 0.05  # a bare name means the town more often than the province named after it
        score += 0.03 * min(1.0, math.log10(_population(place) + 1) / 7.0)
        if place.source.startswith("curated"):
            score += 0.01
        return Candidate(place, score, reason)  # unclamped: ranking needs the margins above 1.0

    def _is_derived_word(self, query_key: str, name_key: str) -> bool:
        """'Iraqi', 'Syrian': a place name plus an adjective suffix is a nationality word, not a place."""
        return query_key.startswith(name_key) and query_key[len(name_key):] in self._adjective_suffixes

    @staticmethod
    def _ambiguity_penalty(candidates: list[Candidate]) -> float:
        """Two different places scoring alike make the answer uncertain: say so in the score."""
        rivals = _rivals(candidates, AMBIGUITY_MARGIN)
        return (AMBIGUITY_MARGIN - (candidates[0].score - rivals[0].score)) * 2.5 if rivals else 0.0

    @staticmethod
    def _tie_share(candidates: list[Candidate]) -> float:
        """Different places that nothing tells apart make the answer a coin toss: 1/2 for two, 1/3 for three."""
        return 1.0 / (1 + len(_rivals(candidates, TIE_MARGIN)))

    # ---- running text -------------------------------------------------------------------------------
    def find_mentions(self, text: str) -> list[Mention]:
        """Gazetteer names in running text (see geo.scan for the rules that keep common words out)."""
        if self._scanner is None:
            self._scanner = MentionScanner(self.index, self.non_places, self.focus_countries)
        return self._scanner.scan(text)
