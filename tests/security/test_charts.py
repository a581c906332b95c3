"""Issue #16, item 5 in charts: plotly.js reads labels and hovers as a subset of HTML, so a speaker
or outlet named ``<a href="http://evil">`` would be a link in the chart (seen in Chromium)."""

import html

import pandas as pd
import pytest

from ui import charts
from ui.safe import plotly_text

NAMES = ['<a href="http://evil.example/x">Click</a>', "<b>bold</b> <br> line", "A & B <i>", "Olaf Scholz"]


def _strings(fig) -> list[str]:
    """Every text a figure's traces and axes could draw (values, tick labels, text, customdata)."""
    out = []
    for trace in fig.data:
        for attr in ("x", "y", "text", "customdata"):
            values = getattr(trace, attr, None)
            if values is not None:
                out += [str(v) for v in pd.Series(list(values)).explode()]
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        out += [str(v) for v in (axis.ticktext or ())] + [str(v) for v in (axis.tickvals or ())]
    return out


@pytest.mark.parametrize("name", NAMES)
def test_plotly_text_draws_as_typed(name):
    escaped = plotly_text(name)
    assert "<" not in escaped and ">" not in escaped
    assert html.unescape(escaped) == name


FIGURES = {
    "speakers": lambda: charts.bar_speakers(pd.DataFrame({"speaker": NAMES, "statements": [4, 3, 2, 1]})),
    "outlets": lambda: charts.bar_outlets(pd.DataFrame({"outlet": NAMES, "statements": [4, 3, 2, 1]})),
    "heatmap": lambda: charts.heatmap(pd.DataFrame({"speaker": NAMES, "countries": ["DEU"] * 4,
                                                    "statements": [1, 2, 3, 4]}),
                                      "speaker", "countries", "statements", "t", "Speaker", "Country"),
    "map": lambda: charts.world_map(pd.DataFrame({"iso3": ["DEU"], "statements": [2]}),
                                    evidence={"DEU": NAMES[0]}),
}


@pytest.mark.parametrize("kind", FIGURES)
def test_chart_labels_carry_no_markup_from_data(kind):
    strings = _strings(FIGURES[kind]())
    assert strings
    assert not [s for s in strings if "<" in s], strings


def test_bar_labels_show_the_full_name_on_hover():
    fig = FIGURES["speakers"]()
    assert sorted(html.unescape(v) for v in fig.data[0].y) == sorted(NAMES)
