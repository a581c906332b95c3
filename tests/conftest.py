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
    from analysis.build import build_store
    from analysis.ingest import read_path

    path = str(tmp_path_factory.mktemp("store") / "seed")
    build_store(path, read_path(SEED).articles)
    return path


@pytest.fixture()
def fresh_store(seed_store, tmp_path) -> str:
    """A private copy of the seed store that a test may modify."""
    path = str(tmp_path / "store")
    shutil.copytree(seed_store, path)
    return path


@pytest.fixture(scope="session")
def two_article_store(seed_store, tmp_path_factory) -> str:
    """A store of the seed article and a relabelled copy (other id, title, outlet and date).

    Two articles make values that a selection leaves out (another article's id, title,
    outlet), which categoricals keep as unused categories.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.store import BATCHES, SCHEMAS, load_corpus

    seed = load_corpus(seed_store)
    frames = {"articles": seed.articles, "quotes": seed.quotes, "mentions": seed.mentions,
              "keywords": seed.keywords, "topic_hits": seed.topic_hits}
    copies = {}
    for table, frame in frames.items():
        copy = frame.copy()
        copy["article_id"] = copy["article_id"] + "~copy"
        if table == "articles":
            copy = copy.assign(title="A copy of " + copy["title"], outlet="Other Outlet", date="2019-05-04")
        if table == "quotes":
            copy["quote_id"] = copy["article_id"] + ":" + copy["quote_id"].str.rsplit(":", n=1).str[1]
            copy = copy[copy.index % 3 != 0]  # not every statement: the copy has fewer
        copies[table] = pd.concat([frame, copy], ignore_index=True)
    path = tmp_path_factory.mktemp("store") / "two"
    folder = path / BATCHES / "00000000000000000001-copy"
    folder.mkdir(parents=True)
    for table, frame in copies.items():
        arrow = pa.Table.from_pandas(frame[SCHEMAS[table].names], schema=SCHEMAS[table], preserve_index=False)
        pq.write_table(arrow, folder / f"{table}.parquet")
    return str(path)


@pytest.fixture(scope="session")
def shared_corpus_store(tmp_path_factory) -> str:
    """A store of the 300 shared real news articles (``../shared/corpus``), built once per session.

    Real news breaks what the seed article never does (missing speakers, dates, outlets).
    """
    from analysis.build import build_store
    from analysis.ingest import read_path

    corpus = os.path.join(SHARED, "corpus", "news_politics_world_300.jsonl")
    if not os.path.exists(corpus):
        pytest.skip(f"the shared corpus is not at {corpus}")
    path = str(tmp_path_factory.mktemp("store") / "shared300")
    build_store(path, read_path(corpus).articles, batch_size=100, n_process=2)
    return path
