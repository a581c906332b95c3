"""Filtering statements by the countries they mention or are about (analysis.query), on the seed store."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.query import Filters, article_focus, describe_filters, filter_quotes, quote_about
from analysis.store import load_corpus


@pytest.fixture(scope="module")
def corpus(seed_store):
    return load_corpus(seed_store)


def test_every_statement_has_an_about_column_within_its_countries(corpus):
    quotes = corpus.quotes
    assert "about" in quotes.columns
    assert all(set(about) <= set(countries) for about, countries in zip(quotes["about"], quotes["countries"],
                                                                          strict=True))
    assert any(len(about) for about in quotes["about"])


@pytest.mark.parametrize("code", ["DEU", "RUS", "USA", "UKR"])
def test_about_is_a_subset_of_mentioned(corpus, code):
    mentioned = filter_quotes(corpus, Filters(countries=(code,)))
    about = filter_quotes(corpus, Filters(countries=(code,), country_scope="about"))
    assert set(about["quote_id"]) <= set(mentioned["quote_id"])
    assert all(code in codes for codes in about["about"])


def test_about_differs_from_mentioned_somewhere(corpus):
    differ = [code for code in ("DEU", "RUS", "USA", "UKR", "ITA")
              if len(filter_quotes(corpus, Filters(countries=(code,), country_scope="about")))
              != len(filter_quotes(corpus, Filters(countries=(code,))))]
    assert differ or (corpus.quotes["about"].map(tuple) == corpus.quotes["countries"].map(tuple)).all()


def test_scope_without_countries_filters_nothing(corpus):
    assert len(filter_quotes(corpus, Filters(country_scope="about"))) == len(corpus.quotes)


def test_unknown_scope_is_a_clear_error(corpus):
    with pytest.raises(ValueError, match="country scope"):
        filter_quotes(corpus, Filters(countries=("DEU",), country_scope="nearby"))


def test_about_table_is_cached_and_matches_the_column(corpus):
    table = quote_about(corpus)
    assert quote_about(corpus) is table
    exploded = corpus.quotes["about"].explode().dropna()
    assert len(table) == len(exploded)
    assert list(table.columns) == ["quote_id", "iso3", "row"]


def test_a_store_without_the_column_has_no_about_statements(corpus):
    from dataclasses import replace

    old = replace(corpus, quotes=corpus.quotes.drop(columns=["about"]), derived={})
    assert filter_quotes(old, Filters(countries=("DEU",), country_scope="about")).empty
    assert isinstance(quote_about(old), pd.DataFrame)


def test_filters_in_words_say_mentioned_or_about():
    assert describe_filters(Filters(countries=("DEU",))) == "Statements naming Germany"
    assert describe_filters(Filters(countries=("DEU",), country_scope="about")) == "Statements mainly about Germany"


@pytest.mark.parametrize(("filters", "words"), [
    (Filters(countries=("DEU", "FRA")), "Statements naming Germany or France"),  # any of them, not both
    (Filters(countries=("DEU", "ATA", "FRA")), "Statements naming Germany, Antarctica or France"),
    (Filters(topics=("war", "arms"), speakers=("Tony Blair",)), "Statements on War & conflict or Arms & weapons "
                                                               "supplies; by Tony Blair"),
    (Filters(min_confidence=0.5), "Statements with confidence at least 50%"),  # was "Statements confidence at ..."
    (Filters(), "All statements"),
])
def test_filters_in_words_say_any_of_the_values(filters, words):
    assert describe_filters(filters) == words


def test_article_focus_from_the_store_is_the_pipelines(corpus, seed_analysis):
    table = article_focus(corpus)
    assert article_focus(corpus) is table
    assert list(table.columns) == ["article_id", "iso3", "rank"]
    seed = table.sort_values("rank")
    assert tuple(seed["iso3"]) == seed_analysis.focus == ("RUS",)
    assert list(seed["rank"]) == list(range(1, len(seed) + 1))


def test_article_focus_without_texts_and_without_mentions(corpus):
    from dataclasses import replace

    no_texts = replace(corpus, articles=corpus.articles.drop(columns=["text"]), derived={})
    assert tuple(article_focus(no_texts)["iso3"]) == ("RUS",)
    no_mentions = replace(corpus, mentions=corpus.mentions.iloc[0:0], derived={})
    assert article_focus(no_mentions).empty
