"""What corrections cost: appending to the log, reading it and applying it to a loaded store.

Copies ``--store`` to a temporary folder, logs ``--count`` corrections of random statements
(a quarter each hide, speaker, countries, topics; every tenth one undone), then times one more
append (the whole log is rewritten), reading the log and applying it to the corpus as the app
loads it. Results: docs/analyst_workflow.md ("Review and correct").

    .venv/bin/python benchmarks/corrections_apply.py --store /work/store300b --count 1000
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from analysis.store import load_corpus  # noqa: E402
from analysis.store.corrections import (  # noqa: E402
    append_correction,
    apply_corrections,
    read_log,
    statement_key,
)


def main() -> None:
    """Parse the arguments, log the corrections and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = os.path.join(folder, "store")
        shutil.copytree(args.store, store, ignore=shutil.ignore_patterns("corrections.jsonl"))
        corpus = load_corpus(store, mention_kinds=("country", "region"), texts=False, sentence_topics=False,
                             article_keywords=False, categorical=True)
        rows = random.Random(7).sample(range(len(corpus.quotes)), args.count)
        actions = ["hide", "speaker", "countries", "topics"]
        started = time.perf_counter()
        for number, row in enumerate(rows):
            quote = corpus.quotes.iloc[row]
            key = statement_key(quote["article_id"], quote["text"], quote["start"], quote["end"])
            action = actions[number % 4]
            new = {"hide": None, "speaker": f"Speaker {number}", "countries": ["FRA"], "topics": ["war"]}[action]
            entry = append_correction(store, "bench", action, key, old=None, new=new)
            if number % 10 == 9:
                append_correction(store, "bench", "undo", target=entry.id)
        logging = time.perf_counter() - started
        size = os.path.getsize(os.path.join(store, "corrections.jsonl"))
        started = time.perf_counter()
        append_correction(store, "bench", "hide", key)
        one_append = time.perf_counter() - started
        started = time.perf_counter()
        log = read_log(store)
        reading = time.perf_counter() - started
        started = time.perf_counter()
        corrected, report = apply_corrections(corpus, log)
        applying = time.perf_counter() - started
    print(f"{len(corpus.quotes):,} statements; {len(log.entries):,} log entries ({size / 1e6:.2f} MB); "
          f"{report.applied:,} applied, {report.hidden:,} hidden, {len(corrected.quotes):,} statements left")
    print(f"logging {args.count:,} corrections: {logging:.1f} s; one more append: {one_append * 1000:.0f} ms; "
          f"reading the log: {reading * 1000:.0f} ms; applying it: {applying * 1000:.0f} ms")


if __name__ == "__main__":
    main()
