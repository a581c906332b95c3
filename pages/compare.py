"""Compare: two speakers, countries, topics or periods side by side, within the sidebar's filters.

The selection is in the URL (``?by=speaker&a=Vladimir Putin&b=Tony Blair``), so a link shares it.
A side no statement of the corpus carries stays in it, compares nothing and is said: a shared link
never silently compares something else.
"""

import streamlit as st

from ui.compare import (
    BY,
    CLEAR_Z,
    COLOR_A,
    COLOR_B,
    phrases_figure,
    share_names,
    shares_figure,
)
from ui.compare_picker import SIDE_LABELS, pick, seed_from_url, selection_ranking, side_notes, write_url
from ui.components import chart
from ui.data import cached_option_values
from ui.filters import filter_query_params
from ui.layout import empty_notice, open_page, plural
from ui.safe import md
from ui.shared import shared

source, selection, total = open_page("Compare",
                                     "two selections side by side: what sets each apart, with its uncertainty")
filters = selection.filters


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


options = source.option_values(cached_option_values)
unknown = seed_from_url(source, options, "compare")
if unknown:
    st.warning("Not a way to compare, so not applied: " + ", ".join(md(v) for v in unknown)
               + " (compare speakers, countries, topics or periods).")

if not empty_notice(total):
    by = st.radio("Compare", list(BY), format_func=BY.get, horizontal=True, key="compare_by")
    a, b = pick(selection.date_range, options, by, "compare", ranked=lambda by: selection_ranking(selection, by))
    notes = side_notes(by, a, b, options, "compare")
    if notes:
        st.warning(". ".join(notes) + ". Kept in the link, so nothing else is compared in its place: pick "
                   f"another {SIDE_LABELS[by].lower()} above.", icon=":material/filter_alt_off:")
        if a and b:  # kept in the URL (a period that is none is not a value: the link's stays there)
            write_url(by, a, b, "compare")
    elif a and b:
        write_url(by, a, b, "compare")
        st.page_link("pages/briefing.py", label="One-page brief of this comparison", icon=":material/slideshow:",
                     query_params={**filter_query_params(filters), "by": by, "a": a, "b": b})
        if a == b:
            st.info("A and B are the same selection: pick two different ones to see what sets them apart.")
        pair = repr((by, a, b))  # names this comparison's shared results within the view
        result = shared(f"compare.result.{pair}", lambda: selection.comparison(by, a, b))
        left, right = st.columns(2)
        _side_column(left, result.a, result.tone.mean_a, COLOR_A)
        _side_column(right, result.b, result.tone.mean_b, COLOR_B)
        if by == "period":
            undated = selection.undated()
            st.caption(f"Undated statements belong to no period: {plural(undated, 'statement')} left out.")
        if not result.a.statements or not result.b.statements:
            st.info("One side has no statement under these filters; there is nothing to compare.")
            st.stop()
        tone = result.tone
        if tone.low is not None:
            clear = "a difference the counts can tell" if tone.low > 0 or tone.high < 0 else "no clear difference"
            st.write(f"**Tone**: {md(result.a.label)} minus {md(result.b.label)} = {tone.difference:+.2f} "
                     f"(95% interval {tone.low:+.2f} to {tone.high:+.2f}: {clear}).")

        st.subheader("What each side says that the other does not")
        if result.phrases:
            chart(shared(f"compare.phrases_chart.{pair}",
                         lambda: phrases_figure(result.phrases, result.a.label, result.b.label)), key="compare_phrases")
            st.caption("z-scores of the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn "
                       "2008), counting statements that hold each key phrase; |z| > 1.96 (the dotted lines) is a "
                       "difference the counts can tell at 95%.")
            if not any(abs(p.z) > CLEAR_Z for p in result.phrases):
                st.info("No key phrase sets the two sides apart at 95% (every |z| is under 1.96): these are the "
                        "least alike words, not clear differences.", icon=":material/info:")
        else:
            st.info("No key phrases to compare.")
        left, right = st.columns(2)
        for column, shares, dimension, title in ((left, result.topics, "topic", "Topics: difference of share"),
                                                 (right, result.countries, "country",
                                                  "Countries named: difference of share")):
            with column:
                if by == dimension:  # each side names its own value in every statement
                    shares = [s for s in shares if s.value not in (a, b)]
                fixed = filters.topics if dimension == "topic" else filters.countries
                if len(fixed) == 1:  # the filter's one value is in every statement of both sides: 0 apart
                    shares = [s for s in shares if s.value not in fixed]
                if shares:
                    figure = shared(f"compare.{dimension}_chart.{pair}", lambda s=shares, d=dimension, t=title:
                                    shares_figure(s, share_names(d, s), result.a.label, result.b.label, t))
                    chart(figure, key=f"compare_{dimension}")
                else:
                    st.info(f"No {dimension} to compare.")
        st.caption("Dots: share of A's statements minus share of B's; bars: 95% interval (Newcombe's hybrid score "
                   "interval); outlined dots: intervals that leave out 0.")
