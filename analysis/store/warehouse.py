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
- pre-aggregated tables the landing views read (``agg_summary``, ``agg_evidence``, ``agg_speaker``,
  ``agg_country``, ``agg_topic``, ``agg_month``, ``agg_pairs``, ``agg_cross``, ``agg_phrase_groups``,
  ``agg_phrase_forms``), each
  count both with repeats left out (``statements``) and all (``statements_all``);
- slices: the same per single filter value (one country, topic or speaker) that enough statements
  carry (:func:`~analysis.store.slice_tables.slice_threshold`): ``s_values``, ``s_speaker``, ``s_country``, ``s_topic``,
  ``s_month``, ``s_pairs``, ``s_cross``, and its phrase counts and best key-phrase candidates
  (:mod:`analysis.store.slice_phrases`), keyed by ``fdim``/``fval``: a one-value filter, most
  filters, reads them instead of its selection;
- for the next append: ``quotes.speaker_raw`` (the speaker before the name merge) and
  ``name_mentions`` (person and organisation mentions, which vote in the merge);
- clustered copies ``by_country``, ``by_topic``, ``by_speaker``: the narrow statement columns a
  filter's charts read (:data:`CLUSTER_COLUMNS`, key phrases included) once per value ``v`` of
  each filter dimension, sorted by ``v`` and ``pos``: a selection of a few values reads only their
  blocks (zone maps) instead of every statement (:mod:`analysis.store.clustered_copies`);
- the tables of :mod:`analysis.store.page_tables` (articles' position ranges, speakers' mentions
  counted, the confident store pre-aggregated);
- ``meta``: the build id, the batches it was made from, its format, and what it holds.

Memory and disk stay bounded at a million articles: the batches are read a group of about
:data:`~analysis.store.batch_reading.GROUP_ARTICLES` articles at a time (statements numbered group by
group, so ``q0`` is written in ``pos`` order), and the passes over the statements go range by range of ``pos``; no
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

This module writes the file and says what a store's warehouse is (paths, :data:`FORMAT`, whether
it can be appended to); each table is made by a module of its own: :mod:`analysis.store.batch_reading`
(the batches read into DuckDB), :mod:`analysis.store.name_merge`, :mod:`analysis.store.derived_columns`
(months, repeats, stories), :mod:`analysis.store.phrase_search_pass` (phrase ids and the statements'
search index), :mod:`analysis.store.aggregates` (``agg_*``, with the key-phrase scoring SQL of
:mod:`analysis.store.phrase_scoring`), :mod:`analysis.store.slice_tables` (``s_*``),
:mod:`analysis.store.clustered_copies` (``by_*``) and :mod:`analysis.store.page_tables`.

Object-store stores (``s3://``) have no warehouse yet: :func:`write_warehouse` returns None
for them and the app keeps its pandas data layer there.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid

from analysis.store.aggregates import CROSS_PAIRS, KEYWORD_CANDIDATES, write_aggregates
from analysis.store.article_search import write_article_index
from analysis.store.batch_reading import batch_rows, duck_type, read_batches, read_table, sql_literal
from analysis.store.batches import list_batches
from analysis.store.clustered_copies import CLUSTER_COLUMNS, CLUSTERED, write_clustered
from analysis.store.derived_columns import write_months, write_repeats
from analysis.store.fs import BATCHES, is_remote
from analysis.store.name_merge import merge_names
from analysis.store.page_tables import write_page_tables
from analysis.store.phrase_scoring import MAX_SPACES_SQL, scored_phrases_sql
from analysis.store.phrase_search_pass import SEARCH_TOKENIZER, write_phrases_and_search
from analysis.store.schema import SCHEMAS
from analysis.store.slice_tables import (
    SLICE_KEYWORDS,
    SLICE_MIN_SHARE,
    SLICE_MIN_STATEMENTS,
    slice_threshold,
    value_ranges,
    write_slice_aggregates,
)

#: The database file of a store.
WAREHOUSE = "warehouse.duckdb"
#: The search index file of a build: ``SEARCH_FILE.format(build_id)``.
SEARCH_FILE = "warehouse-{}.search.sqlite"
#: Prefix of the files being written (deleted by the next build when a kill left them).
TEMP_PREFIX = ".warehouse-tmp-"
#: Memory DuckDB may use while building (it spills to a temporary folder beyond it).
BUILD_MEMORY_MB = 512
#: Statements per range written to ``quotes`` at a time (sorted in memory, not spilled).
QUOTE_CHUNK_ROWS = 500_000


def warehouse_path(store_dir: str) -> str:
    """Where the warehouse of a local store lives."""
    return os.path.join(str(store_dir), WAREHOUSE)


def search_path(store_dir: str, build_id: str) -> str:
    """The search index file of one warehouse build."""
    return os.path.join(str(store_dir), SEARCH_FILE.format(build_id))


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
            con.execute(f"ATTACH {sql_literal(path)} AS prev (READ_ONLY)")
            meta = dict(con.execute("SELECT key, value FROM prev.meta").fetchall())
            old = json.loads(meta["batches"])
            if (meta.get("format") != str(FORMAT) or json.loads(meta.get("versions", "null")) != versions
                    or not old or len(old) >= len(batches) or batches[:len(old)] != old
                    or not os.path.isfile(os.path.join(store_dir, meta["search_file"]))):
                return 0
            new = [os.path.abspath(os.path.join(store_dir, BATCHES, b, "articles.parquet")) for b in batches[len(old):]]
            stored_again = con.execute(
                f"SELECT count(*) FROM read_parquet([{', '.join(sql_literal(p) for p in new)}]) "
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
            con.execute(f"SET temp_directory = {sql_literal(spill)}")
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            if first:
                con.execute(f"ATTACH {sql_literal(warehouse_path(store_dir))} AS prev (READ_ONLY)")
                shutil.copyfile(search_path(store_dir, previous_id), tmp_search)
            _build(con, store_dir, batches, tmp_search, versions, slice_min, first)
            if first:
                con.execute("DETACH prev")
            con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
            con.executemany("INSERT INTO meta VALUES (?, ?)", [
                ["build_id", build_id], ["batches", json.dumps(batches)], ["versions", json.dumps(versions)],
                ["search_file", SEARCH_FILE.format(build_id)], ["format", str(FORMAT)],
                ["appended", json.dumps(first > 0)],
                ["max_phrase_spaces", str(int(con.execute(MAX_SPACES_SQL).fetchone()[0]))]])
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
    read_table(con, store_dir, batches, "articles", skip=("text",), first=first)
    con.execute("""CREATE TABLE new_articles AS SELECT * FROM raw_articles
                   QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY bidx DESC, frow DESC) = 1
                   ORDER BY bidx, frow""")
    con.execute("DROP TABLE raw_articles")
    old = "SELECT * FROM prev.articles UNION ALL BY NAME " if first else ""
    con.execute(f"CREATE TABLE articles AS {old}SELECT * FROM new_articles")
    first_pos = con.execute("SELECT coalesce(max(pos) + 1, 0) FROM prev.quotes").fetchall()[0][0] if first else 0
    quote_types = ", ".join(f'"{f.name}" {duck_type(f.type)}' for f in SCHEMAS["quotes"])
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
    groups = read_batches(con, store_dir, batches, first, first_pos)
    merge_names(con)
    write_months(con)
    reader = con.cursor()
    write_phrases_and_search(con, reader, tmp_search, first_pos, appending=first > 0)
    reader.close()
    write_article_index(con, store_dir, batches, tmp_search, SEARCH_TOKENIZER)
    if versions:
        write_repeats(con, store_dir)
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
            FROM {batch_rows(con, store_dir, batches[start:stop], "topic_hits", start)} h
            SEMI JOIN (SELECT article_id, start, "end" FROM q0 WHERE pos >= {low} AND pos < {high}) s
                USING (article_id, start, "end")
            GROUP BY h.topic""")
        low = high
    con.execute("CREATE TABLE hit_topics AS SELECT topic, sum(n)::BIGINT AS n, min(first) AS first FROM hits "
                "GROUP BY topic")
    write_aggregates(con)
    if slice_min is None:
        slice_min = slice_threshold(con.execute("SELECT count(*) FROM quotes").fetchall()[0][0])
    write_slice_aggregates(con, slice_min)
    write_clustered(con, QUOTE_CHUNK_ROWS)
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


#: The names other modules import from here: the warehouse's own and, re-exported, those of the modules
#: its build was split into (a test lowering one of their settings patches it in its own module).
__all__ = ["BUILD_MEMORY_MB", "CLUSTERED", "CLUSTER_COLUMNS", "CROSS_PAIRS", "FORMAT", "KEYWORD_CANDIDATES",
           "QUOTE_CHUNK_ROWS", "SEARCH_FILE", "SEARCH_TOKENIZER", "SLICE_KEYWORDS", "SLICE_MIN_SHARE",
           "SLICE_MIN_STATEMENTS", "TEMP_PREFIX", "WAREHOUSE", "appendable", "current_build_id", "lacks_stories",
           "scored_phrases_sql", "search_path", "slice_threshold", "value_ranges", "warehouse_batches",
           "warehouse_path", "write_warehouse"]
