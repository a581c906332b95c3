"""CPU cost of the CoNLL recogniser (``conll_ner``) against bare spaCy, in one run.

Three runs over the same articles, interleaved for ``--rounds`` rounds, timed with
``time.process_time`` (CPU seconds of this process, less sensitive than wall time to other jobs
on a shared machine): the spaCy model alone (the CoNLL pipes disabled), ``analyse_articles``
without the CoNLL pipes (people/orgs from the model's NER, as before) and ``analyse_articles``
as shipped. Prints each run's times and its best time as a multiple of bare spaCy's best.

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
from analysis.nlp import CONLL_PIPES, load_nlp  # noqa: E402
from analysis.pipeline import analyse_articles  # noqa: E402

DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "corpus", "news_politics_world_300.jsonl")


def main(argv=None) -> None:
    """Time the three runs and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    articles = read_path(args.corpus).articles[: args.limit]
    texts = [a.text for a in articles]
    nlp = load_nlp(conll=True)
    list(analyse_articles(articles[:3]))  # warm up
    list(analyse_articles(articles[:3], conll_people=True))
    runs = {"bare spaCy model": [], "analyse_articles without conll_ner": [], "analyse_articles with conll_ner": []}
    for _ in range(args.rounds):
        for name, seconds in runs.items():
            started = time.process_time()
            if name.endswith("with conll_ner"):
                list(analyse_articles(articles, conll_people=True))  # the opt-in conll_people setting
            elif name.startswith("bare"):
                with nlp.select_pipes(disable=list(CONLL_PIPES)):
                    list(nlp.pipe(texts, batch_size=16))
            else:
                list(analyse_articles(articles))  # the default
            seconds.append(time.process_time() - started)
    bare = min(runs["bare spaCy model"])
    print(f"articles: {len(articles)}, words: {sum(len(t.split()) for t in texts)}")
    print("| run | CPU s per round | x bare (best) |")
    print("|---|---|---:|")
    for name, seconds in runs.items():
        print(f"| {name} | {', '.join(f'{s:.1f}' for s in seconds)} | {min(seconds) / bare:.2f} |")


if __name__ == "__main__":
    main()
