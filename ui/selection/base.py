"""The questions a page asks of the statements the sidebar's filters select (:class:`Selection`),
and how their answers are shared between sessions: each public method names its answer and
builds it with a private one (``_summary``, ``_rows`` ...) that :mod:`ui.selection.frame` (pandas)
and :mod:`ui.selection.engine` (SQL) implement with the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.keywords.shown import own_names, shown_phrases
from analysis.query import Filters, strings
from analysis.records import Keyword
from ui.charts import MAX_HEATMAP_COLUMNS, MAX_HEATMAP_ROWS, limit_grid
from ui.compare import Comparison, comparison, parse_period, side_label, side_names
from ui.labels import distinct_names
from ui.selection import limits
from ui.shared import VIEW_KEY, Results, compute_once, shared

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
        """:meth:`_shared` for pages of rows, in a table of their own of :data:`~ui.selection.limits.MAX_ROW_PAGES`."""
        import streamlit as st

        key = self._name(name)
        if key is None:
            return build()
        return compute_once(_ROW_PAGES, (st.session_state.get(VIEW_KEY), key), build, limit=limits.MAX_ROW_PAGES,
                            max_bytes=limits.MAX_ROW_PAGE_BYTES)

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
        """Key phrases of the selected statements, at most ``top_n``: not numbers or function words,
        nor only the name of a filter's value (under ``?country=RUS``, "Russia" is in every statement:
        :func:`analysis.keywords.shown.shown_phrases`). A few more are asked of the store (up to
        :data:`~ui.selection.limits.KEYWORDS_ASKED`), so fewer than ``top_n`` are left only when more
        of them were left out.
        """
        def chosen():
            names = own_names(self.filters.countries, self.filters.speakers, self.filters.topics)
            asked = self._keywords(max(top_n, limits.KEYWORDS_ASKED))
            return shown_phrases(asked, names, text=lambda k: k.phrase)[:top_n]

        return self._shared(f"sel.keywords.{top_n}", chosen)

    def tone_bins(self) -> pd.DataFrame:
        """Statements per tone bin (``bin`` 0 .. :data:`~ui.charts.TONE_BINS` - 1 over -1 .. +1, ``statements``)."""
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
        """The ways the texts name ``speaker`` in the selected statements, sorted, each once whatever
        its case (:func:`ui.labels.distinct_names`).
        """
        return self._shared(f"sel.mentions_of.{speaker!r}", lambda: distinct_names(self._mentions_of(speaker)))

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
                          side_label(by, a), side_label(by, b), side_names(self.filters, by, a, b))

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


def _most_first(counts: pd.DataFrame, column: str) -> pd.DataFrame:
    """``counts`` most statements first, ties by value, missing values last."""
    counts = counts.astype({"statements": "int64"})
    counts[column] = counts[column].astype(object).where(counts[column].notna(), None)
    return counts.sort_values(["statements", column], ascending=[False, True], na_position="last", kind="stable",
                              ignore_index=True)

