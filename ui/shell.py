"""The app's frame: navigation over ``pages/``, the sidebar links and the error guard.

``dashboard.py`` calls :func:`start_app`. It registers the pages with ``st.navigation``
(explicit url paths; Streamlit's own menu hidden, the sidebar links carry the filters),
draws the sidebar links at once, and only then imports the analysis code and loads the
corpus under a spinner (:func:`ui.layout.run_page`). This module imports nothing but
streamlit and the standard library (``tests/test_architecture.py`` checks it), so a fresh
server shows the frame within a second instead of a blank page for the seconds those
imports take.

A ``pages/`` folder next to the entry file is also Streamlit's legacy, auto-discovered
multipage folder: on a fresh server the first script run is a legacy one, until
``st.navigation`` is called (which ends the legacy mode for the server). In that run
``.streamlit/config.toml`` (``client.showSidebarNavigation = false``) keeps the file names
out of the sidebar, and a deep link such as ``/quotes`` executes ``pages/quotes.py`` on its
own; :func:`enter_shell` then runs the app around it.
"""

from __future__ import annotations

import logging
import os
import sys

import streamlit as st

from ui import allocator

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
    ("compare.py", "Compare", ":material/compare_arrows:", "compare"),
    ("briefing.py", "Briefing", ":material/slideshow:", "briefing"),
    ("corpus.py", "Corpus", ":material/library_books:", "corpus"),
]

#: Session-state flag: a page is running inside the shell (set by :func:`ui.layout.run_page`).
SHELL_ACTIVE = "shell_active"
#: Session state set by :func:`ui.data.add_articles`: the articles just added (shown once, then dropped)
#: and a flag asking for one more run, so the header and sidebar count them.
ADDED_ARTICLES = "articles_added"
REFRESH_AFTER_ADD = "refresh_after_add"
#: The data engine's error when a query needs more than its memory limit (``duckdb.OutOfMemoryException``,
#: matched by name: this module does not import duckdb).
OUT_OF_MEMORY = "OutOfMemoryException"


def app_pages() -> list:
    """The ``st.Page`` of every file in :data:`PAGE_SPECS` that exists."""
    return [st.Page(os.path.join(PAGES_DIR, file), title=title, icon=icon, url_path=path)
            for file, title, icon, path in PAGE_SPECS if os.path.exists(os.path.join(PAGES_DIR, file))]


def _home_redirect(first_page):
    """The root URL shows the first page under its own path, keeping the query parameters."""
    def home() -> None:
        st.switch_page(first_page, query_params={k: st.query_params.get_all(k) for k in st.query_params})
    return home


def navigate() -> tuple:
    """Register the pages with ``st.navigation``; returns (selected page, home page, app pages).

    Streamlit maps the default page to "/" only; a hidden default forwards to /overview so that
    both "/" and "/overview?country=DEU" work. The links are drawn by :func:`navigation_links`.
    """
    pages = app_pages()
    home = st.Page(_home_redirect(pages[0]), title="Home", url_path="home", default=True)
    return st.navigation([home, *pages], position="hidden"), home, pages


def navigation_links(pages: list, params: dict) -> None:
    """Sidebar links to every page that carry ``params`` (the filters, presentation mode) along."""
    for page in pages:
        st.page_link(page, label=page.title, icon=page.icon, query_params=params)
    st.divider()


def start_app() -> None:
    """Draw the frame (sidebar links), then the selected page; errors become a friendly message.

    The C allocator is configured first (:func:`ui.allocator.configure`), and after the run the
    data engine's cached blocks (:func:`analysis.engine.release_caches`, when no other session's
    query is running) and the pages the allocator freed go back to the system
    (:func:`ui.allocator.release`).
    """
    allocator.configure()
    try:
        _run_app()
    finally:
        _release_engines()
        allocator.release()


def _release_engines() -> None:
    """:func:`analysis.engine.core.release_caches` when a page of this process has used the engine
    (not imported here: see the module's note on imports); a failure is logged, never shown.
    """
    engines = sys.modules.get("analysis.engine.core")
    if engines is None:
        return
    try:
        engines.release_caches()
    except Exception:  # noqa: BLE001 - the page is drawn; memory is handed back at the next run
        logging.getLogger(__name__).warning("the data engine's cache was not released", exc_info=True)


def _run_app() -> None:
    """:func:`start_app`'s work: the frame, then the selected page under the error guard."""
    st.set_page_config(page_title="Quote Atlas", page_icon="🗺️", layout="wide")
    page, home, pages = navigate()
    if page is home:
        page.run()  # forwards to the first page
        return
    links = st.sidebar.empty()
    with links.container():  # redrawn with the active filters by ui.layout.run_page
        navigation_links(pages, {k: st.query_params.get_all(k) for k in st.query_params})
    try:
        with st.spinner("Loading Quote Atlas…"):
            from ui import layout  # the analysis code: seconds on a fresh server

        layout.run_page(page, pages, links)
    except Exception as error:  # the last line of defence: log the traceback, show a message
        LOG.exception("page failed")
        if type(error).__name__ == OUT_OF_MEMORY:
            st.error("Sorry, this view needs more memory than the app may use on this machine. Narrow the "
                     "filters (a country, a topic, a shorter period) and try again; whoever runs the app "
                     "can give it more (QUOTE_ATLAS_MEMORY_MB, docs/speed.md).")
        else:
            st.error(f"Sorry, this view could not be shown ({type(error).__name__}). "
                     "Try clearing the filters; the details are in the server log.")


def added_notice(reader_url) -> None:
    """Once, at the top of the page after an upload: what was added, each article linked in the
    Reader (``reader_url(article_id)``: its link, carrying the filters).
    """
    added = st.session_state.pop(ADDED_ARTICLES, None)
    if not added:
        return
    from ui.safe import md  # data text: escaped (not at module level: this module stays light)

    links = [f"[{md(title or article_id)}]({reader_url(article_id)})" for article_id, title in added["articles"]]
    count = len(links)
    text = f"Added {count} article{'s' * (count != 1)}" + (": " + " · ".join(links) if links else "")
    if added.get("skipped"):
        text += f" ({added['skipped']} already stored)"
    st.success(text + ".", icon=":material/library_add:")
    for message in added.get("too_slow", ()):
        st.warning(md(message))


def refresh_after_add() -> None:
    """After a page added articles: run once more, so every count on the page and in the sidebar is fresh."""
    if st.session_state.pop(REFRESH_AFTER_ADD, False):
        st.rerun()


def enter_shell() -> None:
    """Run the app around a page that Streamlit ran by itself (the legacy first run), then stop.

    :func:`start_app` does what ``dashboard.py`` does: its ``st.navigation`` ends Streamlit's
    legacy ``pages/`` mode and selects the same url path, which then runs inside the shell
    (with the filters and the sidebar); the outer, shell-less run of the page ends here. This
    is how Streamlit itself runs ``dashboard.py`` in that first run (nested in its legacy
    navigation); it avoids a rerun, which would wait for Streamlit to register a file
    watcher for every module the page imported (about a second on a fresh server).
    """
    if st.session_state.get(SHELL_ACTIVE):
        return
    start_app()
    st.stop()
