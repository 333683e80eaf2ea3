"""Sentences carry offsets; bullets and headings are sentences of their own."""

from __future__ import annotations

from events.sentences import split_sentences

TEXT = ("Strikes in Syria\n\nCol. Smith said U.S. jets flew on Feb. 3 near Raqqa. Two strikes hit Tabqa.\n"
        "-- Near Hajin, a strike destroyed a boat.\n•Near Hawl, two strikes hit a depot.")


def test_offsets_point_back_into_the_text():
    assert all(TEXT[s.start:s.end] == s.text for s in split_sentences(TEXT))


def test_kinds_heading_text_and_bullet():
    assert [s.kind for s in split_sentences(TEXT)] == ["heading", "text", "text", "bullet", "bullet"]


def test_abbreviations_do_not_end_a_sentence():
    assert split_sentences(TEXT)[1].text == "Col. Smith said U.S. jets flew on Feb. 3 near Raqqa."


def test_bullet_marker_is_not_part_of_the_sentence():
    assert split_sentences(TEXT)[3].text.startswith("Near Hajin")
