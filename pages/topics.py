"""Topics: who speaks on what, about whom, and the words that put a statement under a topic."""

import pandas as pd
import streamlit as st

from ui import charts
from ui.chosen import show_chosen
from ui.components import chart
from ui.labels import country_name, country_names, topic_description, topic_label, topic_labels
from ui.layout import empty_notice, open_page
from ui.queries import strings
from ui.safe import md
from ui.shared import shared

#: Statements of the picked topic shown with their trigger words.
EVIDENCE_ROWS = 500


def _trigger_words(found) -> str:
    """The words of a statement's topic hit, sorted ("" without a hit: NaN). The store's rows hold them as
    numpy arrays, which a check for a list or tuple took for no words: the column was empty (qa4).
    """
    if found is None or isinstance(found, (str, float)):
        return ""
    return ", ".join(sorted({str(word) for word in found}))


source, selection, total = open_page("Topics", "topics assigned to statements, with their trigger words")
filters = selection.filters

if not empty_notice(total):
    counts = selection.topic_counts()
    if counts.empty:
        st.info("No topic was recognised in these statements.")
        st.stop()
    # A filtered topic is on every statement (its bar the total): shown apart, the bars show the others,
    # as the Countries page does with a filtered country.
    filtered = counts[counts["topic"].isin(filters.topics)]
    others = counts[~counts["topic"].isin(filters.topics)]
    side_by_side = show_chosen("topic", counts, filters.topics, total, "topics_chosen")  # two or more (session 20)
    left_out = [*(["the chosen topics (above)"] if side_by_side else
                  (f"{md(topic_label(r.topic))} (the filter, {r.statements:,} statements)"
                   for r in filtered.itertuples())),
                *(f"{md(country_name(c))} (the country filter)" for c in filters.countries)]  # the countries grid
    if left_out:
        st.caption("Left out of the charts below so that the others show: " + ", ".join(left_out))
    if others.empty:
        st.info("These statements are on no other topic.")
    else:
        chart(shared("topics.bar", lambda: charts.bar_topics(
            charts.top_with_others(others, "topic", 20),
            title="Other topics of these statements" if filters.topics else "Statements per topic")),
            key="topics_bar")
    labels = topic_labels(counts["topic"])

    def by_speaker_chart():
        """Who speaks on what (None when no named speaker does). Only the cells drawn come from the
        store (:meth:`ui.selection.Selection.grid`: the whole crossing, a row per speaker and topic, was
        13 MB at 100,000 articles); the figure is kept for every session on this view.
        """
        # Unattributed statements are nobody's; a filtered topic or country would fill every row.
        by_speaker = selection.grid("speaker", "topics", leave_out=("(unknown)", *filters.topics),
                                    drop_rows=("(unknown)",))
        if not by_speaker.attrs["cells"]:
            return None
        return charts.grid_heatmap(by_speaker, "speaker", "topics", "statements", "Who speaks on what", "Speaker",
                                   "Topic", column_names=labels)

    def by_country_chart():
        """Which countries each topic names (None when none); only the figure is kept."""
        by_country = selection.grid("topics", "countries", leave_out=(*filters.countries, *filters.topics),
                                    drop_columns=filters.countries)
        if not by_country.attrs["cells"]:
            return None
        return charts.grid_heatmap(by_country, "topics", "countries", "statements",
                                   "Which countries each topic names", "Topic", "Country", row_names=labels,
                                   column_names=country_names(charts.grid_keys(by_country, "countries")))

    grids = [("topics.by_speaker_chart", by_speaker_chart, "topics_speakers"),
             ("topics.by_country_chart", by_country_chart, "topics_countries")]
    if len(filters.speakers) == 1:  # "who speaks on what" would be one row repeating the bars above
        grids = grids[1:]
    for name, build, key in grids:
        figure = shared(name, build)
        if figure is not None:
            chart(figure, key=key)

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
        "Trigger words": [_trigger_words(e) for e in evidence["evidence"]],
    })
    if len(in_topic) == EVIDENCE_ROWS:
        st.caption(f"The first {EVIDENCE_ROWS} statements of this topic; narrow the filters to see others.")
    st.dataframe(rows, hide_index=True, key="topics_evidence")
