"""How a filter becomes the statements it selects: the engine's query planning.

:class:`Selection` is mixed into :class:`analysis.engine.Engine`. Every answer of the other parts
(:mod:`~analysis.engine.counts`, :mod:`~analysis.engine.phrases`, :mod:`~analysis.engine.rows`)
starts from one of these, cheapest first:

- no filter: the pre-aggregated tables of :mod:`analysis.store.warehouse` (``agg_*``);
- a confidence floor alone, pre-aggregated: the ``f_*`` tables of :mod:`analysis.store.page_tables`
  (:meth:`Selection._floor`);
- one country (named), topic or speaker with a slice of its own: the ``s_*`` tables (:meth:`Selection._slice`);
- several values of one dimension, one of them sliced, holding :data:`UNION_MIN_STATEMENTS` or more:
  the sum of their slices less an overlap (:meth:`Selection._union`);
- any other filter of countries, topics and speakers: the clustered copies of its values' statements
  (:meth:`Selection._source`), kept for the next calls of the same filter change when small
  (:meth:`Selection._kept`);
- else a scan of the statements with the filter's WHERE clause (:meth:`Selection._where`).

:meth:`Selection._selected` turns any of the last three into a CTE ``sel`` the queries read.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import OrderedDict

from analysis.query import COUNTRY_SCOPES, Filters
from analysis.store.warehouse import CLUSTER_COLUMNS

#: A filter of articles reads at most this many ranges of positions (else one range over all of them).
ARTICLE_SPANS = 64
#: The statement columns of a kept selection (:meth:`Selection._kept`).
KEPT_COLUMNS = ("pos", "speaker", "tone", "day", "date", "article_id", "countries", "topics")
#: Selections of more statements are not kept (they are sliced or read again).
KEPT_ROWS = 200_000
#: Rows read at a time while keeping a selection.
KEPT_CHUNK = 20_000
#: How many selections are kept (the last used).
KEPT_SELECTIONS = 4
#: A union of values whose statements add up to fewer than this is read as any selection (kept),
#: not from the slices: reading the large slices' rows and the overlap costs more than a small
#: selection (at 100,000 articles about 25,000 statements is where the two cost the same).
UNION_MIN_STATEMENTS = 25_000
_COLUMN = re.compile(r"\bq\.(\w+)")
_COLUMN_LIST = re.compile(r",\s*")
#: The long tables of the selection (``sel_<table>``, see Selection._selected): table, value, list column.
_LONG = (("quote_countries", "iso3", "countries"), ("quote_topics", "topic", "topics"))
#: The clustered copy of each filter dimension (:mod:`analysis.store.warehouse`, ``by_*``): the
#: Filters attribute, the table, the statement's list column of that dimension (None: the speaker),
#: and the pre-aggregated table and column that count each value's statements.
CLUSTERED = (("countries", "by_country", "countries", "agg_country", "iso3"),
             ("topics", "by_topic", "topics", "agg_topic", "topic"),
             ("speakers", "by_speaker", None, "agg_speaker", "speaker"))


class Selection:
    """The selection of a filter as SQL (mixed into :class:`analysis.engine.Engine`, whose
    ``_sql``, ``_cursor`` and per-store state these methods use).
    """

    #: :data:`UNION_MIN_STATEMENTS` of this engine (tests of small stores set it to 0).
    union_min_statements = UNION_MIN_STATEMENTS

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
                  for attribute, table, listed, aggregate, column in CLUSTERED if getattr(filters, attribute)]
        chosen += [(attribute, table, listed, aggregate, column, (value,))
                   for kind, value in also for attribute, table, listed, aggregate, column in CLUSTERED
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
                  in CLUSTERED if getattr(filters, attribute)]
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
        parts = self._union_values(filters)
        if parts is None:
            return None
        dim, sliced, others, keep = parts
        columns = "q.pos, q.speaker, q.tone, q.day, q.countries, q.topics"
        sql, params = self._overlap_sql(dim, sliced, others, keep, columns)
        overlap = self._keep(("overlap", dim, json.dumps(sliced + others), keep), sql, params)
        return None if overlap is None else (dim, sliced, overlap)

    def _union_values(self, filters: Filters) -> tuple[str, list[str], list[str], str] | None:
        """(dimension, sliced values, other values, the condition leaving repeats out or "") when
        ``filters`` is a union :meth:`_union` can answer, before its overlap is kept; else None (also
        when its values' statements add up to fewer than :attr:`union_min_statements`).
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
        aggregate, column = next((a, c) for name, _t, _l, a, c in CLUSTERED if name == dim)
        counted = self._statements_of(aggregate, column, self._counted(filters))
        if sum(counted.get(v, 0) for v in values) < self.union_min_statements:
            return None
        return dim, sliced, others, "AND NOT q.repeated" if self._counted(filters) == "statements" else ""

    def _overlap_sql(self, dim: str, sliced: list[str], others: list[str], keep: str, columns: str) -> tuple[str, list]:
        """SQL of ``columns`` and ``w`` of a union's overlap (see :meth:`_union`), read from the
        clustered copies, and its parameters; ``keep`` leaves repeats out or is empty.
        """
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
        return " UNION ALL ".join(parts), params

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
