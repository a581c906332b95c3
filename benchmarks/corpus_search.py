"""The Corpus page's full-text search at scale: the first query's seconds and the process's memory,
before (an in-memory :class:`analysis.search.ArticleIndex` of every article's text, read from every
batch) and after (the warehouse's article index, :mod:`analysis.store.article_search`).

Each way runs in a fresh process (``--one``), as the app's first search after a start::

    nice -n 10 .venv/bin/python benchmarks/corpus_search.py STORE            # before and after, JSON
    nice -n 10 .venv/bin/python benchmarks/corpus_search.py STORE --add-index  # a format-4 copy -> 5

``--add-index`` writes the article index into the search file of a warehouse built before it
existed (or again, replacing it: to time the pass alone) and stamps it format 5, in place (a
benchmark copy only: not atomic, where ``build`` and ``refresh`` rewrite the whole warehouse).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

#: The searches timed after the first one (the first is ``--query``).
QUERIES = ("minister", '"prime minister"', "title:ukraine", "minist* -trump", "zzzqqqxx")


def _rss_mb() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process in MB, from /proc."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def one(store: str, way: str, query: str) -> dict:
    """In this process: open the engine, then the first search ``query`` the ``way`` given
    (``before``/``after``), then :data:`QUERIES`; seconds and memory.
    """
    from analysis.engine import open_engine

    start = time.perf_counter()
    engine = open_engine(store)
    opened = time.perf_counter() - start
    rss_open, _ = _rss_mb()
    first = time.perf_counter()
    if way == "before":
        from analysis.search import ArticleIndex
        from analysis.store import article_texts

        articles = engine.articles_of(None, ("article_id", "title"))
        ids = articles["article_id"].astype(object).tolist()
        texts = article_texts(store, ids)
        searched = ArticleIndex(ids, articles["title"].astype(object).fillna("").tolist(),
                                [texts.get(a) or "" for a in ids])
        del texts
    else:
        searched = engine.article_search()
        if searched is None:
            raise SystemExit(f"{store}: the warehouse has no article index (run --add-index on a copy)")
    total, hits = searched.search(query, limit=50)
    first_seconds = time.perf_counter() - first
    rss_first, _ = _rss_mb()
    later = {}
    for text in QUERIES:
        begin = time.perf_counter()
        count, shown = searched.search(text, limit=50)
        later[text] = {"ms": round(1000 * (time.perf_counter() - begin)), "articles": count, "shown": len(shown)}
    rss_end, peak = _rss_mb()
    return {"way": way, "articles": engine.store_facts()["articles"], "open_s": round(opened, 2),
            "first_query": query, "first_s": round(first_seconds, 2), "first_articles": total,
            "first_shown": len(hits), "rss_open_mb": round(rss_open), "rss_after_first_mb": round(rss_first),
            "rss_end_mb": round(rss_end), "peak_mb": round(peak), "later": later}


def add_index(store: str) -> dict:
    """In this process: the article index written (again) into a warehouse's search file, stamped 5."""
    import sqlite3

    import duckdb

    from analysis.store import list_batches
    from analysis.store.article_search import write_article_index
    from analysis.store.warehouse import BUILD_MEMORY_MB, FORMAT, SEARCH_TOKENIZER, warehouse_path

    start = time.perf_counter()
    with duckdb.connect(warehouse_path(store)) as con:
        con.execute(f"SET memory_limit = '{BUILD_MEMORY_MB}MB'")
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        batches = json.loads(meta["batches"])
        assert batches == list_batches(store), "the warehouse is not current"
        search_file = os.path.join(store, meta["search_file"])
        with sqlite3.connect(search_file) as fts:
            for table in ("a", "ids"):
                fts.execute(f"DROP TABLE IF EXISTS {table}")
            fts.commit()
        fts.close()
        with sqlite3.connect(search_file) as fts:
            fts.execute("VACUUM")
        fts.close()
        before = os.path.getsize(search_file)
        start = time.perf_counter()
        added = write_article_index(con, store, batches, search_file, SEARCH_TOKENIZER)
        con.execute("UPDATE meta SET value = ? WHERE key = 'format'", [str(FORMAT)])
        con.execute("CHECKPOINT")
    return {"seconds": round(time.perf_counter() - start, 1), "articles": added, "peak_mb": round(_rss_mb()[1]),
            "search_file_mb": [round(before / 2**20), round(os.path.getsize(search_file) / 2**20)]}


def main() -> None:
    """Run the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("--add-index", action="store_true", help="add the article index to a format-4 copy")
    parser.add_argument("--one", choices=("before", "after"), help="(internal) one way in this process")
    parser.add_argument("--query", default="missile", help="the first search")
    parser.add_argument("--rounds", type=int, default=1, help="fresh processes per way, alternating")
    args = parser.parse_args()
    if args.add_index:
        print(json.dumps(add_index(args.store)))
        return
    if args.one:
        print(json.dumps(one(args.store, args.one, args.query)))
        return
    results = []
    for _ in range(args.rounds):
        for way in ("after", "before"):
            run = subprocess.run([sys.executable, __file__, args.store, "--one", way, "--query", args.query],
                                 capture_output=True, text=True, check=True, cwd=REPO)
            results.append(json.loads(run.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), flush=True)


if __name__ == "__main__":
    main()
