"""Fixtures of the store's tests."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def store_copy(shared_corpus_store, tmp_path) -> str:
    """A private copy of the 300-article store with its warehouse."""
    path = str(tmp_path / "store")
    shutil.copytree(shared_corpus_store, path)
    return path
