"""One-value filters answered from the warehouse's pre-aggregated slices (``s_*`` tables) equal
analysis/query.py's answers, and filters a slice cannot answer take the general path.

The 300-article store is too small for the default slice threshold, so its warehouse is rebuilt
with every value sliced (``slice_min=1``, fixture ``sliced`` in conftest.py) and with a threshold
that leaves rare values out.
"""

from __future__ import annotations

import dataclasses
import shutil

import pandas as pd
import pytest

from analysis import query
from analysis.engine import open_engine
from analysis.query import Filters
from analysis.store import slice_tables, warehouse
from analysis.store.warehouse import SLICE_MIN_SHARE, SLICE_MIN_STATEMENTS, slice_threshold, write_warehouse
from tests.analysis.engine.test_answers import CROSSES, SETTINGS, _same_cells


def _same_charts_as_query(engine, corpus, filters: Filters) -> pd.DataFrame:
    """Assert the engine's count and every chart's counts for ``filters`` are analysis/query.py's;
    return the selected statements (pandas) for further checks."""
    quotes = query.filter_quotes(corpus, filters)
    assert engine.count(filters) == len(quotes), filters
    assert engine.speaker_counts(filters, limit=25).values.tolist() == \
        query.speaker_counts(quotes, limit=25).values.tolist(), filters
    assert engine.country_counts(filters).values.tolist() == query.country_counts(quotes).values.tolist()
    assert engine.topic_counts(filters).values.tolist() == query.topic_counts(quotes).values.tolist()
    assert engine.country_pairs(filters).values.tolist() == query.country_pairs(quotes).values.tolist()
    assert [(pd.Timestamp(p), int(n)) for p, n in engine.statements_over_time(filters).values.tolist()] == \
        [(pd.Timestamp(p), int(n)) for p, n in query.statements_over_time(quotes).values.tolist()], filters
    assert engine.undated_statements(filters) == query.undated_statements(quotes)
    for row, column in CROSSES:
        _same_cells(query.cross_counts(quotes, row, column, corpus), engine.cross_counts(filters, row, column),
                    [row, column])
    return quotes


def test_every_one_value_filter_reads_its_slice(sliced):
    _corpus, engine, chosen = sliced
    assert all(engine._slice(f) is not None for f in chosen)  # noqa: SLF001 (which path answers)


def test_sliced_counts_and_charts_are_those_of_query(sliced):
    corpus, engine, chosen = sliced
    for filters in chosen:
        _same_charts_as_query(engine, corpus, filters)


@pytest.mark.parametrize("top_n", [12, 20])
def test_sliced_key_phrases_are_those_of_query(sliced, top_n):
    corpus, engine, chosen = sliced
    for filters in chosen:
        quotes = query.filter_quotes(corpus, filters)
        assert engine.statement_keywords(filters, top_n=top_n) == \
            query.statement_keywords(corpus, quotes, top_n=top_n), filters


@pytest.mark.parametrize("filters", [
    Filters(countries=("UKR",), country_scope="about"),
    Filters(countries=("UKR", "RUS")),
    Filters(countries=("UKR",), topics=("war",)),
    Filters(countries=("UKR",), search="missile"),
    Filters(countries=("UKR",), min_confidence=0.5),
    Filters(),
    Filters(countries=("XXX",)),
], ids=["about", "two-values", "two-dimensions", "search", "confidence", "none", "unknown"])
def test_other_filters_take_the_general_path(sliced, filters):
    corpus, engine, _chosen = sliced
    assert engine._slice(filters) is None  # noqa: SLF001
    quotes = query.filter_quotes(corpus, filters)
    assert engine.count(filters) == len(quotes)
    assert engine.country_counts(filters).values.tolist() == query.country_counts(quotes).values.tolist()


def test_rare_values_are_not_sliced(shared_corpus_store, tmp_path):
    store = str(tmp_path / "store")
    shutil.copytree(shared_corpus_store, store)
    write_warehouse(store, versions=False, slice_min=200)
    engine = open_engine(store, SETTINGS)
    counts = engine.country_counts(Filters(versions_once=False))
    common = counts[counts["statements"] >= 200]["iso3"].tolist()
    rare = counts[counts["statements"] < 200]["iso3"].tolist()
    assert common and rare
    assert all(engine._slice(Filters(countries=(c,))) for c in common)  # noqa: SLF001
    assert not any(engine._slice(Filters(countries=(c,))) for c in rare)  # noqa: SLF001


def test_the_threshold_grows_with_the_store():
    assert slice_threshold(1_000) == SLICE_MIN_STATEMENTS
    assert slice_threshold(10_000_000) == int(SLICE_MIN_SHARE * 10_000_000) > SLICE_MIN_STATEMENTS


def _unions(corpus) -> list[Filters]:
    """Unions of two and three values of each dimension (statements of several countries or
    topics among them), with repeats left out and all, and one matching nothing of the values'.
    """
    options = query.option_values(corpus)
    c, t, s = options["country"], options["topic"], options["speaker"]
    chosen = [Filters(countries=(c[0], c[1])), Filters(countries=(c[2], c[0], c[1])),
              Filters(topics=(t[0], t[1])), Filters(topics=(t[1], t[2], t[0])),
              Filters(speakers=(s[0], s[1])), Filters(speakers=(s[2], s[0], s[1])),
              Filters(countries=(c[0], c[0], c[3])), Filters(countries=(c[0], "XXX"))]
    return chosen + [dataclasses.replace(f, versions_once=False) for f in chosen]


def test_unions_of_sliced_values_are_those_of_query(sliced):
    corpus, engine, _chosen = sliced
    unions = _unions(corpus)
    assert all(engine._union(f) for f in unions)  # noqa: SLF001 (answered from the slices)
    overlapping = [f for f in unions if f.countries and engine._sql(  # noqa: SLF001
        f"SELECT count(*) FROM {engine._union(f)[2]}")[0][0]]  # noqa: SLF001
    assert overlapping  # some statements carry two of the chosen values: the overlap is taken away
    for filters in unions:
        quotes = _same_charts_as_query(engine, corpus, filters)
        assert engine.statement_keywords(filters, top_n=12) == query.statement_keywords(corpus, quotes, top_n=12)


def test_small_unions_are_read_as_selections(sliced, monkeypatch):
    """A union whose values hold fewer statements than the engine's threshold is no union, with the
    same answers; one of as many as the threshold or more is one.
    """
    corpus, engine, _chosen = sliced
    unions = _unions(corpus)
    sizes = {f: engine.count(f) for f in unions}
    monkeypatch.setattr(engine, "union_min_statements", 10**9)
    assert all(engine._union(f) is None for f in unions)  # noqa: SLF001
    for filters in unions:
        _same_charts_as_query(engine, corpus, filters)
        assert engine.statement_keywords(filters, top_n=12) == \
            query.statement_keywords(corpus, query.filter_quotes(corpus, filters), top_n=12)
    # At the threshold a union of that many statements (the values' own, before the overlap) is one.
    largest = max(unions, key=lambda f: sizes[f])
    monkeypatch.setattr(engine, "union_min_statements", sizes[largest])
    assert engine._union(largest) is not None  # noqa: SLF001


@pytest.mark.parametrize("filters", [
    Filters(countries=("XXX", "YYY")), Filters(countries=("UKR",), topics=("war",)),
    Filters(countries=("UKR", "RUS"), country_scope="about"), Filters(countries=("UKR", "RUS"), search="missile"),
    Filters(topics=("war",)),
], ids=["unknown-values", "two-dimensions", "about", "search", "one-value"])
def test_other_filters_are_no_union(sliced, filters):
    corpus, engine, _chosen = sliced
    assert engine._union(filters) is None  # noqa: SLF001
    assert engine.count(filters) == len(query.filter_quotes(corpus, filters))


def test_a_union_with_values_without_slice_adds_their_statements(partly_sliced):
    corpus, engine, common, rare = partly_sliced
    topics = engine.topic_counts(Filters(versions_once=False))
    assert len(common) >= 2 and len(rare) >= 2
    unions = [Filters(countries=(common[0], rare[0])), Filters(countries=(rare[1], common[0], rare[0], common[1])),
              Filters(countries=(rare[0], common[1]), versions_once=False),
              Filters(topics=(topics["topic"].iloc[0], topics["topic"].iloc[-1]))]
    for filters in unions:
        assert engine._union(filters) is not None  # noqa: SLF001
        _same_charts_as_query(engine, corpus, filters)
    assert engine._union(Filters(countries=(rare[0], rare[1]))) is None  # noqa: SLF001 (no slice: read)


@pytest.mark.parametrize(("values", "max_rows", "expected"), [
    ([], 10, []),
    ([("countries", "DEU", 3), ("countries", "FRA", 4), ("countries", "GBR", 5)], 10,
     [("countries", "DEU", "FRA", 7), ("countries", "GBR", "GBR", 5)]),
    ([("countries", "DEU", 30), ("countries", "FRA", 4)], 10,
     [("countries", "DEU", "DEU", 30), ("countries", "FRA", "FRA", 4)]),
    ([("countries", "ZAF", 1), ("speakers", "A", 1), ("topics", "x", 1)], 10,
     [("countries", "ZAF", "ZAF", 1), ("speakers", "A", "A", 1), ("topics", "x", "x", 1)]),
    # One group (the clustered copies' values): ranges cut by rows only.
    ([(None, "a", 2), (None, "b", 2), (None, "c", 2)], 4, [(None, "a", "b", 4), (None, "c", "c", 2)]),
    ([(None, "a", 1)], 0, [(None, "a", "a", 1)]),
])
def test_values_are_read_in_ranges_of_one_group(values, max_rows, expected):
    assert warehouse.value_ranges(values, max_rows) == expected


def _whole_and_in_pieces(store: str, tmp_path, monkeypatch, module, setting: str, rows: int) -> tuple[str, str]:
    """Two copies of ``store`` whose warehouses are written whole and with ``setting`` (rows written
    at a time) lowered to ``rows`` in ``module``, the module of the build that reads it.
    """
    whole, pieces = str(tmp_path / "whole"), str(tmp_path / "pieces")
    shutil.copytree(store, whole)
    shutil.copytree(store, pieces)
    write_warehouse(whole, versions=False, slice_min=50)
    monkeypatch.setattr(module, setting, rows)
    write_warehouse(pieces, versions=False, slice_min=50)
    return whole, pieces


def test_crossed_slices_written_in_pieces_equal_those_written_whole(shared_corpus_store, tmp_path, monkeypatch):
    """Ranges of slices, and a large slice a range of positions at a time, give the same rows."""
    import duckdb

    def crossed(store: str) -> list[tuple]:
        with duckdb.connect(warehouse.warehouse_path(store), read_only=True) as con:
            rows = con.execute("SELECT * FROM s_cross ORDER BY ALL").fetchall()
        return [tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows]

    whole, pieces = _whole_and_in_pieces(shared_corpus_store, tmp_path, monkeypatch, slice_tables,
                                         "SLICE_CROSS_ROWS", 120)
    with duckdb.connect(warehouse.warehouse_path(pieces), read_only=True) as con:
        largest = con.execute("SELECT max(statements_all), count(*) FROM s_values").fetchone()
    assert largest[0] > 2 * 120 and largest[1] > 3  # both kinds of piece were written
    expected = crossed(whole)
    assert expected and crossed(pieces) == expected


def test_clustered_copies_written_in_pieces_equal_those_written_whole(shared_corpus_store, tmp_path, monkeypatch):
    """The clustered copies (``by_*``) written a range of values, and a large value a range of
    positions, at a time hold the same rows, in (value, position) order.
    """
    import duckdb

    def copies(store: str) -> dict[str, list[tuple]]:
        with duckdb.connect(warehouse.warehouse_path(store), read_only=True) as con:
            return {table: con.execute(f"SELECT v, pos, speaker, countries, topics FROM {table}").fetchall()
                    for table in warehouse.CLUSTERED}

    whole, pieces = _whole_and_in_pieces(shared_corpus_store, tmp_path, monkeypatch, warehouse,
                                         "QUOTE_CHUNK_ROWS", 100)
    expected, got = copies(whole), copies(pieces)
    for table, rows in expected.items():
        values = [v for v, *_rest in rows]
        assert max(values.count(v) for v in set(values)) > 100  # a value read by ranges of positions
        assert len(set(values)) > 10  # and ranges of several values
        assert got[table] == rows and rows == sorted(rows, key=lambda r: (r[0], r[1]))
