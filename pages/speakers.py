"""Speakers: who speaks, about which countries, on which topics, in what tone."""

import streamlit as st

from ui import charts
from ui.components import chart, statements_table
from ui.labels import country_names, topic_labels
from ui.layout import empty_notice, page_data, page_header
from ui.queries import cross_counts, speaker_counts, strings
from ui.safe import md

corpus, filters, quotes = page_data()
page_header("Speakers", filters, quotes, "canonical speakers; pronouns and titles resolved to the person")

if not empty_notice(quotes):
    counts = speaker_counts(quotes, limit=25)
    left, right = st.columns(2)
    with left:
        chart(charts.bar_speakers(counts), key="speakers_bar")
    with right:
        about = cross_counts(quotes, "speaker", "countries", corpus)
        if about.empty:
            st.info("These statements name no country.")
        else:
            about = about[about["speaker"].isin(counts["speaker"].head(12))]
            chart(charts.heatmap(about, "speaker", "countries", "statements", "Who speaks about whom",
                                 "Speaker", "Country",
                                 column_names=country_names(about["countries"])),
                  key="speakers_countries")
    tone = cross_counts(quotes, "speaker", "topics", corpus)
    if not tone.empty:
        tone = tone[tone["speaker"].isin(counts["speaker"].head(12))]
        chart(charts.heatmap(tone, "speaker", "topics", "tone", "Tone of each speaker by topic", "Speaker",
                             "Topic", tone=True, column_names=topic_labels(tone["topics"])),
              key="speakers_tone")

    st.subheader("A speaker's statements")
    names = counts["speaker"].tolist()
    picked = st.selectbox("Speaker", names, key="speakers_pick")
    mine = quotes[strings(quotes["speaker"]).fillna("(unknown)") == picked]
    mentions = sorted(set(mine["speaker_mention"].dropna()))
    st.caption(f"{len(mine)} statements · named in the text as: {', '.join(md(m) for m in mentions) or '—'}")
    st.dataframe(statements_table(mine), hide_index=True, key="speakers_table")
