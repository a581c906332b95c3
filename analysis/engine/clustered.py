"""The selected statements read from the warehouse's clustered copies (``by_*``, one per filter
dimension), value by value: the engine's source of any filter of countries, topics and speakers.
"""

from __future__ import annotations

from analysis.query import Filters
from analysis.store.warehouse import CLUSTER_COLUMNS

#: The clustered copy of each filter dimension (:mod:`analysis.store.warehouse`, ``by_*``): the
#: Filters attribute, the table, the statement's list column of that dimension (None: the speaker),
#: and the pre-aggregated table and column that count each value's statements.
CLUSTERED = (("countries", "by_country", "countries", "agg_country", "iso3"),
             ("topics", "by_topic", "topics", "agg_topic", "topic"),
             ("speakers", "by_speaker", None, "agg_speaker", "speaker"))


class Clustered:
    """Reading a selection from the clustered copies (mixed into :class:`~analysis.engine.selection.Selection`)."""

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

    def _statements_of(self, aggregate: str, column: str, counted: str = "statements_all") -> dict[str, int]:
        """Statements per value of one filter dimension (its pre-aggregated table), read once."""
        counts = self._value_rows.get((aggregate, counted))
        if counts is None:
            counts = self._value_rows[(aggregate, counted)] = dict(self._sql(f"SELECT {column}, {counted} "
                                                                             f"FROM {aggregate}"))
        return counts
