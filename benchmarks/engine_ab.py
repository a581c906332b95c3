"""Two versions of the engine on one warehouse, interleaved filter by filter (fair under load).

    .venv/bin/python benchmarks/engine_ab.py STORE --other /work/main/analysis/engine --filters 300 --memory-mb 128

Loads this checkout's ``analysis/engine`` package and another copy of it (``--other``, e.g. main's;
or a single ``engine.py`` of before the package split),
opens both on STORE's warehouse, and times the filter changes of ``--measure-engine``
(benchmarks/corpus_scale.py: the same random filters and calls), alternating which goes first;
prints p50/p95/max of each and the mean ms per call as a Markdown table.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from analysis.engine import Engine  # noqa: E402
from benchmarks.corpus_scale import (  # noqa: E402
    ENGINE_PARTS,
    FULL_CROSSINGS,
    draw_filters,
    landing_view,
    percentile,
)


def engine_parts(engine) -> list:
    """:data:`ENGINE_PARTS`, with the full crossings instead of the grids for an engine without
    ``cross_grid`` (before session 15: the pages read every pair of values).
    """
    if hasattr(engine, "cross_grid"):
        return ENGINE_PARTS
    grids = [part for part in ENGINE_PARTS if part[0].startswith("cross_grid")]
    first = ENGINE_PARTS.index(grids[0])
    rest = [part for part in ENGINE_PARTS if part not in grids]
    return rest[:first] + FULL_CROSSINGS + rest[first:]


def load_engine_class(path: str):
    """The ``Engine`` class of another copy of the ``analysis/engine`` package (or of a single
    ``engine.py``); the rest of ``analysis`` is this checkout's.
    """
    path = os.path.abspath(path.rstrip("/"))
    if path.endswith(".py"):
        spec = importlib.util.spec_from_file_location("other_engine", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.Engine
    # The package's modules import each other as analysis.engine.*: load the other copy under that
    # name for the moment, then put this checkout's modules back.
    ours = {name: module for name, module in sys.modules.items()
            if name == "analysis.engine" or name.startswith("analysis.engine.")}
    for name in ours:
        del sys.modules[name]
    try:
        spec = importlib.util.spec_from_file_location("analysis.engine", os.path.join(path, "__init__.py"),
                                                      submodule_search_locations=[path])
        module = importlib.util.module_from_spec(spec)
        sys.modules["analysis.engine"] = module
        spec.loader.exec_module(module)
        return module.Engine
    finally:
        for name in [n for n in sys.modules if n == "analysis.engine" or n.startswith("analysis.engine.")]:
            del sys.modules[name]
        sys.modules.update(ours)


def main(argv: list[str] | None = None) -> None:
    """Time both engines over the same filter changes and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--other", required=True, help="path of the other analysis/engine package (or engine.py)")
    parser.add_argument("--filters", type=int, default=300)
    parser.add_argument("--memory-mb", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    engines = {"this": Engine(args.store, args.memory_mb, args.threads),
               "other": load_engine_class(args.other)(args.store, args.memory_mb, args.threads)}
    for engine in engines.values():
        landing_view(engine)
    this = engines["this"]
    filters = draw_filters(this.option_values(), list(this.sample(20_000).itertuples(index=False)), 300)
    filters = filters[:args.filters]
    totals: dict[str, list[float]] = {name: [] for name in engines}
    parts: dict[str, dict[str, float]] = {name: defaultdict(float) for name in engines}
    for number, chosen in enumerate(filters):
        order = list(engines) if number % 2 else list(reversed(engines))
        for name in order:
            start = time.perf_counter()
            for part, function in engine_parts(engines[name]):
                begin = time.perf_counter()
                function(engines[name], chosen)
                parts[name][part] += time.perf_counter() - begin
            totals[name].append(time.perf_counter() - start)
    for name, values in totals.items():
        print(f"{name}: p50 {percentile(values, 0.5) * 1000:.0f} ms, p95 {percentile(values, 0.95) * 1000:.0f} ms, "
              f"max {max(values) * 1000:.0f} ms")
    print("\n| call | this (mean ms) | other (mean ms) |\n|---|---:|---:|")
    calls = dict.fromkeys(part for engine in engines.values() for part, _function in engine_parts(engine))
    for part in calls:
        print(f"| {part} | {parts['this'].get(part, 0) / len(filters) * 1000:.1f} | "
              f"{parts['other'].get(part, 0) / len(filters) * 1000:.1f} |")


if __name__ == "__main__":
    main()
