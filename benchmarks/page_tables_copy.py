"""A copy of a store whose warehouse gains the tables of analysis/store/page_tables.py, timed.

    .venv/bin/python benchmarks/page_tables_copy.py STORE COPY [--memory-mb 512]

``COPY`` gets a link to ``STORE``'s batches and copies of its warehouse and search index (the
store itself is only read); then :func:`analysis.store.page_tables.write_page_tables`, the step
``build`` and ``refresh`` now end with, runs on the copy under DuckDB's ``--memory-mb`` limit, and
its seconds, the process's peak RSS and the file's growth are printed: what the new tables cost a
build. The copy then answers as a warehouse built with them would (benchmarks/engine_pages.py).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> None:
    """Copy, add the tables, print what it cost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("copy")
    parser.add_argument("--memory-mb", type=int, default=512)
    args = parser.parse_args()
    sys.path.insert(0, HERE)
    import duckdb

    from analysis.store.page_tables import write_page_tables
    from analysis.store.warehouse import current_build_id, search_path, warehouse_path

    build_id = current_build_id(args.store)
    if build_id is None:
        raise SystemExit(f"{args.store} has no warehouse")
    os.makedirs(args.copy, exist_ok=False)
    os.symlink(os.path.abspath(os.path.join(args.store, "batches")), os.path.join(args.copy, "batches"))
    started = time.perf_counter()
    shutil.copyfile(search_path(args.store, build_id), search_path(args.copy, build_id))
    shutil.copyfile(warehouse_path(args.store), warehouse_path(args.copy))
    copied = time.perf_counter() - started
    before = os.path.getsize(warehouse_path(args.copy))
    started = time.perf_counter()
    with duckdb.connect(warehouse_path(args.copy)) as con:
        con.execute(f"SET memory_limit = '{int(args.memory_mb)}MB'")
        con.execute(f"SET temp_directory = '{os.path.join(args.copy, '.spill')}'")
        write_page_tables(con)
        con.execute("CHECKPOINT")
    spent = time.perf_counter() - started
    shutil.rmtree(os.path.join(args.copy, ".spill"), ignore_errors=True)
    after = os.path.getsize(warehouse_path(args.copy))
    print(f"copied in {copied:.1f} s; page tables written in {spent:.1f} s under {args.memory_mb} MB, "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB, "
          f"warehouse {before / 2**20:.0f} -> {after / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
