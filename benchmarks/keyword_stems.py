"""Scoring a selection's key phrases with the groups' stems joined in the query or read by group id.

:func:`analysis.store.warehouse.scored_phrases_sql` with ``stems=True`` joins the phrase dictionary's
stems lists (10 million groups at a million articles) for the best rows; with ``stems=False`` it
gives the rows' group ids and the engine reads those groups' stems in a second query
(``Phrases._with_stems``). Both run in turn on selections no pre-aggregated table answers; prints
the median ms of each (the second including its stems query) and checks the rows are equal.

    .venv/bin/python benchmarks/keyword_stems.py /tmp/s17/engine_realistic_1000000
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
              Filters(countries=("DEU",), topics=("elections",)), Filters(countries=("UKR",), topics=("war",))]


def main() -> None:
    """Time both ways on each of :data:`SELECTIONS`, alternating, and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=300, help="rows scored (the engine asks for 300 first)")
    args = parser.parse_args()
    engine = open_engine(args.store)
    bonus = keywords.statements.SHORT_TEXT_LENGTH_BONUS
    spaces = engine._max_phrase_spaces()  # noqa: SLF001
    limit = engine._sql("SELECT current_setting('memory_limit')")[0][0]  # noqa: SLF001
    print(f"engine memory limit {limit}; {args.rounds} rounds, median ms\n")
    print("| selection | statements | stems joined, ms | stems by id, ms | same rows |")
    print("|---|---:|---:|---:|---|")
    for filters in SELECTIONS:
        cte, params = engine._selected(filters, "q.phrase_groups, q.phrase_forms")  # noqa: SLF001
        counts = cte[len("WITH "):] + ", " + SELECTION_COUNTS
        times: dict[bool, list[float]] = {True: [], False: []}
        rows: dict[bool, list] = {}
        for _round in range(args.rounds):
            for joined in (True, False):
                sql = scored_phrases_sql(counts, bonus, args.limit, spaces, stems=joined)
                start = time.perf_counter()
                found = engine._sql(sql + f" LIMIT {int(args.limit)}", params)  # noqa: SLF001
                rows[joined] = found if joined else engine._with_stems(found)  # noqa: SLF001
                times[joined].append((time.perf_counter() - start) * 1000)
        same = rows[True] == rows[False]
        label = " ".join(f"{k}={'|'.join(v)}" for k, v in (("countries", filters.countries),
                                                           ("topics", filters.topics)) if v)
        print(f"| {label} | {engine.count(filters):,} | {statistics.median(times[True]):.0f} "
              f"| {statistics.median(times[False]):.0f} | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
