"""Engine.distinctive_phrases (analysis/engine/sides.py) ranks two sides' key phrases in SQL as the
Compare page ranked them in Python before (ui.compare.compare_counts over the sides' phrase
counts and the whole store's background), and hands back both ends of that ranking: the same
phrases, counts and order, z-scores equal to 1e-9, for a table of filters (ones that match
nothing included), sides of every kind, empty sides, a side compared with itself, and every
number kept from 1 to all.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.query import Filters
from tests.analysis.engine.test_narrowed import FILTERS, setup  # noqa: F401 (the fixture)
from ui.compare import compare_counts, ends

EVERY = Filters(versions_once=False)


def python_ranking(engine, filters: Filters, by: str, a, b) -> list:
    """The whole ranking as the page computed it before: every phrase count in Python."""
    side_a, side_b = engine.side_counts(filters, by, a), engine.side_counts(filters, by, b)
    names = sorted(set(side_a["phrases"]) | set(side_b["phrases"]))
    background = engine.phrase_counts(EVERY, names=names)
    return compare_counts(side_a, side_b, background, "A", "B", engine.phrase_total(EVERY)).phrases


def assert_same(got: list, expected: list) -> None:
    assert [(d.term, d.count_a, d.count_b) for d in got] == [(d.term, d.count_a, d.count_b) for d in expected]
    assert [d.z for d in got] == pytest.approx([d.z for d in expected], rel=1e-9, abs=1e-12)
    assert [d.delta for d in got] == pytest.approx([d.delta for d in expected], rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("number", range(FILTERS))
def test_both_ends_of_the_ranking_are_the_pythons(setup, number):  # noqa: F811
    _corpus, engines, chosen, (c, t, s) = setup
    filters = chosen[number]
    period = (dt.date(2000, 1, 1), dt.date(2014, 12, 31)), (dt.date(2015, 1, 1), dt.date(2030, 12, 31))
    pairs = [("speaker", s[0], s[1]), ("speaker", s[2], "Nobody At All"), ("country", c[0], c[1]),
             ("country", c[1], "XXX"), ("topic", t[0], t[1]), ("topic", t[1], t[1]), ("period", *period)]
    ranked = 0
    for engine in (engines[0], engines[-1]):  # kept selections and clustered copies; the plain SQL
        for by, a, b in pairs:
            expected = python_ranking(engine, filters, by, a, b)
            ranked += len(expected)
            for keep in (1, 3, 12, 10**6):
                assert_same(engine.distinctive_phrases(filters, by, a, b, keep), ends(expected, keep))
    if number == 0:  # the whole store: rankings long enough to be cut
        assert ranked > 2 * 12 * len(pairs)


def test_a_side_without_phrases_ranks_nothing(setup):  # noqa: F811
    _corpus, engines, _chosen, (c, _t, s) = setup
    assert engines[0].distinctive_phrases(Filters(), "speaker", s[0], "Nobody At All", 12) == []
    assert engines[0].distinctive_phrases(Filters(articles=("no-such-article",)), "country", c[0], c[1], 12) == []


def test_a_side_compared_with_itself_has_no_distinctive_phrase(setup):  # noqa: F811
    _corpus, engines, _chosen, (_c, _t, s) = setup
    same = engines[0].distinctive_phrases(Filters(), "speaker", s[0], s[0], 10**6)
    assert same and all(d.z == 0 and d.count_a == d.count_b for d in same)
    assert [d.term for d in same] == sorted(d.term for d in same)


@pytest.mark.parametrize("phrases, keep, expected", [
    ([], 3, []),
    ([1, 2, 3], 1, [1, 3]),
    ([1, 2, 3], 2, [1, 2, 3]),
    ([1, 2, 3, 4, 5], 2, [1, 2, 4, 5]),
    ([1, 2, 3, 4, 5, 6], 3, [1, 2, 3, 4, 5, 6]),
])
def test_ends(phrases, keep, expected):
    assert ends(phrases, keep) == expected
