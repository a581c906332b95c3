"""ui/catch_up.py: the warehouse brought up to date after an upload in a background thread, while
the store's writer lock is respected; nothing done for a store without a warehouse.
"""

from __future__ import annotations

import os
import shutil
import threading

from analysis.engine import open_engine
from analysis.query import Filters
from analysis.settings import Settings
from analysis.store import list_batches, writer_lock
from analysis.store.fs import BATCHES
from analysis.store.warehouse import warehouse_batches, write_warehouse
from ui import catch_up

SETTINGS = Settings(memory_mb=128, threads=1)


def _stale_store(seed_store, two_article_store, tmp_path) -> str:
    """The seed store with its warehouse, then one more batch (as an upload commits it)."""
    store = str(tmp_path / "store")
    shutil.copytree(seed_store, store)
    write_warehouse(store)
    batch = list_batches(two_article_store)[0]
    shutil.copytree(os.path.join(two_article_store, BATCHES, batch), os.path.join(store, BATCHES, batch))
    return store


def test_a_stale_warehouse_catches_up_in_the_background(seed_store, two_article_store, tmp_path):
    store = _stale_store(seed_store, two_article_store, tmp_path)
    assert not catch_up.is_current(store)
    called = threading.Event()
    with writer_lock(store):  # an upload still writing: the thread waits for the lock
        thread = catch_up.catch_up_later(store, done=called.set)
        assert thread is not None and catch_up.catch_up_later(store) is thread  # one thread per store
        assert not called.wait(1.5) and not catch_up.is_current(store)
    thread.join(120)
    assert called.is_set() and catch_up.is_current(store)
    assert warehouse_batches(store) == list_batches(store)
    engine = open_engine(store, SETTINGS)
    whole = str(tmp_path / "whole")
    shutil.copytree(store, whole)
    for name in os.listdir(whole):
        if name.startswith("warehouse"):
            os.remove(os.path.join(whole, name))
    write_warehouse(whole)
    assert engine.is_current()
    assert engine.summary(Filters()) == open_engine(whole, SETTINGS).summary(Filters())
    assert engine.store_facts() == open_engine(whole, SETTINGS).store_facts()


def test_nothing_to_catch_up(seed_store, tmp_path):
    no_warehouse = str(tmp_path / "none")
    shutil.copytree(seed_store, no_warehouse)
    for name in os.listdir(no_warehouse):
        if name.startswith("warehouse"):
            os.remove(os.path.join(no_warehouse, name))
    assert catch_up.catch_up_later(no_warehouse) is None  # `refresh` makes the first warehouse
    assert catch_up.catch_up_later("s3://bucket/store") is None
    current = str(tmp_path / "current")
    shutil.copytree(seed_store, current)
    write_warehouse(current)
    before = os.stat(os.path.join(current, "warehouse.duckdb")).st_mtime_ns
    catch_up.catch_up(current)
    assert os.stat(os.path.join(current, "warehouse.duckdb")).st_mtime_ns == before
