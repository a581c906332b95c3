"""Key phrases of unions of large values: one store's warehouse against another's, alternating.

The two stores hold the same statements; ``--before`` is a warehouse written before the slices kept
their phrase counts (or any other), ``--after`` one with them (:mod:`analysis.engine.union_phrases`).
Each union's key phrases are asked of both engines in turn, three rounds; the answers must be equal.
Prints a Markdown table: first call / median of the later calls, in ms.

    .venv/bin/python benchmarks/union_phrases.py --before /tmp/briefing-real1m --after /tmp/s16/real1m
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.engine import open_engine  # noqa: E402
from analysis.query import Filters  # noqa: E402

UNIONS = [Filters(countries=("DEU", "UKR")), Filters(countries=("USA", "GBR")),
          Filters(topics=("war", "elections")), Filters(countries=("RUS", "UKR", "USA")),
          Filters(countries=("IDN", "RUS")), Filters(countries=("HRV", "ITA"))]


def main() -> None:
    """Time every union of :data:`UNIONS` on both stores, alternating, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="a store (its warehouse answers the general way)")
    parser.add_argument("--after", required=True, help="the same statements, another warehouse")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    engines = {"before": open_engine(args.before), "after": open_engine(args.after)}
    times: dict[tuple[str, str], list[float]] = {}
    answers: dict[tuple[str, str], list] = {}
    for _round in range(args.rounds):
        for filters in UNIONS:
            label = " | ".join(filters.countries or filters.topics)
            for name, engine in engines.items():
                start = time.perf_counter()
                answers[(label, name)] = engine.statement_keywords(filters, 10)
                times.setdefault((label, name), []).append((time.perf_counter() - start) * 1000)
    print("| union | before: first / later ms | after: first / later ms | same answer |")
    print("|---|---:|---:|---|")
    for filters in UNIONS:
        label = " | ".join(filters.countries or filters.topics)
        before, after = times[(label, "before")], times[(label, "after")]
        same = answers[(label, "before")] == answers[(label, "after")]
        print(f"| {label} | {before[0]:.0f} / {statistics.median(before[1:] or before):.0f} "
              f"| {after[0]:.0f} / {statistics.median(after[1:] or after):.0f} | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
