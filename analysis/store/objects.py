"""Batches on an object store (``s3://...``): data files first, a commit marker last.

An object store has no rename, so a batch cannot appear in one step the way a local one does.
Layout under the store's prefix::

    PREFIX/batches/<batch>/<table>.parquet   the five tables, written first
    PREFIX/commits/<batch>.json              the marker, written last: {"tables": {table: rows}}

Each object appears whole or not at all (a PUT is atomic), and a batch counts as stored only
once its marker exists: a writer killed before the marker leaves data files that no reader
lists (:func:`committed` reads the markers alone) and that the next writer deletes
(:func:`remove_uncommitted`, under the writer lock). Removing a batch deletes its marker first,
so a kill half-way through leaves the same kind of harmless leftover. Loading lists one small
object per batch.

Only :mod:`analysis.store.batches` calls this module; local stores never reach it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import pyarrow as pa
import pyarrow.parquet as pq

from analysis.store.fs import BATCHES, listing, remote
from analysis.store.schema import ROW_GROUP_ROWS, TABLES

COMMITS = "commits"
MARKER_SUFFIX = ".json"
#: Where :func:`set_aside` copies a committed batch that lacks tables (nothing is deleted).
BROKEN_PREFIX = ".broken-"


def commit(store: str, tables: Mapping[str, pa.Table], name: str) -> str:
    """Write one batch: every table, then its marker; returns ``name``.

    A failure before the marker deletes what was written (a kill cannot: the next writer does).
    """
    filesystem, root = remote(store)
    folder = f"{root}/{BATCHES}/{name}"
    try:
        for table, arrow in tables.items():
            with filesystem.open(f"{folder}/{table}.parquet", "wb") as handle:
                pq.write_table(arrow, handle, row_group_size=ROW_GROUP_ROWS.get(table))
        marker = {"tables": {table: arrow.num_rows for table, arrow in tables.items()}}
        filesystem.pipe_file(f"{root}/{COMMITS}/{name}{MARKER_SUFFIX}", json.dumps(marker).encode())
    except BaseException:
        _remove_folder(filesystem, folder)
        raise
    return name


def committed(store: str) -> list[str]:
    """Names of the batches whose marker exists, oldest first."""
    filesystem, root = remote(store)
    return [name[: -len(MARKER_SUFFIX)] for name in listing(filesystem, f"{root}/{COMMITS}")
            if name.endswith(MARKER_SUFFIX) and not name.startswith(".")]


def _batch_folders(filesystem, root: str) -> list[str]:
    return [name for name in listing(filesystem, f"{root}/{BATCHES}") if not name.startswith(".")]


def uncommitted(store: str) -> list[str]:
    """Batch folders without a marker: a write in progress, or the leftover of a killed one."""
    filesystem, root = remote(store)
    done = set(committed(store))
    return [name for name in _batch_folders(filesystem, root) if name not in done]


def incomplete(store: str) -> list[str]:
    """Committed batches that lack a table (only a hand deletion makes one: the marker comes last)."""
    filesystem, root = remote(store)
    names = committed(store)
    filesystem.invalidate_cache(f"{root}/{BATCHES}")
    present: dict[str, set[str]] = {}
    for path in filesystem.find(f"{root}/{BATCHES}"):
        *_, batch, file = path.split("/")
        present.setdefault(batch, set()).add(file)
    return [name for name in names if not {f"{t}.parquet" for t in TABLES} <= present.get(name, set())]


def _remove_folder(filesystem, folder: str) -> None:
    filesystem.invalidate_cache(folder)
    if filesystem.find(folder):
        filesystem.rm(folder, recursive=True)


def remove(store: str, names: Iterable[str]) -> None:
    """Remove committed batches: each marker first (the batch is gone for readers), then its files."""
    filesystem, root = remote(store)
    for name in names:
        filesystem.rm_file(f"{root}/{COMMITS}/{name}{MARKER_SUFFIX}")
        _remove_folder(filesystem, f"{root}/{BATCHES}/{name}")


def remove_uncommitted(store: str) -> int:
    """Delete the files of batches without a marker; returns how many. Writers only (under the lock)."""
    filesystem, root = remote(store)
    stale = uncommitted(store)
    for name in stale:
        _remove_folder(filesystem, f"{root}/{BATCHES}/{name}")
    return len(stale)


def set_aside(store: str, names: Iterable[str]) -> list[str]:
    """Copy incomplete batches to ``.broken-<name>/`` beside ``batches/``, then remove them; returns the names."""
    filesystem, root = remote(store)
    moved = list(names)
    for name in moved:
        folder = f"{root}/{BATCHES}/{name}"
        for path in filesystem.find(folder):
            filesystem.copy(path, f"{root}/{BROKEN_PREFIX}{name}/{path.rsplit('/', 1)[-1]}")
    remove(store, moved)
    return moved
