"""Quotes: the table of statements; pick one to read it in context."""

import pandas as pd
import streamlit as st

from ui.components import download_buttons, quote_in_context, statements_table
from ui.data import article_text
from ui.layout import empty_notice, page_data, page_header
from ui.queries import speaker_labels
from ui.safe import md

corpus, filters, quotes = page_data()
page_header("Quotes", filters, quotes, "select a row to read it in context")

#: More rows than a reader can scan only cost memory in the browser; the downloads have all.
TABLE_LIMIT = 2_000

if not empty_notice(quotes):
    download_buttons(quotes, key="quotes_download")
    if len(quotes) > TABLE_LIMIT:
        st.caption(f"Showing the {TABLE_LIMIT:,} most recent of {len(quotes):,} statements; "
                   "narrow the filters or download them all.")
        quotes = quotes.sort_values(["date", "article_id", "start"], ascending=[False, True, True],
                                    na_position="last").head(TABLE_LIMIT)
    quotes = quotes.sort_values(["date", "article_id", "start"], na_position="last").reset_index(drop=True)
    event = st.dataframe(
        statements_table(quotes), key="quotes_table", on_select="rerun", selection_mode="single-row",
        hide_index=True, height=min(560, 38 * len(quotes) + 40),
        column_config={
            "Statement": st.column_config.TextColumn(width="large"),
            "Tone": st.column_config.NumberColumn(format="%.2f", help="VADER compound, -1 .. +1"),
            "As named": st.column_config.TextColumn(help="The mention the text attributes the quote to"),
        },
    )
    rows = event.selection.rows if event is not None else []
    picked = quotes.iloc[rows[0]] if rows else quotes.iloc[0]
    st.subheader("In context")
    speaker = speaker_labels(quotes.iloc[[rows[0] if rows else 0]]).iloc[0]  # as the table names it
    details = ["Unknown speaker" if speaker == "(unknown)" else speaker, picked["title"], picked["outlet"],
               picked["date"]]
    st.caption(" · ".join(md(d) for d in details if pd.notna(d) and d))
    same_article = corpus.quotes[corpus.quotes["article_id"] == picked["article_id"]]
    mentions = corpus.mentions[corpus.mentions["article_id"] == picked["article_id"]]
    quote_in_context(picked, article_text(picked["article_id"]), same_article, mentions)
