"""analysis/grid.py's SQL grid is ui.charts.limit_grid's, on random crossed tables full of ties.

Random small tables (keys from a few letters, counts 1-4, tones missing, NaN or any), random
limits and left-out keys, both ways of reading the crossed table (held or read again): same
cells, statements, tones, "others" counts and axis orders.
"""

from __future__ import annotations

import random

import duckdb
import pandas as pd
import pytest

from analysis.grid import OTHERS, grid_frame, grid_sql
from ui.charts import limit_grid


def _table(rng: random.Random) -> pd.DataFrame:
    """A crossed table as the engine orders it: most statements first, ties by row then column; a
    tone missing (None), NaN (``nan`` True: DuckDB reads a pandas NaN as missing) or a number.
    """
    cells = {(rng.choice("abcdefg"), rng.choice("uvwxyz")): (rng.randint(1, 4), rng.choice(
        [None, "nan", round(rng.uniform(-1, 1), 3)])) for _ in range(rng.randint(0, 30))}
    rows = sorted(((r, c, n, None if tone == "nan" else tone, tone == "nan") for (r, c), (n, tone) in cells.items()),
                  key=lambda x: (-x[2], x[0], x[1]))
    return pd.DataFrame(rows, columns=["speaker", "topics", "statements", "tone", "nan"]).astype({"tone": "float64"})


def _grid(table: pd.DataFrame, **limits) -> pd.DataFrame:
    with duckdb.connect() as con:
        con.register("crossed", table.rename(columns={"speaker": "r", "topics": "c", "statements": "n"}))
        sql, params = grid_sql("SELECT r, c, n, CASE WHEN nan THEN 'nan'::DOUBLE ELSE tone END AS tone FROM crossed",
                               [], **limits)
        return grid_frame(con.execute(sql, params).df(), "speaker", "topics")


@pytest.mark.parametrize("seed", range(40))
def test_the_sql_grid_is_limit_grid(seed):
    rng = random.Random(seed)
    for trial in range(10):
        table = _table(rng)
        limits = dict(max_rows=rng.randint(1, 5), max_columns=rng.randint(1, 5),
                      leave_out=tuple(rng.sample("abcdefguvwxyz", rng.randint(0, 3))))
        got = _grid(table, computed=bool(trial % 2), **limits)
        expected = limit_grid(table.drop(columns="nan"), "speaker", "topics", **limits)
        assert got.attrs["cells"] == len(table)
        assert got.empty == expected.empty
        if expected.empty:
            continue
        keys = ["speaker", "topics", "statements"]
        assert got[keys].values.tolist() == expected[keys].values.tolist(), (seed, trial)
        assert got["tone"].tolist() == pytest.approx(expected["tone"].tolist(), abs=1e-12, nan_ok=True)
        assert got.attrs["others"] == expected.attrs["others"]
        assert got.attrs["order"] == expected.attrs["order"]


def test_drops_come_before_the_counts_and_the_cells():
    table = pd.DataFrame({"speaker": ["a", "b", "b", "c"], "topics": ["x", "x", "y", "y"],
                          "statements": [5, 4, 3, 1], "tone": [0.5, -0.5, 0.0, 1.0], "nan": [False] * 4})
    got = _grid(table, max_rows=2, max_columns=5, drop_rows=("a",), drop_columns=("y",))
    assert got.attrs["cells"] == 1
    assert got[["speaker", "topics", "statements"]].values.tolist() == [["b", "x", 4]]
    merged = _grid(table, max_rows=2, max_columns=5)
    assert merged.attrs["order"]["speaker"] == ["b", OTHERS]  # 4 + 3 statements against 5 and 1
    assert merged.loc[merged["speaker"] == OTHERS, "statements"].tolist() == [5, 1]
    nothing = _grid(table, max_rows=2, max_columns=5, drop_columns=("x", "y"))
    assert nothing.empty and nothing.attrs["cells"] == 0
