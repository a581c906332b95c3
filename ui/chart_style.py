"""What every chart of the app shares (no streamlit here): the font, the title and margins, tick
labels cut to length and how an "others" row or column reads.

Used by :mod:`ui.charts` (bars, map, histograms, timeline) and :mod:`ui.grids` (heatmaps).
"""

from __future__ import annotations

import plotly.graph_objects as go

FONT = dict(family="Liberation Sans, Arial, sans-serif", size=14)
#: Colours of counts from 0 to the most (plotly's "Blues" from its fourth step): a cell or country of
#: 1 statement against a most of 150 is a light blue apart from an empty cell's white and the map's
#: grey land, where the whole "Blues" drew it nearly white (session 19, qa5). The scale stays
#: linear: the colour bar and the hover give the true counts.
COUNT_SCALE = [[0.0, "rgb(158,202,225)"], [0.25, "rgb(107,174,214)"], [0.5, "rgb(66,146,198)"],
               [0.75, "rgb(33,113,181)"], [0.9, "rgb(8,81,156)"], [1.0, "rgb(8,48,107)"]]


def short_label(label: str, limit: int = 32) -> str:
    """``label`` cut to ``limit`` characters with an ellipsis, for axis ticks."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def others_label(count: int) -> str:
    """How the "others" row reads: "12 others"."""
    return f"{count:,} other{'' if count == 1 else 's'}"


def titled(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    """``fig`` with the app's title (left), font, margins and ``height``, legend untitled."""
    fig.update_layout(title=dict(text=title, x=0, xanchor="left"), height=height, font=FONT,
                      margin=dict(l=10, r=10, t=50, b=10), legend_title_text="")
    return fig
