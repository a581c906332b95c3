"""The two sides of a comparison as widgets and URL parameters (``by``, ``a``, ``b``).

Shared by the Compare page and the Briefing page's "Compare with…" choice, so a link from one
opens the same comparison on the other. Session keys start with a ``prefix`` (``compare`` on
the Compare page, ``brief_compare`` on the Briefing page).

As the sidebar's filters (:mod:`ui.filters`), a side never stands for something else: a link's
``a`` or ``b`` that no statement of the corpus carries stays that side's value, selects nothing,
stays in the URL and is said (:func:`side_notes`), rather than being replaced by the most quoted
speaker (``?a=Zzyzx&b=Tony Blair`` compared Tony Blair with Tony Blair before session 17). A period
that is not two dates compares nothing until one is picked. Such values are only shown as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis.query import strings
from analysis.store import Corpus
from ui.compare import BY, format_period, parse_period, side_label
from ui.filters import filter_value, unmatched_value
from ui.safe import md
from ui.selection import Source

#: Values offered per side at most (most frequent first), besides the ones chosen.
MAX_CHOICES = 2_000
#: The URL parameters of a comparison.
PARAMS = ("by", "a", "b")
#: One side's widget label per ``by`` ("Countries"[:-1] read "Countrie A").
SIDE_LABELS = {"speaker": "Speaker", "country": "Country", "topic": "Topic", "period": "Period"}
#: Characters of a period from a link kept to say it is none.
MAX_PERIOD_CHARS = 60


def dated(frame: pd.DataFrame) -> pd.Series:
    """The article dates of the statements that have one."""
    return pd.to_datetime(strings(frame["date"]), errors="coerce").dropna()


def url_comparison() -> tuple[str | None, str | None, str | None]:
    """``(by, a, b)`` as the URL has them (None where missing)."""
    return tuple(st.query_params.get(name) for name in PARAMS)


def seed_from_url(corpus: Corpus | Source, options: dict[str, list[str]], prefix: str) -> list[str]:
    """Put the URL's ``by``, ``a`` and ``b`` into the widgets' state when the URL changed since
    the last run (a link followed, a page opened); returns the ``by`` that is none (``["by=astrology"]``),
    kept for the page to say until the URL changes again.

    A side's value is the canonical one it names (:func:`ui.filters.filter_value`: any of a speaker's
    names, a country's name, a topic's label), else the value as typed: kept as the side, it selects
    nothing (said by :func:`side_notes`). A period that is not two ISO dates is noted for the side
    (:func:`pick` compares nothing for it until a period is picked).
    """
    url = url_comparison()
    if not any(url) or st.session_state.get(f"{prefix}_seen") == url:
        return st.session_state.get(f"{prefix}_unknown", [])
    st.session_state[f"{prefix}_seen"] = url
    by = url[0] or "speaker"
    if by not in BY:
        st.session_state[f"{prefix}_unknown"] = [f"by={by}"]
        return st.session_state[f"{prefix}_unknown"]
    st.session_state[f"{prefix}_by"] = by
    for side, value in zip(("a", "b"), url[1:], strict=True):
        st.session_state.pop(f"{prefix}_{side}_bad_period", None)
        if value is None:
            continue
        if by == "period":
            period = parse_period(value)
            if period:
                st.session_state[f"{prefix}_{side}_period"] = period
            else:
                st.session_state[f"{prefix}_{side}_bad_period"] = " ".join(value.split())[:MAX_PERIOD_CHARS]
        else:
            st.session_state[f"{prefix}_{side}_{by}"] = filter_value(by, value, options, corpus)
            st.session_state.pop(f"{prefix}_{side}_{by}_default", None)  # chosen by the link
    st.session_state[f"{prefix}_unknown"] = []
    return []


def side_notes(by: str, a: str | None, b: str | None, options: dict[str, list[str]], prefix: str) -> list[str]:
    """Why each side that no statement of the corpus carries compares nothing, in Markdown with the
    value escaped ("Speaker A: no statement in this corpus is attributed to “Zzyzx” ..."): a speaker,
    country or topic side not among ``options``, or a period side a link gave that is not two dates.
    """
    notes = []
    for side, value in (("A", a), ("B", b)):
        if by == "period":
            bad = st.session_state.get(f"{prefix}_{side.lower()}_bad_period")
            if bad is not None:
                notes.append(f"Period {side}: “{md(bad)}” is not a period (two dates, as in 2014-01-01..2014-06-30)")
        elif value is not None and value not in set(options[by]):
            note = unmatched_value(by, value)
            notes.append(f"{SIDE_LABELS[by]} {side}: {note[0].lower()}{note[1:]}")
    return notes


def date_range(quotes: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The first and last article date of the statements ``quotes``; None when none is dated."""
    dates = dated(quotes)
    return None if dates.empty else (dates.min().date(), dates.max().date())


def selection_ranking(selection, by: str) -> list[str]:
    """The speakers, countries or topics (``by``) of ``selection`` (a :class:`ui.selection.Selection`),
    most statements first, those its filters name themselves last (comparing Russia with Ukraine
    among statements naming Russia sets nothing apart). Empty for ``period``.
    """
    counts = {"speaker": (selection.speaker_counts, "speaker", selection.filters.speakers),
              "country": (selection.country_counts, "iso3", selection.filters.countries),
              "topic": (selection.topic_counts, "topic", selection.filters.topics)}.get(by)
    if counts is None:
        return []
    frame, column, fixed = counts
    values = [str(v) for v in frame()[column].tolist() if v is not None and v == v]
    return [v for v in values if v not in fixed] + [v for v in values if v in fixed]


def pick(dates: Callable[[], tuple[dt.date, dt.date] | None], options: dict[str, list[str]], by: str,
         prefix: str, ranked: Callable[[str], list[str]] | None = None) -> tuple[str | None, str | None]:
    """The two sides' widgets, side by side; returns their values (None while a period is half
    chosen, or when there are not two values to compare, which is said). ``dates()`` gives the
    first and last date of the statements compared (read only to compare periods).

    A side nobody chose (no link, no pick) defaults to the most frequent value of ``ranked(by)``
    (:func:`selection_ranking`: within the sidebar's filters), else of the whole store, and follows
    the filters as they change: the store's two most quoted speakers may have no statement naming
    the country filtered on.
    """
    left, right = st.columns(2)
    if by == "period":
        known = dates()
        if known is None:
            st.info("None of these statements has a date, so there are no periods to compare.")
            return None, None
        first, last = known
        middle = first + (last - first) / 2
        values = []
        defaults = {"a": (first, middle), "b": (middle + dt.timedelta(days=1), last)}
        for column, side in ((left, "a"), (right, "b")):
            st.session_state.setdefault(f"{prefix}_{side}_period", defaults[side])
            bad = f"{prefix}_{side}_bad_period"
            picked = column.date_input(f"Period {side.upper()}", key=f"{prefix}_{side}_period", format="YYYY-MM-DD",
                                       on_change=lambda bad=bad: st.session_state.pop(bad, None))
            whole = isinstance(picked, tuple) and len(picked) == 2 and bad not in st.session_state
            values.append(format_period(*picked) if whole else None)
        return values[0], values[1]
    everything = options[by]
    if len(everything) < 2:
        st.info(f"This corpus has fewer than two {BY[by].lower()} to compare.")
        return None, None
    # The most frequent MAX_CHOICES values, and those chosen already (a link may name any): a list of
    # 30,000 speakers costs seconds in the browser.
    choices = everything[:MAX_CHOICES]
    known = set(everything)
    defaults = list(dict.fromkeys([v for v in (ranked(by) if ranked else []) if v in known] + choices))[:2]
    chosen = [st.session_state.get(f"{prefix}_{side}_{by}") for side in ("a", "b")]
    # A side a link named that no statement carries stays a choice: it selects nothing (side_notes).
    choices += [v for v in dict.fromkeys([*defaults, *chosen])
                if isinstance(v, str) and v and v not in choices]
    for side, default in zip(("a", "b"), defaults, strict=True):
        key, auto = f"{prefix}_{side}_{by}", f"{prefix}_{side}_{by}_default"
        current = st.session_state.get(key)
        if current not in choices or (current == st.session_state.get(auto) and current != default):
            st.session_state[key] = default  # never chosen: follows the filters
        st.session_state[auto] = default if st.session_state[key] == default else None
    label = SIDE_LABELS[by]
    a = left.selectbox(f"{label} A", choices, key=f"{prefix}_a_{by}", format_func=lambda v: side_label(by, v))
    b = right.selectbox(f"{label} B", choices, key=f"{prefix}_b_{by}", format_func=lambda v: side_label(by, v))
    return a, b


def write_url(by: str, a: str | None, b: str | None, prefix: str) -> None:
    """Put the comparison in the URL (so the link shares it) and remember it as seen."""
    for name, value in zip(PARAMS, (by, a, b), strict=True):
        if value and st.query_params.get(name) != value:
            st.query_params[name] = value
    st.session_state[f"{prefix}_seen"] = url_comparison()


def clear_url(prefix: str) -> None:
    """Take the comparison out of the URL."""
    for name in PARAMS:
        if name in st.query_params:
            del st.query_params[name]
    st.session_state[f"{prefix}_seen"] = url_comparison()
