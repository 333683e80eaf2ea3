"""The committed build matches today's normalization rules and covers the theatre."""

from geo.gazetteer import read_built
from geo.normalize import name_keys


def test_built_keys_match_current_normalization():
    _, names = read_built()
    stale = [n.name for n in names[::97] if name_keys(n.name).phonetic != n.phonetic]
    assert stale == [], f"rebuild with `python -m gazetteer.build`: {stale[:5]}"


def test_built_gazetteer_has_curated_and_geonames_entries():
    places, _ = read_built()
    sources = {p.gid.split(":")[0] for p in places}
    assert {"gn", "cm"} <= sources
    assert sum(p.country == "IQ" for p in places) > 300
