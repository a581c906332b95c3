"""The out-of-core engine (analysis/engine/) answers as analysis/query.py does on the 300-article store.

The pandas answers are computed on the corpus as the app holds it (country and region mentions,
statement topic hits, categoricals, the repeats of story versions attached), for a table of
filters including ones that match nothing.
"""

from __future__ import annotations

import dataclasses
import random
import threading

import pandas as pd
import pytest

from analysis import query
from analysis.engine import Engine, WarehouseMissing, open_engine
from analysis.engine.phrases import SELECTION_COUNTS
from analysis.keywords.statements import SHORT_TEXT_LENGTH_BONUS
from analysis.query import Filters
from analysis.settings import Settings
from analysis.store import article_texts, load_corpus, write_frames
from analysis.store.warehouse import scored_phrases_sql, write_warehouse
from analysis.versions import attach_versions

SETTINGS = Settings(memory_mb=128, threads=2)
CROSSES = (("speaker", "countries"), ("topics", "countries"), ("speaker", "topics"))

FILTERS = [
    Filters(),
    Filters(versions_once=False),
    Filters(countries=("RUS",)),
    Filters(countries=("UKR", "USA")),
    Filters(countries=("UKR",), country_scope="about"),
    Filters(topics=("elections",)),
    Filters(speakers=("Tony Blair",)),
    Filters(countries=("RUS", "USA"), topics=("war",)),
    Filters(search="missile"),
    Filters(search='"prime minister" -blair'),
    Filters(search="title:ukraine"),
    Filters(search="NEAR("),  # read as a word, never FTS syntax
    Filters(min_confidence=0.6),
    Filters(countries=("GBR",), versions_once=False, min_confidence=0.3),
    # Ones that match nothing.
    Filters(countries=("XXX",)),
    Filters(speakers=("Nobody At All",)),
    Filters(search="zzzzqqqq"),
    Filters(countries=("RUS",), speakers=("Tony Blair",), topics=("elections",)),
]
IDS = [f"f{number}" for number in range(len(FILTERS))]


def app_corpus(store: str):
    """The corpus as the app loads it (ui.data.load_app_corpus and its cached step)."""
    corpus = load_corpus(store, mention_kinds=("country", "region"), texts=False, sentence_topics=False,
                         article_keywords=False, categorical=True)
    attach_versions(corpus, lambda ids: article_texts(store, ids))
    return corpus


@pytest.fixture(scope="module")
def pair(shared_corpus_store) -> tuple:
    """(app corpus, engine) of the shared store; ``build`` wrote its warehouse."""
    return app_corpus(shared_corpus_store), open_engine(shared_corpus_store, SETTINGS)


def _values(column: pd.Series) -> list:
    """A column's values, missing ones as None (pandas and DuckDB spell them differently)."""
    return [None if pd.isna(value) else value for value in column.astype(object)]


def _same_cells(expected: pd.DataFrame, got: pd.DataFrame, keys: list[str]) -> None:
    """Equal long tables of counts and mean tones, ties in any order."""
    assert len(expected) == len(got)
    assert got["statements"].is_monotonic_decreasing
    if expected.empty:
        return
    expected = query.plain_strings(expected).sort_values(keys, ignore_index=True)
    got = got.sort_values(keys, ignore_index=True)
    assert expected[keys].astype(str).values.tolist() == got[keys].astype(str).values.tolist()
    assert expected["statements"].astype(int).tolist() == got["statements"].astype(int).tolist()
    assert (expected["tone"].astype(float) - got["tone"].astype(float)).abs().max() < 1e-9


@pytest.mark.parametrize("filters", FILTERS, ids=IDS)
def test_statements_are_those_of_filter_quotes(pair, filters):
    corpus, engine = pair
    expected = query.plain_strings(query.filter_quotes(corpus, filters))
    got = engine.filter_quotes(filters)
    assert got.index.tolist() == expected.index.tolist()
    assert engine.count(filters) == len(expected)
    for column in ("quote_id", "article_id", "text", "speaker", "title", "date", "outlet", "kind"):
        assert _values(got[column]) == _values(expected[column])
    assert got["tone"].tolist() == expected["tone"].tolist()
    assert got["countries"].tolist() == [tuple(v) for v in expected["countries"]]
    assert got["topics"].tolist() == [tuple(v) for v in expected["topics"]]


@pytest.mark.parametrize("filters", FILTERS, ids=IDS)
def test_counts_and_charts_are_those_of_query(pair, filters):
    corpus, engine = pair
    quotes = query.filter_quotes(corpus, filters)
    assert engine.speaker_counts(filters, limit=25).values.tolist() == \
        query.speaker_counts(quotes, limit=25).values.tolist()
    assert engine.country_counts(filters).values.tolist() == query.country_counts(quotes).values.tolist()
    assert engine.topic_counts(filters).values.tolist() == query.topic_counts(quotes).values.tolist()
    assert engine.country_pairs(filters).values.tolist() == query.country_pairs(quotes).values.tolist()
    expected_time = query.statements_over_time(quotes)
    got_time = engine.statements_over_time(filters)
    assert [(pd.Timestamp(p), int(n)) for p, n in got_time.values.tolist()] == \
        [(pd.Timestamp(p), int(n)) for p, n in expected_time.values.tolist()]
    assert engine.undated_statements(filters) == query.undated_statements(quotes)
    for row, column in CROSSES:
        _same_cells(query.cross_counts(quotes, row, column, corpus), engine.cross_counts(filters, row, column),
                    [row, column])
        _same_cells(query.tone_by_target(quotes, row, column, corpus), engine.tone_by_target(filters, row, column),
                    [row, column])
        assert engine.tone_measure(filters, row, column) == query.tone_measure(quotes, row, column)


@pytest.mark.parametrize("filters", FILTERS, ids=IDS)
def test_key_phrases_are_those_of_query(pair, filters):
    corpus, engine = pair
    quotes = query.filter_quotes(corpus, filters)
    assert engine.statement_keywords(filters, top_n=12) == query.statement_keywords(corpus, quotes, top_n=12)
    assert engine.phrase_counts(filters) == query.phrase_counts(corpus, quotes)


@pytest.mark.parametrize("filters", [Filters(), Filters(countries=("GBR",))], ids=["all", "GBR"])
def test_long_key_phrase_lists_are_those_of_query(pair, filters):
    corpus, engine = pair  # more than the engine's first candidates: its second, full pass
    quotes = query.filter_quotes(corpus, filters)
    assert engine.statement_keywords(filters, top_n=500) == query.statement_keywords(corpus, quotes, top_n=500)


@pytest.mark.parametrize("top", [1, 12, 300, 10**6])
@pytest.mark.parametrize("filters", [Filters(), Filters(countries=("GBR",)), Filters(min_confidence=0.5),
                                     Filters(countries=("XXX",))], ids=["all", "GBR", "confident", "nothing"])
def test_pruned_phrase_scoring_keeps_the_best_rows_exactly(pair, filters, top):
    _corpus, engine = pair  # only the phrases that can be among the best `top` get a shown form
    cte, params = engine._selected(filters, "q.phrase_groups, q.phrase_forms")  # noqa: SLF001
    counts = cte[len("WITH "):] + ", " + SELECTION_COUNTS
    bonus = SHORT_TEXT_LENGTH_BONUS
    everything = engine._sql(scored_phrases_sql(counts, bonus), params)  # noqa: SLF001
    pruned = engine._sql(scored_phrases_sql(counts, bonus, top, engine._max_phrase_spaces()) + " LIMIT ?",  # noqa: SLF001
                         [*params, top])
    assert pruned == everything[:top]
    if filters.countries != ("XXX",):
        assert everything


@pytest.mark.parametrize("filters", [Filters(versions_once=False), Filters(countries=("GBR",))], ids=["all", "GBR"])
def test_phrase_counts_of_some_phrases_and_their_total(pair, filters):
    corpus, engine = pair  # a comparison's prior reads only the compared phrases and the total
    full = query.phrase_counts(corpus, query.filter_quotes(corpus, filters))
    names = sorted(full)[:5] + ["no such phrase at all"]
    assert engine.phrase_counts(filters, names=names) == {n: full[n] for n in names if n in full}
    assert engine.phrase_counts(filters, names=[]) == {}
    assert engine.phrase_total(filters) == sum(full.values()) > 0
    assert engine.phrase_total(Filters(countries=("XXX",))) == 0


def test_nothing_matching_gives_empty_answers(pair):
    _corpus, engine = pair
    nothing = Filters(countries=("XXX",))
    assert engine.filter_quotes(nothing).empty
    assert engine.statement_keywords(nothing) == []
    assert engine.phrase_counts(nothing) == {}
    assert engine.cross_counts(nothing, "speaker", "countries").empty
    assert engine.statements_over_time(nothing).empty
    assert engine.undated_statements(nothing) == 0


def test_filter_options_are_those_of_query(pair):
    corpus, engine = pair
    assert engine.option_values() == query.option_values(corpus)


def test_a_page_of_statements(pair):
    corpus, engine = pair
    filters = Filters(countries=("UKR",))
    everything = engine.filter_quotes(filters, columns=("quote_id",))
    page = engine.filter_quotes(filters, columns=("quote_id", "text"), limit=10, offset=20)
    assert list(page.columns) == ["quote_id", "text"]
    assert page["quote_id"].tolist() == everything["quote_id"].tolist()[20:30]


@pytest.mark.parametrize("columns", [("text", 'x" FROM meta --'), ("no_such_column",)])
def test_unknown_columns_are_refused(pair, columns):
    _corpus, engine = pair
    with pytest.raises(ValueError, match="no statement column"):
        engine.filter_quotes(Filters(), columns=columns)


@pytest.mark.parametrize("bad", [Filters(country_scope="nearby"), Filters(countries=("RUS",), country_scope="x")])
def test_an_unknown_country_scope_is_refused(pair, bad):
    _corpus, engine = pair
    with pytest.raises(ValueError, match="country scope"):
        engine.count(bad)


@pytest.mark.parametrize(("row", "column"), [("speaker", "outlet"), ("text; DROP TABLE quotes", "topics")])
def test_unknown_dimensions_are_refused(pair, row, column):
    _corpus, engine = pair
    with pytest.raises(ValueError, match="crosses"):
        engine.cross_counts(Filters(), row, column)


def test_hostile_values_are_parameters_not_sql(pair):
    _corpus, engine = pair
    hostile = Filters(speakers=("x') OR true --",), countries=("'; DROP TABLE quotes; --",))
    assert engine.count(hostile) == 0
    assert engine.count(Filters(versions_once=False)) > 0


def test_threads_with_their_own_cursors_get_right_answers(pair):
    corpus, engine = pair
    options = query.option_values(corpus)
    rng = random.Random(5)
    chosen = [Filters(countries=(rng.choice(options["country"][:30]),),
                      topics=(rng.choice(options["topic"]),) if rng.random() < 0.5 else ())
              for _ in range(24)]
    expected = {f: (len(query.filter_quotes(corpus, f)), query.country_counts(query.filter_quotes(corpus, f))
                    .values.tolist()) for f in chosen}
    wrong: list[str] = []

    def work(offset: int) -> None:
        for step in range(len(chosen)):
            filters = chosen[(offset + step) % len(chosen)]
            got = (engine.count(filters), engine.country_counts(filters).values.tolist())
            if got != expected[filters]:
                wrong.append(f"{filters}: {got[0]} != {expected[filters][0]}")

    threads = [threading.Thread(target=work, args=(n * 5,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_one_engine_per_store_and_process(shared_corpus_store):
    assert open_engine(shared_corpus_store, SETTINGS) is open_engine(shared_corpus_store, SETTINGS)
    assert open_engine(shared_corpus_store, SETTINGS).is_current()


def test_memory_limit_and_threads_come_from_the_settings(shared_corpus_store):
    engine = Engine(shared_corpus_store, memory_mb=96, threads=1)
    limit = engine._sql("SELECT current_setting('memory_limit')")[0][0]  # noqa: SLF001 (the test reads its own)
    assert limit == "91.5 MiB"  # 96 MB (10^6 bytes) as DuckDB prints it
    assert engine._sql("SELECT current_setting('threads')")[0][0] == 1  # noqa: SLF001


def test_memory_limit_unset_is_the_default_for_a_small_warehouse(shared_corpus_store):
    engine = Engine(shared_corpus_store, memory_mb=None, threads=1)
    limit = engine._sql("SELECT current_setting('memory_limit')")[0][0]  # noqa: SLF001 (the test reads its own)
    assert limit == "91.5 MiB"  # 96 MB (10^6 bytes) as DuckDB prints it


def test_a_store_without_a_warehouse_says_so_or_builds_it(shared_corpus_store, tmp_path):
    corpus = load_corpus(shared_corpus_store)
    store = str(tmp_path / "plain")
    few = corpus.articles["article_id"].tolist()[:20]
    write_frames(store, {table: frame[frame["article_id"].isin(few)] for table, frame in
                         (("articles", corpus.articles), ("quotes", corpus.quotes), ("mentions", corpus.mentions),
                          ("keywords", corpus.keywords), ("topic_hits", corpus.topic_hits))})
    with pytest.raises(WarehouseMissing, match="refresh --out"):
        open_engine(store, SETTINGS)
    engine = open_engine(store, SETTINGS, build_missing=True)
    assert engine.count(Filters(versions_once=False)) == len(load_corpus(store).quotes) > 0


def test_target_tones_are_read_when_the_store_holds_them(shared_corpus_store, tmp_path):
    corpus = load_corpus(shared_corpus_store)
    quotes = corpus.quotes.copy()
    rng = random.Random(3)
    polarities = ("negative", "neutral", "positive", "unknown")
    quotes["target_tones"] = [tuple(("country", code, rng.choice(polarities)) for code in codes) + (
        ("person", "Someone", "positive"),) for codes in quotes["countries"]]
    store = str(tmp_path / "tones")
    write_frames(store, {"articles": corpus.articles, "quotes": quotes, "mentions": corpus.mentions,
                         "keywords": corpus.keywords, "topic_hits": corpus.topic_hits})
    write_warehouse(store)
    expected_corpus, engine = app_corpus(store), open_engine(store, SETTINGS)
    for filters in (Filters(), Filters(countries=("RUS",)), Filters(countries=("XXX",))):
        selected = query.filter_quotes(expected_corpus, filters)
        assert engine.tone_measure(filters, "speaker", "countries") == \
            query.tone_measure(selected, "speaker", "countries")
        _same_cells(query.tone_by_target(selected, "speaker", "countries", expected_corpus),
                    engine.tone_by_target(filters, "speaker", "countries"), ["speaker", "countries"])
    assert engine.tone_measure(Filters(), "speaker", "countries") == query.TARGET_MEASURE


def test_the_engine_follows_a_rebuilt_warehouse(shared_corpus_store, tmp_path):
    import shutil

    store = str(tmp_path / "copy")
    shutil.copytree(shared_corpus_store, store)
    first = open_engine(store, SETTINGS)
    before = first.count(Filters())
    write_warehouse(store, versions=False)
    second = open_engine(store, SETTINGS)
    assert second is not first and second.build_id != first.build_id
    assert not second.has_versions and second.count(Filters()) >= before
    assert first.count(Filters()) == before  # a replaced connection still answers its last users


def test_search_of_nothing_is_ignored_as_query_ignores_it(pair):
    corpus, engine = pair
    filters = dataclasses.replace(Filters(), search="  -only -exclusions ")
    assert engine.count(filters) == len(query.filter_quotes(corpus, filters))


@pytest.mark.parametrize("freq", ["W", "QS", "YS", "D"])
@pytest.mark.parametrize("filters", [Filters(), Filters(countries=("UKR",))], ids=["all", "UKR"])
def test_other_periods_are_those_of_query(pair, freq, filters):
    corpus, engine = pair
    expected = query.statements_over_time(query.filter_quotes(corpus, filters), freq)
    got = engine.statements_over_time(filters, freq)
    assert [(pd.Timestamp(p), int(n)) for p, n in got.values.tolist()] == \
        [(pd.Timestamp(p), int(n)) for p, n in expected.values.tolist()]


def test_an_unknown_period_is_refused(pair):
    with pytest.raises(ValueError, match="period"):
        pair[1].statements_over_time(Filters(), "X")
