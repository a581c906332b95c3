"""Speakers: who speaks, about which countries, on which topics, in what tone."""

import streamlit as st

from ui import charts
from ui.components import TABLE_COLUMNS, chart, statements_table
from ui.labels import country_names, topic_labels
from ui.layout import empty_notice, no_country_note, open_page, plural
from ui.queries import TARGET_MEASURE
from ui.safe import md
from ui.shared import shared

#: Rows of the heatmaps: the most quoted speakers, the rest as "others".
TOP_SPEAKERS = 20
#: Speakers offered in the choice of a speaker's statements at most.
MAX_CHOICES = 2_000
#: Rows of a speaker's statements shown (the first ones, in corpus order).
TABLE_LIMIT = 2_000



def speaker_profile(selection, filters) -> None:
    """One speaker filtered: their figures, the countries and topics of their statements and their
    statements over time, instead of a chart of one bar.
    """
    summary = selection.summary()
    countries = selection.country_counts()
    others = countries[~countries["iso3"].isin(filters.countries)]
    topics = selection.topic_counts()
    cols = st.columns(4)
    cols[0].metric("Statements", f"{summary['statements']:,}")
    cols[1].metric("Articles quoting them", f"{summary['articles']:,}")
    cols[2].metric("Countries named", len(countries))
    cols[3].metric("Topics", len(topics))
    left, right = st.columns(2)
    with left:
        if others.empty:
            st.info(no_country_note(filters))
        else:
            chart(shared("speakers.profile_countries", lambda: charts.bar_countries(
                charts.top_with_others(others, "iso3", 15), title="Countries named in their statements")),
                key="speakers_profile_countries")
    with right:
        if topics.empty:
            st.info("No topic was recognised in these statements.")
        else:
            chart(shared("speakers.profile_topics", lambda: charts.bar_topics(
                charts.top_with_others(topics, "topic", 12), title="Topics of their statements")),
                key="speakers_profile_topics")
    over_time = selection.statements_over_time()
    undated = selection.undated()
    if len(over_time) > 1:
        chart(shared("speakers.profile_timeline", lambda: charts.timeline(
            over_time, undated=undated, total=summary["statements"])), key="speakers_profile_timeline")


source, selection, total = open_page("Speakers", "canonical speakers; pronouns and titles resolved to the person")
filters = selection.filters

if not empty_notice(total):
    counts = selection.speaker_counts()
    # Unattributed statements are nobody's; a filtered country would fill every row.
    leave_out = ("(unknown)", *filters.countries, *filters.topics)
    one_speaker = len(filters.speakers) == 1
    if one_speaker:
        speaker_profile(selection, filters)
    else:
        chart(shared("speakers.bar", lambda: charts.bar_speakers(charts.top_with_others(counts, "speaker", 25))),
              key="speakers_bar")

    def about_chart():
        """The heatmap of who speaks about whom (None when no other country is named). Only the cells
        drawn come from the store (:meth:`ui.selection.Selection.grid`: the whole crossing, a row per
        speaker and country, was 9 MB at 100,000 articles, 30,000 speakers); the figure is kept for
        every session on this view.
        """
        about = selection.grid("speaker", "countries", max_rows=TOP_SPEAKERS, leave_out=leave_out,
                               drop_columns=filters.countries)
        if not about.attrs["cells"]:
            return None
        return charts.grid_heatmap(about, "speaker", "countries", "statements", "Who speaks about whom", "Speaker",
                                   "Country", column_names=country_names(charts.grid_keys(about, "countries")))

    # Full width: up to 30 country columns, whose names do not fit half the page. One speaker's row
    # is the profile's country chart.
    if not one_speaker:
        figure = shared("speakers.about_chart", about_chart)
        if figure is None:
            st.info(no_country_note(filters))
        else:
            chart(figure, key="speakers_countries")

    who = md(filters.speakers[0]) if one_speaker else "each speaker"
    st.subheader(f"In what tone does {who} speak about…")
    target = st.radio("Tone towards", ["countries", "topics"], horizontal=True, key="speakers_tone_target",
                      label_visibility="collapsed")
    noun = {"countries": "country", "topics": "topic"}[target]
    measure = selection.tone_measure("speaker", target)

    def tone_chart():
        """The tone heatmap towards ``target`` (None when no statement names one); as :func:`about_chart`,
        only the figure is kept.
        """
        # A target that is all left out (a filtered country) has nothing to draw.
        tone = selection.grid("speaker", target, tone=True, max_rows=TOP_SPEAKERS, leave_out=leave_out,
                              drop_columns=leave_out)
        if not tone.attrs["cells"]:
            return None
        keys = charts.grid_keys(tone, target)
        names = country_names(keys) if target == "countries" else topic_labels(keys)
        # One speaker filtered: one row, theirs ("each speaker's" read as if more were drawn).
        title = (f"Mean tone of {filters.speakers[0]}'s statements naming each {noun}" if one_speaker
                 else f"Mean tone of each speaker's statements naming a {noun}")
        return charts.grid_heatmap(tone, "speaker", target, "tone", title, "Speaker", noun.title(), tone=True,
                                   column_names=names, subtitle=f"Measure: {measure}")

    figure = shared(f"speakers.tone_chart.{target}", tone_chart)
    if figure is None:
        st.info(f"No statement here names a {noun}.")
    else:
        chart(figure, key="speakers_tone")
        if measure == TARGET_MEASURE:
            st.caption("Red is negative, blue positive: the tone model's reading of each statement towards each "
                       "country it names (negative −1, neutral 0, positive +1), averaged over the speaker's "
                       "statements naming it; hover a cell for the statements behind it.")
        else:
            st.caption("Red is negative, blue positive (VADER, −1 to +1); hover a cell for the statements behind "
                       "it. The tone is the whole statement's, not only the part about the country or topic.")

    st.subheader("A speaker's statements")
    names = counts["speaker"].tolist()[:MAX_CHOICES]  # most quoted first; 30,000 names cost seconds in the browser
    if len(counts) > MAX_CHOICES:
        st.caption(f"The {MAX_CHOICES:,} most quoted of {len(counts):,} speakers are offered: the sidebar's "
                   "speaker filter finds any other.")
    picked = st.selectbox("Speaker", names, key="speakers_pick")
    if picked is not None:
        mine = selection.count_of(speaker=picked)
        mentions = selection.mentions_of(speaker=picked)
        st.caption(f"{plural(mine, 'statement')} · named in the text as: {', '.join(md(m) for m in mentions) or '—'}"
                   + (f" · the first {TABLE_LIMIT:,} shown" if mine > TABLE_LIMIT else ""))
        rows = selection.rows(TABLE_COLUMNS, limit=TABLE_LIMIT, speaker=picked)
        st.dataframe(statements_table(rows), hide_index=True, key="speakers_table")
