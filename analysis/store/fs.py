"""Where a store lives: a local folder, or an object-store URL (``s3://bucket/prefix``) through fsspec.

A store is named by one string everywhere (``--out``, ``QUOTE_ATLAS_STORE``): a path is a
local folder, ``PROTOCOL://...`` an fsspec URL (``s3://`` needs s3fs). Credentials and the
endpoint come from the object store's own configuration, read by its client library, never by
this code: for S3 the ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` / ``AWS_ENDPOINT_URL``
variables (or ``~/.aws``), or fsspec's ``FSSPEC_S3_*`` variables (docs/scale.md).

Local stores keep their own code paths (atomic rename, ``flock``); an object store has neither,
so :mod:`analysis.store.objects` commits a batch by writing a marker object last and
:mod:`analysis.store.lock` holds an expiring lock object.
"""

from __future__ import annotations

import os

#: The folder (or key prefix) of a store that holds one folder per batch.
BATCHES = "batches"


def is_remote(store: str) -> bool:
    """True when ``store`` is an object-store URL (``s3://...``), False for a local folder."""
    return "://" in str(store)


def remote(store: str):
    """``(fsspec filesystem, root path inside it)`` of an object-store URL (no trailing slash)."""
    from fsspec.core import url_to_fs  # fsspec loads only for an object store

    filesystem, root = url_to_fs(str(store))
    return filesystem, root.rstrip("/")


def store_exists(store: str) -> bool:
    """True when something is stored at ``store`` (a local folder, or objects under a URL's prefix)."""
    if not is_remote(store):
        return os.path.isdir(store)
    filesystem, root = remote(store)
    filesystem.invalidate_cache(root)
    return filesystem.exists(root)


def access_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean a store cannot be reached or read: OSError (what s3fs turns most
    S3 errors into), and the S3 client's own errors (missing credentials, no route to the endpoint).
    """
    try:
        from botocore.exceptions import BotoCoreError
    except ImportError:
        return (OSError,)
    return (OSError, BotoCoreError)


def table_file(store: str, batch: str, table: str) -> tuple[str, object | None]:
    """``(path, filesystem)`` of one batch's table for :func:`pyarrow.parquet.read_table`
    (filesystem None for a local store: pyarrow reads the path itself).
    """
    if not is_remote(store):
        return os.path.join(store, BATCHES, batch, f"{table}.parquet"), None
    filesystem, root = remote(store)
    return f"{root}/{BATCHES}/{batch}/{table}.parquet", filesystem


def listing(filesystem, path: str) -> list[str]:
    """Names directly under ``path``, listed afresh (not from fsspec's listing cache: another
    process may have committed since); an empty list when nothing is there.
    """
    filesystem.invalidate_cache(path)
    try:
        entries = filesystem.ls(path, detail=False)
    except FileNotFoundError:
        return []
    return sorted(entry.rstrip("/").rsplit("/", 1)[-1] for entry in entries)
