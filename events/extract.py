"""Article -> events: cue words, places, actors, claimants, counts and dates per clause, with context carried down."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from events.actors import ActorBook, ActorMention, Country, CountryBook, default_actors, default_countries
from events.cues import CueBook, CueMention, default_cues
from events.dates import DateMention, DateSpan, find_dates
from events.model import Document, Event
from events.numbers import Count, find_counts, one_words
from events.people import described_speaker, organisation_of, person_near
from events.places import PlaceSpan, find_places
from events.sentences import Sentence, split_sentences
from events.summary import make_summary
from events.wordlists import alternation, word_set
from geo import Geocoder, GeoContext
from geo.model import Mention, Resolution

# Event types that need a place below country level to be mapped; the others may stand at country level.
COUNTRY_LEVEL_OK = {"civilian_harm", "displacement"}
DATE_WEIGHT = {"day": 1.0, "range": 0.9, "week": 0.85, "month": 0.75, "year": 0.65, "unknown": 0.5}
# A document's lead paragraph is its first text paragraph with a sentence at least this long (not a byline).
LEAD_MIN_WORDS = 12
# A count of civilians killed is itself the cue of a civilian-harm claim.
VIOLENT_TYPES = {"airstrike", "artillery", "ground_clash", "explosion"}
# The cues.csv phrase whose event a stated share of a place ("45 percent," of Raqqa) stands for.
SHARE_CUE = "percent of"
LEAD_PLACES = 3  # confident places from the lead that seed the document's geographic context
LEAD_PLACE_SCORE = 0.9
HEDGE_FACTOR = {"": 1.0, "unconfirmed": 0.9, "alleged": 0.8, "denied": 0.6}

# Negation is lowercase, or capitalized only at the start of its clause ("Doctors Without Borders" is a name).
_NEGATION = re.compile(rf"(?:\b(?:{alternation('negation')})\b|^\s*(?:{alternation('negation', capitalized=True)})\b)"
                       r"[^,;]*$")
_SUPPORT = re.compile(rf"(?:{alternation('support_phrase')})(?:\s+[\w.-]+){{0,3}}\s*$", re.I)
_TARGET_VERB = re.compile(rf"\b(?:{alternation('target_verb')})\b[^;.]*$", re.I)
_INFINITIVE = re.compile(rf"\b(?:{alternation('intent_word')})\s*$", re.I)
_STRIKE_AFTER = re.compile(rf"^\s+(?:(?:{alternation('strike_modifier')}|"
                           r"[A-Z][a-z]{2,4}\.?\s+\d{1,2}|[A-Z][a-z]+\s+\d{1,2})\s+)*(?:air\s*)?strikes?\b")
_KILL = re.compile(rf"\b(?:{alternation('kill_word')})\b", re.I)
_DESTROY = re.compile(rf"\b(?:{alternation('destroy_verb', longest_first=True)})\b(?P<objs>[^;]*?)"
                      rf"(?=\b(?:{alternation('destroy_stop')})\b|;|$)", re.I)
_SHARE = re.compile(rf"(?P<num>\d{{1,3}}(?:\.\d+)?)\s*(?:{alternation('percent_word')})", re.I)
# What a held share is of: a named place or ground ("of Raqqa", "of the city", "of its territory"), not people.
_SHARE_OF_GROUND = re.compile(
    rf"[\s,\"'”’]*\s+of\s+(?:(?i:the|its|their|this|that)\s+)?(?:[A-Z]|(?i:(?:{alternation('territory_noun')})\b))")
_UNDER_CONTROL = re.compile(r"\bunder\s+(?P<who>[\w\s.'-]{2,40}?)\s+control\b", re.I)
_CLAUSE = re.compile(r";|,\s+and\s+(?=(?:the|a|an|[A-Z]))|,\s+while\s+|\s+while\s+|\bbut\b")
# Where people who fled came from, told as background: "had fled X" with no date of its own, "the families in the
# camp fled X". What follows in that clause (the places, "fighting in X") is the origin of an earlier flight.
_ORIGIN = re.compile(rf"\bhad\s+(?:\w+\s+)?fled\b[^;.]*|\b(?:at|in)\s+the\s+(?:{alternation('shelter_noun')})\b"
                     r"[^,;.]*?\bfled\b[^;.]*", re.I)
_THAT = re.compile(r"\bthat\b", re.I)
_FULL_STOP = re.compile(r"[.!?][\"'”’)]*\s*$")
_DISPLACED_PEOPLE = re.compile(rf"\b(?:{alternation('people_noun')}|{alternation('displacement_word')})\b", re.I)
_PEOPLE_AFTER = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{alternation('people_noun')})\b", re.I)
_PASSIVE_CUE = re.compile(rf"\s(?:{alternation('passive_agent')})$")  # cues.csv "fell to", "was taken by"
_BY_AGENT = re.compile(r"\s+by\s")  # "was captured by X"
_SUPPORT_BEFORE = re.compile(rf"\b(?:{alternation('support_phrase')})\s+(?:the\s+)?$", re.I)
_OBJECT_BEFORE = re.compile(rf"\b(?:{alternation('object_marker')})\s+(?:the\s+)?$", re.I)
_NAMED_AFTER = re.compile(rf"\s+(?:{alternation('settlement_noun')})\s+of\s+(?:the\s+)?", re.I)
_CIVILIAN_WORD = re.compile(alternation("civilian_word"), re.I)
_ABSENCE = re.compile(rf"\b(?:{alternation('absence_phrase')})\s*$", re.I)
_SECONDARY = re.compile(rf"\b(?:{alternation('secondary_word')})\s*$", re.I)
_DIRECT_OBJECT = word_set("direct_object_cue")
_OBJECT_GAP = re.compile(rf"\s+(?:the\s+)?(?:(?:{alternation('settlement_noun')})s?\s+of\s+(?:the\s+)?)?", re.I)
# "ERBIL, Iraq (Reuters) -", "BEIRUT —": where the story was filed, not where it happened.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)*(?:,\s*[A-Z][\w .]*?)?\s*"
                       r"(?:\([^)]{1,30}\)\s*)?[—–-]+\s")
# An own date this coarse and this much older than the document is background ("seized ... in 2014").
BACKGROUND_PRECISIONS = {"month", "year"}
BACKGROUND_DAYS = 180
# Generic blasts next to a strike are its effect; these sub-types are attacks of their own.
GENERIC_BLAST = "explosion"
LAUNCH_SUB_TYPES = {"missile"}  # fired from afar: the place after the cue is the target, the one before the launcher
LOSS_SUB_TYPE = "territory_lost"  # cues.csv sub-type of "withdrew from": the agent gives the place up
_ANCHOR_GAP = (rf"\s*,?\s*(?:(?:{alternation('approximator')}|\d+\s*(?:{alternation('distance_unit')}))\s+)*"
               r"(?:to\s+the\s+)?")
# What stands between the places of one list: "A, B and C", "A or near B", "A and the town of B".
_LIST_GAP = re.compile(r"\s*,\s*(?:(?:in|near)\s+)?|\s*,?\s*(?:and|or|as well as)\s+(?:(?:in|near|the)\s+)?"
                       r"(?:[\w'’-]+\s+){0,2}")
# Words that may stand between a count and its victim noun ("250 Islamic State of Iraq and Levant (ISIL) jihadists").
_VICTIM_GAP = r"(?:[\w()’'.,-]+\s+){0,8}?"


@dataclass(slots=True)
class _Context:
    """What earlier sentences tell later ones: section countries, the last event date, actors, claimant."""

    countries: tuple[Country, ...] = ()
    section_countries: tuple[Country, ...] = ()
    doc_countries: tuple[Country, ...] = ()
    date: DateSpan | None = None
    lead_date: DateSpan | None = None
    seen_heading: bool = False
    actor1: str = ""
    actor2: str = ""
    claimant: str = ""
    lead_claimant: str = ""
    doc_claimant: str = ""
    near: list[tuple[float, float]] = field(default_factory=list)
    previous_text: str = ""


@dataclass(slots=True)
class _Analysis:
    sentence: Sentence
    text: str
    dates: list[DateMention]
    cues: list[CueMention]
    places: list[PlaceSpan]
    actors: list[ActorMention]
    counts: list[Count]
    claimant: str
    hedging: str


class Extractor:
    """Holds the lexicons and the geocoder; `extract` turns one Document into Events."""

    def __init__(self, geocoder: Geocoder | None = None, actors: ActorBook | None = None,
                 countries: CountryBook | None = None, cues: CueBook | None = None) -> None:
        self.geocoder = geocoder or Geocoder.default()
        self.actors = actors or default_actors()
        self.countries = countries or default_countries()
        self.cues = cues or default_cues()
        nouns = self.cues.victim_alternation
        self._victim = re.compile(rf"^\s+{_VICTIM_GAP}(?P<noun>{nouns})\b", re.I)
        self._combat_death = re.compile(
            rf"\b(?:{'|'.join(re.escape(n) for n, g in self.cues.victims.items() if g == 'combatant')})"
            rf"\s+(?:(?:were|was|have been|had been|being)\s+)?(?:{alternation('death_verb')})\b", re.I)
        verbs = "|".join(re.escape(p) for p, kind in self.cues.reporting.items() if kind == "after")
        pronoun = alternation("continuation_pronoun")
        # "he said", "said she", "It added", or a sentence opening with "He"/"They": the last named claimant goes on.
        self._continuation = re.compile(
            rf"\b(?i:(?:{pronoun})\s+(?:\w+\s+)?(?:{verbs})|(?:{verbs})\s+(?:{pronoun}))\b"
            rf"|^\W*(?:{alternation('subject_pronoun', capitalized=True)})\b"
            rf"|\b(?i:the\s+(?:[\w'’-]+\s+)?(?:{alternation('back_reference')})\s+(?:\w+\s+)?(?:{verbs}))\b")
        self._rate = re.compile(rf"^\s+(?:[\w-]+\s+){{0,6}}?(?P<rate>{self.cues.rate_alternation})\b", re.I)

    # ---- per-sentence analysis -------------------------------------------------------------------------------
    def _claimant(self, text: str, actors: list[ActorMention], known: dict[str, str]) -> str:
        """Who the sentence attributes its content to: a named person (with their organisation), else the nearest
        organisation around a reporting phrase ("X said", "according to X")."""
        capable = [a for a in actors if a.actor.role in ("claimant", "both")]
        best: tuple[int, str] | None = None
        for start, end, kind in self.cues.find_reporting(text):
            person = person_near(text, start, end, kind, self.actors, actors, known)
            if person is not None:
                org = organisation_of(text, person, actors)
                full = f"{person.name}, {org}" if org and ", " not in person.name else person.name
                known[person.name.split()[-1]] = full
                return full
            for a in capable:
                if kind == "before":
                    gap = a.start - end if a.start >= end else None
                    limit = 60
                elif a.end <= start:
                    gap, limit = start - a.end, 45
                else:  # "said X", but not "said that X did": X is then part of what was said
                    gap = a.start - end if a.start >= end and not _THAT.search(text[end:a.start]) else None
                    limit = 45
                if gap is not None and 0 <= gap <= limit and (best is None or gap < best[0]):
                    best = (gap, a.actor.canonical)
            if best is None:
                described = described_speaker(text, start, end, kind, actors)
                if described:
                    return described
        return best[1] if best else ""

    def _analyse(self, s: Sentence, doc: Document, mentions: list[Mention], known: dict[str, str]) -> _Analysis:
        text = s.text
        local = [Mention(m.start - s.start, m.end - s.start, m.text) for m in mentions
                 if m.start >= s.start and m.end <= s.end]
        actors = self.actors.find(text)
        places = find_places(text, local, self.geocoder, self.actors, self.countries, s.kind == "bullet")
        dateline = _DATELINE.match(text)
        if dateline:
            places = [p for p in places if p.start >= dateline.end()]
        return _Analysis(
            sentence=s, text=text, dates=find_dates(text, doc.date), cues=self._live_cues(text),
            places=places,
            actors=actors,
            counts=find_counts(text), claimant=self._claimant(text, actors, known), hedging=self.cues.hedging(text))

    def _live_cues(self, text: str) -> list[CueMention]:
        """Cues that report an event: not negated, not a supporting mention, not a target in a strike list."""
        out = []
        for c in self.cues.find_cues(text):
            before = text[max(0, c.start - 80):c.start]
            clause_before = re.split(r"[;:]|,\s+(?=[A-Z])", before)[-1]
            if _NEGATION.search(clause_before) and c.cue.event_type != "civilian_harm":
                continue
            if c.cue.event_type == "civilian_harm" and _ABSENCE.search(clause_before):
                continue
            if c.cue.event_type == "explosion" and _SECONDARY.search(before):
                continue
            if _SUPPORT.search(before):
                continue
            if c.cue.event_type == "explosion" and _TARGET_VERB.search(clause_before):
                continue
            if c.cue.sub_event_type == "strike" and _INFINITIVE.search(before):
                continue
            out.append(c)
        return out

    # ---- context -------------------------------------------------------------------------------------------
    def _sentence_countries(self, a: _Analysis) -> tuple[Country, ...]:
        seen: list[Country] = []
        for p in a.places:
            if p.country is not None and p.country not in seen:
                seen.append(p.country)
        return tuple(seen)

    def _event_date(self, a: _Analysis) -> tuple[DateSpan | None, bool]:
        """The sentence's own event date (non-reporting first); the flag says whether the text gave one."""
        own = [d for d in a.dates if not d.reporting]
        if own:
            return own[0].span, True
        if a.dates:
            return a.dates[0].span, True
        return None, False

    def _update_context(self, ctx: _Context, a: _Analysis) -> None:
        s = a.sentence
        countries = self._sentence_countries(a)
        if s.kind == "heading":  # a new section starts from the date the lead paragraph set
            if not ctx.seen_heading:
                ctx.lead_date, ctx.seen_heading = ctx.date, True
            ctx.date = ctx.lead_date
        if s.kind != "bullet" and countries:
            ctx.countries = countries
            if s.kind == "heading" or s.is_intro:
                ctx.section_countries = countries  # "Strikes in Syria", "... in Iraq:" open a section
        if s.kind != "bullet":
            span, given = self._event_date(a)
            own = [d for d in a.dates if not d.reporting]
            if own and span is not None and span.start is not None and span.precision in ("day", "range") and (
                    (span.end - span.start).days <= 14):
                ctx.date = span
            agents = [m for m in a.actors if m.actor.side != "is" and m.actor.role != "claimant"]
            if a.cues and agents:
                ctx.actor1 = agents[0].actor.canonical
            targets = [m for m in a.actors if m.actor.side == "is"]
            if targets:
                ctx.actor2 = targets[0].actor.canonical
        if s.kind != "bullet":
            ctx.lead_claimant = a.claimant  # the lead of any bullet list that follows
        if a.claimant:
            ctx.claimant = a.claimant

    def _doc_claimant(self, analyses: list[_Analysis]) -> str:
        """The issuing body: a byline heading, else the lead paragraph's attribution, else a release's own forces.

        The lead is the first text paragraph with a full sentence that reports an event or a claim (not a banner).
        """
        reporting = {a.sentence.para for a in analyses if a.cues or a.claimant}
        lead = next((a.sentence.para for a in analyses if a.sentence.kind == "text" and a.sentence.para in reporting
                     and len(a.text.split()) >= LEAD_MIN_WORDS and _FULL_STOP.search(a.text)), None)
        if lead is None:
            return ""
        before = [a for a in analyses if a.sentence.para < lead]
        for a in before:
            byline = [m for m in a.actors if m.actor.role != "actor" and m.start == 0 and m.end == len(a.text)]
            if a.sentence.kind == "heading" and byline:
                return byline[0].actor.canonical
        in_lead = [a for a in analyses if a.sentence.para == lead]
        for a in in_lead:
            if a.claimant:
                return a.claimant
        if any(kind == "issuer" for a in before for _, _, kind in self.cues.find_reporting(a.text)):
            for a in in_lead:  # "Press Release": the release speaks for the forces its lead names
                issuers = [m for m in a.actors if m.actor.role in ("claimant", "both")]
                if issuers:
                    return issuers[0].actor.canonical
        return ""

    def _source_claimant(self, doc: Document) -> str:
        """A `Source:` header naming a body that makes claims ("CJTF-OIR news release") is the issuer."""
        issuers = [m for m in self.actors.find(doc.source) if m.actor.role in ("claimant", "both")]
        return issuers[0].actor.canonical if issuers else ""

    # ---- geocoding ---------------------------------------------------------------------------------------------
    def _lead_places(self, text: str, mentions: list[Mention], countries: tuple[Country, ...],
                     limit: int = LEAD_PLACES) -> list[tuple[float, float]]:
        """Towns the lead names with confidence: they settle later bare names ("the Old City") even when the
        lead itself reports no event there."""
        codes = tuple(c.code for c in countries) or self.geocoder.focus_countries
        found: list[tuple[float, float]] = []
        for name in dict.fromkeys(text[m.start:m.end] for m in mentions):  # each name once, in order
            res = self.geocoder.resolve(name, GeoContext(countries=codes))
            confident = res.resolved and res.score >= LEAD_PLACE_SCORE and res.precision == "place"
            if confident and res.place.country in codes:
                found.append((res.place.lat, res.place.lon))
                if len(found) == limit:
                    break
        return found

    def _resolve(self, p: PlaceSpan, countries: tuple[Country, ...], ctx: _Context,
                 cache: dict) -> Resolution:
        codes = tuple(c.code for c in countries)
        key = (p.query, codes)
        if key not in cache:
            context = GeoContext(countries=codes, near=tuple(ctx.near[:5]), cue=p.cue)
            cache[key] = self.geocoder.resolve(p.query, context)
            res = cache[key]
            if res.resolved and res.precision in ("place", "near") and len(ctx.near) < 5:
                ctx.near.append((res.lat if res.lat is not None else res.place.lat,
                                 res.lon if res.lon is not None else res.place.lon))
        return cache[key]

    # ---- events --------------------------------------------------------------------------------------------
    @staticmethod
    def _clauses(text: str) -> list[tuple[int, int]]:
        bounds, start = [], 0
        for m in _CLAUSE.finditer(text):
            bounds.append((start, m.start()))
            start = m.end()
        bounds.append((start, len(text)))
        return bounds

    @staticmethod
    def _places_for(cue: CueMention, a: _Analysis, clause: tuple[int, int]) -> list[PlaceSpan]:
        """The place(s) of one cue: nearest in its clause (plus "X and Y" siblings), else nearest in the sentence."""
        fine = [p for p in a.places if p.country is None]
        pool = [p for p in fine if clause[0] <= p.start < clause[1]] or fine
        if not pool:
            return []

        if cue.cue.sub_event_type in LAUNCH_SUB_TYPES:  # "ships in the Caspian fired missiles at X": X was hit
            pool = [p for p in pool if p.start >= cue.end] or pool

        def distance(p: PlaceSpan) -> int:
            return p.start - cue.end if p.start >= cue.end else (cue.start - p.end) + 5

        best = min(pool, key=distance)
        named = [p for p in pool if p.start > best.end and _NAMED_AFTER.fullmatch(a.text[best.end:p.start])]
        if named:  # "the Syrian desert city of Palmyra": the event is in the named city
            best = named[0]
        if best.relation.endswith(" of"):  # "X west of Y": the event is at X, Y only locates it
            relation = re.escape(best.relation).replace(r"\ ", r"\s+")
            anchor = [p for p in pool if p.end <= best.start and re.fullmatch(
                _ANCHOR_GAP + relation + r"\s+(?:the\s+)?", a.text[p.end:best.start], re.I)]
            if anchor:
                best = anchor[-1]
        ordered = sorted(pool, key=lambda p: p.start)
        at = ordered.index(best)
        lo = hi = at
        while hi + 1 < len(ordered) and _LIST_GAP.fullmatch(a.text[ordered[hi].end:ordered[hi + 1].start]):
            hi += 1  # "near A, B and C": one event per listed place
        while lo > 0 and _LIST_GAP.fullmatch(a.text[ordered[lo - 1].end:ordered[lo].start]):
            lo -= 1
        return ordered[lo:hi + 1]

    def _strikes(self, a: _Analysis, clause: tuple[int, int]) -> int | None:
        for c in a.counts:
            if clause[0] <= c.start < clause[1] and _STRIKE_AFTER.match(a.text[c.end:]) and c.value:
                return c.value
        return None

    @staticmethod
    def _destroyed(a: _Analysis, clause: tuple[int, int]) -> int | None:
        total, seen = 0, False
        for m in _DESTROY.finditer(a.text[clause[0]:clause[1]]):
            for c in find_counts(m.group("objs")):
                if c.value:
                    total += c.value
                    seen = True
        return total if seen else None

    def _victims(self, a: _Analysis, ctx: _Context) -> list[tuple[Count, bool]]:
        """(count, is_civilian) for counts of people killed in the sentence."""
        if not _KILL.search(a.text):
            return []
        civilian_context = bool(_CIVILIAN_WORD.search(a.text + " " + ctx.previous_text))
        out = []
        for c in a.counts:
            if c.text.lower() in one_words():
                continue
            m = self._victim.match(a.text[c.end:])
            if not m or any(c.end < o.start < c.end + m.start("noun") for o in a.counts):
                continue  # the noun belongs to a later figure
            group = self.cues.victims.get(m.group("noun").lower(), "combatant")
            out.append((c, civilian_context if group == "ambiguous" else group == "civilian"))
        return out

    @staticmethod
    def _share_match(a: _Analysis) -> re.Match[str] | None:
        """ "45 percent of", also with a closing quote between ("45 percent," of Raqqa)."""
        for m in _SHARE.finditer(a.text):
            if _SHARE_OF_GROUND.match(a.text, m.end()) and 0 < float(m.group("num")) <= 100:
                return m
        return None

    def _share(self, a: _Analysis) -> float | None:
        m = self._share_match(a)
        return float(m.group("num")) if m else None

    def _controller(self, a: _Analysis, agent: ActorMention | None) -> str:
        """Who holds the place: "under X control", else the doer of the capture in its clause, else unknown."""
        m = _UNDER_CONTROL.search(a.text)
        if m:
            found = self.actors.find(m.group("who"))
            if found:
                return found[0].actor.canonical
        return agent.actor.canonical if agent else ""

    @staticmethod
    def _other_side(a: _Analysis, agent: ActorMention | None) -> str:
        """The first armed actor in the sentence on another side than the one that left, else unknown."""
        side = agent.actor.side if agent else None
        for m in a.actors:
            if m.actor.role != "claimant" and m.actor.side != side:
                return m.actor.canonical
        return ""

    @staticmethod
    def _agent(cue: CueMention, a: _Analysis, clause: tuple[int, int]) -> ActorMention | None:
        """The doer of the cue's action in its clause: the agent of a passive ("taken by X", "fell to X"), else the
        nearest actor before the cue that is neither supporting ("backed by X") nor acted upon ("fought X")."""
        doers = [m for m in a.actors if m.actor.role != "claimant" and clause[0] <= m.start < clause[1]]
        passive = _PASSIVE_CUE.search(cue.cue.phrase) or _BY_AGENT.match(a.text, cue.end)
        if passive:
            after = [m for m in doers if m.start >= cue.end and m.start - cue.end <= 30]
            if after:
                return after[0]
        # a clause without its own subject shares the sentence's ("X retook A, and B was secured")
        earlier = [m for m in doers if m.end <= cue.start] or [
            m for m in a.actors if m.actor.role != "claimant" and m.end <= cue.start]
        for m in reversed(earlier):
            before = a.text[max(0, m.start - 40):m.start]
            if _SUPPORT_BEFORE.search(before) or _OBJECT_BEFORE.search(before):
                continue
            return m
        return None

    def _actors_for(self, cue: CueMention, a: _Analysis, ctx: _Context,
                    agent: ActorMention | None) -> tuple[str, str]:
        agents = [m for m in a.actors if m.actor.side != "is" and m.actor.role != "claimant"]
        targets = [m for m in a.actors if m.actor.side == "is"]
        if agent is not None and agent.actor.side == "is":  # the jihadists did it: the other side is the target
            others = [m for m in agents if m.actor.side != "is"]
            return agent.actor.canonical, others[0].actor.canonical if others else ""
        before = [m for m in agents if m.end <= cue.start]
        actor1 = (before[-1] if before else agents[0]).actor.canonical if agents else ctx.actor1
        if agent is not None:
            actor1 = agent.actor.canonical
        actor2 = targets[0].actor.canonical if targets else ctx.actor2
        if actor1 == actor2:
            actor2 = ""
        return actor1, actor2

    def _date_for(self, a: _Analysis, ctx: _Context, doc: Document) -> tuple[DateSpan, bool]:
        """Own date, else the date carried down from a header or lead, else the week before publication."""
        span, given = self._event_date(a)
        if given:
            return span, False
        if ctx.date is not None:
            return ctx.date, True
        if doc.date is not None:
            return DateSpan(doc.date - timedelta(days=6), doc.date, "week"), True
        return DateSpan(None, None, "unknown"), True

    def extract(self, doc: Document) -> list[Event]:
        sentences = split_sentences(doc.text)
        mentions = self.geocoder.find_mentions(doc.text)
        ctx = _Context()
        title_and_lead = [s for s in sentences[:6]]
        cache: dict = {}
        events: list[Event] = []
        known: dict[str, str] = {}  # surname -> "Title Name, Organisation" of people quoted so far
        analyses = [self._analyse(s, doc, mentions, known) for s in sentences]
        ctx.doc_claimant = self._doc_claimant(analyses) or self._source_claimant(doc)
        for a in analyses[:len(title_and_lead)]:
            for c in self._sentence_countries(a):
                if c not in ctx.doc_countries:
                    ctx.doc_countries += (c,)
        if doc.title:
            for _, _, c in self.countries.find(doc.title):
                if c not in ctx.doc_countries:
                    ctx.doc_countries += (c,)
        lead_end = title_and_lead[-1].end if title_and_lead else 0
        ctx.near = self._lead_places(doc.text, [m for m in mentions if m.start < lead_end], ctx.doc_countries)
        for a in analyses:
            self._update_context(ctx, a)
            events.extend(self._events_for(a, ctx, doc, cache))
            ctx.previous_text = a.text
        return _dedupe(events)

    def _event_cues(self, a: _Analysis, victims: list[tuple[Count, bool]], ctx: _Context) -> list[CueMention]:
        """The sentence's cues plus cues implied by its figures: civilians killed, fighters killed, a share held."""
        origins = [m.span() for m in _ORIGIN.finditer(a.text)  # "had fled X over the past week" is still news,
                   if not any(m.start() <= d.start < m.end() for d in a.dates if not d.reporting)  # and so is
                   and not any(0 <= m.start() - c.end <= 40 for c in a.counts)]  # "25,000 people had fled X"
        cues = [c for c in a.cues if not any(o_start <= c.start < o_end for o_start, o_end in origins)
                and c.cue.phrase != SHARE_CUE]  # a share counts only when it is of ground: added below
        # "Others moved to X" after a sentence about the displaced: the people are named one sentence earlier
        people = _DISPLACED_PEOPLE.search(a.text) or (not a.actors and _DISPLACED_PEOPLE.search(ctx.previous_text))
        cues = [c for c in cues if c.cue.event_type != "displacement" or people]
        remote = {"airstrike", "artillery"}
        if any(c.cue.event_type in remote for c in cues) or any(
                c.cue.event_type in remote for c in self._live_cues(ctx.previous_text)):
            # "the blast" next to a strike is the strike's effect; "displaced families" are whom it hit
            cues = [c for c in cues if c.cue.sub_event_type != GENERIC_BLAST and not (
                c.cue.event_type == "displacement" and _PEOPLE_AFTER.match(a.text[c.end:c.end + 30]))]
        types = {c.cue.event_type for c in cues}
        civilian = [v for v in victims if v[1]]
        if civilian and "civilian_harm" not in types and "explosion" not in types:  # a bomb's toll stays on it
            cues.append(CueMention(civilian[0][0].start, civilian[0][0].end, self.cues.implied["civilian_figure"]))
        if not types & VIOLENT_TYPES:
            combat = self._combat_death.search(a.text)
            fighters = [c for c, is_civ in victims if not is_civ]
            if combat or fighters:
                start, end = (combat.start(), combat.end()) if combat else (fighters[0].start, fighters[0].end)
                # fighters killed with no other violent cue: a clash
                cues.append(CueMention(start, end, self.cues.implied["combat_death"]))
        violent = [c for c in cues if c.cue.event_type in VIOLENT_TYPES]
        if (a.hedging in ("denied", "alleged") and violent and "civilian_harm" not in types
                and _CIVILIAN_WORD.search(a.text)):  # a denied or alleged attack on civilians is a harm claim
            cues.append(CueMention(violent[0].start, violent[0].end, self.cues.implied["contested_harm"]))
        share = self._share_match(a)
        if share is not None and "territorial_change" not in types and SHARE_CUE in self.cues.cues:
            cues.append(CueMention(share.start(), share.end(), self.cues.cues[SHARE_CUE]))
        return cues

    def _events_for(self, a: _Analysis, ctx: _Context, doc: Document, cache: dict) -> list[Event]:
        victims = self._victims(a, ctx)
        cues = self._event_cues(a, victims, ctx)
        span, inherited = self._date_for(a, ctx, doc)
        if not inherited and _background(span, doc):
            cues = [c for c in cues if c.cue.event_type == "civilian_harm"]
        if not cues:
            return []
        clauses = self._clauses(a.text)
        strongest: dict[tuple[str, int], tuple[CueMention, tuple[int, int]]] = {}
        for c in cues:  # the strongest cue of each type in each clause
            i, clause = next(((i, cl) for i, cl in enumerate(clauses) if cl[0] <= c.start < cl[1] + 1),
                             (0, (0, len(a.text))))
            key = (c.cue.event_type, i)
            if key not in strongest or c.cue.strength > strongest[key][0].cue.strength:
                strongest[key] = (c, clause)
        countries = self._sentence_countries(a) or ctx.section_countries or ctx.doc_countries
        local_countries = countries if self._sentence_countries(a) or len(countries) == 1 else ()
        has_civilian_figure = any(is_civ for _, is_civ in victims)
        out: list[Event] = []
        used: set[tuple[str, int]] = set()
        for (etype, _), (cue, clause) in sorted(strongest.items(), key=lambda kv: kv[1][0].start):
            places = [p for p in self._places_for(cue, a, clause) if (etype, p.start) not in used]
            if cue.cue.phrase in _DIRECT_OBJECT:  # "took Tabqa", not "took part"
                places = [p for p in places if p.start >= cue.end and _OBJECT_GAP.fullmatch(a.text[cue.end:p.start])]
                if not places:
                    continue
            if not places and (etype not in COUNTRY_LEVEL_OK or (etype == "civilian_harm" and not has_civilian_figure)):
                continue  # a country-level claim needs a figure; talk of "civilian casualties" is not an event
            for place in places or [None]:
                # a campaign-wide toll may stand for "Iraq and Syria"; "Syria and Turkey" from the headline is no
                # place for a local event
                where = countries if etype == "civilian_harm" else local_countries
                ev = self._build(etype, cue, place, a, ctx, doc, span, inherited, clause, victims, where, cache)
                if ev is not None:
                    out.append(ev)
                    if place is not None:
                        used.add((etype, place.start))
        return out

    def _build(self, etype: str, cue: CueMention, place: PlaceSpan | None, a: _Analysis, ctx: _Context,
               doc: Document, span: DateSpan, inherited: bool, clause: tuple[int, int],
               victims: list[tuple[Count, bool]], countries: tuple[Country, ...], cache: dict) -> Event | None:
        agent = self._agent(cue, a, clause)
        actor1, actor2 = self._actors_for(cue, a, ctx, agent)
        claimant = self._claimant_for(a, ctx)
        s = a.sentence
        ev = Event(
            event_type=etype, sub_event_type=cue.cue.sub_event_type, acled_event_type=cue.cue.acled_event_type,
            acled_sub_event_type=cue.cue.acled_sub_for(self._is_state(actor1)),
            event_date=span.start, date_end=span.end, date_precision=span.precision, place_text="",
            doc_id=doc.doc_id, evidence=a.text, evidence_start=s.start, evidence_end=s.end,
            actor1=actor1, actor2=actor2, claimant=claimant, hedging=a.hedging,
            source_title=doc.title, source_url=doc.url, source_path=doc.source_path, doc_date=doc.date)
        if place is not None:
            self._place(ev, place, countries if not place.country else (place.country,), ctx, cache)
        else:
            self._country_place(ev, countries)
            if not ev.place_text:
                return None
        if etype in ("airstrike", "artillery"):
            ev.strikes = self._strikes(a, clause)
            ev.targets_destroyed = self._destroyed(a, clause)
        for count, is_civ in victims:
            if is_civ and etype == "civilian_harm":
                ev.civilians_killed_min, ev.civilians_killed_max = count.min, count.max
                break
            if is_civ and etype == "explosion" and ev.civilians_killed_min is None:
                ev.civilians_killed_min, ev.civilians_killed_max = count.min, count.max
                continue
            if not is_civ and etype in VIOLENT_TYPES:
                ev.killed_min, ev.killed_max = count.min, count.max
                break
        if etype == "displacement":
            people = [c for c in a.counts if _PEOPLE_AFTER.match(a.text[c.end:])]
            if people and people[0].value:
                ev.extra["people"] = people[0].value
                rate = self._rate.match(a.text[people[0].end:])
                if rate:
                    ev.extra["people_per_" + self.cues.rates[rate.group("rate").lower()]] = people[0].value
        if etype == "territorial_change":
            ev.share_percent = self._share(a)
            ev.controller = self._controller(a, agent)
            if cue.cue.sub_event_type == LOSS_SUB_TYPE:  # "X withdrew from": the place goes to the other side
                ev.controller = self._other_side(a, agent)
        if place is not None and place.cue:
            ev.extra["place_cue"] = place.cue
        if inherited:
            ev.extra["date_inherited"] = True
        ev.confidence = _confidence(ev, cue.cue.strength, inherited)
        ev.summary = make_summary(ev)
        return ev

    def _claimant_for(self, a: _Analysis, ctx: _Context) -> str:
        """The sentence's own attribution, else its bullet list's lead, else the document's issuing body.

        Only a continuation ("he said", "It added", a sentence opening with "They") carries the last claimant on;
        "residents said" is a source of its own that we cannot name, so it does not.
        """
        if a.claimant:
            return a.claimant
        if a.sentence.kind == "bullet":
            return ctx.lead_claimant or ctx.doc_claimant
        if ctx.claimant and self._continuation.search(a.text):
            return ctx.claimant
        return ctx.doc_claimant

    def _is_state(self, actor: str) -> bool:
        found = self.actors.lookup(actor) if actor else None
        return bool(found and found.is_state)

    def _place(self, ev: Event, place: PlaceSpan, countries: tuple[Country, ...], ctx: _Context,
               cache: dict) -> None:
        ev.place_text = place.text
        res = self._resolve(place, countries, ctx, cache)
        _apply_resolution(ev, res)

    @staticmethod
    def _country_place(ev: Event, countries: tuple[Country, ...]) -> None:
        """Country- or region-level place for aggregate claims ("in Iraq and Syria"), from countries.csv centroids."""
        if not countries:
            return
        ev.place_text = " and ".join(c.name for c in countries)
        ev.country = countries[0].code
        ev.extra["countries"] = [c.code for c in countries]
        ev.latitude = round(sum(c.lat for c in countries) / len(countries), 4)
        ev.longitude = round(sum(c.lon for c in countries) / len(countries), 4)
        ev.geocode_score = 0.9
        ev.geo_precision = "country" if len(countries) == 1 else "region"
        ev.geocode_reason = "country centroid" if len(countries) == 1 else "centroid of " + ev.place_text


def _background(span: DateSpan, doc: Document) -> bool:
    """An own date given only as a month or year, well before the document's date, is history, not news."""
    if doc.date is None or span.end is None or span.precision not in BACKGROUND_PRECISIONS:
        return False
    return (doc.date - span.end).days > BACKGROUND_DAYS


def _lat(r: Resolution) -> float:
    return r.lat if r.lat is not None else r.place.lat


def _lon(r: Resolution) -> float:
    return r.lon if r.lon is not None else r.place.lon


def _apply_resolution(ev: Event, res: Resolution) -> None:
    ev.geocode_score = round(res.score, 3)
    ev.geocode_reason = res.reason
    ev.geo_precision = res.precision
    if res.place is None:
        return
    ev.place_name = res.place.name
    ev.country = res.place.country
    ev.admin1 = res.place.admin1
    ev.gazetteer_id = res.place.gid
    ev.latitude, ev.longitude = _lat(res), _lon(res)
    if res.relation:
        ev.extra["relation"] = res.relation


def _confidence(ev: Event, cue_strength: float, inherited: bool) -> float:
    """Blend of cue strength, geocode score, date precision; scaled down for hedged or denied claims."""
    geo = ev.geocode_score if ev.latitude is not None and ev.geocode_score is not None else 0.2
    if ev.geo_precision in ("country", "region"):
        geo *= 0.7
    when = DATE_WEIGHT.get(ev.date_precision, 0.5) * (0.9 if inherited else 1.0)
    score = (0.35 * cue_strength + 0.4 * geo + 0.25 * when) * HEDGE_FACTOR.get(ev.hedging, 1.0)
    return round(max(0.0, min(1.0, score)), 3)


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per merge key and claimant within a document: the first report, at the best confidence of all.

    Two claimants reporting the same event stay two claims (the store merges them into one event with both claims).
    """
    best: dict[tuple, Event] = {}
    for ev in events:
        key = (ev.event_id, ev.claimant) + ((ev.evidence_start,) if ev.event_type == "airstrike" else ())
        if key not in best:
            best[key] = ev
        elif ev.confidence > best[key].confidence:  # the first report keeps its evidence, and the best confidence
            best[key].confidence = ev.confidence
    return list(best.values())


_DEFAULT: Extractor | None = None


def extract_document(doc: Document, geocoder: Geocoder | None = None) -> list[Event]:
    """Events of one document, geocoded, with summary, confidence and provenance filled in."""
    global _DEFAULT
    if geocoder is not None:
        return Extractor(geocoder).extract(doc)
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(doc)

