"""The out-of-core data layer: the answers of :mod:`analysis.query` as SQL on the store's warehouse.

:func:`open_engine` gives the one :class:`Engine` of a store per process: one read-only DuckDB
connection (memory limit and threads from :class:`analysis.settings.Settings`), and every call
runs on a cursor of its own, so threads and sessions never share one (a shared cursor gave
wrong answers when another session replaced its temporary objects). Only the rows a page shows
come back to Python: counts, aggregates, and a page of statements.

Each method takes the user's :class:`~analysis.query.Filters` and answers as the function of
:mod:`analysis.query` with the same name does on the filtered frame (same rows, values and
order; ``cross_counts`` and ``tone_by_target`` order ties by value). Without any filter, the
counts come from the pre-aggregated tables :mod:`analysis.store.warehouse` writes; a filter of
one value with a slice of its own from that value's tables, a union of values from their slices
(:meth:`Engine._union`), and any other filter of countries, topics and speakers from the clustered
copies of its values' statements (:meth:`Engine._source`), never a scan of every statement. The
pages' other questions (a speaker's representative statements and mentions, a comparison side,
the country evidence...) read through the same selection (:meth:`Engine._selected`), narrowed to
one more speaker, country, topic or period where they ask it. Whole-store questions the pages
ask at every visit (the confident store of the Briefing, a typed name, the most recent
statements, an article's statements) read the tables of :mod:`analysis.store.page_tables` when
the warehouse has them. Full-text search reads the warehouse's own FTS5 index (same tokenizer and
query syntax as :mod:`analysis.search`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sqlite3
import threading
from collections import OrderedDict

import pandas as pd

from analysis import keywords, search
from analysis.query import (
    COUNTRY_SCOPES,
    POLARITY_SCORES,
    REPRESENTATIVE_SAMPLE,
    STATEMENT_MEASURE,
    TARGET_MEASURE,
    Filters,
    aliases_from_counts,
)
from analysis.records import Keyword
from analysis.settings import DEFAULT_BUDGET_MB, Settings, engine_memory_mb, load_settings
from analysis.store.page_tables import (
    RECENT_COLUMNS,
    RECENT_KEPT,
    RECENT_ORDER,
    REPRESENTATIVE_KEPT,
    WORDING,
    WORDING_PARAMS,
    ranked_sql,
)
from analysis.store.warehouse import (
    CLUSTER_COLUMNS,
    CROSS_PAIRS,
    KEYWORD_CANDIDATES,
    SLICE_KEYWORDS,
    scored_phrases_sql,
    warehouse_path,
    write_warehouse,
)

#: The statement columns :func:`Engine.filter_quotes` returns by default (those of ``load_corpus``).
QUOTE_COLUMNS = ("quote_id", "article_id", "kind", "start", "end", "text", "speaker", "speaker_start",
                 "speaker_end", "cue_start", "cue_end", "countries", "topics", "tone", "speaker_kind", "segments",
                 "speaker_description", "confidence", "about", "target_tones", "speaker_mention", "cue", "title",
                 "date", "outlet")
#: The article columns :meth:`Engine.articles_of` returns.
ARTICLE_COLUMNS = ("article_id", "source", "title", "date", "outlet", "url", "tone", "words", "n_quotes", "version")
#: A statement's wording in SQL (see :data:`analysis.store.page_tables.WORDING`), with its parameters.
_WORDING, _WORDING_PARAMS = WORDING, WORDING_PARAMS
_ARTICLE_ORDER = "a.date NULLS LAST, a.title NULLS LAST, a.bidx, a.frow"
#: Periods of :meth:`Engine.statements_over_time` (the first letter of a pandas frequency).
PERIODS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "A": "year"}
#: (pos, v) rows of each dimension of the selected statements ``sel`` (see :meth:`Engine.cross_counts`).
_DIMENSIONS = {
    "speaker": "SELECT pos, speaker AS v FROM sel",
    "countries": "SELECT pos, iso3 AS v FROM quote_countries WHERE pos IN (SELECT pos FROM sel)",
    "topics": "SELECT pos, topic AS v FROM quote_topics WHERE pos IN (SELECT pos FROM sel)",
}


#: CTEs ``g`` and ``f`` of :func:`analysis.store.warehouse.scored_phrases_sql` for the selection ``sel``.
_SELECTION_COUNTS = """s AS (SELECT phrase_groups, phrase_forms FROM sel),
    g AS (SELECT group_id, count(*) AS statements FROM (SELECT unnest(phrase_groups) AS group_id FROM s)
          GROUP BY group_id),
    f AS (SELECT form_id, count(*) AS occ FROM (SELECT unnest(phrase_forms) AS form_id FROM s)
          GROUP BY form_id)"""


#: A filter of articles reads at most this many ranges of positions (else one range over all of them).
ARTICLE_SPANS = 64
#: The statement columns of a kept selection (:meth:`Engine._kept`).
KEPT_COLUMNS = ("pos", "speaker", "tone", "day", "date", "article_id", "countries", "topics")
#: Selections of more statements are not kept (they are sliced or read again).
KEPT_ROWS = 200_000
#: Rows read at a time while keeping a selection.
KEPT_CHUNK = 20_000
#: How many selections are kept (the last used).
KEPT_SELECTIONS = 4
_COLUMN = re.compile(r"\bq\.(\w+)")
_COLUMN_LIST = re.compile(r",\s*")
#: The long tables of the selection (``sel_<table>``, see Engine._selected): table, value, list column.
_LONG = (("quote_countries", "iso3", "countries"), ("quote_topics", "topic", "topics"))
#: The clustered copy of each filter dimension (:mod:`analysis.store.warehouse`, ``by_*``): the
#: Filters attribute, the table, the statement's list column of that dimension (None: the speaker),
#: and the pre-aggregated table and column that count each value's statements.
_CLUSTERED = (("countries", "by_country", "countries", "agg_country", "iso3"),
              ("topics", "by_topic", "topics", "agg_topic", "topic"),
              ("speakers", "by_speaker", None, "agg_speaker", "speaker"))
#: (pos, v) rows of each dimension of the selection, read from the CTEs of Engine._selected.
_SELECTED_DIMENSIONS = {
    "speaker": "SELECT pos, speaker AS v FROM sel",
    "countries": "SELECT pos, iso3 AS v FROM sel_quote_countries",
    "topics": "SELECT pos, topic AS v FROM sel_quote_topics",
}


class WarehouseMissing(LookupError):
    """The store has no warehouse yet (the message says how to make one)."""


class Engine:
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
        self._conn = duckdb.connect(":memory:", config={"memory_limit": f"{int(memory_mb)}MB",
                                                        "threads": int(threads)})
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
        self._tables = {name for (name,) in self._sql("SELECT table_name FROM information_schema.tables "
                                                      "WHERE table_catalog = 'warehouse'")}
        # The single filter values with pre-aggregated tables of their own (see _slice).
        self._slices: dict[tuple[str, str], tuple[int, int]] = {}
        # Statements per filter value (read when first needed), to choose a selection's clustered copy.
        self._clustered = {table for _a, table, *_rest in _CLUSTERED} <= self._tables
        self._value_rows: dict[tuple[str, str], dict[str, int]] = {}
        self._phrase_spaces: int | None = None  # see _max_phrase_spaces
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

    # ----------------------------------------------------------------- plumbing

    def _cursor(self):
        """A new cursor reading the warehouse (never shared: one per call)."""
        cursor = self._conn.cursor()
        cursor.execute("USE warehouse")
        with self._kept_lock:
            kept = {**getattr(self._pinned, "tables", {}), **self._kept_tables}
        kept = kept.items()
        for name, table in kept:
            cursor.register(name, table)
        return cursor

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

    def _where(self, filters: Filters, also: tuple = ()) -> tuple[str, list]:
        """The WHERE clause over ``quotes q`` of ``filters`` and the narrowings ``also``
        (:meth:`_narrowing`), with its parameters.
        """
        if filters.country_scope not in COUNTRY_SCOPES:
            raise ValueError(f"country scope must be one of {', '.join(COUNTRY_SCOPES)}, "
                             f"not {filters.country_scope!r}")
        conditions, params = ["true"], []

        def among(values) -> str:
            params.extend(values)
            return ", ".join("?" for _ in values)

        if filters.countries:
            table = "quote_about" if filters.country_scope == "about" else "quote_countries"
            conditions.append(f"q.pos IN (SELECT pos FROM {table} WHERE iso3 IN ({among(filters.countries)}))")
        if filters.topics:
            conditions.append(f"q.pos IN (SELECT pos FROM quote_topics WHERE topic IN ({among(filters.topics)}))")
        if filters.speakers:
            conditions.append(f"q.speaker IN ({among(filters.speakers)})")
        if filters.articles:
            conditions.append(f"q.article_id IN ({among(filters.articles)})")
            spans = self._article_spans(filters.articles)
            if spans is not None:  # their positions' ranges: the scan reads only those blocks
                conditions.append("(" + " OR ".join("q.pos BETWEEN ? AND ?" for _ in spans) + ")")
                params.extend(p for span in spans for p in span)
        if filters.search.strip():
            found = self.search_positions(filters.search)
            if found is not None:
                conditions.append("q.pos IN (SELECT unnest(?::BIGINT[]))")
                params.append(found)
        if filters.min_confidence > 0:
            conditions.append("(q.confidence IS NULL OR isnan(q.confidence) OR q.confidence >= ?)")
            params.append(float(filters.min_confidence))
        if filters.versions_once and self.has_versions:
            conditions.append("NOT q.repeated")
        for kind, value in also:
            if kind == "speakers":
                conditions.append("q.speaker = ?")
            elif kind == "period":
                conditions.append("q.day >= ?::DATE AND q.day <= ?::DATE")
                params.append(str(value[0]))
                value = str(value[1])
            elif kind == "from_pos":
                conditions.append("q.pos >= ?")
            else:
                table, column = ("quote_countries", "iso3") if kind == "countries" else ("quote_topics", "topic")
                conditions.append(f"q.pos IN (SELECT pos FROM {table} WHERE {column} = ?)")
            params.append(value)
        return " AND ".join(conditions), params

    def _article_spans(self, articles) -> list[tuple[int, int]] | None:
        """The (first, last) statement positions of ``articles`` (``article_pos``), in order, those
        that touch merged, and all in one range when they are more than :data:`ARTICLE_SPANS`;
        [(0, -1)] when none has a statement; None when the warehouse has no such table.
        """
        if "article_pos" not in self._tables:
            return None
        spans: list[tuple[int, int]] = []
        for first, last in self._sql("SELECT first_pos, last_pos FROM article_pos WHERE article_id IN "
                                     "(SELECT unnest(?::VARCHAR[])) ORDER BY first_pos", [list(articles)]):
            if spans and first <= spans[-1][1] + 1:
                spans[-1] = (spans[-1][0], max(spans[-1][1], int(last)))
            else:
                spans.append((int(first), int(last)))
        if len(spans) > ARTICLE_SPANS:
            spans = [(spans[0][0], max(last for _first, last in spans))]
        return spans or [(0, -1)]

    @staticmethod
    def _narrowing(by: str | None, value) -> tuple:
        """The narrowing ``also`` of :meth:`_selected` to the statements of one speaker (``by``
        "speaker"), naming one country ("country", whatever the filters' country scope), of one
        topic ("topic"), or dated within (first, last) ("period", both days included).
        """
        kinds = {"speaker": "speakers", "country": "countries", "topic": "topics", "period": "period"}
        if by not in kinds:
            raise ValueError(f"cannot compare by {by!r}")
        return ((kinds[by], value),)

    def _selected(self, filters: Filters, columns: str = "q.pos", also: tuple = ()) -> tuple[str, list]:
        """A CTE ``sel`` of ``columns`` of the selected statements, with its parameters; ``also``
        narrows the selection further (:meth:`_narrowing`).

        Queries read ``sel`` and long tables ``WHERE pos IN (SELECT pos FROM sel)``: at 100,000
        articles a ``SEMI JOIN`` of the whole statements table with it was 5-15 times slower.
        A selection kept by :meth:`_kept` is read instead of the statements table, else its
        clustered copies (:meth:`_source`); columns neither holds (the text, the kind...) are
        read from the statements table for the positions of those only, or, when the selection is
        speakers and conditions on the statements' own columns, by the statements' scan with those
        conditions (it checks them first and reads the matching rows' other columns only).
        """
        where, params = self._where(filters, also)
        wanted = set(_COLUMN.findall(columns))
        # Columns of the statements table, and conditions its scan checks first: read it so.
        direct = not wanted <= set(CLUSTER_COLUMNS) and self._own_columns_only(filters, also)
        everything = filters.is_empty and not also
        source = None if everything or direct else self._source(filters, also)
        kept = (None if everything or direct or self._surely_large(filters, also)
                else self._kept(where, params, source))
        lists = kept  # where the selection's countries and topics lists are read (None: the long tables)
        if kept is not None and wanted <= set(KEPT_COLUMNS):
            cte, params = f"WITH sel AS (SELECT {columns} FROM {kept} q)", []
        elif source is not None and wanted <= set(CLUSTER_COLUMNS):
            # Read once for the long tables' CTEs too (materialised: inlined, each read the blocks
            # again), and only the columns this call needs.
            longs = "q.pos" in _COLUMN_LIST.split(columns)
            needed = ", ".join(f"q.{c}" for c in CLUSTER_COLUMNS
                               if c in wanted or (longs and c in ("pos", "countries", "topics")))
            cte = (f"WITH src AS {'MATERIALIZED ' if longs else ''}(SELECT {needed} FROM ({source[0]}) q), "
                   f"sel AS (SELECT {columns} FROM src q)")
            params, lists = source[1], "src"
        elif kept is not None or source is not None:
            # The statements' other columns for the selection's positions; the speakers, when chosen,
            # also as a condition the scan checks first (it then reads the wide columns of their
            # rows only: the positions' join alone narrows nothing before every text is read).
            speakers = next((v for k, v in reversed(also) if k == "speakers"), None)
            speakers = (speakers,) if speakers is not None else tuple(dict.fromkeys(filters.speakers))
            hint = f" AND q.speaker IN ({', '.join('?' for _ in speakers)})" if speakers else ""
            lowest = [int(v) for k, v in also if k == "from_pos"]
            hint += " AND q.pos >= ?" * len(lowest)
            read, params = (kept, []) if kept is not None else (f"({source[0]})", list(source[1]))
            cte = f"WITH sel AS (SELECT {columns} FROM quotes q WHERE q.pos IN (SELECT pos FROM {read}){hint})"
            params = [*params, *speakers, *lowest]
        else:
            cte = f"WITH sel AS (SELECT {columns} FROM quotes q WHERE {where})"
        if "q.pos" in _COLUMN_LIST.split(columns):
            cte += ", " + ", ".join(
                f"sel_{long} AS (SELECT pos, {value} FROM {long} WHERE pos IN (SELECT pos FROM sel))" if lists is None
                else f"sel_{long} AS (SELECT pos, {value} FROM (SELECT pos, unnest({listed}) AS {value} FROM {lists}) "
                     f"WHERE {value} IS NOT NULL)"
                for long, value, listed in _LONG)
        return cte, params

    @staticmethod
    def _own_columns_only(filters: Filters, also: tuple = ()) -> bool:
        """True when ``filters`` and ``also`` are conditions on the statements' own columns only
        (speakers, articles, confidence, period, repeats: no country, topic or search), which a
        scan of the statements checks before reading their other columns.
        """
        return not (filters.countries or filters.topics or filters.search.strip()
                    or any(kind in ("countries", "topics") for kind, _value in also))

    def _source(self, filters: Filters, also: tuple = ()) -> tuple[str, list] | None:
        """The selected statements' :data:`~analysis.store.warehouse.CLUSTER_COLUMNS` read from the
        warehouse's clustered copies (``by_*``), with its parameters; None when ``filters`` and the
        narrowings ``also`` choose no country (named), topic or speaker, or hold a search or the
        "about" country scope, or the warehouse has no copies.

        The dimension whose values carry the fewest statements is read, value by value (only
        those values' blocks), and the other dimensions are conditions on the rows' own lists, as
        are articles and a period. A statement of several chosen values is read under the first of
        them only (the rows of a later value leave out those holding an earlier one), so no row
        repeats. A confidence floor reads the confidence of those rows' positions only.
        """
        if (not self._clustered or filters.search.strip()
                or (filters.countries and filters.country_scope != "mentioned")):
            return None
        chosen = [(attribute, table, listed, aggregate, column, tuple(dict.fromkeys(getattr(filters, attribute))))
                  for attribute, table, listed, aggregate, column in _CLUSTERED if getattr(filters, attribute)]
        chosen += [(attribute, table, listed, aggregate, column, (value,))
                   for kind, value in also for attribute, table, listed, aggregate, column in _CLUSTERED
                   if kind == attribute]
        if not chosen:
            return None
        driver = min(range(len(chosen)),
                     key=lambda n: sum(self._statements_of(chosen[n][3], chosen[n][4]).get(v, 0) for v in chosen[n][5]))
        conditions, condition_params = [], []
        for number, (_attribute, _table, listed, _aggregate, _column, values) in enumerate(chosen):
            if number == driver:
                continue
            if listed:
                conditions.append(f"list_has_any(q.{listed}, ?::VARCHAR[])")
                condition_params.append(list(values))
            else:
                conditions.append(f"q.speaker IN ({', '.join('?' for _ in values)})")
                condition_params.extend(values)
        if filters.articles:
            conditions.append(f"q.article_id IN ({', '.join('?' for _ in filters.articles)})")
            condition_params.extend(filters.articles)
        for kind, value in also:
            if kind == "period":
                conditions.append("q.day >= ?::DATE AND q.day <= ?::DATE")
                condition_params.extend([str(value[0]), str(value[1])])
            elif kind == "from_pos":
                conditions.append("q.pos >= ?")
                condition_params.append(int(value))
        if filters.versions_once and self.has_versions:
            conditions.append("NOT q.repeated")
        columns = ", ".join(f"q.{c}" for c in CLUSTER_COLUMNS)
        _attribute, table, listed, _aggregate, _column, values = chosen[driver]
        parts, params = [], []
        for number, value in enumerate(values):
            own = ["q.v = ?"]
            params.append(value)
            if listed and number:
                own.append(f"NOT list_has_any(q.{listed}, ?::VARCHAR[])")
                params.append(list(values[:number]))
            parts.append(f"SELECT {columns} FROM {table} q WHERE {' AND '.join(own + conditions)}")
            params.extend(condition_params)
        sql = " UNION ALL ".join(parts)
        if filters.min_confidence > 0:
            # The chosen rows joined with their statements' confidence: the join's build side is the
            # few chosen rows, and the statements' scan reads two narrow columns.
            sql = f"""SELECT s.* FROM ({sql}) s JOIN quotes c ON c.pos = s.pos
                WHERE c.confidence IS NULL OR isnan(c.confidence) OR c.confidence >= ?"""
            params.append(float(filters.min_confidence))
        return sql, params

    def _surely_large(self, filters: Filters, also: tuple = ()) -> bool:
        """True when ``filters`` chooses values of one dimension only (nothing else, no narrowing
        ``also``) and one of them alone carries more than :data:`KEPT_ROWS` statements: the
        selection is too large to keep, so trying (reading its first rows) would be wasted.
        """
        if also or filters.articles or filters.search.strip() or filters.min_confidence > 0:
            return False
        chosen = [(aggregate, column, getattr(filters, attribute)) for attribute, _t, _l, aggregate, column
                  in _CLUSTERED if getattr(filters, attribute)]
        if len(chosen) != 1 or (filters.countries and filters.country_scope != "mentioned"):
            return False
        aggregate, column, values = chosen[0]
        counted = self._statements_of(aggregate, column, self._counted(filters))
        return max(counted.get(v, 0) for v in values) > KEPT_ROWS

    def _statements_of(self, aggregate: str, column: str, counted: str = "statements_all") -> dict[str, int]:
        """Statements per value of one filter dimension (its pre-aggregated table), read once."""
        counts = self._value_rows.get((aggregate, counted))
        if counts is None:
            counts = self._value_rows[(aggregate, counted)] = dict(self._sql(f"SELECT {column}, {counted} "
                                                                             f"FROM {aggregate}"))
        return counts

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

    def _slice(self, filters: Filters) -> tuple[str, str] | None:
        """(dimension, value) when ``filters`` is one country (named), topic or speaker and nothing
        else, and the warehouse pre-aggregated that value (:mod:`analysis.store.warehouse`, ``s_*``).
        """
        if filters.articles or filters.search.strip() or filters.min_confidence > 0:
            return None
        chosen = [(name, values) for name, values in (("countries", filters.countries), ("topics", filters.topics),
                                                       ("speakers", filters.speakers)) if values]
        if len(chosen) != 1 or len(chosen[0][1]) != 1:
            return None
        if chosen[0][0] == "countries" and filters.country_scope != "mentioned":
            return None
        key = (chosen[0][0], chosen[0][1][0])
        return key if key in self._slices else None

    def _union(self, filters: Filters) -> tuple[str, list[str], str] | None:
        """(dimension, sliced values, overlap) when ``filters`` is two or more values of one dimension
        (countries named, topics or speakers) and nothing else, at least one of them with a slice of
        its own, so every landing chart but the key phrases is the sum of the sliced values' slices,
        less what the statements carrying several of them add too often, plus the statements of the
        other values carrying none of the sliced ones; None otherwise.

        ``overlap`` names the kept table (:meth:`_keep`) of those corrections (``pos``, ``speaker``,
        ``tone``, ``day``, ``countries``, ``topics``, and ``w``, the times to take the statement away),
        read from the clustered copies: a statement carrying ``m`` >= 2 sliced values is counted
        ``m`` times by the slices and taken away ``m - 1`` times, which is exact for any number of
        values; one of the other values only, counted by no slice, is "taken away" -1 times. None
        too when the corrections are too many to keep.
        """
        if not self._clustered or filters.articles or filters.search.strip() or filters.min_confidence > 0:
            return None
        chosen = [(name, list(dict.fromkeys(values))) for name, values in (
            ("countries", filters.countries), ("topics", filters.topics), ("speakers", filters.speakers)) if values]
        if len(chosen) != 1 or len(chosen[0][1]) < 2:
            return None
        dim, values = chosen[0]
        sliced = [v for v in values if (dim, v) in self._slices]
        others = [v for v in values if (dim, v) not in self._slices]
        if (dim == "countries" and filters.country_scope != "mentioned") or not sliced:
            return None
        keep = "AND NOT q.repeated" if self._counted(filters) == "statements" else ""
        columns = "q.pos, q.speaker, q.tone, q.day, q.countries, q.topics"
        parts, params = [f"SELECT {columns}, 0::BIGINT AS w FROM by_speaker q WHERE false"], []
        if dim == "speakers":  # one speaker per statement: no overlap
            if others:
                parts.append(f"SELECT {columns}, -1 AS w FROM by_speaker q WHERE q.v IN "
                             f"({', '.join('?' for _ in others)}) {keep}")
                params += others
        else:
            table, listed = ("by_country", "countries") if dim == "countries" else ("by_topic", "topics")
            # A statement of several sliced values is read under the first of them, smallest first;
            # the last (largest) value's block is not read at all.
            ordered = sorted(sliced, key=lambda v: (self._slices[(dim, v)][1], v))
            for number, value in enumerate(ordered[:-1]):
                parts.append(f"""SELECT {columns}, len(list_intersect(q.{listed}, ?::VARCHAR[])) - 1 AS w
                    FROM {table} q WHERE q.v = ? AND NOT list_has_any(q.{listed}, ?::VARCHAR[])
                    AND len(list_intersect(q.{listed}, ?::VARCHAR[])) >= 2 {keep}""")
                params += [sliced, value, ordered[:number], sliced]
            for number, value in enumerate(others):
                parts.append(f"""SELECT {columns}, -1 AS w FROM {table} q
                    WHERE q.v = ? AND NOT list_has_any(q.{listed}, ?::VARCHAR[]) {keep}""")
                params += [value, sliced + others[:number]]
        overlap = self._keep(("overlap", dim, json.dumps(values), keep), " UNION ALL ".join(parts), params)
        return None if overlap is None else (dim, sliced, overlap)

    def _union_of(self, union: tuple[str, list[str], str], table: str, columns: str,
                  less: str, extra: str = "") -> tuple[str, list]:
        """SQL of the rows of the slice ``table`` of each of the union's values (``columns``, with
        ``extra`` conditions) and, UNION ALL, ``less``: the overlap's part, to subtract.
        """
        dim, values, _overlap = union
        marks = ", ".join("?" for _ in values)
        return (f"SELECT {columns} FROM {table} WHERE fdim = ? AND fval IN ({marks}) {extra} UNION ALL {less}",
                [dim, *values])

    @staticmethod
    def _floor_only(filters: Filters) -> bool:
        """True when ``filters`` is a confidence floor and nothing else (a selection of the whole store
        less the statements under the floor: its counts are the store's less theirs).
        """
        return filters.min_confidence > 0 and dataclasses.replace(filters, min_confidence=0.0).is_empty

    def _floor(self, filters: Filters) -> float | None:
        """The floor when ``filters`` is a confidence floor and nothing else and the warehouse
        pre-aggregated that floor's statements (``f_*`` of :mod:`analysis.store.page_tables`), else None.
        """
        if self._floor_only(filters) and float(filters.min_confidence) in self._floors:
            return float(filters.min_confidence)
        return None

    def _variant(self, filters: Filters) -> str:
        """The pre-aggregated tables' ``variant`` of what ``filters`` counts (repeats left out or all)."""
        return "once" if self._counted(filters) == "statements" else "all"

    def _counted(self, filters: Filters) -> str:
        """The column of a pre-aggregated table that counts what ``filters`` counts."""
        return "statements" if filters.versions_once and self.has_versions else "statements_all"

    def is_current(self) -> bool:
        """True when the warehouse was built from the store's batches as they are now."""
        from analysis.store import list_batches

        return list_batches(self.store_dir) == self.batches

    def sample(self, rows: int, seed: int = 7) -> pd.DataFrame:
        """A reproducible random sample of statements (``countries``, ``topics``, ``speaker``), for
        benchmarks and tests that draw filters users would pick.
        """
        frame = self._frame(f"SELECT countries, topics, speaker FROM quotes USING SAMPLE reservoir({int(rows)} ROWS) "
                            f"REPEATABLE ({int(seed)})")
        for column in ("countries", "topics"):
            frame[column] = [_tuples(v) for v in frame[column]]
        return frame

    # ----------------------------------------------------------------- statements

    def count(self, filters: Filters) -> int:
        """How many statements match ``filters``."""
        sliced = self._slice(filters)
        if sliced:
            return self._slices[sliced][0 if self._counted(filters) == "statements" else 1]
        if self._floor(filters) is not None:
            return self.summary(filters)["statements"]
        union = self._union(filters)
        if union:
            counted = 0 if self._counted(filters) == "statements" else 1
            less = self._sql(f"SELECT coalesce(sum(w), 0) FROM {union[2]}")[0][0]
            return sum(self._slices[(union[0], v)][counted] for v in union[1]) - int(less)
        cte, params = self._selected(filters)
        return int(self._sql(f"{cte} SELECT count(*) FROM sel", params)[0][0])

    def filter_quotes(self, filters: Filters, columns: tuple[str, ...] = QUOTE_COLUMNS, limit: int | None = None,
                      offset: int = 0) -> pd.DataFrame:
        """The statements matching ``filters`` in corpus order (rows ``offset`` .. ``offset + limit``),
        indexed by their position in the corpus (as :func:`analysis.query.filter_quotes` keeps it).
        List columns hold tuples.
        """
        unknown = [c for c in columns if c not in QUOTE_COLUMNS + ("day", "month", "repeated")]
        if unknown:
            raise ValueError(f"no statement column {', '.join(map(repr, unknown))}")
        # The page's positions from the clustered copies when the filter allows (only the chosen
        # values' blocks), else by evaluating the filter on every statement.
        source = None if filters.is_empty else self._source(filters)
        if source is None:
            where, params = self._where(filters)
            chosen = f"quotes q WHERE {where}"
        else:
            chosen, params = f"({source[0]}) q", list(source[1])
        names = ", ".join(f'q."{c}"' for c in columns)
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            params = [*params, int(limit), int(offset)]
        # Positions first, then the wide columns of the page's rows only: the join's range of
        # positions reaches the scan of the statements (sorted by pos), which reads only their blocks.
        # (Reading the page's positions from a kept selection and the rows by constants was slower
        # on average: 66 against 26 ms at 100,000 realistic articles, 300 filters.)
        frame = self._frame(f"""WITH p AS (SELECT q.pos FROM {chosen} ORDER BY q.pos{page})
            SELECT q.pos, {names} FROM quotes q SEMI JOIN p USING (pos) ORDER BY q.pos""", params)
        for column in ("countries", "topics", "about", "segments", "target_tones"):
            if column in frame.columns:
                frame[column] = [_tuples(v) for v in frame[column]]
        return frame.set_index("pos").rename_axis(None)

    # ----------------------------------------------------------------- counts

    def speaker_counts(self, filters: Filters, limit: int = 20) -> pd.DataFrame:
        """Statements per named speaker, most first (``speaker``, ``statements``)."""
        if filters.is_empty:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            sql = (f"SELECT speaker, {counted} AS statements FROM agg_speaker WHERE {counted} > 0 "
                   f"ORDER BY statements DESC, {first} LIMIT ?")
            return self._frame(sql, [int(limit)])
        floor = self._floor(filters)
        if floor is not None:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            return self._frame(f"SELECT speaker, {counted} AS statements FROM f_speaker WHERE floor = ? AND "
                               f"{counted} > 0 ORDER BY statements DESC, {first} LIMIT ?", [floor, int(limit)])
        sliced = self._slice(filters)
        if sliced:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            return self._frame(f"SELECT speaker, {counted} AS statements FROM s_speaker WHERE fdim = ? AND fval = ? "
                               f"AND {counted} > 0 ORDER BY statements DESC, {first} LIMIT ?", [*sliced, int(limit)])
        union = self._union(filters)
        if union:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            rows, params = self._union_of(union, "s_speaker", f"speaker, {counted} AS n, {first} AS first",
                                          f"SELECT speaker, -sum(w), min(pos) FILTER (WHERE w < 0) FROM {union[2]} "
                                          "WHERE speaker IS NOT NULL GROUP BY speaker")
            return self._frame(f"""SELECT speaker, sum(n)::BIGINT AS statements FROM ({rows}) GROUP BY speaker
                HAVING sum(n) > 0 ORDER BY statements DESC, min(first) LIMIT ?""", [*params, int(limit)])
        cte, params = self._selected(filters, "q.pos, q.speaker")
        return self._frame(f"""{cte} SELECT speaker, count(*) AS statements FROM sel
            WHERE speaker IS NOT NULL GROUP BY speaker ORDER BY statements DESC, min(pos) LIMIT ?""",
                           [*params, int(limit)])

    def _value_counts(self, filters: Filters, long: str, value: str, aggregate: str) -> pd.DataFrame:
        """Statements per value of a long table, most first (unfiltered, one sliced value, or any selection)."""
        sliced = self._slice(filters)
        if sliced:
            counted = self._counted(filters)
            return self._frame(f"SELECT {value}, {counted} AS statements FROM s_{aggregate[4:]} WHERE fdim = ? "
                               f"AND fval = ? AND {counted} > 0 ORDER BY statements DESC, {value}", list(sliced))
        if filters.is_empty:
            counted = self._counted(filters)
            return self._frame(f"SELECT {value}, {counted} AS statements FROM {aggregate} WHERE {counted} > 0 "
                               f"ORDER BY statements DESC, {value}")
        if self._floor(filters) is not None:
            counted = self._counted(filters)
            return self._frame(f"SELECT {value}, {counted} AS statements FROM f_{aggregate[4:]} WHERE floor = ? "
                               f"AND {counted} > 0 ORDER BY statements DESC, {value}", [self._floor(filters)])
        if self._floor_only(filters):
            # The store's counts less those of the statements under the floor (their lists only).
            counted = self._counted(filters)
            repeated = "AND NOT q.repeated" if counted == "statements" else ""
            return self._frame(f"""WITH u AS (SELECT v, count(*) AS n FROM (SELECT unnest(q.{long[len('quote_'):]}) AS v
                    FROM quotes q WHERE q.confidence < ? AND NOT isnan(q.confidence) {repeated})
                    WHERE v IS NOT NULL GROUP BY v)
                SELECT a.{value}, (a.{counted} - coalesce(u.n, 0))::BIGINT AS statements FROM {aggregate} a
                LEFT JOIN u ON u.v = a.{value} WHERE a.{counted} - coalesce(u.n, 0) > 0
                ORDER BY statements DESC, a.{value}""", [float(filters.min_confidence)])
        union = self._union(filters)
        if union:
            rows, params = self._union_of(
                union, f"s_{aggregate[4:]}", f"{value}, {self._counted(filters)} AS n",
                f"SELECT v, -sum(w) FROM (SELECT unnest({long[len('quote_'):]}) AS v, w FROM {union[2]}) "
                "WHERE v IS NOT NULL GROUP BY v")
            return self._frame(f"""SELECT {value}, sum(n)::BIGINT AS statements FROM ({rows}) GROUP BY {value}
                HAVING sum(n) > 0 ORDER BY statements DESC, {value}""", params)
        cte, params = self._selected(filters)
        return self._frame(f"""{cte} SELECT {value}, count(*) AS statements FROM sel_{long}
            GROUP BY {value} ORDER BY statements DESC, {value}""", params)

    def country_counts(self, filters: Filters) -> pd.DataFrame:
        """Statements naming each country, most first (``iso3``, ``statements``)."""
        return self._value_counts(filters, "quote_countries", "iso3", "agg_country")

    def topic_counts(self, filters: Filters) -> pd.DataFrame:
        """Statements per topic id, most first (``topic``, ``statements``)."""
        return self._value_counts(filters, "quote_topics", "topic", "agg_topic")

    def country_pairs(self, filters: Filters) -> pd.DataFrame:
        """How often two countries are named in the same statement (``a``, ``b``, ``statements``)."""
        if filters.is_empty:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            return self._frame(f"SELECT a, b, {counted} AS statements FROM agg_pairs WHERE {counted} > 0 "
                               f"ORDER BY statements DESC, {first}, a, b")
        sliced = self._slice(filters)
        if sliced:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            return self._frame(f"SELECT a, b, {counted} AS statements FROM s_pairs WHERE fdim = ? AND fval = ? "
                               f"AND {counted} > 0 ORDER BY statements DESC, {first}, a, b", list(sliced))
        union = self._union(filters)
        if union:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            rows, params = self._union_of(union, "s_pairs", f"a, b, {counted} AS n, {first} AS first", f"""
                SELECT a, b, -sum(w), min(pos) FILTER (WHERE w < 0) FROM (SELECT DISTINCT x.pos, x.w, x.iso3 AS a,
                    y.iso3 AS b
                    FROM (SELECT pos, w, unnest(countries) AS iso3 FROM {union[2]}) x
                    JOIN (SELECT pos, unnest(countries) AS iso3 FROM {union[2]}) y ON x.pos = y.pos AND x.iso3 < y.iso3)
                GROUP BY a, b""")
            return self._frame(f"""SELECT a, b, sum(n)::BIGINT AS statements FROM ({rows}) GROUP BY a, b
                HAVING sum(n) > 0 ORDER BY statements DESC, min(first), a, b""", params)
        cte, params = self._selected(filters)
        return self._frame(f"""{cte}, c AS (SELECT pos, iso3 FROM sel_quote_countries),
            p AS (SELECT DISTINCT x.pos, x.iso3 AS a, y.iso3 AS b FROM c x
                  JOIN c y ON x.pos = y.pos AND x.iso3 < y.iso3)
            SELECT a, b, count(*) AS statements FROM p GROUP BY a, b ORDER BY statements DESC, min(pos), a, b""",
                           params)

    def cross_counts(self, filters: Filters, row: str, column: str) -> pd.DataFrame:
        """Statement counts and mean tone for each pair of values (``row``, ``column``, ``statements``,
        ``tone``); ``row`` and ``column`` are ``"speaker"``, ``"countries"`` or ``"topics"``.
        """
        if row not in _DIMENSIONS or column not in _DIMENSIONS:
            raise ValueError(f"cross_counts crosses {', '.join(_DIMENSIONS)}, not {row!r} x {column!r}")
        if filters.is_empty and self._has_cross(row, column):
            suffix = "" if self._counted(filters) == "statements" else "_all"
            frame = self._frame(f"""SELECT a AS "{row}", b AS "{column}", statements{suffix} AS statements,
                tone_sum{suffix} / nullif(tone_n{suffix}, 0) AS tone FROM agg_cross
                WHERE row_dim = ? AND col_dim = ? AND statements{suffix} > 0
                ORDER BY statements DESC, a, b""", [row, column])
        elif self._slice(filters) and (row, column) in CROSS_PAIRS:
            suffix = "" if self._counted(filters) == "statements" else "_all"
            frame = self._frame(f"""SELECT a AS "{row}", b AS "{column}", statements{suffix} AS statements,
                tone_sum{suffix} / nullif(tone_n{suffix}, 0) AS tone FROM s_cross
                WHERE fdim = ? AND fval = ? AND row_dim = ? AND col_dim = ? AND statements{suffix} > 0
                ORDER BY statements DESC, a, b""", [*self._slice(filters), row, column])
        elif (row, column) in CROSS_PAIRS and self._union(filters):
            union = self._union(filters)
            suffix = "" if self._counted(filters) == "statements" else "_all"
            dims = {"speaker": f"SELECT pos, coalesce(speaker, '(unknown)') AS v FROM {union[2]}",
                    "countries": f"SELECT pos, v FROM (SELECT pos, unnest(countries) AS v FROM {union[2]}) "
                                 "WHERE v IS NOT NULL",
                    "topics": f"SELECT pos, v FROM (SELECT pos, unnest(topics) AS v FROM {union[2]}) "
                              "WHERE v IS NOT NULL"}
            rows, params = self._union_of(
                union, "s_cross", f"a, b, statements{suffix} AS n, tone_sum{suffix} AS ts, tone_n{suffix} AS tn",
                f"""SELECT a, b, -sum(w), -sum(w * ts), -sum(w * tn) FROM (
                    SELECT r.v AS a, c.v AS b, r.pos, any_value(o.w) AS w, sum(o.tone) AS ts, count(o.tone) AS tn
                    FROM ({dims[row]}) r JOIN ({dims[column]}) c USING (pos) JOIN {union[2]} o USING (pos)
                    GROUP BY r.v, c.v, r.pos) GROUP BY a, b""", "AND row_dim = ? AND col_dim = ?")
            frame = self._frame(f"""SELECT a AS "{row}", b AS "{column}", sum(n)::BIGINT AS statements,
                sum(ts) / nullif(sum(tn), 0) AS tone FROM ({rows}) GROUP BY a, b HAVING sum(n) > 0
                ORDER BY statements DESC, a, b""", [*params, row, column])
        else:
            cte, params = self._selected(filters, "q.pos, q.tone, coalesce(q.speaker, '(unknown)') AS speaker")
            frame = self._frame(f"""{cte}, r AS ({_SELECTED_DIMENSIONS[row]}), c AS ({_SELECTED_DIMENSIONS[column]})
                SELECT r.v AS "{row}", c.v AS "{column}", count(DISTINCT r.pos) AS statements, avg(t.tone) AS tone
                FROM r JOIN c USING (pos) JOIN sel t USING (pos) GROUP BY r.v, c.v
                ORDER BY statements DESC, r.v, c.v""", params)
        return frame

    def _has_cross(self, row: str, column: str) -> bool:
        return bool(self._sql("SELECT count(*) > 0 FROM (SELECT 1 FROM agg_cross WHERE row_dim = ? AND col_dim = ? "
                              "LIMIT 1)", [row, column])[0][0]) or self._sql(
            "SELECT count(*) = 0 FROM quotes")[0][0]

    def statements_over_time(self, filters: Filters, freq: str = "MS") -> pd.DataFrame:
        """Statements per period by article date (``period``, ``statements``); undated ones left out."""
        period = PERIODS.get(freq[:1].upper())
        if period is None:
            raise ValueError(f"period must start with one of {', '.join(PERIODS)}, not {freq!r}")
        if filters.is_empty and period == "month":
            counted = self._counted(filters)
            frame = self._frame(f"SELECT month AS period, {counted} AS statements FROM agg_month "
                                f"WHERE month IS NOT NULL AND {counted} > 0 ORDER BY period")
        elif period == "month" and self._floor(filters) is not None:
            counted = self._counted(filters)
            frame = self._frame(f"SELECT month AS period, {counted} AS statements FROM f_month WHERE floor = ? "
                                f"AND month IS NOT NULL AND {counted} > 0 ORDER BY period", [self._floor(filters)])
        elif period == "month" and self._slice(filters):
            counted = self._counted(filters)
            frame = self._frame(f"SELECT month AS period, {counted} AS statements FROM s_month WHERE fdim = ? "
                                f"AND fval = ? AND month IS NOT NULL AND {counted} > 0 ORDER BY period",
                                list(self._slice(filters)))
        elif period == "month" and self._union(filters):
            union = self._union(filters)
            rows, params = self._union_of(union, "s_month", f"month, {self._counted(filters)} AS n",
                                          f"SELECT date_trunc('month', day)::DATE, -sum(w) FROM {union[2]} GROUP BY 1")
            frame = self._frame(f"""SELECT month AS period, sum(n)::BIGINT AS statements FROM ({rows})
                WHERE month IS NOT NULL GROUP BY month HAVING sum(n) > 0 ORDER BY period""", params)
        else:
            cte, params = self._selected(filters, "q.day")
            frame = self._frame(f"""{cte} SELECT date_trunc('{period}', day) AS period, count(*) AS statements
                FROM sel WHERE day IS NOT NULL GROUP BY period ORDER BY period""",
                                params)
        frame["period"] = pd.to_datetime(frame["period"])
        return frame

    def undated_statements(self, filters: Filters) -> int:
        """How many selected statements have no readable article date."""
        if filters.is_empty:
            rows = self._sql(f"SELECT {self._counted(filters)} FROM agg_month WHERE month IS NULL")
            return int(rows[0][0]) if rows else 0
        if self._floor(filters) is not None:
            rows = self._sql(f"SELECT {self._counted(filters)} FROM f_month WHERE floor = ? AND month IS NULL",
                             [self._floor(filters)])
            return int(rows[0][0]) if rows else 0
        sliced = self._slice(filters)
        if sliced:
            rows = self._sql(f"SELECT {self._counted(filters)} FROM s_month WHERE fdim = ? AND fval = ? "
                             "AND month IS NULL", list(sliced))
            return int(rows[0][0]) if rows else 0
        union = self._union(filters)
        if union:
            rows, params = self._union_of(union, "s_month", f"{self._counted(filters)} AS n",
                                          f"SELECT -coalesce(sum(w), 0) FROM {union[2]} WHERE day IS NULL",
                                          "AND month IS NULL")
            return int(self._sql(f"SELECT coalesce(sum(n), 0) FROM ({rows})", params)[0][0])
        cte, params = self._selected(filters, "q.day")
        return int(self._sql(f"{cte} SELECT count(*) FROM sel WHERE day IS NULL", params)[0][0])

    def option_values(self) -> dict[str, list[str]]:
        """Values offered in the filter widgets, most frequent first, ties alphabetical (as
        :func:`analysis.query.option_values`).
        """
        speakers = [s for (s,) in self._sql("SELECT speaker FROM agg_speaker ORDER BY statements_all DESC, speaker")]
        countries = [c for (c,) in self._sql("SELECT iso3 FROM agg_country ORDER BY statements_all DESC, iso3")]
        if "agg_mentioned" in self._tables:
            mentioned = [c for (c,) in self._sql("SELECT key FROM agg_mentioned ORDER BY n DESC, key")]
        else:  # a warehouse of an earlier build
            mentioned = [c for (c,) in self._sql(
                "SELECT key FROM mentions WHERE kind = 'country' AND key IS NOT NULL GROUP BY key "
                "ORDER BY count(*) DESC, key")]
        seen = set(countries)
        countries += [c for c in mentioned if c not in seen]
        topics = [t for (t,) in self._sql("SELECT topic FROM agg_topic ORDER BY statements_all DESC, topic")]
        seen = set(topics)
        topics += [t for (t,) in self._sql("SELECT topic FROM hit_topics WHERE topic IS NOT NULL "
                                           "ORDER BY n DESC, topic") if t not in seen]
        return {"country": countries, "topic": topics, "speaker": speakers}

    # ----------------------------------------------------------------- key phrases

    def phrase_counts(self, filters: Filters, names: list[str] | None = None) -> dict[str, int]:
        """How many selected statements hold each key phrase (as :func:`analysis.query.phrase_counts`);
        with ``names``, only those phrases.
        """
        sql, params = self._phrase_counts_sql(filters, names)
        return {name: int(n) for name, n in self._sql(sql, params)}

    def phrase_total(self, filters: Filters) -> int:
        """The sum of :meth:`phrase_counts` over every phrase, without listing them."""
        # Summed over the groups that have a name, not grouped by name first (at 100,000 realistic
        # articles two million names grouped under the memory limit took 3.8 s).
        if filters.is_empty:
            counted = self._counted(filters)
            return int(self._sql(f"""SELECT coalesce(sum(a.{counted}), 0) FROM agg_phrase_groups a
                WHERE a.{counted} > 0 AND a.group_id IN (SELECT group_id FROM phrase_groups)""")[0][0])
        cte, params = self._selected(filters, "q.phrase_groups")
        return int(self._sql(f"""{cte}, x AS (SELECT unnest(phrase_groups) AS group_id FROM sel)
            SELECT count(*) FROM x WHERE group_id IN (SELECT group_id FROM phrase_groups)""", params)[0][0])

    def _phrase_counts_sql(self, filters: Filters, names: list[str] | None) -> tuple[str, list]:
        """SQL of (name, n) per key phrase of the selection, and its parameters."""
        only = "AND g.name IN (SELECT unnest(?::VARCHAR[]))" if names is not None else ""
        if filters.is_empty:
            counted = self._counted(filters)
            return (f"""SELECT g.name, sum(a.{counted}) AS n FROM agg_phrase_groups a JOIN phrase_groups g
                USING (group_id) WHERE a.{counted} > 0 {only} GROUP BY g.name""",
                    [list(names)] if names is not None else [])
        cte, params = self._selected(filters, "q.phrase_groups")
        return (f"""{cte}, x AS (SELECT unnest(phrase_groups) AS group_id FROM sel)
            SELECT g.name, count(*) AS n FROM x JOIN phrase_groups g USING (group_id) WHERE true {only}
            GROUP BY g.name""", [*params, list(names)] if names is not None else params)

    def statement_keywords(self, filters: Filters, top_n: int = 10) -> list[Keyword]:
        """Key phrases of the selected statements (as :func:`analysis.query.statement_keywords`).

        Counting, choosing each phrase's shown form (:func:`analysis.keywords.best_form`) and scoring
        (:func:`analysis.keywords.phrase_score`) run in SQL; Python merges contained words
        (:func:`analysis.keywords.drop_contained_words`) over the best few hundred only, and over
        all of them in the rare case those few run out.
        """
        bonus = keywords.statements.SHORT_TEXT_LENGTH_BONUS
        candidates = max(300, 30 * top_n)
        if filters.is_empty:
            counted = self._counted(filters)
            if "agg_keywords" in self._tables and top_n <= KEYWORD_CANDIDATES // 30:
                variant = "once" if counted == "statements" else "all"
                rows = self._sql("SELECT score, phrase, stems FROM agg_keywords WHERE variant = ? "
                                 "ORDER BY score DESC, phrase", [variant])
                found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
                if len(found) == top_n or len(rows) < KEYWORD_CANDIDATES:
                    return found
            occurrences = "occurrences" if counted == "statements" else "occurrences_all"
            params: list = []
            counts = f"""g AS (SELECT group_id, {counted} AS statements FROM agg_phrase_groups WHERE {counted} > 0),
                f AS (SELECT form_id, {occurrences} AS occ FROM agg_phrase_forms WHERE {occurrences} > 0)"""
        elif (self._floor(filters) is not None and top_n <= KEYWORD_CANDIDATES // 30
              and (found := self._floor_keywords(filters, top_n)) is not None):
            return found
        elif (candidates <= SLICE_KEYWORDS and self._floor_speaker(filters) is not None
              and (found := self._floor_speaker_keywords(filters, top_n, candidates)) is not None):
            return found
        elif self._slice(filters) and candidates <= SLICE_KEYWORDS:
            variant = "once" if self._counted(filters) == "statements" else "all"
            rows = self._sql("SELECT score, phrase, stems FROM s_keywords WHERE fdim = ? AND fval = ? AND variant = ? "
                             "ORDER BY score DESC, phrase LIMIT ?", [*self._slice(filters), variant, candidates])
            found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
            if len(found) == top_n or len(rows) < candidates:
                return found
            cte, params = self._selected(filters, "q.phrase_groups, q.phrase_forms")
            counts = cte[len("WITH "):] + ", " + _SELECTION_COUNTS
        elif self._floor_only(filters):
            # Confident statements of the whole store (the Briefing's default): the store's counts
            # less those of the few statements under the floor, not the lists of all the others.
            counted = self._counted(filters)
            occurrences = "occurrences" if counted == "statements" else "occurrences_all"
            repeated = "AND NOT q.repeated" if counted == "statements" else ""
            params = [float(filters.min_confidence)]
            counts = f"""u AS MATERIALIZED (SELECT q.phrase_groups, q.phrase_forms FROM quotes q
                    WHERE q.confidence < ? AND NOT isnan(q.confidence) {repeated}),
                ug AS (SELECT group_id, count(*) AS n FROM (SELECT unnest(phrase_groups) AS group_id FROM u)
                       GROUP BY group_id),
                uf AS (SELECT form_id, count(*) AS n FROM (SELECT unnest(phrase_forms) AS form_id FROM u)
                       GROUP BY form_id),
                g AS (SELECT a.group_id, a.{counted} - coalesce(ug.n, 0) AS statements FROM agg_phrase_groups a
                      LEFT JOIN ug USING (group_id) WHERE a.{counted} - coalesce(ug.n, 0) > 0),
                f AS (SELECT a.form_id, a.{occurrences} - coalesce(uf.n, 0) AS occ FROM agg_phrase_forms a
                      LEFT JOIN uf USING (form_id) WHERE a.{occurrences} - coalesce(uf.n, 0) > 0)"""
        else:
            cte, params = self._selected(filters, "q.phrase_groups, q.phrase_forms")
            counts = cte[len("WITH "):] + ", " + _SELECTION_COUNTS
        for limit in (candidates, 20 * candidates, None):
            sql = scored_phrases_sql(counts, bonus, limit, self._max_phrase_spaces())
            rows = self._sql(sql + (" LIMIT ?" if limit else ""), [*params, limit] if limit else params)
            found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
            if len(found) == top_n or limit is None or len(rows) < limit:
                return found
        return found

    def _floor_keywords(self, filters: Filters, top_n: int) -> list[Keyword] | None:
        """The key phrases of a pre-aggregated floor's statements (``f_keywords``); None when its
        candidates run out before ``top_n`` phrases remain (the caller then scores them all).
        """
        rows = self._sql("SELECT score, phrase, stems FROM f_keywords WHERE floor = ? AND variant = ? "
                         "ORDER BY score DESC, phrase", [self._floor(filters), self._variant(filters)])
        found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
        return found if len(found) == top_n or len(rows) < KEYWORD_CANDIDATES else None

    def _floor_speaker(self, filters: Filters) -> tuple[float, str] | None:
        """(floor, speaker) when ``filters`` is one speaker over a confidence floor and nothing else and
        the warehouse scored that speaker's key phrases over that floor (``f_s_keywords``), else None.
        """
        if self._floor_speakers is None:
            self._floor_speakers = set() if "f_s_keywords" not in self._tables else {
                (float(f), s) for f, s in self._sql("SELECT DISTINCT floor, speaker FROM f_s_keywords")}
        speakers = set(filters.speakers)
        key = (float(filters.min_confidence), next(iter(speakers), None))
        plain = not (filters.countries or filters.topics or filters.articles or filters.search.strip())
        return key if len(speakers) == 1 and plain and key in self._floor_speakers else None

    def _floor_speaker_keywords(self, filters: Filters, top_n: int, candidates: int) -> list[Keyword] | None:
        """The key phrases of one speaker's statements over a floor from their best ``candidates``
        pre-scored ones; None when those run out before ``top_n`` phrases remain.
        """
        rows = self._sql("SELECT score, phrase, stems FROM f_s_keywords WHERE floor = ? AND speaker = ? "
                         "AND variant = ? ORDER BY score DESC, phrase LIMIT ?",
                         [*self._floor_speaker(filters), self._variant(filters), candidates])
        found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
        return found if len(found) == top_n or len(rows) < candidates else None

    def _max_phrase_spaces(self) -> int:
        """The most spaces in any stored phrase form (bounds a phrase's length bonus), read once."""
        if self._phrase_spaces is None:
            self._phrase_spaces = int(self._sql(
                "SELECT coalesce(max(length(form) - length(replace(form, ' ', ''))), 0) FROM phrase_forms")[0][0])
        return self._phrase_spaces

    # ----------------------------------------------------------------- tone

    def has_target_tones(self, filters: Filters) -> bool:
        """True when any selected statement holds its tone towards a target."""
        if self._any_target_tones is None:  # most stores hold none (an opt-in analysis): read once
            self._any_target_tones = bool(self._sql(
                "SELECT count(*) > 0 FROM (SELECT 1 FROM quotes WHERE len(target_tones) > 0 LIMIT 1)")[0][0])
        if not self._any_target_tones:
            return False
        cte, params = self._selected(filters, "q.target_tones")
        return bool(self._sql(f"{cte} SELECT coalesce(bool_or(len(target_tones) > 0), false) FROM sel",
                              params)[0][0])

    def tone_measure(self, filters: Filters, row: str, column: str) -> str:
        """What :meth:`tone_by_target` shows (see :func:`analysis.query.tone_measure`)."""
        if (row, column) == ("speaker", "countries") and self.has_target_tones(filters):
            return TARGET_MEASURE
        return STATEMENT_MEASURE

    def tone_by_target(self, filters: Filters, row: str, column: str) -> pd.DataFrame:
        """In what tone each ``row`` speaks about each ``column`` (see :func:`analysis.query.tone_by_target`)."""
        if self.tone_measure(filters, row, column) != TARGET_MEASURE:
            return self.cross_counts(filters, row, column)
        cte, params = self._selected(filters, "q.pos, q.speaker, q.target_tones")
        scores = " ".join(f"WHEN '{k}' THEN {v}" for k, v in POLARITY_SCORES.items())
        return self._frame(f"""{cte}, t AS (SELECT pos, coalesce(speaker, '(unknown)') AS speaker,
                unnest(target_tones) AS tone FROM sel)
            SELECT speaker AS "{row}", tone[2] AS "{column}", count(DISTINCT pos) AS statements,
                avg(CASE tone[3] {scores} END) AS tone FROM t
            WHERE tone[1] = 'country' AND tone[3] IN ({", ".join(f"'{k}'" for k in POLARITY_SCORES)})
            GROUP BY speaker, tone[2] ORDER BY statements DESC, speaker, tone[2]""", params)


    # ----------------------------------------------------------------- the app's pages (ui.selection)

    def summary(self, filters: Filters) -> dict[str, int]:
        """How many selected statements, named speakers, articles and statements without a date
        (``statements``, ``speakers``, ``articles``, ``no_date``).
        """
        if self._floor(filters) is not None:
            rows = self._sql("SELECT statements, speakers, articles, no_date FROM f_summary WHERE floor = ? "
                             "AND variant = ?", [self._floor(filters), self._variant(filters)])
            row = rows[0] if rows else (0, 0, 0, 0)  # no row: none of the floor's statements counted
            return dict(zip(("statements", "speakers", "articles", "no_date"), map(int, row), strict=True))
        cte, params = self._selected(filters, "q.speaker, q.article_id, q.date")
        row = self._sql(f"""{cte} SELECT count(*), count(DISTINCT speaker), count(DISTINCT article_id),
            count(*) FILTER (WHERE date IS NULL) FROM sel""", params)[0]
        return dict(zip(("statements", "speakers", "articles", "no_date"), map(int, row), strict=True))

    def tone_bins(self, filters: Filters, bins: int = 20) -> pd.DataFrame:
        """Selected statements per tone bin (``bin`` 0 .. ``bins`` - 1 over -1 .. +1, ``statements``)."""
        cte, params = self._selected(filters, "q.tone")
        return self._frame(f"""{cte} SELECT least(greatest(floor((tone + 1) * ? / 2), 0), ? - 1)::BIGINT AS bin,
            count(*) AS statements FROM sel WHERE tone IS NOT NULL AND NOT isnan(tone) GROUP BY bin ORDER BY bin""",
                           [*params, bins, bins])

    def country_evidence(self, filters: Filters) -> pd.DataFrame:
        """Country mentions in the articles of the selected statements, counted by the words that
        named them (``key``, ``evidence``, ``via``, ``mentions``, ``first``: the first one's place).
        """
        if self._floor(filters) is not None:
            return self._frame("SELECT key, evidence, via, mentions, first FROM f_evidence WHERE floor = ? "
                               "AND variant = ?", [self._floor(filters), self._variant(filters)])
        cte, params = self._selected(filters, "q.article_id")
        # The selection's articles once each, then the mentions of those (a semi-join with every
        # selected statement's article was 6 times slower at 100,000 realistic articles).
        return self._frame(f"""{cte}, a AS (SELECT DISTINCT article_id FROM sel)
            SELECT key, evidence, via, count(*) AS mentions, min(mpos) AS first
            FROM mentions m SEMI JOIN a USING (article_id) WHERE m.kind = 'country'
            GROUP BY key, evidence, via""", params)

    def statement_page(self, filters: Filters, columns: tuple[str, ...] = QUOTE_COLUMNS, *, recent: bool = False,
                       limit: int | None = None, offset: int = 0, speaker: str | None = None,
                       topic: str | None = None) -> pd.DataFrame:
        """Rows ``offset`` .. ``offset + limit`` of the selected statements (of ``speaker`` / with
        ``topic`` only, when given), in corpus order or, ``recent``, most recent first (undated
        last, then by article and place in it), indexed by their position in the corpus.
        """
        unknown = [c for c in columns if c not in QUOTE_COLUMNS + ("day", "month", "repeated")]
        if unknown:
            raise ValueError(f"no statement column {', '.join(map(repr, unknown))}")
        also = ((("speakers", speaker),) if speaker is not None else ()) + \
            ((("topics", topic),) if topic is not None else ())
        order = RECENT_ORDER if recent else "pos"
        if (recent and limit is not None and filters.is_empty and "recent_statements" in self._tables
                and int(offset) + int(limit) <= RECENT_KEPT and set(columns) <= set(RECENT_COLUMNS)):
            # The whole store's most recent statements, ranked at build (the Reader's and Corpus
            # page's article lists): a few rows, where ordering every statement read them all.
            names = ", ".join(f'"{c}"' for c in columns)
            frame = self._frame(f"SELECT pos, {names} FROM recent_statements WHERE variant = ? ORDER BY rank "
                                "LIMIT ? OFFSET ?", [self._variant(filters), int(limit), int(offset)])
            return frame.set_index("pos").rename_axis(None)
        if limit is None:
            # Every selected row: its columns read with the selection (one pass; q.start is never in
            # a kept selection or the copies, so the statements' own columns are read).
            wanted = ("pos", "date", "article_id", "start") if recent else ("pos", "start")
            extra = "".join(f', q."{c}"' for c in columns if c not in wanted)
            cte, params = self._selected(filters, ", ".join(f"q.{c}" for c in wanted) + extra, also)
            frame = self._frame(f"""{cte} SELECT pos, {", ".join(f'"{c}"' for c in columns)} FROM sel
                ORDER BY {order}""", params)
        else:
            if self._own_columns_only(filters, also):  # the scan checks the conditions: a top-N of its rows
                cte, params = self._selected(filters, "q.pos, q.date, q.article_id, q.start", also)
                chosen = f"{cte}, p AS (SELECT pos FROM sel ORDER BY {order} LIMIT ? OFFSET ?)"
                params = [*params, int(limit), int(offset)]
            elif recent:
                # From the kept selection or the copies (no start): only the articles of the first
                # offset + limit statements can hold the page (start orders within an article).
                cte, params = self._selected(filters, "q.pos, q.date, q.article_id", also)
                chosen = f"""{cte}, c AS (SELECT date, article_id FROM sel
                        ORDER BY date DESC NULLS LAST, article_id, pos LIMIT ?),
                    p AS (SELECT pos FROM sel SEMI JOIN (SELECT DISTINCT date, article_id FROM c) t
                          ON sel.date IS NOT DISTINCT FROM t.date AND sel.article_id = t.article_id)"""
                params = [*params, int(limit) + int(offset)]
            else:
                cte, params = self._selected(filters, "q.pos", also)
                chosen = f"{cte}, p AS (SELECT pos FROM sel ORDER BY pos LIMIT ? OFFSET ?)"
                params = [*params, int(limit), int(offset)]
            # The page's positions first (a top-N of the selection's narrow columns), then the wide
            # columns of those rows only.
            names = ", ".join(f'q."{c}"' for c in columns)
            page = " LIMIT ? OFFSET ?" if recent and not self._own_columns_only(filters, also) else ""
            frame = self._frame(f"""{chosen}
                SELECT q.pos, {names} FROM quotes q JOIN p USING (pos)
                ORDER BY {", ".join(f"q.{o}" for o in order.split(", "))}{page}""",
                                [*params, *([int(limit), int(offset)] if page else [])])
        for column in ("countries", "topics", "about", "segments", "target_tones"):
            if column in frame.columns:
                frame[column] = [_tuples(v) for v in frame[column]]
        return frame.set_index("pos").rename_axis(None)

    def speaker_mentions(self, filters: Filters) -> list[str]:
        """The ways the texts name the selected statements' speakers (``speaker_mention``), in order
        of first use, each once, blank ones left out: a few rows, where the mentions of every
        statement of a large speaker are hundreds of thousands.
        """
        speakers = set(filters.speakers)
        plain = not (filters.countries or filters.topics or filters.articles or filters.search.strip())
        floor = float(filters.min_confidence)
        if (len(speakers) == 1 and plain and "agg_speaker_mentions" in self._tables
                and (floor == 0 or floor in self._floors)):
            first = "first_pos" if self._counted(filters) == "statements" else "first_pos_all"
            rows = self._sql(f"""SELECT speaker_mention FROM agg_speaker_mentions WHERE floor = ? AND speaker = ?
                AND {first} IS NOT NULL ORDER BY {first}""", [floor, next(iter(speakers))])
        else:
            cte, params = self._selected(filters, "q.pos, q.speaker_mention")
            rows = self._sql(f"""{cte} SELECT speaker_mention FROM sel WHERE speaker_mention IS NOT NULL
                GROUP BY speaker_mention ORDER BY min(pos)""", params)
        return [mention for (mention,) in rows if mention.strip()]

    def store_facts(self) -> dict[str, int]:
        """Articles, statements and repeated statements of the whole store."""
        articles = self._sql("SELECT count(*) FROM articles")[0][0]
        statements, repeated = self._sql("SELECT count(*), count(*) FILTER (WHERE repeated) FROM quotes")[0]
        return {"articles": int(articles), "statements": int(statements), "repeated": int(repeated)}

    def speaker_alias(self, key: str) -> str | None:
        """The speaker a name key (:func:`analysis.query.resolve_name`'s) stands for, or None: one
        row of the pre-computed ``speaker_aliases``; an older warehouse's aliases are made from
        :meth:`speaker_name_counts` once per process.
        """
        if "speaker_aliases" in self._tables:
            rows = self._sql("SELECT speaker FROM speaker_aliases WHERE key = ?", [key])
            return rows[0][0] if rows else None
        if self._aliases is None:
            self._aliases = aliases_from_counts(*self.speaker_name_counts())
        return self._aliases.get(key)

    def speaker_name_counts(self) -> tuple[list[tuple[str, int]], list[tuple[str, str, int]]]:
        """What :func:`analysis.query.aliases_from_counts` reads to resolve a typed name: (speaker,
        statements), most first, and (mention, speaker, statements), fewest first, ties of both in
        order of first use; every copy counted. Pre-counted rows, not a row per statement.
        """
        totals = [(s, int(n)) for s, n in self._sql(
            "SELECT speaker, statements_all FROM agg_speaker ORDER BY statements_all DESC, first_pos_all")]
        if "agg_speaker_mentions" in self._tables:
            sql = ("SELECT speaker_mention, speaker, n_all FROM agg_speaker_mentions WHERE floor = 0 "
                   "ORDER BY n_all, first_pos_all")
        else:  # a warehouse of an earlier build: counted here, still only pairs come back
            sql = ("SELECT speaker_mention, speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL "
                   "AND speaker_mention IS NOT NULL GROUP BY speaker_mention, speaker ORDER BY n, min(pos)")
        return totals, [(m, s, int(n)) for m, s, n in self._sql(sql)]

    def article_table(self, table: str, article_ids, columns: list[str] | None = None) -> pd.DataFrame:
        """Rows of a batch table (``mentions``, ``topic_hits``) of some articles, read from the batch
        each article's stored copy comes from (not kept in the warehouse: one page's articles only).
        """
        import pyarrow.parquet as pq

        from analysis.store.fs import table_file

        wanted = sorted({str(a) for a in article_ids})
        if not wanted:
            return pd.DataFrame(columns=columns or [])
        where = self._frame("SELECT article_id, bidx FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                            [wanted])
        frames = []
        for bidx, ids in where.groupby("bidx")["article_id"]:
            path, filesystem = table_file(self.store_dir, self.batches[int(bidx)], table)
            arrow = pq.read_table(path, columns=columns, filters=[("article_id", "in", list(ids))],
                                  filesystem=filesystem)
            frames.append(arrow.to_pandas())
        if not frames:
            return pd.DataFrame(columns=columns or [])
        return pd.concat(frames, ignore_index=True)


    # ----------------------------------------------------------------- the Reader, Corpus and Compare pages

    def articles_of(self, filters: Filters | None = None,
                    columns: tuple[str, ...] = ("article_id", "title", "date", "outlet")) -> pd.DataFrame:
        """``columns`` of the stored articles in corpus order (by date, then title, missing last, then
        as stored: :func:`analysis.store.load_corpus`); with ``filters``, only the articles holding a
        selected statement.
        """
        unknown = [c for c in columns if c not in ARTICLE_COLUMNS]
        if unknown:
            raise ValueError(f"no article column {', '.join(map(repr, unknown))}")
        names = ", ".join(f'a."{c}"' for c in columns)
        if filters is None:
            return self._frame(f"SELECT {names} FROM articles a ORDER BY {_ARTICLE_ORDER}")
        cte, params = self._selected(filters, "q.article_id")
        return self._frame(f"""{cte}, d AS (SELECT DISTINCT article_id FROM sel) SELECT {names} FROM articles a
            SEMI JOIN d USING (article_id) ORDER BY {_ARTICLE_ORDER}""", params)

    def statements_by(self, filters: Filters, column: str) -> pd.DataFrame:
        """Selected statements per value of ``column`` (``article_id`` or ``outlet``; missing values
        as None), most first, ties by value (``column``, ``statements``).
        """
        if column not in ("article_id", "outlet"):
            raise ValueError(f"statements are counted by article_id or outlet, not {column!r}")
        cte, params = self._selected(filters, f"q.{column}")
        return self._frame(f"""{cte} SELECT {column}, count(*) AS statements FROM sel GROUP BY {column}
            ORDER BY statements DESC, {column} NULLS LAST""", params)

    def side_counts(self, filters: Filters, by: str, value) -> dict:
        """What the Compare page needs of one side: the statements of ``filters`` by the speaker
        ``value`` (``by`` "speaker"), naming the country or of the topic ``value`` ("country",
        "topic"), or dated within ``value`` ("period": a (first, last) pair of dates, both days
        included): ``statements``, named ``speakers``, ``articles``, ``topics`` and ``countries``
        (value -> statements), ``phrases`` (key phrase -> statements, as :meth:`phrase_counts`) and
        ``tone`` (n, mean, variance).
        """
        also = self._narrowing(by, value)
        cte, params = self._selected(filters, "q.pos, q.speaker, q.article_id, q.tone", also)
        statements, speakers, articles, n, mean, variance = self._sql(
            f"""{cte} SELECT count(*), count(DISTINCT speaker), count(DISTINCT article_id),
                count(tone) FILTER (WHERE NOT isnan(tone)), avg(tone) FILTER (WHERE NOT isnan(tone)),
                var_samp(tone) FILTER (WHERE NOT isnan(tone)) FROM sel""", params)[0]
        counts = {}
        for name, long, column in (("topics", "quote_topics", "topic"), ("countries", "quote_countries", "iso3")):
            counts[name] = dict(self._sql(f"""{cte} SELECT {column}, count(DISTINCT pos) FROM sel_{long}
                GROUP BY {column}""", params)) if statements else {}
        phrases = []
        if statements:
            cte, params = self._selected(filters, "q.phrase_groups", also)
            phrases = self._sql(f"""{cte}, x AS (SELECT unnest(phrase_groups) AS group_id FROM sel)
                SELECT g.name, count(*) FROM x JOIN phrase_groups g USING (group_id) GROUP BY g.name""", params)
        return {"statements": int(statements), "speakers": int(speakers), "articles": int(articles),
                "phrases": {name: int(k) for name, k in phrases}, "tone": (int(n), mean, variance), **counts}

    def representative_page(self, filters: Filters, phrases: list[str], limit: int,
                            columns: tuple[str, ...] = QUOTE_COLUMNS) -> pd.DataFrame:
        """The ``limit`` most representative selected statements, each wording once (as
        ``ui.brief.select.representative_order`` ranks one speaker's statements): 2 points per
        key phrase of ``phrases`` the lower-cased text holds, 2 for quoted words (1 mixed), 1 for
        naming a country, 1 a topic, 2 for 60 to 300 characters, -3 under 30; ties in corpus
        order; a statement whose first 80 characters (lower case, spaces collapsed) repeat a
        better one's is left out. Indexed by position, like :meth:`statement_page`.

        A selection of more than :data:`~analysis.query.REPRESENTATIVE_SAMPLE` statements is ranked
        on its last that many in corpus order (the most recently stored): their texts only are read.
        """
        unknown = [c for c in columns if c not in QUOTE_COLUMNS]
        if unknown:
            raise ValueError(f"no statement column {', '.join(map(repr, unknown))}")
        names = ", ".join(f'q."{c}"' for c in columns)
        ranked = self._stored_representative(filters, phrases, limit)
        if ranked is not None:
            # Pre-ranked at build: their rows only, as constant ranges (zone maps skip every other
            # block; an IN list read a third of the table: 150 against 15 ms at 100,000 articles).
            spans = " OR ".join(f"q.pos BETWEEN {int(p)} AND {int(p)}" for p in ranked) or "false"
            frame = self._frame(f"SELECT q.pos, {names} FROM quotes q WHERE {spans}")
            frame = frame.set_index("pos", drop=False).loc[ranked].reset_index(drop=True)
        else:
            cte, params = self._selected(filters, "q.pos")
            lowest = self._sql(f"{cte} SELECT pos FROM sel ORDER BY pos DESC LIMIT 1 OFFSET ?",
                               [*params, REPRESENTATIVE_SAMPLE - 1])
            also = (("from_pos", int(lowest[0][0])),) if lowest else ()
            cte, params = self._selected(filters, "q.pos, q.text, q.kind, q.countries, q.topics", also)
            frame = self._frame(f"""{cte}, {ranked_sql(len(phrases))}
                SELECT q.pos, {names} FROM quotes q JOIN p USING (pos) ORDER BY p.score DESC, q.pos""",
                                [*params, *[p.lower() for p in phrases], *WORDING_PARAMS, int(limit)])
        for column in ("countries", "topics", "about", "segments", "target_tones"):
            if column in frame.columns:
                frame[column] = [_tuples(v) for v in frame[column]]
        return frame.set_index("pos").rename_axis(None)

    def _stored_representative(self, filters: Filters, phrases: list[str], limit: int) -> list[int] | None:
        """The positions of :meth:`representative_page` ranked at build (``f_s_representative``) when
        ``filters`` is a sliced speaker over a floor (:meth:`_floor_speaker`), ``phrases`` are those
        it was ranked by and ``limit`` at most :data:`~analysis.store.page_tables.REPRESENTATIVE_KEPT`; else None.
        """
        key = self._floor_speaker(filters) if "f_s_representative" in self._tables else None
        if key is None or limit > REPRESENTATIVE_KEPT:
            return None
        rows = self._sql("SELECT phrases, pos FROM f_s_representative WHERE floor = ? AND speaker = ? AND variant = ? "
                         "ORDER BY rank", [*key, self._variant(filters)])
        if not rows or list(rows[0][0]) != list(phrases):
            return None
        return [int(pos) for _phrases, pos in rows if pos is not None][:int(limit)]

    def date_range(self, filters: Filters) -> tuple | None:
        """The first and last article date (``datetime.date``) of the selected statements; None when none is dated."""
        cte, params = self._selected(filters, "q.day")
        first, last = self._sql(f"{cte} SELECT min(day), max(day) FROM sel", params)[0]
        return None if first is None else (first, last)


def _tuples(value):
    """A list value as a tuple (inner lists too); a missing one as ()."""
    if value is None or (isinstance(value, float) and value != value):
        return ()
    return tuple(tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v for v in value)


_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


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


__all__ = ["Engine", "QUOTE_COLUMNS", "WarehouseMissing", "open_engine"]
