"""Scoring a selection's key phrases with the groups' stems read in SQL or taken from the shown form.

:func:`analysis.store.warehouse.scored_phrases_sql` with ``stems=True`` joins the phrase dictionary's
stems lists (10 million at a million articles) for the best rows; with ``stems=False`` the engine
takes them from the phrase (:func:`analysis.store.phrasedict.form_stems`). Both queries run in turn
on selections no pre-aggregated table answers; prints the median ms of each and checks the scores and
phrases are the same.

    .venv/bin/python benchmarks/keyword_stems.py /tmp/briefing-real1m
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import keywords  # noqa: E402
from analysis.engine import open_engine  # noqa: E402
from analysis.engine.phrases import SELECTION_COUNTS  # noqa: E402
from analysis.query import Filters  # noqa: E402
from analysis.store.warehouse import scored_phrases_sql  # noqa: E402

SELECTIONS = [Filters(countries=("PAK",), topics=("nuclear",)), Filters(countries=("XKX",)),
              Filters(countries=("UKR",), topics=("war",))]


def main() -> None:
    """Time both queries on each of :data:`SELECTIONS`, alternating, and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    engine = open_engine(args.store)
    bonus = keywords.statements.SHORT_TEXT_LENGTH_BONUS
    print("| selection | statements | stems read in SQL, ms | from the form, ms | same rows |")
    print("|---|---:|---:|---:|---|")
    for filters in SELECTIONS:
        cte, params = engine._selected(filters, "q.phrase_groups, q.phrase_forms")  # noqa: SLF001
        counts = cte[len("WITH "):] + ", " + SELECTION_COUNTS
        times: dict[bool, list[float]] = {True: [], False: []}
        rows: dict[bool, list] = {}
        for _round in range(args.rounds):
            for stems in (True, False):
                sql = scored_phrases_sql(counts, bonus, 300, engine._max_phrase_spaces(), stems=stems)  # noqa: SLF001
                start = time.perf_counter()
                rows[stems] = engine._sql(sql + " LIMIT 300", params)  # noqa: SLF001
                times[stems].append((time.perf_counter() - start) * 1000)
        same = [r[:2] for r in rows[True]] == [r[:2] for r in rows[False]]
        label = " ".join(f"{k}={'|'.join(v)}" for k, v in (("countries", filters.countries),
                                                           ("topics", filters.topics)) if v)
        print(f"| {label} | {engine.count(filters):,} | {statistics.median(times[True]):.0f} "
              f"| {statistics.median(times[False]):.0f} | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
