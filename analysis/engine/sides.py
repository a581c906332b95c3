"""The distinctive key phrases of two sides of a comparison, ranked in SQL (the Compare page).

:class:`Sides` is mixed into :class:`analysis.engine.Engine`. :meth:`Sides.distinctive_phrases`
computes in DuckDB what :func:`ui.compare.compare_counts` computes in Python from the two sides'
phrase counts and the whole store's background (the log-odds ratio with an informative Dirichlet
prior of :func:`analysis.compare.log_odds_dirichlet`), and hands back only both ends of the ranking.
At a million articles two large speakers hold 400,000 distinct phrases: as Python dicts, a list
parameter of their names and one :class:`~analysis.compare.Distinctive` each, they cost the page
about 300 MB and 14 s, for the 24 it draws.
"""

from __future__ import annotations

from analysis.compare import Distinctive
from analysis.query import Filters

#: Pseudo-count of a phrase the background does not hold (``log_odds_dirichlet``'s ``default_alpha``).
DEFAULT_ALPHA = 0.01


class Sides:
    """Comparisons of two sides (mixed into :class:`analysis.engine.Engine`)."""

    def distinctive_phrases(self, filters: Filters, by: str, value_a, value_b, keep: int) -> list[Distinctive]:
        """The first and last ``keep`` of the key phrases of two sides ranked as
        :func:`ui.compare.compare_counts` ranks them (highest z first, ties by phrase), in that order.

        A side is what :meth:`side_counts` counts (``by`` and ``value`` as there); a phrase counts
        the side's statements holding it, the background every stored statement holding it (every
        copy of a story), and the prior is scaled to both sides' phrase counts together. Empty when
        a side holds no phrase.

        Raises:
            ValueError: For an unknown ``by``.
        """
        sides, params = [], []
        for value in (value_a, value_b):
            cte, values = self._selected(filters, "q.phrase_groups", self._narrowing(by, value))
            sides.append(f"""{cte}, x AS (SELECT unnest(phrase_groups) AS group_id FROM sel)
                SELECT group_id, count(*) AS n FROM x GROUP BY group_id""")
            params += values
        counted = self._counted(Filters(versions_once=False))
        keep, total = max(int(keep), 1), float(self._background_total())
        # Counted by group, named last: a group's name is one of its forms, and a form belongs to the
        # group of its stems, so one group has each name (as phrase_counts counts by name). Only the
        # phrases whose z reaches the kept ones' (ties included) are named and ordered by name.
        # The arithmetic is log_odds_dirichlet's and informative_prior's, in the same order (ints
        # as doubles): only the prior's sum over the phrases may differ in its last bits (summed in
        # another order), and it counts only where it exceeds both sides' phrase counts.
        rows = self._sql(f"""WITH a AS ({sides[0]}), b AS ({sides[1]}),
            t AS (SELECT group_id, coalesce(a.n, 0) AS ya, coalesce(b.n, 0) AS yb
                  FROM a FULL JOIN b USING (group_id) JOIN (SELECT group_id FROM phrase_groups) g USING (group_id)),
            bg AS (SELECT t.group_id, p.{counted} AS n FROM agg_phrase_groups p JOIN t USING (group_id)
                   WHERE p.{counted} > 0),
            sums AS (SELECT sum(ya)::DOUBLE AS na, sum(yb)::DOUBLE AS nb, count(bg.n) > 0 AS known
                     FROM t LEFT JOIN bg USING (group_id)),
            prior AS (SELECT known AND na + nb > 0 AND ? > 0 AS informative, (na + nb) / ? AS factor FROM sums),
            w AS (SELECT t.group_id, t.ya::DOUBLE AS ya, t.yb::DOUBLE AS yb,
                         CASE WHEN informative AND bg.n > 0 THEN bg.n::DOUBLE * factor ELSE {DEFAULT_ALPHA} END
                         AS alpha FROM t LEFT JOIN bg USING (group_id), prior),
            a0 AS (SELECT greatest(CASE WHEN informative THEN na + nb ELSE 0.0 END, (SELECT sum(alpha) FROM w))
                   AS a0, na, nb FROM sums, prior),
            scored AS MATERIALIZED (SELECT group_id, ya, yb, delta,
                    delta / sqrt(1.0 / (ya + alpha) + 1.0 / (yb + alpha)) AS z FROM (
                    SELECT group_id, ya, yb, alpha, ln((ya + alpha) / (na + a0 - ya - alpha))
                           - ln((yb + alpha) / (nb + a0 - yb - alpha)) AS delta FROM w, a0
                    WHERE na > 0 AND nb > 0)),
            cut AS (SELECT s.*, g.name FROM scored s JOIN phrase_groups g USING (group_id)
                    WHERE s.z >= coalesce((SELECT z FROM scored ORDER BY z DESC LIMIT 1 OFFSET ?), '-inf'::DOUBLE)
                       OR s.z <= coalesce((SELECT z FROM scored ORDER BY z LIMIT 1 OFFSET ?), 'inf'::DOUBLE)),
            r AS (SELECT *, row_number() OVER (ORDER BY z DESC, name) AS down,
                         row_number() OVER (ORDER BY z, name DESC) AS up FROM cut)
            SELECT name, ya, yb, delta, z FROM r WHERE down <= ? OR up <= ? ORDER BY down""",
                         [*params, total, total or None, keep - 1, keep - 1, keep, keep])
        return [Distinctive(name, int(ya), int(yb), float(delta), float(z)) for name, ya, yb, delta, z in rows]

    def _background_total(self) -> int:
        """The whole store's phrase counts summed, every copy counted (:meth:`phrase_total`), read once."""
        if getattr(self, "_phrase_total_all", None) is None:
            self._phrase_total_all = self.phrase_total(Filters(versions_once=False))
        return self._phrase_total_all
