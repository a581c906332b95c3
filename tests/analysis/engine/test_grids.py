"""The heatmaps' grids cut in SQL (:meth:`analysis.engine.Engine.cross_grid`) are what the pages drew
before: :func:`ui.charts.limit_grid` of the engine's whole crossing (``cross_counts`` or
``tone_by_target``), with the values a page took out of it first, on the 300-article store.

Same cells (keys, statements, tone), same order, same "others" counts and axis orders, same
number of cells to draw; small limits make ties, "others" rows and columns and left-out keys
matter. Every kind of crossing is read: the unfiltered store's pre-aggregated table, a sliced
value's, a union of sliced values, any other selection, and the target tones.
"""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest

from analysis import query
from analysis.engine import open_engine
from analysis.grid import OTHERS
from analysis.query import Filters
from analysis.store import load_corpus, write_frames
from analysis.store.warehouse import write_warehouse
from tests.analysis.engine.test_answers import CROSSES, FILTERS, IDS, SETTINGS
from ui.charts import limit_grid

#: (max_rows, max_columns): the pages' sizes, and small ones where ties and "others" decide.
LIMITS = ((20, 25), (12, 25), (3, 2), (1, 1), (2, 60))


def _expected(engine, filters, row, column, tone, limits, leave_out, drop_rows, drop_columns):
    """(limit_grid of the whole crossing less the drops, its cells): what the pages drew before."""
    table = (engine.tone_by_target if tone else engine.cross_counts)(filters, row, column)
    table = table[~table[row].isin(drop_rows) & ~table[column].isin(drop_columns)]
    return limit_grid(table, row, column, max_rows=limits[0], max_columns=limits[1], leave_out=leave_out), len(table)


def _tones(values) -> list:
    return [None if value is None or math.isnan(value) else value for value in values]


def _same_grid(engine, filters, row, column, tone=False, limits=(20, 25), leave_out=(), drop_rows=(),
               drop_columns=()) -> pd.DataFrame:
    """Assert the engine's grid is the pages' former one; return it."""
    expected, cells = _expected(engine, filters, row, column, tone, limits, leave_out, drop_rows, drop_columns)
    got = engine.cross_grid(filters, row, column, tone=tone, max_rows=limits[0], max_columns=limits[1],
                            leave_out=leave_out, drop_rows=drop_rows, drop_columns=drop_columns)
    case = (filters, row, column, tone, limits, leave_out)
    assert got.attrs["cells"] == cells, case
    assert got.empty == expected.empty, case
    if expected.empty:
        return got
    keys = [row, column, "statements"]
    assert got[keys].values.tolist() == query.plain_strings(expected)[keys].values.tolist(), case
    assert _tones(got["tone"]) == pytest.approx(_tones(expected["tone"]), abs=1e-9, nan_ok=True), case
    assert got.attrs["others"] == expected.attrs["others"], case
    assert got.attrs["order"] == {axis: [str(key) for key in keys] for axis, keys in expected.attrs["order"].items()}
    return got


@pytest.fixture(scope="module")
def engine(shared_corpus_store):
    return open_engine(shared_corpus_store, SETTINGS)


@pytest.mark.parametrize("filters", FILTERS, ids=IDS)
def test_grids_are_the_pages_former_grids(engine, filters):
    drawn = 0
    for row, column in CROSSES:
        whole = engine.cross_counts(filters, row, column)
        # The pages' leave-outs, and the largest keys of each axis (so a leave-out changes the ranks).
        top = tuple(whole[row].head(1)) + tuple(whole[column].head(2))
        for leave_out in (("(unknown)", *filters.countries, *filters.topics), top, ()):
            for limits in LIMITS:
                for tone in (False, True):
                    got = _same_grid(engine, filters, row, column, tone, limits, leave_out)
                    drawn += len(got)
        _same_grid(engine, filters, row, column, leave_out=("(unknown)",), drop_rows=("(unknown)",),
                   drop_columns=filters.countries)
        _same_grid(engine, filters, row, column, limits=(3, 2), drop_columns=top)
    assert drawn > 0 or engine.count(filters) == 0


def test_a_small_grid_merges_the_rest_into_others(engine):
    got = _same_grid(engine, Filters(), "speaker", "countries", limits=(3, 2), leave_out=("(unknown)",))
    assert got.attrs["order"]["speaker"][-1] == OTHERS and len(got.attrs["order"]["speaker"]) == 3
    assert got.attrs["others"]["speaker"] > 0 and got.attrs["others"]["countries"] > 0
    whole = engine.cross_counts(Filters(), "speaker", "countries")
    assert got["statements"].sum() == whole.loc[whole["speaker"] != "(unknown)", "statements"].sum()


def test_everything_left_out_or_dropped_is_nothing_to_draw(engine):
    everything = engine.cross_counts(Filters(countries=("RUS",)), "speaker", "countries")
    left = _same_grid(engine, Filters(countries=("RUS",)), "speaker", "countries",
                      leave_out=tuple(everything["speaker"].unique()))
    assert left.empty and left.attrs["cells"] == len(everything) > 0
    dropped = _same_grid(engine, Filters(), "topics", "countries",
                         drop_columns=tuple(engine.country_counts(Filters())["iso3"]))
    assert dropped.empty and dropped.attrs["cells"] == 0
    nothing = _same_grid(engine, Filters(countries=("XXX",)), "speaker", "topics")
    assert nothing.empty and nothing.attrs["cells"] == 0


def test_grids_of_slices_and_unions_are_the_pages_former_grids(sliced):
    _corpus, sliced_engine, chosen = sliced
    options = sliced_engine.option_values()
    unions = [Filters(countries=tuple(options["country"][:2])), Filters(topics=tuple(options["topic"][1:3])),
              Filters(speakers=tuple(options["speaker"][:3])),
              Filters(countries=tuple(options["country"][2:5]), versions_once=False)]
    for filters in [*chosen, *unions]:
        for row, column in CROSSES:
            for limits in ((20, 25), (3, 2)):
                _same_grid(sliced_engine, filters, row, column, False, limits,
                           ("(unknown)", *filters.countries, *filters.topics))
                _same_grid(sliced_engine, filters, row, column, True, limits, ())


def test_grids_of_target_tones_are_the_pages_former_grids(shared_corpus_store, tmp_path):
    corpus = load_corpus(shared_corpus_store)
    quotes = corpus.quotes.copy()
    rng = random.Random(5)
    polarities = ("negative", "neutral", "positive", "unknown")
    quotes["target_tones"] = [tuple(("country", code, rng.choice(polarities)) for code in codes)
                              for codes in quotes["countries"]]
    store = str(tmp_path / "tones")
    write_frames(store, {"articles": corpus.articles, "quotes": quotes, "mentions": corpus.mentions,
                         "keywords": corpus.keywords, "topic_hits": corpus.topic_hits})
    write_warehouse(store)
    tones = open_engine(store, SETTINGS)
    for filters in (Filters(), Filters(countries=("RUS",)), Filters(countries=("XXX",))):
        assert tones.tone_measure(filters, "speaker", "countries") == query.TARGET_MEASURE or \
            tones.count(filters) == 0
        for limits in LIMITS:
            _same_grid(tones, filters, "speaker", "countries", True, limits, ("(unknown)", *filters.countries))
