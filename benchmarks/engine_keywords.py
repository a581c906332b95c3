"""Key phrases and the Compare page's prior of large selections, read by the engine.

    .venv/bin/python benchmarks/engine_keywords.py STORE [--memory-mb 128]

Times, in one fresh process at DuckDB's memory limit ``--memory-mb``, the key phrases
(:meth:`analysis.engine.Engine.statement_keywords`, top 10) of the confident statements (the
Briefing's default selection), of all statements and of two large countries, and the Compare
page's prior: the compared phrases' whole-store counts plus the store's total
(``phrase_counts(names=)``, ``phrase_total``) against every phrase of the store
(``phrase_counts``); prints seconds, the number of rows and the process's peak RSS after each.
A call that runs out of memory is reported as such, not raised.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from analysis.engine import Engine  # noqa: E402
from analysis.query import Filters  # noqa: E402


def _timed(label: str, call) -> object:
    """Run ``call``, print its seconds, size and the peak RSS so far; None when it fails."""
    started = time.perf_counter()
    try:
        result = call()
        outcome = f"{len(result) if hasattr(result, '__len__') else result} rows/value"
    except Exception as error:  # noqa: BLE001 (an engine out of memory is a result here)
        result, outcome = None, f"{type(error).__name__}: {str(error).splitlines()[0][:100]}"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"| {label} | {time.perf_counter() - started:.2f} | {outcome} | {peak} |", flush=True)
    return result


def main() -> None:
    """Parse the arguments and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--memory-mb", type=int, default=128)
    parser.add_argument("--countries", default="DEU,UKR", help="the two-country selection")
    parser.add_argument("--full-prior", action="store_true", help="also read every phrase of the store (slow, large)")
    args = parser.parse_args()
    engine = Engine(args.store, args.memory_mb, 2)
    every = Filters(versions_once=False)
    print(f"{args.store}: {engine.count(every):,} statements, memory limit {args.memory_mb} MB\n")
    print("| call | seconds | result | peak RSS MB |\n|---|---:|---|---:|")
    for label, filters in [("key phrases, confident (>= 0.5)", Filters(min_confidence=0.5)),
                           ("key phrases, all (pre-counted)", Filters()),
                           (f"key phrases, {args.countries}", Filters(countries=tuple(args.countries.split(","))))]:
        _timed(label, lambda f=filters: engine.statement_keywords(f, 10))
    sides = [Filters(countries=(code,)) for code in args.countries.split(",")]
    names = sorted({n for side in sides for n in engine.phrase_counts(side)})
    _timed(f"prior of the compared phrases ({len(names):,})", lambda: engine.phrase_counts(every, names=names))
    _timed("the store's phrase total", lambda: engine.phrase_total(every))
    if args.full_prior:
        _timed("prior of every phrase (before)", lambda: engine.phrase_counts(every))


if __name__ == "__main__":
    main()
