"""The shared part of every page run: corpus, sidebar filters, and what a page draws first.

:func:`run_page` runs once the frame is drawn (:mod:`ui.shell`); pages call
:func:`page_selection` for the store and the statements the filters select, answered out of
core when the store's warehouse is current (:mod:`ui.selection`), or :func:`page_data` for the
loaded corpus, the active filters and the matching statements as a frame.
"""

from __future__ import annotations

import dataclasses
import hashlib
import urllib.parse
from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis.query import Filters, filter_quotes
from analysis.store import Corpus
from analysis.store.corrections import Report, applied_note
from ui.components import presentation_mode
from ui.data import corrections, get_corpus, store_dir, store_source, store_state
from ui.data import problems as store_problems
from ui.filters import (
    RIGHT_OF_ALL,
    RIGHT_WHEN_CONFIDENT,
    describe,
    filter_query_params,
    sidebar_filters,
    unknown_notice,
)
from ui.safe import md
from ui.selection import Selection, Source
from ui.shared import set_view, shared
from ui.shell import SHELL_ACTIVE, added_notice, enter_shell, navigation_links, refresh_after_add
from ui.versions import VERSIONS_PARAM, versions_toggle

#: Session-state key of the filters of the current run (set before the page runs).
RUN_FILTERS = "run_filters"
#: Session-state key of the URL parameters of the current run's view (filters, versions switch,
#: presentation mode): what every link to another page carries (:func:`page_url`).
RUN_PARAMS = "run_params"


def run_page(page, pages: list, links) -> None:
    """Read the store (:func:`ui.data.store_source`: the corpus is loaded only without a current
    warehouse), draw the sidebar filters and the links that carry them, then run ``page``.

    Args:
        page: The page ``st.navigation`` selected.
        pages: Every app page, for the links.
        links: The sidebar slot (``st.empty``) holding the links.
    """
    source = store_source()
    filters = dataclasses.replace(sidebar_filters(source), versions_once=versions_toggle(source))
    with st.sidebar:
        st.divider()
        presenting = presentation_mode()
    params = filter_query_params(filters)
    if not filters.versions_once:
        params[VERSIONS_PARAM] = "all"
    if presenting:
        params["present"] = "1"
    with links.container():
        navigation_links(pages, params)
    st.session_state[RUN_FILTERS] = filters
    st.session_state[RUN_PARAMS] = params
    repeats = source.repeats if filters.versions_once else 0
    st.sidebar.caption(f"{plural(source.articles, 'article')} · {plural(source.statements, 'statement')}"
                       + (f" ({repeats:,} repeats counted once)" if repeats else "")
                       + report_part(source.report))
    st.session_state[SHELL_ACTIVE] = True
    unknown_notice()
    added_notice(lambda article_id: page_url("reader", article=article_id))
    try:
        page.run()
    finally:
        st.session_state[SHELL_ACTIVE] = False
    refresh_after_add()


def page_url(path: str, **params: str) -> str:
    """A link to the page at ``path`` ("reader") with ``params`` (``article=...``) and the current
    view's filters, versions switch and presentation mode, so the page opened shows the same
    selection (the Reader dims the statements outside it). Plain ``?a=b&c=d`` parameters, each
    value quoted: a link in Markdown or a table's link column.
    """
    merged = dict(params)
    for name, value in st.session_state.get(RUN_PARAMS, {}).items():
        merged.setdefault(name, value)
    # Every character but letters, digits and "_.-~" escaped: no value can end a Markdown link's address.
    query = urllib.parse.urlencode(merged, doseq=True, safe="", quote_via=urllib.parse.quote)
    return f"/{path}?{query}" if query else f"/{path}"


def page_data() -> tuple[Corpus, Filters, pd.DataFrame]:
    """For a page: the corpus, the active filters and the statements matching them."""
    enter_shell()
    # The state is read before the corpus: a batch or correction landing in between then files the
    # newer results under the older state (recomputed at the next run), never older results under
    # the newer state, where they would stay.
    state = store_state(store_dir())
    corpus = get_corpus()
    for message in store_problems():
        st.sidebar.text(message)  # plain text: the message holds a path
    filters = st.session_state.get(RUN_FILTERS, Filters())
    set_view((state, filters))
    return corpus, filters, shared("statements", lambda: filter_quotes(corpus, filters))


def page_selection() -> tuple[Source, Selection]:
    """For a page: the store (its facts) and the statements the active filters select, answered by
    the engine when the store's warehouse is current, else by pandas on the loaded corpus.
    """
    enter_shell()
    state = store_state(store_dir())  # read first, as in page_data
    source = store_source()
    for message in store_problems():
        st.sidebar.text(message)  # plain text: the message holds a path
    filters = st.session_state.get(RUN_FILTERS, Filters())
    set_view((state, filters))
    return source, source.selection(filters)


def open_page(title: str, caption: str | Callable[[Source], str] = "") -> tuple[Source, Selection, int]:
    """A page's first lines: the store and the statements the filters select (:func:`page_selection`),
    then its title and the line saying what is selected, how many, and ``caption`` (or
    ``caption(source)``). Returns the store, the selection and how many statements it holds.
    """
    source, selection = page_selection()
    total = selection.count()
    page_header(title, selection.filters, total, caption(source) if callable(caption) else caption)
    return source, selection, total


#: How accurate the extraction is, as measured (docs/accuracy.md: speakers_dev, 39 hand-checked
#: real articles, and the confidence reliability table); stated in every brief.
MEASURED_ACCURACY = (f"Extraction measured on 39 hand-checked news articles: statement and speaker right for "
                     f"{RIGHT_OF_ALL}% of all statements, {RIGHT_WHEN_CONFIDENT}% of those with confidence at least "
                     "50% (docs/accuracy.md).")


def view_provenance(source: Source, filters: Filters, page: str) -> str:
    """What reproduces a view: its link (the filters), the store's content fingerprint (its
    committed batches, which never change once written), the analysis version of its articles,
    the analysts' corrections applied (when any), and the measured accuracy (:data:`MEASURED_ACCURACY`).
    """
    query = urllib.parse.urlencode(filter_query_params(filters), doseq=True)
    batches = "\n".join(store_state(store_dir()))
    fingerprint = hashlib.sha256(batches.encode("utf-8")).hexdigest()[:12]
    versions = source.analysis_versions()
    return (f"View /{page}{'?' + query if query else ''} · store {fingerprint} · analysis "
            f"{', '.join(versions) or 'unknown'}{report_part(source.report)}. {MEASURED_ACCURACY}")


def corrections_part(corpus: Corpus) -> str:
    """" · 3 corrections applied" for a corpus with corrections in force, else "" (for provenance lines)."""
    return report_part(corrections(corpus))


def report_part(report: Report) -> str:
    """" · 3 corrections applied" for a corrections report with corrections in force, else ""."""
    note = applied_note(report)
    return f" · {note}" if note else ""


def plural(count: int, noun: str) -> str:
    """"1 article", "2 articles" (thousands separated)."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def no_country_note(filters: Filters) -> str:
    """What a country chart says when it has nothing to draw: with a country filter, the filtered
    countries are left out, so no *other* country is named.
    """
    return "These statements name no other country." if filters.countries else "These statements name no country."


def table_summary(total: int, undated: int, first: int = 1, shown: int | None = None, *,
                  by_meaning: bool = False) -> str:
    """The caption over a statements table: how many, which ones, in what order.

    Args:
        total: Statements of the selection.
        undated: How many of them have no date (listed last, never dropped).
        first: Position (1-based) of the first row shown.
        shown: Rows shown on this page (default: all of them).
        by_meaning: The rows are a search by meaning, most similar first (dates do not order them).
    """
    shown = total if shown is None else shown
    if by_meaning:
        order, undated = "most similar first", 0
    else:
        order = "in article order (none is dated)" if total and undated == total else "most recent first"
    summary = (f"Showing statements {first:,}–{first + shown - 1:,} of {total:,}, {order}" if shown < total
               else f"{plural(total, 'statement')}, {order}")
    if 0 < undated < total:
        summary += f"; {undated:,} undated listed last"
    return summary


def page_header(title: str, filters: Filters, quotes: pd.DataFrame | int, caption: str = "") -> None:
    """Page title plus a line describing the filter and how many statements match (``quotes``:
    the statements or their number).
    """
    st.title(title)
    count = quotes if isinstance(quotes, int) else len(quotes)
    # The description carries URL values (the search text, speaker names): shown as text.
    st.caption(f"{md(describe(filters))} · {plural(count, 'statement')}" + (f" · {caption}" if caption else ""))


def empty_notice(quotes: pd.DataFrame | int) -> bool:
    """Show the empty-result message for the statements (or their number) ``quotes``; returns True
    when there is nothing to draw.
    """
    if (quotes if isinstance(quotes, int) else len(quotes)) == 0:
        st.info("No statements match these filters. Remove a filter in the sidebar or press "
                "“Clear filters”.")
        return True
    return False
