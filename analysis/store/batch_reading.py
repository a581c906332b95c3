"""How a warehouse build reads the store's committed Parquet batches: straight into DuckDB.

The rows never pass through pandas. :func:`read_batches` appends the statements and mentions of
each article's newest copy to the build's ``q0`` and ``cur_mentions``, a group of about
:data:`GROUP_ARTICLES` current articles at a time (each group's rows sorted alone), numbering the
statements in batch and file order so ``q0`` is stored in ``pos`` order; :func:`batch_rows` is the
SQL of one table's rows in a few batches, :func:`read_table` a whole table as a TEMP table. Used by
:func:`analysis.store.warehouse.write_warehouse`.
"""

from __future__ import annotations

import os

import pyarrow as pa

from analysis.store.corpus import STATEMENT_ACTS
from analysis.store.fs import BATCHES
from analysis.store.schema import SCHEMAS

#: Current articles read from the batches per query (each query sorts its statements in memory).
GROUP_ARTICLES = 10_000
_DUCK_TYPES = {pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.float64(): "DOUBLE"}
#: The statements the warehouse keeps, as ``load_corpus(acts=STATEMENT_ACTS)`` does (a statement
#: stored before ``act`` existed counts as speech).
KEPT_ACTS_SQL = f"""coalesce(r.act, 'speech') IN ({', '.join(f"'{act}'" for act in STATEMENT_ACTS)})"""


def duck_type(arrow_type: pa.DataType) -> str:
    """The DuckDB type of a store column (lists of lists included)."""
    if pa.types.is_list(arrow_type):
        return duck_type(arrow_type.value_type) + "[]"
    return _DUCK_TYPES[arrow_type]


def sql_literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def read_table(con, store_dir: str, batches: list[str], table: str, skip: tuple[str, ...] = (),
               first: int = 0) -> str:
    """Create TEMP table ``raw_<table>``: every row of ``table`` in the batches from index ``first``
    on, with ``bidx`` (the batch's index, oldest first) and ``frow`` (row in its file), missing
    columns as NULL.
    """
    paths = [os.path.abspath(os.path.join(store_dir, BATCHES, b, f"{table}.parquet")) for b in batches[first:]]
    con.execute(f"CREATE OR REPLACE TABLE files_{table} (filename VARCHAR, bidx INTEGER)")
    con.executemany(f"INSERT INTO files_{table} VALUES (?, ?)", [[p, first + i] for i, p in enumerate(paths)])
    source = (f"read_parquet([{', '.join(sql_literal(p) for p in paths)}], filename=true, file_row_number=true, "
              "union_by_name=true)")
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    columns = []
    for field in SCHEMAS[table]:
        if field.name in skip:
            continue
        if field.name in present:
            columns.append(f'r."{field.name}"')
        else:  # a column an older store lacks
            columns.append(f'NULL::{duck_type(field.type)} AS "{field.name}"')
    con.execute(f"CREATE OR REPLACE TABLE raw_{table} AS SELECT {', '.join(columns)}, f.bidx, "
                f"r.file_row_number AS frow FROM {source} r JOIN files_{table} f USING (filename)")
    return f"raw_{table}"


def batch_rows(con, store_dir: str, batches: list[str], table: str, first: int) -> str:
    """SQL of the rows of ``table`` in a few consecutive batches (index ``first`` on): its columns of
    :data:`SCHEMAS` (missing ones as NULL), ``bidx`` (the batch's index) and ``frow`` (the row in its
    file), read straight from the Parquet files.
    """
    paths = [os.path.abspath(os.path.join(store_dir, BATCHES, b, f"{table}.parquet")) for b in batches]
    source = (f"read_parquet([{', '.join(sql_literal(p) for p in paths)}], filename=true, file_row_number=true, "
              "union_by_name=true)")
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    columns = [f'"{f.name}"' if f.name in present else f'NULL::{duck_type(f.type)} AS "{f.name}"'
               for f in SCHEMAS[table]]
    bidx = " ".join(f"WHEN {sql_literal(p)} THEN {first + i}" for i, p in enumerate(paths))
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


def read_batches(con, store_dir: str, batches: list[str], first: int, first_pos: int) -> list[tuple[int, int, int]]:
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
            FROM {batch_rows(con, store_dir, batches[start:stop], "quotes", start)} r
            JOIN {newest} a USING (article_id, bidx) WHERE {KEPT_ACTS_SQL} ORDER BY pos""").fetchall()[0][0]
        pos += int(added)
        done.append((start, stop, pos))
        con.execute(f"""INSERT INTO cur_mentions SELECT m.article_id, m.kind, m.key, m.evidence, m.via,
                m.bidx::BIGINT * 4294967296 + m.frow AS mpos
            FROM {batch_rows(con, store_dir, batches[start:stop], "mentions", start)} m
            SEMI JOIN {newest} a USING (article_id, bidx) ORDER BY mpos""")
    con.execute("COMMIT")
    return done
