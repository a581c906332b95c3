"""Kept selections (analysis/engine/, Engine._kept): the first call of a filter change keeps its
selection (an Arrow table every cursor registers), the next calls read it; answers are unchanged.
"""

from __future__ import annotations

import threading

import pytest

from analysis.engine import Engine
from analysis.engine import kept as kept_module  # KEPT_* are read there
from analysis.query import Filters

FILTERS = [
    Filters(countries=("RUS",)),
    Filters(countries=("UKR", "USA")),
    Filters(countries=("UKR",), country_scope="about"),
    Filters(topics=("elections",)),
    Filters(speakers=("Tony Blair",)),
    Filters(countries=("RUS", "USA"), topics=("war",), versions_once=False),
    Filters(search="minister"),
    Filters(min_confidence=0.6),
    # Ones that match nothing.
    Filters(countries=("XXX",)),
    Filters(countries=("RUS",), speakers=("Nobody At All",)),
]
IDS = [f"f{number}" for number in range(len(FILTERS))]


def answers(engine: Engine, filters: Filters) -> list:
    """Every answer a page asks the engine for, as plain values (mean tones to 9 places: a sum's
    last bits depend on the order it adds in).
    """
    frames = [engine.filter_quotes(filters, limit=7, offset=2), engine.filter_quotes(filters, columns=("text",)),
              engine.speaker_counts(filters), engine.country_counts(filters), engine.topic_counts(filters),
              engine.country_pairs(filters), engine.statements_over_time(filters), engine.tone_bins(filters),
              engine.country_evidence(filters).sort_values(["key", "evidence", "via"], ignore_index=True),
              *(engine.cross_counts(filters, r, c) for r, c in (("speaker", "countries"), ("topics", "countries"),
                                                               ("speaker", "topics")))]
    return [engine.count(filters), engine.summary(filters), engine.statement_keywords(filters, top_n=8),
            engine.phrase_counts(filters)] + [_rounded(f).astype(str).values.tolist() for f in frames] + [
            [list(map(str, f.index)) for f in frames[:2]]]


def _rounded(frame):
    """The frame with its float columns rounded to 9 places."""
    return frame.apply(lambda column: column.round(9) if column.dtype.kind == "f" else column)


def kept_tables(engine: Engine) -> list[str]:
    """The names of the engine's kept selections."""
    return list(engine._kept_tables)


@pytest.fixture(scope="module")
def plain(shared_corpus_store) -> dict:
    """The answers of an engine that keeps no selection."""
    engine = Engine(shared_corpus_store, 128, 2)
    engine._kept = lambda where, params, source=None: None
    return {filters: answers(engine, filters) for filters in FILTERS}


@pytest.mark.parametrize("filters", FILTERS, ids=IDS)
def test_answers_from_a_kept_selection_are_the_plain_ones(shared_corpus_store, plain, filters):
    engine = Engine(shared_corpus_store, 128, 2)
    first = answers(engine, filters)  # the first call keeps the selection
    assert len(kept_tables(engine)) == 1
    assert first == plain[filters]
    assert answers(engine, filters) == plain[filters]  # read from the kept table
    assert len(kept_tables(engine)) == 1


def test_only_the_last_selections_are_kept(shared_corpus_store):
    engine = Engine(shared_corpus_store, 128, 2)
    for filters in FILTERS:
        engine.count(filters)
    assert len(kept_tables(engine)) == kept_module.KEPT_SELECTIONS


def test_a_large_selection_is_not_kept_and_answers_the_same(shared_corpus_store, plain, monkeypatch):
    monkeypatch.setattr(kept_module, "KEPT_ROWS", 3)
    engine = Engine(shared_corpus_store, 128, 2)
    filters = Filters(countries=("RUS",))
    assert engine.count(filters) > 3
    assert kept_tables(engine) == []
    assert answers(engine, filters) == plain[filters]


def test_no_filter_keeps_nothing(shared_corpus_store):
    engine = Engine(shared_corpus_store, 128, 2)
    engine.count(Filters(versions_once=False))
    engine.summary(Filters())
    assert kept_tables(engine) == []


def test_threads_keeping_selections_at_once_get_right_answers(shared_corpus_store, plain):
    engine = Engine(shared_corpus_store, 128, 2)
    failures = []

    def work(start: int) -> None:
        for number in range(len(FILTERS)):
            filters = FILTERS[(start + number) % len(FILTERS)]
            if answers(engine, filters) != plain[filters]:
                failures.append(filters)

    threads = [threading.Thread(target=work, args=(n * 3,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_a_selection_read_in_small_chunks_is_kept_whole(shared_corpus_store, plain, monkeypatch):
    monkeypatch.setattr(kept_module, "KEPT_CHUNK", 2)
    engine = Engine(shared_corpus_store, 128, 2)
    filters = Filters(countries=("RUS",))
    assert answers(engine, filters) == plain[filters]
    (name,) = kept_tables(engine)
    assert engine._kept_tables[name].num_rows == plain[filters][0] > 2
