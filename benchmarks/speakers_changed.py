"""Statements whose speaker changes between two versions of the code, on a store's articles, with context.

Run once in each code tree (``--dump``), then compare the two dumps (``--compare``) and read each change in
its context: how session 19 judged the "it" antecedent change on the 300-article store.

    .venv/bin/python benchmarks/speakers_changed.py --dump before.json --store STORE --mention it,its
    (other tree) .venv/bin/python benchmarks/speakers_changed.py --dump after.json --store STORE --mention it,its
    .venv/bin/python benchmarks/speakers_changed.py --compare before.json after.json --store STORE
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _connect(store: str):
    import duckdb

    return duckdb.connect(), os.path.join(store, "batches", "*")


def dump(store: str, mentions: list[str], out: str) -> None:
    """Extract the statements of the store's articles whose stored statements have one of ``mentions``."""
    from analysis.nlp import load_nlp
    from analysis.quotes.extract import extract_quotes

    con, batches = _connect(store)
    rows = con.execute(f"""select distinct a.article_id, a.text from read_parquet('{batches}/quotes.parquet') q
        join read_parquet('{batches}/articles.parquet') a using (article_id)
        where lower(q.speaker_mention) in (select unnest(?))""", [mentions]).fetchall()
    nlp = load_nlp()
    found = {aid: [(q.start, q.end, q.speaker) for q in extract_quotes(nlp(text))] for aid, text in rows}
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(found, handle)
    print(f"{len(rows)} articles, {sum(len(v) for v in found.values())} statements -> {out}")


def compare(before: str, after: str, store: str, context: int = 300) -> None:
    """Print each statement whose speaker differs, with the text before it."""
    with open(before, encoding="utf-8") as a, open(after, encoding="utf-8") as b:
        old, new = json.load(a), json.load(b)
    con, batches = _connect(store)
    texts = dict(con.execute(f"select article_id, text from read_parquet('{batches}/articles.parquet')").fetchall())
    changed = 0
    for article in old.keys() & new.keys():
        was = {(s, e): speaker for s, e, speaker in old[article]}
        now = {(s, e): speaker for s, e, speaker in new[article]}
        for start, end in sorted(was.keys() | now.keys()):
            if was.get((start, end), "<none>") != now.get((start, end), "<none>"):
                changed += 1
                text = texts[article]
                print(f"{was.get((start, end), '<none>')!r} -> {now.get((start, end), '<none>')!r}")
                print("   ", text[max(0, start - context):start].replace("\n", " "), "[[",
                      text[start:end][:80].replace("\n", " "), "]]")
    print(f"{changed} statements changed speaker")


def main() -> None:
    """Parse the arguments and dump or compare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--dump")
    parser.add_argument("--mention", default="it,its", help="speaker mentions (lower case) whose articles to read")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.dump:
        dump(args.store, args.mention.split(","), args.dump)
    elif args.compare:
        compare(*args.compare, args.store)
    else:
        parser.error("--dump or --compare")


if __name__ == "__main__":
    main()
