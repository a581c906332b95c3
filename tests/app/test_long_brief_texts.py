"""The long brief's article texts (``ui.data.corpus_with_texts``): read from the articles' own
batches when the store's warehouse is current (never every batch), the same texts as reading
every batch, and from every batch when the warehouse is stale.
"""

from __future__ import annotations

import shutil

import pandas as pd

from analysis.store import corpus as store_corpus
from analysis.store import load_corpus, with_texts


def _refuse(*_args, **_kwargs):
    raise AssertionError("every batch was read for the texts")


def test_texts_from_their_own_batches_are_those_of_every_batch(real_store, monkeypatch):
    from ui import article_reads, data

    corpus = load_corpus(real_store, texts=False)
    ids = corpus.articles["article_id"].tolist()[::9] + ["no-such-article"]
    expected = with_texts(corpus, real_store, ids).articles
    assert expected["text"].notna().sum() > 20
    monkeypatch.setattr(store_corpus, "article_texts", _refuse)
    monkeypatch.setattr(article_reads, "article_column", _refuse)
    got = data.corpus_with_texts(corpus, ids).articles
    pd.testing.assert_frame_equal(got, expected)


def test_a_stale_warehouse_reads_every_batch(shared_corpus_store, tmp_path, monkeypatch):
    from analysis.store import list_batches
    from ui import article_reads, data

    store = str(tmp_path / "store")
    shutil.copytree(shared_corpus_store, store)
    last = list_batches(store)[-1]
    shutil.rmtree(f"{store}/batches/{last}")  # the warehouse now holds a batch the store has not
    monkeypatch.setenv("QUOTE_ATLAS_STORE", store)
    corpus = load_corpus(store, texts=False)
    ids = corpus.articles["article_id"].tolist()[:5]
    got = data.corpus_with_texts(corpus, ids).articles
    assert got["text"].notna().all() and len(got) == 5
    monkeypatch.setattr(article_reads, "article_column", _refuse)
    try:
        data.corpus_with_texts(corpus, ids)
    except AssertionError as refused:
        assert "every batch" in str(refused)
    else:
        raise AssertionError("a stale warehouse was read")
