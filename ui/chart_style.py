"""What every chart of the app shares (no streamlit here): the font, the title and margins, tick
labels cut to length and how an "others" row or column reads.

Used by :mod:`ui.charts` (bars, map, histograms, timeline) and :mod:`ui.grids` (heatmaps).
"""

from __future__ import annotations

import plotly.graph_objects as go

FONT = dict(family="Liberation Sans, Arial, sans-serif", size=14)


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
