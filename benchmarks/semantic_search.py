"""Precision@10 of search by meaning (:mod:`analysis.semantic_search`) on PolNeAR train.

The statements searched are the gold contents of PolNeAR train (first annotator, as the
trainers read it; at least five words, each text once): what the extractor finds in news of
the kind, without its errors. The queries and the statements judged relevant to each are in
``benchmarks/semantic_search_polnear.json``, judged by hand on the pooled top 10 of the
search (a statement is relevant when it is about what the query names, not merely sharing a
word). Statements never judged count as not relevant, so the figure is a lower bound.

Printed per query: precision@10, how many statements pass :data:`MIN_SIMILARITY`, and how many
of the relevant top 10 contain none of the query's words (what a word search cannot find).

``--speed`` measures instead what statement vectors would cost in the default build: on the
first ``--limit`` articles of the shared corpus, bare ``nlp.pipe``, then the whole pipeline, then
:func:`analysis.embeddings.encode` over the statements the pipeline found, in one process.

Usage::

    .venv/bin/python benchmarks/semantic_search.py [--split ../shared/benchmarks/polnear/train]
    .venv/bin/python benchmarks/semantic_search.py --pool   # print the top 10 of each query to judge
    .venv/bin/python benchmarks/semantic_search.py --speed --limit 150
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from analysis import embeddings  # noqa: E402
from analysis.semantic_search import MIN_SIMILARITY, parse_meaning  # noqa: E402
from training import polnear  # noqa: E402

JUDGED = os.path.join(REPO, "benchmarks", "semantic_search_polnear.json")
DEFAULT_SPLIT = os.path.join(REPO, "..", "shared", "benchmarks", "polnear", "train")
DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "corpus", "news_politics_world_300.jsonl")
MIN_WORDS = 5


def statements(split: str) -> dict[str, str]:
    """``{"doc:start-end": text}`` of every gold content of the split (whitespace collapsed, each text once)."""
    found, seen = {}, set()
    for document in polnear.documents(split):
        for attribution in polnear.attributions(document.ann):
            if "Content" not in attribution:
                continue
            _label, start, end = attribution["Content"]
            text = " ".join(document.text[start:end].split())
            if len(text.split()) >= MIN_WORDS and text not in seen:
                seen.add(text)
                found[f"{document.name}:{start}-{end}"] = text
    return found


def speed(corpus: str, limit: int) -> None:
    """Print bare spaCy, the pipeline and the statement vectors' seconds on the same articles."""
    from analysis.ingest import read_path
    from analysis.nlp import load_nlp
    from analysis.pipeline import analyse_articles

    articles = read_path(corpus).articles[:limit]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_nlp()
    embeddings.encode(["warm up"])
    started = time.perf_counter()
    list(nlp.pipe([a.text for a in articles], batch_size=16))
    bare = time.perf_counter() - started
    started = time.perf_counter()
    analyses = list(analyse_articles(articles))
    pipeline = time.perf_counter() - started
    texts = [q.text for analysis in analyses for q in analysis.quotes]
    started = time.perf_counter()
    embeddings.encode(texts)
    vectors = time.perf_counter() - started
    print(f"{len(articles)} articles, {words:,} words, {len(texts):,} statements "
          f"({sum(len(t.split()) for t in texts):,} words)")
    print(f"bare nlp.pipe {bare:.1f} s; pipeline {pipeline:.1f} s ({pipeline / bare:.2f}x bare); statement "
          f"vectors {vectors:.1f} s ({vectors / bare:.2f}x bare): pipeline with them "
          f"{(pipeline + vectors) / bare:.2f}x")


def main(argv=None) -> int:
    """Print precision@10 per query and on average (or the pool to judge)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default=DEFAULT_SPLIT)
    parser.add_argument("--pool", action="store_true", help="print the top 10 of each query, to judge")
    parser.add_argument("--speed", action="store_true", help="measure the cost of vectors in the build instead")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS, help="articles of --speed")
    parser.add_argument("--limit", type=int, default=150, help="articles of --speed")
    args = parser.parse_args(argv)
    if args.speed:
        speed(args.corpus, args.limit)
        return 0
    judged = json.loads(open(JUDGED, encoding="utf-8").read())["queries"]
    found = statements(args.split)
    ids, texts = list(found), list(found.values())
    started = time.perf_counter()
    vectors = embeddings.encode(texts)
    seconds = time.perf_counter() - started
    print(f"{len(texts):,} statements of {args.split} encoded in {seconds:.1f} s "
          f"({sum(len(t.split()) for t in texts) / seconds:,.0f} words/s)")
    precisions = []
    for entry in judged:
        query = parse_meaning(entry["query"])
        similarity = vectors @ embeddings.encode([query.text])[0]
        top = [i for i in similarity.argsort()[::-1][:10] if similarity[i] >= MIN_SIMILARITY]
        relevant = set(entry["relevant"])
        hits = [i for i in top if ids[i] in relevant]
        words = [w.lower() for w in re.findall(r"[^\W_]+", query.text) if len(w) > 3]
        unseen = [i for i in hits if not any(w[:5] in texts[i].lower() for w in words)]
        precisions.append(len(hits) / 10)
        print(f"{entry['query']!r}: P@10 {len(hits) / 10:.1f}, {int((similarity >= MIN_SIMILARITY).sum())} above "
              f"{MIN_SIMILARITY}, relevant without the query's words {len(unseen)}")
        if args.pool:
            for i in top:
                mark = "+" if ids[i] in relevant else " "
                print(f"   {mark} {similarity[i]:.3f} {ids[i]} {texts[i][:200]}")
    print(f"mean P@10 over {len(precisions)} queries: {sum(precisions) / len(precisions):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
