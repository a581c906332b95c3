"""The Reader opened from a link shows the article the link names, or says why it cannot.

Before, a link to an article outside the filters, without statements, or not stored at all showed
the first article of the choice instead, silently, and rewrote the URL to it (session 15, qa).
"""

from __future__ import annotations

from analysis.store.batches import article_column
from tests.app.opening import open_app

READER = "pages/reader.py"


def _article_html(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def _seed_id(store: str) -> str:
    (article_id,) = article_column(store, "title")
    return article_id


def test_a_link_to_an_unknown_article_says_so(seed_store, monkeypatch):
    at = open_app(seed_store, monkeypatch, READER, article="ffffffffffffffff")
    warnings = [w.value for w in at.warning]
    assert any("No stored article has the id" in w and "ffffffffffffffff" in w for w in warnings), warnings
    assert at.selectbox(key="reader_article").value == _seed_id(seed_store), "the choice offers the stored one"


def test_a_link_outside_the_filters_shows_that_article_dimmed(seed_store, monkeypatch):
    article_id = _seed_id(seed_store)
    at = open_app(seed_store, monkeypatch, READER, article=article_id, q="zzyzxqqq")
    assert at.selectbox(key="reader_article").value == article_id
    assert "sidelines" in _article_html(at), "the article's text is shown"
    notes = [i.value for i in at.info]
    assert any("None of this article's statements is selected" in n for n in notes), notes
    assert not any("No article has statements matching" in n for n in notes), "not the empty-selection stop"


def test_a_link_to_an_article_without_statements_shows_it(fresh_store, monkeypatch):
    from analysis.build import build_store
    from analysis.ingest import read_bytes

    text = b"The weather in the valley was mild all week. Farmers began the harvest early this year."
    seed = _seed_id(fresh_store)
    build_store(fresh_store, read_bytes(text, "weather.txt").articles)
    (quiet,) = [a for a in article_column(fresh_store, "title") if a != seed]
    at = open_app(fresh_store, monkeypatch, READER, article=quiet)
    assert at.selectbox(key="reader_article").value == quiet, "the linked article, not the first one"
    assert "harvest" in _article_html(at)
    assert any("No statement was found in this article" in c.value for c in at.caption)

