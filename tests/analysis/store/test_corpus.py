"""The loaded corpus: newest batch wins, compaction, one name per person, what stays on disk."""

import glob
import os

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.build import build_store
from analysis.ingest import make_article
from analysis.store import compact_store, list_batches, load_corpus


def test_seed_store_loads_with_quotes_and_countries(seed_store):
    corpus = load_corpus(seed_store)
    assert len(corpus.articles) == 1
    assert len(corpus.quotes) >= 14
    assert {"RUS", "UKR", "DEU"} <= set(corpus.quote_countries["iso3"])
    assert set(corpus.quote_countries["quote_id"]) <= set(corpus.quotes["quote_id"])


def test_compaction_keeps_newest_copies(fresh_store):
    build_store(fresh_store, [make_article("Scholz said Germany will help.", "x")])
    before = load_corpus(fresh_store)
    assert compact_store(fresh_store) == 2
    after = load_corpus(fresh_store)
    assert len(list_batches(fresh_store)) == 1
    pd.testing.assert_frame_equal(before.articles.sort_values("article_id").reset_index(drop=True),
                                  after.articles.sort_values("article_id").reset_index(drop=True))
    assert len(after.quotes) == len(before.quotes)
    assert after.quotes.set_index("quote_id")["segments"].to_dict() == \
        before.quotes.set_index("quote_id")["segments"].to_dict()


def test_segments_load_as_tuples_of_offset_pairs(seed_store, seed_analysis):
    quotes = load_corpus(seed_store).quotes
    assert quotes["segments"].tolist() == [q.segments for q in seed_analysis.quotes]
    assert sum(len(s) for s in quotes["segments"]) >= 14
    assert all(isinstance(pair, tuple) and all(isinstance(o, int) for o in pair)
               for segments in quotes["segments"] for pair in segments)


@pytest.mark.parametrize("categorical", [False, True])
def test_a_store_written_before_segments_loads_them_empty(fresh_store, categorical):
    """Stores of analysis versions before 1.5 have no segments column."""
    (path,) = glob.glob(os.path.join(fresh_store, "batches", "*", "quotes.parquet"))
    old = pq.read_table(path)
    pq.write_table(old.drop_columns(["segments"]), path)
    quotes = load_corpus(fresh_store, categorical=categorical).quotes
    assert len(quotes) == old.num_rows
    assert set(quotes["segments"]) == {()}


def test_one_person_has_one_name_across_articles(tmp_path):
    articles = [make_article("Russian President Vladimir Putin said on Friday that talks were possible.", "a"),
                make_article("Putin said the West was to blame for the war.", "b")]
    build_store(str(tmp_path / "s"), articles)
    corpus = load_corpus(str(tmp_path / "s"))
    speakers = set(corpus.quotes["speaker"].dropna())
    assert "Vladimir Putin" in speakers and "Putin" not in speakers
    people = corpus.mentions[corpus.mentions["kind"] == "person"]
    assert set(people["key"]) == {"Vladimir Putin"}


def test_loading_only_some_mention_kinds(seed_store):
    full = load_corpus(seed_store)
    places = load_corpus(seed_store, mention_kinds=("country", "region"))
    assert set(full.mentions["kind"]) >= {"country", "person"}
    assert set(places.mentions["kind"]) <= {"country", "region"}
    assert len(places.mentions) == full.mentions["kind"].isin(["country", "region"]).sum()


def test_texts_can_stay_on_disk(seed_store, seed_text):
    from analysis.store import article_texts, with_texts

    corpus = load_corpus(seed_store, texts=False)
    assert "text" not in corpus.articles.columns
    article_id = corpus.articles["article_id"].iloc[0]
    assert article_texts(seed_store, [article_id]) == {article_id: seed_text}
    assert article_texts(seed_store, ["no-such-id"]) == {}
    view = with_texts(corpus, seed_store, [article_id])
    assert view.articles["text"].tolist() == [seed_text]
    assert "text" not in corpus.articles.columns  # the loaded corpus is untouched


def test_statement_topic_hits_only(seed_store):
    full = load_corpus(seed_store)
    statements = load_corpus(seed_store, sentence_topics=False)
    spans = set(zip(full.quotes["article_id"], full.quotes["start"], full.quotes["end"], strict=True))
    kept = set(zip(statements.topic_hits["article_id"], statements.topic_hits["start"],
                   statements.topic_hits["end"], strict=True))
    assert kept and kept <= spans
    assert 0 < len(statements.topic_hits) < len(full.topic_hits)


def test_categorical_loading_holds_repeated_strings_as_categories(two_article_store):
    from analysis.query import plain_strings
    from analysis.store import CATEGORICAL_COLUMNS

    plain = load_corpus(two_article_store)
    compact = load_corpus(two_article_store, categorical=True)
    assert not any(isinstance(d, pd.CategoricalDtype) for t in CATEGORICAL_COLUMNS
                   for d in getattr(plain, t).dtypes)  # the command line's default is unchanged
    for table, columns in CATEGORICAL_COLUMNS.items():
        frame = getattr(compact, table)
        assert all(isinstance(frame[c].dtype, pd.CategoricalDtype) for c in columns), table
        # Sorted categories: sorting by a categorical orders like sorting the strings.
        assert all(frame[c].cat.categories.is_monotonic_increasing for c in columns), table
        pd.testing.assert_frame_equal(plain_strings(frame), getattr(plain, table))
    assert str(compact.quotes["speaker"].cat.categories.dtype) == "str"
    assert len(compact.quotes["article_id"].cat.categories) == 2


def test_a_store_without_batches_loads_empty(tmp_path):
    from analysis.query import Filters, filter_quotes

    (tmp_path / "s" / "batches").mkdir(parents=True)
    for options in ({}, {"categorical": True, "texts": False, "sentence_topics": False}):
        corpus = load_corpus(str(tmp_path / "s"), **options)
        assert corpus.is_empty and corpus.quotes.empty
        assert {"title", "date", "outlet"} <= set(corpus.quotes.columns)
        assert filter_quotes(corpus, Filters()).empty


@pytest.mark.parametrize("acts, kept", [
    (None, {"speech", "stance"}),
    (("speech",), {"speech"}),
    (("stance",), {"stance"}),
    ((), set()),
])
def test_load_keeps_only_the_statements_of_the_acts_asked_for(fresh_store, acts, kept):
    build_store(fresh_store, [make_article(
        "Scholz said Germany will help Ukraine. Merkel wants more visas for students. "
        "Macron declined to comment on the talks.", "acts")])
    every = load_corpus(fresh_store, acts=None).quotes
    assert {"speech", "stance"} <= set(every["act"])  # the article has both, else the cases say nothing
    loaded = load_corpus(fresh_store, acts=acts).quotes
    assert set(loaded["act"]) == kept
    assert len(loaded) == int(every["act"].isin(kept).sum())


def test_a_statement_stored_before_acts_existed_counts_as_speech(fresh_store):
    from analysis.store import STATEMENT_ACTS

    build_store(fresh_store, [make_article("Merkel wants more visas for students.", "stance")])
    assert "stance" in set(load_corpus(fresh_store, acts=None).quotes["act"])
    paths = glob.glob(os.path.join(fresh_store, "batches", "*", "quotes.parquet"))
    assert paths
    for path in paths:
        pq.write_table(pq.read_table(path).drop(["act"]), path)
    quotes = load_corpus(fresh_store, acts=STATEMENT_ACTS).quotes
    assert len(quotes) == len(load_corpus(fresh_store).quotes) > 0
