"""Key phrases of unions of sliced values, counted from the slices' phrase counts
(:mod:`analysis.engine.union_phrases`), equal those of counting the union's statements, row for row;
and a union the counts cannot prove, or a warehouse without them, takes the general path.
"""

from __future__ import annotations

import pytest

from analysis import keywords, query
from analysis.engine import union_phrases as union_module
from analysis.engine.phrases import SELECTION_COUNTS
from analysis.query import Filters
from analysis.store.warehouse import scored_phrases_sql
from tests.analysis.engine.test_slices import _unions


def _counted_rows(engine, filters: Filters, limit: int) -> list:
    """The best ``limit`` (score, phrase, stems) rows from counting the selection's statements."""
    cte, params = engine._selected(filters, "q.phrase_groups, q.phrase_forms")  # noqa: SLF001
    counts = cte[len("WITH "):] + ", " + SELECTION_COUNTS
    sql = scored_phrases_sql(counts, keywords.statements.SHORT_TEXT_LENGTH_BONUS, limit,
                             engine._max_phrase_spaces())  # noqa: SLF001
    return engine._sql(sql + " LIMIT ?", [*params, limit])  # noqa: SLF001


@pytest.mark.parametrize("limit", [1, 3, 40, 300])
def test_union_rows_are_those_of_counting_its_statements(sliced, limit):
    corpus, engine, _chosen = sliced
    proved = 0
    unions = _unions(corpus)
    for filters in unions:
        rows = engine._union_phrase_rows(engine._union_values(filters), limit)  # noqa: SLF001
        if rows is not None:
            proved += 1
            assert rows == _counted_rows(engine, filters, limit), (filters, limit)
    assert proved >= len(unions) - 2  # the counts prove almost every union at once


def test_union_key_phrases_are_those_of_query(sliced):
    corpus, engine, _chosen = sliced
    for filters in _unions(corpus):
        found = engine._union_keywords(filters, 12, 360)  # noqa: SLF001
        assert found is not None, filters
        assert found == query.statement_keywords(corpus, query.filter_quotes(corpus, filters), top_n=12)


def test_unproved_unions_take_the_general_path(sliced, monkeypatch):
    corpus, engine, _chosen = sliced
    filters = _unions(corpus)[0]
    expected = query.statement_keywords(corpus, query.filter_quotes(corpus, filters), top_n=12)
    monkeypatch.setattr(union_module, "_MARGIN", 1e9)  # no tau can prove anything
    assert engine._union_keywords(filters, 12, 360) is None  # noqa: SLF001
    assert engine.statement_keywords(filters, top_n=12) == expected


@pytest.mark.parametrize("filters", [
    Filters(countries=("UKR",)), Filters(countries=("UKR", "RUS"), topics=("war",)),
    Filters(countries=("UKR", "RUS"), search="missile"), Filters(),
], ids=["one-value", "two-dimensions", "search", "everything"])
def test_other_selections_are_no_union(sliced, filters):
    _corpus, engine, _chosen = sliced
    assert engine._union_keywords(filters, 12, 360) is None  # noqa: SLF001


def test_values_without_slice_add_their_phrases(partly_sliced, monkeypatch):
    corpus, engine, common, rare = partly_sliced
    unions = [Filters(countries=(common[0], rare[0])), Filters(countries=(rare[1], common[0], rare[0], common[1])),
              Filters(countries=(rare[0], common[1]), versions_once=False)]
    for filters in unions:
        found = engine._union_keywords(filters, 12, 360)  # noqa: SLF001
        assert found is not None, filters
        assert found == query.statement_keywords(corpus, query.filter_quotes(corpus, filters), top_n=12)
    # A warehouse written before the slices kept their phrase counts: the general path answers.
    monkeypatch.setattr(engine, "_tables", engine._tables - {"s_phrase_groups"})  # noqa: SLF001
    assert engine._union_keywords(unions[0], 12, 360) is None  # noqa: SLF001
    assert engine.statement_keywords(unions[0], top_n=12) == \
        query.statement_keywords(corpus, query.filter_quotes(corpus, unions[0]), top_n=12)
