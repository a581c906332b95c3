"""One writer at a time per store: an advisory lock file that a dead writer cannot leave behind.

``STORE/.writer.lock`` is locked with ``fcntl.flock`` for as long as a build, refresh,
compaction, repair or the app's "Analyse and add" changes the store. The kernel releases the
lock when the holding process ends in any way (kill -9 included), so a stale lock never needs
clearing; the file only says who holds it, for the message. Readers never take the lock:
batches appear by an atomic rename, so a reader sees a store before or after a change.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator

LOCK_FILE = ".writer.lock"


class StoreBusy(RuntimeError):
    """Another process is writing the store; the message says which and since when."""


@contextlib.contextmanager
def writer_lock(store_dir: str) -> Iterator[None]:
    """Hold the store's writer lock for the ``with`` block, or raise :class:`StoreBusy` at once.

    Args:
        store_dir: The store folder (created when missing).
    """
    os.makedirs(store_dir, exist_ok=True)
    path = os.path.join(store_dir, LOCK_FILE)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreBusy(f"{store_dir} is being written by {holder}; try again when it has finished") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()
