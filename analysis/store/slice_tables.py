"""The warehouse's slices: pre-aggregated tables per single filter value that enough statements carry.

A one-value filter (one country, topic or speaker), most filters, reads ``s_values``,
``s_speaker``, ``s_country``, ``s_topic``, ``s_month``, ``s_pairs``, ``s_cross`` and the phrase
tables of :mod:`analysis.store.slice_phrases`, keyed by ``fdim``/``fval``, instead of its
selection. :func:`write_slice_aggregates` writes them for the values :func:`slice_threshold`
admits, crossing a range of slices at a time (:func:`value_ranges`) so memory stays bounded.
"""

from __future__ import annotations

from analysis.store.aggregates import CROSS_DIMENSIONS, CROSS_PAIRS
from analysis.store.slice_phrases import write_slice_phrases

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


def write_slice_aggregates(con, min_statements: int) -> None:
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
