"""The slices' key phrases: each sliced value's phrase counts and its best key-phrase candidates.

A slice (one country, topic or speaker that enough statements carry, :mod:`analysis.store.slice_tables`)
keeps, counted over its statements with repeats left out (``*_once``) and all (``*_all``):

- ``s_phrase_groups`` (``fdim``, ``fval``, ``group_id``, ``n_once``, ``n_all``, ``low_all``):
  how many of its statements hold each phrase group, and ``low_all`` = ``n_all`` times the
  group's rarity (a lower bound of its score), rows of a slice best ``low_all`` first, so that
  "this slice's groups scoring at least so much" reads a slice's first blocks only;
- ``s_phrase_forms`` (``fdim``, ``fval``, ``form_id``, ``occ_once``, ``occ_all``): how often each
  shown form occurs in them;
- ``s_keywords``: the best :data:`~analysis.store.slice_tables.SLICE_KEYWORDS` key-phrase candidates
  of each variant, scored from those counts (what a one-value filter shows).

The engine adds the counts of several slices up for a union of values
(:mod:`analysis.engine.union_phrases`) instead of reading every statement of the union.
"""

from __future__ import annotations

from analysis import keywords
from analysis.store.phrase_scoring import scored_phrases_sql

#: (fdim, fval, pos, repeated) of every slice's statements; the caller defines it as table ``fq``.
SLICE_STATEMENTS = "fq"


def write_slice_phrases(con, slice_keywords: int) -> None:
    """Create ``s_phrase_groups``, ``s_phrase_forms`` and ``s_keywords`` from table ``fq`` (the
    slices' statements) and the statements' phrase lists, slice by slice (all slices in one query
    held every slice's counts at once: out of 512 MB with two million distinct phrases).
    """
    con.execute("""CREATE TABLE s_phrase_groups (fdim VARCHAR, fval VARCHAR, group_id BIGINT, n_once BIGINT,
                   n_all BIGINT, low_all DOUBLE)""")
    con.execute("""CREATE TABLE s_phrase_forms (fdim VARCHAR, fval VARCHAR, form_id BIGINT, occ_once BIGINT,
                   occ_all BIGINT)""")
    con.execute("""CREATE TABLE s_keywords (variant VARCHAR, fdim VARCHAR, fval VARCHAR, score DOUBLE,
                   phrase VARCHAR, stems VARCHAR[])""")
    bonus = keywords.statements.SHORT_TEXT_LENGTH_BONUS
    chosen = f"""s AS (SELECT q.phrase_groups, q.phrase_forms, fq.repeated FROM {SLICE_STATEMENTS} fq
                       JOIN quotes q USING (pos) WHERE fq.fdim = $fdim AND fq.fval = $fval)"""
    slices = con.execute(f"SELECT DISTINCT fdim, fval FROM {SLICE_STATEMENTS} ORDER BY fdim, fval").fetchall()
    for fdim, fval in slices:
        key = {"fdim": fdim, "fval": fval}
        con.execute(f"""INSERT INTO s_phrase_groups WITH {chosen},
            g AS (SELECT group_id, count(*) FILTER (WHERE NOT repeated) AS n_once, count(*) AS n_all
                  FROM (SELECT unnest(phrase_groups) AS group_id, repeated FROM s) GROUP BY group_id)
            SELECT $fdim, $fval, g.group_id, g.n_once, g.n_all, g.n_all * pg.rarity AS low_all
            FROM g JOIN phrase_groups pg USING (group_id) ORDER BY low_all DESC, g.group_id""", key)
        con.execute(f"""INSERT INTO s_phrase_forms WITH {chosen}
            SELECT $fdim, $fval, form_id, count(*) FILTER (WHERE NOT repeated), count(*)
            FROM (SELECT unnest(phrase_forms) AS form_id, repeated FROM s) GROUP BY form_id ORDER BY form_id""", key)
        for variant in ("once", "all"):
            counts = f"""g AS (SELECT group_id, n_{variant} AS statements FROM s_phrase_groups
                               WHERE fdim = $fdim AND fval = $fval AND n_{variant} > 0),
                f AS (SELECT form_id, occ_{variant} AS occ FROM s_phrase_forms
                      WHERE fdim = $fdim AND fval = $fval AND occ_{variant} > 0)"""
            con.execute(f"""INSERT INTO s_keywords SELECT '{variant}', $fdim, $fval, score, phrase, stems
                FROM ({scored_phrases_sql(counts, bonus)} LIMIT {int(slice_keywords)})""", key)
