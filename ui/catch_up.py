"""The store's warehouse brought up to date after an upload, in a background thread.

An upload in the app commits its batches without the warehouse (``build_store(warehouse=False)``):
appending them takes seconds to minutes (docs/speed.md), too long for the request. Until the
append is done the warehouse is not current, so the pages read the loaded corpus (pandas); once
:func:`analysis.store.warehouse.write_warehouse` has renamed the new file in (atomically), the
engine answers again. The append holds the store's writer lock, like ``build`` and ``refresh``,
and runs again when more batches landed meanwhile.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from analysis.store import StoreBusy, list_batches, writer_lock
from analysis.store.fs import is_remote
from analysis.store.warehouse import warehouse_batches, write_warehouse

#: Attempts to take the writer lock (held by an upload or a build) before giving up, a second apart.
LOCK_ATTEMPTS = 600
_LOG = logging.getLogger(__name__)
_RUNNING: dict[str, threading.Thread] = {}
_LOCK = threading.Lock()


def is_current(path: str) -> bool:
    """True when the store's warehouse was made from its batches as they are now."""
    return warehouse_batches(path) == list_batches(path)


def catch_up(path: str, done: Callable[[], None] | None = None) -> None:
    """Append the batches the warehouse of ``path`` lacks, until it holds them all; call ``done()``
    after each new warehouse is in place. Raises what the append raises (it leaves the old file).
    """
    attempts = 0
    while not is_current(path):  # LOCK_ATTEMPTS failed attempts in a row end it
        try:
            with writer_lock(path):
                if is_current(path):  # a build or refresh wrote it meanwhile
                    break
                write_warehouse(path)
        except StoreBusy:  # an upload is still writing, or a build: wait for it
            attempts += 1
            if attempts >= LOCK_ATTEMPTS:
                return
            time.sleep(1.0)
            continue
        if done is not None:
            done()


def catch_up_later(path: str, done: Callable[[], None] | None = None) -> threading.Thread | None:
    """:func:`catch_up` in a background thread for a local store that has a warehouse; returns the
    thread, or None when there is nothing to do (an object store, no warehouse yet: ``refresh``
    makes the first). One thread per store: while it runs, it also takes batches that land.
    """
    if is_remote(path) or warehouse_batches(path) is None:
        return None
    with _LOCK:
        running = _RUNNING.get(path)
        if running is not None and running.is_alive():
            return running
        thread = threading.Thread(target=_run, args=(path, done), name=f"warehouse catch-up {path}", daemon=True)
        _RUNNING[path] = thread
        thread.start()
        return thread


def _run(path: str, done: Callable[[], None] | None) -> None:
    finished = False
    try:
        catch_up(path, done)
        finished = True
    except Exception:  # noqa: BLE001 - the pages go on reading the loaded corpus; `refresh` repairs it
        _LOG.exception("appending to the warehouse of %s failed; run python -m analysis refresh", path)
    finally:
        with _LOCK:
            if _RUNNING.get(path) is threading.current_thread():
                del _RUNNING[path]
    # Batches that landed after the last check, while this thread still counted as running.
    if finished and not is_current(path):
        catch_up_later(path, done)
