"""The user's selection (:class:`Filters`), in words, and the statements of the loaded corpus it selects.

Never modifies the :class:`~analysis.store.Corpus` frames it receives (cached and shared between
sessions).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import search, semantic_search
from analysis.query.categoricals import strings
from analysis.store import Corpus


@dataclass(frozen=True)
class Filters:
    """The user's selection; an empty tuple means "all".

    Attributes:
        countries: ISO-3 codes; a statement matches when it names any of them (``country_scope``
            "mentioned", the default) or is about any of them ("about": the countries of its
            ``about`` column, see :func:`analysis.places.focus.statement_about`).
        topics: Topic ids; a statement matches when it has any of them.
        speakers: Canonical speaker names.
        articles: Article ids.
        search: A full-text search of the statements (:mod:`analysis.search`: any word form,
            "phrases", ``title:`` for article titles), or, starting with ``~``, a search by
            meaning (:mod:`analysis.semantic_search`: statements found get a ``similarity``).
        min_confidence: Leave out statements whose ``confidence`` is below this (0 keeps all;
            statements without a confidence, from stores made without the model, are kept).
        versions_once: Count a statement repeated in another version of its story, or quoted
            again word for word elsewhere, once (:mod:`analysis.versions`; applies when the
            corpus carries the repeats in ``corpus.derived``, as the app's does).
    """

    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    search: str = ""
    versions_once: bool = True
    extra: dict = field(default_factory=dict, compare=False)
    country_scope: str = "mentioned"
    min_confidence: float = 0.0

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return not (self.countries or self.topics or self.speakers or self.articles or self.search
                    or self.min_confidence > 0)


def _any_of(names) -> str:
    """"Germany", "Germany or France", "Germany, France or Italy": a filter's values select a statement
    carrying any of them (a comma alone read as "and" to analysts).
    """
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def describe_filters(filters: Filters) -> str:
    """The filters in words: "Statements naming Germany; on Arms & weapons supplies" or "All statements".

    Countries read as the sidebar's scope says: "naming" (mentioned, the default) or "mainly about"
    (about, the subject); "about" alone read as the subject scope on every page's header and brief.
    """""
    from analysis.countries import country_name
    from analysis.topics import topic_label

    parts = []
    if filters.countries:
        scope = "mainly about " if filters.country_scope == "about" else "naming "
        parts.append(scope + _any_of(country_name(c) for c in filters.countries))
    if filters.topics:
        parts.append("on " + _any_of(topic_label(t) for t in filters.topics))
    if filters.speakers:
        parts.append("by " + _any_of(filters.speakers))
    if filters.min_confidence > 0:
        parts.append(f"with confidence at least {filters.min_confidence:.0%}")
    if semantic_search.is_meaning_search(filters.search):
        typed = semantic_search.meaning_text(filters.search)
        parts.append(f"close in meaning to “{typed}”" if typed else "(search by meaning: nothing typed)")
    elif filters.search.strip():
        query, typed = search.parse_query(filters.search), filters.search.strip()
        if query.is_empty:
            parts.append(f"(search “{typed}” ignored: no words to search for)")
        elif query.titles_only:
            parts.append(f"in articles whose title matches “{typed}”")
        else:
            parts.append(f"containing “{typed}”")
    return "Statements " + "; ".join(parts) if parts else "All statements"


def _rows_with(long: pd.DataFrame, column: str, values: tuple[str, ...], size: int) -> np.ndarray:
    """Boolean mask over ``corpus.quotes`` of statements with any of ``values`` in a long table."""
    mask = np.zeros(size, dtype=bool)
    mask[long.loc[long[column].isin(values), "row"].to_numpy()] = True
    return mask


COUNTRY_SCOPES = ("mentioned", "about")


def quote_about(corpus: Corpus) -> pd.DataFrame:
    """Long table (``quote_id``, ``iso3``, ``row``) of the countries each statement is about; built
    on first use from the ``about`` column (empty for a store without it), kept in ``corpus.derived``.
    """
    cached = corpus.derived.get("quote_about")
    if cached is not None:
        return cached
    quotes = corpus.quotes
    about = quotes["about"] if "about" in quotes.columns else pd.Series([()] * len(quotes), index=quotes.index)
    rows = [(quote_id, code, row) for row, (quote_id, codes) in enumerate(zip(quotes["quote_id"], about, strict=True))
            for code in (codes if isinstance(codes, (tuple, list, np.ndarray)) else ())]
    table = pd.DataFrame({"quote_id": [r[0] for r in rows], "iso3": [r[1] for r in rows],
                          "row": np.asarray([r[2] for r in rows], dtype=np.int64)})
    corpus.derived["quote_about"] = table
    return table


def article_focus(corpus: Corpus) -> pd.DataFrame:
    """The focus countries of every article, best first (``article_id``, ``iso3``, ``rank`` from 1),
    derived from the stored country mentions as the pipeline does
    (:func:`analysis.places.focus.focus_countries`); kept in ``corpus.derived``.
    """
    from analysis.places.focus import focus_countries, title_end_of

    cached = corpus.derived.get("article_focus")
    if cached is not None:
        return cached
    articles = corpus.articles
    texts = strings(articles["text"]).fillna("") if "text" in articles.columns else None
    titles = strings(articles["title"]).fillna("")
    ends = {}
    for position, article_id in enumerate(articles["article_id"].tolist()):
        title = titles.iloc[position]
        # A corpus loaded without texts: the title is taken to open the text, as ingest makes it.
        ends[article_id] = title_end_of(texts.iloc[position], title) if texts is not None else len(title)
    mentions = corpus.mentions
    countries = mentions.loc[mentions["kind"] == "country", ["article_id", "key", "start"]]
    rows = []
    for article_id, group in countries.groupby(strings(countries["article_id"]), sort=False):
        pairs = list(zip(strings(group["key"]).tolist(), group["start"].astype(int).tolist(), strict=True))
        for rank, iso3 in enumerate(focus_countries(pairs, ends.get(article_id, 0), 0), start=1):
            rows.append((article_id, iso3, rank))
    table = pd.DataFrame(rows, columns=["article_id", "iso3", "rank"])
    corpus.derived["article_focus"] = table
    return table


def filter_quotes(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """Statements matching all given filters (any value within one filter).

    Returns:
        A new DataFrame of rows of ``corpus.quotes``; after a search by meaning, with a
        ``similarity`` column (the cosine with the query, at least
        :data:`analysis.semantic_search.MIN_SIMILARITY`).

    Raises:
        ValueError: for a ``country_scope`` other than "mentioned" or "about".
    """
    if filters.country_scope not in COUNTRY_SCOPES:
        raise ValueError(f"country scope must be one of {', '.join(COUNTRY_SCOPES)}, not {filters.country_scope!r}")
    quotes = corpus.quotes
    mask = np.ones(len(quotes), dtype=bool)
    about = filters.country_scope == "about" and filters.countries
    countries = quote_about(corpus) if about else corpus.quote_countries
    for values, long, column in ((filters.countries, countries, "iso3"),
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
    similarity = None
    if semantic_search.is_meaning_search(filters.search):
        similarity = semantic_search.similarities(corpus, filters.search)
        mask &= similarity >= semantic_search.MIN_SIMILARITY
    elif filters.search.strip():
        mask &= search.matching_mask(corpus, filters.search)
    if filters.min_confidence > 0 and "confidence" in quotes.columns:
        confidence = pd.to_numeric(quotes["confidence"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        mask &= np.isnan(confidence) | (confidence >= filters.min_confidence)
    repeated = corpus.derived.get("repeated_statements")
    if filters.versions_once and repeated is not None and len(repeated) == len(quotes):
        mask &= ~repeated
    if similarity is not None:
        return quotes[mask].assign(similarity=similarity[mask])
    if mask.all():
        return quotes.copy(deep=False)  # copy-on-write: a new frame sharing the data until written
    # Boolean indexing builds a new frame; under copy-on-write no second copy is needed.
    return quotes[mask]
