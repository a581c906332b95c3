"""Engine.release_cache (analysis/engine/core.py): DuckDB's cached blocks are handed back when no
query runs, never while one does; the memory limit is restored and the answers do not change,
also with threads querying while others release; and the app releases after each script run.
"""

from __future__ import annotations

import os
import threading

import pytest

from analysis.engine import Engine, release_caches
from analysis.engine.core import RELEASED_MB, open_engine
from analysis.query import Filters
from analysis.settings import Settings

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
#: A query that reads every block of the statements' wide columns.
WIDE = "SELECT count(*), sum(length(text)), count(DISTINCT speaker), sum(len(topics)) FROM quotes"
#: Every column of the statements.
EVERYTHING = "SELECT * FROM quotes"


def cached_mb(engine: Engine) -> float:
    """MB held by DuckDB's buffer manager."""
    with engine._cursor() as cursor:
        return cursor.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0] / 2**20


def memory_limit(engine: Engine) -> str:
    with engine._cursor() as cursor:
        return cursor.execute("SELECT current_setting('memory_limit')").fetchone()[0]


@pytest.fixture()
def engine(shared_corpus_store) -> Engine:
    """An engine of its own on 300 real articles (the seed store's blocks are too few to tell)."""
    return Engine(shared_corpus_store, 64, 2)


def test_release_hands_back_the_cached_blocks_and_restores_the_limit(engine):
    limit = memory_limit(engine)
    answer = engine._sql(WIDE)
    engine._sql(EVERYTHING)
    before = cached_mb(engine)  # 300 articles' blocks: about 1 MB, a quarter of it evictable
    assert engine.release_cache(floor_mb=1) is True
    assert cached_mb(engine) < before
    assert memory_limit(engine) == limit
    assert engine._sql(WIDE) == answer


def test_a_floor_under_the_pinned_blocks_releases_nothing_and_keeps_the_limit(engine):
    limit = memory_limit(engine)
    assert engine.release_cache(floor_mb=0) is False
    assert memory_limit(engine) == limit
    assert engine.release_cache() is True and RELEASED_MB >= 1


def test_nothing_is_released_while_a_query_runs(engine):
    engine._sql(WIDE)
    with engine._cursor() as cursor:
        cursor.execute(WIDE)
        assert engine.release_cache() is False
        assert cursor.fetchall()
    assert engine.release_cache() is True


def test_queries_and_releases_at_once_give_the_same_answers(engine):
    filters = [Filters(), Filters(min_confidence=0.5), Filters(versions_once=False)]
    expected = [(engine._sql(WIDE), engine.count(f), engine.statement_page(f, ("quote_id", "text"), limit=5))
                for f in filters]
    failures, released = [], []

    def query(number: int) -> None:
        try:
            for round_ in range(15):
                f = (number + round_) % len(filters)
                got = (engine._sql(WIDE), engine.count(filters[f]),
                       engine.statement_page(filters[f], ("quote_id", "text"), limit=5))
                if got[:2] != expected[f][:2] or not got[2].equals(expected[f][2]):
                    failures.append((number, round_))
        except Exception as error:  # noqa: BLE001 - an out-of-memory error is a failure too
            failures.append(error)

    def release() -> None:
        released.extend(engine.release_cache() for _ in range(200))

    threads = [threading.Thread(target=query, args=(n,)) for n in range(3)] + [threading.Thread(target=release)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(released) == 200
    assert engine.release_cache() is True


def test_the_app_releases_the_engine_after_a_script_run(seed_store, monkeypatch):
    from streamlit.testing.v1 import AppTest

    open_engine(seed_store, Settings(memory_mb=64, threads=1))._sql(WIDE)
    calls = []
    monkeypatch.setattr("analysis.engine.core.release_caches", lambda: calls.append(1) or release_caches())
    monkeypatch.setenv("QUOTE_ATLAS_STORE", seed_store)
    at = AppTest.from_file(os.path.join(REPO, "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert calls
