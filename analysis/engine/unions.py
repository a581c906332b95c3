"""A union of several values of one dimension answered from the values' slices: the sum of the
sliced values' slices less an overlap (the statements carrying several of them), kept.
"""

from __future__ import annotations

import json

from analysis.engine.clustered import CLUSTERED
from analysis.query import Filters

#: A union of values whose statements add up to fewer than this is read as any selection (kept),
#: not from the slices: reading the large slices' rows and the overlap costs more than a small
#: selection (at 100,000 articles about 25,000 statements is where the two cost the same).
UNION_MIN_STATEMENTS = 25_000


class Unions:
    """Unions of sliced values (mixed into :class:`~analysis.engine.selection.Selection`)."""

    #: :data:`UNION_MIN_STATEMENTS` of this engine (tests of small stores set it to 0).
    union_min_statements = UNION_MIN_STATEMENTS

    def _union(self, filters: Filters) -> tuple[str, list[str], str] | None:
        """(dimension, sliced values, overlap) when ``filters`` is two or more values of one dimension
        (countries named, topics or speakers) and nothing else, at least one of them with a slice of
        its own, so every landing chart but the key phrases is the sum of the sliced values' slices,
        less what the statements carrying several of them add too often, plus the statements of the
        other values carrying none of the sliced ones; None otherwise.

        ``overlap`` names the kept table (:meth:`_keep`) of those corrections (``pos``, ``speaker``,
        ``tone``, ``day``, ``countries``, ``topics``, and ``w``, the times to take the statement away),
        read from the clustered copies: a statement carrying ``m`` >= 2 sliced values is counted
        ``m`` times by the slices and taken away ``m - 1`` times, which is exact for any number of
        values; one of the other values only, counted by no slice, is "taken away" -1 times. None
        too when the corrections are too many to keep.
        """
        parts = self._union_values(filters)
        if parts is None:
            return None
        dim, sliced, others, keep = parts
        columns = "q.pos, q.speaker, q.tone, q.day, q.countries, q.topics"
        sql, params = self._overlap_sql(dim, sliced, others, keep, columns)
        overlap = self._keep(("overlap", dim, json.dumps(sliced + others), keep), sql, params)
        return None if overlap is None else (dim, sliced, overlap)

    def _union_values(self, filters: Filters) -> tuple[str, list[str], list[str], str] | None:
        """(dimension, sliced values, other values, the condition leaving repeats out or "") when
        ``filters`` is a union :meth:`_union` can answer, before its overlap is kept; else None (also
        when its values' statements add up to fewer than :attr:`union_min_statements`).
        """
        if not self._clustered or filters.articles or filters.search.strip() or filters.min_confidence > 0:
            return None
        chosen = [(name, list(dict.fromkeys(values))) for name, values in (
            ("countries", filters.countries), ("topics", filters.topics), ("speakers", filters.speakers)) if values]
        if len(chosen) != 1 or len(chosen[0][1]) < 2:
            return None
        dim, values = chosen[0]
        sliced = [v for v in values if (dim, v) in self._slices]
        others = [v for v in values if (dim, v) not in self._slices]
        if (dim == "countries" and filters.country_scope != "mentioned") or not sliced:
            return None
        aggregate, column = next((a, c) for name, _t, _l, a, c in CLUSTERED if name == dim)
        counted = self._statements_of(aggregate, column, self._counted(filters))
        if sum(counted.get(v, 0) for v in values) < self.union_min_statements:
            return None
        return dim, sliced, others, "AND NOT q.repeated" if self._counted(filters) == "statements" else ""

    def _overlap_sql(self, dim: str, sliced: list[str], others: list[str], keep: str, columns: str) -> tuple[str, list]:
        """SQL of ``columns`` and ``w`` of a union's overlap (see :meth:`_union`), read from the
        clustered copies, and its parameters; ``keep`` leaves repeats out or is empty.
        """
        parts, params = [f"SELECT {columns}, 0::BIGINT AS w FROM by_speaker q WHERE false"], []
        if dim == "speakers":  # one speaker per statement: no overlap
            if others:
                parts.append(f"SELECT {columns}, -1 AS w FROM by_speaker q WHERE q.v IN "
                             f"({', '.join('?' for _ in others)}) {keep}")
                params += others
        else:
            table, listed = ("by_country", "countries") if dim == "countries" else ("by_topic", "topics")
            # A statement of several sliced values is read under the first of them, smallest first;
            # the last (largest) value's block is not read at all.
            ordered = sorted(sliced, key=lambda v: (self._slices[(dim, v)][1], v))
            for number, value in enumerate(ordered[:-1]):
                parts.append(f"""SELECT {columns}, len(list_intersect(q.{listed}, ?::VARCHAR[])) - 1 AS w
                    FROM {table} q WHERE q.v = ? AND NOT list_has_any(q.{listed}, ?::VARCHAR[])
                    AND len(list_intersect(q.{listed}, ?::VARCHAR[])) >= 2 {keep}""")
                params += [sliced, value, ordered[:number], sliced]
            for number, value in enumerate(others):
                parts.append(f"""SELECT {columns}, -1 AS w FROM {table} q
                    WHERE q.v = ? AND NOT list_has_any(q.{listed}, ?::VARCHAR[]) {keep}""")
                params += [value, sliced + others[:number]]
        return " UNION ALL ".join(parts), params

    def _union_of(self, union: tuple[str, list[str], str], table: str, columns: str,
                  less: str, extra: str = "") -> tuple[str, list]:
        """SQL of the rows of the slice ``table`` of each of the union's values (``columns``, with
        ``extra`` conditions) and, UNION ALL, ``less``: the overlap's part, to subtract.
        """
        dim, values, _overlap = union
        marks = ", ".join("?" for _ in values)
        return (f"SELECT {columns} FROM {table} WHERE fdim = ? AND fval IN ({marks}) {extra} UNION ALL {less}",
                [dim, *values])
