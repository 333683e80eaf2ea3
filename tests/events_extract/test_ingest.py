"""Ingest: each format yields Documents; each kind of bad input yields a one-line IngestError, the batch goes on."""

from __future__ import annotations

import json
from datetime import date, timedelta

from events.ingest import MAX_BYTES, IngestError, doc_id_for, read_bytes, read_paths
from events.model import Document

DISPATCH = "Iraqi troops pushed into the old city of Mosul on Sunday after days of heavy fighting."


def _docs(items):
    return [d for d in items if isinstance(d, Document)]


def _errors(items):
    return [d for d in items if isinstance(d, IngestError)]


def test_txt_header_lines_fill_title_url_date_and_source():
    data = (f"title: Push into Mosul\nURL: https://www.example.org/a/1\nDATE: 2017-06-19\nSource: Example Wire\n\n"
            f"{DISPATCH}").encode()
    (doc,) = read_bytes("a.txt", data)
    assert (doc.title, doc.url, doc.date, doc.source) == ("Push into Mosul", "https://www.example.org/a/1",
                                                           date(2017, 6, 19), "Example Wire")
    assert doc.text == DISPATCH


def test_txt_without_header_keeps_all_text():
    (doc,) = read_bytes("b.txt", f"Note: not a header block\n{DISPATCH}".encode())
    assert doc.text.startswith("Note: not a header block")


def test_header_date_in_written_form_is_parsed():
    (doc,) = read_bytes("c.txt", f"Date: June 19, 2017\n\n{DISPATCH}".encode())
    assert doc.date == date(2017, 6, 19)


def test_future_header_date_is_dropped_but_file_is_kept():
    future = (date.today() + timedelta(days=30)).isoformat()
    (doc,) = read_bytes("d.txt", f"Date: {future}\n\n{DISPATCH}".encode())
    assert isinstance(doc, Document) and doc.date is None


def test_source_defaults_to_url_host():
    (doc,) = read_bytes("e.txt", f"URL: https://www.example.org/x\n\n{DISPATCH}".encode())
    assert doc.source == "example.org"


def test_doc_id_ignores_whitespace_differences():
    assert doc_id_for("Raqqa  fell\n\nin 2017.") == doc_id_for("Raqqa fell in 2017.")


def test_html_page_gives_text_title_and_date():
    html = ("<html><head><title>Fighting near Tabqa</title><meta property='article:published_time' "
            "content='2017-05-02'></head><body><nav>Home | World</nav><article><p>Fighters backed by coalition "
            "aircraft reached the outskirts of Tabqa dam on Monday, officials said.</p><p>The advance followed weeks "
            "of shelling along the Euphrates.</p></article></body></html>")
    (doc,) = read_bytes("page.html", html.encode())
    assert "outskirts of Tabqa" in doc.text and "Home | World" not in doc.text
    assert doc.title == "Fighting near Tabqa" and doc.date == date(2017, 5, 2)


def test_html_canonical_link_gives_the_url():
    html = ("<html><head><title>Shelling in Hajin</title><link rel='canonical' href='https://example.org/hajin'>"
            "</head><body><article><p>Artillery shelled the town of Hajin through the night, residents said, and "
            "several houses near the market were destroyed.</p></article></body></html>")
    (doc,) = read_bytes("hajin.html", html.encode())
    assert doc.url == "https://example.org/hajin" and doc.source == "example.org"


def test_html_without_article_body_is_an_error():
    (err,) = read_bytes("empty.html", b"<html><head><title>x</title></head><body><nav>Menu</nav></body></html>")
    assert isinstance(err, IngestError) and "no article body" in err.reason


def test_jsonl_gives_one_document_per_row():
    rows = [{"text": DISPATCH, "title": "one", "date": "2017-06-19"}, {"text": "Shelling hit Hajin overnight."}]
    out = read_bytes("rows.jsonl", "\n".join(json.dumps(r) for r in rows).encode())
    assert [d.title for d in _docs(out)] == ["one", ""]


def test_jsonl_broken_line_is_reported_and_others_kept():
    data = f'{json.dumps({"text": DISPATCH})}\n{{"text": "cut off\n{json.dumps({"text": "Clashes in Hajin."})}\n'
    out = read_bytes("rows.jsonl", data.encode())
    assert len(_docs(out)) == 2
    (err,) = _errors(out)
    assert err.path.endswith(":2") and "line 2" in err.reason


def test_csv_gives_one_document_per_row():
    data = f'title,text,url\nOne,"{DISPATCH}",https://example.org/1\nTwo,Shelling hit Hajin overnight.,\n'
    out = read_bytes("rows.csv", data.encode())
    assert [d.title for d in _docs(out)] == ["One", "Two"]


def test_csv_without_text_column_is_an_error():
    (err,) = read_bytes("rows.csv", b"title,url\nOne,https://example.org\n")
    assert "no 'text' column" in err.reason


def test_empty_file_is_an_error():
    (err,) = read_bytes("empty.txt", b"  \n")
    assert "empty" in err.reason


def test_binary_file_is_an_error():
    (err,) = read_bytes("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary" in err.reason


def test_oversized_file_is_an_error_naming_the_limit():
    (err,) = read_bytes("huge.txt", b"a" * (MAX_BYTES + 1))
    assert "too large" in err.reason and "10 MB" in err.reason


def test_invalid_utf8_falls_back_to_windows_1252():
    (doc,) = read_bytes("latin.txt", "Shelling hit Dayr Az Zawr \u2013 caf\u00e9 destroyed.".encode("cp1252"))
    assert "\u2013" in doc.text


def test_unsupported_suffix_is_an_error():
    (err,) = read_bytes("report.pdf", b"%PDF-1.4")
    assert "unsupported" in err.reason


def test_folder_is_read_recursively_and_bad_files_do_not_stop_the_batch(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(DISPATCH, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Shelling hit Hajin overnight.", encoding="utf-8")
    (tmp_path / "sub" / "bad.txt").write_bytes(b"")
    out = list(read_paths([tmp_path]))
    assert len(_docs(out)) == 2 and len(_errors(out)) == 1
    assert str(_errors(out)[0]).startswith(str(tmp_path / "sub" / "bad.txt"))


def test_missing_path_is_an_error():
    (err,) = list(read_paths(["/nonexistent/folder"]))
    assert "no such file" in err.reason


def test_files_in_a_folder_are_named_relative_to_it_not_to_this_machine(tmp_path):
    folder = tmp_path / "reports"
    (folder / "2017").mkdir(parents=True)
    (folder / "2017" / "a.txt").write_text(DISPATCH, encoding="utf-8")
    (doc,) = _docs(read_paths([folder]))
    assert doc.source_path == "reports/2017/a.txt"


def test_a_single_file_given_by_absolute_path_is_named_by_its_file_name(tmp_path):
    (tmp_path / "a.txt").write_text(DISPATCH, encoding="utf-8")
    (doc,) = _docs(read_paths([tmp_path / "a.txt"]))
    assert doc.source_path == "a.txt"


def test_a_table_row_keeps_its_line_number_in_the_name(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    rows = [{"text": DISPATCH}, {"text": "Shelling hit Hajin overnight."}]
    (folder / "items.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert [d.source_path for d in _docs(read_paths([folder]))] == ["feeds/items.jsonl:1", "feeds/items.jsonl:2"]
