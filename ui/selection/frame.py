"""The selection as pandas on the loaded corpus (:class:`FrameSelection`): a fresh seed store, an
object-store URL, an upload the warehouse does not hold yet, corrections in force, a search by meaning.
"""

from __future__ import annotations

import dataclasses
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.query import (
    REPRESENTATIVE_SAMPLE,
    Filters,
    country_counts,
    country_pairs,
    cross_counts,
    filter_quotes,
    phrase_counts,
    speaker_counts,
    statement_keywords,
    statements_over_time,
    strings,
    tone_by_target,
    tone_measure,
    topic_counts,
    undated_statements,
)
from analysis.store import Corpus
from ui.brief.select import representative_order
from ui.charts import TONE_BINS
from ui.compare import PHRASES_KEPT, compare_counts, ends, side_counts, side_quotes
from ui.selection.base import SOURCE_FIELDS, Selection


class FrameSelection(Selection):
    """The selection as pandas on the loaded corpus (today's path)."""

    def __init__(self, corpus: Corpus, filters: Filters, quotes: pd.DataFrame | None = None) -> None:
        """The statements of ``corpus`` matching ``filters``, or the given ``quotes`` (rows of
        ``corpus.quotes`` chosen otherwise: the selection is then private, its answers not shared).
        """
        super().__init__(filters, private=quotes is not None)
        self.corpus = corpus
        if quotes is not None:
            self.__dict__["quotes"] = quotes  # the cached property's value

    def narrowed(self, speaker):
        """The selected statements of ``speaker`` only (private when this selection is)."""
        quotes = self.quotes
        mine = quotes[(strings(quotes["speaker"]) == speaker).to_numpy()]
        narrowed = dataclasses.replace(self.filters, speakers=(speaker,))
        return FrameSelection(self.corpus, narrowed, mine if self.private else None)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """The selected statements (rows of ``corpus.quotes``, shared between sessions)."""
        return self._shared("statements", lambda: filter_quotes(self.corpus, self.filters))

    def _summary(self):
        quotes = self.quotes
        return {"statements": len(quotes), "speakers": int(quotes["speaker"].nunique()),
                "articles": int(quotes["article_id"].nunique()), "no_date": int(quotes["date"].isna().sum())}

    def _speaker_counts(self):
        return speaker_counts(self.quotes, limit=len(self.quotes))

    def _country_counts(self):
        return country_counts(self.quotes)

    def _topic_counts(self):
        return topic_counts(self.quotes)

    def _country_pairs(self):
        return country_pairs(self.quotes)

    def _cross_counts(self, row, column):
        return _ties_by_value(cross_counts(self.quotes, row, column, self.corpus), row, column)

    def _tone_by_target(self, row, column):
        return _ties_by_value(tone_by_target(self.quotes, row, column, self.corpus), row, column)

    def _tone_measure(self, row, column):
        return tone_measure(self.quotes, row, column)

    def _over_time(self):
        return statements_over_time(self.quotes)

    def _undated(self):
        return undated_statements(self.quotes)

    def _keywords(self, top_n):
        return statement_keywords(self.corpus, self.quotes, top_n=top_n)

    def _tone_bins(self):
        tone = pd.to_numeric(self.quotes["tone"], errors="coerce").dropna().to_numpy(dtype=float)
        bins = np.clip(np.floor((tone + 1) * TONE_BINS / 2), 0, TONE_BINS - 1).astype(int)
        counts = np.bincount(bins, minlength=TONE_BINS)
        present = np.flatnonzero(counts)
        return pd.DataFrame({"bin": present.astype("int64"), "statements": counts[present].astype("int64")})

    def _country_evidence(self):
        mentions = self.corpus.mentions
        chosen = (mentions["kind"] == "country") & mentions["article_id"].isin(self.quotes["article_id"].unique())
        picked = pd.DataFrame({column: strings(mentions.loc[chosen, column]) for column in ("key", "evidence", "via")})
        picked["place"] = np.flatnonzero(chosen.to_numpy())
        grouped = picked.groupby(["key", "evidence", "via"], dropna=False)["place"]
        return pd.DataFrame({"mentions": grouped.size(), "first": grouped.min()}).reset_index()

    def _narrowed(self, speaker, topic) -> pd.DataFrame:
        quotes = self.quotes
        if speaker is not None:
            quotes = quotes[strings(quotes["speaker"]) == speaker]
        if topic is not None:
            quotes = quotes[[topic in topics for topics in quotes["topics"]]]
        return quotes

    def _rows(self, columns, recent, limit, offset, speaker, topic):
        quotes = self._narrowed(speaker, topic)
        if recent and "similarity" in quotes.columns:
            quotes = quotes.sort_values(["similarity", "date"], ascending=[False, False], na_position="last")
            columns = (*columns, "similarity")
        elif recent:
            quotes = quotes.sort_values(["date", "article_id", "start"], ascending=[False, True, True],
                                        na_position="last")
        stop = None if limit is None else offset + limit
        return quotes.iloc[offset:stop][list(columns)]

    def _count_of(self, speaker, topic):
        return len(self._narrowed(speaker, topic))

    def _mentions_of(self, speaker):
        return sorted(set(strings(self._narrowed(speaker, None)["speaker_mention"]).dropna()))

    def _topic_hits(self, article_ids, topic):
        hits = self.corpus.topic_hits
        return hits[hits["topic"] == topic]

    def _article(self, article_id):
        corpus = self.corpus
        return (corpus.quotes[corpus.quotes["article_id"] == article_id],
                corpus.mentions[corpus.mentions["article_id"] == article_id])

    def _articles(self):
        articles = self.corpus.articles
        if not self.filters.is_empty:
            articles = articles[articles["article_id"].isin(self.quotes["article_id"].unique())]
        return articles[["article_id", "title", "date", "outlet"]].reset_index(drop=True)

    def _article_sources(self, article_ids):
        counts = self.statements_in(article_ids)
        articles = self.corpus.articles
        rows = articles.loc[articles["article_id"].isin(counts.index), list(SOURCE_FIELDS)]
        return rows.assign(statements=rows["article_id"].map(counts).astype("int64")).reset_index(drop=True)

    def _quote_ids_in(self, article_id):
        quotes = self.quotes
        return set(quotes.loc[(strings(quotes["article_id"]) == article_id).to_numpy(), "quote_id"].astype(object))

    def _statements_by(self, column):
        counts = self.quotes.groupby(strings(self.quotes[column]), dropna=False).size()
        return pd.DataFrame({column: [None if v != v else str(v) for v in counts.index],
                             "statements": counts.to_numpy().astype("int64")})

    def _side(self, by, value):
        return side_counts(self.corpus, side_quotes(self.quotes, by, value))

    def _distinctive(self, by, a, b):
        compared = compare_counts(self.side(by, a), self.side(by, b), phrase_counts(self.corpus, self.corpus.quotes),
                                  "", "")
        return ends(compared.phrases, PHRASES_KEPT)

    def _representative(self, phrases, limit, columns):
        # The same sample as the engine's (Engine.representative_page): the last statements in corpus order.
        return representative_order(self.quotes.tail(REPRESENTATIVE_SAMPLE), phrases).head(limit)[list(columns)]

    def _date_range(self):
        dates = pd.to_datetime(strings(self.quotes["date"]), errors="coerce").dropna()
        return None if dates.empty else (dates.min().date(), dates.max().date())



def _ties_by_value(table: pd.DataFrame, row: str, column: str) -> pd.DataFrame:
    """``table`` most statements first, ties by ``row`` then ``column`` value (as the engine orders them)."""
    return table.sort_values(["statements", row, column], ascending=[False, True, True], kind="stable",
                             ignore_index=True)

