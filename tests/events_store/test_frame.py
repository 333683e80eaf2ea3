"""Extract-only output (no store) merges reports of one event the way the store does."""

from events.frame import events_to_frame


def test_two_reports_of_one_event_in_one_document_are_one_row(make_doc, make_event):
    doc = make_doc("Coalition aircraft struck near Raqqa twice on Monday, the coalition and the SDF said.")
    frame = events_to_frame([make_event(doc, claimant="Coalition"), make_event(doc, claimant="SDF")])
    assert len(frame) == 1 and frame.loc[0, "n_sources"] == 1


def test_one_event_in_two_documents_lists_both_and_widens_the_toll(make_doc, make_event):
    first = make_doc("A strike near Raqqa killed at least 4 people on Monday.")
    second = make_doc("Monitors said the strike near Raqqa on Monday killed as many as 9 people.")
    frame = events_to_frame([make_event(first, killed_min=4, killed_max=4),
                             make_event(second, killed_min=6, killed_max=9)])
    row = frame.iloc[0]
    assert len(frame) == 1 and row["n_sources"] == 2
    assert row["doc_ids"] == [first.doc_id, second.doc_id]
    assert (row["killed_min"], row["killed_max"]) == (4, 9)
