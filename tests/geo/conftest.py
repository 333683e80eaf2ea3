import pytest

from geo import Geocoder


@pytest.fixture(scope="session")
def geocoder() -> Geocoder:
    return Geocoder.default()
