"""Selections read from the warehouse's clustered copies (``by_country``, ``by_topic``,
``by_speaker``; ``Engine._source``) answer as analysis/query.py does: unions of two and three
values of one dimension, intersections of dimensions, repeated and unknown values, with and
without repeats counted, with and without a kept selection, and the same answers when the
warehouse has no clustered copies (format 3).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import query
from analysis.engine import Engine
from analysis.engine import kept as kept_module  # KEPT_* are read there
from analysis.query import Filters
from tests.analysis.engine.test_answers import CROSSES, SETTINGS, _same_cells, app_corpus


@pytest.fixture(scope="module")
def setup(shared_corpus_store) -> tuple:
    """(app corpus, engine, engine without a kept selection, engine without clustered copies, filters)."""
    corpus = app_corpus(shared_corpus_store)
    options = query.option_values(corpus)
    c, t, s = options["country"], options["topic"], options["speaker"]
    chosen = [
        Filters(countries=(c[0], c[1])),
        Filters(countries=(c[1], c[0], c[2])),
        Filters(countries=(c[0], c[3]), versions_once=False),
        Filters(topics=(t[0], t[1])),
        Filters(topics=(t[2], t[0], t[1]), versions_once=False),
        Filters(speakers=(s[0], s[1])),
        Filters(speakers=(s[0], s[1], s[2])),
        Filters(countries=(c[0],)),  # one value (the store is too small for a slice)
        Filters(speakers=(s[3],)),
        Filters(countries=(c[0], c[1]), topics=(t[0],)),
        Filters(countries=(c[2],), topics=(t[0], t[1]), versions_once=False),
        Filters(countries=(c[0],), speakers=(s[0], s[1])),
        Filters(topics=(t[0],), speakers=(s[0],)),
        Filters(countries=(c[0], c[1], c[2]), topics=(t[0], t[1]), speakers=(s[0], s[1], s[2], s[3])),
        Filters(countries=(c[0], c[0])),  # a value twice
        Filters(countries=(c[0], "XXX")),  # one unknown value
        # Ones that match nothing.
        Filters(countries=("XXX", "YYY")),
        Filters(topics=(t[0],), speakers=("Nobody At All",)),
        Filters(countries=(c[-1],), topics=(t[-1],), speakers=(s[-1],)),
    ]
    engine = Engine(shared_corpus_store, SETTINGS.memory_mb, SETTINGS.threads)
    unkept = Engine(shared_corpus_store, SETTINGS.memory_mb, SETTINGS.threads)
    unkept._kept = lambda where, params, source=None: None  # noqa: SLF001 (every call reads the copies)
    plain = Engine(shared_corpus_store, SETTINGS.memory_mb, SETTINGS.threads)
    plain._clustered = False  # noqa: SLF001 (a warehouse of format 3)
    return corpus, engine, unkept, plain, chosen


def _answers(corpus, engine: Engine, filters: Filters) -> None:
    """Assert every answer of a filter change equals analysis/query.py's."""
    quotes = query.filter_quotes(corpus, filters)
    assert engine.count(filters) == len(quotes), filters
    assert engine.filter_quotes(filters, columns=("text",)).index.tolist() == quotes.index.tolist()
    page = engine.filter_quotes(filters, columns=("quote_id", "speaker"), limit=7, offset=2)
    assert page.index.tolist() == quotes.index.tolist()[2:9]
    assert page["quote_id"].tolist() == quotes["quote_id"].tolist()[2:9]
    assert engine.speaker_counts(filters, limit=25).values.tolist() == \
        query.speaker_counts(quotes, limit=25).values.tolist()
    assert engine.country_counts(filters).values.tolist() == query.country_counts(quotes).values.tolist()
    assert engine.topic_counts(filters).values.tolist() == query.topic_counts(quotes).values.tolist()
    assert engine.country_pairs(filters).values.tolist() == query.country_pairs(quotes).values.tolist()
    assert [(pd.Timestamp(p), int(n)) for p, n in engine.statements_over_time(filters).values.tolist()] == \
        [(pd.Timestamp(p), int(n)) for p, n in query.statements_over_time(quotes).values.tolist()]
    assert engine.undated_statements(filters) == query.undated_statements(quotes)
    for row, column in CROSSES:
        _same_cells(query.cross_counts(quotes, row, column, corpus), engine.cross_counts(filters, row, column),
                    [row, column])
    assert engine.statement_keywords(filters, top_n=12) == query.statement_keywords(corpus, quotes, top_n=12)
    assert engine.phrase_counts(filters) == query.phrase_counts(corpus, quotes)
    days = pd.to_datetime(quotes["date"], errors="coerce").dropna()
    expected_range = None if days.empty else (days.min().date(), days.max().date())
    assert engine.date_range(filters) == expected_range


def test_the_filters_read_the_clustered_copies(setup):
    _corpus, engine, _unkept, plain, chosen = setup
    assert all(engine._source(f) is not None for f in chosen)  # noqa: SLF001
    assert not any(plain._source(f) for f in chosen)  # noqa: SLF001


@pytest.mark.parametrize("filters", [
    Filters(), Filters(countries=("UKR",), country_scope="about"), Filters(countries=("UKR",), search="missile"),
    Filters(min_confidence=0.5), Filters(articles=("a",)),
], ids=["none", "about", "search", "confidence alone", "articles alone"])
def test_other_filters_do_not(setup, filters):  # a floor or articles with values do: test_engine_narrowed.py
    _corpus, engine, *_rest = setup
    assert engine._source(filters) is None  # noqa: SLF001


@pytest.mark.parametrize("number", range(19))
def test_answers_are_those_of_query(setup, number):
    corpus, engine, unkept, plain, chosen = setup
    filters = chosen[number]
    for answering in (engine, unkept, plain):
        _answers(corpus, answering, filters)


def test_a_statement_of_several_chosen_values_is_read_once(setup):
    corpus, engine, *_rest = setup
    options = query.option_values(corpus)
    both = [f for f in (Filters(countries=(a, b)) for a in options["country"][:6] for b in options["country"][:6]
                        if a < b) if engine.count(f) < engine.count(Filters(countries=(f.countries[0],)))
            + engine.count(Filters(countries=(f.countries[1],)))]
    assert both  # some statements name two of the chosen countries
    sql, params = engine._source(both[0])  # noqa: SLF001
    positions = [p for (p,) in engine._sql(f"SELECT pos FROM ({sql})", params)]  # noqa: SLF001
    assert len(positions) == len(set(positions)) == len(query.filter_quotes(corpus, both[0]))


def test_a_selection_surely_too_large_is_not_read_to_be_kept(shared_corpus_store, monkeypatch):
    monkeypatch.setattr(kept_module, "KEPT_ROWS", 10)
    engine = Engine(shared_corpus_store, SETTINGS.memory_mb, SETTINGS.threads)
    counts = engine.country_counts(Filters())
    large, small = counts["iso3"].iloc[0], counts[counts["statements"] <= 10]["iso3"].iloc[0]
    kept: list = []
    keep = engine._keep  # noqa: SLF001
    engine._keep = lambda *args: kept.append(args) or keep(*args)  # noqa: SLF001
    assert engine._surely_large(Filters(countries=(small, large)))  # noqa: SLF001
    assert engine.count(Filters(countries=(small, large))) > 10 and kept == []
    assert not engine._surely_large(Filters(countries=(large,), topics=("war",)))  # noqa: SLF001
    assert not engine._surely_large(Filters(countries=(small,)))  # noqa: SLF001
    engine.count(Filters(countries=(small,)))
    assert len(kept) == 1
