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

The parts of the plan with a job of their own are mixins of :class:`Selection`:
:mod:`~analysis.engine.clustered` (reading the clustered copies), :mod:`~analysis.engine.kept`
(keeping small selections) and :mod:`~analysis.engine.unions` (unions of sliced values).
"""

from __future__ import annotations

import dataclasses
import re

from analysis.engine.clustered import CLUSTERED, Clustered
from analysis.engine.kept import KEPT_COLUMNS, Kept
from analysis.engine.unions import Unions
from analysis.query import COUNTRY_SCOPES, Filters
from analysis.store.warehouse import CLUSTER_COLUMNS

#: A filter of articles reads at most this many ranges of positions (else one range over all of them).
ARTICLE_SPANS = 64
_COLUMN = re.compile(r"\bq\.(\w+)")
_COLUMN_LIST = re.compile(r",\s*")
#: The long tables of the selection (``sel_<table>``, see Selection._selected): table, value, list column.
_LONG = (("quote_countries", "iso3", "countries"), ("quote_topics", "topic", "topics"))

__all__ = ["ARTICLE_SPANS", "CLUSTERED", "Selection"]


class Selection(Clustered, Kept, Unions):
    """The selection of a filter as SQL (mixed into :class:`analysis.engine.Engine`, whose
    ``_sql``, ``_cursor`` and per-store state these methods use).
    """

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
