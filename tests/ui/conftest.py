"""Fixtures of the ui tests: the 300-article store's selections read both ways."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def both(shared_corpus_store):
    """(engine, engine selection maker, pandas selection maker) on the 300-article store."""
    from analysis.engine import open_engine
    from analysis.store import article_texts
    from analysis.versions import attach_versions
    from ui.data import load_app_corpus
    from ui.selection import EngineSelection, FrameSelection

    corpus = load_app_corpus(shared_corpus_store)
    attach_versions(corpus, lambda ids: article_texts(shared_corpus_store, ids))
    engine = open_engine(shared_corpus_store)
    assert engine.is_current()
    return engine, (lambda f: EngineSelection(engine, f)), (lambda f: FrameSelection(corpus, f))
