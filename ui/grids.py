"""Heatmaps of a crossed table (no streamlit here): the grid cut to its top rows and columns, the
rest merged into "N others" (:func:`limit_grid`), and its figure (:func:`grid_heatmap`,
:func:`heatmap`). :mod:`ui.charts` re-exports the public names.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.grid import OTHERS
from ui.chart_style import COUNT_SCALE, FONT, others_label, short_label, titled
from ui.safe import plotly_text

TONE_SCALE = [[0.0, "#b2182b"], [0.5, "#f7f7f7"], [1.0, "#2166ac"]]
#: A tone grid's cells without a tone (no statements): grey, apart from the near-white of a neutral
#: mean tone (0), which looked as blank as they did (session 18, qa4).
NO_TONE_COLOR = "#d4d4d4"
NO_TONE_NOTE = "grey: no statements"

#: Rows of a heatmap drawn per 1,000 px; cells and labels stay legible up to these many rows and columns.
MAX_HEATMAP_ROWS = 20
MAX_HEATMAP_COLUMNS = 25
#: Rows of a heatmap's long table turned into Python values at a time (:func:`limit_grid`).
GRID_CHUNK_ROWS = 20_000


def _short_escaped(name: str) -> str:
    """A label already escaped by :func:`plotly_text`, shortened without cutting an entity."""
    raw = str(name).replace("&lt;", "<").replace("&gt;", ">")
    return plotly_text(short_label(raw))


def limit_grid(table: pd.DataFrame, row: str, column: str, *, max_rows: int = MAX_HEATMAP_ROWS,
               max_columns: int = MAX_HEATMAP_COLUMNS, leave_out: tuple[str, ...] = ()) -> pd.DataFrame:
    """A long table cut to its top rows and columns, the rest merged into one :data:`OTHERS` row
    and column (counts summed, mean tone weighted by the counts).

    Args:
        table: Long table with ``row``, ``column``, ``statements`` and optionally ``tone``.
        row: The row key column.
        column: The column key column.
        max_rows: Most rows, the "others" row included.
        max_columns: Most columns, the "others" column included.
        leave_out: Keys left out of both axes (the filtered values, which would fill every row).

    Returns:
        The limited long table with an ``others`` column (how many keys each "others" cell holds
        on its axis, as ``"rows,columns"`` counts) and rows ordered by their totals, largest first.
    """
    # Plain Python over the rows: pandas' grouping overhead was most of a heatmap's cost on every new
    # view. The rows are read a chunk at a time (_chunks): as one list of tuples the speaker x topic
    # table at 100,000 articles (283,622 pairs) cost 81 MB at its peak (docs/speed.md, session 14, rss).
    leave = set(leave_out)
    row_totals: dict = {}
    column_totals: dict = {}
    for rows, columns, counts, _ in _chunks(table, row, column, GRID_CHUNK_ROWS):
        for r, c, n in zip(rows, columns, counts, strict=True):
            if r not in leave and c not in leave:
                row_totals[r] = row_totals.get(r, 0) + n
                column_totals[c] = column_totals.get(c, 0) + n
    if not row_totals:
        return table.iloc[0:0].assign(others="")
    keep, rest = {}, {}
    for axis, totals, limit in ((row, row_totals, max_rows), (column, column_totals, max_columns)):
        # sorted() is stable: ties stay in the order first seen
        ranked = [key for key, _ in sorted(totals.items(), key=lambda item: -item[1])]
        keep[axis] = ranked if len(ranked) <= limit else ranked[:limit - 1]
        rest[axis] = len(ranked) - len(keep[axis])
    kept_rows, kept_columns = set(keep[row]), set(keep[column])
    grouped: dict[tuple, list] = {}
    for rows, columns, counts, tones in _chunks(table, row, column, GRID_CHUNK_ROWS):
        for i, (r, c, n) in enumerate(zip(rows, columns, counts, strict=True)):
            if r in leave or c in leave:
                continue
            total = grouped.setdefault((r if r in kept_rows else OTHERS, c if c in kept_columns else OTHERS), [0, 0.0])
            total[0] += n
            tone = tones[i] if tones is not None else None
            if tone is not None and tone == tone:  # NaN tones add statements, not tone
                total[1] += tone * n
    rank = {axis: {key: i for i, key in enumerate(keep[axis] + [OTHERS])} for axis in (row, column)}
    ordered = sorted(grouped.items(), key=lambda item: (rank[row][item[0][0]], rank[column][item[0][1]]))
    result = pd.DataFrame({row: [k[0] for k, _ in ordered], column: [k[1] for k, _ in ordered],
                           "statements": [v[0] for _, v in ordered]})
    if "tone" in table:
        result["tone"] = [v[1] / v[0] if v[0] > 0 else float("nan") for _, v in ordered]
    result.attrs["others"] = {row: rest[row], column: rest[column]}
    result.attrs["order"] = {axis: [k for k in keep[axis] + [OTHERS] if k != OTHERS or rest[axis]]
                             for axis in (row, column)}
    return result


def grid_keys(limited: pd.DataFrame, axis: str) -> list:
    """The keys a limited grid draws on ``axis`` ("others" not among them), in its order."""
    return [key for key in limited.attrs.get("order", {}).get(axis, []) if key != OTHERS]


def _chunks(table: pd.DataFrame, row: str, column: str, chunk: int):
    """The ``row``, ``column``, ``statements`` and ``tone`` (None without one) values of ``table`` as
    Python lists, ``chunk`` rows at a time, in order.
    """
    for begin in range(0, len(table), chunk):
        part = table.iloc[begin:begin + chunk]
        yield (part[row].tolist(), part[column].tolist(), part["statements"].tolist(),
               part["tone"].tolist() if "tone" in part else None)


def heatmap(table: pd.DataFrame, row: str, column: str, value: str, title: str,
            row_label: str, column_label: str, tone: bool = False,
            row_names: dict[str, str] | None = None, column_names: dict[str, str] | None = None, *,
            max_rows: int = MAX_HEATMAP_ROWS, max_columns: int = MAX_HEATMAP_COLUMNS,
            leave_out: tuple[str, ...] = (), subtitle: str = "") -> go.Figure:
    """Heatmap from a long table (e.g. speaker x country statement counts or mean tone), readable at
    corpus size: the top rows and columns by statements, the rest as "N others", sorted, the
    height sized to the rows; the hover of every cell gives the statements behind it.

    Args:
        table: Long table with ``row``, ``column``, ``value`` and ``statements`` columns.
        row: Column for the y axis.
        column: Column for the x axis.
        value: Column for the cell values (``statements`` or ``tone``).
        title: Chart title.
        row_label: Axis title for rows.
        column_label: Axis title for columns.
        tone: Use the diverging red-blue tone scale on -1..1.
        row_names: Display names for row keys.
        column_names: Display names for column keys.
        max_rows: Most rows drawn, "others" included (see :func:`limit_grid`).
        max_columns: Most columns drawn, "others" included.
        leave_out: Keys left out (the filtered values).
        subtitle: A line under the title (e.g. which tone measure the cells show).
    """
    limited = limit_grid(table, row, column, max_rows=max_rows, max_columns=max_columns, leave_out=leave_out)
    return grid_heatmap(limited, row, column, value, title, row_label, column_label, tone, row_names, column_names,
                        subtitle=subtitle)


#: Height in pixels a grid's cells get at least, whatever few rows it has (its colour bar is as tall).
MIN_GRID_PIXELS = 130
#: Column names are written slanted when there are more columns than this, or when the longest name
#: (in characters) times the columns exceeds :data:`LEVEL_NAME_CHARS`: seven country names under a
#: half-width grid ran into each other ("UkraineSwitzerlandUnited States...", session 17).
SLANTED_COLUMNS, LEVEL_NAME_CHARS = 8, 80


def slanted_columns(columns: list[str]) -> bool:
    """True when a grid's column names (as drawn, shortened) are written at -45 degrees."""
    longest = max((len(short_label(str(v))) for v in columns), default=0)
    return len(columns) > SLANTED_COLUMNS or longest * len(columns) > LEVEL_NAME_CHARS


def grid_heatmap(limited: pd.DataFrame, row: str, column: str, value: str, title: str,
                 row_label: str, column_label: str, tone: bool = False,
                 row_names: dict[str, str] | None = None, column_names: dict[str, str] | None = None, *,
                 subtitle: str = "") -> go.Figure:
    """The figure of :func:`heatmap` from a grid already limited (:func:`limit_grid`'s table, or the
    engine's :meth:`analysis.engine.Engine.cross_grid`, which computes it without the whole crossing);
    the arguments as :func:`heatmap`'s.
    """
    if limited.empty:  # everything was left out: say so instead of an empty grid
        fig = go.Figure()
        fig.add_annotation(text="Nothing to show beyond the filtered values", showarrow=False, x=0.5, y=0.5,
                           xref="paper", yref="paper")
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        return titled(fig, title, height=200)
    others = limited.attrs.get("others", {row: 0, column: 0})
    order = limited.attrs.get("order", {row: [], column: []})

    def name(axis: str, key: str, names: dict[str, str] | None) -> str:
        return others_label(others[axis]) if key == OTHERS else plotly_text((names or {}).get(key, key))

    row_index = {key: i for i, key in enumerate(order[row])}
    column_index = {key: i for i, key in enumerate(order[column])}
    grid = np.full((len(row_index), len(column_index)), np.nan)
    counts = np.zeros(grid.shape, dtype=int)
    for r, c, v, n in zip(limited[row].tolist(), limited[column].tolist(), limited[value].tolist(),
                          limited["statements"].tolist(), strict=True):  # one cell per (row, column)
        grid[row_index[r], column_index[c]] = v
        counts[row_index[r], column_index[c]] = n
    zmax = 1 if tone else None
    if not tone:
        # The colour scale follows the named cells: an "others" row or column sums many keys and
        # would otherwise take the whole scale, leaving every named cell pale. Its cells show the
        # darkest colour and their hover the true count.
        named = grid[[k != OTHERS for k in order[row]]][:, [k != OTHERS for k in order[column]]]
        if named.size and not np.isnan(named).all():
            zmax = max(1.0, float(np.nanmax(named)))
        if not np.isnan(grid).any():
            grid = grid.astype(int)  # whole counts, as they are
    rows = [name(row, k, row_names) for k in order[row]]
    columns = [name(column, k, column_names) for k in order[column]]
    measure = "Mean tone" if tone else "Statements"
    hover = (f"{row_label}: %{{y}}<br>{column_label}: %{{x}}<br>{measure}: %{{z:{'.2f' if tone else ',d'}}}"
             "<br>Statements behind it: %{customdata:,d}<extra></extra>")
    longest = max((len(short_label(str(v))) for v in columns), default=0)
    slanted = slanted_columns(columns)
    # At least MIN_GRID_PIXELS for the cells: one or two rows under long column names left the colour
    # bar some 60 px, its ticks printed over each other (Topics, one speaker filtered).
    height = max(280, max(24 * len(rows), MIN_GRID_PIXELS) + 110 + (int(longest * 5.5) if slanted else 30))
    if tone and np.isnan(grid).any():
        subtitle = f"{subtitle} · {NO_TONE_NOTE}" if subtitle else NO_TONE_NOTE.capitalize()
    cells = go.Heatmap(z=grid, x=columns, y=rows, colorscale=TONE_SCALE if tone else COUNT_SCALE,
                       zmin=-1 if tone else (0 if zmax is not None else None), zmax=zmax,
                       colorbar=dict(title=dict(text="Tone" if tone else "Statements"), thickness=12,
                                     # whole statements on the bar of a count grid (no "0.5 statements")
                                     **({} if tone else {"tickformat": ",d",
                                                         "dtick": max(1, round((zmax or 1) / 5))})),
                       customdata=counts, hovertemplate=hover, xgap=1, ygap=1, hoverongaps=False)
    # Long names ("leaders of the Atlantic Alliance and ...") would squeeze the cells: shorten
    # the tick labels only; the hover keeps the full name. One Figure call: update_* calls cost
    # more than the data.
    return go.Figure(
        [cells, *([_no_tone_layer(grid, counts, columns, rows, row_label, column_label)] if tone else [])],
        layout=dict(
            title=dict(text=title, x=0, xanchor="left",
                       **({"subtitle": dict(text=plotly_text(subtitle))} if subtitle else {})),
            height=height, font=FONT, margin=dict(l=10, r=10, t=70 if subtitle else 50, b=10),
            legend=dict(title=dict(text="")),
            xaxis=dict(title=dict(text=column_label), side="bottom", tickvals=columns,
                       tickangle=-45 if slanted else 0,
                       ticktext=[_short_escaped(v) for v in columns], tickfont=dict(size=11)),
            yaxis=dict(title=dict(text=row_label), autorange="reversed", tickvals=rows,
                       ticktext=[_short_escaped(v) for v in rows], tickfont=dict(size=11))))


def _no_tone_layer(grid: np.ndarray, counts: np.ndarray, columns: list, rows: list, row_label: str,
                   column_label: str) -> go.Heatmap:
    """The cells of a tone grid without a tone, in :data:`NO_TONE_COLOR` (the others transparent),
    their hover saying why: no statements, or statements none of which has a tone.
    """
    empty = np.isnan(grid)
    why = np.where(counts > 0, np.char.add(counts.astype(str), " statements, none with a tone"), "no statements")
    return go.Heatmap(z=np.where(empty, 0.0, np.nan), x=columns, y=rows, text=np.where(empty, why, ""),
                      colorscale=[[0, NO_TONE_COLOR], [1, NO_TONE_COLOR]], showscale=False, xgap=1, ygap=1,
                      hoverongaps=False,  # the tone cells under it keep their own hover
                      hovertemplate=f"{row_label}: %{{y}}<br>{column_label}: %{{x}}<br>%{{text}}<extra></extra>")
