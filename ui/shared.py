"""Results shared between sessions: what a page computes for a view, computed once per view.

A view is the store's state (its committed batches) plus the filters. Every session looking at
the same view (a briefing room on one shared link, or twenty users on the unfiltered Overview)
gets the same statements, aggregates and figures, so they are kept in one process-wide,
least-recently-used table and computed again only when the store or the filters change.

Each result is computed once even when sessions ask for it at the same moment (a crowd opening
one shared link): the first computes it while the others wait for it, instead of all computing it
together on the same two cores.

The table is bounded by its number of results and by their estimated size (:func:`approx_bytes`):
a long-running server that has shown many views keeps the most recent ones within
:data:`MAX_RESULT_BYTES`, not a few hundred tables of any size (docs/speed.md, session 14, rss).

Values are shared, not copied: callers treat them as read-only (the query functions and the
chart builders return new objects and never change their inputs). The view of the current
run is set by :func:`ui.layout.page_data`; outside a page run nothing is shared.
"""

from __future__ import annotations

import sys
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
#: ... and at most this many bytes of them (estimated): the nine pages' results of one view at
#: 100,000 articles are about 10 MB, so a few views; a result larger than this alone is not kept.
MAX_RESULT_BYTES = 48 * 2**20
#: Items of a long list or dict measured one by one; beyond, the rest is estimated from them.
_SAMPLED_ITEMS = 1_000

_LOCK = threading.Lock()
#: One lock per result being computed: later askers wait on it instead of computing it again.
_COMPUTING: dict[Hashable, threading.Lock] = {}


class Results(OrderedDict):
    """A table of shared results that also keeps each result's estimated size (:func:`compute_once`
    bounds it by their total; a plain ``OrderedDict`` is bounded by their number only).
    """

    def __init__(self) -> None:
        """An empty table."""
        super().__init__()
        self.sizes: dict[Hashable, int] = {}


@st.cache_resource(show_spinner=False)
def _results() -> Results:
    """The process-wide table of shared results (one per server)."""
    return Results()


def approx_bytes(value: object, depth: int = 0) -> int:
    """Roughly how many bytes ``value`` holds: a frame's or series' deep memory, an array's buffer,
    a figure's JSON, a container's items (a long one estimated from its first items), else
    ``sys.getsizeof``. Cheap next to computing the value: it runs once per kept result.
    """
    usage = getattr(value, "memory_usage", None)
    if callable(usage) and hasattr(value, "dtypes"):  # pandas DataFrame or Series
        measured = usage(deep=True)
        return int(measured.sum() if hasattr(measured, "sum") else measured)
    nbytes = getattr(value, "nbytes", None)
    if isinstance(nbytes, int):  # numpy arrays, Arrow tables and arrays
        return nbytes
    if hasattr(value, "to_plotly_json"):
        return len(value.to_json())
    size = sys.getsizeof(value)
    if depth >= 3 or isinstance(value, (str, bytes)):
        return size
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    elif hasattr(value, "__dict__"):  # a record: its fields
        items = list(vars(value).values())
    else:
        return size
    sample = items[:_SAMPLED_ITEMS]
    measured = sum(approx_bytes(item, depth + 1) for item in sample)
    return size + (measured * len(items) // len(sample) if sample else 0)


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


def compute_once(results: OrderedDict, key: Hashable, build: Callable[[], T], limit: int = MAX_RESULTS,
                 max_bytes: int = MAX_RESULT_BYTES) -> T:
    """``results[key]``, computed by ``build`` if missing: once, however many threads ask at the same
    moment (the first computes, the others wait for its result); least recently used entries beyond
    ``limit`` are dropped, and for a :class:`Results` table also beyond ``max_bytes`` in all (a
    result larger than ``max_bytes`` alone is returned but not kept).
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
            sizes = getattr(results, "sizes", None)
            size = approx_bytes(value) if sizes is not None else 0
            with _LOCK:
                if sizes is not None and size > max_bytes:
                    return value
                results[key] = value
                if sizes is not None:
                    sizes[key] = size
                while len(results) > limit or (sizes is not None and sum(sizes.values()) > max_bytes):
                    dropped, _ = results.popitem(last=False)
                    if sizes is not None:
                        sizes.pop(dropped, None)
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
