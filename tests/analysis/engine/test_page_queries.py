"""The engine's queries for the Reader, Corpus, Compare and Briefing pages (analysis/engine/):
answers on the seed store, and clear errors for what they cannot answer. Their agreement with the
pandas path on 300 real articles is tested page by page in tests/app/test_engine_pages.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.engine import open_engine
from analysis.query import Filters, filter_quotes
from analysis.settings import Settings
from analysis.store import load_corpus

SETTINGS = Settings(memory_mb=128, threads=1)


@pytest.fixture(scope="module")
def engine_and_corpus(seed_store):
    return open_engine(seed_store, SETTINGS), load_corpus(seed_store, texts=False)


def test_articles_and_statements_by_article(engine_and_corpus):
    engine, corpus = engine_and_corpus
    articles = engine.articles_of(None, ("article_id", "title", "words"))
    assert articles["article_id"].tolist() == corpus.articles["article_id"].tolist()
    assert engine.articles_of(Filters(search="zzyzxqq")).empty
    by_article = engine.statements_by(Filters(versions_once=False), "article_id")
    assert by_article["statements"].sum() == len(corpus.quotes)
    with pytest.raises(ValueError, match="no article column"):
        engine.articles_of(None, ("text",))
    with pytest.raises(ValueError, match="article_id or outlet"):
        engine.statements_by(Filters(), "speaker")


def test_a_comparison_side(engine_and_corpus):
    engine, corpus = engine_and_corpus
    putin = engine.side_counts(Filters(versions_once=False), "speaker", "Vladimir Putin")
    mine = filter_quotes(corpus, Filters(speakers=("Vladimir Putin",), versions_once=False))
    assert putin["statements"] == len(mine) > 0 and putin["speakers"] == 1 and putin["articles"] == 1
    assert putin["topics"] and sum(putin["phrases"].values()) > 0 and putin["tone"][0] == mine["tone"].notna().sum()
    nobody = engine.side_counts(Filters(), "country", "ATA")
    assert nobody["statements"] == 0 and nobody["topics"] == {} and nobody["phrases"] == {}
    dates, undated = engine.date_range(Filters()), engine.undated_statements(Filters())
    if dates is None:  # an undated article: no period holds its statements
        assert undated == engine.count(Filters())
        dates = (dt.date(1900, 1, 1), dt.date(2100, 1, 1))
    assert dates[0] <= dates[1]
    inside = engine.side_counts(Filters(), "period", dates)
    assert inside["statements"] == engine.count(Filters()) - undated
    assert engine.date_range(Filters(search="zzyzxqq")) is None
    with pytest.raises(ValueError, match="cannot compare by"):
        engine.side_counts(Filters(), "outlet", "x")


def test_representative_statements(engine_and_corpus):
    engine, _ = engine_and_corpus
    page = engine.representative_page(Filters(), ["russia"], 3, ("quote_id", "text"))
    assert len(page) == 3 and page["quote_id"].is_unique
    assert engine.representative_page(Filters(search="zzyzxqq"), ["russia"], 3, ("quote_id",)).empty
    with pytest.raises(ValueError, match="no statement column"):
        engine.representative_page(Filters(), [], 3, ("nonsense",))
