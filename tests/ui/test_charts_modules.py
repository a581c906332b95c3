"""ui.charts split by job (ui.grids, ui.chart_style): every name callers
import from ui.charts still there and the same object, the limit tests lower read where it is patched.
"""

from __future__ import annotations

import pytest


def test_the_names_callers_import_from_ui_charts_are_still_there():
    from ui import chart_style, charts, grids

    for name in charts.__all__:
        assert hasattr(charts, name), name
    for name in ("limit_grid", "grid_keys", "heatmap", "grid_heatmap", "slanted_columns", "MIN_GRID_PIXELS",
                 "MAX_HEATMAP_ROWS", "MAX_HEATMAP_COLUMNS", "TONE_SCALE"):
        assert getattr(charts, name) is getattr(grids, name), name
    for name in ("FONT", "short_label", "others_label"):
        assert getattr(charts, name) is getattr(chart_style, name), name


def test_the_chunk_size_is_patched_where_limit_grid_reads_it(monkeypatch):
    # A test lowering ui.charts.GRID_CHUNK_ROWS would change nothing limit_grid reads: the name is not
    # re-exported, so such a monkeypatch fails instead of passing vacuously.
    from ui import charts, grids

    with pytest.raises(AttributeError):
        monkeypatch.setattr(charts, "GRID_CHUNK_ROWS", 1)
    assert isinstance(grids.GRID_CHUNK_ROWS, int)
