"""Topics: who speaks on what, about whom, and the words that put a statement under a topic."""

import pandas as pd
import streamlit as st

from ui import charts
from ui.components import chart
from ui.labels import country_names, topic_description, topic_label, topic_labels
from ui.layout import empty_notice, open_page
from ui.queries import strings
from ui.shared import shared

#: Statements of the picked topic shown with their trigger words.
EVIDENCE_ROWS = 500

source, selection, total = open_page("Topics", "topics assigned to statements, with their trigger words")
filters = selection.filters

if not empty_notice(total):
    counts = selection.topic_counts()
    if counts.empty:
        st.info("No topic was recognised in these statements.")
        st.stop()
    chart(shared("topics.bar", lambda: charts.bar_topics(charts.top_with_others(counts, "topic", 20))),
          key="topics_bar")
    labels = topic_labels(counts["topic"])
    by_speaker = selection.cross_counts("speaker", "topics")
    # Unattributed statements are nobody's; a filtered topic or country would fill every row.
    if not by_speaker[~by_speaker["speaker"].isin(("(unknown)",))].empty:
        chart(shared("topics.by_speaker_chart", lambda: charts.heatmap(
            by_speaker, "speaker", "topics", "statements", "Who speaks on what", "Speaker", "Topic",
            column_names=labels, leave_out=("(unknown)", *filters.topics))), key="topics_speakers")
    by_country = selection.cross_counts("topics", "countries")
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
    in_topic = selection.rows(("article_id", "start", "end", "speaker", "text"), limit=EVIDENCE_ROWS, topic=picked)
    # Each statement's own topic hit (same article and span) holds the words that triggered it.
    evidence = shared(f"topics.evidence.{picked}", lambda: selection.topic_evidence(in_topic, picked))
    rows = pd.DataFrame({
        "Speaker": strings(evidence["speaker"]).fillna("(unknown)"),
        "Statement": evidence["text"],
        "Trigger words": [", ".join(sorted(set(e))) if isinstance(e, (tuple, list)) else ""
                          for e in evidence["evidence"]],
    })
    if len(in_topic) == EVIDENCE_ROWS:
        st.caption(f"The first {EVIDENCE_ROWS} statements of this topic; narrow the filters to see others.")
    st.dataframe(rows, hide_index=True, key="topics_evidence")
