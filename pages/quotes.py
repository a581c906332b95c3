"""Quotes: the table of statements (search hits marked); pick one to read it whole and in context."""

import pandas as pd
import streamlit as st

from ui.components import TABLE_COLUMNS, download_selection, quote_in_context, statements_table
from ui.data import article_text
from ui.layout import empty_notice, page_header, page_selection, page_url, table_summary
from ui.queries import (
    MIN_SIMILARITY,
    bracketed,
    highlight_html,
    hit_spans,
    is_meaning_search,
    parse_meaning,
    parse_query,
    speaker_labels,
)
from ui.review import review_statement
from ui.safe import md
from ui.shared import shared


def _display_table(shown: pd.DataFrame, spans, by_meaning: bool) -> pd.DataFrame:
    """The table of one page of statements: search hits bracketed, the statement next to its speaker."""
    table = statements_table(shown)
    if spans is not None:
        table["Statement"] = [bracketed(text, hits) for text, hits in zip(table["Statement"], spans, strict=True)]
    first_columns = ["Speaker", "Statement"]
    if by_meaning:
        table["Similarity"] = shown["similarity"].round(2).to_numpy()
        first_columns.append("Similarity")
    # The statement next to its speaker, where it is read first; long ones wrap over three lines.
    return table[[*first_columns, *[c for c in table.columns if c not in first_columns]]]


source, selection = page_selection()
filters = selection.filters
summary = selection.summary()
page_header("Quotes", filters, summary["statements"], "select a row to read it in context")

#: Rows per page of the table: more than a reader can scan only cost memory in the browser.
TABLE_LIMIT = 2_000
#: The columns of the table's rows: the table's, and what the picked statement is shown and reviewed with.
ROW_COLUMNS = (*TABLE_COLUMNS, "quote_id", "article_id", "outlet", "start", "end", "speaker_start", "speaker_end",
               "cue_start", "cue_end", "segments")

by_meaning = is_meaning_search(filters.search)
searching = bool(filters.search.strip()) and not by_meaning  # words to mark in the text
if by_meaning:
    st.caption(f"Search by meaning: statements close in meaning to the words typed, whatever words they use, "
               f"most similar first (cosine of their sentence vectors, at least {MIN_SIMILARITY:.2f}).")
    for note in parse_meaning(filters.search, source.corpus).notes:
        st.info(md(f"Search by meaning: {note}."), icon=":material/info:")
elif searching:
    query = parse_query(filters.search)
    st.caption("Search: any form of a word (missile finds missiles), “two words” for a phrase, word* for a "
               "prefix, OR between alternatives, -word to leave out, title:word to search article titles "
               "instead of statements.")
    if query.describe():
        st.caption(md(f"Read as: {query.describe()}"))
    for note in query.notes:
        st.info(md(f"Search: {note}."), icon=":material/info:")

total = summary["statements"]
if not empty_notice(total):
    download_selection(selection, key="quotes_download")
    # Most recent first; undated statements are kept and listed last, never dropped. By meaning: most similar first.
    undated = summary["no_date"]
    pages = -(-total // TABLE_LIMIT)
    page = 1
    if pages > 1:
        if st.session_state.get("quotes_page", 1) > pages:
            st.session_state["quotes_page"] = 1
        page = int(st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, step=1, key="quotes_page"))
    shown = selection.rows(ROW_COLUMNS, recent=True, limit=TABLE_LIMIT,
                           offset=(page - 1) * TABLE_LIMIT).reset_index(drop=True)
    first = (page - 1) * TABLE_LIMIT + 1
    st.caption(table_summary(total, undated, first, len(shown), by_meaning=by_meaning)
               + (". Pick a page or download them all." if pages > 1 else "."))
    spans = shared(f"quotes.spans.{page}", lambda: hit_spans(shown["text"].astype(object).fillna("").tolist(),
                                                              filters.search)) if searching else None
    table = shared(f"quotes.table.{page}", lambda: _display_table(shown, spans, by_meaning))
    event = st.dataframe(
        table, key="quotes_table", on_select="rerun", selection_mode="single-row",
        hide_index=True, height=min(600, 76 * len(table) + 40), row_height=76,
        column_config={
            "Statement": st.column_config.TextColumn(
                width=520, help="Search hits between «guillemets»; pick a row to read the whole statement"),
            "Tone": st.column_config.NumberColumn(format="%.2f", help="VADER compound, -1 .. +1"),
            "Similarity": st.column_config.NumberColumn(
                format="%.2f", help="Closeness in meaning to the search: cosine of the sentence vectors, 0 .. 1"),
            "As named": st.column_config.TextColumn(help="The mention the text attributes the quote to"),
            "Confidence": st.column_config.ProgressColumn(
                format="percent", min_value=0.0, max_value=1.0,
                help="Probability that the statement is right and is this speaker's (calibrated on hand-checked "
                     "news; 'Confident statements only' in the sidebar keeps those at 50% or more)"),
        },
    )
    rows = event.selection.rows if event is not None else []
    position = rows[0] if rows and rows[0] < len(shown) else 0
    picked = shown.iloc[position]
    st.subheader("The statement")
    speaker = speaker_labels(shown.iloc[[position]]).iloc[0]  # as the table names it
    details = ["Unknown speaker" if speaker == "(unknown)" else speaker, picked["title"], picked["outlet"],
               picked["date"] if pd.notna(picked["date"]) else "undated"]
    st.caption(" · ".join(md(d) for d in details if pd.notna(d) and d))
    hits = spans[position] if spans is not None else []
    # Escaped HTML: the statement is data; only the <mark>s are markup.
    st.html('<blockquote style="font-size:1.1rem;line-height:1.6;margin:0;border-left:4px solid #f4a261;'
            f'padding-left:.8em;white-space:pre-wrap">{highlight_html(str(picked["text"]), hits)}</blockquote>')
    review_statement(picked, "quotes")
    st.subheader("In context")
    # A button, not Markdown: the link carries the filters' values (a URL's, any text) in its address.
    # The Reader opens at this statement, outlined (quote=).
    reader = page_url("reader", article=picked["article_id"], quote=picked["quote_id"])
    st.link_button("Read the whole article in the Reader", reader, icon=":material/article:",
                   help="At this statement, outlined; with these filters: the statements outside them are dimmed")
    same_article, mentions = selection.article(picked["article_id"])
    offset = int(picked["start"])
    quote_in_context(picked, article_text(picked["article_id"]), same_article, mentions,
                     hits=[(start + offset, end + offset) for start, end in hits])
