"""A heatmap's grid in SQL: a crossed table cut to its top rows and columns, the rest merged.

The SQL twin of :func:`ui.charts.limit_grid` (same cells, values, order and "others" counts), so
an engine answers a heatmap with the few hundred cells it draws instead of every pair of values
(with 100,000 speakers, the speaker x topic crossing of a selection is hundreds of thousands of
rows, each turned into Python by the page only to be summed into its "others" row).

:func:`grid_sql` wraps any query of the crossed table (``r``, ``c``, ``n``: statements, ``tone``);
:func:`grid_frame` turns its rows into the long table :func:`ui.charts.limit_grid` returns.
"""

from __future__ import annotations

import pandas as pd

#: Key of the row or column that stands for everything beyond a chart's top N.
OTHERS = "(others)"


def _not_in(column: str, values: tuple, params: list) -> str:
    """``column NOT IN (values)`` with its parameters added to ``params`` (true for no values)."""
    if not values:
        return "true"
    params.extend(values)
    return f"{column} NOT IN ({', '.join('?' for _ in values)})"


def grid_sql(crossed: str, crossed_params: list, *, max_rows: int, max_columns: int, leave_out: tuple = (),
             drop_rows: tuple = (), drop_columns: tuple = (), computed: bool = True) -> tuple[str, list]:
    """SQL of the grid of the crossed table ``crossed`` (a query of ``r``, ``c``, ``n``, ``tone``, each
    (r, c) once), with its parameters.

    ``drop_rows`` and ``drop_columns`` are taken out of the table first (what a page filters out of
    it); ``leave_out`` keys are then left out of both axes as :func:`ui.charts.limit_grid` does. The
    top ``max_rows`` rows and ``max_columns`` columns by statements are kept ("others" included: one
    fewer when there are more), ties in the order the crossed table lists them (most statements
    first, then by row, then by column value: a row first appears at its largest cell, a column at
    its largest cell's smallest row). Each result row is a cell (``r``, ``c``: the key or NULL for
    "others", ``ri``, ``ci``: their ranks, ``n``, ``tone``: the statements-weighted mean, a NaN
    tone adding statements only) with the axes' sizes ``nr``, ``nc`` and ``cells``, the table's
    cells after the drops; a single row of NULL cell when no cell is left.

    ``computed``: the crossed table is computed (an aggregate of the selection), so it is computed
    once and held; else it is a stored table's rows, read again by each step (the engine passes
    the store's crossed table so; a slice's rows it holds: see ``Counts._crossed``).
    """
    params = list(crossed_params)
    dropped = f"{_not_in('r', tuple(drop_rows), params)} AND {_not_in('c', tuple(drop_columns), params)}"
    left = f"{_not_in('r', tuple(leave_out), params)} AND {_not_in('c', tuple(leave_out), params)}"
    held = "MATERIALIZED" if computed else "NOT MATERIALIZED"
    sql = f"""WITH t AS {held} (SELECT r, c, n, tone FROM ({crossed}) x WHERE {dropped}),
        k AS (SELECT r, c, n, tone FROM t WHERE {left}),
        totals AS MATERIALIZED (SELECT r, NULL AS c, 1 AS of_row, sum(n) AS total, max(n) AS top, NULL AS first_row
                                FROM k GROUP BY r
                                UNION ALL
                                SELECT NULL, c, 0, sum(n), max(n), min(row(-n, r))[2] FROM k GROUP BY c),
        meta AS MATERIALIZED (SELECT (SELECT count(*) FROM t) AS cells, count(*) FILTER (WHERE of_row = 1) AS nr,
                                     count(*) FILTER (WHERE of_row = 0) AS nc FROM totals),
        kr AS (SELECT r, i FROM (SELECT r, row_number() OVER (ORDER BY total DESC, top DESC, r) AS i FROM (
                   SELECT r, total, top FROM totals WHERE of_row = 1 ORDER BY total DESC, top DESC, r LIMIT ?))
               WHERE i < ? OR (SELECT nr FROM meta) <= ?),
        kc AS (SELECT c, i FROM (SELECT c, row_number() OVER (ORDER BY total DESC, top DESC, first_row, c) AS i FROM (
                   SELECT c, total, top, first_row FROM totals WHERE of_row = 0
                   ORDER BY total DESC, top DESC, first_row, c LIMIT ?))
               WHERE i < ? OR (SELECT nc FROM meta) <= ?),
        g AS (SELECT kr.r, kc.c, coalesce(kr.i, ? + 1) AS ri, coalesce(kc.i, ? + 1) AS ci, sum(k.n)::BIGINT AS n,
                     coalesce(sum(k.tone * k.n) FILTER (WHERE NOT isnan(k.tone)), 0) / sum(k.n) AS tone
              FROM k LEFT JOIN kr ON kr.r = k.r LEFT JOIN kc ON kc.c = k.c GROUP BY ALL)
        SELECT g.r, g.c, g.ri, g.ci, g.n, g.tone, meta.nr, meta.nc, meta.cells
        FROM meta LEFT JOIN g ON true ORDER BY g.ri, g.ci"""
    params += [max_rows, max_rows, max_rows, max_columns, max_columns, max_columns, max_rows, max_columns]
    return sql, params


def grid_frame(rows: pd.DataFrame, row: str, column: str) -> pd.DataFrame:
    """The long table of :func:`ui.charts.limit_grid` from the rows of :func:`grid_sql`: ``row``,
    ``column``, ``statements``, ``tone``, with ``attrs`` ``others`` (keys merged on each axis) and
    ``order`` (each axis's keys, "others" last when it has any), and ``cells`` (the crossed table's
    cells after the drops: 0 when it had none to draw).
    """
    cells = int(rows["cells"].iloc[0]) if len(rows) else 0
    rows = rows[rows["n"].notna()]
    if rows.empty:
        empty = pd.DataFrame({row: [], column: [], "statements": [], "tone": []}).assign(others="")
        empty.attrs["cells"] = cells
        return empty
    result = pd.DataFrame({row: rows["r"].where(rows["r"].notna(), OTHERS).tolist(),
                           column: rows["c"].where(rows["c"].notna(), OTHERS).tolist(),
                           "statements": rows["n"].astype("int64").tolist(),
                           "tone": rows["tone"].astype("float64").tolist()})
    axes = {}
    for axis, key, rank, size in ((row, "r", "ri", "nr"), (column, "c", "ci", "nc")):
        named = rows[rows[key].notna()].drop_duplicates(rank).sort_values(rank)[key].tolist()
        total = int(rows[size].iloc[0])
        axes[axis] = (named, total - len(named))
    result.attrs["others"] = {axis: rest for axis, (_named, rest) in axes.items()}
    result.attrs["order"] = {axis: named + ([OTHERS] if rest else []) for axis, (named, rest) in axes.items()}
    result.attrs["cells"] = cells
    return result
