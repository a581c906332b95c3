"""AppTest: what the heatmap pages keep for every session is their figures, not the crossed tables
behind them (a row per speaker and country or topic: 9-13 MB each at 100,000 articles)."""

import json
import os

import pytest
from streamlit.testing.v1 import AppTest

DASHBOARD = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                         "dashboard.py")
#: Page -> the heatmaps it draws from crossed tables (chart keys).
HEATMAPS = {"pages/speakers.py": {"speakers_countries", "speakers_tone"},
            "pages/topics.py": {"topics_speakers"},
            "pages/countries.py": {"countries_tone"}}


@pytest.mark.parametrize("page", list(HEATMAPS))
def test_heatmap_pages_keep_figures_not_crossed_tables(seed_store, monkeypatch, page):
    from ui.shared import _results

    monkeypatch.setenv("QUOTE_ATLAS_STORE", seed_store)
    _results().clear()
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    drawn = {json.loads(e.proto.spec)["data"][0]["type"] for e in at.get("plotly_chart")}
    assert "heatmap" in drawn, drawn
    names = [str(key[1]) for key in _results()]
    assert any(name.endswith("_chart") for name in names), names  # the figures are shared
    assert not [n for n in names if n.startswith(("sel.cross.", "sel.tone."))], names
    at.run()  # a rerun draws the same figures from what was kept
    assert not at.exception and len(at.get("plotly_chart")) >= len(HEATMAPS[page])
