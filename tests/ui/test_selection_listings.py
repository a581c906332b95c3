"""ui.selection: what a page lists of a store's articles without holding a row per article
(:meth:`Selection.article_choices`, :meth:`Selection.statements_in`, :meth:`Selection.article_sources`,
:meth:`Source.article_listing`): the same both ways on the 300-article store, and on the engine, above
the listing threshold (lowered here), the articles of the most recent statements.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.query import Filters

FILTERS = {
    "all": Filters(),
    "country": Filters(countries=("DEU",)),
    "speaker": Filters(speakers=("Tony Blair",)),
    "nothing": Filters(search="zzyzxqq"),
}


def _rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(None if v is None or v != v else v for v in row)
            for row in frame.astype(object).itertuples(index=False)]


@pytest.mark.parametrize("name", FILTERS)
def test_small_selections_list_their_first_articles_both_ways(both, name):
    _engine, engine_selection, frame_selection = both
    e, f = engine_selection(FILTERS[name]), frame_selection(FILTERS[name])
    rows, total, recent = e.article_choices(50)
    assert (_rows(rows), total, recent) == (_rows(f.article_choices(50)[0]), *f.article_choices(50)[1:])
    assert not recent and total == len(f.articles()) and _rows(rows) == _rows(f.articles().head(50))
    assert len(rows) == min(50, total)


@pytest.mark.parametrize("name", FILTERS)
def test_counts_and_sources_of_some_articles_both_ways(both, name):
    _engine, engine_selection, frame_selection = both
    e, f = engine_selection(FILTERS[name]), frame_selection(FILTERS[name])
    every = f.statements_by("article_id")
    ids = list(every["article_id"].head(7)) + ["no such article", str(f.corpus.articles["article_id"].iloc[0])]
    expected = every.set_index("article_id")["statements"]
    expected = expected[expected.index.isin(ids)].sort_index()
    for selection in (e, f):
        counts = selection.statements_in(ids).sort_index()
        assert counts.to_dict() == expected.to_dict()  # articles holding none are left out
        sources = selection.article_sources(ids).sort_values("article_id", ignore_index=True)
        assert list(sources.columns) == ["article_id", "title", "outlet", "date", "url", "statements"]
        assert sources.set_index("article_id")["statements"].to_dict() == expected.to_dict()
    assert _rows(e.article_sources(ids).sort_values("article_id")) == _rows(
        f.article_sources(ids).sort_values("article_id"))
    assert e.statements_in([]).empty and f.article_sources([]).empty


@pytest.mark.parametrize("name", ["all", "country", "nothing"])
def test_large_selections_list_the_articles_of_the_most_recent_statements(both, monkeypatch, name):
    import ui.selection.limits

    monkeypatch.setattr(ui.selection.limits, "LISTED_IN_FULL", 5)
    monkeypatch.setattr(ui.selection.limits, "RECENT_STATEMENTS", 60)
    engine, engine_selection, frame_selection = both
    filters = FILTERS[name]
    rows, total, recent = engine_selection(filters).article_choices(8)
    frame_total = len(frame_selection(filters).articles())
    assert total == frame_total
    if total <= 5:
        assert not recent and len(rows) == total
        return
    assert recent and 0 < len(rows) <= 8 and rows["article_id"].is_unique
    newest = engine.statement_page(filters, ("article_id", "date"), recent=True, limit=60)
    assert rows["article_id"].tolist() == list(dict.fromkeys(newest["article_id"]))[:8]
    dates = [d for d in rows["date"] if isinstance(d, str)]
    assert dates == sorted(dates, reverse=True)  # most recent first


def test_a_large_store_lists_its_articles_rows_from_their_batches(both, monkeypatch):
    import ui.selection.limits
    from ui.selection import Source

    monkeypatch.setattr(ui.selection.limits, "LISTED_IN_FULL", 5)
    engine, _e, frame_selection = both
    corpus = frame_selection(Filters()).corpus
    source = Source(articles=len(corpus.articles), statements=0, repeats=0, stories=None, load_corpus=None,
                    engine=engine)
    rows, total, recent = source.article_listing(12)
    assert recent and total == len(corpus.articles) and 0 < len(rows) <= 12
    columns = ["article_id", "title", "date", "outlet", "words", "n_quotes"]
    assert list(rows.columns) == columns
    stored = corpus.articles.set_index("article_id").loc[rows["article_id"], columns[1:]].reset_index()
    assert _rows(rows) == _rows(stored.astype({"words": "int64", "n_quotes": "int64"}))
    small = Source(articles=3, statements=0, repeats=0, stories=None, load_corpus=None, engine=engine)
    listed, total, recent = small.article_listing(12)  # a small store: the first, in corpus order
    assert not recent and total == len(corpus.articles) and _rows(listed) == _rows(
        corpus.articles[columns].head(12).astype({"words": "int64", "n_quotes": "int64"}))
