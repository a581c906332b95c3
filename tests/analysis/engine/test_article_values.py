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


def test_articles_in_several_row_groups_read_the_same(engine, shared_corpus_store, tmp_path):
    """Batches written since articles.parquet has row groups of 500 (``ROW_GROUP_ROWS``), and any other
    layout, give the same values as one group per batch (the stores written before).
    """
    import os
    import shutil

    import pyarrow.parquet as pq

    store = str(tmp_path / "store")
    shutil.copytree(shared_corpus_store, store)
    for batch in list_batches(store):
        path = os.path.join(store, "batches", batch, "articles.parquet")
        pq.write_table(pq.read_table(path), path, row_group_size=7)  # same rows, same order
        assert pq.ParquetFile(path).num_row_groups > 1
    grouped = open_engine(store, SETTINGS)
    everything = article_column(shared_corpus_store, "text")
    ids = list(everything)
    assert grouped.article_records(("title", "text"), ids) == engine.article_records(("title", "text"), ids)
    assert grouped.article_values("text", ids) == everything
    assert grouped.article_values("text", ids[5:6] + ["no-such-article"]) == {ids[5]: everything[ids[5]]}


def test_only_article_columns_are_read(engine):
    with pytest.raises(ValueError):
        engine.article_records(('text" FROM x; --',), ["a"])
