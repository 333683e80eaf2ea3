"""Time the store with synthetic events: add_document throughput and events_frame() on a large store.

    python bench/bench_store.py                 # 100,000 events in a temporary SQLite file
    python bench/bench_store.py --events 20000 --db postgresql+psycopg://user@host/db
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.model import EVENT_TYPES, Document, Event  # noqa: E402
from events.store import Store  # noqa: E402

PLACES = [("Mosul", 36.335, 43.119, "IQ"), ("Raqqa", 35.953, 39.009, "SY"), ("Hawija", 35.325, 43.767, "IQ"),
          ("Abu Kamal", 34.453, 40.918, "SY"), ("Fallujah", 33.349, 43.784, "IQ"), ("Hajin", 34.697, 40.829, "SY")]


def synthetic_document(n: int, per_doc: int, rng: random.Random) -> tuple[Document, list[Event]]:
    """One made-up dispatch with `per_doc` distinct events (ids differ by day, place and type)."""
    doc = Document(doc_id=f"bench{n:08d}", text=f"Synthetic dispatch {n}. " * 20, title=f"Dispatch {n}",
                   date=date(2014, 8, 1) + timedelta(days=n % 1800), source="bench")
    found = []
    for k in range(per_doc):
        place, lat, lon, cc = PLACES[rng.randrange(len(PLACES))]
        day = doc.date - timedelta(days=k)
        found.append(Event(
            event_type=EVENT_TYPES[(n + k) % len(EVENT_TYPES)], sub_event_type="", acled_event_type="",
            acled_sub_event_type="", event_date=day, date_end=None, date_precision="day",
            place_text=f"{place} sector {n % 997}", doc_id=doc.doc_id, evidence=f"Sentence {k} of dispatch {n}.",
            evidence_start=0, evidence_end=20, actor1="Coalition", claimant="CJTF-OIR", place_name=place,
            country=cc, latitude=lat + rng.uniform(-0.2, 0.2), longitude=lon + rng.uniform(-0.2, 0.2),
            geo_precision="place", geocode_score=0.95, gazetteer_id=f"bench:{n}:{k}", strikes=rng.randint(1, 9),
            summary=f"Synthetic event {k}", confidence=0.7, doc_date=doc.date,
        ))
    return doc, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--per-doc", type=int, default=10)
    parser.add_argument("--db", help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite'}", geocoder=None)
        rng = random.Random(7)
        n_docs = args.events // args.per_doc
        start = time.perf_counter()
        for n in range(n_docs):
            store.add_document(*synthetic_document(n, args.per_doc, rng))
        ingest = time.perf_counter() - start
        print(f"add_document: {n_docs} documents / {store.counts()['events']} events in {ingest:.1f} s "
              f"({n_docs / ingest:.0f} docs/s)")
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            frame = store.events_frame()
            timings.append(time.perf_counter() - start)
        print(f"events_frame: {len(frame)} rows, best {min(timings):.2f} s, worst {max(timings):.2f} s")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
