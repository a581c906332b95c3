"""Reader: one article with its statements, speakers, cues and countries highlighted."""

from urllib.parse import quote

import pandas as pd
import streamlit as st

from ui.annotate import LEGEND, LEGEND_FILTERED, LEGEND_FOCUS, SCROLL_TO_FOCUS, article_marks, render_html
from ui.data import article_text, stored_article
from ui.labels import unique_labels
from ui.layout import page_header, page_selection, page_url, plural
from ui.queries import speaker_labels
from ui.review import review_statement
from ui.safe import md
from ui.shared import shared

#: Articles offered in the choice at most (the filters narrow them; a link opens any).
MAX_CHOICES = 2_000
#: Characters of a statement's label in the review choice (long unnamed-source descriptions are cut).
LABEL_SPEAKER, LABEL_TEXT = 60, 100

source, selection = page_selection()
filters = selection.filters
# "others dimmed" only where filters dim some (it was said of every view; session 20).
page_header("Reader", filters, selection.count(), "statements highlighted" if filters.is_empty else
            "matching statements are highlighted, others dimmed")

# The choice offers at most MAX_CHOICES articles (a list of 100,000 costs seconds and memory in the
# browser; a table of a million in the app, hundreds of MB), and the one a link names.
articles, listed, recent = selection.article_choices(MAX_CHOICES)
ids = articles["article_id"].tolist()
wanted = st.query_params.get("article")
if wanted and wanted not in ids:
    # A link names one article: it is shown whether or not it holds a selected statement (then all its
    # statements are dimmed, and said so), never silently replaced by another one.
    linked = selection.article_sources([wanted])  # offered when it holds a selected statement
    if linked.empty:
        found = stored_article(wanted)
        if found is None:
            st.warning(f"No stored article has the id “{md(wanted[:80])}” (a link from another store, or an article "
                       "since removed). Pick one below.", icon=":material/link_off:")
        else:
            linked = pd.DataFrame([found])
            all_link = f"/reader?article={quote(wanted, safe='')}"
            if not filters.is_empty:
                st.info("None of this article's statements is selected by these filters: all of them are dimmed "
                        f"([read it without the filters]({all_link})).", icon=":material/filter_alt_off:")
    if not linked.empty:
        articles = pd.concat([articles, linked[list(articles.columns)]], ignore_index=True)
        ids = [*ids, wanted]
if articles.empty:
    st.info("No article has statements matching these filters. Remove a filter in the sidebar.")
    st.stop()
titles = unique_labels(ids, articles["title"])  # two articles may share a title
if "reader_article" not in st.session_state or st.session_state["reader_article"] not in ids:
    st.session_state["reader_article"] = wanted if wanted in ids else ids[0]
article_id = st.selectbox("Article", ids, key="reader_article", format_func=lambda a: titles.get(a, a))
if listed > MAX_CHOICES:
    which = "most recent" if recent else "first"
    st.caption(f"The {which} {MAX_CHOICES:,} of {listed:,} articles are offered here: narrow them with the "
               "filters, or open one from the Quotes or Corpus page.")
elif recent and listed > len(ids):
    st.caption(f"The {len(ids):,} articles of the most recent statements of {listed:,} articles are offered here: "
               "narrow them with the filters, or open one from the Quotes or Corpus page.")
st.query_params["article"] = article_id
if article_id != wanted:  # another article picked: the statement the link named is not in it
    st.query_params.pop("quote", None)

article = articles.drop_duplicates("article_id").set_index("article_id").loc[article_id]
meta = [v for v in (article["outlet"], article["date"]) if isinstance(v, str) and v]
if meta:
    st.caption(" · ".join(md(v) for v in meta))
others = source.other_versions(article_id)
if others:
    all_titles = source.article_table(("article_id", "title")).set_index("article_id")["title"]
    links = ", ".join(f"[{md(all_titles.get(a, a))}]({page_url('reader', article=a)})" for a in others)
    st.caption(f"{len(others) + 1} versions of this story are stored; the others: {links}. "
               "Statements they repeat are counted once (switch in the sidebar).")
article_quotes, mentions = shared(f"reader.article.{article_id!r}", lambda: selection.article(article_id))
matching = None if filters.is_empty else selection.quote_ids_in(article_id)
if article_quotes.empty:
    st.caption("No statement was found in this article.")
else:  # the header counts the whole selection (52 of Putin's); this says what the article holds (session 20)
    held = plural(len(article_quotes), "statement") + " in this article"
    if matching is not None:
        chosen = int(article_quotes["quote_id"].astype(str).isin(matching).sum())
        held += f", {chosen:,} of them selected by the filters (the others grey)"
    st.caption(held + ".")
# A link from the Quotes page names one statement: it is outlined and scrolled to.
focus = st.query_params.get("quote") if article_id == wanted else None
focused = article_quotes[article_quotes["quote_id"].astype(str) == focus] if focus else article_quotes.iloc[0:0]
if focus and focused.empty:
    st.info("The statement the link names is not in this article (the article was analysed again since?).",
            icon=":material/info:")
focus = str(focused["quote_id"].iloc[0]) if len(focused) else None
anchor = int(focused["start"].iloc[0]) if focus else None
# st.html shows the escaped HTML as it is; st.markdown would run Markdown over the text after
# its first blank line (asterisks, "1.", URLs, ":red[...]": issue #16).
legend = LEGEND if matching is None else LEGEND_FILTERED
st.html(legend.replace("</div>", f"{LEGEND_FOCUS}</div>") if focus else legend)
st.html(shared(f"reader.html.{article_id}.{focus}", lambda: render_html(article_text(article_id), article_marks(
    article_quotes, mentions, matching, focus), anchor)))
if focus:
    st.html(SCROLL_TO_FOCUS, unsafe_allow_javascript=True)  # a fixed script: no data in it
if not article_quotes.empty:
    st.subheader("Review a statement")
    article_quotes = article_quotes.sort_values("start")
    ids = article_quotes["quote_id"].astype(object).tolist()

    def _cut(text: str, limit: int) -> str:
        return text if len(text) <= limit else text[:limit - 1] + "…"

    labels = {i: f"{_cut(name, LABEL_SPEAKER)}: {_cut(' '.join(str(text).split()), LABEL_TEXT)}" for i, name, text in
              zip(ids, speaker_labels(article_quotes), article_quotes["text"], strict=True)}
    review_key = f"reader_review_{article_id}"
    if st.session_state.get(review_key) not in labels:  # the statement picked before was hidden
        st.session_state.pop(review_key, None)
    if focus in labels and review_key not in st.session_state:  # the linked statement, ready to review
        st.session_state[review_key] = focus
    picked = st.selectbox("Statement", ids, key=review_key, format_func=labels.get)
    review_statement(article_quotes.iloc[ids.index(picked)], "reader")
