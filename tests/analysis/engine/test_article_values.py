"""``Engine.article_values``: an article's stored fields read from its own batch give what
``analysis.store.article_column`` gives reading every batch (the Quotes and Reader pages' article
text, title, date and outlet), on the 300 real articles stored in three batches.
"""

from __future__ import annotations

import pytest

from analysis.engine import open_engine
from analysis.store.batches import article_column, list_batches
from tests.analysis.engine.test_answers import SETTINGS


@pytest.fixture(scope="module")
def engine(shared_corpus_store):
    assert len(list_batches(shared_corpus_store)) >= 3  # articles in several batches: the batch is chosen
    return open_engine(shared_corpus_store, SETTINGS)


@pytest.mark.parametrize("column", ["text", "title", "date", "outlet", "url"])
def test_every_article_as_the_store_reads_it(engine, shared_corpus_store, column):
    everything = article_column(shared_corpus_store, column)
    ids = list(everything)
    assert len(ids) > 250
    assert engine.article_values(column, ids) == everything
    # One article at a time, as the pages ask: the same value (None where the store has none).
    for article_id in ids[::37]:
        assert engine.article_values(column, [article_id]) == {article_id: everything[article_id]}


@pytest.mark.parametrize("ids", [[], ["no-such-article"], ["no-such-article", "", "'; DROP TABLE articles; --"]])
def test_unknown_or_no_articles_give_nothing(engine, ids):
    assert engine.article_values("text", ids) == {}


def test_missing_values_are_none_as_in_the_store(engine, shared_corpus_store):
    dates = article_column(shared_corpus_store, "date")
    undated = [a for a, d in dates.items() if d is None]
    if not undated:
        pytest.skip("every article of the shared corpus is dated")
    assert engine.article_values("date", undated[:5]) == {a: None for a in undated[:5]}
