"""The Corpus page's text search at scale, the code before and after session 20 alternating in one run:
the ranking (bm25 of every match, or of the newest :data:`analysis.store.article_search.RANKED_AT_MOST`
when more match) and the reading of the 50 hits' titles and texts (pyarrow's filtered read of each
hit's batch, or DuckDB reading the hits' rows only).

    nice -n 15 .venv/bin/python benchmarks/search_ab.py STORE --rounds 3          # timings, JSON lines
    nice -n 15 .venv/bin/python benchmarks/search_ab.py STORE --memory --rounds 2  # peak RSS, a process per way
    nice -n 15 .venv/bin/python benchmarks/search_ab.py STORE --unique /tmp/DIR    # texts of a real corpus

The generated stores repeat 300 texts (the text column is a small dictionary per batch), so
``--unique`` also times the read on batches of unique texts (the stored sentences shuffled, the
first batch's lengths), written once into DIR in one row group per file (the stores before) and
in groups of 500 (:data:`analysis.store.schema.ROW_GROUP_ROWS`, batches written since).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from benchmarks.corpus_search import _rss_mb  # noqa: E402  (one reader of /proc for both benchmarks)

QUERIES = ("minister", '"prime minister"', "missile", "title:ukraine", "minist* -trump", "zzzqqqxx")


def _old_read(engine, ids) -> dict[str, tuple]:
    """The hits' titles and texts as before: pyarrow's filtered read of each hit's batch."""
    values: dict[str, tuple] = {}
    for arrow in engine._article_batches("articles", ids, ["article_id", "title", "text"]):
        values.update(zip(arrow.column("article_id").to_pylist(),
                          zip(arrow.column("title").to_pylist(), arrow.column("text").to_pylist(), strict=True),
                          strict=True))
    return values


def _searches(engine) -> dict:
    """The two ways, "before" and "after", each as (ArticleSearch, its read's seconds so far)."""
    from analysis.store.article_search import RANKED_AT_MOST, ArticleSearch

    def timed(read):
        spent = [0.0]

        def run(ids):
            began = time.perf_counter()
            try:
                return read(ids)
            finally:
                spent[0] += time.perf_counter() - began
        return run, spent

    old, old_spent = timed(lambda ids: _old_read(engine, ids))
    new, new_spent = timed(lambda ids: engine.article_records(("title", "text"), ids))
    return {"before": (ArticleSearch(engine._search_file, old, None), old_spent),
            "after": (ArticleSearch(engine._search_file, new, RANKED_AT_MOST), new_spent)}


def timings(store: str, rounds: int) -> None:
    """Each query the old way and the new way in turn (the order swapped every round), one process."""
    from analysis.engine import open_engine

    engine = open_engine(store)
    searches = _searches(engine)
    results: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for number in range(rounds):
        for query in QUERIES:
            answers = {}
            for way in (("before", "after") if number % 2 == 0 else ("after", "before")):
                searched, spent = searches[way]
                spent[0] = 0.0
                began = time.perf_counter()
                answers[way] = searched.search(query, limit=50)
                whole = time.perf_counter() - began
                results.setdefault((query, way), []).append((1000 * whole, 1000 * spent[0]))
            (total, old_hits), (count, new_hits) = answers["before"], answers["after"]
            assert total == count, (query, total, count)
            if searches["after"][0].ranks_all(total):
                assert old_hits == new_hits, query
    for (query, way), runs in results.items():
        whole = [w for w, _ in runs]
        read = [r for _, r in runs]
        print(json.dumps({"query": query, "way": way, "articles": answers_total(searches, query),
                          "ms": [round(w) for w in whole], "median_ms": round(statistics.median(whole)),
                          "read_ms": round(statistics.median(read)),
                          "rank_and_snippets_ms": round(statistics.median(w - r for w, r in runs))}), flush=True)


def answers_total(searches, query: str) -> int:
    """How many articles match ``query`` (the count is the same both ways)."""
    return searches["after"][0].search(query, limit=0)[0]


def one(store: str, way: str) -> dict:
    """In this process: open the engine, run every query ``way``; memory after each step."""
    from analysis.engine import open_engine

    engine = open_engine(store)
    rss_open, _ = _rss_mb()
    searched, _spent = _searches(engine)[way]
    began = time.perf_counter()
    for query in QUERIES:
        searched.search(query, limit=50)
    rss, peak = _rss_mb()
    return {"way": way, "seconds": round(time.perf_counter() - began, 2), "rss_open_mb": round(rss_open),
            "rss_end_mb": round(rss), "peak_mb": round(peak)}


def unique_texts(store: str, folder: str, rounds: int, batches: int = 48) -> None:
    """The read of 50 hits' rows (one in each of ``batches`` files, two in two) from batches of unique
    texts, one row group per file against groups of 500: pyarrow's filtered read and DuckDB's.
    """
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.store.schema import ROW_GROUP_ROWS

    first = sorted(glob.glob(os.path.join(store, "batches", "*", "articles.parquet")))[0]
    source = pq.read_table(first)
    layouts = {"one group": None, f"groups of {ROW_GROUP_ROWS['articles']}": ROW_GROUP_ROWS["articles"]}
    rnd = random.Random(1)
    for name, rows in layouts.items():
        out = os.path.join(folder, name.replace(" ", "_"))
        if os.path.isdir(out):
            continue
        os.makedirs(out)
        sentences = [s for t in set(source.column("text").to_pylist()) for s in t.split(". ")]
        for number in range(batches):
            texts = []
            for length in (len(t) for t in source.column("text").to_pylist()):
                picked, size = [], 0
                while size < length:
                    picked.append(rnd.choice(sentences))
                    size += len(picked[-1]) + 2
                texts.append(". ".join(picked))
            ids = pa.array([f"u{number:03d}-{i}" for i in range(source.num_rows)])
            table = source.set_column(0, "article_id", ids).set_column(
                source.schema.get_field_index("text"), "text", pa.array(texts, pa.string()))
            pq.write_table(table, os.path.join(out, f"b{number:03d}.parquet"), row_group_size=rows)
    con = duckdb.connect()
    con.execute("SET threads = 2")
    for number in range(rounds):
        for name in (layouts if number % 2 == 0 else reversed(list(layouts))):
            files = sorted(glob.glob(os.path.join(folder, name.replace(" ", "_"), "*.parquet")))
            wanted = [(f, rnd.randrange(source.num_rows)) for f in files] + [(f, rnd.randrange(source.num_rows))
                                                                            for f in files[:2]]
            by_file: dict[str, list[int]] = {}
            for path, row in wanted:
                by_file.setdefault(path, []).append(row)
            began = time.perf_counter()
            for path, rows in by_file.items():  # before: pyarrow, filtered on the ids
                pq.read_table(path, columns=["article_id", "title", "text"],
                              filters=[("article_id", "in", [f"u{path[-11:-8]}-{r}" for r in rows])])
            middle = time.perf_counter()
            parts = [f"""SELECT file_row_number, title, text FROM read_parquet(?, file_row_number = true)
                         WHERE file_row_number IN ({", ".join(map(str, rows))})""" for rows in by_file.values()]
            found = con.execute(" UNION ALL ".join(parts), list(by_file)).fetchall()
            assert len(found) == len(wanted)
            print(json.dumps({"layout": name, "round": number, "pyarrow_ms": round(1000 * (middle - began)),
                              "duckdb_ms": round(1000 * (time.perf_counter() - middle)), "rows": len(found),
                              "files": len(by_file)}), flush=True)


def main() -> None:
    """Run the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="peak RSS of each way, a fresh process each")
    parser.add_argument("--one", choices=("before", "after"), help="(internal) one way in this process")
    parser.add_argument("--unique", metavar="DIR", help="time the read on batches of unique texts written in DIR")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.store, args.one)))
    elif args.memory:
        for number in range(args.rounds):
            for way in (("before", "after") if number % 2 == 0 else ("after", "before")):
                run = subprocess.run([sys.executable, __file__, args.store, "--one", way],
                                     capture_output=True, text=True, check=True, cwd=REPO)
                print(run.stdout.strip().splitlines()[-1], flush=True)
    elif args.unique:
        unique_texts(args.store, args.unique, args.rounds)
    else:
        timings(args.store, args.rounds)


if __name__ == "__main__":
    main()
