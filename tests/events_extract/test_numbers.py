"""Counts keep their qualifiers as bounds."""

from __future__ import annotations

from events.numbers import find_counts


def bounds(text: str):
    c = find_counts(text)[0]
    return c.min, c.max


def test_at_least_sets_only_a_minimum():
    assert bounds("at least 7,337 deaths") == (7337, None)


def test_as_many_as_sets_only_a_maximum():
    assert bounds("as many as 250 fighters") == (None, 250)


def test_dozens_means_at_least_twelve():
    assert bounds("dozens of families") == (12, None)


def test_more_than_is_exclusive():
    assert bounds("more than 200 vehicles") == (201, None)


def test_plain_number_is_exact():
    assert bounds("21 fighters") == (21, 21)


def test_spelled_number_with_stray_plural_is_read():
    assert bounds("fives strikes") == (5, 5)


def test_compound_spelled_number():
    assert bounds("twenty-one strikes") == (21, 21)


def test_article_counts_as_one():
    assert bounds("a strike") == (1, 1)


def test_between_two_figures_is_one_range():
    (c,) = find_counts("between 2,000 and 3,500 people")
    assert (c.min, c.max) == (2000, 3500)


def test_figures_joined_by_and_without_between_stay_apart():
    assert [(c.min, c.max) for c in find_counts("12 fighters and 30 civilians")] == [(12, 12), (30, 30)]
