"""One writer at a time per store: an advisory lock file that a dead writer cannot leave behind.

``STORE/.writer.lock`` is locked with ``fcntl.flock`` for as long as a build, refresh,
compaction, repair or the app's "Analyse and add" changes the store. The kernel releases the
lock when the holding process ends in any way (kill -9 included), so a stale lock never needs
clearing; the file only says who holds it, for the message. Readers never take the lock:
batches appear by an atomic rename, so a reader sees a store before or after a change.

An object store (``s3://...``) has no ``flock``: there the lock is an object,
``PREFIX/.writer.lock``, holding its owner and an expiry time. It is created only if absent
(a conditional PUT, ``If-None-Match: *``), renewed by the holder every third of
:data:`LOCK_SECONDS`, and deleted on release. A writer that finds a lock that has not expired
stops with :class:`StoreBusy`; one killed without releasing it blocks others until it
expires (at most :data:`LOCK_SECONDS`), after which the next writer takes it over with a PUT
conditional on the expired lock's ETag (``If-Match``), so of two writers racing for it one wins.
A holder stalled longer than the expiry (a suspended machine) can lose the lock to another
writer: its batches still commit atomically, and an article both analysed is loaded once (newest wins).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator

from analysis.store.fs import is_remote, remote

LOCK_FILE = ".writer.lock"
#: Seconds an object-store lock stays valid without renewal (a killed writer's lock blocks this long).
LOCK_SECONDS = 120.0
LOG = logging.getLogger(__name__)


class StoreBusy(RuntimeError):
    """Another process is writing the store; the message says which and since when."""


@contextlib.contextmanager
def writer_lock(store_dir: str) -> Iterator[None]:
    """Hold the store's writer lock for the ``with`` block, or raise :class:`StoreBusy` at once.

    Args:
        store_dir: The store folder (created when missing), or an object-store URL (a lock object).
    """
    if is_remote(store_dir):
        with object_lock(store_dir):
            yield
        return
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


def _lock_body(owner: str, since: str, seconds: float) -> bytes:
    return json.dumps({"owner": owner, "since": since, "expires": time.time() + seconds}).encode()


@contextlib.contextmanager
def object_lock(store: str, seconds: float | None = None) -> Iterator[None]:
    """Hold the lock object of an object-store ``store`` for the ``with`` block (see the module's
    docstring), or raise :class:`StoreBusy` at once. ``seconds``: its expiry (:data:`LOCK_SECONDS`).
    """
    seconds = seconds or LOCK_SECONDS
    filesystem, root = remote(store)
    path = f"{root}/{LOCK_FILE}"
    owner = f"process {os.getpid()} on {socket.gethostname()} ({uuid.uuid4().hex[:8]})"
    since = time.strftime("%Y-%m-%d %H:%M:%S")
    # The ETag precondition is S3's; other object stores take an expired lock over unconditionally.
    s3 = "s3" in filesystem.protocol
    try:
        response = filesystem.pipe_file(path, _lock_body(owner, since, seconds), mode="create")
    except FileExistsError:
        filesystem.invalidate_cache(path)
        tag = filesystem.info(path).get("ETag")
        held = json.loads(filesystem.cat_file(path))
        left = held.get("expires", 0) - time.time()
        if left > 0:
            raise StoreBusy(f"{store} is being written by {held.get('owner')} since {held.get('since')} "
                            f"(its lock object {LOCK_FILE} expires in {left:.0f} s unless renewed); "
                            "try again when it has finished") from None
        try:
            response = filesystem.pipe_file(path, _lock_body(owner, since, seconds),
                                             **({"IfMatch": tag} if s3 and tag else {}))
        except OSError:
            raise StoreBusy(f"{store}: another writer took over the expired lock first; try again later") from None
        LOG.warning("%s: took over the expired writer lock of %s", store, held.get("owner"))
    stop = threading.Event()
    renewer = threading.Thread(target=_renew, daemon=True, name="store-lock-renewal",
                               args=(filesystem, path, owner, since, seconds, stop, _etag(response), s3))
    renewer.start()
    try:
        yield
    finally:
        stop.set()
        renewer.join()
        try:
            filesystem.invalidate_cache(path)
            if json.loads(filesystem.cat_file(path)).get("owner") == owner:
                filesystem.rm_file(path)
        except (OSError, ValueError):
            LOG.warning("%s: could not release the writer lock; it expires in %.0f s", store, seconds)


def _etag(response) -> str | None:
    return response.get("ETag") if isinstance(response, dict) else None


def _renew(filesystem, path: str, owner: str, since: str, seconds: float, stop: threading.Event,
           tag: str | None, s3: bool) -> None:
    """Push the lock's expiry forward every third of ``seconds`` until ``stop`` (in a thread)."""
    while not stop.wait(seconds / 3):
        try:
            tag = _etag(filesystem.pipe_file(path, _lock_body(owner, since, seconds),
                                             **({"IfMatch": tag} if s3 and tag else {})))
        except OSError as error:  # a network hiccup (tried again next time) or the lock taken over
            LOG.warning("could not renew the writer lock %s: %s", path, error)
