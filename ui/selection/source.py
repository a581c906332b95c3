"""The whole store as the sidebar and the pages see it (:class:`Source`): its counts, the values the
filters offer, its article listing, and which kind of :class:`ui.selection.Selection` answers a view.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd

from analysis.engine import Engine
from analysis.query import Filters, resolve_name, resolve_speaker
from analysis.semantic_search import is_meaning_search
from analysis.store import Corpus
from analysis.store.corrections import Report
from analysis.versions import Versions
from ui.selection import limits
from ui.selection.base import Selection
from ui.selection.engine import EngineSelection
from ui.selection.frame import FrameSelection


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

    @property
    def loadable(self) -> bool:
        """Whether the whole store may be loaded into memory: always without the engine (the pandas
        path reads it so), with it up to :data:`limits.LOADED_AT_MOST` articles.
        """
        return self.engine is None or self.articles <= limits.LOADED_AT_MOST

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
        if self.engine is None or self.articles <= limits.LISTED_IN_FULL:
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
