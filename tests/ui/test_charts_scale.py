"""Charts that read at corpus size: top N with "others", grids cut and sorted, undated statements said."""

import math

import pandas as pd
import pytest

from ui import charts, grids
from ui.charts import OTHERS, limit_grid, top_with_others


@pytest.mark.parametrize(("values", "limit", "keys", "others"), [
    ([5, 3, 9, 1], 10, ["c", "a", "b", "d"], None),       # fits: only sorted
    ([5, 3, 9, 1], 4, ["c", "a", "b", "d"], None),        # exactly fits
    ([5, 3, 9, 1], 3, ["c", "a", OTHERS], (4, 2)),        # 3 + 1 summed, 2 keys in "others"
    ([1] * 100, 12, None, (89, 89)),
    ([], 5, [], None),                                     # empty stays empty
])
def test_top_with_others(values, limit, keys, others):
    counts = pd.DataFrame({"key": [chr(97 + i % 26) + str(i // 26) * (i >= 26) for i in range(len(values))],
                           "statements": values})
    result = top_with_others(counts, "key", limit)
    assert len(result) == min(limit, len(values))
    assert result["statements"].sum() == sum(values), "nothing is lost: the rest is summed"
    if keys is not None:
        assert result["key"].tolist() == keys
    if others:
        assert result.iloc[-1]["key"] == OTHERS
        assert (int(result.iloc[-1]["statements"]), int(result.iloc[-1]["others"])) == others
    else:
        assert OTHERS not in result["key"].tolist()


def test_bars_label_the_others_in_grey():
    counts = pd.DataFrame({"speaker": [f"S{i}" for i in range(30)], "statements": list(range(30, 0, -1))})
    fig = charts.bar_speakers(top_with_others(counts, "speaker", 10))
    bar = fig.data[0]
    assert len(bar.y) == 10 and bar.y[0] == "21 others", "others last (drawn at the bottom)"
    assert bar.marker.color[0] == charts.OTHERS_COLOR


@pytest.mark.parametrize(("named", "rest", "cut"), [
    ([185, 120, 90], 1767, True),   # 696 others: the named bars would be slivers
    ([185, 120, 90], 370, False),   # exactly twice the longest: drawn to scale
    ([185, 120, 90], 100, False),
    ([185, 120, 90], None, False),  # no "others" row at all
])
def test_an_others_bar_that_dwarfs_the_named_ones_is_cut_with_its_count_written(named, rest, cut):
    counts = pd.DataFrame({"speaker": [f"S{i}" for i in range(len(named))], "statements": named})
    if rest is not None:
        parts = [80] * (rest // 80) + ([rest % 80] if rest % 80 else [])  # each under the named bars
        rest_rows = pd.DataFrame({"speaker": [f"R{i}" for i in range(len(parts))], "statements": parts})
        counts = pd.concat([counts, rest_rows])
    fig = charts.bar_speakers(top_with_others(counts, "speaker", len(named) + 1))
    bar = fig.data[0]
    assert list(bar.x) == ([rest] if rest is not None else []) + named[::-1], "the bars keep their true counts"
    if cut:
        assert fig.layout.xaxis.range[1] < rest and fig.layout.xaxis.range[1] > max(named)
        assert bar.text[0] == f"{rest:,} ▸" and not any(bar.text[1:])
    else:
        assert fig.layout.xaxis.range is None and not any(bar.text)


def _grid(rows: int, columns: int) -> pd.DataFrame:
    cells = [(f"r{i}", f"c{j}", (i + 1) * (j + 1), 0.5 if i % 2 else -0.5)
             for i in range(rows) for j in range(columns)]
    return pd.DataFrame(cells, columns=["speaker", "countries", "statements", "tone"])


def test_limit_grid_keeps_the_largest_and_merges_the_rest():
    limited = limit_grid(_grid(40, 70), "speaker", "countries", max_rows=10, max_columns=20)
    assert limited["speaker"].nunique() == 10 and limited["countries"].nunique() == 20
    assert limited["statements"].sum() == _grid(40, 70)["statements"].sum()
    assert limited.attrs["order"]["speaker"][0] == "r39", "largest first"
    assert limited.attrs["order"]["speaker"][-1] == OTHERS
    assert limited.attrs["others"] == {"speaker": 31, "countries": 51}
    merged = limited[(limited["speaker"] == OTHERS) & (limited["countries"] == OTHERS)]
    assert -0.5 < float(merged["tone"].iloc[0]) < 0.5, "the others' tone is a weighted mean"


def test_limit_grid_leaves_out_the_filtered_value():
    grid = _grid(5, 5)
    limited = limit_grid(grid, "speaker", "countries", leave_out=("c4", "r0"))
    assert "c4" not in set(limited["countries"]) and "r0" not in set(limited["speaker"])
    assert limit_grid(grid, "speaker", "countries", leave_out=tuple(grid["countries"])).empty


def test_heatmap_at_corpus_size_is_bounded_and_sized_to_its_rows():
    fig = charts.heatmap(_grid(1000, 80), "speaker", "countries", "tone", "t", "Speaker", "Country", tone=True)
    trace = fig.data[0]
    assert len(trace.y) == charts.MAX_HEATMAP_ROWS and trace.y[-1] == "981 others"
    assert len(trace.x) == charts.MAX_HEATMAP_COLUMNS and trace.x[-1] == "56 others"
    assert "Statements behind it" in trace.hovertemplate and len(trace.customdata) == len(trace.y)
    assert fig.layout.height >= 24 * len(trace.y)
    small = charts.heatmap(_grid(3, 3), "speaker", "countries", "statements", "t", "S", "C")
    assert small.layout.height < fig.layout.height and "others" not in " ".join(small.data[0].y)


@pytest.mark.parametrize(("undated", "total", "note"), [
    (0, 10, ""),
    (1, 10, "1 of 10 statements has no date and is not shown"),
    (3937, 4940, "3,937 of 4,940 statements have no date and are not shown"),
])
def test_time_charts_say_how_many_are_undated(undated, total, note):
    assert charts.undated_note(undated, total) == note
    counts = pd.DataFrame({"period": pd.to_datetime(["2014-01-01", "2014-02-01"]), "statements": [4, 6]})
    fig = charts.timeline(counts, undated=undated, total=total)
    assert (fig.layout.title.subtitle.text or "") == note


@pytest.mark.parametrize(("table", "expected_zmax", "expected_z"), [
    # 30 keys beyond the top: the "others" cell holds 30 x 5 = 150, the named cells at most 9
    (pd.DataFrame({"speaker": ["a", "b"] + [f"x{i}" for i in range(30)], "countries": ["FRA"] * 32,
                   "statements": [9, 7] + [5] * 30}), 9, [[9], [7], [150]]),
    # no "others": the scale is the data's own
    (pd.DataFrame({"speaker": ["a", "b"], "countries": ["FRA", "DEU"], "statements": [4, 2]}), 4, None),
])
def test_a_count_heatmaps_colour_scale_follows_its_named_cells(table, expected_zmax, expected_z):
    fig = charts.heatmap(table, "speaker", "countries", "statements", "t", "S", "C", max_rows=3)
    trace = fig.data[0]
    assert trace.zmin == 0 and trace.zmax == expected_zmax
    assert trace.colorbar.tickformat == ",d" and trace.colorbar.dtick >= 1, "whole statements on the colour bar"
    if expected_z is not None:
        assert [list(row) for row in trace.z] == expected_z, "the others cell keeps its true count"
        assert trace.y[-1] == "30 others"


def test_a_tone_heatmap_keeps_the_fixed_scale():
    table = pd.DataFrame({"speaker": ["a", "b"], "countries": ["FRA", "FRA"], "statements": [3, 1],
                          "tone": [0.5, -0.25]})
    trace = charts.heatmap(table, "speaker", "countries", "tone", "t", "S", "C", tone=True).data[0]
    assert (trace.zmin, trace.zmax) == (-1, 1)
    assert [round(row[0], 2) for row in trace.z] == [0.5, -0.25]


def _shuffled_grid() -> pd.DataFrame:
    """A grid with ties, NaN tones and rows in no order: chunk borders fall anywhere."""
    grid = _grid(23, 31).sample(frac=1.0, random_state=7).reset_index(drop=True)
    grid.loc[grid.index % 5 == 0, "statements"] = 3  # ties: broken by the order first seen
    grid.loc[grid.index % 7 == 0, "tone"] = float("nan")
    return grid


@pytest.mark.parametrize("chunk", [1, 2, 7, 100, 712, 713, 10_000])
@pytest.mark.parametrize("leave_out, tone", [((), True), (("c3", "r5"), True), ((), False), (("r0",), False)])
def test_limit_grid_reads_the_table_in_chunks_with_the_same_answer(monkeypatch, chunk, leave_out, tone):
    grid = _shuffled_grid() if tone else _shuffled_grid().drop(columns="tone")
    whole = limit_grid(grid, "speaker", "countries", max_rows=6, max_columns=9, leave_out=leave_out)
    monkeypatch.setattr(grids, "GRID_CHUNK_ROWS", chunk)
    chunked = limit_grid(grid, "speaker", "countries", max_rows=6, max_columns=9, leave_out=leave_out)
    assert chunked.equals(whole) and chunked.attrs == whole.attrs
    assert int(chunked["statements"].sum()) == int(grid[~grid["speaker"].isin(leave_out)
                                                         & ~grid["countries"].isin(leave_out)]["statements"].sum())


def test_limit_grid_of_a_large_table_holds_no_list_of_every_row(monkeypatch):
    seen = []
    original = grids._chunks

    def spy(table, row, column, chunk):
        for part in original(table, row, column, chunk):
            seen.append(len(part[0]))
            yield part

    monkeypatch.setattr(grids, "_chunks", spy)
    monkeypatch.setattr(grids, "GRID_CHUNK_ROWS", 100)
    limit_grid(_grid(40, 70), "speaker", "countries")
    assert max(seen) == 100 and sum(seen) == 2 * 40 * 70  # two passes, never more than a chunk at once


@pytest.mark.parametrize("rows", [1, 2, 5])
def test_a_grid_of_few_rows_under_long_names_keeps_room_for_its_cells(rows):
    """One speaker's row under 13 rotated topic names left its colour bar about 60 px (session 16)."""
    grid = _grid(rows, 13).assign(countries=lambda g: "Government, parties & parliament " + g["countries"])
    fig = charts.heatmap(grid, "speaker", "countries", "statements", "t", "S", "C")
    longest = max(len(charts.short_label(str(v))) for v in fig.data[0].x)
    assert fig.layout.height >= charts.MIN_GRID_PIXELS + 110 + int(longest * 5.5)


@pytest.mark.parametrize(("columns", "slanted"), [
    (["UKR", "GBR", "RUS"], False),                                        # short codes: level
    (["Ukraine", "United States", "Switzerland"], False),                  # 3 x 13 characters fit
    (["Ukraine", "Switzerland", "United States", "South Korea", "Malaysia", "Ireland", "Belarus"], True),
    ([f"c{i}" for i in range(9)], True),                                   # more than 8 columns
    ([], False),
])
def test_grid_column_names_are_slanted_when_they_would_run_together(columns, slanted):
    assert charts.slanted_columns(columns) is slanted
    table = pd.DataFrame({"a": ["x"] * len(columns), "b": columns, "statements": list(range(1, len(columns) + 1))})
    if columns:
        fig = charts.heatmap(table, "a", "b", "statements", "t", "A", "B", max_columns=20)
        assert (fig.layout.xaxis.tickangle == -45) is slanted


# (the mean tone of a, b and c towards France, None for no statements; which of them are drawn grey)
NO_TONE_CASES = [
    ([0.0, -0.5, None], [False, False, True]),  # a neutral mean tone is a tone, not a gap
    ([0.0, 0.0, 0.0], [False, False, False]),  # every cell has statements: nothing grey, no note
    ([None, 0.3, None], [True, False, True]),
]


@pytest.mark.parametrize(("tones", "grey"), NO_TONE_CASES)
def test_a_tone_grid_draws_cells_without_statements_apart_from_neutral_ones(tones, grey):
    """A neutral cell (tone 0) was as near-white as a cell with no statements (session 18, qa4)."""
    cells = [(s, "FRA", t) for s, t in zip("abc", tones, strict=True) if t is not None]
    cells += [(s, "DEU", 0.2) for s in "abc"]  # every speaker has a row
    table = pd.DataFrame(cells, columns=["speaker", "countries", "tone"]).assign(statements=2)
    fig = charts.heatmap(table, "speaker", "countries", "tone", "t", "S", "C", tone=True, subtitle="Measure: m")
    tone_cells, gaps = fig.data
    column, rows = list(tone_cells.x).index("FRA"), list(tone_cells.y)
    drawn_grey = [not math.isnan(gaps.z[rows.index(s)][column]) for s in "abc"]
    assert drawn_grey == grey
    assert [gaps.text[rows.index(s)][column] for s in "abc"] == ["no statements" if g else "" for g in grey]
    assert tone_cells.hoverongaps is False and gaps.hoverongaps is False, "each layer hovers on its own cells only"
    assert fig.layout.title.subtitle.text == ("Measure: m · grey: no statements" if any(grey) else "Measure: m")


def test_a_count_grid_has_no_grey_layer():
    table = pd.DataFrame({"speaker": ["a", "b"], "countries": ["FRA", "DEU"], "statements": [4, 2]})
    fig = charts.heatmap(table, "speaker", "countries", "statements", "t", "S", "C")
    assert len(fig.data) == 1 and not fig.layout.title.subtitle.text


@pytest.mark.parametrize(("counts", "dtick"), [([3, 1], 1), ([10], 1), ([350, 2], None), ([], 1)])
def test_the_maps_colour_bar_counts_whole_statements(counts, dtick):
    table = pd.DataFrame({"iso3": ["RUS", "UKR"][:len(counts)], "statements": counts})
    bar = charts.world_map(table).data[0].colorbar
    assert bar.tickformat == ",d" and bar.dtick == dtick
