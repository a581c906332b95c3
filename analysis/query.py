"""Filtering and aggregating the loaded corpus: the data layer under every dashboard page.

Pure pandas, no streamlit. Functions never modify the :class:`~analysis.store.Corpus`
frames they receive (those are cached and shared between sessions); they return new frames.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from analysis.store import Corpus


@dataclass(frozen=True)
class Filters:
    """The user's selection; an empty tuple means "all".

    Attributes:
        countries: ISO-3 codes; a statement matches when it names any of them.
        topics: Topic ids; a statement matches when it has any of them.
        speakers: Canonical speaker names.
        articles: Article ids.
        search: Case-insensitive text that the quote, speaker or article title must contain.
    """

    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    search: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return not (self.countries or self.topics or self.speakers or self.articles or self.search)


def _rows_with(long: pd.DataFrame, column: str, values: tuple[str, ...], size: int) -> np.ndarray:
    """Boolean mask over ``corpus.quotes`` of statements with any of ``values`` in a long table."""
    mask = np.zeros(size, dtype=bool)
    mask[long.loc[long[column].isin(values), "row"].to_numpy()] = True
    return mask


def filter_quotes(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """Statements matching all given filters (any value within one filter).

    Returns:
        A new DataFrame of rows of ``corpus.quotes``.
    """
    quotes = corpus.quotes
    mask = np.ones(len(quotes), dtype=bool)
    for values, long, column in ((filters.countries, corpus.quote_countries, "iso3"),
                                 (filters.topics, corpus.quote_topics, "topic")):
        if not values:
            continue
        if "row" in long.columns:
            mask &= _rows_with(long, column, values, len(quotes))
        else:  # a Corpus built by hand without row positions
            mask &= quotes["quote_id"].isin(long.loc[long[column].isin(values), "quote_id"]).to_numpy()
    if filters.speakers:
        mask &= quotes["speaker"].isin(filters.speakers).to_numpy()
    if filters.articles:
        mask &= quotes["article_id"].isin(filters.articles).to_numpy()
    if filters.search.strip():
        needle = filters.search.strip()
        hay = (quotes["text"].fillna("") + "\n" + quotes["speaker"].fillna("") + "\n"
               + quotes["title"].fillna(""))
        mask &= hay.str.contains(needle, case=False, regex=False).to_numpy()
    if mask.all():
        return quotes.copy(deep=False)  # copy-on-write: a new frame sharing the data until written
    # Boolean indexing builds a new frame; under copy-on-write no second copy is needed.
    return quotes[mask]


def speaker_counts(quotes: pd.DataFrame, limit: int = 20) -> pd.DataFrame:
    """Statements per speaker (unattributed ones as "(unknown)"), most first."""
    names = quotes["speaker"].fillna("(unknown)")
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


def country_pairs(quotes: pd.DataFrame) -> pd.DataFrame:
    """How often two countries are named in the same statement (``a``, ``b``, ``statements``)."""
    counter: Counter = Counter()
    for codes in quotes["countries"]:
        for a, b in combinations(sorted(set(codes)), 2):
            counter[(a, b)] += 1
    rows = [(a, b, n) for (a, b), n in counter.most_common()]
    return pd.DataFrame(rows, columns=["a", "b", "statements"])


def cross_counts(quotes: pd.DataFrame, row: str, column: str) -> pd.DataFrame:
    """Long table of statement counts and mean tone for each pair of values.

    Args:
        quotes: Filtered statements.
        row: ``"speaker"``, ``"countries"`` or ``"topics"``.
        column: Another of those.

    Returns:
        Columns ``row``, ``column``, ``statements``, ``tone`` (mean VADER compound).
    """
    frame = quotes[["quote_id", "speaker", "countries", "topics", "tone"]].copy()
    frame["speaker"] = frame["speaker"].fillna("(unknown)")
    for name in {row, column} & {"countries", "topics"}:
        frame = frame.explode(name)
    frame = frame.dropna(subset=[row, column])
    if frame.empty:
        return pd.DataFrame(columns=[row, column, "statements", "tone"])
    grouped = frame.groupby([row, column], sort=False).agg(statements=("quote_id", "nunique"),
                                                         tone=("tone", "mean"))
    return grouped.reset_index().sort_values("statements", ascending=False, ignore_index=True)


def statements_over_time(quotes: pd.DataFrame, freq: str = "MS") -> pd.DataFrame:
    """Statements per period by article date (``period``, ``statements``); undated ones left out."""
    dates = pd.to_datetime(quotes["date"], errors="coerce").dropna()
    if dates.empty:
        return pd.DataFrame(columns=["period", "statements"])
    counts = dates.dt.to_period(freq[0]).value_counts().sort_index()
    return pd.DataFrame({"period": counts.index.to_timestamp(), "statements": counts.to_numpy()})


def option_values(corpus: Corpus) -> dict[str, list[str]]:
    """Values offered in the filter widgets, most frequent first."""
    speakers = corpus.quotes["speaker"].dropna().value_counts().index.tolist()
    countries = corpus.quote_countries["iso3"].value_counts().index.tolist()
    mentioned = corpus.mentions.loc[corpus.mentions["kind"] == "country", "key"].value_counts().index
    countries += [c for c in mentioned if c not in countries]
    topics = corpus.quote_topics["topic"].value_counts().index.tolist()
    topics += [t for t in corpus.topic_hits["topic"].value_counts().index if t not in topics]
    return {"country": countries, "topic": topics, "speaker": speakers}
