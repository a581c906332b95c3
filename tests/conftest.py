"""Shared fixtures: the seed article, and a store built from it once per test session."""

import os
import shutil

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(REPO, "data", "seed", "putin-spief-2024.txt")
SHARED = os.environ.get("QUOTE_ATLAS_SHARED", os.path.join(os.path.dirname(REPO), "shared"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    with open(SEED, encoding="utf-8") as handle:
        return handle.read()


@pytest.fixture(scope="session")
def seed_analysis(seed_text):
    from analysis.pipeline import analyse_text

    return analyse_text(seed_text, source=SEED)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> str:
    """A store holding the analysed seed article (built once, copied per use if mutated)."""
    from analysis.ingest import read_path
    from analysis.store import build_store

    path = str(tmp_path_factory.mktemp("store") / "seed")
    build_store(path, read_path(SEED).articles)
    return path


@pytest.fixture()
def fresh_store(seed_store, tmp_path) -> str:
    """A private copy of the seed store that a test may modify."""
    path = str(tmp_path / "store")
    shutil.copytree(seed_store, path)
    return path
