"""End to end: a real server, a real browser. The map draws, links restore views, downloads match, input is inert."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
COUNT_RE = re.compile(r"([\d,]+) of ([\d,]+) events match")
FILTERED = "?type=airstrike&from=2015-01-01&to=2017-12-31"
EVENT_MARKERS = ".cm-icon, .marker-cluster, path.leaflet-interactive"  # not the outline's area labels


def match_count(page: Page) -> tuple[int, int]:
    text = page.get_by_text(COUNT_RE).first
    expect(text).to_be_visible(timeout=60_000)
    found = COUNT_RE.search(text.inner_text())
    return int(found.group(1).replace(",", "")), int(found.group(2).replace(",", ""))


def wait_for_markers(page: Page) -> None:
    markers = page.frame_locator(MAP_FRAME).locator(EVENT_MARKERS)
    expect(markers.first).to_be_visible(timeout=60_000)


def share_link(page: Page) -> str:
    code = page.locator("[data-testid='stCode']", has_text="http").first
    expect(code).to_be_visible()
    return code.inner_text().strip()


def test_the_map_shows_markers(page: Page, app_url: str, screenshots):
    page.goto(app_url)
    wait_for_markers(page)
    count = page.frame_locator(MAP_FRAME).locator(".cm-icon").count()
    assert count > 0
    expect(page.locator("[data-testid='stDataFrame']").first).to_be_visible()  # the complete page, for the picture
    page.wait_for_timeout(1000)
    page.screenshot(path=str(screenshots / "map.png"))


def test_the_filters_and_table_follow_the_map_without_reloading_it(page: Page, app_url: str):
    page.goto(app_url)
    wait_for_markers(page)
    page.frame_locator(MAP_FRAME).locator("body").evaluate("() => { window.cmDrawnOnce = true; }")
    expect(page.locator("[data-testid='stSlider']").first).to_be_visible()
    expect(page.locator("[data-testid='stDataFrame']").first).to_be_visible()
    assert page.frame_locator(MAP_FRAME).locator("body").evaluate("() => window.cmDrawnOnce === true")


def test_the_filters_come_even_when_the_map_cannot_load(page: Page, app_url: str):
    page.route("**/leaflet.js", lambda route: route.abort())
    page.goto(app_url)
    expect(page.locator("[data-testid='stSlider']").first).to_be_visible(timeout=30_000)
    assert match_count(page)[1] > 0


def test_a_shared_url_restores_the_filters(page: Page, app_url: str, browser):
    page.goto(app_url + FILTERED)
    shown, total = match_count(page)
    assert 0 < shown < total
    link = share_link(page)
    assert "type=airstrike" in link and "from=2015-01-01" in link
    other = browser.new_page()
    try:
        other.goto(link.replace("http://localhost:8501", app_url))
        assert match_count(other) == (shown, total)
    finally:
        other.close()


def test_the_csv_download_has_exactly_the_filtered_rows(page: Page, app_url: str):
    page.goto(app_url + FILTERED)
    shown, _ = match_count(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == "conflict-map_2015-01-01_2017-12-31.csv"
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert rows[0][:2] == ["event_id", "event_type"]
    assert len(rows) - 1 == shown
    assert {row[1] for row in rows[1:]} == {"airstrike"}


def test_choosing_a_table_row_shows_its_evidence(page: Page, app_url: str, screenshots):
    page.goto(app_url + FILTERED)
    wait_for_markers(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    expect(grid).to_be_visible()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 18)  # the selection cell of the first data row
    expect(page.get_by_text("Evidence", exact=True)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile(r"^Sources \(\d+\)$"))).to_be_visible()
    page.wait_for_url(re.compile(r"zoom=1\d&event=[0-9a-f]{16}"), timeout=15_000)  # centred and zoomed on it
    expect(page.frame_locator(MAP_FRAME).locator(".cm-selected")).to_have_count(1)  # and ringed
    page.set_viewport_size({"width": 1400, "height": 2000})  # the zoomed map and the detail in one picture
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(screenshots / "detail.png"))


def test_a_marker_popup_shows_evidence_source_and_geocode_match(page: Page, app_url: str):
    page.goto(app_url + FILTERED)
    wait_for_markers(page)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".cm-icon").first.click(force=True)
    popup = frame.locator(".cm-popup")
    expect(popup).to_be_visible(timeout=15_000)
    text = popup.inner_text()
    assert "Air/drone strike" in text and "Place:" in text and " -> " in text
    assert re.search(r"\d{4}-\d{2}-\d{2}|undated", text) and "“" in text  # date and the quoted evidence


def test_a_clicked_marker_is_ringed_and_its_popup_stays_open(page: Page, app_url: str):
    page.goto(app_url + FILTERED)
    wait_for_markers(page)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".cm-icon").first.click(force=True)
    page.wait_for_url(re.compile(r"event=[0-9a-f]{16}"), timeout=15_000)
    expect(frame.locator(".cm-selected")).to_have_count(1)
    page.wait_for_timeout(1500)
    expect(frame.locator(".cm-popup")).to_be_visible()


def test_opening_the_map_keeps_the_default_view_out_of_the_link(page: Page, app_url: str):
    page.goto(app_url + FILTERED)
    wait_for_markers(page)
    page.wait_for_timeout(3000)  # the map has reported its view by now
    assert "lat=" not in page.url and "zoom=" not in page.url
    assert "lat=" not in share_link(page)


def test_hostile_parameters_inject_nothing(page: Page, app_url: str):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = ("?q=%3Cscript%3Ealert(1)%3C/script%3E&type=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E"
               "&%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E=1&zoom=1e999&from=2017-99-99")
    page.goto(app_url + hostile)
    expect(page.get_by_text("Ignored an invalid URL parameter: type")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Ignored an invalid URL parameter: from")).to_be_visible()
    page.wait_for_timeout(1500)
    assert dialogs == []
    for frame in page.frames:
        assert frame.locator("img[src='x']").count() == 0
        assert frame.evaluate("() => [...document.scripts].filter(s => s.text.includes('alert(')).length") == 0


def test_a_coordinate_correction_on_the_review_page_updates_events(page: Page, app_url: str):
    page.goto(app_url + "/review")
    expect(page.get_by_role("heading", name="Review geocoding")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile(r"place names need a look"))).to_be_visible()
    box = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 18)
    expect(page.get_by_text(re.compile(r"^Where the name occurs"))).to_be_visible()  # its sentences, for context
    page.get_by_text("(type coordinates)").click()
    page.get_by_label("Latitude").fill("35.5")
    page.get_by_label("Longitude").fill("40.5")
    page.get_by_role("button", name="Apply correction").click()
    expect(page.get_by_text(re.compile(r"Correction stored; [1-9]\d* events? updated"))).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Apply correction")).to_have_count(0)  # the list was read again


def test_the_ingest_page_reports_each_uploaded_file(page: Page, app_url: str, tmp_path):
    good = tmp_path / "tal_afar.txt"
    good.write_text("Title: Strikes near Tal Afar\nDate: 2017-08-20\n\nCoalition aircraft conducted four strikes "
                    "near Tal Afar on Saturday, destroying two fighting positions, a spokesman said.\n",
                    encoding="utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b"{not json\n")
    page.goto(app_url + "/ingest")
    expect(page.get_by_role("heading", name="Ingest articles")).to_be_visible(timeout=60_000)
    page.locator("input[type='file']").set_input_files([str(good), str(broken)])
    page.get_by_role("button", name="Ingest", exact=True).click()
    expect(page.get_by_text("events added")).to_be_visible(timeout=60_000)
    grid = page.locator("[data-testid='stDataFrame']").last
    expect(grid).to_be_visible()
    metrics = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    assert metrics[0] == "1" and metrics[2] == "1"  # one new article, one failed file


def test_the_step_button_moves_the_date_window_and_the_link(page: Page, app_url: str):
    page.goto(app_url + "/?from=2016-01-01&to=2016-03-31&step=month")
    match_count(page)
    page.get_by_role("button", name="▶").click()
    page.wait_for_url(re.compile(r"from=2016-02-01&to=2016-04-30"), timeout=30_000)  # calendar months


def test_heat_map_and_control_layers_are_drawn(page: Page, app_url: str):
    page.goto(app_url + "/?heat=1")
    wait_for_markers(page)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("canvas.leaflet-heatmap-layer")).to_have_count(1)
    labels = frame.locator(".leaflet-control-layers-overlays").inner_text()
    assert "Heat map" in labels and "Territorial control" in labels
