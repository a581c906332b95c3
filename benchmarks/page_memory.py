"""Where the app's megabytes go, page by page: every page run in one process as the server runs them.

Runs the landing page, then each page (``--pages``) in its own AppTest session, one after the
other in this process (the caches shared between sessions stay, as in the server), and reports
after each: the process's RSS, its high-water mark so far and within the page's run alone (the
kernel's VmHWM, reset before each run through ``/proc/self/clear_refs``), the Python heap (``tracemalloc``: what
Python objects hold), DuckDB's own buffers (``duckdb_memory()`` of the engine's connection),
and the growth of the Python heap by the app module that allocated it (the innermost frame of
``ui/``, ``pages/`` or ``analysis/`` in each allocation's stack; else the library's package).
What is neither Python's heap nor DuckDB's is the libraries' native memory (Arrow, numpy
buffers allocated outside Python's allocator) and the allocator's free-but-kept pages.

Usage::

    .venv/bin/python benchmarks/page_memory.py STORE [--pages overview,quotes] [--query "?country=DEU"] [--top 6]

``--no-trace`` measures without ``tracemalloc`` (its own bookkeeping costs memory and time);
``--native`` adds where the rest is (anonymous and file-backed pages, malloc's bytes in use and
free, pyarrow's pool).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import tracemalloc
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

PAGES = ["overview", "quotes", "countries", "topics", "speakers", "reader", "corpus", "compare", "briefing"]
#: Where an allocation is filed when no app frame is in its stack: these libraries by name.
LIBRARIES = ("streamlit", "pandas", "pyarrow", "duckdb", "plotly", "numpy", "tornado", "google")


def status_mb() -> tuple[float, float]:
    """RSS and high-water mark (VmHWM) of the running process, MB."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, amount = line.split(":")
                values[name] = int(amount.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def reset_peak() -> bool:
    """Reset the kernel's high-water mark of this process (VmHWM) to its RSS now: the next
    :func:`status_mb` then gives the peak of what ran since. False where the kernel does not allow it.
    """
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def native_mb() -> str:
    """Where the process's memory is, MB: anonymous (heap-like) and file-backed resident pages
    (``/proc/self/smaps_rollup``), glibc malloc's bytes in use and free-but-kept (``mallinfo2``),
    and pyarrow's default pool (its backend, bytes allocated now).
    """
    import ctypes

    rollup = {}
    with open("/proc/self/smaps_rollup", encoding="ascii") as handle:
        for line in handle:
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                rollup[name] = int(rest.split()[0]) / 1024

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                     "fordblks", "keepcost")]

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    in_use = (info.uordblks + info.hblkhd) / 2**20
    pool = ""
    if "pyarrow" in sys.modules:
        arrow = sys.modules["pyarrow"].default_memory_pool()
        pool = f", arrow {arrow.backend_name} {arrow.bytes_allocated() / 2**20:.0f}"
    return (f"anon {rollup.get('Anonymous', 0):.0f}, file {rollup.get('Rss', 0) - rollup.get('Anonymous', 0):.0f}, "
            f"malloc in use {in_use:.0f} free {info.fordblks / 2**20:.0f}{pool}")


def duckdb_mb(store: str) -> float:
    """MB held by DuckDB's buffer manager on the engine's connection of ``store`` (0 without one)."""
    from analysis.engine.core import _ENGINES

    engine = _ENGINES.get(store)
    if engine is None:
        return 0.0
    cursor = engine._conn.cursor()
    try:
        return (cursor.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0] or 0) / 2**20
    finally:
        cursor.close()


def owner(trace: tracemalloc.Traceback) -> str:
    """The app file (``ui/x.py``) of the innermost app frame of an allocation, else its library."""
    for frame in reversed(trace):  # innermost last in tracemalloc's order: walk from the allocation up
        path = frame.filename
        if path.startswith(REPO) and "/benchmarks/" not in path and "/.venv/" not in path:
            return os.path.relpath(path, REPO)
    for frame in reversed(trace):
        for library in LIBRARIES:
            if f"/{library}/" in frame.filename:
                return library
    return "other"


def grown(before: tracemalloc.Snapshot, after: tracemalloc.Snapshot, top: int) -> list[tuple[str, float]]:
    """The ``top`` owners (:func:`owner`) whose allocations grew most from ``before`` to ``after``, MB."""
    totals: dict[str, float] = {}
    for stat in after.compare_to(before, "traceback"):
        totals[owner(stat.traceback)] = totals.get(owner(stat.traceback), 0.0) + stat.size_diff / 2**20
    return sorted(totals.items(), key=lambda item: -item[1])[:top]


def main(argv: list[str] | None = None) -> None:
    """Run the pages and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--query", default="", help="URL query of every page, e.g. ?country=DEU")
    parser.add_argument("--top", type=int, default=5, help="owners of the heap's growth listed per page")
    parser.add_argument("--no-trace", action="store_true", help="without tracemalloc")
    parser.add_argument("--native", action="store_true",
                        help="also where the native memory is after each page (smaps, malloc, pyarrow's pool)")
    args = parser.parse_args(argv)
    store = os.path.abspath(args.store)
    os.environ["QUOTE_ATLAS_STORE"] = store
    logging.disable(logging.CRITICAL)
    trace = not args.no_trace
    if trace:
        tracemalloc.start(30)
    from streamlit.testing.v1 import AppTest

    params = urllib.parse.parse_qs(args.query.lstrip("?"))
    rss0, _ = status_mb()
    print(f"store {store}; RSS before streamlit's app ran {rss0:.0f} MB; load {os.getloadavg()[0]:.1f}\n")
    print("| after | seconds | RSS MB | VmHWM MB | peak in the run MB | Python heap MB (peak in the run) | DuckDB MB | "
          "heap growth by owner, MB |\n|---|---:|---:|---:|---:|---:|---:|---|")
    overall = 0.0
    snapshot = tracemalloc.take_snapshot() if trace else None
    sessions = []  # kept alive, as the server keeps open sessions
    for name in ["landing", *args.pages.split(",")]:
        at = AppTest.from_file(os.path.join(REPO, "dashboard.py"), default_timeout=900)
        for key, values in params.items():
            at.query_params[key] = values if len(values) > 1 else values[0]
        if trace:
            tracemalloc.reset_peak()
        overall = max(overall, status_mb()[1])
        reset = reset_peak()
        start = time.perf_counter()
        at.run()
        if name != "landing":
            at.switch_page(f"pages/{name}.py").run()
        took = time.perf_counter() - start
        sessions.append(at)
        rss, run_peak = status_mb()
        hwm = overall = max(overall, run_peak)
        heap, peak = tracemalloc.get_traced_memory() if trace else (0, 0)
        growth = ""
        if trace:
            now = tracemalloc.take_snapshot()
            growth = ", ".join(f"{who} {mb:+.1f}" for who, mb in grown(snapshot, now, args.top))
            snapshot = now
        print(f"| {name}{' (exception)' if at.exception else ''} | {took:.2f} | {rss:.0f} | {hwm:.0f} | "
              f"{run_peak:.0f}{'' if reset else ' (not reset)'} | "
              f"{heap / 2**20:.0f} ({peak / 2**20:.0f}) | {duckdb_mb(store):.0f} | {growth} |"
              + (f" {native_mb()} |" if args.native else ""), flush=True)
    print(f"\nload {os.getloadavg()[0]:.1f}")
    kept_results(args.top * 2)


def size_mb(value) -> float:
    """Roughly what ``value`` holds, MB: a frame's deep memory, a figure's JSON, else its pickle."""
    import pickle

    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return value.memory_usage(deep=True).sum() / 2**20
    if hasattr(value, "to_plotly_json"):
        return len(value.to_json()) / 2**20
    if isinstance(value, tuple):
        return sum(size_mb(v) for v in value)
    try:
        return len(pickle.dumps(value)) / 2**20
    except Exception:  # noqa: BLE001 - not picklable: not counted
        return 0.0


def kept_results(top: int) -> None:
    """Print what the process keeps for all sessions (:mod:`ui.shared`, the selection's row pages):
    how many results, their size, and the largest.
    """
    from ui import shared
    from ui.selection import base as selection

    for label, table in (("shared results", shared._results()), ("pages of rows", selection._ROW_PAGES)):
        sizes = sorted(((size_mb(v), str(k[1])[:70]) for k, v in list(table.items())), reverse=True)
        print(f"\n{label}: {len(sizes)} kept, {sum(s for s, _ in sizes):.1f} MB; the largest: "
              + ", ".join(f"{name} {mb:.1f}" for mb, name in sizes[:top]))


if __name__ == "__main__":
    main()
