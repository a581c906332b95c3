"""The data layer under the pages: filters and aggregates on the seed store."""

import pandas as pd
import pytest

from analysis.query import (
    Filters,
    country_counts,
    country_mentions,
    country_pairs,
    cross_counts,
    evidence_words,
    filter_quotes,
    option_values,
    speaker_counts,
    speaker_labels,
    strings,
)
from analysis.store import load_corpus


@pytest.fixture(scope="module")
def corpus(seed_store):
    return load_corpus(seed_store)


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        (Filters(), lambda q, c: len(q) == len(c.quotes)),
        (Filters(countries=("DEU",)), lambda q, c: 0 < len(q) < len(c.quotes)
         and all("DEU" in codes for codes in q["countries"])),
        (Filters(countries=("ITA", "DEU")), lambda q, c: all({"ITA", "DEU"} & set(codes) for codes in q["countries"])),
        (Filters(speakers=("Vladimir Putin",)), lambda q, c: len(q) >= 14 and set(q["speaker"]) == {"Vladimir Putin"}),
        (Filters(speakers=("Nobody",)), lambda q, c: q.empty),
        (Filters(countries=("FRA",)), lambda q, c: q.empty),
        (Filters(search="nonsense"), lambda q, c: len(q) >= 1 and all("nonsense" in t.lower() for t in q["text"])),
        (Filters(min_confidence=0.5), lambda q, c: 0 < len(q) < len(c.quotes) and (q["confidence"] >= 0.5).all()),
        (Filters(min_confidence=1.01), lambda q, c: q.empty),
        (Filters(speakers=("Vladimir Putin",), min_confidence=0.5),
         lambda q, c: 0 < len(q) and set(q["speaker"]) == {"Vladimir Putin"} and (q["confidence"] >= 0.5).all()),
    ],
)
def test_filter_quotes(corpus, filters, check):
    assert check(filter_quotes(corpus, filters), corpus)


def test_statements_without_confidence_are_kept(corpus):
    """A store made before the confidence model has no confidences: the filter keeps them all."""
    from dataclasses import replace

    quotes = corpus.quotes.assign(confidence=None)
    bare = replace(corpus, quotes=quotes, derived={})
    assert len(filter_quotes(bare, Filters(min_confidence=0.9))) == len(quotes)


def test_filtering_does_not_touch_the_cached_frames(corpus):
    before = corpus.quotes.copy()
    result = filter_quotes(corpus, Filters(countries=("DEU",)))
    result["text"] = "changed"
    assert corpus.quotes.equals(before)


def test_aggregates(corpus):
    quotes = corpus.quotes
    assert speaker_counts(quotes).iloc[0]["speaker"] == "Vladimir Putin"
    counts = country_counts(quotes).set_index("iso3")["statements"]
    assert counts["RUS"] >= counts.get("ITA", 0) > 0
    pairs = country_pairs(quotes)
    assert ((pairs["a"] == "DEU") & (pairs["b"] == "RUS")).any()
    cross = cross_counts(quotes, "speaker", "countries")
    assert set(cross.columns) == {"speaker", "countries", "statements", "tone"}
    assert cross["tone"].between(-1, 1).all()


def test_option_values_lists_what_filters_can_select(corpus):
    options = option_values(corpus)
    assert options["speaker"][0] == "Vladimir Putin"
    assert set(options["country"]) == {"RUS", "UKR", "ITA", "DEU", "USA"}
    assert options["topic"]


@pytest.mark.parametrize("pair", [("speaker", "countries"), ("speaker", "topics"), ("topics", "countries")])
@pytest.mark.parametrize("filters", [Filters(), Filters(countries=("DEU",)), Filters(countries=("FRA",))])
def test_cross_counts_from_long_tables_equals_exploding(corpus, pair, filters):
    quotes = filter_quotes(corpus, filters)
    fast = cross_counts(quotes, *pair, corpus)
    slow = cross_counts(quotes, *pair)
    key = list(pair)
    fast = fast.sort_values(key).reset_index(drop=True)
    slow = slow.sort_values(key).reset_index(drop=True)
    assert fast[key + ["statements"]].astype(str).equals(slow[key + ["statements"]].astype(str))
    assert (fast["tone"].round(6).tolist() == slow["tone"].round(6).tolist())


@pytest.mark.parametrize(
    "values",
    [["Putin", None, "Scholz", "Putin"], [None, None], [], ["Meloni"]],
    ids=["mixed", "all missing", "empty", "one"],
)
def test_strings_turns_a_categorical_into_the_plain_column(values):
    plain = pd.Series(values, index=range(10, 10 + len(values)), name="speaker", dtype="str")
    converted = strings(plain.astype("category"))
    pd.testing.assert_series_equal(converted, plain)
    assert strings(plain) is plain  # other dtypes are returned as they are


def test_country_mentions_and_their_words_for_the_map(seed_store):
    corpus = load_corpus(seed_store, categorical=True)
    quotes = filter_quotes(corpus, Filters(countries=("DEU",)))
    mentions = country_mentions(corpus, quotes)
    assert list(mentions.columns) == ["key", "evidence", "via"]
    assert not any(isinstance(dtype, pd.CategoricalDtype) for dtype in mentions.dtypes)
    words = evidence_words(mentions)
    assert "German" in words["DEU"].split(", ") and "Germany" in words["DEU"].split(", ")
    assert all(len(value.split(", ")) <= 6 for value in words.values())
    assert evidence_words(mentions.iloc[:0]) == {}


def test_unnamed_sources_are_labelled_and_never_top_the_speakers():
    quotes = pd.DataFrame({
        "speaker": pd.Categorical([None, None, None, "Vladimir Putin", None]),
        "speaker_description": [None, "a spokesman for the ministry", "officials", None, "officials"],
    })
    assert speaker_labels(quotes).tolist() == [
        "(unknown)", "unnamed source (a spokesman for the ministry)", "unnamed source (officials)",
        "Vladimir Putin", "unnamed source (officials)",
    ]
    assert speaker_counts(quotes)["speaker"].tolist() == ["Vladimir Putin"]

