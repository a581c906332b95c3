"""Compare: two speakers, countries, topics or periods side by side, within the sidebar's filters.

The selection is in the URL (``?by=speaker&a=Vladimir Putin&b=Tony Blair``), so a link shares it.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from ui.compare import (
    BY,
    COLOR_A,
    COLOR_B,
    compare,
    format_period,
    parse_period,
    phrases_figure,
    share_names,
    shares_figure,
    side_label,
    side_quotes,
)
from ui.components import chart
from ui.data import cached_option_values
from ui.filters import resolve_value
from ui.layout import empty_notice, page_data, page_header, plural
from ui.queries import strings
from ui.safe import md

corpus, filters, quotes = page_data()
page_header("Compare", filters, quotes, "two selections side by side: what sets each apart, with its uncertainty")


def _dated(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(strings(frame["date"]), errors="coerce").dropna()


def _seed_from_url(options: dict[str, list[str]]) -> None:
    """Read ``by``, ``a`` and ``b`` from the URL once per session; report what names nothing."""
    if st.session_state.get("compare_initialised"):
        return
    st.session_state["compare_initialised"] = True
    by = st.query_params.get("by", "speaker")
    if by not in BY:
        st.session_state["compare_unknown"] = [f"by={by}"]
        return
    st.session_state["compare_by"] = by
    unknown = []
    for side in ("a", "b"):
        value = st.query_params.get(side)
        if value is None:
            continue
        if by == "period":
            found = format_period(*parse_period(value)) if parse_period(value) else None
            if found:
                st.session_state[f"compare_{side}_period"] = parse_period(value)
        else:
            found = resolve_value(by, value, options, corpus)
            if found:
                st.session_state[f"compare_{side}_{by}"] = found
        if not found:
            unknown.append(f"{side}={value}")
    st.session_state["compare_unknown"] = unknown


def _pick(by: str, options: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """The two sides' widgets; returns their values (None while a period is half chosen)."""
    left, right = st.columns(2)
    if by == "period":
        dates = _dated(quotes)
        if dates.empty:
            st.info("None of these statements has a date, so there are no periods to compare.")
            return None, None
        first, last = dates.min().date(), dates.max().date()
        middle = first + (last - first) / 2
        values = []
        defaults = {"a": (first, middle), "b": (middle + dt.timedelta(days=1), last)}
        for column, side in ((left, "a"), (right, "b")):
            st.session_state.setdefault(f"compare_{side}_period", defaults[side])
            picked = column.date_input(f"Period {side.upper()}", key=f"compare_{side}_period", format="YYYY-MM-DD")
            values.append(format_period(*picked) if isinstance(picked, tuple) and len(picked) == 2 else None)
        return values[0], values[1]
    choices = options[by]
    if len(choices) < 2:
        st.info(f"This corpus has fewer than two {BY[by].lower()} to compare.")
        return None, None
    label = {"speaker": lambda v: v, "country": lambda v: side_label("country", v),
             "topic": lambda v: side_label("topic", v)}[by]
    for side, default in (("a", choices[0]), ("b", choices[1])):
        if st.session_state.get(f"compare_{side}_{by}") not in choices:
            st.session_state[f"compare_{side}_{by}"] = default
    a = left.selectbox(f"{BY[by][:-1]} A", choices, key=f"compare_a_{by}", format_func=label)
    b = right.selectbox(f"{BY[by][:-1]} B", choices, key=f"compare_b_{by}", format_func=label)
    return a, b


def _write_url(by: str, a: str | None, b: str | None) -> None:
    for name, value in (("by", by), ("a", a), ("b", b)):
        if value and st.query_params.get(name) != value:
            st.query_params[name] = value


def _side_column(column, side, tone, colour: str) -> None:
    with column:
        st.markdown(f"<span style='color:{colour};font-weight:700'>■</span> **{md(side.label)}**",
                    unsafe_allow_html=True)
        cols = st.columns(3)
        cols[0].metric("Statements", f"{side.statements:,}")
        cols[1].metric("Speakers", f"{side.speakers:,}")
        cols[2].metric("Articles", f"{side.articles:,}")
        if tone is not None:
            st.caption(f"Mean tone {tone:+.2f} (VADER, −1 to +1)")


options = cached_option_values(corpus)
_seed_from_url(options)
if st.session_state.get("compare_unknown"):
    st.warning("Not in this corpus, so not applied: " + ", ".join(md(v) for v in st.session_state["compare_unknown"]))

if not empty_notice(quotes):
    by = st.radio("Compare", list(BY), format_func=BY.get, horizontal=True, key="compare_by")
    a, b = _pick(by, options)
    if a and b:
        _write_url(by, a, b)
        if a == b:
            st.info("A and B are the same selection: pick two different ones to see what sets them apart.")
        quotes_a, quotes_b = side_quotes(quotes, by, a), side_quotes(quotes, by, b)
        result = compare(corpus, quotes_a, quotes_b, side_label(by, a), side_label(by, b))
        left, right = st.columns(2)
        _side_column(left, result.a, result.tone.mean_a, COLOR_A)
        _side_column(right, result.b, result.tone.mean_b, COLOR_B)
        if by == "period":
            undated = len(quotes) - len(_dated(quotes))
            st.caption(f"Undated statements belong to no period: {plural(undated, 'statement')} left out.")
        if not len(quotes_a) or not len(quotes_b):
            st.info("One side has no statement under these filters; there is nothing to compare.")
            st.stop()
        tone = result.tone
        if tone.low is not None:
            clear = "a difference the counts can tell" if tone.low > 0 or tone.high < 0 else "no clear difference"
            st.write(f"**Tone**: {md(result.a.label)} minus {md(result.b.label)} = {tone.difference:+.2f} "
                     f"(95% interval {tone.low:+.2f} to {tone.high:+.2f}: {clear}).")

        st.subheader("What each side says that the other does not")
        if result.phrases:
            chart(phrases_figure(result.phrases, result.a.label, result.b.label), key="compare_phrases")
            st.caption("z-scores of the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn "
                       "2008), counting statements that hold each key phrase; |z| > 1.96 is a difference the counts "
                       "can tell at 95%.")
        else:
            st.info("No key phrases to compare.")
        left, right = st.columns(2)
        for column, shares, dimension, title in ((left, result.topics, "topic", "Topics: difference of share"),
                                                 (right, result.countries, "country",
                                                  "Countries named: difference of share")):
            with column:
                if by == dimension:  # each side names its own value in every statement
                    shares = [s for s in shares if s.value not in (a, b)]
                if shares:
                    chart(shares_figure(shares, share_names(dimension, shares), result.a.label, result.b.label,
                                        title), key=f"compare_{dimension}")
                else:
                    st.info(f"No {dimension} to compare.")
        st.caption("Dots: share of A's statements minus share of B's; bars: 95% interval (Newcombe's hybrid score "
                   "interval); outlined dots: intervals that leave out 0.")
