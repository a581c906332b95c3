"""Check that a change of structure leaves the corpus-wide name merge at load time unchanged.

The merge of names across articles runs in ``analysis.store.load_corpus``, not in
``python -m analysis extract``, so ``extract_identity.py`` cannot see it. This script loads a
store with the ``load_corpus`` of a given checkout (in a subprocess run from that checkout),
writes the merged names as JSON lines (one per statement: quote id, article, ``speaker``;
one per person or organisation mention: article, offsets, kind, ``key`` and ``name``), prints
their SHA-256 and, with ``--against``, compares them line by line with an earlier run and
exits 1 on any difference (the first differences are printed).

Usage:
    .venv/bin/python benchmarks/corpus_names_identity.py --store /tmp/store300 --repo /work/baseline \\
        --out /tmp/names-before.jsonl
    .venv/bin/python benchmarks/corpus_names_identity.py --store /tmp/store300 \\
        --out /tmp/names-after.jsonl --against /tmp/names-before.jsonl

Build the store once, e.g. ``python -m analysis build CORPUS.jsonl --out /tmp/store300``, with
the code before the change (the stored per-article names must be the same for both runs).
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run inside the checkout: load the store and print one JSON object per name-bearing row.
DUMP = """
import json, sys
from analysis.store import load_corpus
corpus = load_corpus(sys.argv[1])
out = sys.stdout
for row in corpus.quotes[["quote_id", "article_id", "speaker"]].itertuples(index=False):
    speaker = row.speaker if isinstance(row.speaker, str) else None
    out.write(json.dumps(["quote", row.quote_id, row.article_id, speaker], ensure_ascii=False) + "\\n")
people = corpus.mentions[corpus.mentions["kind"].isin(["person", "organization"])]
columns = ["article_id", "start", "end", "kind", "key", "name"]
for row in people[columns].itertuples(index=False):
    out.write(json.dumps(["mention", *[v if isinstance(v, str) else int(v) for v in row]],
                         ensure_ascii=False) + "\\n")
"""


def main() -> int:
    """Dump the merged names of a store loaded by a checkout; optionally compare with a dump."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True, help="store folder to load")
    parser.add_argument("--repo", default=str(ROOT), help="checkout whose load_corpus runs")
    parser.add_argument("--out", required=True, help="JSON-lines file to write")
    parser.add_argument("--against", help="a file written by an earlier run, to compare with")
    args = parser.parse_args()
    result = subprocess.run([sys.executable, "-c", DUMP, str(Path(args.store).resolve())],
                            cwd=Path(args.repo).resolve(), capture_output=True, check=False)
    if result.returncode:
        sys.stderr.write(result.stderr.decode("utf-8", "replace"))
        return result.returncode
    Path(args.out).write_bytes(result.stdout)
    lines = result.stdout.decode("utf-8").splitlines()
    speakers = sum(1 for line in lines if line.startswith('["quote"'))
    print(f"{len(lines)} rows ({speakers} statements)  sha256 {hashlib.sha256(result.stdout).hexdigest()[:16]}")
    if not args.against:
        return 0
    before = Path(args.against).read_text(encoding="utf-8").splitlines()
    differ = [(a, b) for a, b in zip(before, lines, strict=False) if a != b]
    if len(before) != len(lines):
        print(f"DIFFERENT row count: {len(before)} before, {len(lines)} now")
    for a, b in differ[:20]:
        print(f"- {a}\n+ {b}")
    same = not differ and len(before) == len(lines)
    print("identical" if same else f"DIFFERENT: {len(differ)} rows differ")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
