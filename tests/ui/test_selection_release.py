"""ui.selection.EngineSelection hands DuckDB's cached blocks back right after reading a page of rows
and an article's statements (the wide columns' blocks no other answer reads), within the page's run;
the answers are those of the engine read without it (docs/speed.md, session 17).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.engine import Engine
from analysis.query import Filters
from ui.components import TABLE_COLUMNS
from ui.selection import EngineSelection

#: A page of rows as the Quotes page asks for it (text and the columns of the picked statement).
COLUMNS = (*TABLE_COLUMNS, "quote_id", "article_id", "outlet", "start", "end", "segments")


@pytest.fixture()
def counted(shared_corpus_store, monkeypatch):
    """(an engine of its own on the 300 real articles, the list its ``release_cache`` calls append to)."""
    engine = Engine(shared_corpus_store, 64, 2)
    calls = []
    release = engine.release_cache

    def counting(*args, **kwargs):
        calls.append(release(*args, **kwargs))
        return calls[-1]

    monkeypatch.setattr(engine, "release_cache", counting)
    return engine, calls


@pytest.mark.parametrize(("filters", "recent", "limit", "offset"), [
    (Filters(countries=("DEU",)), True, 2_000, 0),
    (Filters(), True, 50, 100),
    (Filters(topics=("elections",)), False, 10, 0),
    (Filters(search="zzyzxqq"), True, 2_000, 0),  # nothing selected: released all the same
])
def test_a_page_of_rows_is_read_then_the_cache_released(counted, filters, recent, limit, offset):
    engine, calls = counted
    rows = EngineSelection(engine, filters).rows(COLUMNS, recent=recent, limit=limit, offset=offset)
    assert calls == [True]  # no other query was running: released
    expected = engine.statement_page(filters, COLUMNS, recent=recent, limit=limit, offset=offset)
    assert list(rows.index) == list(expected.index)
    pd.testing.assert_series_equal(rows["text"], expected["text"])
    assert rows["quote_id"].tolist() == expected["quote_id"].tolist()


def test_an_articles_statements_are_read_then_the_cache_released(counted):
    engine, calls = counted
    selection = EngineSelection(engine, Filters())
    article_id = selection.rows(("article_id",), limit=1)["article_id"].iloc[0]
    calls.clear()
    statements, mentions = selection.article(article_id)
    assert calls == [True]
    assert len(statements) > 0 and set(statements["article_id"]) == {article_id}
    assert set(mentions["kind"]) <= {"country", "region"}


def test_a_running_query_keeps_the_cache(counted):
    engine, calls = counted
    with engine._cursor():  # another session's query, still open
        EngineSelection(engine, Filters(countries=("DEU",))).rows(COLUMNS, recent=True, limit=20)
    assert calls == [False]
