"""Plotly figures for the dashboard and the briefing export (no streamlit here).

Colours are consistent everywhere: a country always gets the same colour (from a
colour-blind-safe palette, by a stable hash of its code) and a topic the colour its
taxonomy entry gives.

The heatmaps live in :mod:`ui.grids` and what every chart shares in :mod:`ui.chart_style`; their
public names are importable from here too (``charts.heatmap``). The limits a test lowers are patched
where they are read: ``ui.grids.GRID_CHUNK_ROWS`` (not re-exported, so a patch here fails loudly).
"""

from __future__ import annotations

import zlib

import pandas as pd
import plotly.graph_objects as go

from analysis.grid import OTHERS
from ui.chart_style import COUNT_SCALE, FONT, others_label, short_label, titled
from ui.grids import (
    LEVEL_NAME_CHARS,
    MAX_HEATMAP_COLUMNS,
    MAX_HEATMAP_ROWS,
    MIN_GRID_PIXELS,
    NO_TONE_COLOR,
    NO_TONE_NOTE,
    SLANTED_COLUMNS,
    TONE_SCALE,
    grid_heatmap,
    grid_keys,
    heatmap,
    limit_grid,
    slanted_columns,
)
from ui.labels import country_name, topic_color, topic_label
from ui.safe import plotly_text

__all__ = ["FONT", "LEVEL_NAME_CHARS", "MAX_HEATMAP_COLUMNS", "MAX_HEATMAP_ROWS", "MIN_GRID_PIXELS", "NO_TONE_COLOR",
           "NO_TONE_NOTE", "OTHERS", "OTHERS_COLOR", "OTHERS_CUT_RATIO", "PALETTE", "PLOTLY_CONFIG", "SLANTED_COLUMNS",
           "TONE_BINS", "TONE_SCALE", "bar_countries", "bar_outlets", "bar_speakers", "bar_topics", "country_color",
           "grid_heatmap", "grid_keys", "heatmap", "limit_grid", "others_cut", "others_label", "plotly_config",
           "short_label", "slanted_columns", "timeline", "tone_bars", "tone_histogram", "top_with_others",
           "undated_note", "world_map"]

#: Okabe-Ito plus Tol's muted palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#332288",
           "#117733", "#882255", "#44AA99", "#999933", "#AA4499", "#DDCC77", "#88CCEE", "#661100"]

OTHERS_COLOR = "#9e9e9e"

#: Bins of the tone histogram over -1 .. +1 (0.1 wide).
TONE_BINS = 20

#: Plotly config for Streamlit: map outlines from our own static folder, PNG export in the modebar.
PLOTLY_CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False,
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


def country_color(iso3: str) -> str:
    """The colour of a country, the same on every page and in every export."""
    return PALETTE[zlib.crc32(iso3.encode()) % len(PALETTE)]


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
        # zauto off, else plotly rescales to the data and the least-named country turns white; COUNT_SCALE
        # starts light blue, apart from the grey of a country no statement names.
        colorscale=COUNT_SCALE, zauto=False, zmin=0, zmax=top,
        marker_line_color="#555555", marker_line_width=0.5,
        # whole statements on the bar: a brief of few statements read "0.5, 1.5, 2.5" (qa4)
        colorbar=dict(title="Statements", tickformat=",d", dtick=1 if top <= 10 else None),
        hovertemplate="<b>%{text}</b><br>%{z} statements<br>named as: %{customdata[0]}<extra></extra>",
    ), title, height=440, geo=dict(projection=dict(type="natural earth", rotation=dict(lon=0)), showcountries=True,
                                   countrycolor="#bbbbbb", showland=True, landcolor="#f2f2f2", showframe=False,
                                   showcoastlines=True, coastlinecolor="#999999", resolution=110))


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
    return titled(fig, title, height=320)


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
