"""Parquet I/O of the store: batches written atomically, tables read back, single columns looked up.

Layout::

    STORE/batches/<batch>/articles.parquet   one row per article
                         /quotes.parquet     one row per statement
                         /mentions.parquet   one row per country/region/person/org mention
                         /keywords.parquet   ranked key phrases per article
                         /topic_hits.parquet topics per sentence, with evidence

A batch is written into a hidden temporary folder and then renamed into ``batches/`` in one
atomic step, so a crash or kill during a write never leaves a half-written batch visible and
never touches what was stored before. Batch names sort by creation time: when the same
article (same text, hence same id) is in several batches, the newest batch wins.

A store named by an object-store URL (``s3://bucket/prefix``, :mod:`analysis.store.fs`) has
the same tables and batch names; each function below hands it to
:mod:`analysis.store.objects`, which commits a batch by writing its marker object last.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterable, Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.records import ArticleAnalysis
from analysis.store import objects
from analysis.store.fs import BATCHES, is_remote, table_file
from analysis.store.schema import LIST_COLUMNS, ROW_GROUP_ROWS, SCHEMAS, TABLES, rows_of


def new_batch_names(count: int, after: str | None = None) -> list[str]:
    """``count`` new batch names in the order given, each sorting after every existing batch.

    Names sort by creation time so "newest batch wins" is a string comparison; ``after`` (the
    newest batch of the store) keeps them after it even when this machine's clock is behind the
    one that wrote it. A writer may reserve names first and commit them in any order.
    """
    start = time.time_ns()
    if after:
        start = max(start, int(after.split("-")[0]) + 1)
    return [f"{start + index:020d}-{uuid.uuid4().hex[:8]}" for index in range(count)]


def _commit(store_dir: str, tables: Mapping[str, pa.Table], name: str | None = None) -> str:
    """Write Arrow tables as one new batch (temporary folder, fsync, rename); returns its name."""
    name = name or new_batch_names(1)[0]
    if is_remote(store_dir):
        return objects.commit(store_dir, tables, name)
    batches = os.path.join(store_dir, BATCHES)
    os.makedirs(batches, exist_ok=True)
    tmp = os.path.join(store_dir, f".tmp-{name}")
    os.makedirs(tmp)
    try:
        for table, arrow in tables.items():
            path = os.path.join(tmp, f"{table}.parquet")
            pq.write_table(arrow, path, row_group_size=ROW_GROUP_ROWS.get(table))
            with open(path, "rb+") as handle:
                os.fsync(handle.fileno())
        os.rename(tmp, os.path.join(batches, name))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return name


def write_batch(store_dir: str, analyses: Iterable[ArticleAnalysis], name: str | None = None) -> str | None:
    """Write analyses as one new batch, atomically; returns the batch name (None if empty).

    ``name``: one reserved with :func:`new_batch_names` (default: a new one).
    """
    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    for analysis in analyses:
        for table, table_rows in rows_of(analysis).items():
            rows[table].extend(table_rows)
    if not rows["articles"]:
        return None
    return _commit(store_dir, {table: pa.Table.from_pylist(table_rows, schema=SCHEMAS[table])
                               for table, table_rows in rows.items()}, name)


def write_frames(store_dir: str, frames: Mapping[str, pd.DataFrame]) -> str:
    """Write one DataFrame per table (at least the :data:`SCHEMAS` columns) as one new batch, atomically."""
    return _commit(store_dir, {
        table: pa.Table.from_pandas(frames[table][SCHEMAS[table].names], schema=SCHEMAS[table], preserve_index=False)
        for table in TABLES
    })


#: Hidden folders of interrupted changes: a batch being written, or removed batches being deleted.
LEFTOVER_PREFIXES = (".tmp-", ".trash-")
#: Where ``repair`` moves a batch that lacks tables (nothing is deleted).
BROKEN_PREFIX = ".broken-"


def _complete(folder: str) -> bool:
    return all(os.path.isfile(os.path.join(folder, f"{table}.parquet")) for table in TABLES)


def list_batches(store_dir: str) -> list[str]:
    """Committed, complete batch names, oldest first (a batch missing a table is left out:
    :func:`store_problems` reports it and ``python -m analysis repair`` sets it aside).
    On an object store: the batches whose commit marker exists.
    """
    if is_remote(store_dir):
        return objects.committed(store_dir)
    folder = os.path.join(store_dir, BATCHES)
    if not os.path.isdir(folder):
        return []
    return sorted(n for n in os.listdir(folder) if not n.startswith(".") and _complete(os.path.join(folder, n)))


def incomplete_batches(store_dir: str) -> list[str]:
    """Batch folders under ``batches/`` that lack one of the five tables (left by an older version's
    interrupted compaction, or by hand).
    """
    if is_remote(store_dir):
        return objects.incomplete(store_dir)
    folder = os.path.join(store_dir, BATCHES)
    if not os.path.isdir(folder):
        return []
    return sorted(n for n in os.listdir(folder)
                  if not n.startswith(".") and not _complete(os.path.join(folder, n)))


def leftovers(store_dir: str) -> list[str]:
    """Hidden folders an interrupted write or removal left in the store (harmless to readers);
    on an object store, the batch folders without a commit marker.
    """
    if is_remote(store_dir):
        return objects.uncommitted(store_dir)
    if not os.path.isdir(store_dir):
        return []
    return sorted(n for n in os.listdir(store_dir) if n.startswith(LEFTOVER_PREFIXES))


def store_problems(store_dir: str) -> list[str]:
    """What a reader of the store should know: incomplete batches that loading leaves out."""
    return [f"batch {name} lacks tables and is left out (run: python -m analysis repair --out {store_dir})"
            for name in incomplete_batches(store_dir)]


def remove_batches(store_dir: str, names: Iterable[str]) -> None:
    """Remove committed batches: each is renamed out of ``batches/`` in one atomic step, then
    deleted; a kill during the deletion leaves only a hidden folder that readers never see.
    """
    if is_remote(store_dir):
        objects.remove(store_dir, names)
        return
    for name in names:
        trash = os.path.join(store_dir, f".trash-{name}")
        os.rename(os.path.join(store_dir, BATCHES, name), trash)
        shutil.rmtree(trash, ignore_errors=True)


def remove_stale_temporaries(store_dir: str) -> int:
    """Delete the hidden folders of interrupted writes and removals; returns how many.

    Only a writer holding :func:`analysis.store.lock.writer_lock` may call this: another
    writer's temporary folder is in use until its lock is released.
    """
    if is_remote(store_dir):
        return objects.remove_uncommitted(store_dir)
    stale = leftovers(store_dir)
    for name in stale:
        shutil.rmtree(os.path.join(store_dir, name), ignore_errors=True)
    return len(stale)


def set_aside_incomplete(store_dir: str) -> list[str]:
    """Move incomplete batches out of ``batches/`` to hidden ``.broken-<name>`` folders (kept, not
    deleted, so nothing is lost); returns their names. Writers only (under the lock).
    """
    moved = incomplete_batches(store_dir)
    if is_remote(store_dir):
        return objects.set_aside(store_dir, moved)
    for name in moved:
        os.rename(os.path.join(store_dir, BATCHES, name), os.path.join(store_dir, BROKEN_PREFIX + name))
    return moved


def _shared_tuples(values: list) -> list[tuple]:
    """Lists as tuples (inner lists too), equal tuples and items stored once; None as ().

    Most statements name the same few countries and topics (or none), so sharing them
    takes a list column of 145,000 rows from about 17 MB of small arrays to about 1 MB.
    """
    canonical: dict[tuple, tuple] = {}
    strings: dict = {}
    out = []
    for value in values:
        key = tuple(strings.setdefault(_item(v), _item(v)) for v in value) if value else ()
        out.append(canonical.setdefault(key, key))
    return out


def _item(value):
    """An item of a list column: a string, or an inner list (``segments``) as a tuple."""
    return tuple(value) if isinstance(value, list) else value


def read_table(store_dir: str, batches: list[str], table: str, skip: tuple[str, ...] = ()) -> pd.DataFrame:
    """One table of all ``batches`` (with a ``batch`` column), without the columns ``skip`` (never read).

    List columns come back as tuples of shared strings.
    """
    schema = SCHEMAS[table]
    for name in skip:
        schema = schema.remove(schema.get_field_index(name))
    lists = LIST_COLUMNS.get(table, ())
    arrows = []
    for batch in batches:
        path, filesystem = table_file(store_dir, batch, table)
        arrow = pq.read_table(path, schema=schema, columns=schema.names, filesystem=filesystem)
        arrows.append(arrow.append_column("batch", pa.array([batch] * arrow.num_rows, pa.string())))
    if not arrows:
        return schema.empty_table().to_pandas().assign(batch=pd.Series(dtype="str"))
    # One concatenation in Arrow, one conversion to pandas (not a pandas concat per batch).
    arrow = pa.concat_tables(arrows)
    frame = arrow.drop_columns(list(lists)).to_pandas()
    for column in lists:
        frame.insert(schema.names.index(column), column, _shared_tuples(arrow.column(column).to_pylist()))
    return frame


def article_column(store_dir: str, column: str, article_ids=None) -> dict[str, object]:
    """article_id -> ``column`` of the newest stored copy of each article (only ``article_ids`` if given)."""
    wanted = None if article_ids is None else list(dict.fromkeys(article_ids))
    values: dict[str, object] = {}
    if wanted == []:
        return values
    filters = None if wanted is None else [("article_id", "in", wanted)]
    for batch in list_batches(store_dir):
        path, filesystem = table_file(store_dir, batch, "articles")
        table = pq.read_table(path, columns=["article_id", column], filters=filters, filesystem=filesystem)
        values.update(zip(table.column("article_id").to_pylist(), table.column(column).to_pylist(), strict=True))
    return values


def article_texts(store_dir: str, article_ids) -> dict[str, str]:
    """Texts of some stored articles, read from disk (newest copy wins).

    For a corpus loaded without texts: the Reader needs one article, not ten thousand.
    """
    return article_column(store_dir, "text", article_ids)


def stored_versions(store_dir: str) -> dict[str, str]:
    """article_id -> analysis version of the newest stored copy."""
    return article_column(store_dir, "version")
