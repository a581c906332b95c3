"""Countries: a world map drawn offline, mentions per country, countries named together, tone."""

import pandas as pd
import streamlit as st

from ui import charts
from ui.chosen import show_chosen
from ui.components import chart
from ui.labels import country_name, country_names, topic_labels
from ui.layout import empty_notice, open_page
from ui.selection import evidence_rows, evidence_words
from ui.shared import shared


def pairs_heatmap(pairs: pd.DataFrame, leave_out: tuple[str, ...]):
    """The "countries named together" grid: each pair counted both ways, the filtered countries left out."""
    grid = pd.concat([pairs, pairs.rename(columns={"a": "b", "b": "a"})], ignore_index=True)
    names = country_names(set(grid["a"]) | set(grid["b"]))
    return charts.heatmap(grid, "a", "b", "statements", "Countries named together in a statement", "Country",
                          "Country", row_names=names, column_names=names, max_rows=15, max_columns=15,
                          leave_out=leave_out)


def evidence_table(counted: pd.DataFrame, named: set[str]) -> pd.DataFrame:
    """How each of the countries ``named`` (those the selected statements name) was named: the words, how
    they were resolved, how often (from the selection's ``country_evidence``), by country name. The
    mentions are the whole articles': it listed countries no selected statement names (Australia under
    ``?country=RUS&topic=war``), and in the order of their codes (United Arab Emirates after Albania).
    """
    evidence = evidence_rows(counted)
    evidence = evidence[evidence["key"].isin(named)]
    evidence.insert(0, "country", evidence["key"].map(country_name))
    evidence = evidence.sort_values("country", kind="stable", ignore_index=True)  # mentions order kept within
    return evidence.rename(columns={"key": "ISO-3", "evidence": "named as", "via": "resolved via"})


source, selection, total = open_page("Countries", "countries named in statements, with the words that named them")
filters = selection.filters

if not empty_notice(total):
    counts = selection.country_counts()
    if counts.empty:
        st.info("These statements name no country.")
        st.stop()
    mentions = selection.country_evidence()
    chart(shared("countries.map", lambda: charts.world_map(counts, evidence=evidence_words(mentions))),
          key="countries_map")
    # A filtered country is named in every statement: it is shown apart, the charts show the others;
    # two or more side by side, with the statements naming both (session 20).
    filtered = counts[counts["iso3"].isin(filters.countries)]
    pairs = selection.country_pairs()
    if len(filtered) == 2:
        pair = pairs[pairs["a"].isin(filtered["iso3"]) & pairs["b"].isin(filtered["iso3"])]
        both = int(pair["statements"].sum())
    else:
        both = None
    if show_chosen("country", counts, filters.countries, total, "countries_chosen", both=both):
        st.caption("Left out of the charts below so that the others show: the chosen countries (above).")
    elif not filtered.empty:
        st.caption("Left out of the charts below so that the others show: "
                   + ", ".join(f"{country_name(r.iso3)} (the filter, {r.statements:,} statements)"
                               for r in filtered.itertuples()))
    others = counts[~counts["iso3"].isin(filters.countries)]

    left, right = st.columns(2)
    with left:
        if others.empty:
            st.info("These statements name no other country.")
        else:
            chart(shared("countries.bar", lambda: charts.bar_countries(
                charts.top_with_others(others, "iso3", 20),
                title="Other countries named" if filters.countries else "Statements naming each country")),
                key="countries_bar")
    with right:
        if pairs.empty:
            st.info("No statement names two countries together.")
        else:
            chart(shared("countries.pairs_chart", lambda: pairs_heatmap(pairs, filters.countries)),
                  key="countries_pairs")

    def tone_chart():
        """The speakers' tone towards each country (None when there is none). Only the cells drawn
        come from the store (:meth:`ui.selection.Selection.grid`: the whole crossing, a row per
        speaker and country, was 9 MB at 100,000 articles); the figure is kept for every session on
        this view.
        """
        tone = selection.grid("speaker", "countries", tone=True, leave_out=("(unknown)", *filters.countries))
        if not tone.attrs["cells"]:
            return None
        return charts.grid_heatmap(
            tone, "speaker", "countries", "tone", "In what tone each speaker speaks about each country", "Speaker",
            "Country", tone=True, column_names=country_names(charts.grid_keys(tone, "countries")),
            subtitle=f"Measure: {selection.tone_measure('speaker', 'countries')}")

    def by_topic_chart():
        """Topics by country (None when there is none); only the figure is kept, as :func:`tone_chart`."""
        by_topic = selection.grid("topics", "countries", tone=True, leave_out=(*filters.countries, *filters.topics))
        if not by_topic.attrs["cells"]:
            return None
        return charts.grid_heatmap(by_topic, "topics", "countries", "statements", "Topics by country", "Topic",
                                   "Country", row_names=topic_labels(charts.grid_keys(by_topic, "topics")),
                                   column_names=country_names(charts.grid_keys(by_topic, "countries")))

    for name, build in (("countries.tone_chart", tone_chart), ("countries.by_topic_chart", by_topic_chart)):
        figure = shared(name, build)
        if figure is not None:
            chart(figure, key="countries_tone" if build is tone_chart else "countries_topics")

    st.subheader("Evidence: how each country was named")
    which = "the country" if len(counts) == 1 else f"each of the {len(counts):,} countries"
    st.caption(f"The words that named {which} these statements name, counted over the whole text of the articles "
               "they come from.")
    evidence = shared("countries.evidence", lambda: evidence_table(mentions, set(counts["iso3"])))
    st.dataframe(evidence, hide_index=True, key="countries_evidence")
