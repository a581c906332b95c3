"""The pages' whole-store questions read from the pre-counted tables of analysis/store/page_tables.py:
articles' position ranges, speakers' mentions counted, the confident store pre-aggregated; and a
large speaker's representative statements are ranked on a bounded sample. Every answer equals
analysis/query.py's (the pandas path, on the same sample) and an engine without those tables.
"""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from analysis import query
from analysis.engine import Engine
from analysis.engine import phrases as engine_phrases
from analysis.engine import selection as engine_selection
from analysis.query import Filters
from analysis.store.page_tables import FLOORS, PAGE_TABLES, RECENT_KEPT
from analysis.store.warehouse import write_warehouse
from tests.analysis.engine.test_answers import SETTINGS, app_corpus
from ui.brief.select import representative_order
from ui.selection import EngineSelection, FrameSelection
from ui.selection import frame as selection_module  # FrameSelection reads REPRESENTATIVE_SAMPLE there


@pytest.fixture(scope="module")
def setup(shared_corpus_store) -> tuple:
    """(app corpus, engine, the same engine without the page tables, speakers most quoted first)."""
    corpus = app_corpus(shared_corpus_store)
    engine = Engine(shared_corpus_store, SETTINGS.memory_mb, SETTINGS.threads)
    without = Engine(shared_corpus_store, SETTINGS.memory_mb, SETTINGS.threads)
    without._tables -= set(PAGE_TABLES)  # noqa: SLF001 (a warehouse of an earlier build)
    without._floors = set()  # noqa: SLF001
    speakers = query.option_values(corpus)["speaker"]
    return corpus, engine, without, speakers


def test_the_build_writes_the_page_tables(setup):
    _corpus, engine, _without, _speakers = setup
    assert set(PAGE_TABLES) <= engine._tables  # noqa: SLF001
    assert engine._floors == set(FLOORS)  # noqa: SLF001
    # Every statement lies in its article's range, and ranges do not overlap (articles stored together).
    outside = engine._sql("""SELECT count(*) FROM quotes q JOIN article_pos a USING (article_id)
        WHERE q.pos < a.first_pos OR q.pos > a.last_pos""")[0][0]  # noqa: SLF001
    overlapping = engine._sql("""SELECT count(*) FROM (SELECT first_pos, lag(last_pos) OVER (ORDER BY first_pos)
        AS before FROM article_pos) WHERE first_pos <= before""")[0][0]  # noqa: SLF001
    assert (outside, overlapping) == (0, 0)


@pytest.mark.parametrize("versions_once", [True, False])
def test_the_confident_store_is_read_from_its_tables_and_equals_query(setup, versions_once):
    corpus, engine, without, _speakers = setup
    filters = Filters(min_confidence=FLOORS[0], versions_once=versions_once)
    assert engine._floor(filters) == FLOORS[0] and without._floor(filters) is None  # noqa: SLF001
    quotes = query.filter_quotes(corpus, filters)
    named = quotes["speaker"].dropna().astype(str)
    assert engine.count(filters) == len(quotes)
    assert engine.summary(filters) == {"statements": len(quotes), "speakers": named.nunique(),
                                       "articles": quotes["article_id"].nunique(),
                                       "no_date": int(quotes["date"].isna().sum())}
    assert engine.speaker_counts(filters, limit=100_000).values.tolist() == \
        query.speaker_counts(quotes, limit=100_000).values.tolist()
    assert engine.country_counts(filters).values.tolist() == query.country_counts(quotes).values.tolist()
    assert engine.topic_counts(filters).values.tolist() == query.topic_counts(quotes).values.tolist()
    assert engine.statements_over_time(filters).values.tolist() == without.statements_over_time(filters).values.tolist()
    assert engine.undated_statements(filters) == query.undated_statements(quotes)
    for top_n in (8, 12):
        assert engine.statement_keywords(filters, top_n=top_n) == query.statement_keywords(corpus, quotes, top_n=top_n)
    keys = ["key", "evidence", "via"]
    assert engine.country_evidence(filters).sort_values(keys, ignore_index=True).astype(str).values.tolist() == \
        without.country_evidence(filters).sort_values(keys, ignore_index=True).astype(str).values.tolist()


@pytest.mark.parametrize("filters", [
    Filters(min_confidence=0.3), Filters(min_confidence=FLOORS[0], speakers=("x",)),
    Filters(min_confidence=FLOORS[0], countries=("UKR",)), Filters(), Filters(min_confidence=1.5),
], ids=["another floor", "with a speaker", "with a country", "no floor", "over every confidence"])
def test_other_selections_are_not_read_from_the_floor_tables(setup, filters):
    _corpus, engine, *_rest = setup
    assert engine._floor(filters) is None  # noqa: SLF001


def test_typed_names_resolve_from_counts_as_from_every_statement(setup):
    corpus, engine, without, speakers = setup
    expected = query.speaker_aliases(corpus)
    assert query.aliases_from_counts(*engine.speaker_name_counts()) == expected
    assert query.aliases_from_counts(*without.speaker_name_counts()) == expected  # counted by a scan
    assert query.aliases_from_counts([], []) == {}
    stored = dict(engine._sql("SELECT key, speaker FROM speaker_aliases"))  # noqa: SLF001
    assert stored == expected


@pytest.mark.parametrize("typed", ["putin", "Vladimir Putin", "President Putin", "russian president vladimir putin",
                                   "  BLAIR ", "Mr Blair", "", "   ", "he", "Nobody At All", "zzz", "'; DROP TABLE x"])
def test_a_typed_name_resolves_by_lookups_as_from_the_corpus(setup, typed):
    corpus, engine, without, speakers = setup
    expected = query.resolve_speaker(corpus, typed)
    assert query.resolve_name(typed, engine.speaker_alias) == expected
    assert query.resolve_name(typed, without.speaker_alias) == expected
    if typed.strip() in ("", "zzz", "Nobody At All"):
        assert expected is None  # cases that must resolve to nothing
    for name in speakers[:20]:
        assert query.resolve_name(name, engine.speaker_alias) == query.resolve_speaker(corpus, name) == name


def test_a_speakers_mentions_are_read_from_their_counts(setup):
    corpus, engine, without, speakers = setup
    for speaker in [*speakers[:6], "Nobody At All"]:
        for floor in (0.0, FLOORS[0]):
            for once in (True, False):
                filters = Filters(speakers=(speaker,), min_confidence=floor, versions_once=once)
                quotes = query.filter_quotes(corpus, filters)
                expected = list(dict.fromkeys(m for m in quotes["speaker_mention"].dropna()
                                              if isinstance(m, str) and m.strip()))
                assert engine.speaker_mentions(filters) == expected == without.speaker_mentions(filters)


def test_an_articles_statements_are_read_in_its_position_range(setup):
    corpus, engine, without, _speakers = setup
    ids = corpus.articles["article_id"].astype(str).tolist()
    for chosen in [(ids[0],), (ids[len(ids) // 2],), (ids[-1], ids[5]), tuple(ids[::3]), ("no-such-article",),
                   (ids[7], "nope")]:
        filters = Filters(articles=chosen, versions_once=False)
        where, params = engine._where(filters)  # noqa: SLF001
        assert "q.pos BETWEEN ? AND ?" in where
        quotes = query.filter_quotes(corpus, filters)
        assert engine.filter_quotes(filters, ("quote_id",)).index.tolist() == quotes.index.tolist()
        assert engine.statement_page(filters, ("quote_id",)).index.tolist() == quotes.index.tolist()
        assert without.filter_quotes(filters, ("quote_id",)).index.tolist() == quotes.index.tolist()
    assert engine._article_spans(["no-such-article"]) == [(0, -1)]  # noqa: SLF001 (matches nothing)
    assert len(engine._article_spans(ids[::3])) <= engine_selection.ARTICLE_SPANS  # noqa: SLF001
    spans = engine._article_spans([ids[1], ids[2], ids[40]])  # noqa: SLF001
    assert spans == sorted(spans) and all(first <= last for first, last in spans)


@pytest.mark.parametrize("sample", [40, 1, 1_000_000])
def test_representative_statements_of_a_large_speaker_come_from_their_last_statements(setup, monkeypatch, sample):
    corpus, engine, without, speakers = setup
    monkeypatch.setattr(engine_phrases, "REPRESENTATIVE_SAMPLE", sample)
    monkeypatch.setattr(selection_module, "REPRESENTATIVE_SAMPLE", sample)
    checked = 0
    for speaker in speakers[:4]:
        for floor in (0.0, FLOORS[0]):
            filters = Filters(speakers=(speaker,), min_confidence=floor)
            quotes = query.filter_quotes(corpus, filters)
            phrases = [k.phrase for k in engine.statement_keywords(filters, top_n=8)]
            expected = representative_order(quotes.tail(sample), phrases).head(4).index.tolist()
            assert engine.representative_page(filters, phrases, 4, ("quote_id",)).index.tolist() == expected
            assert without.representative_page(filters, phrases, 4, ("quote_id",)).index.tolist() == expected
            frame = FrameSelection(corpus, filters).representative(phrases, 4, ("quote_id",))
            assert frame["quote_id"].tolist() == quotes.loc[expected, "quote_id"].tolist()
            rows = EngineSelection(engine, dataclasses.replace(filters)).representative(phrases, 4, ("quote_id",))
            assert rows["quote_id"].tolist() == frame["quote_id"].tolist()
            checked += len(quotes) > sample
    assert checked or sample > 100  # the small samples were smaller than some speakers' statements
    nobody = Filters(speakers=("Nobody At All",))
    assert engine.representative_page(nobody, ["x"], 4, ("quote_id",)).empty


@pytest.mark.parametrize("once", [True, False])
def test_the_stores_most_recent_statements_are_read_ranked(setup, once):
    _corpus, engine, without, _speakers = setup
    filters = Filters(versions_once=once)
    columns = ("article_id", "title", "date", "outlet")
    for limit, offset in ((50, 0), (7, 3), (RECENT_KEPT, 0), (10, RECENT_KEPT - 5), (5, 10**9)):
        got = engine.statement_page(filters, columns, recent=True, limit=limit, offset=offset)
        expected = without.statement_page(filters, columns, recent=True, limit=limit, offset=offset)
        assert got.index.tolist() == expected.index.tolist()
        assert got.astype(str).values.tolist() == expected.astype(str).values.tolist()
    assert engine.statement_page(filters, ("text",), recent=True, limit=5).index.tolist() == \
        without.statement_page(filters, ("text",), recent=True, limit=5).index.tolist()
    assert engine.statement_page(filters, columns, recent=True, limit=5, offset=10**9).empty


@pytest.fixture(scope="module")
def sliced(shared_corpus_store, tmp_path_factory) -> tuple:
    """(app corpus, engine) of a copy of the store whose speakers of 30 statements or more are sliced."""
    store = str(tmp_path_factory.mktemp("sliced") / "store")
    shutil.copytree(shared_corpus_store, store)
    write_warehouse(store, slice_min=30)
    return app_corpus(store), Engine(store, SETTINGS.memory_mb, SETTINGS.threads)


def test_a_sliced_speakers_key_phrases_over_a_floor_are_read_pre_scored(sliced):
    corpus, engine = sliced
    scored = {s for (s,) in engine._sql("SELECT DISTINCT speaker FROM f_s_keywords")}  # noqa: SLF001
    assert len(scored) >= 3
    for speaker in sorted(scored):
        for once in (True, False):
            filters = Filters(speakers=(speaker,), min_confidence=FLOORS[0], versions_once=once)
            assert engine._floor_speaker(filters) == (FLOORS[0], speaker)  # noqa: SLF001
            quotes = query.filter_quotes(corpus, filters)
            for top_n in (8, 12):
                assert engine.statement_keywords(filters, top_n=top_n) == \
                    query.statement_keywords(corpus, quotes, top_n=top_n), (speaker, once, top_n)
    speaker = min(scored)
    for filters in (Filters(speakers=(speaker,)), Filters(speakers=(speaker,), min_confidence=0.3),
                    Filters(speakers=(speaker, "x"), min_confidence=FLOORS[0]),
                    Filters(speakers=(speaker,), countries=("UKR",), min_confidence=FLOORS[0]),
                    Filters(speakers=("Nobody At All",), min_confidence=FLOORS[0])):
        assert engine._floor_speaker(filters) is None  # noqa: SLF001


def test_a_sliced_speakers_representative_statements_over_a_floor_are_read_pre_ranked(sliced):
    corpus, engine = sliced
    without = Engine(engine.store_dir, SETTINGS.memory_mb, SETTINGS.threads)
    without._tables -= {"f_s_representative"}  # noqa: SLF001 (ranked at each call)
    scored = sorted({s for (s,) in engine._sql("SELECT DISTINCT speaker FROM f_s_representative")})  # noqa: SLF001
    assert len(scored) >= 3
    for speaker in scored:
        for once in (True, False):
            filters = Filters(speakers=(speaker,), min_confidence=FLOORS[0], versions_once=once)
            quotes = query.filter_quotes(corpus, filters)
            phrases = [k.phrase for k in engine.statement_keywords(filters, top_n=8)]
            assert engine._stored_representative(filters, phrases, 4) is not None  # noqa: SLF001
            expected = representative_order(quotes, phrases).head(4)
            got = engine.representative_page(filters, phrases, 4, ("quote_id", "text"))
            assert got.index.tolist() == expected.index.tolist(), (speaker, once)
            assert got["quote_id"].tolist() == expected["quote_id"].astype(str).tolist()
            assert without.representative_page(filters, phrases, 4, ("quote_id", "text")).equals(got)
            # Other phrases or more rows than ranked: ranked at the call, the same way.
            assert engine._stored_representative(filters, phrases[:3], 4) is None  # noqa: SLF001
            assert engine._stored_representative(filters, phrases, 11) is None  # noqa: SLF001
            assert engine.representative_page(filters, phrases[:3], 4, ("quote_id",)).index.tolist() == \
                representative_order(quotes, phrases[:3]).head(4).index.tolist()


@pytest.mark.parametrize("versions_once", [True, False])
def test_the_unfiltered_summary_and_evidence_are_read_from_their_tables(setup, versions_once):
    # The Overview's first figures and the Countries page's evidence of every unfiltered visit: a scan of
    # every statement (or of every article's mentions) without agg_summary / agg_evidence.
    corpus, engine, without, _speakers = setup
    filters = Filters(versions_once=versions_once)
    without = Engine(engine.store_dir, SETTINGS.memory_mb, SETTINGS.threads)
    without._tables -= {"agg_summary", "agg_evidence"}  # noqa: SLF001 (a warehouse of an earlier build)
    quotes = query.filter_quotes(corpus, filters)
    expected = {"statements": len(quotes), "speakers": quotes["speaker"].dropna().astype(str).nunique(),
                "articles": quotes["article_id"].nunique(), "no_date": int(quotes["date"].isna().sum())}
    assert "agg_summary" in engine._tables  # noqa: SLF001
    assert engine.summary(filters) == without.summary(filters) == expected
    assert engine.summary(Filters(countries=("UKR",), versions_once=versions_once))["statements"] < len(quotes)
    keys = ["key", "evidence", "via"]
    evidence = engine.country_evidence(filters)
    assert len(evidence) > 0 and "agg_evidence" in engine._tables  # noqa: SLF001
    assert evidence.sort_values(keys, ignore_index=True).astype(str).values.tolist() == \
        without.country_evidence(filters).sort_values(keys, ignore_index=True).astype(str).values.tolist()
