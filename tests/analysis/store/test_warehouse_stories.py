"""The warehouse's ``stories`` table: the stories stored in several versions, found once by the build."""

from __future__ import annotations

import duckdb

from analysis.build import build_store
from analysis.engine import open_engine
from analysis.store import article_texts, load_corpus
from analysis.store.warehouse import current_build_id, lacks_stories, warehouse_path, write_warehouse
from analysis.versions import find_versions


def test_the_stories_are_those_the_texts_give(shared_corpus_store):
    ids = load_corpus(shared_corpus_store).articles["article_id"].astype(object).tolist()
    expected = find_versions(ids, read=lambda chunk: article_texts(shared_corpus_store, chunk))
    kept = open_engine(shared_corpus_store).story_versions()
    assert expected.stories  # the 300 real articles hold a few stories in several versions
    assert kept == expected
    longest_first = kept.stories[0]
    assert kept.others(longest_first[0]) == longest_first[1:]
    assert kept.others("no-such-article") == ()
    assert not lacks_stories(shared_corpus_store)


def test_a_warehouse_built_without_versions_has_no_stories(store_copy):
    write_warehouse(store_copy, versions=False, append=False)
    assert open_engine(store_copy).story_versions() is None
    assert not lacks_stories(store_copy)  # nothing was found, so nothing is missing


def test_a_warehouse_from_before_the_table_is_rewritten_by_the_next_build(store_copy):
    with duckdb.connect(warehouse_path(store_copy)) as con:
        con.execute("DROP TABLE stories")
    before = current_build_id(store_copy)
    assert lacks_stories(store_copy)
    assert open_engine(store_copy).story_versions() is None
    build_store(store_copy, [])  # what refresh does when nothing is re-analysed
    assert current_build_id(store_copy) != before
    assert not lacks_stories(store_copy)
    assert open_engine(store_copy).story_versions().stories


def test_a_store_without_a_warehouse_lacks_nothing(tmp_path):
    assert not lacks_stories(str(tmp_path))
