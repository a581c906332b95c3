"""The selection as SQL on the store's warehouse (:class:`EngineSelection`, :class:`analysis.engine.Engine`):
counts and aggregates in DuckDB, only the rows a page shows brought to Python, the corpus never loaded.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from analysis.engine import Engine
from analysis.query import Filters
from ui.charts import TONE_BINS
from ui.compare import PHRASES_KEPT, parse_period
from ui.selection import limits
from ui.selection.base import SOURCE_FIELDS, Selection


class EngineSelection(Selection):
    """The selection as SQL on the store's warehouse (:class:`analysis.engine.Engine`)."""

    out_of_core = True

    def __init__(self, engine: Engine, filters: Filters) -> None:
        """The statements of ``engine``'s store matching ``filters``."""
        super().__init__(filters)
        self.engine = engine

    def narrowed(self, speaker):
        """The selected statements of ``speaker`` only: the filters narrowed to that speaker."""
        if self.filters.speakers and speaker not in self.filters.speakers:
            raise ValueError(f"{speaker!r} is not a speaker of this selection")
        return EngineSelection(self.engine, dataclasses.replace(self.filters, speakers=(speaker,)))

    def _summary(self):
        return self.engine.summary(self.filters)

    def mentions_in_order(self) -> tuple[str, ...]:
        """As :meth:`Selection.mentions_in_order`, grouped by the engine: a few rows, where a large
        speaker's statements are hundreds of thousands (0.3-0.5 s at a million, against 0.7-1.0 s
        and a frame of every statement's mention).
        """
        return self._shared("sel.mentions_in_order", lambda: tuple(self.engine.speaker_mentions(self.filters)))

    def _speaker_counts(self):
        return self.engine.speaker_counts(self.filters, limit=max(self.count(), 1))

    def _country_counts(self):
        return self.engine.country_counts(self.filters)

    def _topic_counts(self):
        return self.engine.topic_counts(self.filters)

    def _country_pairs(self):
        return self.engine.country_pairs(self.filters)

    def _cross_counts(self, row, column):
        return self.engine.cross_counts(self.filters, row, column)

    def _tone_by_target(self, row, column):
        return self.engine.tone_by_target(self.filters, row, column)

    def _grid(self, row, column, tone, max_rows, max_columns, leave_out, drop_rows, drop_columns):
        # The engine cuts the grid in SQL: only the drawn cells come to Python (docs/speed.md, session 15).
        return self.engine.cross_grid(self.filters, row, column, tone=tone, max_rows=max_rows,
                                      max_columns=max_columns, leave_out=leave_out, drop_rows=drop_rows,
                                      drop_columns=drop_columns)

    def _tone_measure(self, row, column):
        return self.engine.tone_measure(self.filters, row, column)

    def _over_time(self):
        return self.engine.statements_over_time(self.filters)

    def _undated(self):
        return self.engine.undated_statements(self.filters)

    def _keywords(self, top_n):
        return self.engine.statement_keywords(self.filters, top_n=top_n)

    def _tone_bins(self):
        return self.engine.tone_bins(self.filters, TONE_BINS)

    def _country_evidence(self):
        return self.engine.country_evidence(self.filters)

    def _rows(self, columns, recent, limit, offset, speaker, topic):
        rows = _numpy_numbers(self.engine.statement_page(self.filters, columns, recent=recent, limit=limit,
                                                         offset=offset, speaker=speaker, topic=topic))
        # A page of rows scattered over the store reads the blocks of its wide columns (texts, titles)
        # all over it: DuckDB's cache fills up to its limit with blocks no other answer reads. Handed
        # back now, not after the page is drawn, so the rest of the page (the picked statement's article,
        # its text) does not stack on them (docs/speed.md, session 17; skipped while a query runs).
        self.engine.release_cache()
        return rows

    def _count_of(self, speaker, topic):
        if speaker is None and topic is None:
            return self.count()
        narrowed = dataclasses.replace(self.filters, speakers=(speaker,)) if speaker is not None else self.filters
        if topic is None and (not self.filters.speakers or speaker in self.filters.speakers):
            return self.engine.count(narrowed)
        return len(self.engine.statement_page(self.filters, ("quote_id",), speaker=speaker, topic=topic))

    def _mentions_of(self, speaker):
        rows = self.engine.statement_page(self.filters, ("speaker_mention",), speaker=speaker)
        return sorted(set(rows["speaker_mention"].dropna()))

    def _topic_hits(self, article_ids, topic):
        hits = self.engine.article_table("topic_hits", article_ids, ["article_id", "start", "end", "topic", "evidence"])
        return hits[hits["topic"] == topic] if len(hits) else hits

    def _articles(self):
        return self.engine.articles_of(None if self.filters.is_empty else self.filters)

    def _quote_ids_in(self, article_id):
        if self.filters.articles and article_id not in self.filters.articles:
            return set()
        narrowed = dataclasses.replace(self.filters, articles=(article_id,))
        return set(self.engine.statement_page(narrowed, ("quote_id",))["quote_id"])

    def _statements_by(self, column):
        return self.engine.statements_by(self.filters, column)

    def _article_choices(self, limit):
        total = self.engine.store_facts()["articles"] if self.filters.is_empty else self.summary()["articles"]
        if total <= limits.LISTED_IN_FULL:
            return super()._article_choices(limit)
        rows = self.engine.statement_page(self.filters, ("article_id", "title", "date", "outlet"), recent=True,
                                          limit=limits.RECENT_STATEMENTS)
        return rows.drop_duplicates("article_id").head(limit).reset_index(drop=True), total, True

    def _statements_in(self, article_ids):
        if self.filters.articles:
            article_ids = tuple(a for a in article_ids if a in self.filters.articles)
        if not article_ids:
            return pd.Series(dtype="int64", name="statements")
        narrowed = dataclasses.replace(self.filters, articles=article_ids)
        counts = self.engine.statements_by(narrowed, "article_id")
        return counts.set_index("article_id")["statements"].astype("int64")

    def _article_sources(self, article_ids):
        counts = self.statements_in(article_ids)
        # The articles' own rows, read from their batches: a query of the whole articles table costs
        # seconds and hundreds of MB at a million articles (docs/speed.md, session 12).
        rows = self.engine.article_table("articles", list(counts.index), list(SOURCE_FIELDS))
        rows = rows[rows["article_id"].isin(counts.index)].drop_duplicates("article_id")
        return rows.assign(statements=rows["article_id"].map(counts).astype("int64")).reset_index(drop=True)

    def _side(self, by, value):
        # Without the phrases: distinctive_phrases ranks them in SQL (at a million articles a large
        # speaker's 330,000 phrase counts as a dict were 50 MB, kept with the side).
        return self.engine.side_counts(self.filters, by, parse_period(value) if by == "period" else value,
                                       phrases=False)

    def _distinctive(self, by, a, b):
        a, b = (parse_period(v) if by == "period" else v for v in (a, b))
        return self.engine.distinctive_phrases(self.filters, by, a, b, PHRASES_KEPT)

    def _date_range(self):
        return self.engine.date_range(self.filters)

    def _representative(self, phrases, limit, columns):
        return _numpy_numbers(self.engine.representative_page(self.filters, phrases, limit, columns))

    def _article(self, article_id):
        quotes = _numpy_numbers(self.engine.filter_quotes(Filters(articles=(str(article_id),), versions_once=False)))
        self.engine.release_cache()  # every column's blocks around one article's statements: as in _rows
        mentions = self.engine.article_table("mentions", [article_id])
        if len(mentions):
            mentions = mentions[mentions["kind"].isin(("country", "region"))].reset_index(drop=True)
        return quotes, mentions



def _numpy_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its nullable integer columns (DuckDB's for a column with NULLs) as the loaded
    corpus holds them: float with NaN where a value is missing, else int64.
    """
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.api.extensions.ExtensionDtype) and \
                pd.api.types.is_integer_dtype(frame[column].dtype):
            missing = frame[column].isna().any()
            frame[column] = frame[column].astype("float64" if missing else "int64")
    return frame

