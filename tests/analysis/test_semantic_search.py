"""Search by meaning (analysis.semantic_search) through analysis.query.filter_quotes."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

from analysis import semantic_search
from analysis.query import Filters, describe_filters, filter_quotes
from analysis.store import load_corpus

ENERGY = r"\b(?:gas|oil|pipelines?|fuel|gazprom|lng)\b"


@pytest.fixture(scope="module")
def corpus(shared_corpus_store, tmp_path_factory):
    """The 300 shared articles, loaded with their vector index in a copy of the store."""
    import shutil

    store = str(tmp_path_factory.mktemp("semantic") / "store")
    shutil.copytree(shared_corpus_store, store, ignore=shutil.ignore_patterns(semantic_search.INDEX_FILE))
    loaded = load_corpus(store)
    semantic_search.set_index_location(loaded, store)
    return loaded


def test_energy_security_finds_gas_and_pipeline_statements_without_either_word(corpus):
    found = filter_quotes(corpus, Filters(search="~energy security"))
    texts = found["text"].astype(str)
    without_words = texts[~texts.str.contains(r"energy|security", case=False)]
    assert without_words.str.contains(ENERGY, case=False).any(), without_words.head(20).tolist()
    assert (found["similarity"] >= semantic_search.MIN_SIMILARITY).all()
    assert found["similarity"].max() <= 1.0001


def test_the_best_matches_of_a_topic_are_on_that_topic(corpus):
    found = filter_quotes(corpus, Filters(search="~climate change")).sort_values("similarity", ascending=False)
    top = found["text"].astype(str).head(5)
    assert top.str.contains(r"climate|warming|emission|kyoto|carbon", case=False).sum() >= 4, top.tolist()


# Searches that must find nothing, and why.
NOTHING_CASES = [
    ("~", "nothing to search for"),
    ("~   ", "nothing to search for"),
    ("~ ?!; ...", "nothing to search for"),
    ("~xqzvw blorft kramp", "none of the words is known"),
    ("~asdf qwpoe", "none of the words is known"),
    ("~the and of", "only common words"),
]


@pytest.mark.parametrize(("raw", "note"), NOTHING_CASES)
def test_empty_stopword_and_gibberish_searches_find_nothing(corpus, raw, note):
    query = semantic_search.parse_meaning(raw, corpus)
    assert query.is_empty and any(note in n for n in query.notes), query
    assert filter_quotes(corpus, Filters(search=raw)).empty


def test_meaning_combines_with_the_other_filters(corpus):
    everything = filter_quotes(corpus, Filters(search="~sanctions on Russia"))
    speaker = everything["speaker"].astype(str).value_counts().index[0]
    narrowed = filter_quotes(corpus, Filters(search="~sanctions on Russia", speakers=(speaker,)))
    assert 0 < len(narrowed) < len(everything)
    assert set(narrowed["quote_id"]) <= set(everything["quote_id"])
    assert (narrowed["speaker"].astype(str) == speaker).all()


def test_vectors_are_saved_beside_the_store_and_read_back(corpus):
    semantic_search.statement_vectors(corpus)
    folder = corpus.derived["vector_index_dir"]
    path = os.path.join(folder, semantic_search.INDEX_FILE)
    assert os.path.exists(path)
    assert not [n for n in os.listdir(folder) if n.startswith(".statement_vectors-")]
    again = load_corpus(folder)
    semantic_search.set_index_location(again, folder)
    # Read back, not encoded again: equal to the first vectors up to float16 rounding.
    assert np.abs(semantic_search.statement_vectors(again) - corpus.derived["statement_vectors"]).max() < 2e-3


def test_a_stale_or_broken_index_is_replaced(corpus, tmp_path):
    quotes = corpus.quotes.head(3).reset_index(drop=True)
    small = type(corpus)(**{**{f: getattr(corpus, f) for f in ("articles", "mentions", "keywords", "topic_hits",
                                                               "quote_countries", "quote_topics")},
                            "quotes": quotes})
    (tmp_path / semantic_search.INDEX_FILE).write_bytes(b"not an index")
    semantic_search.set_index_location(small, str(tmp_path))
    vectors = semantic_search.statement_vectors(small)
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    with np.load(tmp_path / semantic_search.INDEX_FILE) as saved:
        assert len(saved["digests"]) == len(set(quotes["text"].astype(str)))


def test_an_empty_corpus_finds_nothing_without_encoding(corpus):
    empty = type(corpus)(**{f: getattr(corpus, f).head(0) for f in ("articles", "quotes", "mentions", "keywords",
                                                                    "topic_hits", "quote_countries", "quote_topics")})
    assert filter_quotes(empty, Filters(search="~energy")).empty


DESCRIBE_CASES = [
    ("~energy security", "close in meaning to “energy security”"),
    ("~", "nothing typed"),
]


@pytest.mark.parametrize(("raw", "words"), DESCRIBE_CASES)
def test_the_description_says_it_is_a_search_by_meaning(raw, words):
    assert words in describe_filters(Filters(search=raw))


def test_a_long_query_is_cut_with_a_note():
    query = semantic_search.parse_meaning("~" + "energy " * 100)
    assert len(query.text) <= semantic_search.MAX_QUERY_CHARS and query.notes


def test_a_full_text_search_has_no_similarity(corpus):
    assert "similarity" not in filter_quotes(corpus, Filters(search="gas")).columns
    assert isinstance(filter_quotes(corpus, Filters(search="gas")), pd.DataFrame)
