"""The SQL that scores the key phrases of a selection, as :func:`analysis.query.statement_keywords` does.

Read at build (the pre-aggregated key phrases of :mod:`analysis.store.aggregates`,
:mod:`analysis.store.slice_phrases`, :mod:`analysis.store.page_tables`) and by the engine
(:mod:`analysis.engine.phrases`, :mod:`analysis.engine.union_phrases`).
"""

from __future__ import annotations

#: The most spaces in any stored phrase form (``max_spaces`` below). A scan of every form: 1-6 s at a
#: million articles, so the build stores it in the warehouse's ``meta`` (key ``max_phrase_spaces``).
MAX_SPACES_SQL = "SELECT coalesce(max(length(form) - length(replace(form, ' ', ''))), 0) FROM phrase_forms"


def scored_phrases_sql(counts: str, bonus: float, top: int | None = None, max_spaces: int = 0,
                       stems: bool = True) -> str:
    """SQL of every phrase of a selection, best first: ``score``, ``phrase`` (its shown form) and
    ``stems``, as :func:`analysis.query.statement_keywords` scores them.

    ``counts`` defines CTEs ``g`` (group_id, statements) and ``f`` (form_id, occ) of the selection;
    ``bonus`` is :data:`analysis.keywords.statements.SHORT_TEXT_LENGTH_BONUS`. The shown form is
    :func:`analysis.keywords.best_form`'s: most occurrences, then a capitalised first character
    (Python's ``str.isupper``: one that has case and is upper case), then the last in code order.

    With ``top``, only the phrases that can be among the best ``top`` get a shown form (the rows are
    then those ``top``, exactly): a group's score lies between ``statements * rarity`` (no space in
    its form) and that times ``1 + bonus * max_spaces`` (the most spaces of any stored form), so a
    group whose upper bound is below the ``top``-th lower bound cannot be among them. Choosing the
    shown form of every phrase of a large selection (1.5 million forms at 100,000 articles) does
    not fit a small memory limit; the candidates' forms do. The forms' dictionary is read once, for
    the selection's forms, and those of other groups left out after the join (choosing the
    candidates' form ids first read it twice: 1.2 times as long at 100,000 articles).

    With ``top`` and ``stems`` False the third column is the phrase's ``group_id`` instead of its
    stems: joining the groups' stems lists for a few hundred rows read the lists of the whole
    dictionary (10 million groups at a million articles); the caller reads the few it needs by id
    (:meth:`analysis.engine.phrases.Phrases._with_stems`).
    """
    capital = "(upper(left(p.form, 1)) = left(p.form, 1) AND lower(left(p.form, 1)) <> left(p.form, 1))"
    groups, candidates = "g", ""
    if top is not None:
        counts += f""",
        lb AS MATERIALIZED (SELECT g.group_id, g.statements, g.statements * pg.rarity AS low
               FROM g JOIN phrase_groups pg USING (group_id)),
        cut AS (SELECT low FROM lb ORDER BY low DESC LIMIT 1 OFFSET {int(top) - 1}),
        gk AS (SELECT group_id, statements, low FROM lb
               WHERE low * (1.0::DOUBLE + {float(bonus)!r}::DOUBLE * {int(max_spaces)})
                     >= coalesce((SELECT low FROM cut), 0))"""
        groups, candidates = "gk", "WHERE p.group_id IN (SELECT group_id FROM gk)"
    length_bonus = f"(1.0::DOUBLE + {float(bonus)!r}::DOUBLE * (length(b.phrase) - length(replace(b.phrase, ' ', ''))))"
    if top is not None and not stems:  # low is the same product, statements * rarity
        score, third, scored = f"g.low * {length_bonus}", "g.group_id AS group_id", "gk g"
    else:
        score, third = f"g.statements * pg.rarity * {length_bonus}", "pg.stems AS stems"
        scored = f"{groups} g JOIN phrase_groups pg USING (group_id)"
    return f"""WITH {counts},
        best AS (SELECT p.group_id, first(p.form ORDER BY f.occ DESC, {capital} DESC, p.form DESC) AS phrase
                 FROM f JOIN phrase_forms p USING (form_id) {candidates} GROUP BY p.group_id)
        SELECT {score} AS score, b.phrase, {third}
        FROM {scored} JOIN best b USING (group_id)
        ORDER BY score DESC, b.phrase"""
