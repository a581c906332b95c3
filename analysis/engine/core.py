"""The engine of one store: its DuckDB connection, a cursor per call, and the one engine per process.

:class:`Engine` puts together the parts of :mod:`analysis.engine` (selection, counts, phrases, rows)
over one read-only connection to the store's warehouse; :func:`open_engine` hands out the process's
engine of a store and reopens it when ``build`` or ``refresh`` has replaced the warehouse file.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
from collections import OrderedDict
from contextlib import contextmanager

import pandas as pd

from analysis import search
from analysis.engine.counts import Counts
from analysis.engine.crossed import Crossed
from analysis.engine.phrases import Phrases
from analysis.engine.rows import Rows
from analysis.engine.selection import CLUSTERED, Selection
from analysis.engine.sides import Sides
from analysis.engine.union_phrases import UnionPhrases
from analysis.settings import DEFAULT_BUDGET_MB, Settings, engine_memory_mb, load_settings
from analysis.store.warehouse import warehouse_path, write_warehouse

#: DuckDB's memory limit for the instant :meth:`Engine.release_cache` evicts its cached blocks (MB).
RELEASED_MB = 8


class WarehouseMissing(LookupError):
    """The store has no warehouse yet (the message says how to make one)."""


class Engine(Selection, Counts, Crossed, Phrases, UnionPhrases, Rows, Sides):
    """Queries of one store's warehouse; safe to share between threads (a cursor per call)."""

    def __init__(self, store_dir: str, memory_mb: int | None, threads: int,
                 budget_mb: int = DEFAULT_BUDGET_MB) -> None:
        """Open the warehouse of ``store_dir`` read-only with DuckDB's ``memory_limit`` (None: by the
        warehouse's size and the process's ``budget_mb``, :func:`analysis.settings.engine_memory_mb`)
        and ``threads``.
        """
        import duckdb

        self.store_dir = str(store_dir)
        path = warehouse_path(self.store_dir)
        stat = os.stat(path)
        self.identity = (stat.st_ino, stat.st_mtime_ns)
        memory_mb = engine_memory_mb(memory_mb, stat.st_size, budget_mb)
        # A database of its own attaching the file: duckdb.connect(path) would hand back the instance
        # already open on that path in this process, i.e. the replaced file after a rebuild.
        self.memory_mb = int(memory_mb)
        self._conn = duckdb.connect(":memory:", config={"memory_limit": f"{self.memory_mb}MB",
                                                        "threads": int(threads)})
        # Queries running now (see release_cache), counted under this lock.
        self._running = 0
        self._running_lock = threading.Lock()
        self._conn.execute(f"ATTACH '{path.replace(chr(39), chr(39) * 2)}' AS warehouse (READ_ONLY)")
        # Selections kept for the next calls of the same filter change (see _kept); set before the
        # first cursor (_cursor registers them).
        self._kept_names: OrderedDict[tuple[str, str], str | None] = OrderedDict()
        self._kept_tables: dict[str, object] = {}  # name -> pyarrow.Table
        self._kept_lock = threading.Lock()
        # The kept tables this thread was last handed, registered by its cursors even once another
        # thread has dropped them from the engine's few (else its next query could not find them).
        self._pinned = threading.local()
        self._kept_number = 0
        meta = dict(self._sql("SELECT key, value FROM meta"))
        self.build_id = meta["build_id"]
        self.batches: list[str] = json.loads(meta["batches"])
        self.has_versions = bool(json.loads(meta.get("versions", "false")))
        self._search_file = os.path.join(self.store_dir, meta["search_file"])
        self._has_article_index: bool | None = None  # see article_search
        self._tables = {name for (name,) in self._sql("SELECT table_name FROM information_schema.tables "
                                                      "WHERE table_catalog = 'warehouse'")}
        # The single filter values with pre-aggregated tables of their own (see _slice).
        self._slices: dict[tuple[str, str], tuple[int, int]] = {}
        # Statements per filter value (read when first needed), to choose a selection's clustered copy.
        self._clustered = {table for _a, table, *_rest in CLUSTERED} <= self._tables
        self._value_rows: dict[tuple[str, str], dict[str, int]] = {}
        # See _max_phrase_spaces; stored by builds since session 20, computed on first use before.
        self._phrase_spaces: int | None = (int(meta["max_phrase_spaces"]) if "max_phrase_spaces" in meta
                                           else None)
        self._any_target_tones: bool | None = None  # see has_target_tones
        self._aliases: dict[str, str] | None = None  # see speaker_alias
        self._floor_speakers: set[tuple[float, str]] | None = None  # see _floor_speaker
        # The confidence floors whose whole-store selection is pre-aggregated (analysis.store.page_tables).
        self._floors: set[float] = set()
        if "f_summary" in self._tables:
            self._floors = {float(f) for (f,) in self._sql("SELECT DISTINCT floor FROM f_summary")}
        if "s_values" in self._tables:
            self._slices = {(d, v): (int(n), int(n_all)) for d, v, n, n_all in
                            self._sql("SELECT fdim, fval, statements, statements_all FROM s_values")}

    @contextmanager
    def _cursor(self):
        """A new cursor reading the warehouse (never shared: one per call), closed on leaving the
        ``with`` block; while it is open, :meth:`release_cache` leaves DuckDB's memory alone.
        """
        with self._running_lock:
            self._running += 1
        try:
            with self._conn.cursor() as cursor:
                cursor.execute("USE warehouse")
                with self._kept_lock:
                    kept = {**getattr(self._pinned, "tables", {}), **self._kept_tables}
                for name, table in kept.items():
                    cursor.register(name, table)
                yield cursor
        finally:
            with self._running_lock:
                self._running -= 1

    def release_cache(self, floor_mb: int = RELEASED_MB) -> bool:
        """Hand back the warehouse blocks DuckDB keeps cached after its queries, when none is
        running (its buffer pool fills up to the memory limit and stays full: at a million articles
        one page of 2,000 statements with their texts left 210 MB of it). The blocks are read
        again, from the system's file cache, by the next query that needs them. Returns False when
        a query was running or DuckDB could not come down to ``floor_mb`` (nothing is released then).
        """
        import duckdb

        with self._running_lock:  # no query starts meanwhile (its cursor waits for the lock)
            if self._running:
                return False
            # Lowering the limit evicts unpinned blocks down to it; the limit is restored at once.
            try:
                self._conn.execute(f"SET memory_limit = '{int(floor_mb)}MB'")
            except duckdb.OutOfMemoryException:  # more than floor_mb pinned: left as it is
                return False
            finally:
                self._conn.execute(f"SET memory_limit = '{self.memory_mb}MB'")
            return True

    def _sql(self, sql: str, params: list | None = None) -> list[tuple]:
        """Rows of one query, run on a cursor of its own."""
        with self._cursor() as cursor:
            return cursor.execute(sql, params or []).fetchall()

    def _frame(self, sql: str, params: list | None = None) -> pd.DataFrame:
        """One query's result as a DataFrame, run on a cursor of its own."""
        with self._cursor() as cursor:
            return cursor.execute(sql, params or []).df()

    def search_positions(self, raw: str) -> list[int] | None:
        """Positions of the statements matching the search ``raw``; None when nothing is searched."""
        parsed = search.parse_query(raw)
        if parsed.is_empty:
            return None
        with sqlite3.connect(f"file:{self._search_file}?mode=ro", uri=True) as fts:
            return [r for (r,) in fts.execute("SELECT rowid FROM s WHERE s MATCH ?", (parsed.expression(),))]

    def article_search(self):
        """The Corpus page's search of the warehouse's article index
        (:class:`analysis.store.article_search.ArticleSearch`), or None for a warehouse written before
        it had one (format 4: the caller indexes the texts itself).
        """
        from analysis.store import article_search
        from analysis.store.article_search import ArticleSearch, has_article_index

        if self._has_article_index is None:
            with sqlite3.connect(f"file:{self._search_file}?mode=ro", uri=True) as fts:
                self._has_article_index = has_article_index(fts)
        if not self._has_article_index:
            return None
        return ArticleSearch(self._search_file, functools.partial(self.article_records, ("title", "text")),
                             article_search.RANKED_AT_MOST)

    def is_current(self) -> bool:
        """True when the warehouse was built from the store's batches as they are now."""
        from analysis.store import list_batches

        return list_batches(self.store_dir) == self.batches


_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def release_caches() -> int:
    """:meth:`Engine.release_cache` of every engine of this process; how many released theirs."""
    with _LOCK:
        engines = list(_ENGINES.values())
    return sum(engine.release_cache() for engine in engines)


def open_engine(store_dir: str, settings: Settings | None = None, build_missing: bool = False) -> Engine:
    """The engine of ``store_dir`` for this process: one connection, reopened when ``build`` or
    ``refresh`` has replaced the warehouse file.

    Args:
        store_dir: A local store folder.
        settings: Memory limit and threads (default: :func:`analysis.settings.load_settings`).
        build_missing: Build the warehouse when the store has none (else raise).

    Raises:
        WarehouseMissing: The store has no warehouse (and ``build_missing`` is False), or it is an
            object-store URL (not supported yet).
    """
    settings = settings or load_settings()
    store_dir = str(store_dir)
    path = warehouse_path(store_dir)
    with _LOCK:
        if not os.path.isfile(path):
            if not build_missing or write_warehouse(store_dir) is None:
                raise WarehouseMissing(
                    f"the store {store_dir} has no warehouse: run python -m analysis refresh --out {store_dir}"
                    " (an object-store URL has none yet)")
        stat = os.stat(path)
        engine = _ENGINES.get(store_dir)
        if engine is None or engine.identity != (stat.st_ino, stat.st_mtime_ns):
            # The replaced connection is left to its last users (closing it would break their cursors).
            engine = _ENGINES[store_dir] = Engine(store_dir, settings.memory_mb, settings.threads,
                                                 settings.budget_mb)
        return engine
