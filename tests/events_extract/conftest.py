"""Shared fixtures for extraction tests: a warm geocoder and a helper that builds Documents from short dispatches."""

from __future__ import annotations

from datetime import date

import pytest

from events.ingest import doc_id_for
from events.model import Document


@pytest.fixture(scope="session")
def geocoder():
    from geo import Geocoder

    return Geocoder.default()


@pytest.fixture(scope="session")
def extract(geocoder):
    from events.extract import Extractor

    extractor = Extractor(geocoder)

    def run(text: str, day: date | None = date(2017, 6, 10), title: str = ""):
        doc = Document(doc_id=doc_id_for(text), text=text, title=title, date=day, source_path="fixture.txt")
        return extractor.extract(doc)

    return run
