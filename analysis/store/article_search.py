"""The warehouse's full-text index of whole articles (titles and texts): the Corpus page's search
without reading every article's text.

The warehouse's search file (:data:`analysis.store.warehouse.SEARCH_FILE`) holds, beside the
statements' index ``s``, a contentless FTS5 table ``a`` of the stored articles' texts and titles
(the tokenizer and query syntax of :mod:`analysis.search`) and a table ``ids`` naming each row:
its article and its ``rank`` in corpus order (:data:`analysis.engine.columns.ARTICLE_ORDER`).
:func:`write_article_index` fills them batch by batch (one batch's texts in memory at a time);
:class:`ArticleSearch` answers as :class:`analysis.search.ArticleIndex` does on the same articles
(same count, same hits in the same order: ``bm25``, ties in corpus order), reading the texts of
the hits it shows only, from their own batches, for their snippets. A search matching more than
:data:`RANKED_AT_MOST` articles ranks the most recently stored of them only (every match is still
counted): ``bm25`` scores each match it ranks, half a second for a word in half of a million articles.

A row's id is the article's number in stored order (batch, row in it): an append only adds
articles after the others (:func:`analysis.store.warehouse.appendable`), so the ids of the
articles indexed before keep their meaning and only the newer batches are read; the ranks are
written again at every build (a new article can sort anywhere).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable

from analysis.search import ArticleHit, ArticleIndex, indexed_text, parse_query
from analysis.store.fs import BATCHES

#: The FTS5 table of the articles and the table naming its rows, in the search file.
TABLE, IDS = "a", "ids"
#: The corpus order of the articles (alias ``a``), as :meth:`analysis.engine.Engine.articles_of` lists them.
ORDER = "a.date NULLS LAST, a.title NULLS LAST, a.bidx, a.frow"
#: Rows of ``ids`` written per statement.
_CHUNK = 50_000
#: A search matching more articles ranks only this many, the most recently stored (the highest ids:
#: FTS5 walks them newest first and stops), with the scores the whole index gives them; the page
#: says so. 50,000 take 72-122 ms at a million (20,000: 40-65 ms), where ranking 535,838 matches took
#: 450-500 ms; a store of 100,000 articles then ranks all matches of all but its commonest words.
RANKED_AT_MOST = 50_000


def has_article_index(fts: sqlite3.Connection) -> bool:
    """True when the open search file holds the articles' index (a warehouse written since it exists)."""
    names = {name for (name,) in fts.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {TABLE, IDS} <= names


def write_article_index(con, store_dir: str, batches: list[str], search_file: str, tokenizer: str) -> int:
    """Add the articles of the warehouse being written (table ``articles`` of the DuckDB connection
    ``con``: ``article_id``, ``bidx``, ``frow``, ``title``, ``date``) to ``search_file``'s article index
    and write every article's id and rank; returns how many articles were indexed now.

    The articles already indexed there (a copy of the previous build's file) are kept; when the
    file has no article index yet (a build appending to a warehouse written before it existed),
    every batch is read.
    """
    fts = sqlite3.connect(search_file)
    try:
        if not has_article_index(fts):
            fts.execute(f"DROP TABLE IF EXISTS {TABLE}")
            fts.execute(f"DROP TABLE IF EXISTS {IDS}")
            fts.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(text, title, content='', tokenize='{tokenizer}')")
            fts.execute(f"CREATE TABLE {IDS} (id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, rank INTEGER)")
        done = fts.execute(f"SELECT count(*) FROM {IDS}").fetchone()[0]
        numbered = """SELECT article_id, bidx, frow, row_number() OVER (ORDER BY bidx, frow) - 1 AS id,
            row_number() OVER (ORDER BY {order}) - 1 AS rank FROM articles a"""
        con.execute(f"CREATE OR REPLACE TEMP TABLE article_numbers AS {numbered.format(order=ORDER)}")
        todo = con.execute("SELECT DISTINCT bidx FROM article_numbers WHERE id >= ? ORDER BY bidx", [done]).fetchall()
        added = 0
        for (bidx,) in todo:  # one batch's texts at a time
            path = os.path.abspath(os.path.join(store_dir, BATCHES, batches[int(bidx)], "articles.parquet"))
            rows = con.execute("""SELECT n.id, r.text, r.title
                FROM read_parquet(?, file_row_number=true) r
                JOIN (SELECT id, frow FROM article_numbers WHERE bidx = ? AND id >= ?) n ON n.frow = r.file_row_number
                ORDER BY n.id""", [path, int(bidx), done]).fetchall()
            fts.executemany(f"INSERT INTO {TABLE}(rowid, text, title) VALUES (?, ?, ?)",
                            ((i, indexed_text(text), indexed_text(title)) for i, text, title in rows))
            added += len(rows)
        fts.execute(f"DELETE FROM {IDS}")
        reader = con.execute("SELECT id, article_id, rank FROM article_numbers ORDER BY id")
        while chunk := reader.fetchmany(_CHUNK):
            fts.executemany(f"INSERT INTO {IDS} VALUES (?, ?, ?)", chunk)
        con.execute("DROP TABLE article_numbers")
        fts.commit()
    finally:
        fts.close()
    return added


class ArticleSearch:
    """The Corpus page's search of a warehouse's article index, with the interface of
    :class:`analysis.search.ArticleIndex`.
    """

    def __init__(self, search_file: str, read: Callable[[list[str]], dict[str, tuple[str, str]]],
                 ranked_at_most: int | None = RANKED_AT_MOST) -> None:
        """Search the article index of ``search_file``; ``read(article_ids)`` gives (title, text)
        of some articles, for the snippets of the hits shown. ``ranked_at_most``: rank only the
        most recently stored matches beyond this many (None: every match).
        """
        self._file = search_file
        self._read = read
        self.ranked_at_most = ranked_at_most

    def ranks_all(self, total: int) -> bool:
        """True when a search matching ``total`` articles ranks every one of them."""
        return self.ranked_at_most is None or total <= self.ranked_at_most

    def search(self, raw: str, limit: int = 50) -> tuple[int, list[ArticleHit]]:
        """(number of matching articles, the ``limit`` best as :class:`ArticleHit` s, best first; of
        the :attr:`ranked_at_most` most recently stored matches when more match: :meth:`ranks_all`).
        """
        query = parse_query(raw)
        if query.is_empty:
            return 0, []
        expression = query.expression()
        with sqlite3.connect(f"file:{self._file}?mode=ro", uri=True) as fts:
            total = fts.execute(f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH ?", (expression,)).fetchone()[0]
            newest = "" if self.ranks_all(total) else f" ORDER BY rowid DESC LIMIT {int(self.ranked_at_most)}"
            ids = [article_id for (article_id,) in fts.execute(
                f"""SELECT i.article_id FROM (SELECT rowid AS id, bm25({TABLE}) AS score FROM {TABLE}
                    WHERE {TABLE} MATCH ?{newest}) m JOIN {IDS} i USING (id) ORDER BY m.score, i.rank LIMIT ?""",
                (expression, int(limit)))]
        if not ids:
            return total, []
        stored = self._read(ids)
        # The snippets of the hits shown, made by FTS5 on an index of their texts alone (a snippet
        # depends on its own row only: the same as the whole index would give).
        shown = [a for a in ids if a in stored]
        _count, hits = ArticleIndex(shown, [stored[a][0] or "" for a in shown],
                                    [stored[a][1] or "" for a in shown]).search(raw, limit=len(shown))
        by_id = {hit.article_id: hit for hit in hits}
        return total, [by_id.get(a) or ArticleHit(a, "", (), indexed_text(stored.get(a, ("", ""))[0])) for a in ids]
