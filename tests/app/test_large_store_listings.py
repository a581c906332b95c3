"""AppTest: the Reader and Corpus pages of a store too large to list in full (the threshold lowered
on the 300-article store read through the engine) offer the articles of the most recent statements,
say so, still open an article a link names, and never load the corpus or a row per article.
"""

from __future__ import annotations

import shutil

import pytest

from analysis.engine import open_engine
from analysis.query import Filters
from tests.app.opening import open_app


@pytest.fixture
def large(shared_corpus_store, tmp_path, monkeypatch):
    """A copy of the 300-article store, listed as a large store is (above ``LISTED_IN_FULL``), with
    the corpus loader and the whole-store article query refused."""
    import streamlit as st

    import ui.selection.limits
    from analysis.engine import Engine
    from ui import data

    store = str(tmp_path / "large")
    shutil.copytree(shared_corpus_store, store)
    # The copy has the store's build id, so answers other tests shared for the store (its article
    # list in full) would be served again: the lowered thresholds must be what answers.
    st.cache_resource.clear()
    st.cache_data.clear()
    monkeypatch.setattr(ui.selection.limits, "LISTED_IN_FULL", 20)
    monkeypatch.setattr(ui.selection.limits, "RECENT_STATEMENTS", 150)
    monkeypatch.setattr(data, "VERSIONS_IN_REQUEST", 20)  # stories are not found for a large store

    def refuse(*args, **kwargs):
        raise AssertionError("a row per article of the store was read")

    monkeypatch.setattr(data, "load_app_corpus", refuse)
    original = Engine.articles_of

    def articles_of(self, filters=None, columns=("article_id", "title", "date", "outlet")):
        if filters is None and columns != ("version",):  # the provenance line's analysis versions only
            refuse()
        return original(self, filters, columns)

    monkeypatch.setattr(Engine, "articles_of", articles_of)
    return store


def test_the_reader_offers_the_most_recent_articles_and_opens_a_linked_one(large, monkeypatch):
    at = open_app(large, monkeypatch, "pages/reader.py")
    offered = at.selectbox(key="reader_article").options
    assert 0 < len(offered) < 200
    assert any("articles of the most recent statements of" in c.value for c in at.caption)
    first = at.selectbox(key="reader_article").value
    quoting = open_engine(large).articles_of(Filters(), ("article_id",))["article_id"]
    linked = next(a for a in quoting if a not in offered)  # an article holding statements, not offered
    opened = open_app(large, monkeypatch, "pages/reader.py", article=linked)
    assert opened.selectbox(key="reader_article").value == linked != first
    assert len(opened.selectbox(key="reader_article").options) == len(offered) + 1
    assert opened.html  # the article drawn
    unknown = open_app(large, monkeypatch, "pages/reader.py", article="no-such-article")
    assert unknown.selectbox(key="reader_article").value == first


def test_the_corpus_page_lists_the_most_recent_articles_with_their_counts(large, monkeypatch):
    at = open_app(large, monkeypatch, "pages/corpus.py", country="DEU")
    at.session_state["corpus_tab"] = "Articles"  # the tabs run lazily: open it
    at.run()
    listing = next(d.value for d in at.dataframe if "Matching" in d.value.columns)
    assert 0 < len(listing) < 200
    assert any("most recent (articles of the most recent statements)" in c.value
               for c in at.caption)
    assert (listing["Statements"] >= listing["Matching"]).all() and listing["Matching"].sum() > 0
    assert listing["Words"].min() > 0
