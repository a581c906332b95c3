"""Countries: a world map drawn offline, mentions per country, countries named together, tone."""

import pandas as pd
import streamlit as st

from ui import charts
from ui.components import chart
from ui.labels import country_name, country_names, topic_labels
from ui.layout import empty_notice, page_data, page_header
from ui.queries import country_counts, country_mentions, country_pairs, cross_counts, evidence_words

corpus, filters, quotes = page_data()
page_header("Countries", filters, quotes, "countries named in statements, with the words that named them")

if not empty_notice(quotes):
    counts = country_counts(quotes)
    if counts.empty:
        st.info("These statements name no country.")
        st.stop()
    mentions = country_mentions(corpus, quotes)
    chart(charts.world_map(counts, evidence=evidence_words(mentions)), key="countries_map")

    left, right = st.columns(2)
    with left:
        chart(charts.bar_countries(counts.head(20)), key="countries_bar")
    with right:
        pairs = country_pairs(quotes)
        if pairs.empty:
            st.info("No statement names two countries together.")
        else:
            both = pairs.rename(columns={"a": "b", "b": "a"})
            grid = pd.concat([pairs, both], ignore_index=True)
            names = country_names(set(grid["a"]) | set(grid["b"]))
            chart(charts.heatmap(grid, "a", "b", "statements", "Countries named together in a statement",
                                 "Country", "Country", row_names=names, column_names=names),
                  key="countries_pairs")

    tone = cross_counts(quotes, "speaker", "countries", corpus)
    if not tone.empty:
        top_speakers = tone.groupby("speaker")["statements"].sum().nlargest(12).index
        tone = tone[tone["speaker"].isin(top_speakers)]
        names = country_names(tone["countries"].unique())
        chart(charts.heatmap(tone, "speaker", "countries", "tone",
                             "Tone of each speaker's statements naming a country", "Speaker", "Country",
                             tone=True, column_names=names), key="countries_tone")
    by_topic = cross_counts(quotes, "topics", "countries", corpus)
    if not by_topic.empty:
        chart(charts.heatmap(by_topic, "topics", "countries", "statements", "Topics by country",
                             "Topic", "Country", row_names=topic_labels(by_topic["topics"]),
                             column_names=country_names(by_topic["countries"])),
              key="countries_topics")

    st.subheader("Evidence: how each country was named")
    evidence = (mentions.groupby(["key", "evidence", "via"]).size().rename("mentions").reset_index()
                .sort_values(["key", "mentions"], ascending=[True, False]))
    evidence.insert(0, "country", evidence["key"].map(country_name))
    st.dataframe(evidence.rename(columns={"key": "ISO-3", "evidence": "named as", "via": "resolved via"}),
                 hide_index=True, key="countries_evidence")
