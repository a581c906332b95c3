"""Count colours: a cell or country of a few statements against a most of 150 must read as not empty.

With plotly's whole "Blues" a count grid's cell of 1 statement was nearly as white as an empty cell
(the tone grids already show empty cells grey), and so was a country named once on the map
(session 19, qa5). The scale stays linear from 0: the colour bar and the hover give true counts.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ui.charts import grid_heatmap, limit_grid, world_map

WHITE = (255, 255, 255)


def _rgb(colour: str) -> tuple[int, ...]:
    if colour.startswith("#"):
        return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return tuple(int(float(v)) for v in colour[colour.index("(") + 1:colour.index(")")].split(","))


def colour_at(scale, value: float, zmin: float, zmax: float) -> tuple[float, ...]:
    """The colour plotly draws ``value`` in on ``scale`` between ``zmin`` and ``zmax`` (linear)."""
    fraction = min(1.0, max(0.0, (value - zmin) / (zmax - zmin)))
    stops = [(float(position), _rgb(colour)) for position, colour in scale]
    for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
        if p0 <= fraction <= p1:
            t = 0 if p1 == p0 else (fraction - p0) / (p1 - p0)
            return tuple(a + (b - a) * t for a, b in zip(c0, c1, strict=True))
    return stops[-1][1]


def distance(a, b) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


#: (most statements of a cell, fewest): a grid dominated by one cell, and an even one.
GRIDS = [(150, 1), (150, 2), (3, 1), (1, 1)]


@pytest.mark.parametrize(("most", "fewest"), GRIDS)
def test_a_cell_of_few_statements_is_not_white(most, fewest):
    table = pd.DataFrame({"speaker": ["A", "A", "B"], "iso3": ["DEU", "FRA", "DEU"],
                          "statements": [most, fewest, fewest]})
    limited = limit_grid(table, "speaker", "iso3")
    cells = grid_heatmap(limited, "speaker", "iso3", "statements", "t", "Speaker", "Country").data[0]
    assert cells.z[1][1] != cells.z[1][1] or cells.z[1][1] is None  # B x FRA: no statements, a gap
    low = colour_at(cells.colorscale, fewest, cells.zmin, cells.zmax)
    high = colour_at(cells.colorscale, most, cells.zmin, cells.zmax)
    assert distance(low, WHITE) >= 80, low  # Blues' first colour, (247, 251, 255), is 12 from white
    assert distance(high, WHITE) >= distance(low, WHITE)
    assert cells.customdata[1][0] == fewest  # the hover's count is the count


def test_a_country_named_once_is_apart_from_the_unnamed_land():
    fig = world_map(pd.DataFrame({"iso3": ["UKR", "MLT"], "statements": [150, 1]}))
    trace = fig.data[0]
    once = colour_at(trace.colorscale, 1, trace.zmin, trace.zmax)
    land = _rgb(fig.layout.geo.landcolor)
    assert distance(once, land) >= 80, once
    assert list(trace.z) == [150, 1]


def test_tone_grids_keep_their_diverging_scale():
    table = pd.DataFrame({"speaker": ["A", "B"], "iso3": ["DEU", "DEU"], "statements": [3, 1], "tone": [0.0, -0.5]})
    cells = grid_heatmap(limit_grid(table, "speaker", "iso3"), "speaker", "iso3", "tone", "t", "S", "C",
                         tone=True).data[0]
    assert distance(colour_at(cells.colorscale, 0.0, cells.zmin, cells.zmax), WHITE) < 40  # neutral stays pale
