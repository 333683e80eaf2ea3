"""Conflict Map: Streamlit wiring only. Logic lives in view/ (UI helpers) and events/ + geo/ (pipeline)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from events.model import EVENT_TYPES
from view import detail as detail_view
from view.export_names import export_bytes, export_filename
from view.filters import apply_filters, options_for
from view.folium_map import DEFAULT_CENTER, DEFAULT_ZOOM, build_map, selection_layer
from view.map_view import ViewSync, unmoved, view_of
from view.preload import preload_at_start
from view.store_cache import (
    FILL_LOCK,
    clear_frame_cache,
    control_layer,
    get_geocoder,
    get_store,
    load_frame,
    resolve_query_ids,
    start_geocoder_warmup,
)
from view.styles import load_styles
from view.timeline import initial_window, shift_window
from view.url_state import Options, ViewState, parse_params, share_url, to_params

TABLE_COLUMNS = ["event_date", "event_type", "place_name", "place_text", "country", "admin1", "actor1", "actor2",
                 "claimant", "summary", "geo_precision", "confidence", "n_sources", "event_id"]
DETAIL_FACTS = ("event_date", "date_end", "date_precision", "place_text", "place_name", "country", "admin1",
                "geo_precision", "geocode_score", "gazetteer_id", "geocode_reason", "actor1", "actor2", "claimant",
                "confidence")
TABLE_LIMIT = 1_000
PLAY_SECONDS = 2.0
CONTROLS_FALLBACK_SECONDS = 4.0  # draw the controls anyway if the map never reports that it is up


def fill_empty_store() -> None:
    """First start: ingest the bundled sample corpus with visible progress."""
    store = get_store()
    if st.session_state.get("_filled") or store.counts()["documents"]:
        st.session_state["_filled"] = True
        return
    from events.pipeline import ensure_sample_data  # extraction code loads only when it is needed

    # The status first: a second visitor on a fresh store sees it while the first one's ingest holds the lock.
    with st.status("First start: ingesting the bundled sample articles…", expanded=True) as status, FILL_LOCK:
        bar = st.progress(0.0, text="starting")
        get_geocoder()  # loaded under the lock, so a background warm-up never races the pipeline
        def progress(done: int, total: int, label: str) -> None:
            bar.progress(min(done / max(total, 1), 1.0), text=f"{done}/{total} {label}"[:120])

        summary = ensure_sample_data(store, progress=progress)
        if summary is not None:
            failed = f", {summary.failed} files failed" if summary.failed else ""
            status.update(label=f"Sample data ready: {summary.new} articles, {summary.events_added} events{failed}",
                          state="complete", expanded=False)
        elif store.counts()["documents"]:  # another visitor's first start filled the store while this one waited
            status.update(label="Sample data ready.", state="complete", expanded=False)
        else:
            status.update(label="No bundled sample data found: add articles on the Ingest page.", state="error")
    clear_frame_cache()
    st.session_state["_filled"] = True


# ---- map page ---------------------------------------------------------------------------------------------------

def _label_type(event_type: str) -> str:
    style = load_styles().type_style(event_type)
    return f"{style.glyph} {style.label}"


def _seed_widgets(state: ViewState, options: Options) -> None:
    """Copy the URL's view into widget state once per session, so the link restores the view."""
    start, end = initial_window(options.bounds)
    window = (state.date_from or start, state.date_to or end)
    ss = st.session_state
    ss["win_slider"] = window
    ss["win_from"], ss["win_to"] = window
    ss["f_types"] = list(state.types)
    ss["f_actors"] = list(state.actors)
    ss["f_claimants"] = list(state.claimants)
    ss["f_countries"] = list(state.countries)
    ss["f_provinces"] = list(state.provinces)
    ss["f_conf"] = float(state.min_confidence)
    ss["f_undated"] = state.show_undated
    ss["f_unresolved"] = state.show_unresolved
    ss["f_query"] = state.query
    ss["f_heat"] = state.heat
    ss["f_step"] = state.step
    ss["map_center"] = (state.lat, state.lon) if state.lat is not None else None
    ss["map_zoom"] = state.zoom
    ss["map_initial"] = (ss["map_center"], state.zoom)
    ss["map_sync"] = ViewSync()
    ss["selected_event"] = state.event
    ss["_seeded"] = True


def _from_slider() -> None:
    st.session_state["win_from"], st.session_state["win_to"] = st.session_state["win_slider"]


def _from_inputs() -> None:
    start, end = st.session_state["win_from"], st.session_state["win_to"]
    if start > end:
        start, end = end, start
    st.session_state["win_slider"] = (start, end)


def _step(direction: int, bounds: tuple[date, date]) -> None:
    start, end = st.session_state["win_slider"]
    window = shift_window(start, end, st.session_state["f_step"], direction, bounds)
    st.session_state["win_slider"] = window
    st.session_state["win_from"], st.session_state["win_to"] = window


def _start_play() -> None:
    st.session_state["_last_tick"] = time.monotonic()


def sidebar_filters(frame: pd.DataFrame, options: Options) -> ViewState:
    bounds = options.bounds
    sb = st.sidebar
    sb.header("Filters")
    if bounds and bounds[0] < bounds[1]:
        if st.session_state.pop("_advance", False) and st.session_state.get("f_play"):
            before = st.session_state["win_slider"]
            _step(1, bounds)
            st.session_state["f_play"] = st.session_state["win_slider"] != before  # stop at the end
        sb.slider("Date range", min_value=bounds[0], max_value=bounds[1], key="win_slider", on_change=_from_slider)
        left, right = sb.columns(2)
        left.date_input("From", min_value=bounds[0], max_value=bounds[1], key="win_from", on_change=_from_inputs)
        right.date_input("To", min_value=bounds[0], max_value=bounds[1], key="win_to", on_change=_from_inputs)
        step_cols = sb.columns([1, 1, 1.2])
        step_cols[0].button("◀", help="Move the window back", on_click=_step, args=(-1, bounds), key="step_back")
        step_cols[1].button("▶", help="Move the window forward", on_click=_step, args=(1, bounds), key="step_fwd")
        step_cols[2].radio("Step", ["week", "month"], key="f_step", horizontal=True, label_visibility="collapsed")
        sb.toggle("Play through time", key="f_play", on_change=_start_play)
        if st.session_state.get("f_play"):
            _play()
    sb.multiselect("Event types", list(EVENT_TYPES), key="f_types", format_func=_label_type)
    sb.multiselect("Actors", sorted(options.actors or ()), key="f_actors")
    sb.multiselect("Claimants", sorted(options.claimants or ()), key="f_claimants")
    sb.multiselect("Countries", sorted(options.countries or ()), key="f_countries")
    sb.multiselect("Provinces", sorted(options.provinces or ()), key="f_provinces")
    sb.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="f_conf")
    sb.toggle("Show undated events", key="f_undated")
    sb.toggle("Show unresolved places (table only)", key="f_unresolved")
    sb.text_input("Search (place, alias or text)", key="f_query", max_chars=200,
                  help='Place aliases work: "Ain Issa" also finds events placed at "Ayn Isa".')
    sb.toggle("Heat map layer", key="f_heat")
    return view_from_session()


def view_from_session() -> ViewState:
    """The view the widgets (or, before they are drawn, the URL seeding) hold in session state."""
    ss = st.session_state
    window = ss.get("win_slider") or (None, None)
    center = ss.get("map_center")
    return ViewState(
        date_from=window[0], date_to=window[1], types=tuple(ss["f_types"]), actors=tuple(ss["f_actors"]),
        claimants=tuple(ss["f_claimants"]), countries=tuple(ss["f_countries"]), provinces=tuple(ss["f_provinces"]),
        min_confidence=float(ss["f_conf"]), show_undated=bool(ss["f_undated"]),
        show_unresolved=bool(ss["f_unresolved"]), query=" ".join(str(ss["f_query"]).split()),
        lat=center[0] if center else None, lon=center[1] if center else None, zoom=ss.get("map_zoom"),
        event=ss.get("selected_event") or "", heat=bool(ss["f_heat"]), step=ss["f_step"],
    )


def controls_drawn() -> bool:
    return bool(st.session_state.get("_controls_drawn"))


def draw_controls() -> None:
    """Second stage of a session's first page: filters, table and share box, once the map is on screen."""
    st.session_state["_controls_drawn"] = True
    st.rerun(scope="app")


def _controls_fallback() -> None:
    """If the map never reports (its scripts failed to load), the controls still come after a few seconds."""

    @st.fragment(run_every=CONTROLS_FALLBACK_SECONDS)
    def waiter() -> None:
        if st.session_state.get("_controls_waited"):
            draw_controls()
        st.session_state["_controls_waited"] = True

    with st.sidebar:
        st.caption("Filters load as soon as the map is drawn.")
        waiter()


def _play() -> None:
    """While playing, a timed fragment asks for one step per tick; the step happens before widgets are drawn."""

    @st.fragment(run_every=PLAY_SECONDS)
    def ticker() -> None:
        now = time.monotonic()
        if now - st.session_state.get("_last_tick", 0.0) >= PLAY_SECONDS * 0.9:
            st.session_state["_last_tick"] = now
            st.session_state["_advance"] = True
            st.rerun(scope="app")

    with st.sidebar:
        ticker()


def _base_url() -> str:
    try:
        url = st.context.url or ""
    except AttributeError:
        url = ""
    return url.split("?", 1)[0] or "http://localhost:8501/"


def show_detail(event_id: str) -> None:
    info = get_store().event_detail(event_id)
    if info is None:
        st.info("The selected event is not in the store (it may have been merged or removed).")
        return
    event = info["event"]
    place = detail_view.md_escape(event.get("place_name") or event.get("place_text"))
    st.subheader(f"{_label_type(str(event.get('event_type')))} · {place}")
    st.markdown(detail_view.md_escape(event.get("summary")))
    st.markdown("**Evidence**")
    st.text(str(event.get("evidence") or ""))
    st.dataframe(detail_view.facts_frame(event, DETAIL_FACTS), hide_index=True)
    left, right = st.columns(2)
    left.markdown(f"**Sources ({len(info['sources'])})**")
    left.dataframe(detail_view.sources_frame(info), hide_index=True,
                   column_config={"url": st.column_config.LinkColumn("url")})
    right.markdown(f"**Claims ({len(info['claims'])})**")
    right.dataframe(detail_view.claims_frame(info), hide_index=True)
    st.caption("Permalink to this event")
    st.code(share_url(_base_url(), {"event": event_id}), language=None)


@st.fragment
def map_section(filtered: pd.DataFrame, state: ViewState, options: Options) -> None:
    """Map, table and detail re-run on their own (a fragment) when the map moves or a row is picked."""
    ss = st.session_state
    control = control_layer(get_store().url, state.date_to)
    center = ss.get("map_center")
    initial_center, initial_zoom = ss.get("map_initial", (None, None))  # fixed, so panning never rebuilds the map
    fmap, stats = build_map(filtered, center=initial_center, zoom=initial_zoom, heat=state.heat, control=control,
                            permalink_base=_base_url())
    noun = "event" if stats.points == 1 else "events"
    st.caption(f"{stats.points:,} {noun} on the map ({'clustered' if stats.tier == 'cluster' else 'individual'} "
               "markers). Click a marker or a table row for the full record; a dashed black ring marks it.")
    # Imported inside a session: streamlit-folium registers its component only with a running script, and the
    # server imports this file once before any session exists (see the bottom of this file).
    from streamlit_folium import st_folium

    result = st_folium(fmap, key="map", height=560, use_container_width=True,
                       returned_objects=["last_object_clicked", "center", "zoom"],
                       center=center, zoom=ss.get("map_zoom"),
                       feature_group_to_add=selection_layer(filtered, ss.get("selected_event") or ""))
    if not controls_drawn():  # first page of the session: the map alone, then everything else
        if view_of(result) is not None:  # the map is up and has reported its view
            draw_controls()
        return
    sync = ss.setdefault("map_sync", ViewSync())
    moved = sync.on_report(result)  # None for stale reports and for ones sent before a row was picked
    if moved and unmoved(moved, (initial_center or DEFAULT_CENTER, initial_zoom or DEFAULT_ZOOM)):
        ss["map_center"], ss["map_zoom"] = initial_center, initial_zoom  # the link keeps the default view out
    elif moved:
        ss["map_center"], ss["map_zoom"] = moved
    if result:
        clicked = result.get("last_object_clicked")
        if clicked and clicked != ss.get("_last_click"):
            ss["_last_click"] = clicked
            event_id = detail_view.nearest_event(filtered, clicked["lat"], clicked["lng"])
            if event_id and event_id != ss.get("selected_event"):
                ss["selected_event"] = event_id
                st.rerun(scope="fragment")  # draws the selection ring; the map itself is not rebuilt

    table = filtered.head(TABLE_LIMIT).reindex(columns=TABLE_COLUMNS)
    if len(filtered) > TABLE_LIMIT:
        st.caption(f"Table shows the first {TABLE_LIMIT:,} of {len(filtered):,} rows; the downloads have all of them.")
    filters_only = replace(state, lat=None, lon=None, zoom=None, event="", heat=False)
    table_key = "events_table_" + hashlib.sha1(repr(filters_only).encode()).hexdigest()[:12]  # no stale selection
    selection = st.dataframe(table, key=table_key, on_select="rerun", selection_mode="single-row",
                             hide_index=True, height=320,
                             column_config={"confidence": st.column_config.NumberColumn(format="%.2f"),
                                            "event_date": st.column_config.DateColumn("date")})
    rows = selection.selection.rows if selection else []
    picked = str(table.iloc[rows[0]]["event_id"]) if rows and rows[0] < len(table) else ""
    if picked and picked != ss.get("_last_table_pick"):
        ss["_last_table_pick"] = picked
        ss["selected_event"] = picked
        row = filtered.iloc[rows[0]]
        if pd.notna(row["latitude"]):
            ss["map_center"] = (round(float(row["latitude"]), 4), round(float(row["longitude"]), 4))
            ss["map_zoom"] = max(int(ss.get("map_zoom") or 0), 10)
            sync.app_set((ss["map_center"], ss["map_zoom"]))
        st.rerun(scope="fragment")

    final = replace(state, lat=(ss.get("map_center") or (None, None))[0], lon=(ss.get("map_center") or (None, None))[1],
                    zoom=ss.get("map_zoom"), event=ss.get("selected_event") or "")
    st.query_params.from_dict(to_params(final, options))
    st.markdown("**Share this view** (copy with the button at the right)")
    st.code(share_url(_base_url(), to_params(final, options)), language=None)
    if final.event:
        show_detail(final.event)


def map_page() -> None:
    if not st.get_option("server.enableStaticServing"):
        st.error("The map needs Streamlit's static file serving for its bundled Leaflet files: start the app from "
                 "the repository folder (it has .streamlit/config.toml) or add --server.enableStaticServing true.")
    with st.container():  # fixed slots above the map: an element appearing there would make the map reload
        fill_empty_store()
    store = get_store()
    frame = load_frame(store.url)
    options = options_for(frame)
    if not st.session_state.get("_seeded"):
        parsed = parse_params({k: st.query_params.get_all(k) for k in st.query_params}, options)
        _seed_widgets(parsed.state, options)
        st.session_state["_url_notices"] = (
            [("warning", f"Ignored an invalid URL parameter: `{name}`") for name in parsed.ignored]
            + [("info", f"The link's date {text}.") for text in parsed.moved])
    with st.container():
        notices = st.session_state.get("_url_notices", [])
        if controls_drawn():  # kept until the complete page has shown them once
            st.session_state.pop("_url_notices", None)
        for kind, text in notices:
            (st.warning if kind == "warning" else st.info)(text)
    if controls_drawn():
        state = sidebar_filters(frame, options)
    else:  # the map goes out first; the widgets would compete with it for the browser's one main thread
        _controls_fallback()
        state = view_from_session()
    ids = resolve_query_ids(state.query) if state.query else ()
    filtered = apply_filters(frame, state, ids)
    st.title("Conflict Map")
    st.markdown(f"**{len(filtered):,}** of {len(frame):,} events match the filters")
    down = st.columns(3)  # drawn in both stages (a fixed slot); the buttons come with the controls
    if controls_drawn():
        down[0].download_button("Download CSV", data=lambda: export_bytes(filtered, "csv"), mime="text/csv",
                                file_name=export_filename(state.date_from, state.date_to, "csv"), key="dl_csv",
                                on_click="ignore")
        down[1].download_button("Download GeoJSON", data=lambda: export_bytes(filtered, "geojson"),
                                mime="application/geo+json",
                                file_name=export_filename(state.date_from, state.date_to, "geojson"),
                                key="dl_geojson", on_click="ignore")
    map_section(filtered, state, options)
    if controls_drawn():  # not while the first map is being drawn
        start_geocoder_warmup(store.url)


# ---- review and ingest pages ------------------------------------------------------------------------------------

def review_page() -> None:
    fill_empty_store()
    store = get_store()
    st.title("Review geocoding")
    get_geocoder()  # under the lock: the background warm-up may be loading it right now
    done = st.session_state.pop("_review_done", None)
    if done:  # shown after the rerun that refreshed the table
        st.success(done)
    max_score = st.slider("Show names scored below", 0.0, 1.0, 0.9, 0.05)
    names = store.review_names(max_score)
    if names.empty:
        st.success("Every place name is resolved above that score.")
        return
    st.caption(f"{len(names)} place names need a look. Pick one, then choose a candidate or type coordinates.")
    shown = names.drop(columns=["candidates"]).copy()
    shown["n_candidates"] = names["candidates"].map(len)
    table_key = f"review_table_{st.session_state.get('_review_round', 0)}"  # a new key after each correction
    pick = st.dataframe(shown, key=table_key, on_select="rerun", selection_mode="single-row", hide_index=True)
    rows = pick.selection.rows if pick else []
    if not rows:
        return
    row = names.iloc[rows[0]]
    st.subheader(f"“{detail_view.md_escape(row['place_text'])}” ({int(row['n_events'])} events)")
    st.caption("Where the name occurs (the sentence often says where the place is: \"north of Manbij\")")
    st.dataframe(detail_view.name_context(load_frame(store.url), str(row["place_text"])), hide_index=True,
                 column_config={"event_date": st.column_config.DateColumn("date"),
                                "evidence": st.column_config.TextColumn("evidence", width="large")})
    candidates = list(row["candidates"] or [])
    labels = ["(type coordinates)"] + [
        f"{c.get('name')} · {c.get('admin1') or ''} {c.get('country') or ''} · {c.get('feature')} · "
        f"score {c.get('score')} · {c.get('gazetteer_id')}" for c in candidates]
    choice = st.radio("Candidate", range(len(labels)), format_func=lambda i: labels[i], key=f"cand_{rows[0]}")
    lat = lon = None
    if choice == 0:
        c1, c2 = st.columns(2)
        lat = c1.number_input("Latitude", -90.0, 90.0, value=None, format="%.5f")
        lon = c2.number_input("Longitude", -180.0, 180.0, value=None, format="%.5f")
    note = st.text_input("Note (optional)", max_chars=200)
    if st.button("Apply correction", type="primary"):
        try:
            if choice == 0:
                if lat is None or lon is None:
                    st.error("Type both latitude and longitude, or choose a candidate.")
                    return
                updated = store.set_override(str(row["place_text"]), lat=lat, lon=lon, note=note)
            else:
                updated = store.set_override(str(row["place_text"]),
                                             gazetteer_id=str(candidates[choice - 1]["gazetteer_id"]), note=note)
        except ValueError as exc:
            st.error(f"Correction refused: {exc}")
            return
        clear_frame_cache()
        resolve_query_ids.clear()
        noun = "event" if updated == 1 else "events"
        st.session_state["_review_done"] = (f"Correction stored; {updated} {noun} updated "
                                            f"(“{detail_view.md_escape(row['place_text'])}”).")
        st.session_state["_review_round"] = st.session_state.get("_review_round", 0) + 1
        st.rerun()


def ingest_page() -> None:
    fill_empty_store()
    st.title("Ingest articles")
    st.caption("Text (.txt, optional Title:/URL:/Date: header), saved pages (.html) or tables (.jsonl, .csv with "
               "text/title/url/date fields). Re-ingesting the same article adds nothing.")
    files = st.file_uploader("Articles", type=["txt", "html", "htm", "jsonl", "csv"], accept_multiple_files=True)
    if not files or not st.button("Ingest", type="primary"):
        return
    from events.pipeline import ingest_uploads

    with st.spinner(f"Extracting events from {len(files)} files…"):
        summary = ingest_uploads([(f.name, f.getvalue()) for f in files], get_store(), geocoder=get_geocoder())
    clear_frame_cache()
    cols = st.columns(5)
    for col, (label, value) in zip(cols, [("new", summary.new), ("skipped", summary.skipped),
                                          ("failed", summary.failed), ("events added", summary.events_added),
                                          ("events merged", summary.events_merged)], strict=True):
        col.metric(label, value)
    st.dataframe(pd.DataFrame([{"file": r.path, "status": r.status, "events": r.events, "reason": r.reason}
                               for r in summary.files]), hide_index=True,
                 column_config={"reason": st.column_config.TextColumn("reason", width="large")})
    if summary.events_added or summary.events_merged:
        st.page_link(pages[0], label="See the new events on the map", icon=":material/map:")


if __name__ == "__main__":  # Streamlit runs this file as every session's page script
    # Material icons come with Streamlit's own fonts; emoji need a colour-emoji font the browser may lack.
    st.set_page_config(page_title="Conflict Map", page_icon=":material/map:", layout="wide")
    pages = [st.Page(map_page, title="Map", icon=":material/map:", default=True),
             st.Page(review_page, title="Review geocoding", icon=":material/explore:", url_path="review"),
             st.Page(ingest_page, title="Ingest", icon=":material/upload_file:", url_path="ingest")]
    st.navigation(pages).run()
else:  # `streamlit run app.py` finds this ASGI entry, imports the file once and reads the store before any visit
    app = st.App(__file__, lifespan=preload_at_start)
