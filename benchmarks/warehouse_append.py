"""What an upload costs the warehouse: appending new batches against rewriting it whole.

A copy of ``--store`` (its batches) gets a whole warehouse, then ``--uploads`` uploads of
``--articles`` articles each, each committed as one batch (the app commits an upload as one
batch) and followed by :func:`analysis.store.warehouse.write_warehouse`, which appends. The
uploaded articles are copies of ``--base``'s articles under new ids (as
``benchmarks/corpus_scale.py`` replicates them: the warehouse only sees rows, and spaCy's
analysis, which an upload also costs, is not what is measured here). After the last upload the
same store is rewritten whole for comparison. Prints seconds per step and this process's peak RSS.

Usage::

    .venv/bin/python benchmarks/warehouse_append.py --store /work/store300d [--base STORE]
        [--uploads 3] [--articles 1] [--no-versions] [--existing] [--workdir /tmp/quote_atlas_append]

``--existing`` copies the store with its warehouse and times the appends only (no whole writes:
for a large store whose warehouse was built before, e.g. by ``corpus_scale.py --build-warehouse``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from analysis.store import list_batches, load_corpus, write_frames  # noqa: E402
from analysis.store.fs import BATCHES  # noqa: E402
from analysis.store.warehouse import warehouse_path, write_warehouse  # noqa: E402
from benchmarks.corpus_scale import _copy_of, _peak_mb  # noqa: E402


def _appended(store: str) -> bool:
    """Whether the store's warehouse was written by appending."""
    import duckdb

    with duckdb.connect(warehouse_path(store), read_only=True) as con:
        return json.loads(con.execute("SELECT value FROM meta WHERE key = 'appended'").fetchone()[0])


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    """Copy the store, write its warehouse, upload, append, rewrite whole; print the seconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="the store whose batches are copied")
    parser.add_argument("--base", help="the store whose articles are uploaded again under new ids "
                        "(default: --store)")
    parser.add_argument("--uploads", type=int, default=3)
    parser.add_argument("--articles", type=int, default=1, help="articles per upload")
    parser.add_argument("--no-versions", action="store_true", help="warehouse without the repeats step")
    parser.add_argument("--existing", action="store_true", help="copy the store's warehouse too and time "
                        "only the appends")
    parser.add_argument("--workdir", default="/tmp/quote_atlas_append")
    args = parser.parse_args(argv)
    versions = not args.no_versions
    store = os.path.join(args.workdir, "store")
    shutil.rmtree(args.workdir, ignore_errors=True)
    if args.existing:
        shutil.copytree(args.store, store)
    else:
        shutil.copytree(os.path.join(args.store, BATCHES), os.path.join(store, BATCHES))
    base = load_corpus(args.base or args.store)
    rng = random.Random(3)
    ids = base.articles["article_id"].tolist()
    if not args.existing:
        first = _timed(lambda: write_warehouse(store, versions=versions))
        print(f"{len(list_batches(store))} batches; whole warehouse: {first:.1f} s")
    for upload in range(args.uploads):
        chosen = rng.sample(ids, args.articles)
        write_frames(store, _copy_of(base, 900 + upload, chosen, rng))
        took = _timed(lambda: write_warehouse(store, versions=versions))
        print(f"upload {upload + 1} ({args.articles} articles): warehouse {took:.1f} s, "
              f"{'appended' if _appended(store) else 'rewritten whole'}")
    if not args.existing:
        whole = _timed(lambda: write_warehouse(store, versions=versions, append=False))
        print(f"the same store rewritten whole: {whole:.1f} s")
    print(f"peak RSS {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
