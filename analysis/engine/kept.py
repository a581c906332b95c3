"""Selections kept for the next calls of the same filter change: small selections read once into an
Arrow table this process registers on every cursor, the last few used.
"""

from __future__ import annotations

import json
from collections import OrderedDict

from analysis.engine.clustered import CLUSTERED
from analysis.query import Filters

#: The statement columns of a kept selection (:meth:`Selection._kept`).
KEPT_COLUMNS = ("pos", "speaker", "tone", "day", "date", "article_id", "countries", "topics")
#: Selections of more statements are not kept (they are sliced or read again).
KEPT_ROWS = 200_000
#: Rows read at a time while keeping a selection.
KEPT_CHUNK = 20_000
#: How many selections are kept (the last used).
KEPT_SELECTIONS = 4


class Kept:
    """Keeping selections (mixed into :class:`~analysis.engine.selection.Selection`)."""

    def _surely_large(self, filters: Filters, also: tuple = ()) -> bool:
        """True when ``filters`` chooses values of one dimension only (nothing else, no narrowing
        ``also``) and one of them alone carries more than :data:`KEPT_ROWS` statements: the
        selection is too large to keep, so trying (reading its first rows) would be wasted.
        """
        if also or filters.articles or filters.search.strip() or filters.min_confidence > 0:
            return False
        chosen = [(aggregate, column, getattr(filters, attribute)) for attribute, _t, _l, aggregate, column
                  in CLUSTERED if getattr(filters, attribute)]
        if len(chosen) != 1 or (filters.countries and filters.country_scope != "mentioned"):
            return False
        aggregate, column, values = chosen[0]
        counted = self._statements_of(aggregate, column, self._counted(filters))
        return max(counted.get(v, 0) for v in values) > KEPT_ROWS

    def _kept(self, where: str, params: list, source: tuple[str, list] | None = None) -> str | None:
        """The name of the kept selection of ``where`` (:data:`KEPT_COLUMNS`, in no order), made by
        the first call of a filter change and read by the next ones; None for a selection larger
        than :data:`KEPT_ROWS`. ``source`` (:meth:`_source`), when given, is the same selection
        read from the clustered copies, which is read instead of evaluating ``where``.

        A selection is kept as an Arrow table in this process, which every new cursor registers
        under its name (:meth:`_cursor`): registering costs nothing, and a cursor's own TEMP tables
        would be invisible to the others. The :data:`KEPT_SELECTIONS` last used are kept.
        """
        columns = ", ".join(f"q.{c}" for c in KEPT_COLUMNS)
        sql, read_params = ((f"SELECT {columns} FROM quotes q WHERE {where}", params) if source is None
                            else (f"SELECT {columns} FROM ({source[0]}) q", source[1]))
        return self._keep((where, json.dumps(params, default=str)), sql, read_params)

    def _keep(self, key: tuple, sql: str, params: list) -> str | None:
        """The name of the kept result of ``sql`` (see :meth:`_kept`), made by the first call that
        asks for ``key``; None when it has more than :data:`KEPT_ROWS` rows.
        """
        with self._kept_lock:
            if key in self._kept_names:
                self._kept_names.move_to_end(key)
                name = self._kept_names[key]
                if name is not None:
                    self._pin(name, self._kept_tables[name])
                return name
            self._kept_number += 1
            name = f"kept_{self._kept_number}"
        import duckdb
        import pyarrow as pa

        # Streamed: DuckDB never holds the whole result under its memory limit (materialised, a
        # large selection at a million articles ran out of 128 MB), and a large one stops early.
        chunks, rows = [], 0
        try:
            with self._cursor() as cursor:
                reader = cursor.sql(sql, params=params).to_arrow_reader(batch_size=KEPT_CHUNK)
                for chunk in reader:
                    chunks.append(chunk)
                    rows += chunk.num_rows
                    if rows > KEPT_ROWS:
                        break
            table = pa.Table.from_batches(chunks, schema=reader.schema) if rows <= KEPT_ROWS else None
        except duckdb.Error:  # out of memory: the calls evaluate the selection themselves
            table = None
        if table is None:
            name = None
        with self._kept_lock:
            self._kept_names[key] = name
            if name is not None:
                self._kept_tables[name] = table
                self._pin(name, table)
            while len(self._kept_names) > KEPT_SELECTIONS:
                self._kept_tables.pop(self._kept_names.popitem(last=False)[1], None)
        return name

    def _pin(self, name: str, table) -> None:
        """Keep ``table`` registered for this thread's cursors (its last :data:`KEPT_SELECTIONS`)."""
        pinned = getattr(self._pinned, "tables", None)
        if pinned is None:
            pinned = self._pinned.tables = OrderedDict()
        pinned[name] = table
        pinned.move_to_end(name)
        while len(pinned) > KEPT_SELECTIONS:
            pinned.popitem(last=False)
