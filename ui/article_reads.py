"""One stored article read on demand: its text, its title/date/outlet, texts for the long brief, and
the full-text search of every article.

Article texts stay on disk (the loaded corpus holds none): they are read from the article's own batch
when the store's warehouse is current (it knows the batch), else from every batch.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.search import ArticleIndex
from analysis.store import Corpus, article_texts, with_texts
from analysis.store.batches import article_column
from ui.selection import Source
from ui.store_keys import batch_state, current_engine, store_dir


def _article_values(path: str, column: str, article_ids) -> dict[str, object]:
    """article_id -> ``column`` of the stored copy of each of ``article_ids``: read from that copy's
    batch only when the store's warehouse is current (it knows the batch), else from every batch
    (:func:`analysis.store.article_column`; 2.1 s for one text at 100,000 articles in 200 batches).
    """
    engine = current_engine(path)
    if engine is not None:
        return engine.article_values(column, article_ids)
    return article_column(path, column, article_ids)


@st.cache_data(max_entries=64, show_spinner=False)
def _article_text(path: str, state: tuple[str, ...], article_id: str) -> str:
    # Keyed by the store state: a new batch or a compaction reads again.
    return _article_values(path, "text", [article_id]).get(article_id) or ""


def article_text(article_id: str) -> str:
    """The text of one stored article (read from the store, not kept in memory: the last few dozen
    read are kept for every session, so a crowd reading one article reads it once).
    """
    path = store_dir()
    return _article_text(path, batch_state(path), article_id)


@st.cache_data(max_entries=64, show_spinner=False)
def _stored_article(path: str, state: tuple[str, ...], article_id: str) -> dict[str, object] | None:
    # Keyed by the store state: a new batch or a compaction reads again.
    columns = ("title", "date", "outlet")
    engine = current_engine(path)
    if engine is not None:  # one read of the article's row (three took ~100 ms more at a million)
        records = engine.article_records(columns, [article_id])
        if article_id not in records:
            return None
        return {"article_id": article_id, **dict(zip(columns, records[article_id], strict=True))}
    fields = {column: _article_values(path, column, [article_id]) for column in columns}
    if article_id not in fields["title"]:
        return None
    return {"article_id": article_id, **{column: values.get(article_id) for column, values in fields.items()}}


def stored_article(article_id: str) -> dict[str, object] | None:
    """``article_id``, ``title``, ``date`` and ``outlet`` of one stored article read from the batches
    (whatever the filters, statements or none), or None when the store holds no article of that id.
    """
    path = store_dir()
    return _stored_article(path, batch_state(path), str(article_id))


def corpus_with_texts(corpus: Corpus, article_ids) -> Corpus:
    """``corpus`` with the texts of ``article_ids`` attached (for the long brief): read from the
    articles' own batches when the store's warehouse is current, else from every batch.
    """
    path = store_dir()
    return with_texts(corpus, path, article_ids, read=lambda ids: _article_values(path, "text", ids))


@st.cache_resource(max_entries=1, show_spinner="Indexing the article texts…")
def _article_index(path: str, state: tuple[str, ...], _articles: pd.DataFrame) -> ArticleIndex:
    # Keyed by the store state: the articles follow from it. Texts are read once, for the index.
    ids = _articles["article_id"].astype(object).tolist()
    texts = article_texts(path, ids)
    return ArticleIndex(ids, _articles["title"].astype(object).fillna("").tolist(), [texts.get(a, "") for a in ids])


def article_index(source: Source):
    """The full-text search of every stored article's title and text: the warehouse's index when the
    store is read through its engine (:meth:`analysis.engine.Engine.article_search`), else an
    :class:`~analysis.search.ArticleIndex` built once per store state (on the first search of the
    Corpus page: article texts are not kept in memory otherwise).
    """
    searched = source.engine.article_search() if source.engine is not None else None
    if searched is not None:
        return searched
    path = store_dir()
    return _article_index(path, batch_state(path), source.article_table(("article_id", "title")))
