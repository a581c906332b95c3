"""Key phrases of a union of sliced values (``?country=DEU&country=UKR``) from the slices' phrase counts.

Counting every phrase of a union's statements reads all of them (1.4 million statements, 6-11 s at a
million articles). The slices already hold each value's phrase counts
(:mod:`analysis.store.slice_phrases`); a union's count of a phrase is their sum, less what the
statements carrying several of the values add too often and plus what the values without a slice
add (the union's overlap, :meth:`analysis.engine.unions.Unions._union`).

Only phrases that can be among the best need counting. A phrase's score is at least ``low`` (its
count times its rarity) and at most ``low * widen`` (``widen`` = one plus the length bonus of the
longest stored form). The candidates are the phrases with ``low_all >= tau`` in some slice, and
those of the statements the overlap adds; any other phrase has ``low`` under ``k * tau`` over ``k``
values, so its score is under ``k * tau * widen``. The candidates are counted exactly and scored by
the engine's own query (:func:`analysis.store.warehouse.scored_phrases_sql`); when their ``limit``-th
score is at least ``k * tau * widen``, no other phrase can be among the best ``limit`` and the rows
are exactly those of the whole count. Otherwise ``tau`` is lowered and, after a few tries, the
caller counts the statements themselves.
"""

from __future__ import annotations

from analysis import keywords
from analysis.query import Filters
from analysis.records import Keyword
from analysis.store.warehouse import scored_phrases_sql

#: How many times ``tau`` is lowered (each time by :data:`TAU_STEP`) before counting the statements.
TAU_TRIES = 3
TAU_STEP = 8.0
#: Margin for the floating-point sums of ``low_all`` in the proof of exactness.
_MARGIN = 1.0 + 1e-9


class UnionPhrases:
    """Key phrases of unions of sliced values (mixed into :class:`analysis.engine.Engine`)."""

    def _union_keywords(self, filters: Filters, top_n: int, candidates: int) -> list[Keyword] | None:
        """The key phrases of ``filters`` (as :meth:`analysis.engine.phrases.Phrases.statement_keywords`)
        when it is a union of values with slices and their phrase counts prove the answer; else None.
        """
        if "s_phrase_groups" not in self._tables:
            return None
        union = self._union_values(filters)
        if union is None:
            return None
        found: list[Keyword] = []
        for limit in (candidates, 20 * candidates):
            rows = self._union_phrase_rows(union, limit)
            if rows is None:
                return None
            found = keywords.drop_contained_words(((s, p, frozenset(st)) for s, p, st in rows), top_n)
            if len(found) == top_n:
                return found
        return None

    def _union_phrase_rows(self, union: tuple[str, list[str], list[str], str], limit: int) -> list | None:
        """(score, phrase, stems) of the best ``limit`` phrases of the union, best first, exactly as
        counting its statements gives them; None when no ``tau`` tried proves it.
        """
        values = union[1]
        bonus = keywords.statements.SHORT_TEXT_LENGTH_BONUS
        spaces = self._max_phrase_spaces()
        widen = 1.0 + bonus * spaces
        best = [self._sql("SELECT low_all FROM s_phrase_groups WHERE fdim = ? AND fval = ? "
                          "ORDER BY low_all DESC LIMIT 1 OFFSET ?", [union[0], value, int(limit) - 1])
                for value in values]
        tau = max((rows[0][0] for rows in best if rows), default=0.0) / (len(values) * widen)
        for _try in range(TAU_TRIES):
            if tau <= 0:
                return None
            counts, params = self._union_counts(union, tau)
            sql = scored_phrases_sql(counts, bonus, int(limit), spaces, stems=False)
            rows = self._sql(sql + " LIMIT ?", [*params, int(limit)])
            if len(rows) == limit and len(values) * tau * widen * _MARGIN <= rows[-1][0]:
                return self._with_stems(rows)
            tau /= TAU_STEP
        return None

    def _union_counts(self, union: tuple[str, list[str], list[str], str], tau: float) -> tuple[str, list]:
        """CTEs ``g`` (group_id, statements) and ``f`` (form_id, occ) of the union's candidate phrases
        for ``tau`` (see the module's docstring), counted exactly, and their parameters.
        """
        dim, values, others, keep = union
        variant = "once" if keep else "all"
        # The overlap with its phrase lists, not kept: a union of large values overlaps too much to keep.
        overlap, overlap_params = self._overlap_sql(dim, values, others, keep, "q.phrase_groups, q.phrase_forms")
        marks = ", ".join("?" for _ in values)
        in_slices = f"fdim = ? AND fval IN ({marks})"
        # The phrases of the statements only the other values add are candidates too.
        added = "UNION SELECT unnest(phrase_groups) AS group_id FROM ov WHERE w < 0" if others else ""
        sql = f"""ov AS MATERIALIZED ({overlap}),
            cand AS MATERIALIZED (SELECT DISTINCT group_id FROM s_phrase_groups WHERE {in_slices} AND low_all >= ?
                  {added}),
            og AS (SELECT group_id, sum(w) AS w FROM (SELECT unnest(phrase_groups) AS group_id, w FROM ov)
                   WHERE group_id IN (SELECT group_id FROM cand) GROUP BY group_id),
            gs AS (SELECT group_id, sum(n_{variant}) AS n FROM s_phrase_groups
                   WHERE {in_slices} AND group_id IN (SELECT group_id FROM cand) GROUP BY group_id),
            g AS MATERIALIZED (SELECT c.group_id, coalesce(gs.n, 0) - coalesce(og.w, 0) AS statements
                  FROM cand c LEFT JOIN gs USING (group_id) LEFT JOIN og USING (group_id)
                  WHERE coalesce(gs.n, 0) - coalesce(og.w, 0) > 0),
            cf AS MATERIALIZED (SELECT form_id FROM phrase_forms WHERE group_id IN (SELECT group_id FROM g)),
            fs AS (SELECT form_id, sum(occ_{variant}) AS occ FROM s_phrase_forms
                   WHERE {in_slices} AND form_id IN (SELECT form_id FROM cf) GROUP BY form_id),
            fo AS (SELECT form_id, sum(w) AS w FROM (SELECT unnest(phrase_forms) AS form_id, w FROM ov)
                   WHERE form_id IN (SELECT form_id FROM cf) GROUP BY form_id),
            f AS (SELECT cf.form_id, coalesce(fs.occ, 0) - coalesce(fo.w, 0) AS occ
                  FROM cf LEFT JOIN fs USING (form_id) LEFT JOIN fo USING (form_id)
                  WHERE coalesce(fs.occ, 0) - coalesce(fo.w, 0) > 0)"""
        return sql, [*overlap_params, dim, *values, float(tau), dim, *values, dim, *values]
