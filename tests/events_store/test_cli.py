"""`python -m events` end to end in a subprocess, with the real extractor and geocoder, on tiny dispatches."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from events.model import EXPORT_COLUMNS

REPO = Path(__file__).resolve().parents[2]

STRIKES = ("Title: Strikes near Raqqa\nDate: 2017-06-10\n\nCoalition aircraft carried out 12 strikes near Raqqa "
           "on Friday, destroying IS fighting positions and a car bomb factory, the coalition said.\n")
TAL_AFAR = ("Title: Tal Afar push\nDate: 2017-08-21\n\nIraqi army and police units launched an offensive to "
            "retake Tal Afar from IS on Sunday, the Iraqi prime minister said.\n")


def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}" if db else "sqlite:////nonexistent/never/used.sqlite"}
    return subprocess.run([sys.executable, "-m", "events", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def dispatches(tmp_path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "raqqa.txt").write_text(STRIKES, encoding="utf-8")
    (root / "tal_afar.txt").write_text(TAL_AFAR, encoding="utf-8")
    return root


def test_extract_piped_into_a_reader_that_stops_early_exits_quietly(tmp_path):
    for day in range(1, 29):  # more output than a pipe buffer holds, so the writer meets the closed pipe
        for month in range(1, 7):
            (tmp_path / f"{month}-{day}.txt").write_text(STRIKES.replace("2017-06-10", f"2017-{month:02d}-{day:02d}"),
                                                         encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "events", "extract", str(tmp_path)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and b"Broken pipe" not in err


def test_extract_writes_csv_to_stdout_without_a_store(dispatches):
    proc = run("extract", str(dispatches / "raqqa.txt"))
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert proc.returncode == 0, proc.stderr
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert len(rows) >= 2


def test_extract_writes_geojson_by_extension(dispatches, tmp_path):
    out = tmp_path / "events.geojson"
    proc = run("extract", str(dispatches), "--out", str(out))
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert collection["type"] == "FeatureCollection" and collection["features"]


def test_ingest_twice_reports_new_then_skipped(dispatches, tmp_path):
    db = tmp_path / "cm.sqlite"
    first, second = run("ingest", str(dispatches), db=db), run("ingest", str(dispatches), "--db", f"sqlite:///{db}")
    assert first.returncode == 0, first.stderr
    assert "documents: 2 new, 0 skipped, 0 failed" in first.stdout
    assert "documents: 0 new, 2 skipped, 0 failed; events: 0 added, 0 merged" in second.stdout


def test_ingest_names_a_failed_file_on_stderr_and_exits_1(dispatches, tmp_path):
    (dispatches / "empty.txt").write_text("   \n", encoding="utf-8")
    proc = run("ingest", str(dispatches), db=tmp_path / "cm.sqlite")
    assert proc.returncode == 1
    assert "1 failed" in proc.stdout
    assert "empty.txt" in proc.stderr


def test_export_filters_by_type_and_dates(dispatches, tmp_path):
    db = tmp_path / "cm.sqlite"
    run("ingest", str(dispatches), db=db)
    out = tmp_path / "strikes.csv"
    proc = run("export", "--db", f"sqlite:///{db}", "--type", "airstrike", "--from", "2017-06-01",
               "--to", "2017-06-30", "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert proc.returncode == 0, proc.stderr
    assert rows and {r["event_type"] for r in rows} == {"airstrike"}
    assert all("2017-06-01" <= r["event_date"] <= "2017-06-30" for r in rows)


@pytest.mark.parametrize("args", [
    ["export", "--out", "x.xlsx"],
    ["export", "--from", "2017-13-45", "--out", "x.csv"],
    ["export", "--type", "coup", "--out", "x.csv"],
    ["export"],
    ["ingest"],
    ["export", "--db", "nonsense://", "--out", "x.csv"],
])
def test_usage_errors_exit_2(args, tmp_path):
    proc = run(*args, db=tmp_path / "cm.sqlite")
    assert proc.returncode == 2
    assert "error" in proc.stderr
