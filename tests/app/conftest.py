"""Fixtures of the AppTest files."""

import pytest


@pytest.fixture(scope="module")
def real_store(shared_corpus_store):
    """The 300-article store as the app's store (QUOTE_ATLAS_STORE) for one test module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUOTE_ATLAS_STORE", shared_corpus_store)
        yield shared_corpus_store
