"""What a page reads of the store: the whole store's facts (:class:`Source`) and the statements
the sidebar's filters select (:class:`Selection`), answered out of core when possible.

Two implementations answer the same questions with the same numbers:

- the engine (:mod:`analysis.engine`, DuckDB on the store's warehouse) when the store is local,
  its warehouse was built from the batches as they are now, no analyst's correction is in force
  and the search is not by meaning: counts and aggregates are SQL, only the rows a page shows
  come to Python, and the corpus is never loaded;
- pandas on the loaded corpus (:func:`ui.data.get_corpus`) otherwise: a fresh seed store, an
  object-store URL, right after an upload in the app (whose batches the warehouse does not hold
  until ``python -m analysis refresh`` rewrites it), corrections in force, a search by meaning.

Every answer goes through :func:`ui.shared.shared`, so sessions on the same view share it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.engine import Engine
from analysis.query import (
    REPRESENTATIVE_SAMPLE,
    Filters,
    country_counts,
    country_pairs,
    cross_counts,
    filter_quotes,
    phrase_counts,
    resolve_name,
    resolve_speaker,
    speaker_counts,
    statement_keywords,
    statements_over_time,
    strings,
    tone_by_target,
    tone_measure,
    topic_counts,
    undated_statements,
)
from analysis.records import Keyword
from analysis.semantic_search import is_meaning_search
from analysis.store import Corpus
from analysis.store.corrections import Report
from analysis.versions import Versions
from ui.brief.select import representative_order
from ui.charts import MAX_HEATMAP_COLUMNS, MAX_HEATMAP_ROWS, TONE_BINS, limit_grid
from ui.compare import (
    PHRASES_KEPT,
    Comparison,
    compare_counts,
    comparison,
    ends,
    parse_period,
    side_counts,
    side_label,
    side_quotes,
)
from ui.shared import VIEW_KEY, Results, compute_once, shared

#: Selections of at most this many articles list them all in corpus order (:meth:`Selection.article_choices`).
LISTED_IN_FULL = 20_000
#: Above it, the articles of this many most recent statements are listed.
RECENT_STATEMENTS = 40_000
#: Pages of statement rows kept for all sessions (a page of 2,000 statements is a few MB: the
#: shared table's 400 results would hold too many of them).
MAX_ROW_PAGES = 16
#: ... and at most this many bytes of them (a page of 2,000 statements: about 1.2 MB at 100,000 articles).
MAX_ROW_PAGE_BYTES = 24 * 2**20
_ROW_PAGES = Results()




class Selection:
    """The statements matching ``filters``: counts, aggregates and pages of rows (shared answers)."""

    #: True when the answers come from the engine (no corpus in memory).
    out_of_core = False

    def __init__(self, filters: Filters, private: bool = False) -> None:
        """A selection of the current store by ``filters`` (``private``: its answers are not shared)."""
        self.filters = filters
        self.private = private

    def _name(self, name: str) -> str | None:
        """What the answer ``name`` is called among the view's shared results: the name itself for the
        view's own filters, else with these filters in it; None when nothing is shared.
        """
        import streamlit as st

        view = st.session_state.get(VIEW_KEY)
        if self.private or view is None:
            return None
        return name if isinstance(view, tuple) and view[-1] == self.filters else f"{name}@{self.filters!r}"

    def _shared(self, name: str, build: Callable):
        """:func:`ui.shared.shared` under this selection's name for ``name``."""
        key = self._name(name)
        return build() if key is None else shared(key, build)

    def _kept_rows(self, name: str, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """:meth:`_shared` for pages of rows, in a table of their own of :data:`MAX_ROW_PAGES`."""
        import streamlit as st

        key = self._name(name)
        if key is None:
            return build()
        return compute_once(_ROW_PAGES, (st.session_state.get(VIEW_KEY), key), build, limit=MAX_ROW_PAGES,
                            max_bytes=MAX_ROW_PAGE_BYTES)

    def narrowed(self, speaker: str) -> Selection:
        """The selected statements of the named ``speaker`` only (one of the selection's speakers)."""
        raise NotImplementedError

    def _summary(self) -> dict[str, int]:
        raise NotImplementedError

    def summary(self) -> dict[str, int]:
        """``statements``, named ``speakers``, ``articles`` quoted, statements with ``no_date``."""
        return self._shared("sel.summary", self._summary)

    def count(self) -> int:
        """How many statements are selected."""
        return self.summary()["statements"]

    def speaker_counts(self) -> pd.DataFrame:
        """Statements per named speaker, most first (``speaker``, ``statements``), all speakers."""
        return self._shared("sel.speaker_counts", self._speaker_counts)

    def country_counts(self) -> pd.DataFrame:
        """Statements naming each country, most first (``iso3``, ``statements``)."""
        return self._shared("sel.country_counts", self._country_counts)

    def topic_counts(self) -> pd.DataFrame:
        """Statements per topic id, most first (``topic``, ``statements``)."""
        return self._shared("sel.topic_counts", self._topic_counts)

    def country_pairs(self) -> pd.DataFrame:
        """Countries named together in a statement (``a``, ``b``, ``statements``)."""
        return self._shared("sel.country_pairs", self._country_pairs)

    def cross_counts(self, row: str, column: str, keep: bool = True) -> pd.DataFrame:
        """Statements and mean tone for each pair of ``row`` and ``column`` values (``keep``: shared
        with other sessions; False for a caller that keeps only what it draws of it).
        """
        build = lambda: self._cross_counts(row, column)  # noqa: E731
        return self._shared(f"sel.cross.{row}.{column}", build) if keep else build()

    def tone_by_target(self, row: str, column: str, keep: bool = True) -> pd.DataFrame:
        """In what tone each ``row`` value speaks about each ``column`` value (``keep``: as
        :meth:`cross_counts`).
        """
        build = lambda: self._tone_by_target(row, column)  # noqa: E731
        return self._shared(f"sel.tone.{row}.{column}", build) if keep else build()

    def grid(self, row: str, column: str, *, tone: bool = False, max_rows: int = MAX_HEATMAP_ROWS,
             max_columns: int = MAX_HEATMAP_COLUMNS, leave_out: tuple = (), drop_rows: tuple = (),
             drop_columns: tuple = ()) -> pd.DataFrame:
        """What a heatmap draws of :meth:`cross_counts` (``tone``: of :meth:`tone_by_target`): its
        ``drop_rows`` and ``drop_columns`` taken out, then cut by :func:`ui.charts.limit_grid`
        (``max_rows``, ``max_columns``, ``leave_out``), with ``attrs["cells"]``, the crossed table's
        cells after the drops (0: nothing to draw). Not kept: the pages keep the figure.
        """
        return self._grid(row, column, tone, max_rows, max_columns, tuple(leave_out), tuple(drop_rows),
                          tuple(drop_columns))

    def _grid(self, row, column, tone, max_rows, max_columns, leave_out, drop_rows, drop_columns):
        table = self._tone_by_target(row, column) if tone else self._cross_counts(row, column)
        table = table[~table[row].isin(drop_rows) & ~table[column].isin(drop_columns)]
        limited = limit_grid(table, row, column, max_rows=max_rows, max_columns=max_columns, leave_out=leave_out)
        limited.attrs["cells"] = len(table)
        return limited

    def tone_measure(self, row: str, column: str) -> str:
        """What :meth:`tone_by_target` measures for ``row`` x ``column``."""
        return self._shared(f"sel.measure.{row}.{column}", lambda: self._tone_measure(row, column))

    def statements_over_time(self) -> pd.DataFrame:
        """Statements per month (``period``, ``statements``), undated left out."""
        return self._shared("sel.over_time", self._over_time)

    def undated(self) -> int:
        """How many selected statements have no readable date."""
        return self._shared("sel.undated", self._undated)

    def keywords(self, top_n: int = 12) -> list[Keyword]:
        """Key phrases of the selected statements."""
        return self._shared(f"sel.keywords.{top_n}", lambda: self._keywords(top_n))

    def tone_bins(self) -> pd.DataFrame:
        """Statements per tone bin (``bin`` 0 .. :data:`TONE_BINS` - 1 over -1 .. +1, ``statements``)."""
        return self._shared("sel.tone_bins", self._tone_bins)

    def country_evidence(self) -> pd.DataFrame:
        """Country mentions in the selected statements' articles by the words that named them
        (``key``, ``evidence``, ``via``, ``mentions``, ``first``).
        """
        return self._shared("sel.country_evidence", self._country_evidence)

    def rows(self, columns: tuple[str, ...], *, recent: bool = False, limit: int | None = None, offset: int = 0,
             speaker: str | None = None, topic: str | None = None) -> pd.DataFrame:
        """A page of the selected statements (of ``speaker`` / with ``topic`` only, when given):
        ``columns`` of rows ``offset`` .. ``offset + limit`` in corpus order or, ``recent``, most
        recent first, undated last (by meaning: most similar first, with a ``similarity`` column).
        """
        name = f"sel.rows.{columns}.{recent}.{limit}.{offset}.{speaker!r}.{topic!r}"
        return self._kept_rows(name, lambda: self._rows(columns, recent, limit, offset, speaker, topic))

    def export_rows(self, columns: tuple[str, ...] | list[str]) -> pd.DataFrame:
        """``columns`` of every selected statement in corpus order (a download: not kept, not shared)."""
        return self._rows(tuple(columns), False, None, 0, None, None)

    def count_of(self, *, speaker: str | None = None, topic: str | None = None) -> int:
        """How many selected statements are ``speaker``'s / have ``topic``."""
        return self._shared(f"sel.count_of.{speaker!r}.{topic!r}", lambda: self._count_of(speaker, topic))

    def mentions_of(self, *, speaker: str) -> list[str]:
        """The ways the texts name ``speaker`` in the selected statements, sorted."""
        return self._shared(f"sel.mentions_of.{speaker!r}", lambda: self._mentions_of(speaker))

    def topic_evidence(self, rows: pd.DataFrame, topic: str) -> pd.DataFrame:
        """``rows`` (``article_id``, ``start``, ``end``, ``speaker``, ``text``) with the ``evidence``
        (the words) of their ``topic`` hit.
        """
        hits = self._topic_hits(rows["article_id"].unique(), topic)
        return rows[["article_id", "start", "end", "speaker", "text"]].merge(
            hits[["article_id", "start", "end", "evidence"]], on=["article_id", "start", "end"], how="left")

    def article(self, article_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """All statements of one article (whatever the filters) and its country and region mentions."""
        return self._article(article_id)

    def articles(self) -> pd.DataFrame:
        """The articles holding a selected statement (every stored one when nothing is filtered),
        in corpus order (``article_id``, ``title``, ``date``, ``outlet``).
        """
        return self._shared("sel.articles", self._articles)

    def article_choices(self, limit: int) -> tuple[pd.DataFrame, int, bool]:
        """At most ``limit`` of the articles :meth:`articles` lists (``article_id``, ``title``, ``date``,
        ``outlet``), how many it lists in all, and whether they are the most recent ones: on the
        engine, above :data:`LISTED_IN_FULL` articles they are those of the :data:`RECENT_STATEMENTS`
        most recent statements (most recent first, undated last), not the first in corpus order,
        so that the app never holds a row per article of a large store (a million: seconds and
        +500 MB for the query alone, docs/speed.md); else the first ``limit`` in corpus order.
        """
        return self._shared(f"sel.choices.{limit}", lambda: self._article_choices(limit))

    def _article_choices(self, limit):
        articles = self.articles()
        return articles.head(limit).reset_index(drop=True), len(articles), False

    def statements_in(self, article_ids) -> pd.Series:
        """How many selected statements each of ``article_ids`` holds (article id -> statements;
        articles holding none left out): counted for those articles only, not for every article.
        """
        wanted = tuple(dict.fromkeys(str(a) for a in article_ids))
        if not wanted:
            return pd.Series(dtype="int64", name="statements")
        return self._shared(f"sel.statements_in.{wanted!r}", lambda: self._statements_in(wanted))

    def _statements_in(self, article_ids):
        counts = strings(self.quotes["article_id"]).value_counts()
        return counts[counts.index.isin(article_ids)].astype("int64").rename("statements")

    def article_sources(self, article_ids) -> pd.DataFrame:
        """The articles ``article_ids`` (``article_id``, ``title``, ``outlet``, ``date``, ``url``) with
        how many selected ``statements`` each holds (articles holding none left out): a brief's
        sources, read for the cited articles only (not a row per article of the selection).
        """
        wanted = tuple(dict.fromkeys(str(a) for a in article_ids))
        if not wanted:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in (*SOURCE_FIELDS, "statements")})
        return self._shared(f"sel.sources.{wanted!r}", lambda: self._article_sources(wanted))

    def quote_ids_in(self, article_id: str) -> set[str]:
        """The ids of the selected statements of one article."""
        return self._shared(f"sel.quote_ids_in.{article_id!r}", lambda: self._quote_ids_in(article_id))

    def statements_by(self, column: str) -> pd.DataFrame:
        """Selected statements per ``article_id`` or ``outlet`` (missing as None), most first, ties
        by value (``column``, ``statements``).
        """
        return self._shared(f"sel.by.{column}", lambda: _most_first(self._statements_by(column), column))

    def side(self, by: str, value: str) -> dict:
        """What the Compare page counts of the selected statements on one side (by the speaker,
        naming the country or topic, or in the period ``value``): see :func:`ui.compare.side_counts`
        (on the engine without ``phrases``: :meth:`comparison` ranks them there).

        Raises:
            ValueError: For an unknown ``by`` or a period that is not two ISO dates.
        """
        if by == "period" and parse_period(value) is None:
            raise ValueError(f"a period is two ISO dates joined by '..', not {value!r}")
        return self._shared(f"sel.side.{by}.{value!r}", lambda: self._side(by, value))

    def comparison(self, by: str, a: str, b: str) -> Comparison:
        """The Compare page's comparison of the sides ``a`` and ``b`` (:meth:`side`): their counts
        and the first and last :data:`~ui.compare.PHRASES_KEPT` of their distinctive key phrases,
        ranked as :func:`ui.compare.compare_counts` ranks them against the whole store.
        """
        return comparison(self.side(by, a), self.side(by, b), self._distinctive(by, a, b),
                          side_label(by, a), side_label(by, b))

    def representative(self, phrases: list[str], limit: int, columns: tuple[str, ...]) -> pd.DataFrame:
        """``columns`` of the ``limit`` most representative selected statements, each wording once
        (:func:`ui.brief.select.representative_order` with the key ``phrases``), best first.
        """
        return self._kept_rows(f"sel.representative.{phrases!r}.{limit}.{columns}",
                               lambda: self._representative(list(phrases), limit, columns))

    def mentions_in_order(self) -> tuple[str, ...]:
        """The ways the texts name the selected statements' speakers, in order of first use, once each."""
        return self._shared("sel.mentions_in_order", lambda: tuple(dict.fromkeys(
            m for m in self._rows(("speaker_mention",), False, None, 0, None, None)["speaker_mention"].dropna()
            if isinstance(m, str) and m.strip())))

    def date_range(self) -> tuple | None:
        """The first and last article date (``datetime.date``) of the selected statements; None when none is dated."""
        return self._shared("sel.date_range", self._date_range)


#: The article columns of a brief's sources (:meth:`Selection.article_sources`).
SOURCE_FIELDS = ("article_id", "title", "outlet", "date", "url")


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
        if total <= LISTED_IN_FULL:
            return super()._article_choices(limit)
        rows = self.engine.statement_page(self.filters, ("article_id", "title", "date", "outlet"), recent=True,
                                          limit=RECENT_STATEMENTS)
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


def _ties_by_value(table: pd.DataFrame, row: str, column: str) -> pd.DataFrame:
    """``table`` most statements first, ties by ``row`` then ``column`` value (as the engine orders them)."""
    return table.sort_values(["statements", row, column], ascending=[False, True, True], kind="stable",
                             ignore_index=True)


def _most_first(counts: pd.DataFrame, column: str) -> pd.DataFrame:
    """``counts`` most statements first, ties by value, missing values last."""
    counts = counts.astype({"statements": "int64"})
    counts[column] = counts[column].astype(object).where(counts[column].notna(), None)
    return counts.sort_values(["statements", column], ascending=[False, True], na_position="last", kind="stable",
                              ignore_index=True)


def evidence_words(evidence: pd.DataFrame, limit: int = 6) -> dict[str, str]:
    """iso3 -> the ``limit`` words that named the country most often (ties: the first met first),
    comma-separated, from :meth:`Selection.country_evidence` (the map's hovers).
    """
    named = evidence.dropna(subset=["key", "evidence"])
    if named.empty:
        return {}
    words = (named.groupby(["key", "evidence"]).agg(mentions=("mentions", "sum"), first=("first", "min"))
             .reset_index().sort_values(["key", "mentions", "first"], ascending=[True, False, True]))
    return {key: ", ".join(group["evidence"].head(limit)) for key, group in words.groupby("key", sort=False)}


def evidence_rows(evidence: pd.DataFrame) -> pd.DataFrame:
    """(``key``, ``evidence``, ``via``, ``mentions``) of :meth:`Selection.country_evidence`, by
    country, then most mentions first (ties by words and resolution); rows lacking one are left out.
    """
    rows = evidence.dropna(subset=["key", "evidence", "via"])[["key", "evidence", "via", "mentions"]]
    rows = rows.astype({"key": "str", "evidence": "str", "via": "str", "mentions": "int64"})
    return rows.sort_values(["key", "mentions", "evidence", "via"], ascending=[True, False, True, True],
                            ignore_index=True)


@dataclasses.dataclass
class Source:
    """The whole store as the sidebar and the pages see it, for one store state.

    Attributes:
        articles: Articles stored.
        statements: Statements stored (every copy).
        repeats: Statements that repeat one counted already.
        stories: Stories with several versions (None when not known: the engine does not keep them).
        load_corpus: Loads (or returns the cached) corpus: for the pandas path and pages not yet on the engine.
        engine: The store's engine when its warehouse is current and no correction is in force, else None.
        report: What the corrections log did (empty with the engine: it is used only without corrections).
        versions: The stories stored in several versions (None when there are none, or not known yet).
        load_versions: Finds them for the engine (its warehouse does not keep them): None when not known.
    """

    articles: int
    statements: int
    repeats: int
    stories: int | None
    load_corpus: object
    engine: Engine | None = None
    report: Report = dataclasses.field(default_factory=Report)
    versions: Versions | None = None
    load_versions: Callable[[], Versions | None] | None = None
    _options: dict | None = None
    _kept: dict = dataclasses.field(default_factory=dict)

    @property
    def corpus(self) -> Corpus:
        """The loaded corpus (loading it when the engine answered so far)."""
        return self.load_corpus()

    def selection(self, filters: Filters) -> Selection:
        """The statements matching ``filters``: from the engine when there is one and the search
        is not by meaning (sentence vectors live beside the loaded corpus), else pandas.
        """
        if self.engine is not None and not is_meaning_search(filters.search):
            return EngineSelection(self.engine, filters)
        return FrameSelection(self.corpus, filters)

    def option_values(self, fallback) -> dict[str, list[str]]:
        """The values the filter widgets offer (``fallback(corpus)`` on the pandas path)."""
        if self.engine is None:
            return fallback(self.corpus)
        if self._options is None:
            self._options = self.engine.option_values()
        return self._options

    def resolve_speaker(self, typed: str) -> str | None:
        """The canonical speaker a typed name means (:func:`analysis.query.resolve_speaker`), or None."""
        if self.engine is None:
            return resolve_speaker(self.corpus, typed)
        return resolve_name(typed, self.engine.speaker_alias)


    def _once(self, name: str, build: Callable):
        """``build()`` computed once for this store state (a Source is cached per state)."""
        if name not in self._kept:
            self._kept[name] = build()
        return self._kept[name]

    def article_table(self, columns: tuple[str, ...] = ("article_id", "title", "date", "outlet")) -> pd.DataFrame:
        """``columns`` of every stored article, in corpus order."""
        if self.engine is None:
            return self.corpus.articles[list(columns)].reset_index(drop=True)
        return self._once(f"articles.{columns}", lambda: self.engine.articles_of(None, columns))

    def article_listing(self, limit: int) -> tuple[pd.DataFrame, int, bool]:
        """At most ``limit`` stored articles (``article_id``, ``title``, ``date``, ``outlet``, ``words``,
        ``n_quotes``), how many are stored, and whether they are the most recent ones: a store of more
        than :data:`LISTED_IN_FULL` articles read by the engine lists those of its most recent statements
        (:meth:`Selection.article_choices`), their rows read from their batches, never a row per
        stored article; a smaller one its first ``limit`` in corpus order.
        """
        columns = ("article_id", "title", "date", "outlet", "words", "n_quotes")
        if self.engine is None or self.articles <= LISTED_IN_FULL:
            table = self.article_table(columns)
            return table.head(limit), len(table), False

        def build() -> pd.DataFrame:
            chosen = EngineSelection(self.engine, Filters()).article_choices(limit)[0]["article_id"]
            rows = self.engine.article_table("articles", chosen, list(columns)).drop_duplicates("article_id")
            return rows.set_index("article_id").reindex(chosen).reset_index()

        return self._once(f"listing.{limit}", build), self.articles, True

    def analysis_versions(self) -> list[str]:
        """The analysis versions of the stored articles, sorted."""
        if self.engine is None:
            articles = self.corpus.articles
            return sorted({str(v) for v in articles["version"].dropna()}) if "version" in articles else []
        return self._once("versions", lambda: sorted(
            {str(v) for v in self.engine.articles_of(None, ("version",))["version"].dropna()}))

    def frame_quotes(self, filters: Filters) -> pd.DataFrame:
        """The statements matching ``filters`` as rows of the loaded corpus (loading it on the engine path)."""
        return FrameSelection(self.corpus, filters).quotes

    def story_versions(self) -> Versions | None:
        """The stories stored in several versions; None when there are none or they are not known."""
        if self.versions is None and self.load_versions is not None:
            found = self.load_versions()
            if found is not None and found.stories:
                self.versions = found
        return self.versions

    def other_versions(self, article_id: str) -> list[str] | None:
        """The other stored versions of ``article_id``'s story ([] for none); None when not known."""
        versions = self.story_versions()
        return None if versions is None else list(versions.others(article_id))
