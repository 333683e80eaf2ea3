"""Exports follow the EXPORT_COLUMNS contract in CSV, JSONL and GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from events.export import events_bytes, filter_events, format_for_path, write_events
from events.frame import events_to_frame
from events.model import EXPORT_COLUMNS


@pytest.fixture
def frame(make_doc, make_event, unresolved):
    doc = make_doc("Coalition jets struck near Mosul; clashes were also reported at Tal Zallat, and a car bomb hit "
                   "Raqqa's outskirts.")
    return events_to_frame([
        make_event(doc, killed_min=3),
        unresolved(doc, "Tal Zallat", event_type="ground_clash", event_date=None, date_precision="unknown"),
        make_event(doc, event_type="explosion", place_text="Raqqa", place_name="Ar Raqqah", country="SY",
                   gazetteer_id="gn:163915", latitude=35.953, longitude=39.009, event_date=date(2017, 6, 2),
                   date_end=date(2017, 6, 4), date_precision="range"),
    ])


def test_csv_header_is_exactly_the_export_columns(frame):
    out = io.StringIO()
    write_events(frame, out, "csv")
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == EXPORT_COLUMNS


def test_csv_dates_are_iso_and_missing_values_empty(frame):
    out = io.StringIO()
    write_events(frame, out, "csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["event_date"] == "2017-02-27"
    assert rows[0]["killed_min"] == "3"
    assert rows[0]["killed_max"] == ""
    assert rows[1]["event_date"] == "" and rows[1]["latitude"] == ""


def test_jsonl_has_one_object_per_event_with_nulls_for_missing(frame):
    out = io.StringIO()
    write_events(frame, out, "jsonl")
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 3
    assert list(records[0]) == list(EXPORT_COLUMNS)
    assert records[1]["latitude"] is None and records[1]["event_date"] is None
    assert records[2]["date_end"] == "2017-06-04"


def test_geojson_unresolved_event_has_null_geometry(frame):
    collection = json.loads(events_bytes(frame, "geojson"))
    features = collection["features"]
    assert collection["type"] == "FeatureCollection"
    assert features[1]["geometry"] is None
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [frame.loc[0, "longitude"],
                                                                        frame.loc[0, "latitude"]]}
    assert list(features[2]["properties"]) == list(EXPORT_COLUMNS)


def test_empty_frame_exports_a_header_and_an_empty_collection():
    empty = events_to_frame([])
    assert events_bytes(empty, "csv").decode().strip() == ",".join(EXPORT_COLUMNS)
    assert json.loads(events_bytes(empty, "geojson"))["features"] == []


def test_export_to_a_path_writes_utf8(frame, tmp_path):
    frame.loc[0, "summary"] = "Strike near al-Mawṣil — “quoted”"
    target = tmp_path / "events.csv"
    write_events(frame, target, "csv")
    assert "al-Mawṣil — “quoted”" in target.read_text(encoding="utf-8")


def test_unknown_format_is_refused(frame):
    with pytest.raises(ValueError, match="xlsx"):
        write_events(frame, io.StringIO(), "xlsx")
    with pytest.raises(ValueError, match="events.txt"):
        format_for_path("events.txt")


def test_date_filter_keeps_overlapping_ranges_and_drops_undated(frame):
    picked = filter_events(frame, date_from=date(2017, 6, 3), date_to=date(2017, 6, 30))
    assert picked["place_text"].tolist() == ["Raqqa"]


def test_type_and_country_filters_combine(frame):
    picked = filter_events(frame, types=["airstrike", "explosion"], countries=["sy"])
    assert picked["event_type"].tolist() == ["explosion"]


def test_counts_print_as_integers_even_after_a_reindex_made_them_float(frame):
    reshaped = frame.reindex(columns=list(EXPORT_COLUMNS) + ["extra"]).astype({"strikes": "float64"})
    rows = list(csv.DictReader(io.StringIO(events_bytes(reshaped, "csv").decode())))
    assert rows[0]["strikes"] == "4"
