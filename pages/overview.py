"""Overview: headline figures and the main charts for the current filters."""

import streamlit as st

from ui import charts
from ui.chosen import chosen_note
from ui.components import chart
from ui.labels import country_name, topic_label
from ui.layout import RUN_PARAMS, empty_notice, no_country_note, page_header, page_selection, plural
from ui.safe import md
from ui.shared import shared

source, selection = page_selection()
filters = selection.filters
summary = selection.summary()
total = summary["statements"]
page_header("Quote Atlas", filters, total, "who said what, about which country, on which topic")

if not empty_notice(total):
    countries = selection.country_counts()
    cols = st.columns(4)
    cols[0].metric("Statements", f"{total:,}")
    cols[1].metric("Speakers", f"{summary['speakers']:,}", help="Named speakers of these statements")
    cols[2].metric("Countries named", len(countries))
    cols[3].metric("Articles quoted", f"{summary['articles']:,}",
                   help=f"Articles with at least one of these statements; the store holds {source.articles:,}")

    left, right = st.columns(2)
    with left:
        speakers = selection.speaker_counts()
        if len(filters.speakers) == 1 and len(speakers) == 1:  # one bar, the total: it said nothing
            only, count = str(speakers["speaker"].iloc[0]), int(speakers["statements"].iloc[0])
            st.info(f"All {plural(count, 'statement')} are {md(only)}'s (the speaker filter).",
                    icon=":material/person:")
            # A page link, not Markdown: its address carries the filters' values (any text from a URL).
            st.page_link("pages/speakers.py", label="Their profile on the Speakers page", icon=":material/person:",
                         query_params=st.session_state.get(RUN_PARAMS, {}))
        else:
            chart(shared("overview.speakers_chart", lambda: charts.bar_speakers(
                charts.top_with_others(speakers, "speaker", 12))), key="overview_speakers")
    with right:
        # A filtered country is named in every statement: the chart shows the others.
        others = countries[~countries["iso3"].isin(filters.countries)]
        if others.empty:
            st.info(no_country_note(filters))
        else:
            chart(shared("overview.countries_chart", lambda: charts.bar_countries(
                charts.top_with_others(others, "iso3", 15),
                title="Other countries named" if filters.countries else "Statements naming each country")),
                key="overview_countries")
    left, right = st.columns(2)
    with left:
        # A filtered topic is on every statement, its bar as long as the total: the chart shows the others.
        topics = selection.topic_counts()
        other_topics = topics[~topics["topic"].isin(filters.topics)]
        if other_topics.empty:
            st.info("These statements are on no other topic." if filters.topics
                    else "No topic was recognised in these statements.")
        else:
            chart(shared("overview.topics_chart", lambda: charts.bar_topics(
                charts.top_with_others(other_topics, "topic", 12),
                title="Other topics of these statements" if filters.topics else "Statements per topic")),
                key="overview_topics")
    with right:
        chart(shared("overview.tone_chart", lambda: charts.tone_bars(selection.tone_bins())), key="overview_tone")

    over_time = selection.statements_over_time()
    undated = selection.undated()
    if len(over_time) > 1:
        chart(shared("overview.timeline_chart", lambda: charts.timeline(over_time, undated=undated, total=total)),
              key="overview_timeline")
    elif undated:
        st.caption(f"No time chart: {charts.undated_note(undated, total)}.")

    st.subheader("Key phrases of these statements")
    phrases = selection.keywords(top_n=12)
    st.write(" · ".join(f"**{md(k.phrase)}**" for k in phrases) or "No key phrases found.")
    if others.size:  # the filtered country is named in every statement: "Most named: Russia" said nothing
        top = others.iloc[0]
        besides = " besides the filter" if filters.countries else ""
        named = plural(int(top["statements"]), "statement")
        st.caption(f"Most named{besides}: {country_name(top['iso3'])} in {named}.")
    for param, counted, chosen in (("country", countries, filters.countries), ("topic", topics, filters.topics)):
        note = chosen_note(param, counted, chosen)  # two or more chosen: how each fares (session 20)
        if note:
            st.caption(note)
    if filters.topics and not other_topics.empty:
        top = other_topics.iloc[0]  # most first
        st.caption(f"Most common topic besides the filter: {md(topic_label(top['topic']))} in "
                   f"{plural(int(top['statements']), 'statement')}.")
