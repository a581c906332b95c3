"""The best key phrases' stems read by group id (``scored_phrases_sql(..., stems=False)`` and
``Phrases._with_stems``) are those of joining the dictionary's stems lists, row for row; and a
selection's key phrases through that path are those of the pandas path.
"""

from __future__ import annotations

import pytest

from analysis import keywords, query
from analysis.engine.phrases import SELECTION_COUNTS
from analysis.query import Filters
from analysis.store.warehouse import scored_phrases_sql

FILTERS = [Filters(countries=("UKR",)), Filters(countries=("RUS", "USA"), topics=("war",)),
           Filters(topics=("elections",), versions_once=False), Filters(search="minister"),
           Filters(countries=("ATA",))]


def _rows(engine, filters: Filters, limit: int, stems: bool) -> list:
    cte, params = engine._selected(filters, "q.phrase_groups, q.phrase_forms")  # noqa: SLF001
    counts = cte[len("WITH "):] + ", " + SELECTION_COUNTS
    sql = scored_phrases_sql(counts, keywords.statements.SHORT_TEXT_LENGTH_BONUS, limit,
                             engine._max_phrase_spaces(), stems=stems)  # noqa: SLF001
    return engine._sql(sql + " LIMIT ?", [*params, limit])  # noqa: SLF001


@pytest.mark.parametrize("limit", [1, 3, 300])
@pytest.mark.parametrize("filters", FILTERS, ids=["one-country", "two-dimensions", "all-versions", "search",
                                                  "no-statement"])
def test_stems_by_id_equal_the_joined_stems(partly_sliced, filters, limit):
    _corpus, engine, _common, _rare = partly_sliced
    joined = _rows(engine, filters, limit, stems=True)
    by_id = _rows(engine, filters, limit, stems=False)
    assert [row[:2] for row in by_id] == [row[:2] for row in joined]  # the same scores and phrases
    assert all(isinstance(row[2], int) for row in by_id)  # group ids, not stems
    assert engine._with_stems(by_id) == joined  # noqa: SLF001
    if filters.countries == ("ATA",):
        assert joined == []


@pytest.mark.parametrize("filters", FILTERS[:4], ids=["one-country", "two-dimensions", "all-versions", "search"])
def test_key_phrases_through_stems_by_id_are_those_of_pandas(partly_sliced, filters):
    corpus, engine, _common, _rare = partly_sliced
    expected = query.statement_keywords(corpus, query.filter_quotes(corpus, filters), top_n=12)
    assert engine.statement_keywords(filters, top_n=12) == expected
    assert expected  # the cases have key phrases to compare


def test_the_build_stores_the_most_spaces_of_any_form(partly_sliced, tmp_path):
    # The scan of every form took 1-6 s at a million articles on a filter's first key phrases: the
    # build stores its answer; a warehouse built before that (no key) is scanned on first use.
    import shutil

    import duckdb

    from analysis.engine import open_engine
    from analysis.store.phrase_scoring import MAX_SPACES_SQL
    from analysis.store.warehouse import warehouse_path
    from tests.analysis.engine.test_answers import SETTINGS

    _corpus, engine, _common, _rare = partly_sliced
    (stored,), = engine._sql("SELECT value FROM meta WHERE key = 'max_phrase_spaces'")  # noqa: SLF001
    (scanned,), = engine._sql(MAX_SPACES_SQL)  # noqa: SLF001
    assert int(stored) == scanned > 0
    older = tmp_path / "store"
    shutil.copytree(engine.store_dir, older)
    with duckdb.connect(warehouse_path(str(older))) as con:
        con.execute("DELETE FROM meta WHERE key = 'max_phrase_spaces'")
    before = open_engine(str(older), SETTINGS)
    assert before._phrase_spaces is None  # noqa: SLF001
    assert before._max_phrase_spaces() == scanned  # noqa: SLF001
