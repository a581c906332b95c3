"""The warehouse's phrase numbering alone: Python dicts (PhraseNumbering, the build until session 14)
against the numbering in DuckDB (:mod:`analysis.store.phrasedict`): seconds, peak RSS, same tables.

Usage::

    nice -n 10 .venv/bin/python benchmarks/phrase_dict.py /tmp/s14/pd100k_before/warehouse.duckdb \
        --fractions 0.5 1 --workdir /tmp/s14/pdbench

Each (method, fraction) runs in a fresh process: it reads the first ``fraction`` of the statements'
texts (``pos`` order) from an existing warehouse's ``quotes`` (attached read only), chunk by chunk as
the build does, numbers their phrases into a database of its own under the build's memory limit
(tables ``phr``, ``phrase_forms``, ``phrase_groups``), and prints its seconds (reading and splitting,
then the end phase; and the process's CPU seconds, DuckDB's threads included, the fairer
figure on a shared machine) and its peak RSS (the kernel's high-water mark, reset after the setup). The two
methods' tables are then compared row for row in DuckDB. No search index is written (the same in both).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks.store_check import peak_rss_mb as _peak_mb  # noqa: E402

CHUNK_ROWS = 20_000
TEXT_CACHE = 100_000


def _dicts(con, chunks) -> float:
    """The build's pass until session 14: PhraseNumbering's dicts, then whole Python lists; end seconds."""
    import pyarrow as pa

    from analysis import keywords

    numbering = keywords.PhraseNumbering()
    seen: dict = {}
    for positions, texts in chunks:
        all_groups, all_forms = [], []
        for text in texts:
            known = seen.get(text)
            if known is None:
                forms = numbering.forms_of(text)
                known = (forms, list(dict.fromkeys(numbering.form_group[f] for f in forms)))
                if len(seen) >= TEXT_CACHE:
                    seen.clear()
                seen[text] = known
            else:
                for form in known[0]:
                    numbering.occurrences[form] += 1
            all_forms.append(known[0])
            all_groups.append(known[1])
        con.register("phr_chunk", pa.table({"pos": pa.array(positions, pa.int64()),
                                            "phrase_groups": pa.array(all_groups, pa.list_(pa.int64())),
                                            "phrase_forms": pa.array(all_forms, pa.list_(pa.int64()))}))
        con.execute("INSERT INTO phr SELECT * FROM phr_chunk")
        con.unregister("phr_chunk")
    start = time.perf_counter()
    form_text, form_group, occurrences = list(numbering.form_ids), numbering.form_group, numbering.occurrences
    names = [keywords.best_form({form_text[f]: occurrences[f] for f in forms if occurrences[f]})
             for forms in numbering.group_forms()]
    con.register("forms_arrow", pa.table({"form_id": pa.array(range(len(form_text)), pa.int64()),
                                          "form": pa.array(form_text, pa.string()),
                                          "group_id": pa.array(form_group, pa.int64())}))
    con.execute("CREATE TABLE phrase_forms AS SELECT * FROM forms_arrow ORDER BY form_id")
    con.unregister("forms_arrow")
    con.register("groups_arrow", pa.table({
        "group_id": pa.array(range(len(numbering.group_stems)), pa.int64()),
        "stems": pa.array([sorted(set(s)) for s in numbering.group_stems], pa.list_(pa.string())),
        "rarity": pa.array(numbering.rarity(), pa.float64()), "name": pa.array(names, pa.string())}))
    con.execute("CREATE TABLE phrase_groups AS SELECT * FROM groups_arrow ORDER BY group_id")
    con.unregister("groups_arrow")
    return time.perf_counter() - start


def _duckdb(con, chunks) -> float:
    """The pass of :mod:`analysis.store.phrasedict`; end seconds."""
    from analysis.store.phrasedict import PhraseStream

    stream = PhraseStream(con)
    for positions, texts in chunks:
        stream.add(positions, texts)
    start = time.perf_counter()
    stream.finish()
    return time.perf_counter() - start


def child(source: str, method: str, fraction: float, out: str, memory_mb: int) -> dict:
    """In this fresh process: number the first ``fraction`` of ``source``'s statements into ``out``."""
    import duckdb

    for path in (out, out + ".wal"):
        if os.path.exists(path):
            os.remove(path)
    con = duckdb.connect(out)
    con.execute(f"SET memory_limit = '{memory_mb}MB'")
    con.execute(f"SET temp_directory = '{out}.spill'")
    con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
    con.execute("CREATE TABLE phr (pos BIGINT, phrase_groups BIGINT[], phrase_forms BIGINT[])")
    total = con.execute("SELECT count(*) FROM src.quotes").fetchall()[0][0]
    end = int(total * fraction)
    reader = con.cursor()

    def chunks():
        for low in range(0, end, CHUNK_ROWS):
            high = min(end, low + CHUNK_ROWS)
            batch = reader.sql(f"SELECT pos, text FROM src.quotes WHERE pos >= {low} AND pos < {high} ORDER BY pos")
            batch = batch.to_arrow_table()
            yield batch.column(0).to_pylist(), batch.column(1).to_pylist()

    with open("/proc/self/clear_refs", "w") as handle:  # the peak from here on
        handle.write("5")
    start_mb = _peak_mb()
    start, cpu = time.perf_counter(), time.process_time()
    end_seconds = (_dicts if method == "dicts" else _duckdb)(con, chunks())
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    forms, groups = (con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                     for t in ("phrase_forms", "phrase_groups"))
    con.execute("CHECKPOINT")
    con.close()
    return {"method": method, "statements": end, "forms": forms, "groups": groups, "seconds": seconds,
            "end_seconds": end_seconds, "cpu": cpu, "start_mb": start_mb, "peak_mb": _peak_mb()}


def same_tables(a: str, b: str) -> bool:
    """True when two outputs hold the same ``phr``, ``phrase_forms`` and ``phrase_groups`` rows."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET memory_limit = '512MB'")
    con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
    for table in ("phr", "phrase_forms", "phrase_groups"):
        for x, y in (("a", "b"), ("b", "a")):
            if con.execute(f"SELECT count(*) FROM (FROM {x}.{table} EXCEPT ALL FROM {y}.{table})").fetchall()[0][0]:
                return False
    return True


def main(argv: list[str] | None = None) -> None:
    """Run each method at each fraction in a fresh process; print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="a warehouse.duckdb whose quotes give the texts (read only)")
    parser.add_argument("--fractions", type=float, nargs="+", default=[1.0])
    parser.add_argument("--methods", nargs="+", default=["dicts", "duckdb"])
    parser.add_argument("--workdir", default="/tmp/phrase_dict")
    parser.add_argument("--memory-mb", type=int, default=512)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        method, fraction = args.child
        out = os.path.join(args.workdir, f"{method}-{fraction}.duckdb")
        print(json.dumps(child(args.source, method, float(fraction), out, args.memory_mb)))
        return
    os.makedirs(args.workdir, exist_ok=True)
    print("| method | statements | forms | groups | pass s | of which end s | CPU s | RSS before MB | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for fraction in args.fractions:
        for method in args.methods:
            done = subprocess.run([sys.executable, os.path.abspath(__file__), args.source, "--workdir", args.workdir,
                                   "--memory-mb", str(args.memory_mb), "--child", method, str(fraction)],
                                  capture_output=True, text=True, check=True)
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"| {r['method']} | {r['statements']:,} | {r['forms']:,} | {r['groups']:,} | {r['seconds']:.0f} | "
                  f"{r['end_seconds']:.0f} | {r['cpu']:.0f} | {r['start_mb']:.0f} | {r['peak_mb']:.0f} |", flush=True)
        if len(args.methods) == 2:
            outs = [os.path.join(args.workdir, f"{m}-{fraction}.duckdb") for m in args.methods]
            print(f"fraction {fraction}: tables equal: {same_tables(*outs)}", flush=True)


if __name__ == "__main__":
    main()
