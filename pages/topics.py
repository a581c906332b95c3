"""Topics: who speaks on what, about whom, and the words that put a statement under a topic."""

import pandas as pd
import streamlit as st

from ui import charts
from ui.components import chart
from ui.labels import country_names, topic_description, topic_label, topic_labels
from ui.layout import empty_notice, page_data, page_header
from ui.queries import cross_counts, strings, topic_counts
from ui.shared import shared

corpus, filters, quotes = page_data()
page_header("Topics", filters, quotes, "topics assigned to statements, with their trigger words")

if not empty_notice(quotes):
    counts = shared("topics.counts", lambda: topic_counts(quotes))
    if counts.empty:
        st.info("No topic was recognised in these statements.")
        st.stop()
    chart(shared("topics.bar", lambda: charts.bar_topics(charts.top_with_others(counts, "topic", 20))),
          key="topics_bar")
    labels = topic_labels(counts["topic"])
    by_speaker = shared("topics.by_speaker", lambda: cross_counts(quotes, "speaker", "topics", corpus))
    # Unattributed statements are nobody's; a filtered topic or country would fill every row.
    if not by_speaker[~by_speaker["speaker"].isin(("(unknown)",))].empty:
        chart(shared("topics.by_speaker_chart", lambda: charts.heatmap(
            by_speaker, "speaker", "topics", "statements", "Who speaks on what", "Speaker", "Topic",
            column_names=labels, leave_out=("(unknown)", *filters.topics))), key="topics_speakers")
    by_country = shared("topics.by_country", lambda: cross_counts(quotes, "topics", "countries", corpus))
    by_country = by_country[~by_country["countries"].isin(filters.countries)]
    if not by_country.empty:
        chart(shared("topics.by_country_chart", lambda: charts.heatmap(
            by_country, "topics", "countries", "statements", "Which countries each topic names", "Topic", "Country",
            row_names=labels, column_names=country_names(by_country["countries"].unique()),
            leave_out=(*filters.countries, *filters.topics))), key="topics_countries")

    st.subheader("Why a statement is filed under a topic")
    picked = st.selectbox("Topic", counts["topic"].tolist(), format_func=topic_label, key="topics_pick")
    description = topic_description(picked)
    if description:
        st.caption(description)
    in_topic = quotes[[picked in topics for topics in quotes["topics"]]].head(500)
    hits = corpus.topic_hits[corpus.topic_hits["topic"] == picked]
    # Each statement's own topic hit (same article and span) holds the words that triggered it.
    evidence = in_topic[["article_id", "start", "end", "speaker", "text"]].merge(
        hits[["article_id", "start", "end", "evidence"]], on=["article_id", "start", "end"], how="left")
    rows = pd.DataFrame({
        "Speaker": strings(evidence["speaker"]).fillna("(unknown)"),
        "Statement": evidence["text"],
        "Trigger words": [", ".join(sorted(set(e))) if isinstance(e, (tuple, list)) else ""
                          for e in evidence["evidence"]],
    })
    if len(in_topic) == 500:
        st.caption("The first 500 statements of this topic; narrow the filters to see others.")
    st.dataframe(rows, hide_index=True, key="topics_evidence")
