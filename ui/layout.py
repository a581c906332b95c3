"""App shell: navigation over ``pages/``, the shared sidebar, and a guard so users never see a traceback."""

from __future__ import annotations

import logging
import os

import pandas as pd
import streamlit as st

from analysis.query import Filters, filter_quotes
from analysis.store import Corpus
from ui.components import presentation_mode
from ui.data import get_corpus
from ui.filters import describe, filter_query_params, sidebar_filters

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
    return [st.Page(os.path.join(PAGES_DIR, file), title=title, icon=icon, url_path=path)
            for file, title, icon, path in PAGE_SPECS if os.path.exists(os.path.join(PAGES_DIR, file))]


def _home_redirect(first_page):
    """The root URL shows the first page under its own path, keeping the query parameters."""
    def home() -> None:
        st.switch_page(first_page, query_params={k: st.query_params.get_all(k) for k in st.query_params})
    return home


def _navigation_links(pages: list, filters: Filters, presenting: bool) -> None:
    """Sidebar links to every page that carry the active filters (and presentation mode) along."""
    params = filter_query_params(filters)
    if presenting:
        params["present"] = "1"
    for page in pages:
        st.page_link(page, label=page.title, icon=page.icon, query_params=params)


def run_app() -> None:
    """Draw navigation and sidebar, then the selected page; errors become a friendly message."""
    pages = _pages()
    # Streamlit maps the default page to "/" only; a hidden default forwards to /overview so
    # that both "/" and "/overview?country=DEU" work. Links are drawn below, with the filters.
    home = st.Page(_home_redirect(pages[0]), title="Home", url_path="home", default=True)
    page = st.navigation([home, *pages], position="hidden")
    try:
        corpus = get_corpus()
        nav_box = st.sidebar.container()
        filters = sidebar_filters(corpus)
        with st.sidebar:
            st.divider()
            presenting = presentation_mode()
        with nav_box:
            _navigation_links(pages, filters, presenting)
            st.divider()
        st.session_state["_run_filters"] = filters
        st.sidebar.caption(f"{plural(len(corpus.articles), 'article')} · {plural(len(corpus.quotes), 'statement')}")
        st.session_state["_shell_active"] = True
        try:
            page.run()
        finally:
            st.session_state["_shell_active"] = False
    except Exception as error:  # the last line of defence: log the traceback, show a message
        LOG.exception("page failed")
        st.error(f"Sorry, this view could not be shown ({type(error).__name__}). "
                 "Try clearing the filters; the details are in the server log.")


def _leave_legacy_mode() -> None:
    """Re-run through dashboard.py when Streamlit ran a page file directly.

    A ``pages/`` folder makes a fresh Streamlit server treat its first session as a
    legacy multipage app: a deep link such as ``/quotes`` then runs ``pages/quotes.py``
    without the shell (no filters, no navigation). Switching the legacy flag off and
    re-running sends the same URL through ``st.navigation`` in dashboard.py.
    """
    if st.session_state.get("_shell_active"):
        return
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a future Streamlit without the legacy mode
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_data() -> tuple[Corpus, Filters, pd.DataFrame]:
    """For a page: the corpus, the active filters and the statements matching them."""
    _leave_legacy_mode()
    corpus = get_corpus()
    filters = st.session_state.get("_run_filters", Filters())
    return corpus, filters, filter_quotes(corpus, filters)


def plural(count: int, noun: str) -> str:
    """"1 article", "2 articles" (thousands separated)."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def page_header(title: str, filters: Filters, quotes: pd.DataFrame, caption: str = "") -> None:
    """Page title plus a line describing the filter and how many statements match."""
    st.title(title)
    st.caption(f"{describe(filters)} · {plural(len(quotes), 'statement')}" + (f" · {caption}" if caption else ""))


def empty_notice(quotes: pd.DataFrame) -> bool:
    """Show the empty-result message; returns True when there is nothing to draw."""
    if quotes.empty:
        st.info("No statements match these filters. Remove a filter in the sidebar or press "
                "“Clear filters”.")
        return True
    return False
