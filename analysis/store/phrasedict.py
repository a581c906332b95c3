"""The warehouse's phrase dictionary, numbered in DuckDB so the build's memory does not grow with it.

:class:`analysis.keywords.PhraseNumbering` numbers every surface form and every group of forms
(same stem set) in order of first sight, in Python dicts: at 100,000 realistic articles (1.85
million forms, 1.67 million groups) those dicts and the lists made from them took the build from 0.6
to 2.1 GB (docs/speed.md, session 14). Here the same ids come from SQL, under DuckDB's memory
limit (it spills beyond it):

1. :meth:`PhraseStream.add`, chunk by chunk of statements in ``pos`` order, writes each statement's
   forms as written (table ``phr_occ``: ``pos``, ``forms``) and each form not written recently
   with the number of its first occurrence in the whole pass (``phr_seen``: ``form``, ``first``,
   its stem set ``key`` and ``rarity``). Python keeps only bounded caches of recent texts and forms.
2. :meth:`PhraseStream.finish` numbers the forms by their first occurrence and the stem sets by
   their first form, after those of the previous warehouse ``prev`` when appending (its ids are
   kept), writes ``phrase_forms`` / ``phrase_groups``, and each statement's ids into ``phr``
   range by range of ``pos``.

The result equals :class:`~analysis.keywords.PhraseNumbering`'s (tests/analysis/store/test_phrasedict.py).
"""

from __future__ import annotations

import pyarrow as pa

from analysis.keywords.statements import phrases_of_text, stem_idf, word_stems

#: Distinct statement texts whose forms are remembered (a wire story printed by many outlets is
#: split once); emptied when full. At 100,000 (the build's until session 14) it held 120 MB of the
#: 100,000 realistic articles' texts, all distinct; at 20,000, 25 MB (benchmarks/phrase_dict.py).
TEXT_CACHE = 20_000
#: Forms remembered as already written to ``phr_seen`` (a form seen again is not written again),
#: in two generations of at most this many: when the newer is full, the older is forgotten. A form
#: forgotten is written again: only its earliest ``first`` counts.
FORM_CACHE = 100_000
#: Statements whose ids :meth:`PhraseStream.finish` writes to ``phr`` per query.
RANGE_ROWS = 250_000
#: Python's ``str.isupper`` of a form's first character, in SQL (as :func:`analysis.keywords.best_form`).
_CAPITAL = "(upper(left(p.form, 1)) = left(p.form, 1) AND lower(left(p.form, 1)) <> left(p.form, 1))"


def form_key(form: str) -> tuple[str, float]:
    """A surface form's group key (its sorted stem set, space-separated) and rarity (mean
    :func:`stem_idf` of its stems as they come, as :meth:`PhraseNumbering.rarity` counts them).
    """
    stems = tuple(stem for word in form.split(" ") for stem in word_stems(word))
    return " ".join(sorted(set(stems))), sum(stem_idf(s) for s in stems) / len(stems)


class PhraseStream:
    """Writes the phrases of statements read in ``pos`` order into DuckDB, then numbers them there."""

    def __init__(self, con, text_cache: int = TEXT_CACHE, form_cache: int = FORM_CACHE) -> None:
        """Create the empty tables ``phr_occ`` and ``phr_seen`` in the open database ``con``."""
        self.con = con
        self.text_cache, self.form_cache = text_cache, form_cache
        self.texts: dict[str | None, list[str]] = {}
        self.written: set[str] = set()
        self.older: set[str] = set()
        self.occurrences = 0
        con.execute("CREATE OR REPLACE TABLE phr_occ (pos BIGINT, forms VARCHAR[])")
        con.execute("CREATE OR REPLACE TABLE phr_seen (form VARCHAR, first BIGINT, key VARCHAR, rarity DOUBLE)")

    def add(self, positions: list[int], texts: list[str | None]) -> None:
        """Write the phrases of the next statements (``positions`` increasing, after those added before)."""
        lists, new = [], {}
        for text in texts:
            forms = self.texts.get(text)
            if forms is None:
                forms = [" ".join(words) for words in phrases_of_text(text or "")]
                if len(self.texts) >= self.text_cache:
                    self.texts.clear()
                self.texts[text] = forms
            for i, form in enumerate(forms):
                if form not in self.written and form not in self.older and form not in new:
                    new[form] = self.occurrences + i
            self.occurrences += len(forms)
            lists.append(forms)
        if len(self.written) + len(new) > self.form_cache:
            self.older, self.written = self.written, set()
        self.written.update(new)
        keys = [form_key(form) for form in new]
        self._insert("phr_occ", pa.table({"pos": pa.array(positions, pa.int64()),
                                          "forms": pa.array(lists, pa.list_(pa.string()))}))
        self._insert("phr_seen", pa.table({"form": pa.array(list(new), pa.string()),
                                           "first": pa.array(list(new.values()), pa.int64()),
                                           "key": pa.array([k for k, _ in keys], pa.string()),
                                           "rarity": pa.array([r for _, r in keys], pa.float64())}))

    def _insert(self, table: str, rows: pa.Table) -> None:
        """Append an arrow table's rows to a table of the same columns."""
        self.con.register("phr_rows", rows)
        self.con.execute(f"INSERT INTO {table} SELECT * FROM phr_rows")
        self.con.unregister("phr_rows")

    def finish(self, appending: bool = False, range_rows: int = RANGE_ROWS) -> None:
        """Number what was added: tables ``phrase_forms`` (``form_id``, ``form``, ``group_id``) and
        ``phrase_groups`` (``group_id``, ``stems`` sorted, ``rarity``, ``name``: the form shown), and
        each added statement's ``phrase_groups`` (each group once, in order) and ``phrase_forms``
        (every occurrence) appended to table ``phr`` (``pos``, ``phrase_groups``, ``phrase_forms``),
        which holds the previous statements' already when ``appending``.

        With ``appending``, the dictionary of the attached previous warehouse ``prev`` comes first,
        its ids unchanged; a form or stem set it has keeps its id.
        """
        con = self.con
        old_forms = "ANTI JOIN prev.phrase_forms USING (form)" if appending else ""
        con.execute(f"""CREATE OR REPLACE TABLE phr_nf AS SELECT form, min(first) AS first, any_value(key) AS key,
                        arg_min(rarity, first) AS rarity FROM phr_seen {old_forms} GROUP BY form""")
        con.execute("DROP TABLE phr_seen")
        old_groups = "SELECT array_to_string(stems, ' ') AS key, group_id, stems, rarity FROM prev.phrase_groups"
        n_groups = con.execute("SELECT count(*) FROM prev.phrase_groups").fetchall()[0][0] if appending else 0
        n_forms = con.execute("SELECT count(*) FROM prev.phrase_forms").fetchall()[0][0] if appending else 0
        # A new group is a new form's stem set the previous dictionary lacks, first seen with its first form.
        con.execute(f"""CREATE OR REPLACE TABLE phr_gid AS
            {old_groups + ' UNION ALL' if appending else ''}
            SELECT key, {n_groups} + row_number() OVER (ORDER BY first) - 1 AS group_id,
                string_split(key, ' ') AS stems, rarity
            FROM (SELECT key, min(first) AS first, arg_min(rarity, first) AS rarity FROM phr_nf
                  {f'ANTI JOIN ({old_groups}) USING (key)' if appending else ''} GROUP BY key)""")
        old = "SELECT form_id, form, group_id FROM prev.phrase_forms UNION ALL" if appending else ""
        con.execute(f"""CREATE TABLE phrase_forms AS {old}
            SELECT {n_forms} + row_number() OVER (ORDER BY n.first) - 1 AS form_id, n.form, g.group_id
            FROM phr_nf n JOIN phr_gid g USING (key) ORDER BY form_id""")
        con.execute("DROP TABLE phr_nf")
        self._statements(range_rows)
        con.execute("DROP TABLE phr_occ")
        con.execute(f"""CREATE TABLE phrase_groups AS
            WITH c AS (SELECT form_id, count(*) AS n FROM (SELECT unnest(phrase_forms) AS form_id FROM phr)
                       GROUP BY form_id),
            b AS (SELECT p.group_id, first(p.form ORDER BY c.n DESC, {_CAPITAL} DESC, p.form DESC) AS name
                  FROM c JOIN phrase_forms p USING (form_id) GROUP BY p.group_id)
            SELECT g.group_id, g.stems, g.rarity, b.name FROM phr_gid g LEFT JOIN b USING (group_id)
            ORDER BY g.group_id""")
        con.execute("DROP TABLE phr_gid")

    def _statements(self, range_rows: int) -> None:
        """Append each statement of ``phr_occ`` with its ids to ``phr``, range by range of ``pos``."""
        low, end = self.con.execute("SELECT min(pos), max(pos) + 1 FROM phr_occ").fetchall()[0]
        for start in range(int(low or 0), int(end or 0), range_rows):
            where = f"pos >= {start} AND pos < {start + range_rows}"
            self.con.execute(f"""INSERT INTO phr
                WITH o AS (SELECT pos, unnest(forms) AS form, generate_subscripts(forms, 1) AS i
                           FROM phr_occ WHERE {where}),
                l AS (SELECT o.pos, list(p.form_id ORDER BY o.i) AS fs, list(p.group_id ORDER BY o.i) AS gs
                      FROM o JOIN phrase_forms p USING (form) GROUP BY o.pos)
                SELECT s.pos, coalesce(list_filter(l.gs, lambda x, i: list_position(l.gs, x) = i), []::BIGINT[]),
                    coalesce(l.fs, []::BIGINT[])
                FROM (SELECT pos FROM phr_occ WHERE {where}) s LEFT JOIN l USING (pos) ORDER BY s.pos""")
