"""Results shared between sessions: what a page computes for a view, computed once per view.

A view is the store's state (its committed batches) plus the filters. Every session looking at
the same view (a briefing room on one shared link, or twenty users on the unfiltered Overview)
gets the same statements, aggregates and figures, so they are kept in one process-wide,
least-recently-used table and computed again only when the store or the filters change.

Each result is computed once even when sessions ask for it at the same moment (a crowd opening
one shared link): the first computes it while the others wait for it, instead of all computing it
together on the same two cores.

Values are shared, not copied: callers treat them as read-only (the query functions and the
chart builders return new objects and never change their inputs). The view of the current
run is set by :func:`ui.layout.page_data`; outside a page run nothing is shared.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")

#: Session-state key of the current run's view (store state, filters).
VIEW_KEY = "shared_view_key"
#: How many results are kept (a page keeps about ten per view): a few dozen views.
MAX_RESULTS = 400

_LOCK = threading.Lock()
#: One lock per result being computed: later askers wait on it instead of computing it again.
_COMPUTING: dict[Hashable, threading.Lock] = {}


@st.cache_resource(show_spinner=False)
def _results() -> OrderedDict:
    """The process-wide table of shared results (one per server)."""
    return OrderedDict()


def set_view(view: Hashable) -> None:
    """Declare the view of this run (called once per run, before the page computes anything)."""
    st.session_state[VIEW_KEY] = view


def shared(name: str, build: Callable[[], T]) -> T:
    """Return the result called ``name`` of the current view, computing it with ``build`` only when
    no session has yet.

    Args:
        name: What is computed, unique within a page's view; it must name every input other than
            the view that the result depends on (e.g. ``f"speakers.tone.{target}"``).
        build: Computes the result (called once per view and name while it stays cached; sessions
            asking while it runs wait for it; if it raises, the next waiting session tries).

    Returns:
        The result, shared with other sessions: do not change it.
    """
    view = st.session_state.get(VIEW_KEY)
    if view is None:
        return build()
    return compute_once(_results(), (view, name), build)


def compute_once(results: OrderedDict, key: Hashable, build: Callable[[], T], limit: int = MAX_RESULTS) -> T:
    """``results[key]``, computed by ``build`` if missing: once, however many threads ask at the same
    moment (the first computes, the others wait for its result); least recently used entries beyond
    ``limit`` are dropped.
    """
    found, value = _cached(results, key)
    if found:
        return value
    with _LOCK:
        computing = _COMPUTING.setdefault(key, threading.Lock())
    try:
        with computing:
            found, value = _cached(results, key)  # computed by the thread we waited for
            if found:
                return value
            value = build()
            with _LOCK:
                results[key] = value
                while len(results) > limit:
                    results.popitem(last=False)
            return value
    finally:
        with _LOCK:
            if _COMPUTING.get(key) is computing:
                del _COMPUTING[key]


def _cached(results: OrderedDict, key: Hashable) -> tuple[bool, object]:
    """(True, value) when ``key`` is in ``results`` (and mark it recently used), else (False, None)."""
    with _LOCK:
        if key in results:
            results.move_to_end(key)
            return True, results[key]
    return False, None
