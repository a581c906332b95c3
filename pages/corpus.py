"""Corpus: add articles, see what is stored, statements by outlet, full-text search, corrections (undo)."""

import pandas as pd
import streamlit as st

from ui import charts
from ui.components import chart
from ui.data import VERSIONS_IN_REQUEST, StoreBusy, add_articles, article_index
from ui.layout import open_page, page_url, plural
from ui.queries import highlight_html, parse_query
from ui.review import corrections_panel
from ui.safe import md
from ui.upload import (
    MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
    apply_edits,
    prepare_files,
    prepare_pasted,
    set_for_batch,
    to_frame,
)

#: Articles listed at most (in corpus order: oldest first).
MAX_LISTED = 5_000


@st.cache_data(max_entries=16, show_spinner="Reading the files…")
def read_uploads(files: tuple[tuple[str, bytes], ...]):
    """The uploads read once per set of files, not again on every rerun of the page."""
    return prepare_files(files)


source, selection, _ = open_page("Corpus", lambda store: f"{plural(store.articles, 'article')} stored")
filters = selection.filters

#: The page's tabs; only the open one runs and is sent, except "Add articles", which always runs so
#: that files being uploaded stay while another tab is looked at (``tabs`` on :data:`TAB_KEY`).
TABS = ["Add articles", "Articles", "Search the text", "Corrections"]
#: Session-state key of the open tab (``st.session_state[TAB_KEY] = "Articles"`` opens it).
TAB_KEY = "corpus_tab"
# Lazy tabs: the article listing (5,000 rows, 0.8 MB to the browser, and the charts' scripts) ran on
# every first view of the page before, though its tab was not open (docs/speed.md, session 13).
add_tab, articles_tab, search_tab, corrections_tab = st.tabs(TABS, key=TAB_KEY, on_change="rerun")

with add_tab:
    st.write("Upload files (text, Markdown, HTML, Word, PDF, JSON/JSONL or CSV with a `text` column) or paste "
             "an article. Title, date, outlet and URL come from the file where present; edit them below.")
    uploads = st.file_uploader("Files", accept_multiple_files=True, key="corpus_files",
                               type=[e.lstrip(".") for e in SUPPORTED_EXTENSIONS],
                               help=f"Up to {MAX_FILE_BYTES // 2**20} MiB per file")
    with st.expander("…or paste an article"):
        pasted = st.text_area("Article text", key="corpus_paste_text", height=180)
        cols = st.columns(3)
        pasted_title = cols[0].text_input("Title", key="corpus_paste_title")
        pasted_date = cols[1].text_input("Date (YYYY-MM-DD)", key="corpus_paste_date")
        pasted_outlet = cols[2].text_input("Outlet", key="corpus_paste_outlet")

    prepared = read_uploads(tuple((f.name, f.getvalue()) for f in uploads or []))
    if pasted.strip():
        extra = prepare_pasted(pasted, pasted_title, pasted_date, pasted_outlet)
        prepared = type(prepared)(prepared.articles + extra.articles, prepared.errors + extra.errors,
                                  prepared.warnings + extra.warnings)
    for message in prepared.errors:
        st.error(md(message), icon=":material/error:")  # messages name the uploaded files
    for message in prepared.warnings:
        st.warning(md(message))
    if prepared.articles:
        undated = sum(not a.date for a in prepared.articles)
        total = len(prepared.articles)
        st.caption(f"Dated by the files: {total - undated} of {total} (a field, a meta tag, “Published …” or a "
                   f"dateline with a year); with an outlet: {sum(bool(a.outlet) for a in prepared.articles)} of "
                   f"{total}.")
        with st.expander("Date and outlet for the whole batch", expanded=bool(undated)):
            cols = st.columns([2, 2, 3])
            batch_date = cols[0].text_input("Date", key="corpus_batch_date", placeholder="YYYY-MM-DD")
            batch_outlet = cols[1].text_input("Outlet", key="corpus_batch_outlet")
            replace_found = cols[2].checkbox("Also replace dates and outlets read from the files",
                                             key="corpus_batch_replace")
        articles_in, batch_error = set_for_batch(prepared.articles, batch_date, batch_outlet, replace_found)
        if batch_error:
            st.warning(md(batch_error))
        prepared = type(prepared)(articles_in, prepared.errors, prepared.warnings)
        table = to_frame(prepared.articles, set(source.article_table(("article_id",))["article_id"]))
        edited = st.data_editor(
            table, key="corpus_editor", hide_index=True, width="stretch",
            disabled=["status", "source", "words", "id"],
            column_config={"add": st.column_config.CheckboxColumn("Add", help="Analyse and store this article"),
                           "id": None},
        )
        chosen = apply_edits(prepared.articles, edited)
        skipped = (table["status"] != "new").sum()
        if skipped:
            st.caption(f"{skipped} duplicate(s) recognised by their text; they are not added twice.")
        if st.button(f"Analyse and add {len(chosen)} article(s)", type="primary", disabled=not chosen,
                     key="corpus_add"):
            bar = st.progress(0.0, text="Analysing…")

            def progress(done: int, total: int) -> None:
                bar.progress(done / max(total, 1), text=f"Analysed {done} of {total}")

            try:
                report = add_articles(chosen, progress=progress)
            except StoreBusy:
                st.warning("Another analysis is adding articles to this store right now; nothing was added. "
                           "Try again in a moment.")
            else:
                st.success(f"Added {report.analysed} article(s); {report.skipped} were already stored.")
                for message in report.too_slow:
                    st.warning(md(message))
                st.session_state["corpus_added"] = report.analysed


def _articles() -> None:
    """The stored articles (the first or most recent), with the selection's counts and the outlets chart."""
    articles, listed, recent = source.article_listing(MAX_LISTED)  # 100,000 rows cost seconds in the browser
    by_article = selection.statements_in(articles["article_id"])
    listing = pd.DataFrame({
        "Title": articles["title"], "Date": articles["date"], "Outlet": articles["outlet"],
        "Words": articles["words"], "Statements": articles["n_quotes"],
        "Matching": articles["article_id"].map(by_article).fillna(0).astype(int),
        "Read": [page_url("reader", article=a) for a in articles["article_id"]],  # with the filters
    })
    versions = source.story_versions()  # None: not known (a large store with an older warehouse)
    if versions is not None:
        listing.insert(5, "Versions", [f"{len(versions.others(a)) + 1} versions" if versions.others(a) else ""
                                       for a in articles["article_id"]])
    st.dataframe(listing, hide_index=True, key="corpus_list",
                 column_config={"Read": st.column_config.LinkColumn("Read", display_text="open"),
                                "Matching": st.column_config.NumberColumn(help="statements matching the filters"),
                                "Versions": st.column_config.TextColumn(
                                    help="versions of this story stored (near-duplicate articles)")})
    if listed > len(articles):
        which = "most recent (articles of the most recent statements)" if recent else "first"
        st.caption(f"The {which} {len(articles):,} of {listed:,} articles"
                   + ("" if recent else " (oldest first)") + "; the Reader opens any, and the tab “Search the text” "
                   "finds them.")
    if versions is None and source.engine is not None and source.articles > VERSIONS_IN_REQUEST:
        st.caption(f"Versions of one story are not listed for a store of more than {VERSIONS_IN_REQUEST:,} "
                   "articles whose warehouse was built before it kept them (`python -m analysis refresh` "
                   "rebuilds it); statements they repeat still count once (switch in the sidebar).")
    if versions is not None and versions.stories:
        repeats = source.repeats
        stories = "1 story" if len(versions.stories) == 1 else f"{len(versions.stories):,} stories"
        with st.expander(f"Versions of one story: {stories} stored more than once"):
            st.caption(f"Articles whose lede and most of whose text are the same. With “Count repeated statements "
                       f"once” on (sidebar) a statement repeated in a later version, or quoted again word for "
                       f"word elsewhere, counts once: {repeats:,} statements in all"
                       + (" are left out of the counts now." if filters.versions_once else
                          "; the switch is off, so every copy counts now."))
            meta = source.article_table(("article_id", "title", "date", "words", "n_quotes")).set_index("article_id")
            for number, story in enumerate(versions.stories, start=1):
                st.markdown(f"**Story {number}: {len(story)} versions of “{md(meta.at[story[0], 'title'])}”**")
                for article_id in story:
                    row = meta.loc[article_id]
                    details = [f"{int(row['words']):,} words", f"{int(row['n_quotes'])} statements",
                               row["date"] if isinstance(row["date"], str) else "undated"]
                    st.markdown(f"- [{md(row['title'])}]({page_url('reader', article=article_id)}) · "
                                + " · ".join(md(d) for d in details))
    outlets = selection.statements_by("outlet")
    if len(outlets) > 0:
        frame = outlets.head(15).fillna({"outlet": "(outlet unknown)"})
        chart(charts.bar_outlets(frame), key="corpus_outlets")


def _search() -> None:
    """Full-text search of the stored articles."""
    needle = st.text_input("Words or phrase in the article text", key="corpus_search",
                           help="Any form of a word; “two words” for a phrase; word* for a prefix; OR; -word; "
                                "title:word for titles")
    if needle.strip():
        searched = article_index(source)
        total, hits = searched.search(needle, limit=50)
        for note in parse_query(needle).notes:
            st.info(md(f"Search: {note}."), icon=":material/info:")
        shown = f"; the {len(hits)} best shown" if total > len(hits) else ""
        if not searched.ranks_all(total):  # so many matches that only the newest are ranked (article_search)
            shown = (f"; the {len(hits)} best of the {searched.ranked_at_most:,} most recently added shown (so "
                     "common a search is ranked among the newest matches only: add words to narrow it)")
        st.caption(f"{plural(total, 'article')} match “{md(needle.strip())}”" + shown
                   # the index holds every stored article: the sidebar's filters are not applied here
                   + (" (of every stored article: the sidebar's filters apply to the statements, not to this "
                      "search)" if not filters.is_empty else ""))
        for hit in hits:  # the hits carry their titles: no read of every article's title
            st.markdown(f"**{md(hit.title)}** · "
                        f"[read]({page_url('reader', article=hit.article_id)})")
            st.html(f'<div style="color:#555">{highlight_html(hit.snippet, list(hit.spans))}</div>')


def _corrections() -> None:
    """The corrections log, with undo."""
    # The titles name the logged statements' articles: none to read when nothing is logged.
    titles = source.article_table(("article_id", "title")) if source.report.log.entries else None
    corrections_panel(source.report, {} if titles is None else {
        a: t for a, t in zip(titles["article_id"].astype(object), titles["title"].astype(object), strict=True)
        if isinstance(t, str)})


for tab, draw in ((articles_tab, _articles), (search_tab, _search), (corrections_tab, _corrections)):
    with tab:
        if tab.open:
            draw()
