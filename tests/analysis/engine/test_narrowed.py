"""The page methods of the engine (analysis/engine/) read through the selection machinery:
confidence floors, articles and the narrowings of one speaker, country, topic or period
(``Engine._selected(..., also=)``) are read from the clustered copies and kept selections, and
every answer equals analysis/query.py's (the pandas path) and the old SQL's (an engine that
evaluates every filter on the whole statements table), for a table of filters including ones
that match nothing and unknown values.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis import query
from analysis.engine import Engine
from analysis.query import Filters
from analysis.store import page_tables
from analysis.store.page_tables import PAGE_TABLES
from tests.analysis.engine.test_answers import SETTINGS, _values, app_corpus
from tests.analysis.engine.test_clustered import _answers
from ui.brief.select import representative_order

SUMMARY = ("statements", "speakers", "articles", "no_date")
#: How many filters the fixture's table holds.
FILTERS = 16


@pytest.fixture(scope="module")
def setup(shared_corpus_store) -> tuple:
    """(app corpus, [engine, engine without kept selections, old SQL engine], filters, values)."""
    corpus = app_corpus(shared_corpus_store)
    options = query.option_values(corpus)
    c, t, s = options["country"], options["topic"], options["speaker"]
    articles = corpus.articles["article_id"].astype(str).tolist()
    chosen = [
        Filters(),
        Filters(min_confidence=0.5),
        Filters(min_confidence=0.3, versions_once=False),
        Filters(countries=(c[0],), min_confidence=0.5),
        Filters(speakers=(s[0],), min_confidence=0.5),
        Filters(countries=(c[0], c[1]), topics=(t[0],), min_confidence=0.3, versions_once=False),
        Filters(countries=(c[0],), articles=tuple(articles[:40])),
        Filters(articles=(articles[3], articles[-2])),
        Filters(speakers=(s[1],), articles=tuple(articles[::2])),
        Filters(topics=(t[0],), speakers=(s[0],)),
        Filters(countries=(c[0],), country_scope="about"),
        Filters(countries=(c[1],), search="minister"),
        # Ones that match nothing, unknown values.
        Filters(articles=("no-such-article",)),
        Filters(speakers=("Nobody At All",), min_confidence=0.5),
        Filters(countries=("XXX",), articles=(articles[0],)),
        Filters(min_confidence=1.5),
    ]
    engine = Engine(shared_corpus_store, SETTINGS.memory_mb, SETTINGS.threads)
    unkept = Engine(shared_corpus_store, SETTINGS.memory_mb, SETTINGS.threads)
    unkept._kept = lambda where, params, source=None: None  # noqa: SLF001 (every call reads the copies)
    old = Engine(shared_corpus_store, SETTINGS.memory_mb, SETTINGS.threads)
    old._clustered = False  # noqa: SLF001 (no copies and nothing kept: the filter on every statement)
    old._kept = lambda where, params, source=None: None  # noqa: SLF001
    old._tables -= set(PAGE_TABLES)  # noqa: SLF001 (nor the pages' pre-counted tables)
    old._floors = set()  # noqa: SLF001
    assert len(chosen) == FILTERS
    return corpus, (engine, unkept, old), chosen, (c, t, s)


def _recent(quotes: pd.DataFrame) -> list:
    """Positions most recent first: date descending (undated last), article, start, position."""
    rows = list(zip(quotes["date"].astype(object), quotes["article_id"].astype(str), quotes["start"],
                    quotes.index, strict=True))
    dated = sorted((r for r in rows if not pd.isna(r[0])), key=lambda r: (r[1], r[2], r[3]))
    dated.sort(key=lambda r: str(r[0]), reverse=True)
    undated = sorted((r for r in rows if pd.isna(r[0])), key=lambda r: (r[1], r[2], r[3]))
    return [r[3] for r in dated + undated]


def test_narrowed_selections_read_the_clustered_copies(setup):
    _corpus, (engine, *_rest), _chosen, (c, _t, s) = setup
    for filters, also in [(Filters(min_confidence=0.5, speakers=(s[0],)), ()),
                          (Filters(countries=(c[0],), articles=("a",)), ()),
                          (Filters(), (("speakers", s[0]),)),
                          (Filters(min_confidence=0.5), (("countries", c[0]),)),
                          (Filters(countries=(c[0],)), (("period", ("2000-01-01", "2020-12-31")),))]:
        assert engine._source(filters, also) is not None, (filters, also)  # noqa: SLF001
    for filters, also in [(Filters(min_confidence=0.5), ()), (Filters(articles=("a",)), ()),
                          (Filters(), (("period", ("2000-01-01", "2020-12-31")),)),
                          (Filters(search="minister"), (("speakers", s[0]),))]:
        assert engine._source(filters, also) is None, (filters, also)  # noqa: SLF001


@pytest.mark.parametrize("number", range(FILTERS))
def test_charts_of_confidence_floors_and_articles_are_those_of_query(setup, number):
    corpus, engines, chosen, _values_ = setup
    for engine in engines[:2]:  # the old SQL's charts: tests/analysis/engine/test_answers.py
        _answers(corpus, engine, chosen[number])


@pytest.mark.parametrize("number", range(FILTERS))
def test_page_methods_are_those_of_query_and_the_old_sql(setup, number):
    corpus, engines, chosen, (c, t, s) = setup
    filters = chosen[number]
    quotes = query.filter_quotes(corpus, filters)
    named = quotes["speaker"].dropna().astype(str)
    expected_summary = (len(quotes), named.nunique(), quotes["article_id"].nunique(), int(quotes["date"].isna().sum()))
    speaker = named.value_counts().index[0] if len(named) else s[0]
    topic = t[0]
    old = engines[-1]
    for engine in engines:
        summary = engine.summary(filters)
        assert tuple(summary[k] for k in SUMMARY) == expected_summary
        assert engine.tone_bins(filters, 20).values.tolist() == old.tone_bins(filters, 20).values.tolist()
        assert engine.has_target_tones(filters) is False
        # Statement pages: in corpus order, most recent first, of one speaker, of one topic.
        assert engine.statement_page(filters, ("quote_id",)).index.tolist() == quotes.index.tolist()
        recent = _recent(quotes)
        for limit, offset in ((5, 0), (7, 3), (None, 0)):
            page = engine.statement_page(filters, ("quote_id", "date"), recent=True, limit=limit, offset=offset)
            assert page.index.tolist() == recent[offset:None if limit is None else offset + limit]
        mine = quotes[quotes["speaker"].astype(object) == speaker]
        got = engine.statement_page(filters, ("speaker_mention",), speaker=speaker)
        assert got.index.tolist() == mine.index.tolist()
        assert _values(got["speaker_mention"]) == _values(mine["speaker_mention"])
        assert engine.statement_page(filters, ("quote_id",), speaker="Nobody At All").empty
        assert engine.speaker_mentions(filters) == list(dict.fromkeys(
            m for m in quotes["speaker_mention"].dropna() if isinstance(m, str) and m.strip()))
        on_topic = quotes[[topic in v for v in quotes["topics"]]]
        assert engine.statement_page(filters, ("quote_id",), topic=topic, limit=9).index.tolist() == \
            on_topic.index.tolist()[:9]
        # Statements by article and outlet, articles, country evidence, representative statements.
        by_article = engine.statements_by(filters, "article_id")
        assert dict(by_article.values.tolist()) == quotes["article_id"].astype(str).value_counts().to_dict()
        assert by_article.values.tolist() == old.statements_by(filters, "article_id").values.tolist()
        assert engine.statements_by(filters, "outlet").values.tolist() == \
            old.statements_by(filters, "outlet").values.tolist()
        assert engine.articles_of(filters)["article_id"].tolist() == \
            old.articles_of(filters)["article_id"].tolist()
        evidence = engine.country_evidence(filters).sort_values(["key", "evidence", "via"], ignore_index=True)
        assert evidence.astype(str).values.tolist() == old.country_evidence(filters).sort_values(
            ["key", "evidence", "via"], ignore_index=True).astype(str).values.tolist()
        phrases = [k.phrase for k in engine.statement_keywords(filters, top_n=8)]
        page = engine.representative_page(filters, phrases, 6, ("quote_id", "text"))
        assert page.index.tolist() == old.representative_page(filters, phrases, 6, ("quote_id",)).index.tolist()
        assert page.index.tolist() == representative_order(quotes, phrases).head(6).index.tolist()


@pytest.mark.parametrize("number", range(FILTERS))
def test_comparison_sides_are_those_of_the_old_sql(setup, number):
    corpus, engines, chosen, (c, t, s) = setup
    filters = chosen[number]
    quotes = query.filter_quotes(corpus, filters)
    old = engines[-1]
    sides = [("speaker", s[0]), ("speaker", "Nobody At All"), ("country", c[0]), ("country", "XXX"),
             ("topic", t[1]), ("period", (dt.date(2000, 1, 1), dt.date(2014, 12, 31))),
             ("period", (dt.date(2030, 1, 1), dt.date(2030, 12, 31)))]
    for engine in engines:
        for by, value in sides:
            got, expected = engine.side_counts(filters, by, value), old.side_counts(filters, by, value)
            assert {k: v for k, v in got.items() if k != "tone"} == {k: v for k, v in expected.items() if k != "tone"}
            assert got["tone"][0] == expected["tone"][0]
            for mine, theirs in zip(got["tone"][1:], expected["tone"][1:], strict=True):
                assert (mine is None and theirs is None) or abs(mine - theirs) < 1e-9
        side = engine.side_counts(filters, "speaker", s[0])
        assert side["statements"] == int((quotes["speaker"].astype(object) == s[0]).sum())
    with pytest.raises(ValueError, match="cannot compare by"):
        engines[0].side_counts(filters, "outlet", "x")


@pytest.mark.parametrize("text", [
    "", "plain words", " leading", "trailing ", "two  spaces", "tab\there", "new\nline", "\u00a0nbsp\u00a0",
    "ideographic\u3000space", "line\u2028sep", "  \t\n ", "x" * 200, "a " * 60 + "  b", "mixed \u2003 em\u2009thin ",
])
def test_a_wording_is_the_first_80_characters_with_spaces_collapsed(setup, text):
    _corpus, (engine, *_rest), _chosen, _values_ = setup  # no statement of such text: any string must
    got = engine._sql(f"SELECT {page_tables.WORDING} FROM (SELECT lower(?) AS low)",  # noqa: SLF001
                      [*page_tables.WORDING_PARAMS, text])[0][0]  # noqa: SLF001
    assert got == " ".join(text.lower().split())[:80]
