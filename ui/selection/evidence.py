"""The words that named each country in a selection's articles, from
:meth:`ui.selection.Selection.country_evidence`: the map's hovers and the Countries page's table.
"""

from __future__ import annotations

import pandas as pd


def evidence_words(evidence: pd.DataFrame, limit: int = 6) -> dict[str, str]:
    """iso3 -> the ``limit`` words that named the country most often (ties: the first met first),
    comma-separated, from :meth:`Selection.country_evidence` (the map's hovers).
    """
    named = evidence.dropna(subset=["key", "evidence"])
    if named.empty:
        return {}
    words = (named.groupby(["key", "evidence"]).agg(mentions=("mentions", "sum"), first=("first", "min"))
             .reset_index().sort_values(["key", "mentions", "first"], ascending=[True, False, True]))
    return {key: ", ".join(group["evidence"].head(limit)) for key, group in words.groupby("key", sort=False)}


def evidence_rows(evidence: pd.DataFrame) -> pd.DataFrame:
    """(``key``, ``evidence``, ``via``, ``mentions``) of :meth:`Selection.country_evidence`, by
    country, then most mentions first (ties by words and resolution); rows lacking one are left out.
    """
    rows = evidence.dropna(subset=["key", "evidence", "via"])[["key", "evidence", "via", "mentions"]]
    rows = rows.astype({"key": "str", "evidence": "str", "via": "str", "mentions": "int64"})
    return rows.sort_values(["key", "mentions", "evidence", "via"], ascending=[True, False, True, True],
                            ignore_index=True)

