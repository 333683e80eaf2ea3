"""Batches: every file is read, extracted and stored on its own; one bad or crashing file never stops the rest."""

from __future__ import annotations

from datetime import date

import pytest

import events.pipeline as pipeline
from events.pipeline import ensure_sample_data, ingest_paths, ingest_uploads

DISPATCHES = {
    "a_qayyarah.txt": "Title: Qayyarah retaken\nDate: 2016-08-26\n\nIraqi troops pushed IS out of Qayyarah "
                      "on Thursday after a week of fighting south of Mosul, an Iraqi general said.",
    "b_tabqa.txt": "Title: Tabqa dam\nDate: 2017-05-11\n\nSDF fighters said on Wednesday that they now hold "
                   "the Tabqa dam and the town beside it on the Euphrates.",
    "c_hawija.txt": "Title: Hawija push\nDate: 2017-10-06\n\nIraqi forces entered the centre of Hawija on "
                    "Thursday, ending one of the last IS pockets in northern Iraq, officials said.",
}


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "dispatches"
    root.mkdir()
    for name, text in DISPATCHES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def fake_extract(monkeypatch, make_event):
    """Stand-in extractor: one event per document, dated by the document; records the order it was called in."""
    calls: list[str] = []

    def extract(doc, geocoder=None):
        calls.append(doc.source_path)
        return [make_event(doc, event_type="territorial_change", actor1=doc.title, event_date=doc.date)]

    monkeypatch.setattr(pipeline, "extract_document", extract)
    return calls


def test_crash_while_extracting_one_document_keeps_the_rest(store, folder, geocoder, monkeypatch, make_event):
    seen: list[str] = []

    def flaky(doc, geocoder=None):
        seen.append(doc.doc_id)
        if len(seen) == 2:
            raise ZeroDivisionError("extractor bug")
        return [make_event(doc, actor1=doc.title, event_date=doc.date)]

    monkeypatch.setattr(pipeline, "extract_document", flaky)
    summary = ingest_paths([folder], store, geocoder)
    failed = [f for f in summary.files if f.status == "failed"]
    assert (summary.new, summary.failed, summary.events_added) == (2, 1, 2)
    assert "ZeroDivisionError" in failed[0].reason
    assert not store.has_document(seen[1])
    assert store.has_document(seen[0]) and store.has_document(seen[2])
    assert store.counts()["events"] == 2


def test_unreadable_file_is_named_and_the_batch_goes_on(store, folder, geocoder, fake_extract):
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\xff\xfe" * 200)
    summary = ingest_paths([folder], store, geocoder)
    failed = {f.path.rsplit("/", 1)[-1]: f.reason for f in summary.files if f.status == "failed"}
    assert summary.new == 3
    assert set(failed) == {"empty.txt", "blob.txt"}
    assert all(failed.values())


def test_second_ingest_of_a_folder_skips_every_document(store, folder, geocoder, fake_extract):
    ingest_paths([folder], store, geocoder)
    again = ingest_paths([folder], store, geocoder)
    assert (again.new, again.skipped, again.failed, again.events_added) == (0, 3, 0, 0)
    assert len(fake_extract) == 3  # stored documents are not even re-extracted


def test_progress_reports_every_document(store, folder, geocoder, fake_extract):
    ticks: list[tuple[int, int]] = []
    ingest_paths([folder], store, geocoder, progress=lambda done, total, label: ticks.append((done, total)))
    assert ticks == [(1, 3), (2, 3), (3, 3)]


def test_uploads_are_ingested_and_unsupported_ones_reported(store, geocoder, fake_extract):
    files = [("qayyarah.txt", DISPATCHES["a_qayyarah.txt"].encode()), ("scan.pdf", b"%PDF-1.4 ...")]
    summary = ingest_uploads(files, store, geocoder)
    assert (summary.new, summary.failed) == (1, 1)
    assert summary.files[1].path == "scan.pdf"
    assert store.events_frame().loc[0, "event_date"].date() == date(2016, 8, 26)


def test_sample_data_fills_only_an_empty_store(store, folder, geocoder, fake_extract, monkeypatch):
    monkeypatch.setattr(pipeline, "SAMPLE_DIR", folder)
    first = ensure_sample_data(store)
    assert first is not None and first.new == 3
    assert ensure_sample_data(store) is None
