"""Key phrases of a selection, and the statements that best represent it.

:class:`Phrases` is mixed into :class:`analysis.engine.Engine`. Counting, choosing each phrase's
shown form and scoring run in SQL (:func:`analysis.store.warehouse.scored_phrases_sql`); the
store's, a floor's, a slice's and a sliced speaker's key phrases and representatives are read
pre-scored when the warehouse has them, and a union of sliced values' key phrases are counted from
their slices' phrase counts (:mod:`analysis.engine.union_phrases`).
"""

from __future__ import annotations

import pandas as pd

from analysis import keywords
from analysis.engine.columns import QUOTE_COLUMNS, check_columns, with_tuples
from analysis.query import REPRESENTATIVE_SAMPLE, Filters
from analysis.records import Keyword
from analysis.store.page_tables import REPRESENTATIVE_KEPT, WORDING_PARAMS, ranked_sql
from analysis.store.phrase_scoring import MAX_SPACES_SQL
from analysis.store.warehouse import KEYWORD_CANDIDATES, SLICE_KEYWORDS, scored_phrases_sql

#: CTEs ``g`` and ``f`` of :func:`analysis.store.warehouse.scored_phrases_sql` for the selection ``sel``.
SELECTION_COUNTS = """s AS (SELECT phrase_groups, phrase_forms FROM sel),
    g AS (SELECT group_id, count(*) AS statements FROM (SELECT unnest(phrase_groups) AS group_id FROM s)
          GROUP BY group_id),
    f AS (SELECT form_id, count(*) AS occ FROM (SELECT unnest(phrase_forms) AS form_id FROM s)
          GROUP BY form_id)"""


class Phrases:
    """Key phrases and representative statements (mixed into :class:`analysis.engine.Engine`)."""

    def phrase_counts(self, filters: Filters, names: list[str] | None = None) -> dict[str, int]:
        """How many selected statements hold each key phrase (as :func:`analysis.query.phrase_counts`);
        with ``names``, only those phrases.
        """
        sql, params = self._phrase_counts_sql(filters, names)
        return {name: int(n) for name, n in self._sql(sql, params)}

    def phrase_total(self, filters: Filters) -> int:
        """The sum of :meth:`phrase_counts` over every phrase, without listing them."""
        # Summed over the groups that have a name, not grouped by name first (at 100,000 realistic
        # articles two million names grouped under the memory limit took 3.8 s).
        if filters.is_empty:
            counted = self._counted(filters)
            return int(self._sql(f"""SELECT coalesce(sum(a.{counted}), 0) FROM agg_phrase_groups a
                WHERE a.{counted} > 0 AND a.group_id IN (SELECT group_id FROM phrase_groups)""")[0][0])
        cte, params = self._selected(filters, "q.phrase_groups")
        return int(self._sql(f"""{cte}, x AS (SELECT unnest(phrase_groups) AS group_id FROM sel)
            SELECT count(*) FROM x WHERE group_id IN (SELECT group_id FROM phrase_groups)""", params)[0][0])

    def _phrase_counts_sql(self, filters: Filters, names: list[str] | None) -> tuple[str, list]:
        """SQL of (name, n) per key phrase of the selection, and its parameters."""
        only = "AND g.name IN (SELECT unnest(?::VARCHAR[]))" if names is not None else ""
        if filters.is_empty:
            counted = self._counted(filters)
            return (f"""SELECT g.name, sum(a.{counted}) AS n FROM agg_phrase_groups a JOIN phrase_groups g
                USING (group_id) WHERE a.{counted} > 0 {only} GROUP BY g.name""",
                    [list(names)] if names is not None else [])
        cte, params = self._selected(filters, "q.phrase_groups")
        return (f"""{cte}, x AS (SELECT unnest(phrase_groups) AS group_id FROM sel)
            SELECT g.name, count(*) AS n FROM x JOIN phrase_groups g USING (group_id) WHERE true {only}
            GROUP BY g.name""", [*params, list(names)] if names is not None else params)

    def statement_keywords(self, filters: Filters, top_n: int = 10) -> list[Keyword]:
        """Key phrases of the selected statements (as :func:`analysis.query.statement_keywords`).

        Counting, choosing each phrase's shown form (:func:`analysis.keywords.best_form`) and scoring
        (:func:`analysis.keywords.phrase_score`) run in SQL; Python merges contained words
        (:func:`analysis.keywords.drop_contained_words`) over the best few hundred only, and over
        all of them in the rare case those few run out.
        """
        bonus = keywords.statements.SHORT_TEXT_LENGTH_BONUS
        candidates = max(300, 30 * top_n)
        if filters.is_empty:
            counted = self._counted(filters)
            if "agg_keywords" in self._tables and top_n <= KEYWORD_CANDIDATES // 30:
                variant = "once" if counted == "statements" else "all"
                rows = self._sql("SELECT score, phrase, stems FROM agg_keywords WHERE variant = ? "
                                 "ORDER BY score DESC, phrase", [variant])
                found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
                if len(found) == top_n or len(rows) < KEYWORD_CANDIDATES:
                    return found
            occurrences = "occurrences" if counted == "statements" else "occurrences_all"
            params: list = []
            counts = f"""g AS (SELECT group_id, {counted} AS statements FROM agg_phrase_groups WHERE {counted} > 0),
                f AS (SELECT form_id, {occurrences} AS occ FROM agg_phrase_forms WHERE {occurrences} > 0)"""
        elif (self._floor(filters) is not None and top_n <= KEYWORD_CANDIDATES // 30
              and (found := self._floor_keywords(filters, top_n)) is not None):
            return found
        elif (candidates <= SLICE_KEYWORDS and self._floor_speaker(filters) is not None
              and (found := self._floor_speaker_keywords(filters, top_n, candidates)) is not None):
            return found
        elif self._slice(filters) and candidates <= SLICE_KEYWORDS:
            variant = "once" if self._counted(filters) == "statements" else "all"
            rows = self._sql("SELECT score, phrase, stems FROM s_keywords WHERE fdim = ? AND fval = ? AND variant = ? "
                             "ORDER BY score DESC, phrase LIMIT ?", [*self._slice(filters), variant, candidates])
            found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
            if len(found) == top_n or len(rows) < candidates:
                return found
            cte, params = self._selected(filters, "q.phrase_groups, q.phrase_forms")
            counts = cte[len("WITH "):] + ", " + SELECTION_COUNTS
        elif self._floor_only(filters):
            # Confident statements of the whole store (the Briefing's default): the store's counts
            # less those of the few statements under the floor, not the lists of all the others.
            counted = self._counted(filters)
            occurrences = "occurrences" if counted == "statements" else "occurrences_all"
            repeated = "AND NOT q.repeated" if counted == "statements" else ""
            params = [float(filters.min_confidence)]
            counts = f"""u AS MATERIALIZED (SELECT q.phrase_groups, q.phrase_forms FROM quotes q
                    WHERE q.confidence < ? AND NOT isnan(q.confidence) {repeated}),
                ug AS (SELECT group_id, count(*) AS n FROM (SELECT unnest(phrase_groups) AS group_id FROM u)
                       GROUP BY group_id),
                uf AS (SELECT form_id, count(*) AS n FROM (SELECT unnest(phrase_forms) AS form_id FROM u)
                       GROUP BY form_id),
                g AS (SELECT a.group_id, a.{counted} - coalesce(ug.n, 0) AS statements FROM agg_phrase_groups a
                      LEFT JOIN ug USING (group_id) WHERE a.{counted} - coalesce(ug.n, 0) > 0),
                f AS (SELECT a.form_id, a.{occurrences} - coalesce(uf.n, 0) AS occ FROM agg_phrase_forms a
                      LEFT JOIN uf USING (form_id) WHERE a.{occurrences} - coalesce(uf.n, 0) > 0)"""
        elif (found := self._union_keywords(filters, top_n, candidates)) is not None:
            return found
        else:
            cte, params = self._selected(filters, "q.phrase_groups, q.phrase_forms")
            counts = cte[len("WITH "):] + ", " + SELECTION_COUNTS
        for limit in (candidates, 20 * candidates, None):
            if limit is None:  # every phrase: their stems in the same query
                rows = self._sql(scored_phrases_sql(counts, bonus, None, self._max_phrase_spaces()), params)
            else:
                sql = scored_phrases_sql(counts, bonus, limit, self._max_phrase_spaces(), stems=False)
                rows = self._with_stems(self._sql(sql + " LIMIT ?", [*params, limit]))
            found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
            if len(found) == top_n or limit is None or len(rows) < limit:
                return found
        return found

    def _with_stems(self, rows: list) -> list[tuple[float, str, list[str]]]:
        """(score, phrase, stems) of (score, phrase, group_id) rows, the stems read for those groups only."""
        ids = sorted({int(group_id) for _score, _phrase, group_id in rows})
        if not ids:
            return []
        stems = dict(self._sql("SELECT group_id, stems FROM phrase_groups "
                               "SEMI JOIN (SELECT unnest(?::BIGINT[]) AS group_id) USING (group_id)", [ids]))
        return [(score, phrase, stems[int(group_id)]) for score, phrase, group_id in rows]

    def _floor_keywords(self, filters: Filters, top_n: int) -> list[Keyword] | None:
        """The key phrases of a pre-aggregated floor's statements (``f_keywords``); None when its
        candidates run out before ``top_n`` phrases remain (the caller then scores them all).
        """
        rows = self._sql("SELECT score, phrase, stems FROM f_keywords WHERE floor = ? AND variant = ? "
                         "ORDER BY score DESC, phrase", [self._floor(filters), self._variant(filters)])
        found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
        return found if len(found) == top_n or len(rows) < KEYWORD_CANDIDATES else None

    def _floor_speaker(self, filters: Filters) -> tuple[float, str] | None:
        """(floor, speaker) when ``filters`` is one speaker over a confidence floor and nothing else and
        the warehouse scored that speaker's key phrases over that floor (``f_s_keywords``), else None.
        """
        if self._floor_speakers is None:
            self._floor_speakers = set() if "f_s_keywords" not in self._tables else {
                (float(f), s) for f, s in self._sql("SELECT DISTINCT floor, speaker FROM f_s_keywords")}
        speakers = set(filters.speakers)
        key = (float(filters.min_confidence), next(iter(speakers), None))
        plain = not (filters.countries or filters.topics or filters.articles or filters.search.strip())
        return key if len(speakers) == 1 and plain and key in self._floor_speakers else None

    def _floor_speaker_keywords(self, filters: Filters, top_n: int, candidates: int) -> list[Keyword] | None:
        """The key phrases of one speaker's statements over a floor from their best ``candidates``
        pre-scored ones; None when those run out before ``top_n`` phrases remain.
        """
        rows = self._sql("SELECT score, phrase, stems FROM f_s_keywords WHERE floor = ? AND speaker = ? "
                         "AND variant = ? ORDER BY score DESC, phrase LIMIT ?",
                         [*self._floor_speaker(filters), self._variant(filters), candidates])
        found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
        return found if len(found) == top_n or len(rows) < candidates else None

    def _max_phrase_spaces(self) -> int:
        """The most spaces in any stored phrase form (bounds a phrase's length bonus), read once."""
        if self._phrase_spaces is None:
            self._phrase_spaces = int(self._sql(MAX_SPACES_SQL)[0][0])
        return self._phrase_spaces

    def representative_page(self, filters: Filters, phrases: list[str], limit: int,
                            columns: tuple[str, ...] = QUOTE_COLUMNS) -> pd.DataFrame:
        """The ``limit`` most representative selected statements, each wording once (as
        ``ui.brief.select.representative_order`` ranks one speaker's statements): 2 points per
        key phrase of ``phrases`` the lower-cased text holds, 2 for quoted words (1 mixed), 1 for
        naming a country, 1 a topic, 2 for 60 to 300 characters, -3 under 30; ties in corpus
        order; a statement whose first 80 characters (lower case, spaces collapsed) repeat a
        better one's is left out. Indexed by position, like :meth:`statement_page`.

        A selection of more than :data:`~analysis.query.REPRESENTATIVE_SAMPLE` statements is ranked
        on its last that many in corpus order (the most recently stored): their texts only are read.
        """
        check_columns(columns, QUOTE_COLUMNS)
        names = ", ".join(f'q."{c}"' for c in columns)
        ranked = self._stored_representative(filters, phrases, limit)
        if ranked is not None:
            # Pre-ranked at build: their rows only, as constant ranges (zone maps skip every other
            # block; an IN list read a third of the table: 150 against 15 ms at 100,000 articles).
            spans = " OR ".join(f"q.pos BETWEEN {int(p)} AND {int(p)}" for p in ranked) or "false"
            frame = self._frame(f"SELECT q.pos, {names} FROM quotes q WHERE {spans}")
            frame = frame.set_index("pos", drop=False).loc[ranked].reset_index(drop=True)
        else:
            cte, params = self._selected(filters, "q.pos")
            lowest = self._sql(f"{cte} SELECT pos FROM sel ORDER BY pos DESC LIMIT 1 OFFSET ?",
                               [*params, REPRESENTATIVE_SAMPLE - 1])
            also = (("from_pos", int(lowest[0][0])),) if lowest else ()
            cte, params = self._selected(filters, "q.pos, q.text, q.kind, q.countries, q.topics", also)
            frame = self._frame(f"""{cte}, {ranked_sql(len(phrases))}
                SELECT q.pos, {names} FROM quotes q JOIN p USING (pos) ORDER BY p.score DESC, q.pos""",
                                [*params, *[p.lower() for p in phrases], *WORDING_PARAMS, int(limit)])
        return with_tuples(frame)

    def _stored_representative(self, filters: Filters, phrases: list[str], limit: int) -> list[int] | None:
        """The positions of :meth:`representative_page` ranked at build (``f_s_representative``) when
        ``filters`` is a sliced speaker over a floor (:meth:`_floor_speaker`), ``phrases`` are those
        it was ranked by and ``limit`` at most :data:`~analysis.store.page_tables.REPRESENTATIVE_KEPT`; else None.
        """
        key = self._floor_speaker(filters) if "f_s_representative" in self._tables else None
        if key is None or limit > REPRESENTATIVE_KEPT:
            return None
        rows = self._sql("SELECT phrases, pos FROM f_s_representative WHERE floor = ? AND speaker = ? AND variant = ? "
                         "ORDER BY rank", [*key, self._variant(filters)])
        if not rows or list(rows[0][0]) != list(phrases):
            return None
        return [int(pos) for _phrases, pos in rows if pos is not None][:int(limit)]
