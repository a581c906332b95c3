"""The corpus-wide name merge of a warehouse build, computed in DuckDB from counts.

The same merge as :func:`analysis.store.corpus.merge_names_across_articles` (by
:func:`analysis.names.merge_across_articles` and :func:`analysis.names.rename_rows`), fed with each
name's count instead of every row: :func:`merge_names` renames the speakers of the build's ``q0``
(the statements read) by the votes of ``q0`` and ``cur_mentions`` (person and organisation mentions).
"""

from __future__ import annotations

from collections.abc import Iterator

from analysis import names


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


def merge_names(con) -> int:
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
