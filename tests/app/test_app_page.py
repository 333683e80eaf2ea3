"""The Streamlit app driven by AppTest against a temporary SQLite store of synthetic events."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from events.store import Store

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run_app(params: dict | None = None, map_reported: bool = True) -> AppTest:
    """The map page; `map_reported` as after the browser's map has drawn and reported (AppTest has no browser)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in (params or {}).items():
        at.query_params[name] = value
    if map_reported:
        at.session_state["_controls_drawn"] = True
    return at.run()


def count_line(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "events match" in m.value)


def test_the_map_page_shows_every_event_by_default(store_url):
    at = run_app()
    assert not at.exception
    assert count_line(at) == "**8** of 8 events match the filters"


def test_the_first_run_sends_the_map_before_the_filters_and_table(store_url):
    at = run_app({"type": "airstrike"}, map_reported=False)
    assert not at.exception
    assert count_line(at) == "**2** of 8 events match the filters"  # the link's filters apply at once
    assert not at.multiselect and not at.dataframe
    assert any("Filters load as soon as the map is drawn" in c.value for c in at.sidebar.caption)


def test_a_notice_about_the_link_survives_until_the_complete_page(store_url):
    at = run_app({"zoom": "1e999"}, map_reported=False)
    assert [w.value for w in at.warning] == ["Ignored an invalid URL parameter: `zoom`"]
    at.session_state["_controls_drawn"] = True
    at.run()
    assert [w.value for w in at.warning] == ["Ignored an invalid URL parameter: `zoom`"]
    at.run()
    assert not at.warning


def test_url_parameters_restore_the_filters(store_url):
    at = run_app({"type": "airstrike", "from": "2017-01-01", "to": "2017-12-31", "undated": "0"})
    assert at.multiselect(key="f_types").value == ["airstrike"]
    assert count_line(at) == "**2** of 8 events match the filters"


def test_changing_a_filter_updates_the_count_and_the_url(store_url):
    at = run_app()
    at.multiselect(key="f_types").set_value(["ground_clash"]).run()
    assert count_line(at) == "**1** of 8 events match the filters"
    assert at.query_params["type"] == "ground_clash"


def test_hostile_parameters_are_named_in_a_notice_without_markup(store_url):
    at = run_app({"type": '"><img src=x onerror=alert(1)>', "<script>": "1", "zoom": "1e999"})
    notices = [w.value for w in at.warning]
    assert "Ignored an invalid URL parameter: `type`" in notices
    assert "Ignored an invalid URL parameter: `zoom`" in notices
    assert "Ignored an invalid URL parameter: `script`" in notices
    assert all("<" not in n and ">" not in n for n in notices)
    assert count_line(at) == "**8** of 8 events match the filters"


def test_search_finds_an_event_through_a_place_alias(tmp_path, monkeypatch, synth):
    from geo import Geocoder

    ayn_isa = Geocoder.default().resolve("Ayn Isa").place
    event = synth.make_event("territorial_change", "ayn_isa", place_text="Ayn Isa")
    event.gazetteer_id = ayn_isa.gid
    url = f"sqlite:///{tmp_path / 'alias.sqlite'}"
    synth.fill_store(Store(url), [event, synth.make_event("airstrike", "mosul")])
    monkeypatch.setenv("DATABASE_URL", url)
    at = run_app()
    at.text_input(key="f_query").input("Ain Issa").run()
    assert count_line(at) == "**1** of 2 events match the filters"


def test_an_event_permalink_opens_its_detail(store_url, synth):
    event_id = synth.sample_events()[2].event_id
    at = run_app({"event": event_id})
    assert any("Ground clash" in s.value for s in at.subheader)
    assert any("ground clash there" in t.value for t in at.text)
    assert at.query_params["event"] == event_id


def test_the_share_link_carries_the_view(store_url):
    at = run_app({"type": "airstrike"})
    assert any("type=airstrike" in c.value for c in at.code)


def test_a_link_date_beyond_the_stored_events_is_moved_with_a_notice(store_url):
    at = run_app({"from": "2099-01-01"})
    assert any("2099-01-01" in i.value and "outside the stored events" in i.value for i in at.info)
    assert not at.warning


@pytest.fixture
def empty_store_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_a_visitor_who_waited_for_another_visitors_first_start_sees_the_data_ready(empty_store_url, monkeypatch,
                                                                                    synth):
    import events.pipeline

    def filled_by_someone_else(store, progress=None):
        synth.fill_store(store, synth.sample_events())  # what the other visitor's ingest left behind
        return None  # ensure_sample_data's answer for a store that is no longer empty

    monkeypatch.setattr(events.pipeline, "ensure_sample_data", filled_by_someone_else)
    at = run_app()
    assert [s.label for s in at.status] == ["Sample data ready."]
    assert count_line(at) == "**8** of 8 events match the filters"


def test_a_first_start_without_sample_data_says_where_to_add_articles(empty_store_url, monkeypatch):
    import events.pipeline

    monkeypatch.setattr(events.pipeline, "SAMPLE_DIR", Path("/nonexistent/sample_data"))
    at = run_app()
    assert [s.label for s in at.status] == ["No bundled sample data found: add articles on the Ingest page."]
