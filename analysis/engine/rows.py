"""The rows a page lists: statements (in corpus order, most recent first), articles, an article's
batch rows, a speaker's names, the stories stored in several versions and the store's facts.

:class:`Rows` is mixed into :class:`analysis.engine.Engine`; only the rows of one page come back to
Python: the selection's positions are chosen first (a top-N of narrow columns), then the wide
columns of those rows only.
"""

from __future__ import annotations

import os

import pandas as pd

from analysis.engine.columns import (
    ARTICLE_COLUMNS,
    ARTICLE_ORDER,
    EXTRA_QUOTE_COLUMNS,
    QUOTE_COLUMNS,
    check_columns,
    tuples,
    with_tuples,
)
from analysis.query import Filters, aliases_from_counts
from analysis.store.fs import BATCHES
from analysis.store.page_tables import RECENT_COLUMNS, RECENT_KEPT, RECENT_ORDER
from analysis.versions import Versions


class Rows:
    """Pages of statements and articles (mixed into :class:`analysis.engine.Engine`)."""

    def filter_quotes(self, filters: Filters, columns: tuple[str, ...] = QUOTE_COLUMNS, limit: int | None = None,
                      offset: int = 0) -> pd.DataFrame:
        """The statements matching ``filters`` in corpus order (rows ``offset`` .. ``offset + limit``),
        indexed by their position in the corpus (as :func:`analysis.query.filter_quotes` keeps it).
        List columns hold tuples.
        """
        check_columns(columns, QUOTE_COLUMNS + EXTRA_QUOTE_COLUMNS)
        # The page's positions from the clustered copies when the filter allows (only the chosen
        # values' blocks), else by evaluating the filter on every statement.
        source = None if filters.is_empty else self._source(filters)
        if source is None:
            where, params = self._where(filters)
            chosen = f"quotes q WHERE {where}"
        else:
            chosen, params = f"({source[0]}) q", list(source[1])
        names = ", ".join(f'q."{c}"' for c in columns)
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            params = [*params, int(limit), int(offset)]
        # Positions first, then the wide columns of the page's rows only: the join's range of
        # positions reaches the scan of the statements (sorted by pos), which reads only their blocks.
        # (Reading the page's positions from a kept selection and the rows by constants was slower
        # on average: 66 against 26 ms at 100,000 realistic articles, 300 filters.)
        frame = self._frame(f"""WITH p AS (SELECT q.pos FROM {chosen} ORDER BY q.pos{page})
            SELECT q.pos, {names} FROM quotes q SEMI JOIN p USING (pos) ORDER BY q.pos""", params)
        return with_tuples(frame)

    def statement_page(self, filters: Filters, columns: tuple[str, ...] = QUOTE_COLUMNS, *, recent: bool = False,
                       limit: int | None = None, offset: int = 0, speaker: str | None = None,
                       topic: str | None = None) -> pd.DataFrame:
        """Rows ``offset`` .. ``offset + limit`` of the selected statements (of ``speaker`` / with
        ``topic`` only, when given), in corpus order or, ``recent``, most recent first (undated
        last, then by article and place in it), indexed by their position in the corpus.
        """
        check_columns(columns, QUOTE_COLUMNS + EXTRA_QUOTE_COLUMNS)
        also = ((("speakers", speaker),) if speaker is not None else ()) + \
            ((("topics", topic),) if topic is not None else ())
        order = RECENT_ORDER if recent else "pos"
        if (recent and limit is not None and filters.is_empty and "recent_statements" in self._tables
                and int(offset) + int(limit) <= RECENT_KEPT and set(columns) <= set(RECENT_COLUMNS)):
            # The whole store's most recent statements, ranked at build (the Reader's and Corpus
            # page's article lists): a few rows, where ordering every statement read them all.
            names = ", ".join(f'"{c}"' for c in columns)
            frame = self._frame(f"SELECT pos, {names} FROM recent_statements WHERE variant = ? ORDER BY rank "
                                "LIMIT ? OFFSET ?", [self._variant(filters), int(limit), int(offset)])
            return frame.set_index("pos").rename_axis(None)
        if limit is None:
            # Every selected row: its columns read with the selection (one pass; q.start is never in
            # a kept selection or the copies, so the statements' own columns are read).
            wanted = ("pos", "date", "article_id", "start") if recent else ("pos", "start")
            extra = "".join(f', q."{c}"' for c in columns if c not in wanted)
            cte, params = self._selected(filters, ", ".join(f"q.{c}" for c in wanted) + extra, also)
            frame = self._frame(f"""{cte} SELECT pos, {", ".join(f'"{c}"' for c in columns)} FROM sel
                ORDER BY {order}""", params)
        else:
            if self._own_columns_only(filters, also):  # the scan checks the conditions: a top-N of its rows
                cte, params = self._selected(filters, "q.pos, q.date, q.article_id, q.start", also)
                chosen = f"{cte}, p AS (SELECT pos FROM sel ORDER BY {order} LIMIT ? OFFSET ?)"
                params = [*params, int(limit), int(offset)]
            elif recent:
                # From the kept selection or the copies (no start): only the articles of the first
                # offset + limit statements can hold the page (start orders within an article).
                cte, params = self._selected(filters, "q.pos, q.date, q.article_id", also)
                chosen = f"""{cte}, c AS (SELECT date, article_id FROM sel
                        ORDER BY date DESC NULLS LAST, article_id, pos LIMIT ?),
                    p AS (SELECT pos FROM sel SEMI JOIN (SELECT DISTINCT date, article_id FROM c) t
                          ON sel.date IS NOT DISTINCT FROM t.date AND sel.article_id = t.article_id)"""
                params = [*params, int(limit) + int(offset)]
            else:
                cte, params = self._selected(filters, "q.pos", also)
                chosen = f"{cte}, p AS (SELECT pos FROM sel ORDER BY pos LIMIT ? OFFSET ?)"
                params = [*params, int(limit), int(offset)]
            # The page's positions first (a top-N of the selection's narrow columns), then the wide
            # columns of those rows only.
            names = ", ".join(f'q."{c}"' for c in columns)
            page = " LIMIT ? OFFSET ?" if recent and not self._own_columns_only(filters, also) else ""
            frame = self._frame(f"""{chosen}
                SELECT q.pos, {names} FROM quotes q JOIN p USING (pos)
                ORDER BY {", ".join(f"q.{o}" for o in order.split(", "))}{page}""",
                                [*params, *([int(limit), int(offset)] if page else [])])
        return with_tuples(frame)

    def speaker_mentions(self, filters: Filters) -> list[str]:
        """The ways the texts name the selected statements' speakers (``speaker_mention``), in order
        of first use, each once, blank ones left out: a few rows, where the mentions of every
        statement of a large speaker are hundreds of thousands.
        """
        speakers = set(filters.speakers)
        plain = not (filters.countries or filters.topics or filters.articles or filters.search.strip())
        floor = float(filters.min_confidence)
        if (len(speakers) == 1 and plain and "agg_speaker_mentions" in self._tables
                and (floor == 0 or floor in self._floors)):
            first = "first_pos" if self._counted(filters) == "statements" else "first_pos_all"
            rows = self._sql(f"""SELECT speaker_mention FROM agg_speaker_mentions WHERE floor = ? AND speaker = ?
                AND {first} IS NOT NULL ORDER BY {first}""", [floor, next(iter(speakers))])
        else:
            cte, params = self._selected(filters, "q.pos, q.speaker_mention")
            rows = self._sql(f"""{cte} SELECT speaker_mention FROM sel WHERE speaker_mention IS NOT NULL
                GROUP BY speaker_mention ORDER BY min(pos)""", params)
        return [mention for (mention,) in rows if mention.strip()]

    def articles_of(self, filters: Filters | None = None,
                    columns: tuple[str, ...] = ("article_id", "title", "date", "outlet")) -> pd.DataFrame:
        """``columns`` of the stored articles in corpus order (by date, then title, missing last, then
        as stored: :func:`analysis.store.load_corpus`); with ``filters``, only the articles holding a
        selected statement.
        """
        check_columns(columns, ARTICLE_COLUMNS, "article")
        names = ", ".join(f'a."{c}"' for c in columns)
        if filters is None:
            return self._frame(f"SELECT {names} FROM articles a ORDER BY {ARTICLE_ORDER}")
        cte, params = self._selected(filters, "q.article_id")
        return self._frame(f"""{cte}, d AS (SELECT DISTINCT article_id FROM sel) SELECT {names} FROM articles a
            SEMI JOIN d USING (article_id) ORDER BY {ARTICLE_ORDER}""", params)

    def _article_batches(self, table: str, article_ids, columns: list[str] | None):
        """Arrow tables of a batch table's rows of some articles: one per batch holding the stored
        copy of one of them (the warehouse's ``articles`` names it), read from that batch only.
        """
        import pyarrow.parquet as pq

        from analysis.store.fs import table_file

        wanted = sorted({str(a) for a in article_ids})
        if not wanted:
            return []
        where = self._frame("SELECT article_id, bidx FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                            [wanted])
        tables = []
        for bidx, ids in where.groupby("bidx")["article_id"]:
            path, filesystem = table_file(self.store_dir, self.batches[int(bidx)], table)
            tables.append(pq.read_table(path, columns=columns, filters=[("article_id", "in", list(ids))],
                                        filesystem=filesystem))
        return tables

    def article_table(self, table: str, article_ids, columns: list[str] | None = None) -> pd.DataFrame:
        """Rows of a batch table (``mentions``, ``topic_hits``) of some articles, read from the batch
        each article's stored copy comes from (not kept in the warehouse: one page's articles only).
        """
        frames = [arrow.to_pandas() for arrow in self._article_batches(table, article_ids, columns)]
        if not frames:
            return pd.DataFrame(columns=columns or [])
        return pd.concat(frames, ignore_index=True)

    def article_values(self, column: str, article_ids) -> dict[str, object]:
        """article_id -> ``column`` (``text``, ``title``, ...) of the stored copy of each of
        ``article_ids`` the store holds, as :func:`analysis.store.article_column` gives them (Python
        values, None where missing), read from that copy's batch only: the store's function reads
        every batch's column (at 100,000 articles in 200 batches, 2.1 s for one article's text).
        """
        return {article_id: value for article_id, (value,) in self.article_records((column,), article_ids).items()}

    def article_records(self, columns: tuple[str, ...], article_ids) -> dict[str, tuple]:
        """article_id -> the values of ``columns`` of the stored copy of each of ``article_ids`` the
        store holds, read from that copy's batch only (:meth:`article_values` for several columns).

        The warehouse names each copy's batch and row (``bidx``, ``frow``); DuckDB reads those rows
        only, every batch in one query: it skips the row groups without one and decodes no other
        row's text (pyarrow's filtered read decoded every text of each batch: 50 articles from 48
        batches of a million took 0.3-1.2 s, benchmarks/search_ab.py).
        """
        check_columns(columns, (*ARTICLE_COLUMNS, "text"), "article")
        wanted = sorted({str(a) for a in article_ids})
        if not wanted:
            return {}
        where = self._sql("""SELECT bidx, frow, article_id FROM articles
            WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY bidx, frow""", [wanted])
        if not where:
            return {}
        rows: dict[int, list[int]] = {}
        named = {}
        for bidx, frow, article_id in where:
            rows.setdefault(int(bidx), []).append(int(frow))
            named[(int(bidx), int(frow))] = article_id
        names = ", ".join(f'"{c}"' for c in columns)
        parts, paths = [], []
        for bidx, frows in rows.items():
            # The row numbers as constants: DuckDB prunes the row groups on them.
            parts.append(f"""SELECT {bidx} AS bidx, file_row_number AS frow, {names}
                FROM read_parquet(?, file_row_number = true) WHERE file_row_number IN ({", ".join(map(str, frows))})""")
            paths.append(os.path.join(self.store_dir, BATCHES, self.batches[bidx], "articles.parquet"))
        found = self._sql(" UNION ALL ".join(parts), paths)
        return {named[(bidx, frow)]: tuple(values) for bidx, frow, *values in found}

    def story_versions(self) -> Versions | None:
        """The stories stored in several versions, as the warehouse's build found them (its
        ``stories`` table); None for a warehouse built without them (older, or ``versions`` off).
        """
        if "stories" not in self._tables:
            return None
        stories: list[list[str]] = []
        for story, article_id in self._sql("SELECT story, article_id FROM stories ORDER BY story, rank"):
            if story >= len(stories):
                stories.append([])
            stories[-1].append(article_id)
        return Versions(tuple(map(tuple, stories)), {a: n for n, story in enumerate(stories) for a in story})

    def store_facts(self) -> dict[str, int]:
        """Articles, statements and repeated statements of the whole store."""
        articles = self._sql("SELECT count(*) FROM articles")[0][0]
        statements, repeated = self._sql("SELECT count(*), count(*) FILTER (WHERE repeated) FROM quotes")[0]
        return {"articles": int(articles), "statements": int(statements), "repeated": int(repeated)}

    def speaker_alias(self, key: str) -> str | None:
        """The speaker a name key (:func:`analysis.query.resolve_name`'s) stands for, or None: one
        row of the pre-computed ``speaker_aliases``; an older warehouse's aliases are made from
        :meth:`speaker_name_counts` once per process.
        """
        if "speaker_aliases" in self._tables:
            rows = self._sql("SELECT speaker FROM speaker_aliases WHERE key = ?", [key])
            return rows[0][0] if rows else None
        if self._aliases is None:
            self._aliases = aliases_from_counts(*self.speaker_name_counts())
        return self._aliases.get(key)

    def speaker_name_counts(self) -> tuple[list[tuple[str, int]], list[tuple[str, str, int]]]:
        """What :func:`analysis.query.aliases_from_counts` reads to resolve a typed name: (speaker,
        statements), most first, and (mention, speaker, statements), fewest first, ties of both in
        order of first use; every copy counted. Pre-counted rows, not a row per statement.
        """
        totals = [(s, int(n)) for s, n in self._sql(
            "SELECT speaker, statements_all FROM agg_speaker ORDER BY statements_all DESC, first_pos_all")]
        if "agg_speaker_mentions" in self._tables:
            sql = ("SELECT speaker_mention, speaker, n_all FROM agg_speaker_mentions WHERE floor = 0 "
                   "ORDER BY n_all, first_pos_all")
        else:  # a warehouse of an earlier build: counted here, still only pairs come back
            sql = ("SELECT speaker_mention, speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL "
                   "AND speaker_mention IS NOT NULL GROUP BY speaker_mention, speaker ORDER BY n, min(pos)")
        return totals, [(m, s, int(n)) for m, s, n in self._sql(sql)]

    def sample(self, rows: int, seed: int = 7) -> pd.DataFrame:
        """A reproducible random sample of statements (``countries``, ``topics``, ``speaker``), for
        benchmarks and tests that draw filters users would pick.
        """
        frame = self._frame(f"SELECT countries, topics, speaker FROM quotes USING SAMPLE reservoir({int(rows)} ROWS) "
                            f"REPEATABLE ({int(seed)})")
        for column in ("countries", "topics"):
            frame[column] = [tuples(v) for v in frame[column]]
        return frame
