"""The warehouse's pre-aggregated tables of the whole store, what the unfiltered landing views read.

``agg_summary`` (statements, named speakers, articles, undated), ``agg_evidence`` (country mentions in
the articles quoted), ``agg_speaker``, ``agg_country``, ``agg_topic``, ``agg_month``, ``agg_pairs``,
``agg_phrase_groups``, ``agg_phrase_forms`` (:data:`AGGREGATES_SQL`), ``agg_cross`` (the crossed
pairs of dimensions, :data:`CROSS_PAIRS`) and ``agg_keywords`` (the best
:data:`KEYWORD_CANDIDATES` key phrases), each count both with repeats left out and all. Written by
:func:`write_aggregates` once ``quotes`` and its long tables are.
"""

from __future__ import annotations

from analysis import keywords
from analysis.store.phrase_scoring import scored_phrases_sql

AGGREGATES_SQL = """
CREATE TABLE agg_speaker AS SELECT speaker, count(*) FILTER (WHERE NOT repeated) AS statements,
    count(*) AS statements_all, min(pos) FILTER (WHERE NOT repeated) AS first_pos, min(pos) AS first_pos_all
    FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker;
CREATE TABLE agg_country AS SELECT c.iso3, count(*) FILTER (WHERE NOT q.repeated) AS statements,
    count(*) AS statements_all, min(pos) AS first_pos_all FROM quote_countries c JOIN quotes q USING (pos)
    GROUP BY c.iso3;
CREATE TABLE agg_topic AS SELECT t.topic, count(*) FILTER (WHERE NOT q.repeated) AS statements,
    count(*) AS statements_all, min(pos) AS first_pos_all FROM quote_topics t JOIN quotes q USING (pos)
    GROUP BY t.topic;
CREATE TABLE agg_summary AS SELECT variant, count(*) AS statements, count(DISTINCT speaker) AS speakers,
    count(DISTINCT article_id) AS articles, count(*) FILTER (WHERE date IS NULL) AS no_date
    FROM (SELECT speaker, article_id, date, 'all' AS variant FROM quotes
          UNION ALL SELECT speaker, article_id, date, 'once' FROM quotes WHERE NOT repeated) GROUP BY variant;
CREATE TABLE agg_evidence AS SELECT a.variant, m.key, m.evidence, m.via, count(*) AS mentions, min(m.mpos) AS first
    FROM mentions m JOIN ((SELECT DISTINCT article_id, 'all' AS variant FROM quotes)
                          UNION ALL (SELECT DISTINCT article_id, 'once' FROM quotes WHERE NOT repeated)) a
    USING (article_id) WHERE m.kind = 'country' GROUP BY a.variant, m.key, m.evidence, m.via;
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


def write_aggregates(con) -> None:
    """The tables of the module docstring, from ``quotes``, ``quote_countries`` and ``quote_topics``."""
    for statement in AGGREGATES_SQL.split(";"):
        if statement.strip():
            con.execute(statement)
    _cross_aggregates(con)
    _keyword_aggregates(con)
