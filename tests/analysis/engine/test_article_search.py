"""The Corpus page's search through the warehouse's article index (``Engine.article_search``,
analysis/store/article_search.py) gives what :class:`analysis.search.ArticleIndex` gives over every
article's text read from the batches: the same count, hits, order and snippets, on the 300 real
articles; hostile queries give no error; a warehouse written before the index (format 4) has none.
"""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from analysis.engine import open_engine
from analysis.search import ArticleIndex
from analysis.store.batches import article_column
from analysis.store.warehouse import FORMAT, warehouse_batches, write_warehouse
from tests.analysis.engine.test_answers import SETTINGS

# (query, what the 300 articles must give: "some" = at least one hit, 0 = none)
CASES = [
    ("missile", "some"),
    ("missiles", "some"),
    ("title:ukraine", "some"),
    ('"prime minister"', "some"),
    ("gaza OR israel", "some"),
    ("minister -trump", "some"),
    ("minist*", "some"),
    ("the", "some"),  # nearly every article: the order of many close scores
    ("zzzqqqxx", 0),
    ('"prime zzzqqqxx"', 0),
    ("title:zzzqqqxx OR zzzqqqyy", 0),
    ("NEAR(", "any"),
    ('"', 0),
    ("*", 0),
    ('"unbalanced', "any"),
    ("{text}: AND OR NOT", "any"),
    ("-minister", 0),  # exclusions only: nothing to find
    ("x" * 10_000, 0),
    ("", 0),
]


@pytest.fixture(scope="module")
def pair(shared_corpus_store):
    """(the engine's article search, an ArticleIndex of every article read from the batches)."""
    engine = open_engine(shared_corpus_store, SETTINGS)
    articles = engine.articles_of(None, ("article_id", "title"))
    ids = articles["article_id"].astype(object).tolist()
    texts = article_column(shared_corpus_store, "text", ids)
    index = ArticleIndex(ids, articles["title"].astype(object).fillna("").tolist(), [texts.get(a) or "" for a in ids])
    searched = engine.article_search()
    assert searched is not None
    return searched, index


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_the_same_hits_as_the_in_memory_index(pair, query, expected):
    searched, index = pair
    total, hits = searched.search(query, limit=50)
    assert (total, hits) == index.search(query, limit=50)
    if expected == "some":
        assert total > 0 and hits and all(h.snippet for h in hits)
    elif expected == 0:
        assert total == 0 and hits == []
    assert len(hits) == min(total, 50)


@pytest.mark.parametrize("limit", [1, 7, 300])
def test_limits_cut_the_same_ranking(pair, limit):
    searched, index = pair
    assert searched.search("minister", limit=limit) == index.search("minister", limit=limit)


def test_snippets_mark_the_words_found(pair):
    searched, _index = pair
    _total, hits = searched.search("missiles", limit=50)
    assert hits
    for hit in hits:
        marked = [hit.snippet[start:end].lower() for start, end in hit.spans]
        assert marked and all(word.startswith("missile") for word in marked), (hit.article_id, marked)


def test_a_format_4_warehouse_has_no_article_index_and_is_rewritten(pair, shared_corpus_store, tmp_path):
    import duckdb

    from analysis.store.warehouse import warehouse_path

    store = str(tmp_path / "store")
    shutil.copytree(shared_corpus_store, store)
    with duckdb.connect(warehouse_path(store)) as con:  # as a format-4 build wrote it: statements only
        con.execute("UPDATE meta SET value = '4' WHERE key = 'format'")
        search_file = con.execute("SELECT value FROM meta WHERE key = 'search_file'").fetchone()[0]
    with sqlite3.connect(os.path.join(store, search_file)) as fts:
        fts.execute("DROP TABLE a")
        fts.execute("DROP TABLE ids")
    old = open_engine(store, SETTINGS)
    assert old.article_search() is None  # the app indexes the texts itself (ui.data.article_index)
    assert warehouse_batches(store) is None  # so build and refresh rewrite it
    write_warehouse(store)
    assert warehouse_batches(store) is not None and FORMAT == 5
    searched, _index = pair
    new = open_engine(store, SETTINGS).article_search()
    assert new is not None and new.search("missile") == searched.search("missile")


def _newest_first(store: str, article_ids) -> list[str]:
    """``article_ids`` most recently stored first (the article index's row ids, highest first)."""
    from analysis.store.article_search import IDS

    engine = open_engine(store, SETTINGS)
    with sqlite3.connect(f"file:{engine._search_file}?mode=ro", uri=True) as fts:
        ids = dict(fts.execute(f"SELECT article_id, id FROM {IDS}").fetchall())
    return sorted(article_ids, key=lambda a: -ids[a])


@pytest.mark.parametrize("query", ["the", "minister", "title:ukraine", "gaza OR israel", "zzzqqqxx"])
def test_a_search_matching_more_than_the_cap_ranks_the_newest_matches(shared_corpus_store, query):
    engine = open_engine(shared_corpus_store, SETTINGS)
    every = engine.article_search()
    every.ranked_at_most = None
    total, ranked = every.search(query, limit=10_000)  # every match, best first
    assert len(ranked) == total
    for cap in (1, max(1, total // 3), total):
        capped = engine.article_search()
        capped.ranked_at_most = cap
        count, hits = capped.search(query, limit=50)
        assert count == total  # every match still counted
        assert capped.ranks_all(total) == (total <= cap)
        newest = set(_newest_first(shared_corpus_store, [h.article_id for h in ranked])[:cap])
        # The whole index's scores and order, among the newest matches only.
        assert hits == [h for h in ranked if h.article_id in newest][:50], (query, cap)
        if total == 0:
            assert hits == []
        elif cap < total:
            assert len(hits) == min(cap, 50) and {h.article_id for h in hits} <= newest


def test_the_default_cap_is_the_modules(pair):
    from analysis.store.article_search import RANKED_AT_MOST

    searched, index = pair
    assert searched.ranked_at_most == RANKED_AT_MOST and searched.ranks_all(RANKED_AT_MOST)
    assert not searched.ranks_all(RANKED_AT_MOST + 1)
    assert index.ranked_at_most is None and index.ranks_all(10**9)  # the in-memory index ranks every match
