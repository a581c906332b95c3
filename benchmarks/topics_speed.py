"""Cost of topic assignment, with and without topics by similar meaning, against bare spaCy.

On the same articles: bare ``nlp.pipe`` (the floor the pipeline's speed is measured against,
as in pipeline_speed.py), then :func:`analysis.topics.assign_topics` over every sentence of
the parsed articles, once by words only (the default build) and once with ``similar=True``
(the sentence encoder on the sentences no term triggers). Prints seconds and each as a
fraction of bare spaCy's time: what the option would add to the pipeline's ratio.

Run from the repo root:
    .venv/bin/python benchmarks/topics_speed.py [--corpus FILE] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from analysis.ingest import read_path  # noqa: E402
from analysis.nlp import load_nlp  # noqa: E402
from analysis.topics import assign_topics  # noqa: E402

DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "corpus", "news_politics_world_300.jsonl")


def main(argv: list[str] | None = None) -> int:
    """Time bare spaCy and topic assignment on the first ``--limit`` articles."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args(argv)
    texts = [a.text for a in read_path(args.corpus).articles[: args.limit]]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    spacy_s = time.perf_counter() - start
    spans = [[(s.start_char, s.end_char) for s in doc.sents] for doc in docs]
    assign_topics("warm up the encoder.", [(0, 20)], similar=True)
    timings = {}
    for similar in (False, True):
        start = time.perf_counter()
        hits = [assign_topics(text, sp, similar=similar) for text, sp in zip(texts, spans, strict=True)]
        timings[similar] = (time.perf_counter() - start, sum(len(h) for h in hits))
    n_spans = sum(len(sp) for sp in spans)
    print(f"{len(texts)} articles, {words} words, {n_spans} sentences")
    print(f"bare spaCy nlp.pipe: {spacy_s:.2f} s ({words / spacy_s:.0f} words/s)")
    for similar, label in ((False, "topics by words (default)"), (True, "topics by words + similar meaning")):
        seconds, n_hits = timings[similar]
        print(f"{label}: {seconds:.2f} s = {seconds / spacy_s:.3f} x bare spaCy, {n_hits} topic hits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
