"""Warehouse tables that let the pages' whole-store questions read a few rows, not every statement.

Written by :func:`analysis.store.warehouse.write_warehouse` after its other tables
(:func:`write_page_tables`), from the warehouse's own ``quotes`` and ``mentions``:

- ``article_pos``: each article's first and last statement position (statements are stored
  in ``pos`` order, an article's together), so a filter of a few articles reads only their blocks;
- ``agg_speaker_mentions``: each (speaker, way the text names them) pair with its count and
  first position, for all statements and for those over each confidence floor of :data:`FLOORS`,
  with repeats and without: the typed-name aliases (:func:`analysis.query.speaker_aliases`) and
  a speaker's mentions in order of first use;
- ``speaker_aliases``: every key a typed name is looked up by and its speaker
  (:func:`analysis.query.speaker_aliases`, computed here from those counts, streamed);
- ``recent_statements``: the :data:`RECENT_KEPT` most recent statements of the whole store (the
  statement pages' "most recent first" order), with the article columns the Reader and Corpus
  pages list them by (:data:`RECENT_COLUMNS`), with repeats left out (variant ``once``) and all;
- the confident store (the Briefing's default selection: statements at or above a floor of
  :data:`FLOORS` and nothing else filtered), pre-aggregated as the landing tables are: ``f_summary``
  (statements, named speakers, articles, undated), ``f_speaker``, ``f_country``, ``f_topic``,
  ``f_month``, ``f_keywords`` (its best :data:`~analysis.store.aggregates.KEYWORD_CANDIDATES`
  key-phrase candidates) and ``f_evidence`` (country mentions in the articles of its statements).
  Each counts with repeats left out (``statements``, variant ``once``) and all (``statements_all``, ``all``);
- ``f_s_keywords``: the best :data:`~analysis.store.slice_tables.SLICE_KEYWORDS` key-phrase candidates
  of each sliced speaker's statements over each floor (the Briefing asks those of its top speakers);
- ``f_s_representative``: the best few representative statements of each of those speakers over the
  floor, ranked by their best key phrases as :meth:`analysis.engine.Engine.representative_page` ranks.

A warehouse written before these tables existed answers the same questions by its scans
(:mod:`analysis.engine` checks which tables it has); a rebuild adds them.
"""

from __future__ import annotations

from analysis import keywords
from analysis.records import CONFIDENT
from analysis.store.aggregates import KEYWORD_CANDIDATES
from analysis.store.phrase_scoring import scored_phrases_sql
from analysis.store.slice_tables import SLICE_KEYWORDS

#: The confidence floors whose whole-store selection is pre-aggregated (the Briefing's default).
FLOORS = (CONFIDENT,)
#: What Python's ``str.split()`` splits on, as an RE2 class (RE2's ``\\s`` is ASCII only).
SPACES = (r"[\t\n\x{0B}\f\r\x{1C}-\x{1F} \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}"
           r"\x{205F}\x{3000}]+")
#: A text that matches none of these is its own wording (no space to collapse or trim): most texts,
#: which then skip the replacement (1.7 of 3.9 s for a speaker's 452,352 texts at a million).
UNUSUAL_SPACES = (r"[\t\n\x{0B}\f\r\x{1C}-\x{1F}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}"
                   r"\x{205F}\x{3000}]|  |^ | $")
#: A statement's wording in SQL (its lower-cased text ``low``, spaces collapsed as ``str.split`` splits,
#: first 80 characters: :func:`ui.brief.select.representative_order`'s), with its parameters.
WORDING = "left(CASE WHEN regexp_matches(low, ?) THEN trim(regexp_replace(low, ?, ' ', 'g')) ELSE low END, 80)"
WORDING_PARAMS = (UNUSUAL_SPACES, SPACES)
#: Representative statements ranked at build per sliced speaker and floor (a page shows a few).
REPRESENTATIVE_KEPT = 10
#: The key phrases they are ranked by (the one-page brief asks a speaker's best 8).
REPRESENTATIVE_PHRASES = 8
#: The most recent statements kept in order (the Reader lists the articles of its first 40,000).
RECENT_KEPT = 50_000
#: Their columns (besides ``pos``): what the article lists read.
RECENT_COLUMNS = ("quote_id", "article_id", "title", "date", "outlet")
#: The order of "most recent first" (:meth:`analysis.engine.Engine.statement_page`).
RECENT_ORDER = "date DESC NULLS LAST, article_id, start, pos"
#: Tables this module writes.
PAGE_TABLES = ("article_pos", "agg_speaker_mentions", "speaker_aliases", "recent_statements", "f_summary",
               "f_speaker", "f_country", "f_topic", "f_month", "f_keywords", "f_evidence", "f_s_keywords",
               "f_s_representative")


def kept_over(floor: float, alias: str = "q") -> str:
    """SQL true for a statement the floor keeps (as the engine's filter: no confidence is kept)."""
    return (f"({alias}.confidence IS NULL OR isnan({alias}.confidence) "
            f"OR {alias}.confidence >= {float(floor)!r}::DOUBLE)")


def write_page_tables(con) -> None:
    """Write the tables of the module docstring into the open warehouse ``con`` (replacing them)."""
    con.execute("""CREATE OR REPLACE TABLE article_pos AS SELECT article_id, min(pos) AS first_pos,
        max(pos) AS last_pos FROM quotes GROUP BY article_id ORDER BY article_id""")
    floors = [0.0, *FLOORS]
    parts = []
    for floor in floors:
        kept = kept_over(floor) if floor > 0 else "true"
        parts.append(f"""SELECT {floor!r}::DOUBLE AS floor, speaker, speaker_mention,
                count(*) FILTER (WHERE NOT repeated) AS n, count(*) AS n_all,
                min(pos) FILTER (WHERE NOT repeated) AS first_pos, min(pos) AS first_pos_all
            FROM quotes q WHERE speaker IS NOT NULL AND speaker_mention IS NOT NULL AND {kept}
            GROUP BY speaker, speaker_mention""")
    con.execute("CREATE OR REPLACE TABLE agg_speaker_mentions AS SELECT * FROM (" + " UNION ALL ".join(parts)
                + ") ORDER BY floor, speaker, first_pos_all")
    _write_aliases(con)
    _write_recent(con)
    for table in PAGE_TABLES[4:]:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    made: set[str] = set()

    def into(table: str) -> str:  # the first floor's rows create the table, the next ones add to it
        first = table not in made
        made.add(table)
        return f"CREATE TABLE {table} AS" if first else f"INSERT INTO {table}"

    for floor in FLOORS:
        # Read again by each query (a table of the confident statements' lists would be most of the store).
        fl = (f"(SELECT pos, speaker, article_id, date, month, repeated, countries, topics, phrase_groups, "
              f"phrase_forms FROM quotes q WHERE {kept_over(floor)})")
        con.execute(f"""{into("f_summary")} SELECT {floor!r}::DOUBLE AS floor, variant, count(*) AS statements,
                count(DISTINCT speaker) AS speakers, count(DISTINCT article_id) AS articles,
                count(*) FILTER (WHERE date IS NULL) AS no_date
            FROM (SELECT *, 'all' AS variant FROM {fl} UNION ALL SELECT *, 'once' FROM {fl} WHERE NOT repeated)
            GROUP BY variant""")
        con.execute(f"""{into("f_speaker")} SELECT {floor!r}::DOUBLE AS floor, speaker,
                count(*) FILTER (WHERE NOT repeated) AS statements, count(*) AS statements_all,
                min(pos) FILTER (WHERE NOT repeated) AS first_pos, min(pos) AS first_pos_all
            FROM {fl} WHERE speaker IS NOT NULL GROUP BY speaker""")
        for table, listed, value in (("f_country", "countries", "iso3"), ("f_topic", "topics", "topic")):
            con.execute(f"""{into(table)} SELECT {floor!r}::DOUBLE AS floor, v AS {value},
                    count(*) FILTER (WHERE NOT repeated) AS statements, count(*) AS statements_all
                FROM (SELECT unnest({listed}) AS v, repeated FROM {fl}) WHERE v IS NOT NULL GROUP BY v""")
        con.execute(f"""{into("f_month")} SELECT {floor!r}::DOUBLE AS floor, month,
                count(*) FILTER (WHERE NOT repeated) AS statements, count(*) AS statements_all
            FROM {fl} GROUP BY month""")
        for variant, kept in (("once", "WHERE NOT repeated"), ("all", "")):
            counts = f"""s AS (SELECT phrase_groups, phrase_forms FROM {fl} {kept}),
                g AS (SELECT group_id, count(*) AS statements FROM (SELECT unnest(phrase_groups) AS group_id FROM s)
                      GROUP BY group_id),
                f AS (SELECT form_id, count(*) AS occ FROM (SELECT unnest(phrase_forms) AS form_id FROM s)
                      GROUP BY form_id)"""
            sql = scored_phrases_sql(counts, keywords.statements.SHORT_TEXT_LENGTH_BONUS)
            con.execute(f"""{into("f_keywords")} SELECT {floor!r}::DOUBLE AS floor, '{variant}' AS variant, *
                FROM ({sql} LIMIT {KEYWORD_CANDIDATES})""")
            # Country mentions in the articles holding a selected statement (Engine.country_evidence).
            con.execute(f"""{into("f_evidence")} SELECT {floor!r}::DOUBLE AS floor, '{variant}' AS variant,
                    key, evidence, via, count(*) AS mentions, min(mpos) AS first
                FROM mentions m SEMI JOIN (SELECT DISTINCT article_id FROM {fl} {kept}) a USING (article_id)
                WHERE m.kind = 'country' GROUP BY key, evidence, via""")
    _write_speaker_keywords(con)
    _write_speaker_representative(con)


def ranked_sql(phrases: int) -> str:
    """CTEs ``t``, ``s`` and ``p`` (``pos``, ``score``: the best statements, each wording once) of the
    statements ``sel`` (``pos``, ``text``, ``kind``, ``countries``, ``topics``) ranked as
    :meth:`analysis.engine.Engine.representative_page` ranks them; parameters: the ``phrases``
    key phrases in lower case, :data:`WORDING_PARAMS`, then how many.
    """
    hits = " + ".join(["0"] + ["(CASE WHEN contains(low, ?) THEN 2 ELSE 0 END)" for _ in range(phrases)])
    return f"""t AS (SELECT pos, coalesce(text, '') AS text,
            lower(coalesce(text, '')) AS low, kind, len(countries) AS nc, len(topics) AS nt FROM sel),
        s AS (SELECT pos, {hits} + (CASE kind WHEN 'direct' THEN 2 WHEN 'mixed' THEN 1 ELSE 0 END)
            + (CASE WHEN coalesce(nc, 0) > 0 THEN 1 ELSE 0 END) + (CASE WHEN coalesce(nt, 0) > 0 THEN 1 ELSE 0 END)
            + (CASE WHEN length(text) BETWEEN 60 AND 300 THEN 2 ELSE 0 END)
            - (CASE WHEN length(text) < 30 THEN 3 ELSE 0 END) AS score,
            {WORDING} AS wording FROM t),
        p AS (SELECT pos, score FROM s QUALIFY row_number() OVER (PARTITION BY wording ORDER BY score DESC, pos) = 1
              ORDER BY score DESC, pos LIMIT ?)"""


def _write_speaker_representative(con) -> None:
    """``f_s_representative``: per floor, speaker and variant of ``f_s_keywords``, the best
    :data:`REPRESENTATIVE_KEPT` statements (``rank``, ``pos``; one row with ``pos`` NULL when none)
    ranked by the speaker's :data:`REPRESENTATIVE_PHRASES` key phrases (``phrases``) on the last
    :data:`~analysis.query.REPRESENTATIVE_SAMPLE` of them, as the engine ranks them.
    """
    from analysis.query import REPRESENTATIVE_SAMPLE

    con.execute("""CREATE TABLE f_s_representative (floor DOUBLE, speaker VARCHAR, variant VARCHAR,
                   phrases VARCHAR[], rank BIGINT, pos BIGINT)""")
    candidates = max(300, 30 * REPRESENTATIVE_PHRASES)  # as Engine.statement_keywords reads them
    chosen = con.execute("SELECT DISTINCT floor, speaker, variant FROM f_s_keywords ORDER BY ALL").fetchall()
    for floor, speaker, variant in chosen:
        rows = con.execute("SELECT score, phrase, stems FROM f_s_keywords WHERE floor = ? AND speaker = ? "
                           "AND variant = ? ORDER BY score DESC, phrase LIMIT ?",
                           [floor, speaker, variant, candidates]).fetchall()
        found = keywords.drop_contained_words(((sc, p, frozenset(st)) for sc, p, st in rows), REPRESENTATIVE_PHRASES)
        if len(found) < REPRESENTATIVE_PHRASES and len(rows) >= candidates:
            continue  # the engine would score every phrase: not ranked here
        phrases = [k.phrase for k in found]
        kept = f"{kept_over(floor)} {'AND NOT q.repeated' if variant == 'once' else ''}"
        lowest = con.execute(f"SELECT pos FROM quotes q WHERE q.speaker = ? AND {kept} ORDER BY pos DESC "
                             "LIMIT 1 OFFSET ?", [speaker, REPRESENTATIVE_SAMPLE - 1]).fetchall()
        sel = (f"sel AS (SELECT q.pos, q.text, q.kind, q.countries, q.topics FROM quotes q WHERE q.speaker = ? "
               f"AND {kept} AND q.pos >= ?)")
        ranked = con.execute(f"WITH {sel}, {ranked_sql(len(phrases))} SELECT pos FROM p ORDER BY score DESC, pos",
                             [speaker, int(lowest[0][0]) if lowest else 0, *[p.lower() for p in phrases],
                              *WORDING_PARAMS, REPRESENTATIVE_KEPT]).fetchall()
        con.executemany("INSERT INTO f_s_representative VALUES (?, ?, ?, ?, ?, ?)",
                        [[floor, speaker, variant, phrases, rank, pos] for rank, (pos,) in enumerate(ranked)]
                        or [[floor, speaker, variant, phrases, 0, None]])


def _write_speaker_keywords(con) -> None:
    """``f_s_keywords``: per floor of :data:`FLOORS` and speaker with a slice of its own (``s_values``),
    its statements' best key-phrase candidates over the floor, scored as the engine scores a selection.
    """
    con.execute("""CREATE TABLE f_s_keywords (floor DOUBLE, speaker VARCHAR, variant VARCHAR, score DOUBLE,
                   phrase VARCHAR, stems VARCHAR[])""")
    speakers = [v for (v,) in con.execute("SELECT fval FROM s_values WHERE fdim = 'speakers' ORDER BY fval").fetchall()]
    bonus = keywords.statements.SHORT_TEXT_LENGTH_BONUS
    for floor in FLOORS:
        for speaker in speakers:
            for variant, kept in (("once", "AND NOT b.repeated"), ("all", "")):
                # The speaker's block of the clustered copy, with its statements' confidence.
                counts = f"""s AS (SELECT b.phrase_groups, b.phrase_forms FROM by_speaker b JOIN quotes q USING (pos)
                                   WHERE b.v = $speaker AND {kept_over(floor)} {kept}),
                    g AS (SELECT group_id, count(*) AS statements FROM (SELECT unnest(phrase_groups) AS group_id FROM s)
                          GROUP BY group_id),
                    f AS (SELECT form_id, count(*) AS occ FROM (SELECT unnest(phrase_forms) AS form_id FROM s)
                          GROUP BY form_id)"""
                con.execute(f"""INSERT INTO f_s_keywords SELECT {floor!r}::DOUBLE, $speaker, '{variant}', score,
                    phrase, stems FROM ({scored_phrases_sql(counts, bonus)} LIMIT {SLICE_KEYWORDS})""",
                            {"speaker": speaker})


def _write_recent(con) -> None:
    """``recent_statements``: the first :data:`RECENT_KEPT` statements in :data:`RECENT_ORDER`, ranked."""
    columns = ", ".join(f'"{c}"' for c in RECENT_COLUMNS)
    parts = [f"""SELECT '{variant}' AS variant, row_number() OVER (ORDER BY {RECENT_ORDER}) AS rank, pos, {columns}
        FROM (SELECT pos, start, {columns} FROM quotes {kept} ORDER BY {RECENT_ORDER} LIMIT {RECENT_KEPT})"""
             for variant, kept in (("once", "WHERE NOT repeated"), ("all", ""))]
    con.execute("CREATE OR REPLACE TABLE recent_statements AS SELECT * FROM (" + " UNION ALL ".join(parts)
                + ") ORDER BY variant, rank")


def _write_aliases(con) -> None:
    """``speaker_aliases`` (key, speaker), sorted by key: :func:`analysis.query.aliases_from_counts`
    of the speakers' and the (mention, speaker) pairs' counts, the pairs streamed from the warehouse.
    """
    import pyarrow as pa

    from analysis.query import aliases_from_counts

    totals = con.execute("SELECT speaker, statements_all FROM agg_speaker "
                         "ORDER BY statements_all DESC, first_pos_all").fetchall()
    reader = con.cursor()
    reader.execute("SELECT speaker_mention, speaker, n_all FROM agg_speaker_mentions WHERE floor = 0 "
                   "ORDER BY n_all, first_pos_all")

    def pairs():
        while rows := reader.fetchmany(50_000):
            yield from rows

    aliases = aliases_from_counts(totals, pairs())
    reader.close()
    con.register("aliases_arrow", pa.table({"key": pa.array(list(aliases), pa.string()),
                                            "speaker": pa.array(list(aliases.values()), pa.string())}))
    con.execute("CREATE OR REPLACE TABLE speaker_aliases AS SELECT * FROM aliases_arrow ORDER BY key")
    con.unregister("aliases_arrow")


__all__ = ["FLOORS", "PAGE_TABLES", "RECENT_COLUMNS", "RECENT_KEPT", "RECENT_ORDER", "REPRESENTATIVE_KEPT",
           "REPRESENTATIVE_PHRASES", "WORDING", "WORDING_PARAMS", "ranked_sql", "kept_over", "write_page_tables"]
