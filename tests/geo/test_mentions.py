"""Scanning running text for gazetteer names."""


def spans(geocoder, text):
    return [m.text for m in geocoder.find_mentions(text)]


def test_finds_places_with_offsets(geocoder):
    text = "Iraqi troops entered Tikrit after clearing Samarra."
    found = geocoder.find_mentions(text)
    assert [text[m.start:m.end] for m in found] == ["Tikrit", "Samarra"]


def test_prefers_the_longest_name(geocoder):
    assert spans(geocoder, "Fighting continued near the Mosul airport on Sunday.") == ["Mosul airport"]


def test_hyphenated_article_is_part_of_the_name(geocoder):
    assert spans(geocoder, "Rebels advanced on al-Boukamal from the south.") == ["al-Boukamal"]


def test_transliterated_spelling_is_found(geocoder):
    assert spans(geocoder, "Aircraft hit positions near Dayr Az Zawr overnight.") == ["Dayr Az Zawr"]


def test_common_capitalized_words_are_not_places(geocoder):
    assert spans(geocoder, "Near Tuesday, Coalition officials said. Among them was a colonel.") == []


def test_person_surnames_are_not_places(geocoder):
    assert spans(geocoder, "Pentagon spokesman Matthew Allen briefed reporters.") == []


def test_non_places_are_skipped(geocoder):
    assert spans(geocoder, "Daesh and the Islamic State were named by Airwars.") == []


def test_sentence_initial_word_matching_only_a_foreign_alternate_name_is_not_a_place(geocoder):
    assert spans(geocoder, "Aid agencies said families kept arriving.") == []


def test_foreign_city_by_its_own_name_is_found(geocoder):
    assert spans(geocoder, "The envoy flew to Paris on Monday.") == ["Paris"]


def test_lowercase_city_side_is_found_when_curated(geocoder):
    assert spans(geocoder, "Troops pushed into west Mosul at dawn.") == ["west Mosul"]


def test_a_name_after_a_comma_is_not_taken_for_a_surname(geocoder):
    text = "the towns of Hammam al-Alil, Qayyarah and Bashiqa"
    assert spans(geocoder, text) == ["Hammam al-Alil", "Qayyarah", "Bashiqa"]
