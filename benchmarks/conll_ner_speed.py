"""CPU cost of the CoNLL-trained recogniser (``conll_people``, the default) against bare spaCy, in one run.

Four runs over the same articles, interleaved for ``--rounds`` rounds, timed with
``time.process_time`` (CPU seconds of this process, less sensitive than wall time to other jobs
on a shared machine): ``nlp.pipe`` of the spaCy model as shipped (bare), ``nlp.pipe`` with the
CoNLL-trained recogniser in place of the model's ``ner``, ``analyse_articles`` with the model's
own ``ner`` and ``analyse_articles`` with ``conll_people`` (the default since analysis 1.16.0).
Prints each run's times and its best time as a multiple of bare spaCy's best.

Usage::

    .venv/bin/python benchmarks/conll_ner_speed.py [--corpus FILE] [--limit 60] [--rounds 3]
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
from analysis.pipeline import analyse_articles  # noqa: E402

DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "corpus", "news_politics_world_300.jsonl")


def main(argv=None) -> None:
    """Time the four runs and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    articles = read_path(args.corpus).articles[: args.limit]
    texts = [a.text for a in articles]
    pipelines = {"bare spaCy model (as shipped)": load_nlp(conll=False),
                 "nlp.pipe, CoNLL-trained ner": load_nlp(conll=True)}
    for nlp in pipelines.values():
        list(nlp.pipe(texts[:3]))  # warm up
    list(analyse_articles(articles[:3], conll_people=False))
    list(analyse_articles(articles[:3], conll_people=True))
    runs = {name: [] for name in pipelines}
    runs.update({"analyse_articles, model's own ner": [], "analyse_articles with conll_people (default)": []})
    for _ in range(args.rounds):
        for name, seconds in runs.items():
            started = time.process_time()
            if name in pipelines:
                list(pipelines[name].pipe(texts, batch_size=16))
            else:
                list(analyse_articles(articles, conll_people=name.endswith("(default)")))
            seconds.append(time.process_time() - started)
    bare = min(runs["bare spaCy model (as shipped)"])
    print(f"articles: {len(articles)}, words: {sum(len(t.split()) for t in texts)}")
    print("| run | CPU s per round | x bare (best) |")
    print("|---|---|---:|")
    for name, seconds in runs.items():
        print(f"| {name} | {', '.join(f'{s:.1f}' for s in seconds)} | {min(seconds) / bare:.2f} |")


if __name__ == "__main__":
    main()
