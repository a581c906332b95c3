"""Plotly figures for the dashboard and the briefing export (no streamlit here).

Colours are consistent everywhere: a country always gets the same colour (from a
colour-blind-safe palette, by a stable hash of its code) and a topic the colour its
taxonomy entry gives.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.grid import OTHERS
from ui.labels import country_name, topic_color, topic_label
from ui.safe import plotly_text

#: Okabe-Ito plus Tol's muted palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#332288",
           "#117733", "#882255", "#44AA99", "#999933", "#AA4499", "#DDCC77", "#88CCEE", "#661100"]
TONE_SCALE = [[0.0, "#b2182b"], [0.5, "#f7f7f7"], [1.0, "#2166ac"]]
#: A tone grid's cells without a tone (no statements): grey, apart from the near-white of a neutral
#: mean tone (0), which looked as blank as they did (session 18, qa4).
NO_TONE_COLOR = "#d4d4d4"
NO_TONE_NOTE = "grey: no statements"
FONT = dict(family="Liberation Sans, Arial, sans-serif", size=14)

OTHERS_COLOR = "#9e9e9e"
#: Rows of a heatmap drawn per 1,000 px; cells and labels stay legible up to these many rows and columns.
MAX_HEATMAP_ROWS = 20
MAX_HEATMAP_COLUMNS = 25
#: Rows of a heatmap's long table turned into Python values at a time (:func:`limit_grid`).
GRID_CHUNK_ROWS = 20_000

#: Bins of the tone histogram over -1 .. +1 (0.1 wide).
TONE_BINS = 20

#: Plotly config for Streamlit: map outlines from our own static folder, PNG export in the modebar.
PLOTLY_CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False,
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


def country_color(iso3: str) -> str:
    """The colour of a country, the same on every page and in every export."""
    return PALETTE[zlib.crc32(iso3.encode()) % len(PALETTE)]


def short_label(label: str, limit: int = 32) -> str:
    """``label`` cut to ``limit`` characters with an ellipsis, for axis ticks."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _short_escaped(name: str) -> str:
    """A label already escaped by :func:`plotly_text`, shortened without cutting an entity."""
    raw = str(name).replace("&lt;", "<").replace("&gt;", ">")
    return plotly_text(short_label(raw))


def _integer_axis(values: pd.Series) -> dict:
    """Axis settings for counts: whole-number ticks (no 0.5 statements), from zero."""
    top = int(values.max()) if len(values) else 1
    return dict(tickformat=",d", dtick=1 if top <= 10 else None, rangemode="tozero")


def _figure(trace, title: str, height: int, **layout) -> go.Figure:
    """A figure with the app's title, font and margins, made in one call (each ``update_*`` call
    validates the whole layout again: they cost more than the data on every new view).
    """
    return go.Figure(trace, layout=dict(title=dict(text=title, x=0, xanchor="left"), height=height, font=FONT,
                                        margin=dict(l=10, r=10, t=50, b=10), legend=dict(title=dict(text="")),
                                        **layout))


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(title=dict(text=title, x=0, xanchor="left"), height=height, font=FONT,
                      margin=dict(l=10, r=10, t=50, b=10), legend_title_text="")
    return fig


def top_with_others(counts: pd.DataFrame, key: str, limit: int, value: str = "statements") -> pd.DataFrame:
    """The ``limit`` largest rows of ``counts`` (sorted by ``value``), the rest summed into one
    :data:`OTHERS` row whose ``others`` column says how many it holds.

    Args:
        counts: One row per ``key`` with a ``value`` column.
        key: The column naming each row (``iso3``, ``topic``, ``speaker``).
        limit: Most rows in the result, the "others" row included.
        value: The count column.

    Returns:
        A new frame, largest first, the "others" row last; ``counts`` itself when it fits.
    """
    ordered = counts.sort_values(value, ascending=False, kind="stable")
    if len(ordered) <= limit:
        return ordered.reset_index(drop=True)
    head, rest = ordered.head(limit - 1), ordered.iloc[limit - 1:]
    others = pd.DataFrame({key: [OTHERS], value: [int(rest[value].sum())], "others": [len(rest)]})
    return pd.concat([head.assign(others=0), others], ignore_index=True)


def others_label(count: int) -> str:
    """How the "others" row reads: "12 others"."""
    return f"{count:,} other{'' if count == 1 else 's'}"


#: An "others" bar longer than this many times the longest named bar is cut at the axis' end.
OTHERS_CUT_RATIO = 2.0


def others_cut(values: pd.Series, is_other) -> float | None:
    """Where the count axis of bars ends when the "others" bar would dwarf the named ones (more than
    :data:`OTHERS_CUT_RATIO` times the longest): a little past the longest named bar; else None.
    """
    named = [int(v) for v, o in zip(values, is_other, strict=True) if not o]
    rest = [int(v) for v, o in zip(values, is_other, strict=True) if o]
    if not named or not rest or max(rest) <= OTHERS_CUT_RATIO * max(named):
        return None
    return max(named) * 1.25


def _count_bars(data: pd.DataFrame, label: str, axis_title: str, title: str,
                colors: dict[str, str] | str, color_key: str | None = None) -> go.Figure:
    """Horizontal bars of ``statements`` per ``label`` (first row on top), one colour or a map by key."""
    data = data.iloc[::-1]
    keys = data[color_key] if color_key else data[label]
    if "others" in data.columns:  # the rest beyond the top N, in grey
        is_other = (keys == OTHERS).to_numpy()
        data = data.assign(**{label: [others_label(int(n)) if o else v
                                      for v, n, o in zip(data[label], data["others"], is_other, strict=True)]})
    else:
        is_other = [False] * len(data)
    bar_colors = [colors.get(k, "#888888") for k in keys] if isinstance(colors, dict) else [colors] * len(data)
    bar_colors = [OTHERS_COLOR if o else c for c, o in zip(bar_colors, is_other, strict=True)]
    names = [plotly_text(v) for v in data[label]]  # speakers, outlets: data, not plotly markup
    end = others_cut(data["statements"], is_other)
    axis = _integer_axis(data["statements"][[not o for o in is_other]] if end else data["statements"])
    if end:  # the "others" bar runs past the axis' end, its count written on it
        axis = {**axis, "range": [0, end], "rangemode": "normal"}
    text = [f"{int(n):,} ▸" if o and end else "" for n, o in zip(data["statements"], is_other, strict=True)]
    return _figure(go.Bar(x=data["statements"], y=names, orientation="h", marker_color=bar_colors,
                          text=text, textposition="inside", insidetextanchor="start", cliponaxis=True,
                          textfont=dict(color="#ffffff"),
                          hovertemplate="%{y}: %{x} statements<extra></extra>"),
                   title, height=max(260, 28 * len(data) + 90),
                   xaxis=dict(title=dict(text="Statements"), **axis),
                   yaxis=dict(title=dict(text=axis_title), tickvals=names,
                              ticktext=[plotly_text(short_label(str(v))) for v in data[label]]))


def bar_speakers(counts: pd.DataFrame, title: str = "Statements per speaker") -> go.Figure:
    """Horizontal bars of statements per speaker (``speaker``, ``statements``)."""
    return _count_bars(counts, "speaker", "Speaker", title, "#0072B2")


def bar_countries(counts: pd.DataFrame, title: str = "Statements naming each country") -> go.Figure:
    """Horizontal bars of statements per country (``iso3``, ``statements``), country colours."""
    data = counts.assign(country=[country_name(c) for c in counts["iso3"]])
    return _count_bars(data, "country", "Country", title, {c: country_color(c) for c in data["iso3"]}, "iso3")


def bar_topics(counts: pd.DataFrame, title: str = "Statements per topic") -> go.Figure:
    """Horizontal bars of statements per topic (``topic``, ``statements``), topic colours."""
    data = counts.assign(label=[topic_label(t) for t in counts["topic"]])
    return _count_bars(data, "label", "Topic", title, {t: topic_color(t) for t in data["topic"]}, "topic")


def world_map(counts: pd.DataFrame, evidence: dict[str, str] | None = None,
              title: str = "Countries named in statements") -> go.Figure:
    """Choropleth of statements per country; the outlines load from the app's static folder.

    Args:
        counts: ``iso3``, ``statements``.
        evidence: iso3 -> the words that named the country (shown on hover).
        title: Chart title.
    """
    evidence = evidence or {}
    top = max(1, int(counts["statements"].max() if len(counts) else 1))
    data = counts.assign(country=[country_name(c) for c in counts["iso3"]],
                         evidence=[plotly_text(evidence.get(c, "")) for c in counts["iso3"]])
    return _figure(go.Choropleth(
        locations=data["iso3"], z=data["statements"], locationmode="ISO-3",
        text=data["country"], customdata=data[["evidence"]],
        # zauto off, else plotly rescales to the data and the least-named country turns white.
        colorscale="Blues", zauto=False, zmin=0, zmax=top,
        marker_line_color="#555555", marker_line_width=0.5,
        # whole statements on the bar: a brief of few statements read "0.5, 1.5, 2.5" (qa4)
        colorbar=dict(title="Statements", tickformat=",d", dtick=1 if top <= 10 else None),
        hovertemplate="<b>%{text}</b><br>%{z} statements<br>named as: %{customdata[0]}<extra></extra>",
    ), title, height=440, geo=dict(projection=dict(type="natural earth", rotation=dict(lon=0)), showcountries=True,
                                   countrycolor="#bbbbbb", showland=True, landcolor="#f2f2f2", showframe=False,
                                   showcoastlines=True, coastlinecolor="#999999", resolution=110))


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
        return _layout(fig, title, height=200)
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
    cells = go.Heatmap(z=grid, x=columns, y=rows, colorscale=TONE_SCALE if tone else "Blues",
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


def tone_histogram(quotes: pd.DataFrame, title: str = "Tone of statements") -> go.Figure:
    """Histogram of statement tone (VADER compound, -1 negative .. +1 positive)."""
    # graph_objects, not plotly.express: the same trace, a tenth of the time to build (per view).
    return _figure(go.Histogram(x=quotes["tone"].to_numpy(), nbinsx=20, marker_color="#56B4E9",
                                hovertemplate="tone %{x}: %{y} statements<extra></extra>"), title, height=320,
                   xaxis=dict(title=dict(text="Tone (negative ← 0 → positive)"), range=[-1, 1]),
                   yaxis=dict(title=dict(text="Statements"), tickformat=",d", dtick=1 if len(quotes) <= 10 else None),
                   barmode="relative")


def tone_bars(bins: pd.DataFrame, title: str = "Tone of statements") -> go.Figure:
    """Histogram of statement tone from counts per bin (``bin``, ``statements``; ``bins`` equal
    bins over -1 .. +1, see ``Selection.tone_bins`` in :mod:`ui.selection`): only the counts reach the
    browser, not every statement's tone.
    """
    width = 2 / TONE_BINS
    centres = [-1 + (b + 0.5) * width for b in bins["bin"]]
    fig = go.Figure(go.Bar(x=centres, y=bins["statements"], width=width, marker_color="#56B4E9",
                           customdata=[[-1 + b * width, -1 + (b + 1) * width] for b in bins["bin"]],
                           hovertemplate="tone %{customdata[0]:.1f} to %{customdata[1]:.1f}: "
                                         "%{y} statements<extra></extra>"))
    fig.update_xaxes(title="Tone (negative ← 0 → positive)", range=[-1, 1])
    fig.update_yaxes(title="Statements", tickformat=",d",
                     dtick=1 if len(bins) and bins["statements"].max() <= 10 else None)
    fig.update_layout(bargap=0.02)
    return _layout(fig, title, height=320)


def undated_note(undated: int, total: int) -> str:
    """What a time chart leaves out: "1,003 of 4,940 statements have no date and are not shown" ("" if none)."""
    if not undated:
        return ""
    have, are = ("has", "is") if undated == 1 else ("have", "are")
    return f"{undated:,} of {total:,} statement{'s' * (total != 1)} {have} no date and {are} not shown"


def timeline(counts: pd.DataFrame, title: str = "Statements over time", *, undated: int = 0,
             total: int | None = None) -> go.Figure:
    """Bars of statements per period (``period``, ``statements``); the subtitle says how many are undated.

    Args:
        counts: Statements per period.
        title: Chart title.
        undated: Statements without a date (not in ``counts``).
        total: All statements of the selection (default: dated + undated).
    """
    note = undated_note(undated, total if total is not None else int(counts["statements"].sum()) + undated)
    fig = _figure(go.Bar(x=counts["period"], y=counts["statements"], marker_color="#009E73",
                         hovertemplate="Article date=%{x}<br>Statements=%{y}<extra></extra>"), title, height=320,
                  xaxis=dict(title=dict(text="Article date")),
                  yaxis=dict(title=dict(text="Statements"), **_integer_axis(counts["statements"])), barmode="relative")
    if note:
        fig.layout.title.subtitle.text = note
        fig.layout.margin.t = 70
    return fig


def bar_outlets(counts: pd.DataFrame, title: str = "Statements by outlet") -> go.Figure:
    """Horizontal bars of statements per outlet (``outlet``, ``statements``)."""
    return _count_bars(counts, "outlet", "Outlet", title, "#009E73")


def plotly_config(image_format: str = "png") -> dict:
    """:data:`PLOTLY_CONFIG` with the modebar camera saving ``"png"`` or ``"svg"``.

    Args:
        image_format: ``"png"`` (scaled x2) or ``"svg"`` (vector, for print and slides).

    Raises:
        ValueError: For any other format.
    """
    if image_format not in ("png", "svg"):
        raise ValueError(f"image format must be png or svg, not {image_format!r}")
    options = {**PLOTLY_CONFIG["toImageButtonOptions"], "format": image_format}
    if image_format == "svg":
        options.pop("scale", None)
    return {**PLOTLY_CONFIG, "toImageButtonOptions": options}
