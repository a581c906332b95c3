"""The warehouse's clustered copies of the statements: ``by_country``, ``by_topic``, ``by_speaker``.

The narrow statement columns a filter's charts read (:data:`CLUSTER_COLUMNS`, key phrases
included) once per value ``v`` of each filter dimension, sorted by ``v`` and ``pos``: a selection
of a few values reads only their blocks (DuckDB's zone maps) instead of every statement.
"""

from __future__ import annotations

from analysis.store.slice_tables import value_ranges

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


def write_clustered(con, chunk_rows: int) -> None:
    """The tables of :data:`CLUSTERED`: each statement's :data:`CLUSTER_COLUMNS` once per value
    of the dimension, in (``v``, ``pos``) order, so DuckDB's zone maps on ``v`` skip every block
    of the other values. Written a range of values at a time (at most ``chunk_rows`` rows, the
    build's :data:`~analysis.store.warehouse.QUOTE_CHUNK_ROWS`, sorted in memory); a value with more
    rows is written a range of positions at a time.
    """
    columns = ", ".join(f"q.{c}" for c in CLUSTER_COLUMNS)
    end = con.execute("SELECT coalesce(max(pos) + 1, 0) FROM quotes").fetchall()[0][0]
    for table, source in CLUSTERED.items():
        con.execute(f"CREATE TABLE {table} AS SELECT NULL::VARCHAR AS v, {columns} FROM quotes q LIMIT 0")
        insert = (f"INSERT INTO {table} SELECT s.v, {columns} FROM ({source}) s JOIN quotes q USING (pos) "
                  "WHERE s.v >= $low AND s.v <= $high AND q.pos >= $first AND q.pos < $last ORDER BY s.v, q.pos")
        counts = con.execute(f"SELECT NULL, v, count(*) FROM ({source}) GROUP BY v ORDER BY v").fetchall()
        for _group, low, high, rows in value_ranges(counts, chunk_rows):
            if rows <= chunk_rows:
                con.execute(insert, {"low": low, "high": high, "first": 0, "last": end})
                continue
            for first in range(0, end, chunk_rows):  # one value: range by range of positions
                con.execute(insert, {"low": low, "high": high, "first": first, "last": first + chunk_rows})
