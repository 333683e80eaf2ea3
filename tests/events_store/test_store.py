"""The store keeps documents, merged events, sources, claims and overrides consistent on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from events.frame import FRAME_COLUMNS
from events.store import Store

STRIKE_REPORT = ("Coalition aircraft hit IS positions near Mosul on Monday, destroying a mortar team and two "
                 "supply routes, a coalition spokesman said.")
SECOND_REPORT = ("A coalition statement listed four strikes near Mosul on 27 February; a local monitor said "
                 "the raids killed nine people.")


def test_reingesting_the_same_document_changes_nothing(store, make_doc, make_event):
    doc = make_doc(STRIKE_REPORT)
    first = store.add_document(doc, [make_event(doc)])
    before = store.counts()
    again = store.add_document(doc, [make_event(doc)])
    assert (first.new_document, first.added) == (True, 1)
    assert (again.new_document, again.added, again.merged) == (False, 0, 0)
    assert store.counts() == before


def test_same_event_in_two_documents_is_one_event_with_both_sources(store, make_doc, make_event):
    a, b = make_doc(STRIKE_REPORT), make_doc(SECOND_REPORT)
    store.add_document(a, [make_event(a)])
    result = store.add_document(b, [make_event(b)])
    frame = store.events_frame()
    assert (result.added, result.merged) == (0, 1)
    assert len(frame) == 1
    assert frame.loc[0, "n_sources"] == 2
    assert sorted(frame.loc[0, "doc_ids"]) == sorted([a.doc_id, b.doc_id])
    detail = store.event_detail(frame.loc[0, "event_id"])
    assert {s["doc_id"] for s in detail["sources"]} == {a.doc_id, b.doc_id}


def test_conflicting_numbers_stay_visible_as_claims(store, make_doc, make_event):
    a, b = make_doc(STRIKE_REPORT), make_doc(SECOND_REPORT)
    store.add_document(a, [make_event(a, strikes=4, killed_min=3, killed_max=5)])
    store.add_document(b, [make_event(b, strikes=6, killed_min=9, killed_max=9, claimant="local monitor")])
    event_id = store.events_frame().loc[0, "event_id"]
    detail = store.event_detail(event_id)
    by_claimant = {c["claimant"]: c for c in detail["claims"]}
    assert by_claimant["CJTF-OIR"]["strikes"] == 4
    assert by_claimant["local monitor"]["strikes"] == 6
    assert by_claimant["local monitor"]["killed_max"] == 9


def test_merged_event_keeps_first_numbers_and_widens_casualty_bounds(store, make_doc, make_event):
    a, b = make_doc(STRIKE_REPORT), make_doc(SECOND_REPORT)
    store.add_document(a, [make_event(a, strikes=4, killed_min=3, killed_max=5)])
    store.add_document(b, [make_event(b, strikes=6, killed_min=9, killed_max=9)])
    row = store.events_frame().iloc[0]
    assert (row["strikes"], row["killed_min"], row["killed_max"]) == (4, 3, 9)


def test_two_claimants_civilian_figures_stay_two_events(store, make_doc, make_event):
    doc = make_doc("Airwars counted at least 40 civilians killed in west Mosul in March; the coalition "
                   "conceded two.")
    harm = {"event_type": "civilian_harm", "sub_event_type": "civilian casualties",
            "acled_event_type": "Violence against civilians", "acled_sub_event_type": "Attack"}
    store.add_document(doc, [
        make_event(doc, **harm, claimant="Airwars", civilians_killed_min=40),
        make_event(doc, **harm, claimant="CJTF-OIR", civilians_killed_min=2, civilians_killed_max=2),
    ])
    frame = store.events_frame()
    assert len(frame) == 2
    assert sorted(frame["claimant"]) == ["Airwars", "CJTF-OIR"]
    assert sorted(frame["civilians_killed_min"].tolist()) == [2, 40]


def test_failure_inside_a_document_rolls_back_only_that_document(store, make_doc, make_event, monkeypatch):
    kept = make_doc(STRIKE_REPORT)
    store.add_document(kept, [make_event(kept)])
    before = store.counts()
    broken = make_doc(SECOND_REPORT)

    def explode(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_group", staticmethod(explode))  # runs after the document row is inserted
    with pytest.raises(RuntimeError):
        store.add_document(broken, [make_event(broken, place_text="Qayyarah", gazetteer_id="gn:94298")])
    assert not store.has_document(broken.doc_id)
    assert store.counts() == before
    assert store.has_document(kept.doc_id)


def test_invalid_event_is_refused_with_the_field_named(store, make_doc, make_event):
    doc = make_doc(STRIKE_REPORT)
    with pytest.raises(ValueError, match="lat"):
        store.add_document(doc, [make_event(doc, latitude=123.0)])
    assert not store.has_document(doc.doc_id)


def test_unknown_geo_precision_is_refused_with_the_field_named(store, make_doc, make_event):
    doc = make_doc(STRIKE_REPORT)
    with pytest.raises(ValueError, match="geo_precision"):
        store.add_document(doc, [make_event(doc, geo_precision="somewhere")])
    assert not store.has_document(doc.doc_id)


def test_place_text_with_sql_is_stored_verbatim(store, make_doc, unresolved):
    nasty = "O'Brien \"camp\"'; DROP TABLE events; --"
    doc = make_doc(f"Shelling was reported at {nasty} overnight.")
    store.add_document(doc, [unresolved(doc, nasty)])
    frame = store.events_frame()
    assert frame.loc[0, "place_text"] == nasty
    assert store.counts()["events"] == 1


def test_nul_characters_in_article_text_are_dropped_not_fatal(store, make_doc, make_event):
    doc = make_doc("Strikes near Mosul\x00 were reported.")
    store.add_document(doc, [make_event(doc, summary="strike\x00 near Mosul")])
    assert store.events_frame().loc[0, "summary"] == "strike near Mosul"


def test_events_frame_has_typed_columns(store, make_doc, make_event, unresolved):
    doc = make_doc(STRIKE_REPORT)
    store.add_document(doc, [make_event(doc), unresolved(doc, "Tal Zallat", event_date=None, date_precision="unknown")])
    frame = store.events_frame()
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])
    assert pd.api.types.is_datetime64_any_dtype(frame["doc_date"])
    assert frame["latitude"].dtype == "float64"
    assert str(frame["strikes"].dtype) == "Int64"
    undated = frame[frame["place_text"] == "Tal Zallat"].iloc[0]
    assert pd.isna(undated["event_date"]) and pd.isna(undated["latitude"])


def test_empty_store_gives_an_empty_typed_frame(store):
    frame = store.events_frame()
    assert len(frame) == 0
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])


def test_event_detail_of_unknown_id_is_none(store):
    assert store.event_detail("no-such-event") is None


def test_review_names_lists_weak_places_with_candidates(store, make_doc, make_event, unresolved):
    doc = make_doc(STRIKE_REPORT)
    store.add_document(doc, [make_event(doc), unresolved(doc, "Qayara airfield")])
    review = store.review_names(max_score=0.9)
    assert review["place_text"].tolist() == ["Qayara airfield"]
    assert any(c["gazetteer_id"] == "gn:94298" for c in review.loc[0, "candidates"])


def test_override_moves_every_event_using_that_name(store, make_doc, unresolved):
    a, b = make_doc("Fighting at Qayara airfield."), make_doc("Engineers repaired the runway at Qayara Airfield.")
    store.add_document(a, [unresolved(a, "Qayara airfield", event_type="ground_clash")])
    store.add_document(b, [unresolved(b, "Qayara Airfield", event_type="strategic")])
    changed = store.set_override("qayara airfield", gazetteer_id="gn:94298", note="the Q-West base")
    frame = store.events_frame()
    assert changed == 2
    assert frame["gazetteer_id"].tolist() == ["gn:94298", "gn:94298"]
    assert frame["geocode_score"].tolist() == [1.0, 1.0]
    assert frame["latitude"].round(3).tolist() == [35.807, 35.807]
    assert store.review_names().empty


def test_coordinate_override_places_events_at_the_given_point(store, make_doc, unresolved):
    doc = make_doc("Clashes were reported at Tal Zallat.")
    store.add_document(doc, [unresolved(doc, "Tal Zallat", event_type="ground_clash")])
    store.set_override("Tal Zallat", lat=36.12, lon=42.98)
    row = store.events_frame().iloc[0]
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == (36.12, 42.98, "place")


def test_overrides_persist_and_reach_a_new_stores_geocoder(db_url, new_geocoder, make_doc, unresolved):
    first = Store(db_url, geocoder=new_geocoder())
    first.set_override("Tal Zallat", lat=36.12, lon=42.98, note="village south of Mosul")
    first.close()
    fresh_geocoder = new_geocoder()
    second = Store(db_url, geocoder=fresh_geocoder)
    try:
        assert [(o.name, o.lat, o.lon, o.note) for o in second.list_overrides()] == [
            ("Tal Zallat", 36.12, 42.98, "village south of Mosul")]
        assert fresh_geocoder.resolve("tal zallat").lat == 36.12
        doc = make_doc("A later report of clashes at Tal Zallat.")
        second.add_document(doc, [unresolved(doc, "Tal Zallat", event_type="ground_clash")])
        second.set_override("TAL ZALLAT", lat=36.13, lon=42.99)
        assert second.events_frame().loc[0, "latitude"] == 36.13
        assert len(second.list_overrides()) == 1
    finally:
        second.close()


def test_invalid_override_coordinates_are_rejected(store):
    with pytest.raises(ValueError, match="lat"):
        store.set_override("Tal Zallat", lat=95.0, lon=42.0)
    with pytest.raises(ValueError, match="lon"):
        store.set_override("Tal Zallat", lat=36.0, lon=200.0)
    with pytest.raises(ValueError, match="together"):
        store.set_override("Tal Zallat", lat=36.0)
    assert store.list_overrides() == []


def test_override_naming_an_unknown_gazetteer_id_is_rejected(store):
    with pytest.raises(ValueError, match="gn:0"):
        store.set_override("Tal Zallat", gazetteer_id="gn:0")
    assert store.list_overrides() == []
    assert store.geocoder.overrides == {}


def test_control_claims_list_each_claim_in_date_order(store, make_doc, make_event):
    control = {"event_type": "territorial_change", "sub_event_type": "government regains territory",
               "acled_event_type": "Strategic developments", "acled_sub_event_type": "Change to group/activity",
               "place_text": "Raqqa", "gazetteer_id": "gn:163915", "place_name": "Ar Raqqah", "country": "SY"}
    a = make_doc("The SDF said it held about 45 percent of Raqqa.", day=date(2017, 8, 1))
    b = make_doc("The SDF said it now held 60 percent of Raqqa.", day=date(2017, 8, 20))
    store.add_document(b, [make_event(b, **control, event_date=date(2017, 8, 19), controller="SDF",
                                      share_percent=60.0, claimant="SDF")])
    store.add_document(a, [make_event(a, **control, event_date=date(2017, 7, 31), controller="SDF",
                                      share_percent=45.0, claimant="SDF")])
    claims = store.control_claims()
    assert claims["share_percent"].tolist() == [45.0, 60.0]
    assert set(claims["place_key"]) == {"gn:163915"}


@pytest.fixture
def real_geocoder():
    """The shared default geocoder; overrides registered by a test are cleared afterwards."""
    from geo import Geocoder

    geocoder = Geocoder.default()
    yield geocoder
    geocoder.clear_overrides()


def test_override_with_the_real_geocoder_uses_the_gazetteer_entry(tmp_path, real_geocoder, make_doc, unresolved):
    qayyarah = real_geocoder.resolve("Qayyarah").place
    store = Store(f"sqlite:///{tmp_path / 'real.sqlite'}", geocoder=real_geocoder)
    doc = make_doc("US advisers arrived at the Q-West base this week.")
    store.add_document(doc, [unresolved(doc, "Q-West base", event_type="strategic")])
    assert store.review_names()["place_text"].tolist() == ["Q-West base"]
    store.set_override("Q-West base", gazetteer_id=qayyarah.gid)
    row = store.events_frame().iloc[0]
    assert (row["gazetteer_id"], row["latitude"], row["country"]) == (qayyarah.gid, qayyarah.lat, qayyarah.country)
    assert real_geocoder.resolve("q-west base").place.gid == qayyarah.gid
    store.close()


def test_default_store_is_a_sqlite_file_created_with_its_folder(tmp_path, monkeypatch, geocoder):
    import events.store as store_module

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(store_module, "DEFAULT_SQLITE", tmp_path / "data" / "conflict_map.sqlite")
    Store(geocoder=geocoder).close()
    assert (tmp_path / "data" / "conflict_map.sqlite").is_file()


def test_database_url_environment_variable_is_honoured(tmp_path, monkeypatch, geocoder):
    target = tmp_path / "from_env.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{target}")
    store = Store(geocoder=geocoder)
    assert store.url.endswith("from_env.sqlite")
    store.close()
    assert target.is_file()


def test_bare_postgresql_urls_use_psycopg3():
    from events.store import normalize_url

    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path, geocoder):
    store = Store(f"sqlite:///{tmp_path / 'wal.sqlite'}", geocoder=geocoder)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_review_looks_up_an_unresolved_name_in_the_countries_of_its_documents_places(db_url, make_doc, make_event,
                                                                                    unresolved, new_geocoder):
    class Recording(new_geocoder):
        def resolve(self, name, context=None):
            self.seen[name] = context.countries if context else ()
            return super().resolve(name, context)

    geocoder = Recording()
    geocoder.seen = {}
    store = Store(db_url, geocoder=geocoder)
    in_iraq, nowhere = make_doc("Strikes near Mosul and at Tal Zallat."), make_doc("Clashes at Wadi Sirr.")
    store.add_document(in_iraq, [make_event(in_iraq), unresolved(in_iraq, "Tal Zallat")])
    store.add_document(nowhere, [unresolved(nowhere, "Wadi Sirr", event_type="ground_clash")])
    store.review_names()
    store.close()
    assert geocoder.seen == {"Tal Zallat": ("IQ",), "Wadi Sirr": ()}
