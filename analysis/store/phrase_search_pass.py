"""The warehouse build's one pass over the statements for their key phrases and their search index.

In ``pos`` order, :data:`CHUNK_ROWS` statements at a time: each statement's phrase ids (table
``phr``), the phrase dictionary (``phrase_forms``, ``phrase_groups``, numbered in DuckDB by
:mod:`analysis.store.phrasedict`) and the statements' FTS5 index in the build's search file.
"""

from __future__ import annotations

import sqlite3

from analysis.search import TOKENIZER, indexed_text
from analysis.store.phrasedict import PhraseStream

#: The FTS5 tokenizer of :mod:`analysis.search` (words in any form: same answers as its index).
SEARCH_TOKENIZER = TOKENIZER
#: Statements per chunk of the phrase and search pass.
CHUNK_ROWS = 20_000


def write_phrases_and_search(con, reader, search_file: str, first_pos: int = 0,
                             appending: bool = False) -> None:
    """One pass over the statements in ``pos`` order: their phrase ids (table ``phr``), the phrase
    dictionary (``phrase_forms``, ``phrase_groups``) exactly as :func:`analysis.query.phrases._phrase_index`
    numbers them, and the FTS5 search index in ``search_file``.

    The phrases are numbered in DuckDB (:mod:`analysis.store.phrasedict`), not in Python dicts: the
    build's memory does not grow with the number of distinct phrases.

    With ``appending``, the statements before ``first_pos`` are those of the previous warehouse
    ``prev``: their phrases are taken from it, the numbering goes on from its dictionary, and only
    the newer statements are added to ``search_file`` (a copy of its index).
    """
    stream = PhraseStream(con)
    fts = sqlite3.connect(search_file)
    if not appending:
        fts.execute(f"CREATE VIRTUAL TABLE s USING fts5(text, title, content='', tokenize='{SEARCH_TOKENIZER}')")
        fts.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("CREATE OR REPLACE TABLE phr (pos BIGINT, phrase_groups BIGINT[], phrase_forms BIGINT[])")
    if appending:
        con.execute("INSERT INTO phr SELECT pos, phrase_groups, phrase_forms FROM prev.quotes ORDER BY pos")
    end = con.execute("SELECT coalesce(max(pos) + 1, 0) FROM q0").fetchall()[0][0]
    # Range by range (q0 is stored in pos order: each range reads its own blocks), never a sort of all.
    for low in range(int(first_pos), end, CHUNK_ROWS):
        batch = reader.sql(f"SELECT pos, text, title FROM q0 WHERE pos >= {low} AND pos < {low + CHUNK_ROWS} "
                           "ORDER BY pos").to_arrow_table()
        positions = batch.column(0).to_pylist()
        texts, titles = batch.column(1).to_pylist(), batch.column(2).to_pylist()
        stream.add(positions, texts)
        fts.executemany("INSERT INTO s(rowid, text, title) VALUES (?, ?, ?)",
                        ((p, indexed_text(t), indexed_text(h))
                         for p, t, h in zip(positions, texts, titles, strict=True)))
    fts.commit()
    fts.close()
    stream.finish(appending)
