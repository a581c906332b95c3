"""List every rename of the corpus-wide name merge at load time (from -> to, how often).

``analysis.store.load_corpus`` gives one person one name across the corpus
(``merge_names_across_articles``): an article that only says "Putin" joins "Vladimir Putin" of
the others. This script loads a store with the ``load_corpus`` of a given checkout (in a
subprocess run from that checkout), records the speakers and mention keys just before and just
after that merge, and prints each distinct rename with the number of statements and of person
or organisation mentions it rewrites, most frequent first. It then checks the hand-listed
merges of issue #15 (:data:`WRONG` must not happen, :data:`RIGHT` must) and prints which hold.

Usage:
    .venv/bin/python benchmarks/corpus_merges.py --store /tmp/store300 [--repo /work/main] \\
        [--out /tmp/merges.tsv] [--limit 60]

Build the store once with ``python -m analysis build CORPUS.jsonl --out /tmp/store300``; the
per-article names in it come from the checkout that built it, the corpus-wide merge from the
checkout given with ``--repo`` (default: this one).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Merges reported wrong (issue #15 and the log of the previous work): must not happen.
WRONG = [
    ("Clarence Thomas", "Such recent body-blows to Congress as Kitegate and the Clarence Thomas"),
    ("government", "Colombian Government"),
    ("Kremlin", "advisory body, whose outspoken criticism of the Kremlin"),
    ("Kyiv", "Dynamo Kyiv"),
    ("police", "Greater Manchester Police"),
    ("EU", "senior EU"),
    ("Clinton", "Standard Clinton"),
    ("Clinton", "Clinton Plan"),
    ("Clinton", "Clinton Breaks"),
    ("Gandhi", "Outside Gandhi"),
    ("Hillary", "Crooked Hillary Clinton"),
    ("Hillary Clinton", "Crooked Hillary Clinton"),
    ("Universe", "Universe Alicia Machado"),
    ("Trump", "Melania Trump"),
    ("Democratic Party", "Among Democratic Party"),
]
#: Merges that are right and must stay (or appear).
RIGHT = [
    ("Putin", "Vladimir Putin"),
]

#: Run inside the checkout: wrap the merge of load_corpus, print one JSON rename per changed row.
DUMP = """
import json, sys
import analysis.store.corpus as corpus_module
merge = corpus_module.merge_names_across_articles
def recording(quotes, mentions, *rest):
    speakers, keys = quotes["speaker"].copy(), mentions["key"].copy()
    merge(quotes, mentions, *rest)
    for before, after in zip(speakers, quotes["speaker"]):
        if isinstance(before, str) and before != after:
            print(json.dumps(["statement", before, after], ensure_ascii=False))
    for kind, before, after in zip(mentions["kind"], keys, mentions["key"]):
        if before != after:
            print(json.dumps([kind, before, after], ensure_ascii=False))
corpus_module.merge_names_across_articles = recording
corpus_module.load_corpus(sys.argv[1], texts=False)
"""


def renames(store: str, repo: str) -> dict[tuple[str, str], dict[str, int]]:
    """``{(from, to): {"statement": n, "person": n, "organization": n}}`` of a checkout's merge."""
    result = subprocess.run([sys.executable, "-c", DUMP, str(Path(store).resolve())],
                            cwd=Path(repo).resolve(), capture_output=True, check=False, text=True)
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise SystemExit(result.returncode)
    table: dict[tuple[str, str], dict[str, int]] = {}
    for line in result.stdout.splitlines():
        what, before, after = json.loads(line)
        counts = table.setdefault((before, after), {})
        counts[what] = counts.get(what, 0) + 1
    return table


def main() -> int:
    """Print the renames of the corpus-wide merge and which listed merges hold."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True, help="store folder to load")
    parser.add_argument("--repo", default=str(ROOT), help="checkout whose load_corpus runs")
    parser.add_argument("--out", help="write all renames here (tab-separated)")
    parser.add_argument("--limit", type=int, default=60, help="renames to print (most frequent first)")
    args = parser.parse_args()
    table = renames(args.store, args.repo)
    rows = sorted(table.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    rewritten = {what: sum(counts.get(what, 0) for counts in table.values())
                 for what in ("statement", "person", "organization")}
    print(f"{len(rows)} distinct renames; rewritten: {rewritten['statement']} statements, "
          f"{rewritten['person']} person and {rewritten['organization']} organisation mentions\n")
    print("| from | to | statements | mentions |\n|---|---|---|---|")
    for (before, after), counts in rows[: args.limit]:
        mentions = counts.get("person", 0) + counts.get("organization", 0)
        print(f"| {before} | {after} | {counts.get('statement', 0)} | {mentions} |")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            for (before, after), counts in rows:
                out.write(f"{before}\t{after}\t{counts.get('statement', 0)}\t"
                          f"{counts.get('person', 0)}\t{counts.get('organization', 0)}\n")
    print("\nListed merges (wrong ones must be absent, right ones present):")
    wrong = sum((pair in table) for pair in WRONG)
    for pair in WRONG:
        print(f"  {'WRONG, present' if pair in table else 'ok, absent    '}  {pair[0]} -> {pair[1]}")
    for pair in RIGHT:
        print(f"  {'ok, present   ' if pair in table else 'MISSING       '}  {pair[0]} -> {pair[1]}")
    print(f"{wrong} of {len(WRONG)} wrong merges present, "
          f"{sum(pair in table for pair in RIGHT)} of {len(RIGHT)} right ones present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
