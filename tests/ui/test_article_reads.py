"""ui.article_reads.stored_article (the Reader's header of an article no statement selects): one read of the
article's row through the engine, the same fields as the store's own reads without it, None for an unknown id.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.store import load_corpus


@pytest.mark.parametrize("with_engine", [True, False])
def test_a_stored_articles_fields_are_those_of_the_store(shared_corpus_store, monkeypatch, with_engine):
    from ui import article_reads

    monkeypatch.setenv("QUOTE_ATLAS_STORE", shared_corpus_store)
    if not with_engine:
        monkeypatch.setattr(article_reads, "current_engine", lambda _path: None)
    else:
        assert article_reads.current_engine(shared_corpus_store) is not None
    article_reads._stored_article.clear()  # noqa: SLF001 (cached across tests by store state)
    articles = load_corpus(shared_corpus_store).articles.set_index("article_id")
    for article_id in list(articles.index[:3]) + [articles.index[-1]]:
        got = article_reads.stored_article(article_id)
        expected = articles.loc[article_id]
        assert got["article_id"] == article_id and got["title"] == expected["title"]
        assert str(got["outlet"] or "") == str(expected["outlet"] if pd.notna(expected["outlet"]) else "")
        assert (got["date"] is None) == pd.isna(expected["date"])
    assert article_reads.stored_article("no-such-article") is None
    article_reads._stored_article.clear()  # noqa: SLF001
