"""The counts the pages draw: per speaker, country, topic, pair, period and tone bin, summaries and
a comparison side's figures.

:class:`Counts` is mixed into :class:`analysis.engine.Engine`; each method reads the cheapest form
of the selection :mod:`analysis.engine.selection` offers (the store's pre-aggregated tables, a
floor's, a value's slice, a union of slices) before the selected statements themselves.
Crossed tables and tone by target are :mod:`analysis.engine.crossed`'s.
"""

from __future__ import annotations

import pandas as pd

from analysis.query import Filters

#: Periods of :meth:`Counts.statements_over_time` (the first letter of a pandas frequency).
PERIODS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "A": "year"}


class Counts:
    """Aggregates of the selected statements (mixed into :class:`analysis.engine.Engine`)."""

    def count(self, filters: Filters) -> int:
        """How many statements match ``filters``."""
        sliced = self._slice(filters)
        if sliced:
            return self._slices[sliced][0 if self._counted(filters) == "statements" else 1]
        if self._floor(filters) is not None:
            return self.summary(filters)["statements"]
        union = self._union(filters)
        if union:
            counted = 0 if self._counted(filters) == "statements" else 1
            less = self._sql(f"SELECT coalesce(sum(w), 0) FROM {union[2]}")[0][0]
            return sum(self._slices[(union[0], v)][counted] for v in union[1]) - int(less)
        cte, params = self._selected(filters)
        return int(self._sql(f"{cte} SELECT count(*) FROM sel", params)[0][0])

    def summary(self, filters: Filters) -> dict[str, int]:
        """How many selected statements, named speakers, articles and statements without a date
        (``statements``, ``speakers``, ``articles``, ``no_date``).
        """
        if self._floor(filters) is not None:
            rows = self._sql("SELECT statements, speakers, articles, no_date FROM f_summary WHERE floor = ? "
                             "AND variant = ?", [self._floor(filters), self._variant(filters)])
            row = rows[0] if rows else (0, 0, 0, 0)  # no row: none of the floor's statements counted
            return dict(zip(("statements", "speakers", "articles", "no_date"), map(int, row), strict=True))
        if filters.is_empty and "agg_summary" in self._tables:
            # The unfiltered landing view's figures: a scan of every statement otherwise (2-2.7 s at a million).
            rows = self._sql("SELECT statements, speakers, articles, no_date FROM agg_summary WHERE variant = ?",
                             [self._variant(filters)])
            row = rows[0] if rows else (0, 0, 0, 0)  # an empty store
            return dict(zip(("statements", "speakers", "articles", "no_date"), map(int, row), strict=True))
        cte, params = self._selected(filters, "q.speaker, q.article_id, q.date")
        row = self._sql(f"""{cte} SELECT count(*), count(DISTINCT speaker), count(DISTINCT article_id),
            count(*) FILTER (WHERE date IS NULL) FROM sel""", params)[0]
        return dict(zip(("statements", "speakers", "articles", "no_date"), map(int, row), strict=True))

    def speaker_counts(self, filters: Filters, limit: int = 20) -> pd.DataFrame:
        """Statements per named speaker, most first (``speaker``, ``statements``)."""
        if filters.is_empty:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            sql = (f"SELECT speaker, {counted} AS statements FROM agg_speaker WHERE {counted} > 0 "
                   f"ORDER BY statements DESC, {first} LIMIT ?")
            return self._frame(sql, [int(limit)])
        floor = self._floor(filters)
        if floor is not None:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            return self._frame(f"SELECT speaker, {counted} AS statements FROM f_speaker WHERE floor = ? AND "
                               f"{counted} > 0 ORDER BY statements DESC, {first} LIMIT ?", [floor, int(limit)])
        sliced = self._slice(filters)
        if sliced:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            return self._frame(f"SELECT speaker, {counted} AS statements FROM s_speaker WHERE fdim = ? AND fval = ? "
                               f"AND {counted} > 0 ORDER BY statements DESC, {first} LIMIT ?", [*sliced, int(limit)])
        union = self._union(filters)
        if union:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            rows, params = self._union_of(union, "s_speaker", f"speaker, {counted} AS n, {first} AS first",
                                          f"SELECT speaker, -sum(w), min(pos) FILTER (WHERE w < 0) FROM {union[2]} "
                                          "WHERE speaker IS NOT NULL GROUP BY speaker")
            return self._frame(f"""SELECT speaker, sum(n)::BIGINT AS statements FROM ({rows}) GROUP BY speaker
                HAVING sum(n) > 0 ORDER BY statements DESC, min(first) LIMIT ?""", [*params, int(limit)])
        cte, params = self._selected(filters, "q.pos, q.speaker")
        return self._frame(f"""{cte} SELECT speaker, count(*) AS statements FROM sel
            WHERE speaker IS NOT NULL GROUP BY speaker ORDER BY statements DESC, min(pos) LIMIT ?""",
                           [*params, int(limit)])

    def _value_counts(self, filters: Filters, long: str, value: str, aggregate: str) -> pd.DataFrame:
        """Statements per value of a long table, most first (unfiltered, one sliced value, or any selection)."""
        sliced = self._slice(filters)
        if sliced:
            counted = self._counted(filters)
            return self._frame(f"SELECT {value}, {counted} AS statements FROM s_{aggregate[4:]} WHERE fdim = ? "
                               f"AND fval = ? AND {counted} > 0 ORDER BY statements DESC, {value}", list(sliced))
        if filters.is_empty:
            counted = self._counted(filters)
            return self._frame(f"SELECT {value}, {counted} AS statements FROM {aggregate} WHERE {counted} > 0 "
                               f"ORDER BY statements DESC, {value}")
        if self._floor(filters) is not None:
            counted = self._counted(filters)
            return self._frame(f"SELECT {value}, {counted} AS statements FROM f_{aggregate[4:]} WHERE floor = ? "
                               f"AND {counted} > 0 ORDER BY statements DESC, {value}", [self._floor(filters)])
        if self._floor_only(filters):
            # The store's counts less those of the statements under the floor (their lists only).
            counted = self._counted(filters)
            repeated = "AND NOT q.repeated" if counted == "statements" else ""
            return self._frame(f"""WITH u AS (SELECT v, count(*) AS n FROM (SELECT unnest(q.{long[len('quote_'):]}) AS v
                    FROM quotes q WHERE q.confidence < ? AND NOT isnan(q.confidence) {repeated})
                    WHERE v IS NOT NULL GROUP BY v)
                SELECT a.{value}, (a.{counted} - coalesce(u.n, 0))::BIGINT AS statements FROM {aggregate} a
                LEFT JOIN u ON u.v = a.{value} WHERE a.{counted} - coalesce(u.n, 0) > 0
                ORDER BY statements DESC, a.{value}""", [float(filters.min_confidence)])
        union = self._union(filters)
        if union:
            rows, params = self._union_of(
                union, f"s_{aggregate[4:]}", f"{value}, {self._counted(filters)} AS n",
                f"SELECT v, -sum(w) FROM (SELECT unnest({long[len('quote_'):]}) AS v, w FROM {union[2]}) "
                "WHERE v IS NOT NULL GROUP BY v")
            return self._frame(f"""SELECT {value}, sum(n)::BIGINT AS statements FROM ({rows}) GROUP BY {value}
                HAVING sum(n) > 0 ORDER BY statements DESC, {value}""", params)
        cte, params = self._selected(filters)
        return self._frame(f"""{cte} SELECT {value}, count(*) AS statements FROM sel_{long}
            GROUP BY {value} ORDER BY statements DESC, {value}""", params)

    def country_counts(self, filters: Filters) -> pd.DataFrame:
        """Statements naming each country, most first (``iso3``, ``statements``)."""
        return self._value_counts(filters, "quote_countries", "iso3", "agg_country")

    def topic_counts(self, filters: Filters) -> pd.DataFrame:
        """Statements per topic id, most first (``topic``, ``statements``)."""
        return self._value_counts(filters, "quote_topics", "topic", "agg_topic")

    def country_pairs(self, filters: Filters) -> pd.DataFrame:
        """How often two countries are named in the same statement (``a``, ``b``, ``statements``)."""
        if filters.is_empty:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            return self._frame(f"SELECT a, b, {counted} AS statements FROM agg_pairs WHERE {counted} > 0 "
                               f"ORDER BY statements DESC, {first}, a, b")
        sliced = self._slice(filters)
        if sliced:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            return self._frame(f"SELECT a, b, {counted} AS statements FROM s_pairs WHERE fdim = ? AND fval = ? "
                               f"AND {counted} > 0 ORDER BY statements DESC, {first}, a, b", list(sliced))
        union = self._union(filters)
        if union:
            counted = self._counted(filters)
            first = "first_pos" if counted == "statements" else "first_pos_all"
            rows, params = self._union_of(union, "s_pairs", f"a, b, {counted} AS n, {first} AS first", f"""
                SELECT a, b, -sum(w), min(pos) FILTER (WHERE w < 0) FROM (SELECT DISTINCT x.pos, x.w, x.iso3 AS a,
                    y.iso3 AS b
                    FROM (SELECT pos, w, unnest(countries) AS iso3 FROM {union[2]}) x
                    JOIN (SELECT pos, unnest(countries) AS iso3 FROM {union[2]}) y ON x.pos = y.pos AND x.iso3 < y.iso3)
                GROUP BY a, b""")
            return self._frame(f"""SELECT a, b, sum(n)::BIGINT AS statements FROM ({rows}) GROUP BY a, b
                HAVING sum(n) > 0 ORDER BY statements DESC, min(first), a, b""", params)
        cte, params = self._selected(filters)
        return self._frame(f"""{cte}, c AS (SELECT pos, iso3 FROM sel_quote_countries),
            p AS (SELECT DISTINCT x.pos, x.iso3 AS a, y.iso3 AS b FROM c x
                  JOIN c y ON x.pos = y.pos AND x.iso3 < y.iso3)
            SELECT a, b, count(*) AS statements FROM p GROUP BY a, b ORDER BY statements DESC, min(pos), a, b""",
                           params)

    def statements_over_time(self, filters: Filters, freq: str = "MS") -> pd.DataFrame:
        """Statements per period by article date (``period``, ``statements``); undated ones left out."""
        period = PERIODS.get(freq[:1].upper())
        if period is None:
            raise ValueError(f"period must start with one of {', '.join(PERIODS)}, not {freq!r}")
        if filters.is_empty and period == "month":
            counted = self._counted(filters)
            frame = self._frame(f"SELECT month AS period, {counted} AS statements FROM agg_month "
                                f"WHERE month IS NOT NULL AND {counted} > 0 ORDER BY period")
        elif period == "month" and self._floor(filters) is not None:
            counted = self._counted(filters)
            frame = self._frame(f"SELECT month AS period, {counted} AS statements FROM f_month WHERE floor = ? "
                                f"AND month IS NOT NULL AND {counted} > 0 ORDER BY period", [self._floor(filters)])
        elif period == "month" and self._slice(filters):
            counted = self._counted(filters)
            frame = self._frame(f"SELECT month AS period, {counted} AS statements FROM s_month WHERE fdim = ? "
                                f"AND fval = ? AND month IS NOT NULL AND {counted} > 0 ORDER BY period",
                                list(self._slice(filters)))
        elif period == "month" and self._union(filters):
            union = self._union(filters)
            rows, params = self._union_of(union, "s_month", f"month, {self._counted(filters)} AS n",
                                          f"SELECT date_trunc('month', day)::DATE, -sum(w) FROM {union[2]} GROUP BY 1")
            frame = self._frame(f"""SELECT month AS period, sum(n)::BIGINT AS statements FROM ({rows})
                WHERE month IS NOT NULL GROUP BY month HAVING sum(n) > 0 ORDER BY period""", params)
        else:
            cte, params = self._selected(filters, "q.day")
            frame = self._frame(f"""{cte} SELECT date_trunc('{period}', day) AS period, count(*) AS statements
                FROM sel WHERE day IS NOT NULL GROUP BY period ORDER BY period""",
                                params)
        frame["period"] = pd.to_datetime(frame["period"])
        return frame

    def undated_statements(self, filters: Filters) -> int:
        """How many selected statements have no readable article date."""
        if filters.is_empty:
            rows = self._sql(f"SELECT {self._counted(filters)} FROM agg_month WHERE month IS NULL")
            return int(rows[0][0]) if rows else 0
        if self._floor(filters) is not None:
            rows = self._sql(f"SELECT {self._counted(filters)} FROM f_month WHERE floor = ? AND month IS NULL",
                             [self._floor(filters)])
            return int(rows[0][0]) if rows else 0
        sliced = self._slice(filters)
        if sliced:
            rows = self._sql(f"SELECT {self._counted(filters)} FROM s_month WHERE fdim = ? AND fval = ? "
                             "AND month IS NULL", list(sliced))
            return int(rows[0][0]) if rows else 0
        union = self._union(filters)
        if union:
            rows, params = self._union_of(union, "s_month", f"{self._counted(filters)} AS n",
                                          f"SELECT -coalesce(sum(w), 0) FROM {union[2]} WHERE day IS NULL",
                                          "AND month IS NULL")
            return int(self._sql(f"SELECT coalesce(sum(n), 0) FROM ({rows})", params)[0][0])
        cte, params = self._selected(filters, "q.day")
        return int(self._sql(f"{cte} SELECT count(*) FROM sel WHERE day IS NULL", params)[0][0])

    def date_range(self, filters: Filters) -> tuple | None:
        """The first and last article date (``datetime.date``) of the selected statements; None when none is dated."""
        cte, params = self._selected(filters, "q.day")
        first, last = self._sql(f"{cte} SELECT min(day), max(day) FROM sel", params)[0]
        return None if first is None else (first, last)

    def statements_by(self, filters: Filters, column: str) -> pd.DataFrame:
        """Selected statements per value of ``column`` (``article_id`` or ``outlet``; missing values
        as None), most first, ties by value (``column``, ``statements``).
        """
        if column not in ("article_id", "outlet"):
            raise ValueError(f"statements are counted by article_id or outlet, not {column!r}")
        cte, params = self._selected(filters, f"q.{column}")
        return self._frame(f"""{cte} SELECT {column}, count(*) AS statements FROM sel GROUP BY {column}
            ORDER BY statements DESC, {column} NULLS LAST""", params)

    def tone_bins(self, filters: Filters, bins: int = 20) -> pd.DataFrame:
        """Selected statements per tone bin (``bin`` 0 .. ``bins`` - 1 over -1 .. +1, ``statements``)."""
        cte, params = self._selected(filters, "q.tone")
        return self._frame(f"""{cte} SELECT least(greatest(floor((tone + 1) * ? / 2), 0), ? - 1)::BIGINT AS bin,
            count(*) AS statements FROM sel WHERE tone IS NOT NULL AND NOT isnan(tone) GROUP BY bin ORDER BY bin""",
                           [*params, bins, bins])

    def country_evidence(self, filters: Filters) -> pd.DataFrame:
        """Country mentions in the articles of the selected statements, counted by the words that
        named them (``key``, ``evidence``, ``via``, ``mentions``, ``first``: the first one's place).
        """
        if self._floor(filters) is not None:
            return self._frame("SELECT key, evidence, via, mentions, first FROM f_evidence WHERE floor = ? "
                               "AND variant = ?", [self._floor(filters), self._variant(filters)])
        if filters.is_empty and "agg_evidence" in self._tables:  # the Countries page's landing view
            return self._frame("SELECT key, evidence, via, mentions, first FROM agg_evidence WHERE variant = ?",
                               [self._variant(filters)])
        cte, params = self._selected(filters, "q.article_id")
        # The selection's articles once each, then the mentions of those (a semi-join with every
        # selected statement's article was 6 times slower at 100,000 realistic articles).
        return self._frame(f"""{cte}, a AS (SELECT DISTINCT article_id FROM sel)
            SELECT key, evidence, via, count(*) AS mentions, min(mpos) AS first
            FROM mentions m SEMI JOIN a USING (article_id) WHERE m.kind = 'country'
            GROUP BY key, evidence, via""", params)

    def side_counts(self, filters: Filters, by: str, value, phrases: bool = True) -> dict:
        """What the Compare page needs of one side: the statements of ``filters`` by the speaker
        ``value`` (``by`` "speaker"), naming the country or of the topic ``value`` ("country",
        "topic"), or dated within ``value`` ("period": a (first, last) pair of dates, both days
        included): ``statements``, named ``speakers``, ``articles``, ``topics`` and ``countries``
        (value -> statements), ``phrases`` (key phrase -> statements, as :meth:`phrase_counts`) and
        ``tone`` (n, mean, variance). Without ``phrases``, ``phrases`` is left out (the Compare page
        ranks them in SQL: :meth:`analysis.engine.sides.Sides.distinctive_phrases`).
        """
        also = self._narrowing(by, value)
        cte, params = self._selected(filters, "q.pos, q.speaker, q.article_id, q.tone", also)
        statements, speakers, articles, n, mean, variance = self._sql(
            f"""{cte} SELECT count(*), count(DISTINCT speaker), count(DISTINCT article_id),
                count(tone) FILTER (WHERE NOT isnan(tone)), avg(tone) FILTER (WHERE NOT isnan(tone)),
                var_samp(tone) FILTER (WHERE NOT isnan(tone)) FROM sel""", params)[0]
        counts = {}
        for name, long, column in (("topics", "quote_topics", "topic"), ("countries", "quote_countries", "iso3")):
            counts[name] = dict(self._sql(f"""{cte} SELECT {column}, count(DISTINCT pos) FROM sel_{long}
                GROUP BY {column}""", params)) if statements else {}
        side = {"statements": int(statements), "speakers": int(speakers), "articles": int(articles),
                "tone": (int(n), mean, variance), **counts}
        if phrases:
            found = []
            if statements:
                cte, params = self._selected(filters, "q.phrase_groups", also)
                found = self._sql(f"""{cte}, x AS (SELECT unnest(phrase_groups) AS group_id FROM sel)
                    SELECT g.name, count(*) FROM x JOIN phrase_groups g USING (group_id) GROUP BY g.name""", params)
            side["phrases"] = {name: int(k) for name, k in found}
        return side

    def option_values(self) -> dict[str, list[str]]:
        """Values offered in the filter widgets, most frequent first, ties alphabetical (as
        :func:`analysis.query.option_values`).
        """
        speakers = [s for (s,) in self._sql("SELECT speaker FROM agg_speaker ORDER BY statements_all DESC, speaker")]
        countries = [c for (c,) in self._sql("SELECT iso3 FROM agg_country ORDER BY statements_all DESC, iso3")]
        if "agg_mentioned" in self._tables:
            mentioned = [c for (c,) in self._sql("SELECT key FROM agg_mentioned ORDER BY n DESC, key")]
        else:  # a warehouse of an earlier build
            mentioned = [c for (c,) in self._sql(
                "SELECT key FROM mentions WHERE kind = 'country' AND key IS NOT NULL GROUP BY key "
                "ORDER BY count(*) DESC, key")]
        seen = set(countries)
        countries += [c for c in mentioned if c not in seen]
        topics = [t for (t,) in self._sql("SELECT topic FROM agg_topic ORDER BY statements_all DESC, topic")]
        seen = set(topics)
        topics += [t for (t,) in self._sql("SELECT topic FROM hit_topics WHERE topic IS NOT NULL "
                                           "ORDER BY n DESC, topic") if t not in seen]
        return {"country": countries, "topic": topics, "speaker": speakers}
