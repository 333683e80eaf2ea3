"""Downloads carry exactly the filtered rows, the CLI's columns, and the date range in their names."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from events.model import EXPORT_COLUMNS
from view.export_names import export_bytes, export_filename
from view.filters import apply_filters
from view.url_state import ViewState


def test_file_names_carry_the_date_range():
    assert export_filename(date(2017, 1, 1), date(2017, 7, 31), "csv") == "conflict-map_2017-01-01_2017-07-31.csv"
    assert export_filename(None, None, "geojson") == "conflict-map_start_end.geojson"


def test_unknown_formats_are_refused():
    with pytest.raises(ValueError, match="xlsx"):
        export_filename(None, None, "xlsx")


def test_csv_has_the_export_columns_and_exactly_the_filtered_rows(frame):
    filtered = apply_filters(frame, ViewState(types=("airstrike", "ground_clash")))
    rows = list(csv.reader(io.StringIO(export_bytes(filtered, "csv").decode("utf-8"))))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert sorted(r[0] for r in rows[1:]) == sorted(filtered["event_id"])


def test_geojson_has_one_feature_per_located_filtered_row(frame):
    filtered = apply_filters(frame, ViewState(countries=("SY",)))
    features = json.loads(export_bytes(filtered, "geojson"))["features"]
    assert sorted(f["properties"]["event_id"] for f in features) == sorted(filtered["event_id"])
