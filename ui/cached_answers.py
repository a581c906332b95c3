"""Answers the pages ask on every run, made once per store state and shared by every session: the
values the filter widgets offer and the briefs (one page or the long form).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.query import Filters, option_values
from analysis.store import Corpus
from ui.article_reads import corpus_with_texts
from ui.brief import Brief, build_brief
from ui.brief.from_selection import selection_brief
from ui.store_keys import store_dir, store_state


@st.cache_data(max_entries=1, show_spinner=False)
def _options(state: tuple[str, ...], _corpus: Corpus) -> dict[str, list[str]]:
    # Keyed by the store state: the corpus follows from it.
    return option_values(_corpus)


def cached_option_values(corpus: Corpus) -> dict[str, list[str]]:
    """The values the filter widgets offer, computed once per store state (at 10,000 articles
    counting them takes about 70 ms, on every rerun of every page otherwise).
    """
    return _options(store_state(store_dir()), corpus)


@st.cache_data(max_entries=16, show_spinner="Preparing the brief…")
def _brief(filters_key: str, headline: str | None, form: str, state: tuple[str, ...],
           compare: tuple[str, str, str] | None, _corpus: Corpus, _filters: Filters, _quotes: pd.DataFrame) -> Brief:
    # Keyed by the filters, the headline, the format, the store state and the comparison (the
    # other arguments follow from them); each hit returns a private copy, so the page may change it.
    corpus = _corpus if form != "long" else corpus_with_texts(_corpus, _quotes["article_id"].unique())
    return build_brief(corpus, _filters, _quotes, title=headline, form=form, compare=compare)


def cached_brief(corpus: Corpus, filters: Filters, quotes: pd.DataFrame, headline: str | None = None,
                 form: str = "a4", compare: tuple[str, str, str] | None = None) -> Brief:
    """The brief of the filtered statements in a format (``a4``, ``slide``, ``long``), built once
    per filter, headline, format, comparison (``(by, a, b)``, see :func:`ui.brief.build_brief`)
    and store state (the long form reads the articles' texts).
    """
    return _brief(repr(filters), headline, form, store_state(store_dir()), compare, corpus, filters, quotes)


@st.cache_data(max_entries=16, show_spinner="Preparing the brief…")
def _selection_brief(filters_key: str, headline: str | None, form: str, state: tuple[str, ...],
                     _selection) -> Brief:
    # Keyed by the filters, the headline, the format and the store state (the rest follows from them).
    return selection_brief(_selection, title=headline, form=form)


def cached_selection_brief(selection, headline: str | None = None, form: str = "a4") -> Brief:
    """The one-page brief (``a4``, ``slide``) of a :class:`ui.selection.Selection`, made once per
    filters, headline, format and store state (:func:`ui.brief.from_selection.selection_brief`:
    out of core on the engine path).
    """
    return _selection_brief(repr(selection.filters), headline, form, store_state(store_dir()), selection)
