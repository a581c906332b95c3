"""The Compare page's first view, step by step: seconds and megabytes of its distinctive phrases
ranked in Python (every phrase count of both sides and their background as dicts, the way the page
ranked them until session 16) and in SQL (:meth:`analysis.engine.Engine.distinctive_phrases`), and
whether the two give the same ends of the ranking.

Each step is run after the kernel's high-water mark is reset (``/proc/self/clear_refs``), and
reports the process's RSS after it and its peak during it. The SQL ranking runs first, so the
Python path's objects do not inflate its figures.

Usage::

    .venv/bin/python benchmarks/compare_memory.py STORE [--by speaker] [--a NAME --b NAME]

Without ``--a``/``--b`` the sides are the page's defaults: the two values of ``--by`` with most statements.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
sys.path.insert(0, os.path.join(REPO, "benchmarks"))

from page_memory import reset_peak, status_mb  # noqa: E402


def step(label: str, run):
    """Run ``run()``, print its seconds, the RSS after and the peak during it; return its result."""
    reset_peak()
    start = time.perf_counter()
    result = run()
    rss, peak = status_mb()
    print(f"| {label} | {time.perf_counter() - start:.2f} | {rss:.0f} ({peak:.0f}) |", flush=True)
    return result


def main(argv: list[str] | None = None) -> None:
    """Print a Markdown table of the steps and the comparison of the two rankings' ends."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--by", default="speaker", choices=("speaker", "country", "topic"))
    parser.add_argument("--a")
    parser.add_argument("--b")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)
    from analysis.engine import open_engine
    from analysis.query import Filters
    from ui.compare import PHRASES_KEPT, compare_counts, ends

    engine = open_engine(os.path.abspath(args.store))
    every = Filters(versions_once=False)
    print("| step | s | RSS MB after (peak) |\n|---|---:|---:|")
    if args.a and args.b:
        a, b = args.a, args.b
    else:
        counts = step("the sides by statements (the page's defaults)", lambda: engine.option_values()[args.by])
        a, b = counts[:2]
    sql = step("SQL: Engine.distinctive_phrases", lambda: engine.distinctive_phrases(Filters(), args.by, a, b,
                                                                                     PHRASES_KEPT))
    side_a = step("Python: side A's phrase counts", lambda: engine.side_counts(Filters(), args.by, a))
    side_b = step("Python: side B's phrase counts", lambda: engine.side_counts(Filters(), args.by, b))
    names = sorted(set(side_a["phrases"]) | set(side_b["phrases"]))
    background = step(f"Python: the background of {len(names):,} phrases (a list parameter)",
                      lambda: engine.phrase_counts(every, names=names))
    total = engine.phrase_total(every)
    ranked = step("Python: compare_counts (a Distinctive per phrase)",
                  lambda: compare_counts(side_a, side_b, background, "A", "B", total).phrases)
    python = ends(ranked, PHRASES_KEPT)
    same = [(d.term, d.count_a, d.count_b) for d in sql] == [(d.term, d.count_a, d.count_b) for d in python]
    exact = sum(x.z == y.z for x, y in zip(sql, python, strict=False))
    print(f"\nsides {a!r} ({side_a['statements']:,} statements, {len(side_a['phrases']):,} phrases) and {b!r} "
          f"({side_b['statements']:,}, {len(side_b['phrases']):,}); ranked {len(ranked):,}, kept {len(sql)}; "
          f"same phrases and counts: {same}; z equal bit for bit: {exact} of {len(sql)}; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
