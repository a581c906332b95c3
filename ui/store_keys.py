"""Which store the app reads, the cache keys that follow its state, and its engine when current.

Every cached answer of the app is keyed by :func:`batch_state` or :func:`store_state`, so a new
batch, a compaction or a logged correction reads again; :func:`warehouse_stamp` changes when
``build``/``refresh`` replaces the warehouse.
"""

from __future__ import annotations

import os

from analysis.settings import load_settings
from analysis.store import list_batches
from analysis.store.corrections import log_token
from analysis.store.fs import is_remote


def store_dir() -> str:
    """The store folder this app reads and appends to."""
    return str(load_settings().store)


def batch_state(path: str) -> tuple[str, ...]:
    """A cache key that changes whenever a batch is committed or compacted."""
    return tuple(list_batches(path))


def store_state(path: str) -> tuple[str, ...]:
    """A cache key that changes whenever a batch is committed or compacted, or a correction is
    logged (:mod:`analysis.store.corrections`): what the app shows follows from it.
    """
    token = log_token(path)
    return batch_state(path) + ((f"corrections {token}",) if token else ())


def current_engine(path: str):
    """The store's engine (:func:`analysis.engine.open_engine`) when its warehouse was built from the
    batches as they are now, else None (no warehouse, an object store, an upload since the last build).
    """
    if is_remote(path):
        return None
    from analysis.engine import WarehouseMissing, open_engine

    try:
        engine = open_engine(path)
    except WarehouseMissing:
        return None
    except Exception:  # noqa: BLE001 - a damaged or half-written warehouse: the pandas path answers
        return None
    return engine if engine.is_current() else None


def warehouse_stamp(path: str) -> tuple[int, int] | None:
    """A cache key that changes when ``build``/``refresh`` replaces the store's warehouse (None without one)."""
    if is_remote(path):
        return None
    from analysis.store.warehouse import warehouse_path

    try:
        stat = os.stat(warehouse_path(path))
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns
