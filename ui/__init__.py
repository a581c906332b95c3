"""Streamlit-side helpers of the Quote Atlas dashboard: data loading, filters, rendering.

Pages in ``pages/`` stay thin (layout and widgets); the logic lives here and in ``analysis``.
``ui.charts`` (with ``ui.grids`` and ``ui.chart_style``) and ``ui.annotate`` do not import streamlit
and are reused by the exports.
"""
