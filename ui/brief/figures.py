"""The brief's charts: four for the long form, a small map and one chart for one page (no streamlit)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from analysis.query import Filters, country_counts, speaker_counts, topic_counts
from ui import charts
from ui.brief.model import CHART_TITLES

#: Width of every chart in the long form's HTML/PDF (fits an A4 page at 96 dpi with margins).
EXPORT_CHART_WIDTH = 700
#: (width, map height, chart height) in CSS pixels of the one-page formats' right-hand column.
ONE_PAGE_SIZES = {"a4": (300, 210, 250), "slide": (480, 220, 170)}
#: Bars of the one-page chart.
ONE_PAGE_BARS = 7


def _map(countries: pd.DataFrame, evidence: dict[str, str], title: str) -> go.Figure:
    world = charts.world_map(countries, evidence=evidence, title=title)
    # Scale from 0 so a country named once is visibly coloured; transparent sea for dark themes.
    world.update_traces(zmin=0, zmax=max(1, int(countries["statements"].max())), zauto=False)
    world.update_geos(bgcolor="rgba(0,0,0,0)")
    return world


def brief_figures(quotes: pd.DataFrame, evidence: dict[str, str]) -> dict[str, go.Figure]:
    """The long form's charts (map, countries, topics, speakers), leaving out empty ones."""
    figures: dict[str, go.Figure] = {}
    if quotes.empty:
        return figures
    countries = country_counts(quotes)
    if not countries.empty:
        figures["map"] = _map(countries, evidence, CHART_TITLES["map"])
        figures["countries"] = charts.bar_countries(countries.head(15), title=CHART_TITLES["countries"])
    topics = topic_counts(quotes)
    if not topics.empty:
        figures["topics"] = charts.bar_topics(topics.head(15), title=CHART_TITLES["topics"])
    figures["speakers"] = charts.bar_speakers(speaker_counts(quotes, limit=12), title=CHART_TITLES["speakers"])
    return figures


def one_page_chart_title(filters: Filters) -> str:
    """The one chart of a one-page brief: topics, or the other countries when topics are the filter (not
    "Countries named": the map above it has that heading, and two read as one chart twice, qa4).
    """
    return "Other countries named" if filters.topics and filters.countries else (
        "Statements naming each country" if filters.topics else "Statements per topic")


def one_page_charts(countries: pd.DataFrame, topics: Callable[[], pd.DataFrame], filters: Filters, form: str,
                    evidence: dict[str, str]) -> dict[str, go.Figure]:
    """A small map and one bar chart sized for a one-page format's column (``map``, ``chart``), from the
    statements' ``countries`` counts and their ``topics()`` counts.

    The chart shows topics; when the filter is a topic it shows countries instead (a chart of
    the one filtered topic would say nothing), leaving out the filtered countries.
    """
    figures: dict[str, go.Figure] = {}
    width, map_height, chart_height = ONE_PAGE_SIZES[form]
    if not countries.empty:
        world = _map(countries, evidence, "")
        world.update_traces(colorbar=dict(thickness=8, len=0.8, title=None, tickfont_size=9))
        world.update_layout(width=width, height=map_height, margin=dict(l=0, r=0, t=0, b=0), title=None)
        figures["map"] = world
    title = one_page_chart_title(filters)
    if filters.topics:
        others = countries[~countries["iso3"].isin(filters.countries)]
        bars = (charts.bar_countries(charts.top_with_others(others, "iso3", ONE_PAGE_BARS), title="")
                if not others.empty else None)
    else:
        topics = topics()
        bars = (charts.bar_topics(charts.top_with_others(topics, "topic", ONE_PAGE_BARS), title="")
                if not topics.empty else None)
    if bars is not None:
        bars.update_layout(width=width, height=chart_height, margin=dict(l=0, r=8, t=4, b=0), title=None,
                           font_size=11)
        bars.update_yaxes(title=None, tickfont_size=10)
        bars.update_xaxes(title=None)
        bars.layout.meta = {"title": title}
        figures["chart"] = bars
    return figures
