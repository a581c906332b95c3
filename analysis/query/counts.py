"""What the charts count in a selection of statements: speakers, countries, topics, pairs, crossed
tables, periods; the filter widgets' values.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import numpy as np
import pandas as pd

from analysis.query.categoricals import plain_strings, strings
from analysis.store import Corpus


def speaker_labels(quotes: pd.DataFrame) -> pd.Series:
    """Each statement's speaker as the app shows it: the canonical name, else "unnamed source
    (a spokesman for the ministry)" from its ``speaker_description``, else "(unknown)".
    """
    names = strings(quotes["speaker"])
    if "speaker_description" in quotes.columns:
        names = names.fillna("unnamed source (" + strings(quotes["speaker_description"]) + ")")
    return names.fillna("(unknown)")


def speaker_counts(quotes: pd.DataFrame, limit: int = 20) -> pd.DataFrame:
    """Statements per named speaker, most first: unnamed sources and unattributed statements are
    nobody's and never top a chart.
    """
    names = strings(quotes["speaker"]).dropna()
    counts = names.value_counts().head(limit)
    return pd.DataFrame({"speaker": counts.index.astype(str), "statements": counts.to_numpy()})


def country_counts(quotes: pd.DataFrame) -> pd.DataFrame:
    """Statements naming each country, most first (column ``iso3``, ``statements``)."""
    counter = Counter(code for codes in quotes["countries"] for code in codes)
    rows = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return pd.DataFrame(rows, columns=["iso3", "statements"])


def topic_counts(quotes: pd.DataFrame) -> pd.DataFrame:
    """Statements per topic id, most first (``topic``, ``statements``)."""
    counter = Counter(topic for topics in quotes["topics"] for topic in topics)
    rows = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return pd.DataFrame(rows, columns=["topic", "statements"])


def country_mentions(corpus: Corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """Country mentions (``key``, ``evidence``, ``via``) in the articles of the given statements,
    as plain strings.
    """
    mentions = corpus.mentions
    chosen = (mentions["kind"] == "country") & mentions["article_id"].isin(quotes["article_id"].unique())
    return plain_strings(mentions.loc[chosen, ["key", "evidence", "via"]])


def evidence_words(mentions: pd.DataFrame, limit: int = 6) -> dict[str, str]:
    """iso3 -> the ``limit`` most frequent words that named the country, comma-separated (map hovers)."""
    if mentions.empty:
        return {}
    # Counters, not a grouped value_counts per country: that was most of a map's cost on a new view.
    words: dict[str, Counter] = {}
    for key, evidence in zip(strings(mentions["key"]).tolist(), strings(mentions["evidence"]).tolist(), strict=True):
        if isinstance(evidence, str):  # as value_counts did, no missing words
            words.setdefault(key, Counter())[evidence] += 1
    return {key: ", ".join(word for word, _ in counts.most_common(limit)) for key, counts in sorted(words.items())}


def country_pairs(quotes: pd.DataFrame) -> pd.DataFrame:
    """How often two countries are named in the same statement (``a``, ``b``, ``statements``)."""
    counter: Counter = Counter()
    for codes in quotes["countries"]:
        for a, b in combinations(sorted(set(codes)), 2):
            counter[(a, b)] += 1
    rows = [(a, b, n) for (a, b), n in counter.most_common()]
    return pd.DataFrame(rows, columns=["a", "b", "statements"])


def _long_values(quotes: pd.DataFrame, name: str, corpus: Corpus | None) -> pd.DataFrame:
    """Long table (``row``, ``name``) of one dimension of the given statements."""
    if name == "speaker":
        speakers = strings(quotes["speaker"]).fillna("(unknown)")
        return pd.DataFrame({"row": quotes.index.to_numpy(), name: speakers.to_numpy()})
    column = {"countries": "iso3", "topics": "topic"}[name]
    long = None if corpus is None else (corpus.quote_countries if name == "countries" else corpus.quote_topics)
    if long is not None and "row" in long.columns:
        # ``quotes`` is a selection of ``corpus.quotes`` and keeps its index, the ``row`` positions.
        chosen = long[np.isin(long["row"].to_numpy(), quotes.index.to_numpy())]
        return pd.DataFrame({"row": chosen["row"].to_numpy(), name: chosen[column].to_numpy()})
    exploded = quotes[name].explode().dropna()
    return pd.DataFrame({"row": exploded.index.to_numpy(), name: exploded.to_numpy()})


def cross_counts(quotes: pd.DataFrame, row: str, column: str, corpus: Corpus | None = None) -> pd.DataFrame:
    """Long table of statement counts and mean tone for each pair of values.

    Args:
        quotes: Filtered statements (rows of ``corpus.quotes`` with their original index).
        row: ``"speaker"``, ``"countries"`` or ``"topics"``.
        column: Another of those.
        corpus: The corpus ``quotes`` came from; its long tables make this fast on large
            selections (without it the list columns are exploded).

    Returns:
        Columns ``row``, ``column``, ``statements``, ``tone`` (mean VADER compound).
    """
    if quotes.empty:
        return pd.DataFrame(columns=[row, column, "statements", "tone"])
    pairs = _long_values(quotes, row, corpus).merge(_long_values(quotes, column, corpus), on="row")
    if pairs.empty:
        return pd.DataFrame(columns=[row, column, "statements", "tone"])
    pairs["tone"] = quotes["tone"].reindex(pairs["row"].to_numpy()).to_numpy()
    grouped = pairs.groupby([row, column], sort=False).agg(statements=("row", "nunique"), tone=("tone", "mean"))
    return grouped.reset_index().sort_values("statements", ascending=False, ignore_index=True)


def statements_over_time(quotes: pd.DataFrame, freq: str = "MS") -> pd.DataFrame:
    """Statements per period by article date (``period``, ``statements``); undated ones left out."""
    dates = pd.to_datetime(quotes["date"], errors="coerce").dropna()
    if dates.empty:
        return pd.DataFrame(columns=["period", "statements"])
    counts = dates.dt.to_period(freq[0]).value_counts().sort_index()
    return pd.DataFrame({"period": counts.index.to_timestamp(), "statements": counts.to_numpy()})


def _most_frequent_first(values: pd.Series) -> list[str]:
    """Distinct values, most frequent first; ties in alphabetical order (so any engine gives one order)."""
    counts = values.value_counts(sort=False)
    return [value for value, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def option_values(corpus: Corpus) -> dict[str, list[str]]:
    """Values offered in the filter widgets, most frequent first (ties alphabetical)."""
    speakers = _most_frequent_first(strings(corpus.quotes["speaker"]).dropna())
    countries = _most_frequent_first(strings(corpus.quote_countries["iso3"]))
    mentioned = _most_frequent_first(strings(corpus.mentions.loc[corpus.mentions["kind"] == "country", "key"]))
    countries += [c for c in mentioned if c not in countries]
    topics = _most_frequent_first(strings(corpus.quote_topics["topic"]))
    topics += [t for t in _most_frequent_first(strings(corpus.topic_hits["topic"])) if t not in topics]
    return {"country": countries, "topic": topics, "speaker": speakers}



def undated_statements(quotes: pd.DataFrame) -> int:
    """How many statements have no readable article date (left out of every time chart)."""
    return int(pd.to_datetime(quotes["date"], errors="coerce").isna().sum()) if len(quotes) else 0
