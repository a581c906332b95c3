"""The crossed tables the heatmaps draw: statements and mean tone for each pair of values (speaker,
country, topic), the tone towards each country when the statements hold target tones, and a
heatmap's grid of either, cut in SQL.

:class:`Crossed` is mixed into :class:`analysis.engine.Engine`; like :mod:`analysis.engine.counts`
it reads the cheapest form of the selection (the store's crossed table, a value's slice, a union
of slices) before the selected statements themselves.
"""

from __future__ import annotations

import pandas as pd

from analysis.grid import grid_frame, grid_sql
from analysis.query import POLARITY_SCORES, STATEMENT_MEASURE, TARGET_MEASURE, Filters
from analysis.store.warehouse import CROSS_PAIRS

#: (pos, v) rows of each dimension of the selection, read from the CTEs of Selection._selected.
_SELECTED_DIMENSIONS = {
    "speaker": "SELECT pos, speaker AS v FROM sel",
    "countries": "SELECT pos, iso3 AS v FROM sel_quote_countries",
    "topics": "SELECT pos, topic AS v FROM sel_quote_topics",
}


class Crossed:
    """Crossed tables of the selected statements (mixed into :class:`analysis.engine.Engine`)."""

    def cross_counts(self, filters: Filters, row: str, column: str) -> pd.DataFrame:
        """Statement counts and mean tone for each pair of values (``row``, ``column``, ``statements``,
        ``tone``); ``row`` and ``column`` are ``"speaker"``, ``"countries"`` or ``"topics"``.
        """
        crossed, params, _stored = self._crossed(filters, row, column)
        return self._frame(f"""SELECT r AS "{row}", c AS "{column}", n AS statements, tone FROM ({crossed}) x
            ORDER BY statements DESC, r, c""", params)

    def _crossed(self, filters: Filters, row: str, column: str) -> tuple[str, list, bool]:
        """SQL of the crossed table of :meth:`cross_counts` (``r``, ``c``, ``n``, ``tone``, in no order),
        its parameters, and True when it reads the store's crossed table (``agg_cross``) rather
        than computing the rows or reading a slice's: the grid of :meth:`cross_grid` holds the rows
        of a slice or a selection once for its four steps (reading a slice's rows of ``s_cross`` four
        times cost 1.2-1.7 times as much at 100,000 articles), but reads the store's again.
        """
        if row not in _SELECTED_DIMENSIONS or column not in _SELECTED_DIMENSIONS:
            raise ValueError(f"cross_counts crosses {', '.join(_SELECTED_DIMENSIONS)}, not {row!r} x {column!r}")
        suffix = "" if self._counted(filters) == "statements" else "_all"
        measures = f"statements{suffix} AS n, tone_sum{suffix} / nullif(tone_n{suffix}, 0) AS tone"
        if filters.is_empty and self._has_cross(row, column):
            return (f"SELECT a AS r, b AS c, {measures} FROM agg_cross WHERE row_dim = ? AND col_dim = ? "
                    f"AND statements{suffix} > 0", [row, column], True)
        if self._slice(filters) and (row, column) in CROSS_PAIRS:
            return (f"SELECT a AS r, b AS c, {measures} FROM s_cross WHERE fdim = ? AND fval = ? AND row_dim = ? "
                    f"AND col_dim = ? AND statements{suffix} > 0", [*self._slice(filters), row, column], False)
        union = self._union(filters) if (row, column) in CROSS_PAIRS else None
        if union:
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
            return (f"""SELECT a AS r, b AS c, sum(n)::BIGINT AS n, sum(ts) / nullif(sum(tn), 0) AS tone
                FROM ({rows}) GROUP BY a, b HAVING sum(n) > 0""", [*params, row, column], False)
        cte, params = self._selected(filters, "q.pos, q.tone, coalesce(q.speaker, '(unknown)') AS speaker")
        return (f"""{cte}, r AS ({_SELECTED_DIMENSIONS[row]}), c AS ({_SELECTED_DIMENSIONS[column]})
            SELECT r.v AS r, c.v AS c, count(DISTINCT r.pos) AS n, avg(t.tone) AS tone
            FROM r JOIN c USING (pos) JOIN sel t USING (pos) GROUP BY r.v, c.v""", params, False)

    def cross_grid(self, filters: Filters, row: str, column: str, *, tone: bool = False, max_rows: int = 20,
                   max_columns: int = 25, leave_out: tuple = (), drop_rows: tuple = (),
                   drop_columns: tuple = ()) -> pd.DataFrame:
        """What a heatmap draws of :meth:`cross_counts` (``tone``: of :meth:`tone_by_target`): the
        crossed table less ``drop_rows`` and ``drop_columns``, cut to its top ``max_rows`` rows and
        ``max_columns`` columns with the rest merged as ``ui.charts.limit_grid`` does (``leave_out``
        keys left out of both axes), computed in SQL so only the drawn cells come to Python (see
        :func:`analysis.grid.grid_frame` for the table and its ``attrs``).
        """
        crossed, params, stored = (self._toned if tone else self._crossed)(filters, row, column)
        sql, params = grid_sql(crossed, params, max_rows=max_rows, max_columns=max_columns,
                               leave_out=tuple(leave_out), drop_rows=tuple(drop_rows),
                               drop_columns=tuple(drop_columns), computed=not stored)
        return grid_frame(self._frame(sql, params), row, column)

    def _has_cross(self, row: str, column: str) -> bool:
        return bool(self._sql("SELECT count(*) > 0 FROM (SELECT 1 FROM agg_cross WHERE row_dim = ? AND col_dim = ? "
                              "LIMIT 1)", [row, column])[0][0]) or self._sql(
            "SELECT count(*) = 0 FROM quotes")[0][0]

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
        crossed, params, _stored = self._toned(filters, row, column)
        return self._frame(f"""SELECT r AS "{row}", c AS "{column}", n AS statements, tone FROM ({crossed}) x
            ORDER BY statements DESC, r, c""", params)

    def _toned(self, filters: Filters, row: str, column: str) -> tuple[str, list, bool]:
        """As :meth:`_crossed`, the crossed table of :meth:`tone_by_target`."""
        if self.tone_measure(filters, row, column) != TARGET_MEASURE:
            return self._crossed(filters, row, column)
        cte, params = self._selected(filters, "q.pos, q.speaker, q.target_tones")
        scores = " ".join(f"WHEN '{k}' THEN {v}" for k, v in POLARITY_SCORES.items())
        return (f"""{cte}, t AS (SELECT pos, coalesce(speaker, '(unknown)') AS speaker,
                unnest(target_tones) AS tone FROM sel)
            SELECT speaker AS r, tone[2] AS c, count(DISTINCT pos) AS n, avg(CASE tone[3] {scores} END) AS tone
            FROM t WHERE tone[1] = 'country' AND tone[3] IN ({", ".join(f"'{k}'" for k in POLARITY_SCORES)})
            GROUP BY speaker, tone[2]""", params, False)
