"""The warehouse: a DuckDB database file beside the batches that the out-of-core engine queries.

``<store>/warehouse.duckdb`` is made by DuckDB reading the Parquet batches directly (the rows
never pass through pandas, except the narrow statement frame the versions check needs), into a
temporary file that is renamed over the old one when complete: a kill at any step leaves the
previous warehouse (or none) in place, and the batches are never touched. It holds:

- ``quotes``: the current statements (newest copy of each article) with an explicit ``pos``
  (their order in :func:`analysis.store.load_corpus`: SQL has no implicit order), the article's
  ``title``/``date``/``outlet``, the speaker after the corpus-wide name merge
  (:func:`analysis.store.corpus.merge_names_across_articles`, computed here once, from counts),
  ``month`` (first day of the article's month, NULL when undated), ``repeated`` (a repeat that
  "count versions once" leaves out, :mod:`analysis.versions`) and the statement's key phrases
  as list columns ``phrase_groups`` (each phrase once) and ``phrase_forms`` (every occurrence);
- long tables ``quote_countries``, ``quote_topics``, ``quote_about`` (``pos``, value), sorted by
  value so a filter reads only the blocks it needs;
- ``phrase_forms`` / ``phrase_groups``: the phrase dictionary of :func:`analysis.query.statement_keywords`;
- ``stories``: the stories stored in several versions (:mod:`analysis.versions`, found once here);
- ``mentions`` (country and region mentions), ``agg_mentioned`` (their countries, counted) and
  ``hit_topics`` (topics of the statements' sentences) for the filter options;
- pre-aggregated tables the landing views read (``agg_speaker``, ``agg_country``, ``agg_topic``,
  ``agg_month``, ``agg_pairs``, ``agg_cross``, ``agg_phrase_groups``, ``agg_phrase_forms``), each
  count both with repeats left out (``statements``) and all (``statements_all``);
- slices: the same per single filter value (one country, topic or speaker) that enough statements
  carry (:func:`slice_threshold`): ``s_values``, ``s_speaker``, ``s_country``, ``s_topic``,
  ``s_month``, ``s_pairs``, ``s_cross``, and its phrase counts and best key-phrase candidates
  (:mod:`analysis.store.slice_phrases`), keyed by ``fdim``/``fval``: a one-value filter, most
  filters, reads them instead of its selection;
- for the next append: ``quotes.speaker_raw`` (the speaker before the name merge) and
  ``name_mentions`` (person and organisation mentions, which vote in the merge);
- clustered copies ``by_country``, ``by_topic``, ``by_speaker``: the narrow statement columns a
  filter's charts read (:data:`CLUSTER_COLUMNS`, key phrases included) once per value ``v`` of
  each filter dimension, sorted by ``v`` and ``pos``: a selection of a few values reads only their
  blocks (zone maps) instead of every statement (:func:`_clustered`);
- the tables of :mod:`analysis.store.page_tables` (articles' position ranges, speakers' mentions
  counted, the confident store pre-aggregated);
- ``meta``: the build id, the batches it was made from, its format, and what it holds.

Memory and disk stay bounded at a million articles: the batches are read a group of about
:data:`GROUP_ARTICLES` articles at a time (statements numbered group by group, so ``q0`` is
written in ``pos`` order), and the passes over the statements go range by range of ``pos``; no
query sorts every wide row at once (such a sort spilled tens of GB); the phrase dictionary, millions
of distinct phrases, is numbered in DuckDB (:mod:`analysis.store.phrasedict`). DuckDB runs under
``memory_mb`` and spills to a folder beside the file, deleted at the end (or by the next build).

When a store only gained batches of new articles, the new file is made from the previous one plus
those batches (:func:`appendable`, ``append`` in :func:`write_warehouse`); everything that depends
on the whole corpus is computed again, so the tables equal a whole rewrite's.

Full-text search lives in a SQLite FTS5 file named by the build id
(``warehouse-<build id>.search.sqlite``): the statements' index (row id = ``pos``) and the articles'
titles and texts (:mod:`analysis.store.article_search`, written batch by batch), renamed into place before the
database: the database names the one index that matches it, so a kill between the two renames
leaves only an unused file that the next build deletes.

Object-store stores (``s3://``) have no warehouse yet: :func:`write_warehouse` returns None
for them and the app keeps its pandas data layer there.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator

import pandas as pd
import pyarrow as pa

from analysis import keywords, names
from analysis.search import TOKENIZER, indexed_text
from analysis.store.article_search import write_article_index
from analysis.store.batches import article_texts, list_batches
from analysis.store.corpus import STATEMENT_ACTS
from analysis.store.fs import BATCHES, is_remote
from analysis.store.page_tables import write_page_tables
from analysis.store.phrasedict import PhraseStream
from analysis.store.schema import SCHEMAS
from analysis.store.slice_phrases import write_slice_phrases

#: The database file of a store.
WAREHOUSE = "warehouse.duckdb"
#: The search index file of a build: ``SEARCH_FILE.format(build_id)``.
SEARCH_FILE = "warehouse-{}.search.sqlite"
#: Prefix of the files being written (deleted by the next build when a kill left them).
TEMP_PREFIX = ".warehouse-tmp-"
#: The FTS5 tokenizer of :mod:`analysis.search` (words in any form: same answers as its index).
SEARCH_TOKENIZER = TOKENIZER
#: Memory DuckDB may use while building (it spills to a temporary folder beyond it).
BUILD_MEMORY_MB = 512
#: Statements per chunk of the phrase and search pass.
CHUNK_ROWS = 20_000
#: Statements per range written to ``quotes`` at a time (sorted in memory, not spilled).
QUOTE_CHUNK_ROWS = 500_000
#: Current articles read from the batches per query (each query sorts its statements in memory).
GROUP_ARTICLES = 10_000
_NAME_KINDS = {"person": "person", "organization": "organization", "country": "place", "region": "place"}
_DUCK_TYPES = {pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.float64(): "DOUBLE"}


def warehouse_path(store_dir: str) -> str:
    """Where the warehouse of a local store lives."""
    return os.path.join(str(store_dir), WAREHOUSE)


def search_path(store_dir: str, build_id: str) -> str:
    """The search index file of one warehouse build."""
    return os.path.join(str(store_dir), SEARCH_FILE.format(build_id))


def _duck_type(arrow_type: pa.DataType) -> str:
    """The DuckDB type of a store column (lists of lists included)."""
    if pa.types.is_list(arrow_type):
        return _duck_type(arrow_type.value_type) + "[]"
    return _DUCK_TYPES[arrow_type]


def _literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def _read(con, store_dir: str, batches: list[str], table: str, skip: tuple[str, ...] = (), first: int = 0) -> str:
    """Create TEMP table ``raw_<table>``: every row of ``table`` in the batches from index ``first``
    on, with ``bidx`` (the batch's index, oldest first) and ``frow`` (row in its file), missing
    columns as NULL.
    """
    paths = [os.path.abspath(os.path.join(store_dir, BATCHES, b, f"{table}.parquet")) for b in batches[first:]]
    con.execute(f"CREATE OR REPLACE TABLE files_{table} (filename VARCHAR, bidx INTEGER)")
    con.executemany(f"INSERT INTO files_{table} VALUES (?, ?)", [[p, first + i] for i, p in enumerate(paths)])
    source = (f"read_parquet([{', '.join(_literal(p) for p in paths)}], filename=true, file_row_number=true, "
              "union_by_name=true)")
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    columns = []
    for field in SCHEMAS[table]:
        if field.name in skip:
            continue
        if field.name in present:
            columns.append(f'r."{field.name}"')
        else:  # a column an older store lacks
            columns.append(f'NULL::{_duck_type(field.type)} AS "{field.name}"')
    con.execute(f"CREATE OR REPLACE TABLE raw_{table} AS SELECT {', '.join(columns)}, f.bidx, "
                f"r.file_row_number AS frow FROM {source} r JOIN files_{table} f USING (filename)")
    return f"raw_{table}"


def _batch_rows(con, store_dir: str, batches: list[str], table: str, first: int) -> str:
    """SQL of the rows of ``table`` in a few consecutive batches (index ``first`` on): its columns of
    :data:`SCHEMAS` (missing ones as NULL), ``bidx`` (the batch's index) and ``frow`` (the row in its
    file), read straight from the Parquet files.
    """
    paths = [os.path.abspath(os.path.join(store_dir, BATCHES, b, f"{table}.parquet")) for b in batches]
    source = (f"read_parquet([{', '.join(_literal(p) for p in paths)}], filename=true, file_row_number=true, "
              "union_by_name=true)")
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    columns = [f'"{f.name}"' if f.name in present else f'NULL::{_duck_type(f.type)} AS "{f.name}"'
               for f in SCHEMAS[table]]
    bidx = " ".join(f"WHEN {_literal(p)} THEN {first + i}" for i, p in enumerate(paths))
    return f"(SELECT {', '.join(columns)}, CASE filename {bidx} END AS bidx, file_row_number AS frow FROM {source})"


def _batch_groups(con, first: int, count: int) -> list[tuple[int, int]]:
    """The batches from index ``first`` to ``count`` in consecutive groups (``start``, ``stop``) of
    about :data:`GROUP_ARTICLES` current articles: a query per group, each sorting its own rows.
    """
    sizes = dict(con.execute("SELECT bidx, count(*) FROM new_articles GROUP BY bidx").fetchall())
    groups, start, articles = [], first, 0
    for bidx in range(first, count):
        articles += sizes.get(bidx, 0)
        if articles >= GROUP_ARTICLES or bidx == count - 1:
            groups.append((start, bidx + 1))
            start, articles = bidx + 1, 0
    return groups


def _read_batches(con, store_dir: str, batches: list[str], first: int, first_pos: int) -> list[tuple[int, int, int]]:
    """Append the statements and mentions of the batches from index ``first`` on to ``q0`` and
    ``cur_mentions``, a group of batches at a time (each group's rows sorted alone: one sort of
    every statement spilled tens of GB at a million articles), keeping only the rows of each
    article's newest copy (``new_articles``). Statements are numbered from ``first_pos`` on in
    batch and file order, so ``q0`` is stored in ``pos`` order; returns the groups as (first batch,
    batch after the last, ``pos`` after the last).
    """
    quote_columns = ", ".join(f'r."{f.name}"' for f in SCHEMAS["quotes"])
    done, pos = [], int(first_pos)
    con.execute("BEGIN")  # one commit for all groups (a commit each was 2.6 times slower)
    for start, stop in _batch_groups(con, first, len(batches)):
        newest = (f"(SELECT article_id, bidx, title, date, outlet FROM new_articles "
                  f"WHERE bidx >= {start} AND bidx < {stop})")
        added = con.execute(f"""INSERT INTO q0 SELECT {pos} + row_number() OVER (ORDER BY r.bidx, r.frow) - 1 AS pos,
                {quote_columns}, a.title, a.date, a.outlet, r.speaker AS speaker_raw
            FROM {_batch_rows(con, store_dir, batches[start:stop], "quotes", start)} r
            JOIN {newest} a USING (article_id, bidx) WHERE {KEPT_ACTS_SQL} ORDER BY pos""").fetchall()[0][0]
        pos += int(added)
        done.append((start, stop, pos))
        con.execute(f"""INSERT INTO cur_mentions SELECT m.article_id, m.kind, m.key, m.evidence, m.via,
                m.bidx::BIGINT * 4294967296 + m.frow AS mpos
            FROM {_batch_rows(con, store_dir, batches[start:stop], "mentions", start)} m
            SEMI JOIN {newest} a USING (article_id, bidx) ORDER BY mpos""")
    con.execute("COMMIT")
    return done


def _name_kinds(con) -> dict[str, str]:
    """The kind most rows give each name, as :func:`analysis.store.corpus.name_kinds` votes
    (ties to the kind voted first: person/organisation mentions, places' surfaces, speakers).
    """
    rows = con.execute("""
        WITH votes AS (
            SELECT key AS name, kind AS k, 0 AS src, mpos AS p FROM cur_mentions
                WHERE kind IN ('person', 'organization') AND key IS NOT NULL
            UNION ALL SELECT evidence, 'place', 1, mpos FROM cur_mentions
                WHERE kind IN ('country', 'region') AND evidence IS NOT NULL
            UNION ALL SELECT speaker, CASE speaker_kind WHEN 'country' THEN 'place' WHEN 'region' THEN 'place'
                ELSE speaker_kind END, 2, pos FROM q0
                WHERE speaker IS NOT NULL AND speaker_kind IN ('person', 'organization', 'country', 'region'))
        SELECT name, k, count(*) AS n, min(src) AS src, arg_min(p, src * 1e15 + p) AS p
        FROM votes GROUP BY name, k""").fetchall()
    best: dict[str, tuple] = {}
    for name, kind, count, src, first in rows:
        key = (count, -src, -first)
        if name not in best or key > best[name][0]:
            best[name] = (key, kind)
    return {name: kind for name, (_key, kind) in best.items()}


def _name_renames(con) -> int:
    """Apply the corpus-wide name merge to ``q0.speaker`` (from counts, never row by row in Python);
    returns how many (name, outlet) pairs were renamed.
    """
    counted = con.execute("""
        WITH s AS (SELECT speaker AS name, count(*) AS n, min(pos) AS p FROM q0 WHERE speaker IS NOT NULL
                   GROUP BY speaker),
             m AS (SELECT key AS name, count(*) AS n, min(mpos) AS p FROM cur_mentions
                   WHERE kind IN ('person', 'organization') AND key IS NOT NULL GROUP BY key)
        SELECT coalesce(s.name, m.name), coalesce(s.n, 0) + coalesce(m.n, 0) AS n,
               CASE WHEN s.name IS NULL THEN 1 ELSE 0 END AS section, coalesce(s.p, m.p) AS p
        FROM s FULL JOIN m ON s.name = m.name ORDER BY section, p""").fetchall()

    def every_row() -> Iterator[str]:  # each name as often as it occurs, in first-seen order
        for name, count, _section, _first in counted:
            for _ in range(count):
                yield name

    changed = names.merge_across_articles(every_row(), _name_kinds(con))
    con.execute("CREATE OR REPLACE TABLE name_map (name VARCHAR, outlet VARCHAR, merged VARCHAR)")
    if not changed:
        return 0
    con.execute("CREATE OR REPLACE TABLE wanted (name VARCHAR)")
    con.executemany("INSERT INTO wanted VALUES (?)", [[n] for n in set(changed) | set(changed.values())])
    pairs = con.execute("""
        SELECT DISTINCT name, outlet FROM (
            SELECT speaker AS name, coalesce(outlet, '') AS outlet FROM q0
            UNION ALL SELECT key, coalesce(a.outlet, '') FROM cur_mentions m JOIN articles a USING (article_id)
                WHERE m.kind IN ('person', 'organization'))
        WHERE name IN (SELECT name FROM wanted)""").fetchall()
    pairs = [(n, o) for n, o in pairs if n in changed] + [(n, o) for n, o in pairs if n not in changed]
    renamed = names.rename_rows(pairs, changed)
    mapped = [[n, o, new] for (n, o), new in zip(pairs, renamed, strict=True) if new != n]
    if mapped:
        con.executemany("INSERT INTO name_map VALUES (?, ?, ?)", mapped)
        con.execute("""UPDATE q0 SET speaker = nm.merged FROM name_map nm
                       WHERE q0.speaker = nm.name AND coalesce(q0.outlet, '') = nm.outlet""")
    return len(mapped)


def _months(con) -> None:
    """Table ``months`` (date text -> its ``day`` and the first day of its ``month``), each distinct
    date read as pandas reads it (unreadable ones left out: undated).
    """
    dates = [d for (d,) in con.execute("SELECT DISTINCT date FROM q0 WHERE date IS NOT NULL").fetchall()]
    parsed = [pd.to_datetime(d, errors="coerce") for d in dates]
    con.execute("CREATE OR REPLACE TABLE months (date VARCHAR, day DATE, month DATE)")
    rows = [[d, p.date(), p.to_period("M").to_timestamp().date()] for d, p in zip(dates, parsed, strict=True)
            if not pd.isna(p)]
    if rows:
        con.executemany("INSERT INTO months VALUES (?, ?, ?)", rows)


def _phrases_and_search(con, reader, search_file: str, first_pos: int = 0, appending: bool = False) -> None:
    """One pass over the statements in ``pos`` order: their phrase ids (table ``phr``), the phrase
    dictionary (``phrase_forms``, ``phrase_groups``) exactly as :func:`analysis.query._phrase_index`
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


def _repeated(con, store_dir: str) -> None:
    """Table ``rep`` (pos, repeated): the repeats "count versions once" leaves out, found by
    :mod:`analysis.versions` on the narrow statement frame (article, text, merged speaker).
    """
    from analysis.versions import find_versions, repeated_statements

    ids = [a for (a,) in con.execute(
        "SELECT article_id FROM articles ORDER BY date NULLS LAST, title NULLS LAST, bidx, frow").fetchall()]
    versions = find_versions(ids, read=lambda chunk: article_texts(store_dir, chunk))
    _stories(con, versions)
    frame = con.execute("SELECT pos, article_id, text, speaker FROM q0 ORDER BY pos").df()
    mask = repeated_statements(frame, versions)
    con.register("rep_arrow", pa.table({"pos": frame["pos"].to_numpy(), "repeated": mask}))
    con.execute("CREATE OR REPLACE TABLE rep AS SELECT * FROM rep_arrow")
    con.unregister("rep_arrow")


def _stories(con, versions) -> None:
    """Table ``stories`` (story, rank, article_id): each story stored in several versions, its
    versions longest first (``rank`` 0), as :class:`analysis.versions.Versions` holds them, so the
    app lists them without reading every text again (:meth:`analysis.engine.Engine.story_versions`).
    """
    rows = [(number, rank, article_id) for number, story in enumerate(versions.stories)
            for rank, article_id in enumerate(story)]
    con.register("stories_arrow", pa.table({"story": pa.array([r[0] for r in rows], pa.int64()),
                                            "rank": pa.array([r[1] for r in rows], pa.int64()),
                                            "article_id": pa.array([r[2] for r in rows], pa.string())}))
    con.execute("CREATE OR REPLACE TABLE stories AS SELECT * FROM stories_arrow ORDER BY story, rank")
    con.unregister("stories_arrow")


_AGGREGATES = """
CREATE TABLE agg_speaker AS SELECT speaker, count(*) FILTER (WHERE NOT repeated) AS statements,
    count(*) AS statements_all, min(pos) FILTER (WHERE NOT repeated) AS first_pos, min(pos) AS first_pos_all
    FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker;
CREATE TABLE agg_country AS SELECT c.iso3, count(*) FILTER (WHERE NOT q.repeated) AS statements,
    count(*) AS statements_all, min(pos) AS first_pos_all FROM quote_countries c JOIN quotes q USING (pos)
    GROUP BY c.iso3;
CREATE TABLE agg_topic AS SELECT t.topic, count(*) FILTER (WHERE NOT q.repeated) AS statements,
    count(*) AS statements_all, min(pos) AS first_pos_all FROM quote_topics t JOIN quotes q USING (pos)
    GROUP BY t.topic;
CREATE TABLE agg_month AS SELECT month, count(*) FILTER (WHERE NOT repeated) AS statements,
    count(*) AS statements_all FROM quotes GROUP BY month;
CREATE TABLE agg_pairs AS
    WITH p AS (SELECT DISTINCT a.pos, a.iso3 AS a, b.iso3 AS b FROM quote_countries a
               JOIN quote_countries b ON a.pos = b.pos AND a.iso3 < b.iso3)
    SELECT p.a, p.b, count(*) FILTER (WHERE NOT q.repeated) AS statements, count(*) AS statements_all,
        min(p.pos) FILTER (WHERE NOT q.repeated) AS first_pos, min(p.pos) AS first_pos_all
    FROM p JOIN quotes q USING (pos) GROUP BY p.a, p.b;
CREATE TABLE agg_phrase_groups AS
    WITH g AS (SELECT unnest(phrase_groups) AS group_id, repeated FROM quotes)
    SELECT group_id, count(*) FILTER (WHERE NOT repeated) AS statements, count(*) AS statements_all
    FROM g GROUP BY group_id;
CREATE TABLE agg_phrase_forms AS
    WITH f AS (SELECT unnest(phrase_forms) AS form_id, repeated FROM quotes)
    SELECT form_id, count(*) FILTER (WHERE NOT repeated) AS occurrences, count(*) AS occurrences_all
    FROM f GROUP BY form_id;
"""

#: Candidates of the unfiltered key phrases kept at build (:func:`scored_phrases_sql`).
KEYWORD_CANDIDATES = 2_000


def scored_phrases_sql(counts: str, bonus: float, top: int | None = None, max_spaces: int = 0,
                       stems: bool = True) -> str:
    """SQL of every phrase of a selection, best first: ``score``, ``phrase`` (its shown form) and
    ``stems``, as :func:`analysis.query.statement_keywords` scores them.

    ``counts`` defines CTEs ``g`` (group_id, statements) and ``f`` (form_id, occ) of the selection;
    ``bonus`` is :data:`analysis.keywords.statements.SHORT_TEXT_LENGTH_BONUS`. The shown form is
    :func:`analysis.keywords.best_form`'s: most occurrences, then a capitalised first character
    (Python's ``str.isupper``: one that has case and is upper case), then the last in code order.

    With ``top``, only the phrases that can be among the best ``top`` get a shown form (the rows are
    then those ``top``, exactly): a group's score lies between ``statements * rarity`` (no space in
    its form) and that times ``1 + bonus * max_spaces`` (the most spaces of any stored form), so a
    group whose upper bound is below the ``top``-th lower bound cannot be among them. Choosing the
    shown form of every phrase of a large selection (1.5 million forms at 100,000 articles) does
    not fit a small memory limit; the candidates' forms do. The forms' dictionary is read once, for
    the selection's forms, and those of other groups left out after the join (choosing the
    candidates' form ids first read it twice: 1.2 times as long at 100,000 articles).

    With ``top`` and ``stems`` False the third column is the phrase's ``group_id`` instead of its
    stems: joining the groups' stems lists for a few hundred rows read the lists of the whole
    dictionary (10 million groups at a million articles); the caller reads the few it needs by id
    (:meth:`analysis.engine.phrases.Phrases._with_stems`).
    """
    capital = "(upper(left(p.form, 1)) = left(p.form, 1) AND lower(left(p.form, 1)) <> left(p.form, 1))"
    groups, candidates = "g", ""
    if top is not None:
        counts += f""",
        lb AS MATERIALIZED (SELECT g.group_id, g.statements, g.statements * pg.rarity AS low
               FROM g JOIN phrase_groups pg USING (group_id)),
        cut AS (SELECT low FROM lb ORDER BY low DESC LIMIT 1 OFFSET {int(top) - 1}),
        gk AS (SELECT group_id, statements, low FROM lb
               WHERE low * (1.0::DOUBLE + {float(bonus)!r}::DOUBLE * {int(max_spaces)})
                     >= coalesce((SELECT low FROM cut), 0))"""
        groups, candidates = "gk", "WHERE p.group_id IN (SELECT group_id FROM gk)"
    length_bonus = f"(1.0::DOUBLE + {float(bonus)!r}::DOUBLE * (length(b.phrase) - length(replace(b.phrase, ' ', ''))))"
    if top is not None and not stems:  # low is the same product, statements * rarity
        score, third, scored = f"g.low * {length_bonus}", "g.group_id AS group_id", "gk g"
    else:
        score, third = f"g.statements * pg.rarity * {length_bonus}", "pg.stems AS stems"
        scored = f"{groups} g JOIN phrase_groups pg USING (group_id)"
    return f"""WITH {counts},
        best AS (SELECT p.group_id, first(p.form ORDER BY f.occ DESC, {capital} DESC, p.form DESC) AS phrase
                 FROM f JOIN phrase_forms p USING (form_id) {candidates} GROUP BY p.group_id)
        SELECT {score} AS score, b.phrase, {third}
        FROM {scored} JOIN best b USING (group_id)
        ORDER BY score DESC, b.phrase"""


def _keyword_aggregates(con) -> None:
    """``agg_keywords``: the best :data:`KEYWORD_CANDIDATES` phrases of all statements, with repeats
    left out (``variant`` "once") and all ("all"), for the unfiltered landing view.
    """
    parts = []
    for variant, counted, occurrences in (("once", "statements", "occurrences"),
                                          ("all", "statements_all", "occurrences_all")):
        counts = f"""g AS (SELECT group_id, {counted} AS statements FROM agg_phrase_groups WHERE {counted} > 0),
            f AS (SELECT form_id, {occurrences} AS occ FROM agg_phrase_forms WHERE {occurrences} > 0)"""
        sql = scored_phrases_sql(counts, keywords.statements.SHORT_TEXT_LENGTH_BONUS)
        parts.append(f"SELECT '{variant}' AS variant, * FROM ({sql} LIMIT {KEYWORD_CANDIDATES})")
    con.execute("CREATE TABLE agg_keywords AS " + " UNION ALL ".join(parts))


#: The dimensions of the cross tables: (name, SQL giving (pos, value) rows).
CROSS_DIMENSIONS = {
    "speaker": "SELECT pos, coalesce(speaker, '(unknown)') AS v FROM quotes",
    "countries": "SELECT pos, iso3 AS v FROM quote_countries",
    "topics": "SELECT pos, topic AS v FROM quote_topics",
}
#: The pairs of dimensions the pages cross, pre-aggregated for the unfiltered view.
CROSS_PAIRS = (("speaker", "countries"), ("topics", "countries"), ("speaker", "topics"))


def _cross_aggregates(con) -> None:
    """``agg_cross``: per crossed pair of dimensions and pair of values, statements and tone sums."""
    parts = []
    for row, column in CROSS_PAIRS:
        parts.append(f"""
            SELECT '{row}' AS row_dim, '{column}' AS col_dim, r.v AS a, c.v AS b,
                count(DISTINCT r.pos) FILTER (WHERE NOT q.repeated) AS statements,
                sum(q.tone) FILTER (WHERE NOT q.repeated) AS tone_sum,
                count(q.tone) FILTER (WHERE NOT q.repeated) AS tone_n,
                count(DISTINCT r.pos) AS statements_all, sum(q.tone) AS tone_sum_all, count(q.tone) AS tone_n_all
            FROM ({CROSS_DIMENSIONS[row]}) r JOIN ({CROSS_DIMENSIONS[column]}) c USING (pos)
            JOIN quotes q USING (pos) GROUP BY r.v, c.v""")
    con.execute("CREATE TABLE agg_cross AS " + " UNION ALL ".join(parts))


#: A single filter value (one country, topic or speaker) gets pre-aggregated tables of its own
#: (``s_*``) when at least this many statements carry it, or this share of all statements,
#: whichever is more: large selections are the slow ones, and most filters are one value.
SLICE_MIN_STATEMENTS = 2_000
SLICE_MIN_SHARE = 0.002
#: The slices' statements crossed in one query at most (their crossed tables are written a range of
#: slices at a time).
SLICE_CROSS_ROWS = 1_000_000
#: Key-phrase candidates kept per slice (the engine asks for 30 per phrase shown).
SLICE_KEYWORDS = 400
#: The filter dimensions of the slices: (name, SQL giving (value, pos) rows).
SLICE_DIMENSIONS = {
    "countries": "SELECT DISTINCT iso3 AS fval, pos FROM quote_countries",
    "topics": "SELECT DISTINCT topic AS fval, pos FROM quote_topics",
    "speakers": "SELECT speaker AS fval, pos FROM quotes WHERE speaker IS NOT NULL",
}


#: The clustered copies of the statements, one row per filter value ``v`` and statement: table,
#: SQL giving the distinct (v, pos) rows.
CLUSTERED = {
    "by_country": "SELECT DISTINCT iso3 AS v, pos FROM quote_countries",
    "by_topic": "SELECT DISTINCT topic AS v, pos FROM quote_topics",
    "by_speaker": "SELECT speaker AS v, pos FROM quotes WHERE speaker IS NOT NULL",
}
#: The statement columns of the clustered copies (what the engine's kept selections, counts,
#: charts and key phrases read).
CLUSTER_COLUMNS = ("pos", "speaker", "tone", "day", "date", "article_id", "repeated", "countries", "topics",
                   "phrase_groups", "phrase_forms")


def _clustered(con) -> None:
    """The tables of :data:`CLUSTERED`: each statement's :data:`CLUSTER_COLUMNS` once per value
    of the dimension, in (``v``, ``pos``) order, so DuckDB's zone maps on ``v`` skip every block
    of the other values. Written a range of values at a time (at most :data:`QUOTE_CHUNK_ROWS`
    rows, sorted in memory); a value with more rows is written a range of positions at a time.
    """
    columns = ", ".join(f"q.{c}" for c in CLUSTER_COLUMNS)
    end = con.execute("SELECT coalesce(max(pos) + 1, 0) FROM quotes").fetchall()[0][0]
    for table, source in CLUSTERED.items():
        con.execute(f"CREATE TABLE {table} AS SELECT NULL::VARCHAR AS v, {columns} FROM quotes q LIMIT 0")
        insert = (f"INSERT INTO {table} SELECT s.v, {columns} FROM ({source}) s JOIN quotes q USING (pos) "
                  "WHERE s.v >= $low AND s.v <= $high AND q.pos >= $first AND q.pos < $last ORDER BY s.v, q.pos")
        counts = con.execute(f"SELECT NULL, v, count(*) FROM ({source}) GROUP BY v ORDER BY v").fetchall()
        for _group, low, high, rows in value_ranges(counts, QUOTE_CHUNK_ROWS):
            if rows <= QUOTE_CHUNK_ROWS:
                con.execute(insert, {"low": low, "high": high, "first": 0, "last": end})
                continue
            for first in range(0, end, QUOTE_CHUNK_ROWS):  # one value: range by range of positions
                con.execute(insert, {"low": low, "high": high, "first": first, "last": first + QUOTE_CHUNK_ROWS})


def _slice_crosses(con) -> None:
    """``s_cross`` of the slices in ``fq``, a range of slices at a time, each range's statements
    crossed in one query (every slice at once ran out of memory at a million articles with 100,000
    speakers); a slice larger than :data:`SLICE_CROSS_ROWS` is crossed a range of positions at a
    time into ``s_cross_part`` and summed from there. ``fq`` is in (fdim, fval) order, so a range
    reads its own blocks.
    """
    end = con.execute("SELECT coalesce(max(pos) + 1, 0) FROM quotes").fetchall()[0][0]
    values = con.execute("SELECT fdim, fval, statements_all FROM s_values ORDER BY fdim, fval").fetchall()
    sums = """count(*) FILTER (WHERE NOT repeated), sum(tone_sum) FILTER (WHERE NOT repeated),
              coalesce(sum(tone_n) FILTER (WHERE NOT repeated), 0), count(*), sum(tone_sum), coalesce(sum(tone_n), 0)"""
    con.execute("CREATE TEMP TABLE s_cross_part AS SELECT * FROM s_cross LIMIT 0")
    for row, column in CROSS_PAIRS:
        # Per statement first, then per pair: two plain aggregates DuckDB can spill to disk (a
        # count(DISTINCT) of every pair at once ran out of 512 MB with 30,000 speakers), same sums.
        crossed = f"""WITH sel AS (SELECT fdim, fval, pos, repeated, tone FROM fq WHERE fdim = $fdim
                                   AND fval >= $low AND fval <= $high AND pos >= $first AND pos < $last),
            per AS (SELECT fdim, fval, r.v AS a, c.v AS b, r.pos, any_value(q.repeated) AS repeated,
                           sum(q.tone) AS tone_sum, count(q.tone) AS tone_n
                    FROM ({CROSS_DIMENSIONS[row]}) r JOIN ({CROSS_DIMENSIONS[column]}) c USING (pos)
                    JOIN sel q USING (pos) GROUP BY fdim, fval, r.v, c.v, r.pos)
            SELECT fdim, fval, '{row}', '{column}', a, b, {sums} FROM per GROUP BY fdim, fval, a, b"""
        for fdim, low, high, rows in value_ranges(values, SLICE_CROSS_ROWS):
            if rows <= SLICE_CROSS_ROWS:
                con.execute(f"INSERT INTO s_cross {crossed}",
                            {"fdim": fdim, "low": low, "high": high, "first": 0, "last": end})
                continue
            step = max(1, end * SLICE_CROSS_ROWS // rows)  # positions holding about SLICE_CROSS_ROWS of it
            for first in range(0, end, step):
                con.execute(f"INSERT INTO s_cross_part {crossed}",
                            {"fdim": fdim, "low": low, "high": high, "first": first, "last": first + step})
            con.execute("""INSERT INTO s_cross SELECT fdim, fval, row_dim, col_dim, a, b, sum(statements),
                sum(tone_sum), sum(tone_n), sum(statements_all), sum(tone_sum_all), sum(tone_n_all)
                FROM s_cross_part GROUP BY fdim, fval, row_dim, col_dim, a, b""")
            con.execute("DELETE FROM s_cross_part")
    con.execute("DROP TABLE s_cross_part")


def value_ranges(counts: list[tuple], max_rows: int) -> list[tuple]:
    """``(group, first value, last value, rows)``: ranges of consecutive values of one group holding
    at most ``max_rows`` rows each, a value with more rows alone. ``counts`` holds (group, value,
    rows) in (group, value) order (one group: any constant), as the queries that read a range by
    ``value >= first AND value <= last`` see them.
    """
    ranges: list[tuple] = []
    current: list[tuple] = []
    rows = 0
    for group, value, count in counts:
        if current and (rows + count > max_rows or group != current[0][0]):
            ranges.append((current[0][0], current[0][1], current[-1][1], rows))
            current, rows = [], 0
        current.append((group, value))
        rows += count
    if current:
        ranges.append((current[0][0], current[0][1], current[-1][1], rows))
    return ranges


def _slice_aggregates(con, min_statements: int) -> None:
    """Pre-aggregated tables per single filter value with at least ``min_statements`` statements
    (``s_values``: which, with their counts): what every landing chart of a one-value filter reads,
    counted with repeats left out and all, as the engine's filtered queries count them.
    """
    con.execute("CREATE OR REPLACE TABLE fsel (fdim VARCHAR, fval VARCHAR, pos BIGINT)")
    for dim, sql in SLICE_DIMENSIONS.items():
        con.execute(f"""INSERT INTO fsel SELECT '{dim}', d.fval, d.pos FROM ({sql}) d
            SEMI JOIN (SELECT fval FROM ({sql}) GROUP BY fval HAVING count(*) >= ?) k USING (fval)""",
                    [int(min_statements)])
    con.execute("""CREATE OR REPLACE TABLE fq AS SELECT f.fdim, f.fval, q.pos, q.speaker, q.repeated, q.tone, q.month
                   FROM fsel f JOIN quotes q USING (pos) ORDER BY f.fdim, f.fval, q.pos""")
    counts = """count(*) FILTER (WHERE NOT repeated) AS statements, count(*) AS statements_all"""
    firsts = "min(pos) FILTER (WHERE NOT repeated) AS first_pos, min(pos) AS first_pos_all"
    con.execute(f"CREATE TABLE s_values AS SELECT fdim, fval, {counts} FROM fq GROUP BY fdim, fval")
    con.execute(f"""CREATE TABLE s_speaker AS SELECT fdim, fval, speaker, {counts}, {firsts} FROM fq
                    WHERE speaker IS NOT NULL GROUP BY fdim, fval, speaker""")
    for table, long, value in (("s_country", "quote_countries", "iso3"), ("s_topic", "quote_topics", "topic")):
        con.execute(f"""CREATE TABLE {table} AS SELECT fdim, fval, l.{value}, {counts} FROM fq
                        JOIN {long} l USING (pos) GROUP BY fdim, fval, l.{value}""")
    con.execute(f"CREATE TABLE s_month AS SELECT fdim, fval, month, {counts} FROM fq GROUP BY fdim, fval, month")
    con.execute(f"""CREATE TABLE s_pairs AS
        WITH p AS (SELECT DISTINCT a.pos, a.iso3 AS a, b.iso3 AS b FROM quote_countries a
                   JOIN quote_countries b ON a.pos = b.pos AND a.iso3 < b.iso3)
        SELECT fdim, fval, p.a, p.b, {counts}, {firsts} FROM fq JOIN p USING (pos) GROUP BY fdim, fval, p.a, p.b""")
    con.execute("""CREATE TABLE s_cross (fdim VARCHAR, fval VARCHAR, row_dim VARCHAR, col_dim VARCHAR, a VARCHAR,
        b VARCHAR, statements BIGINT, tone_sum DOUBLE, tone_n BIGINT, statements_all BIGINT, tone_sum_all DOUBLE,
        tone_n_all BIGINT)""")
    _slice_crosses(con)
    write_slice_phrases(con, SLICE_KEYWORDS)
    con.execute("DROP TABLE fq")
    con.execute("DROP TABLE fsel")


def slice_threshold(statements: int) -> int:
    """The statements a filter value needs for pre-aggregated tables of its own, in a warehouse of
    ``statements`` statements (:data:`SLICE_MIN_STATEMENTS`, :data:`SLICE_MIN_SHARE`).
    """
    return max(SLICE_MIN_STATEMENTS, int(SLICE_MIN_SHARE * statements))


def _temporaries(store_dir: str, keep: str | None) -> None:
    """Delete the files of interrupted warehouse writes and the search files of older builds."""
    for name in os.listdir(store_dir):
        old_search = name.startswith("warehouse-") and name.endswith(".search.sqlite") and (
            keep is None or name != SEARCH_FILE.format(keep))
        if name.startswith(TEMP_PREFIX) or old_search:
            path = os.path.join(store_dir, name)
            if os.path.isdir(path):  # the spill folder of a killed build
                shutil.rmtree(path, ignore_errors=True)
                continue
            try:
                os.remove(path)
            except FileNotFoundError:
                pass


def current_build_id(store_dir: str) -> str | None:
    """The build id of the store's warehouse, None when it has none (or it cannot be read)."""
    import duckdb

    path = warehouse_path(store_dir)
    if not os.path.isfile(path):
        return None
    try:
        with duckdb.connect(path, read_only=True) as con:
            return con.execute("SELECT value FROM meta WHERE key = 'build_id'").fetchall()[0][0]
    except duckdb.Error:
        return None


#: What a warehouse holds; one of an older format is rewritten whole, never appended to.
#: 3: statements of :data:`~analysis.store.corpus.STATEMENT_ACTS` only; 4: the clustered copies
#: ``by_country``, ``by_topic``, ``by_speaker``; 5: the articles' full-text index in the search file
#: (:mod:`analysis.store.article_search`; the engine reads a format-4 warehouse, searching the articles
#: as before, and ``build``/``refresh`` rewrite it).
FORMAT = 5
#: The statements the warehouse keeps, as ``load_corpus(acts=STATEMENT_ACTS)`` does (a statement
#: stored before ``act`` existed counts as speech).
KEPT_ACTS_SQL = f"""coalesce(r.act, 'speech') IN ({', '.join(f"'{act}'" for act in STATEMENT_ACTS)})"""


def appendable(store_dir: str, batches: list[str], versions: bool) -> int:
    """How many of ``batches`` the store's warehouse already holds when the rest only add articles
    it does not hold (so it can be appended to); 0 when it must be rewritten whole: no warehouse,
    one of another format or ``versions`` setting, batches removed or replaced (compaction, repair),
    or an article of the new batches stored before (re-analysed: its statements move).
    """
    import duckdb

    path = warehouse_path(store_dir)
    if not os.path.isfile(path):
        return 0
    try:
        with duckdb.connect(":memory:") as con:
            con.execute(f"ATTACH {_literal(path)} AS prev (READ_ONLY)")
            meta = dict(con.execute("SELECT key, value FROM prev.meta").fetchall())
            old = json.loads(meta["batches"])
            if (meta.get("format") != str(FORMAT) or json.loads(meta.get("versions", "null")) != versions
                    or not old or len(old) >= len(batches) or batches[:len(old)] != old
                    or not os.path.isfile(os.path.join(store_dir, meta["search_file"]))):
                return 0
            new = [os.path.abspath(os.path.join(store_dir, BATCHES, b, "articles.parquet")) for b in batches[len(old):]]
            stored_again = con.execute(
                f"SELECT count(*) FROM read_parquet([{', '.join(_literal(p) for p in new)}]) "
                "WHERE article_id IN (SELECT article_id FROM prev.articles)").fetchall()[0][0]
    except (duckdb.Error, KeyError, ValueError):
        return 0
    return 0 if stored_again else len(old)


def write_warehouse(store_dir: str, versions: bool = True, memory_mb: int = BUILD_MEMORY_MB,
                    threads: int | None = None, slice_min: int | None = None, append: bool = True) -> str | None:
    """(Re)write the store's warehouse from its committed batches; returns its path.

    Atomic: written to a temporary file, flushed, then renamed over the old one (the search index
    first, under a name of its own). Returns None, writing nothing, for an object-store URL
    (not supported yet) or a store without batches.

    When the store only gained batches of new articles since the warehouse was written (a build
    or upload adding articles), the new file is made from the old one plus the new batches
    (:func:`appendable`): the old statements' phrases and search entries are copied, not
    computed again; the name merge, repeats and aggregates are recomputed over the whole corpus.
    The result is the same as a whole rewrite (tests/analysis/store/test_warehouse_append.py).

    Args:
        store_dir: A local store folder.
        versions: Find the repeats "count versions once" leaves out (:mod:`analysis.versions`:
            reads article texts; False marks none).
        memory_mb: DuckDB's memory limit while building (it spills to disk beyond it).
        threads: DuckDB threads (default: DuckDB's, the number of cores).
        slice_min: Statements a single filter value needs for pre-aggregated tables of its own
            (default :func:`slice_threshold` of the store's size).
        append: Build on the previous warehouse when :func:`appendable` (False: always whole).
    """
    import duckdb

    store_dir = str(store_dir)
    if is_remote(store_dir):
        return None
    batches = list_batches(store_dir)
    if not batches:
        return None
    previous_id = current_build_id(store_dir)
    _temporaries(store_dir, keep=previous_id)
    first = appendable(store_dir, batches, versions) if append else 0
    build_id = uuid.uuid4().hex[:12]
    tmp = os.path.join(store_dir, f"{TEMP_PREFIX}{build_id}.duckdb")
    tmp_search = os.path.join(store_dir, f"{TEMP_PREFIX}{build_id}.search.sqlite")
    spill = os.path.join(store_dir, f"{TEMP_PREFIX}{build_id}.spill")
    try:
        with duckdb.connect(tmp) as con:
            con.execute(f"SET memory_limit = '{int(memory_mb)}MB'")
            con.execute(f"SET temp_directory = {_literal(spill)}")
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            if first:
                con.execute(f"ATTACH {_literal(warehouse_path(store_dir))} AS prev (READ_ONLY)")
                shutil.copyfile(search_path(store_dir, previous_id), tmp_search)
            _build(con, store_dir, batches, tmp_search, versions, slice_min, first)
            if first:
                con.execute("DETACH prev")
            con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
            con.executemany("INSERT INTO meta VALUES (?, ?)", [
                ["build_id", build_id], ["batches", json.dumps(batches)], ["versions", json.dumps(versions)],
                ["search_file", SEARCH_FILE.format(build_id)], ["format", str(FORMAT)],
                ["appended", json.dumps(first > 0)]])
            con.execute("CHECKPOINT")
        for path in (tmp, tmp_search):
            with open(path, "rb+") as handle:
                os.fsync(handle.fileno())
        os.rename(tmp_search, search_path(store_dir, build_id))
        os.rename(tmp, warehouse_path(store_dir))
    except BaseException:
        for path in (tmp, tmp + ".wal", tmp_search):
            if os.path.exists(path):
                os.remove(path)
        raise
    finally:
        if os.path.isdir(spill):
            shutil.rmtree(spill, ignore_errors=True)
    _temporaries(store_dir, keep=build_id)
    return warehouse_path(store_dir)


def _build(con, store_dir: str, batches: list[str], tmp_search: str, versions: bool,
           slice_min: int | None = None, first: int = 0) -> None:
    """Fill the tables of the module docstring into the open database ``con``.

    With ``first`` > 0 the batches before index ``first`` are those of the previous warehouse,
    attached as ``prev``: their rows are copied from it (statements keep their positions, phrases
    and search entries), only the newer batches are read, and what depends on the whole corpus
    (the name merge, repeats, every aggregate) is computed again over all of it.
    """
    _read(con, store_dir, batches, "articles", skip=("text",), first=first)
    con.execute("""CREATE TABLE new_articles AS SELECT * FROM raw_articles
                   QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY bidx DESC, frow DESC) = 1
                   ORDER BY bidx, frow""")
    con.execute("DROP TABLE raw_articles")
    old = "SELECT * FROM prev.articles UNION ALL BY NAME " if first else ""
    con.execute(f"CREATE TABLE articles AS {old}SELECT * FROM new_articles")
    first_pos = con.execute("SELECT coalesce(max(pos) + 1, 0) FROM prev.quotes").fetchall()[0][0] if first else 0
    quote_types = ", ".join(f'"{f.name}" {_duck_type(f.type)}' for f in SCHEMAS["quotes"])
    con.execute(f"""CREATE TABLE q0 (pos BIGINT, {quote_types}, title VARCHAR, date VARCHAR, outlet VARCHAR,
                   speaker_raw VARCHAR)""")
    con.execute("""CREATE TABLE cur_mentions (article_id VARCHAR, kind VARCHAR, key VARCHAR, evidence VARCHAR,
                   via VARCHAR, mpos BIGINT)""")
    if first:  # the stored statements as they were read, before the name merge (first: pos order)
        old_columns = ", ".join("speaker_raw AS speaker" if f.name == "speaker" else f'"{f.name}"'
                                for f in SCHEMAS["quotes"])
        con.execute(f"INSERT INTO q0 SELECT pos, {old_columns}, title, date, outlet, speaker_raw FROM prev.quotes "
                    "ORDER BY pos")
        con.execute("""INSERT INTO cur_mentions SELECT article_id, kind, key, evidence, via, mpos FROM prev.mentions
                       UNION ALL SELECT article_id, kind, key, evidence, via, mpos FROM prev.name_mentions
                       ORDER BY mpos""")
    groups = _read_batches(con, store_dir, batches, first, first_pos)
    _name_renames(con)
    _months(con)
    reader = con.cursor()
    _phrases_and_search(con, reader, tmp_search, first_pos, appending=first > 0)
    reader.close()
    write_article_index(con, store_dir, batches, tmp_search, SEARCH_TOKENIZER)
    if versions:
        _repeated(con, store_dir)
    else:
        con.execute("CREATE OR REPLACE TABLE rep AS SELECT pos, false AS repeated FROM q0")
    joined = """SELECT q0.*, m.day, m.month, coalesce(rep.repeated, false) AS repeated, phr.phrase_groups,
            phr.phrase_forms
        FROM (SELECT * FROM q0 WHERE pos >= $low AND pos < $high) q0 LEFT JOIN months m USING (date)
        LEFT JOIN (SELECT * FROM rep WHERE pos >= $low AND pos < $high) rep USING (pos)
        LEFT JOIN (SELECT * FROM phr WHERE pos >= $low AND pos < $high) phr USING (pos) ORDER BY pos"""
    con.execute(f"CREATE TABLE quotes AS {joined} LIMIT 0", {"low": 0, "high": 0})
    end = con.execute("SELECT coalesce(max(pos) + 1, 0) FROM q0").fetchall()[0][0]
    # Written range by range in pos order: one sort of every wide row spilled twice the table to disk.
    for low in range(0, end, QUOTE_CHUNK_ROWS):
        con.execute(f"INSERT INTO quotes {joined}", {"low": low, "high": low + QUOTE_CHUNK_ROWS})
    for table, column, value in (("quote_countries", "countries", "iso3"), ("quote_topics", "topics", "topic"),
                                 ("quote_about", "about", "iso3")):
        con.execute(f"""CREATE TABLE {table} AS SELECT {value}, pos FROM
            (SELECT pos, unnest({column}) AS {value} FROM quotes) WHERE {value} IS NOT NULL ORDER BY {value}, pos""")
    # cur_mentions is in mpos order (previous rows, then batch by batch): a scan keeps it.
    con.execute("""CREATE TABLE mentions AS SELECT article_id, kind, key, evidence, via, mpos FROM cur_mentions
                   WHERE kind IN ('country', 'region')""")
    # The rest, for the name merge of a later update (person and organisation names vote in it).
    con.execute("""CREATE TABLE name_mentions AS SELECT article_id, kind, key, evidence, via, mpos FROM cur_mentions
                   WHERE kind IS NULL OR kind NOT IN ('country', 'region')""")
    con.execute("""CREATE TABLE agg_mentioned AS SELECT key, count(*) AS n, min(mpos) AS first FROM mentions
                   WHERE kind = 'country' AND key IS NOT NULL GROUP BY key""")
    # The topics of the statements' sentences (what the app's options read, see ui.data.load_app_corpus),
    # counted batch by batch: a hit counts when a statement of the article's newest copy has its span.
    con.execute("CREATE TABLE hits (topic VARCHAR, n BIGINT, first BIGINT)")
    if first:
        con.execute("INSERT INTO hits SELECT topic, n, first FROM prev.hit_topics")
    low = first_pos
    for start, stop, high in groups:
        con.execute(f"""INSERT INTO hits SELECT h.topic, count(*), min(h.bidx::BIGINT * 4294967296 + h.frow)
            FROM {_batch_rows(con, store_dir, batches[start:stop], "topic_hits", start)} h
            SEMI JOIN (SELECT article_id, start, "end" FROM q0 WHERE pos >= {low} AND pos < {high}) s
                USING (article_id, start, "end")
            GROUP BY h.topic""")
        low = high
    con.execute("CREATE TABLE hit_topics AS SELECT topic, sum(n)::BIGINT AS n, min(first) AS first FROM hits "
                "GROUP BY topic")
    for statement in _AGGREGATES.split(";"):
        if statement.strip():
            con.execute(statement)
    _cross_aggregates(con)
    _keyword_aggregates(con)
    if slice_min is None:
        slice_min = slice_threshold(con.execute("SELECT count(*) FROM quotes").fetchall()[0][0])
    _slice_aggregates(con, slice_min)
    _clustered(con)
    write_page_tables(con)  # what the pages' whole-store questions read (analysis.store.page_tables)
    for table in ("q0", "phr", "rep", "cur_mentions", "months", "name_map", "wanted", "new_articles", "files_articles",
                  "hits"):
        con.execute(f"DROP TABLE IF EXISTS {table}")


def warehouse_batches(store_dir: str) -> list[str] | None:
    """The batches the store's warehouse was built from; None without one, or with one of an older
    :data:`FORMAT` (it answers other questions: ``build``/``refresh`` rewrite it, the app reads the
    batches meanwhile).
    """
    import duckdb

    path = warehouse_path(store_dir)
    if not os.path.isfile(path):
        return None
    with duckdb.connect(path, read_only=True) as con:
        meta = dict(con.execute("SELECT key, value FROM meta WHERE key IN ('batches', 'format')").fetchall())
    if meta.get("format") != str(FORMAT):
        return None
    return json.loads(meta["batches"])


def lacks_stories(store_dir: str) -> bool:
    """True when the store's warehouse found the stories stored in several versions but was built
    before it kept them (no ``stories`` table): ``build``/``refresh`` then rewrite it, so the app
    lists them without reading every text. False without a warehouse.
    """
    import duckdb

    path = warehouse_path(store_dir)
    if not os.path.isfile(path):
        return False
    with duckdb.connect(path, read_only=True) as con:
        versions = con.execute("SELECT value FROM meta WHERE key = 'versions'").fetchall()
        tables = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    return bool(versions and json.loads(versions[0][0])) and "stories" not in tables


__all__ = ["WAREHOUSE", "appendable", "current_build_id", "lacks_stories", "search_path", "slice_threshold",
           "warehouse_batches", "warehouse_path", "write_warehouse"]
