"""App shell: navigation over ``pages/``, the shared sidebar, and a guard so users never see a traceback."""

from __future__ import annotations

import logging
import os

import pandas as pd
import streamlit as st

from analysis.query import Filters, filter_quotes
from analysis.store import Corpus
from ui.data import get_corpus
from ui.filters import describe, sidebar_filters

LOG = logging.getLogger("quote_atlas")
PAGES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pages")

#: (file, title, icon, url path); the first is the default page.
PAGE_SPECS = [
    ("overview.py", "Overview", ":material/dashboard:", "overview"),
    ("quotes.py", "Quotes", ":material/format_quote:", "quotes"),
    ("countries.py", "Countries", ":material/public:", "countries"),
    ("topics.py", "Topics", ":material/category:", "topics"),
    ("speakers.py", "Speakers", ":material/record_voice_over:", "speakers"),
    ("reader.py", "Reader", ":material/article:", "reader"),
    ("briefing.py", "Briefing", ":material/slideshow:", "briefing"),
    ("corpus.py", "Corpus", ":material/library_books:", "corpus"),
]


def _pages() -> list:
    return [st.Page(os.path.join(PAGES_DIR, file), title=title, icon=icon, url_path=path, default=i == 0)
            for i, (file, title, icon, path) in enumerate(PAGE_SPECS)
            if os.path.exists(os.path.join(PAGES_DIR, file))]


def run_app() -> None:
    """Draw navigation and sidebar, then the selected page; errors become a friendly message."""
    page = st.navigation(_pages())
    try:
        corpus = get_corpus()
        filters = sidebar_filters(corpus)
        st.session_state["_run_filters"] = filters
        st.sidebar.caption(f"{len(corpus.articles)} articles · {len(corpus.quotes)} statements")
        page.run()
    except Exception as error:  # the last line of defence: log the traceback, show a message
        LOG.exception("page failed")
        st.error(f"Sorry, this view could not be shown ({type(error).__name__}). "
                 "Try clearing the filters; the details are in the server log.")


def page_data() -> tuple[Corpus, Filters, pd.DataFrame]:
    """For a page: the corpus, the active filters and the statements matching them."""
    corpus = get_corpus()
    filters = st.session_state.get("_run_filters", Filters())
    return corpus, filters, filter_quotes(corpus, filters)


def page_header(title: str, filters: Filters, quotes: pd.DataFrame, caption: str = "") -> None:
    """Page title plus a line describing the filter and how many statements match."""
    st.title(title)
    noun = "statement" if len(quotes) == 1 else "statements"
    st.caption(f"{describe(filters)} · {len(quotes)} {noun}" + (f" · {caption}" if caption else ""))


def empty_notice(quotes: pd.DataFrame) -> bool:
    """Show the empty-result message; returns True when there is nothing to draw."""
    if quotes.empty:
        st.info("No statements match these filters. Remove a filter in the sidebar or press "
                "“Clear filters”.")
        return True
    return False
