"""What versions of one story and the search index cost, and what they find, on a store.

On the store (default: the 300 shared articles) prints the stories with several versions,
the statements counted once, search hits for a few words (FTS5 index against a substring scan
of statement texts), and the CPU time of each step (process time: these machines are shared).
``--scale N`` also times both on N synthetic articles made of the store's sentences in random
order, on N articles replicated from the store's (as ``benchmarks/corpus_scale.py`` builds its
10,000-article store), and on 16 of the store's statements per article.

Usage::

    .venv/bin/python benchmarks/versions_and_search.py [--store DIR] [--scale 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time

import pandas as pd

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from analysis import search, versions  # noqa: E402
from analysis.store import Corpus, article_texts, load_corpus  # noqa: E402

WORDS = ["missile", "missiles", "sanctions", "referendum", "immigration", "\"general election\"", "title:Iraq"]


def report_store(store: str) -> None:
    corpus = load_corpus(store, texts=False, categorical=True, mention_kinds=("country", "region"))
    started = time.process_time()
    found = versions.attach_versions(corpus, lambda ids: article_texts(store, ids))
    grouped = time.process_time() - started
    repeated = corpus.derived["repeated_statements"]
    title = dict(zip(corpus.articles["article_id"], corpus.articles["title"], strict=True))
    print(f"{len(corpus.articles)} articles, {len(corpus.quotes)} statements; versions and repeats (texts read "
          f"from the store) in {grouped:.2f} s")
    for story in found.stories:
        print(f"  story of {len(story)} versions: {title[story[0]]!r}")
    in_stories = corpus.quotes["article_id"].isin(found.story_of.keys()).to_numpy()
    print(f"repeats counted once: {int(repeated.sum())} ({int((repeated & in_stories).sum())} in versions of a "
          f"story, {int((repeated & ~in_stories).sum())} quoted again word for word elsewhere)")
    started = time.process_time()
    search.search_index(corpus)
    print(f"search index built in {time.process_time() - started:.2f} s")
    plain = corpus.quotes["text"].astype(str)
    for word in WORDS:
        hits = int(search.matching_mask(corpus, word).sum())
        needle = word.strip('"').removeprefix("title:")
        column = corpus.quotes["title"].astype(str) if word.startswith("title:") else plain
        scan = int(column.str.contains(needle, case=False, regex=False).sum())
        print(f"  {word!r}: index {hits} statements, substring scan {scan}")


def report_scale(store: str, size: int) -> None:
    corpus = load_corpus(store, texts=False)
    by_id = article_texts(store, corpus.articles["article_id"].tolist())
    texts = [by_id[a] for a in corpus.articles["article_id"]]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s.split()) > 4]
    statements = corpus.quotes["text"].tolist()
    rng = random.Random(1)
    ids = [f"s{i}" for i in range(size)]
    made = [" ".join(rng.sample(sentences, 25)) for _ in ids]
    rows = [(a, rng.choice(statements), rng.choice(["A", "B", None])) for a in ids for _ in range(16)]
    quotes = pd.DataFrame(rows, columns=["article_id", "text", "speaker"]).assign(title="t")
    started = time.process_time()
    synthetic_found = versions.find_versions(ids, made)
    print(f"{size} synthetic articles: versions in {time.process_time() - started:.1f} s "
          f"({len(synthetic_found.stories)} stories)")
    copies = [texts[i % len(texts)] for i in range(size)]
    again = time.process_time()
    copied = versions.find_versions(ids, copies)
    print(f"{size} articles replicated from the store's (as benchmarks/corpus_scale.py builds them): versions in "
          f"{time.process_time() - again:.1f} s ({len(copied.stories)} stories)")
    base = corpus.quotes[["article_id", "text", "speaker"]]
    position = {a: i for i, a in enumerate(corpus.articles["article_id"])}
    replicated = pd.concat([base.assign(article_id=base["article_id"].map(lambda a, c=c: ids[position[a] + c]))
                            for c in range(0, size, len(texts)) if c + len(texts) <= size], ignore_index=True)
    started = time.process_time()
    mask = versions.repeated_statements(replicated, copied)
    print(f"their {len(replicated)} statements (the store's, replicated with the articles): repeats in "
          f"{time.process_time() - started:.1f} s ({int(mask.sum())} repeats)")
    started = time.process_time()
    mask = versions.repeated_statements(quotes, synthetic_found)
    print(f"{len(quotes)} statements drawn at random from the store's, 16 per synthetic article: repeats in "
          f"{time.process_time() - started:.1f} s ({int(mask.sum())} repeats)")
    empty = pd.DataFrame()
    synthetic = Corpus(articles=empty, quotes=quotes, mentions=empty, keywords=empty, topic_hits=empty,
                       quote_countries=empty, quote_topics=empty)
    started = time.process_time()
    search.search_index(synthetic)
    built = time.process_time() - started
    started = time.process_time()
    hits = int(search.matching_mask(synthetic, "missile").sum())
    print(f"search index of {len(quotes)} statements built in {built:.1f} s; 'missile' in "
          f"{(time.process_time() - started) * 1000:.0f} ms ({hits} hits)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", default="/work/store300")
    parser.add_argument("--scale", type=int, default=0)
    args = parser.parse_args()
    report_store(args.store)
    if args.scale:
        report_scale(args.store, args.scale)


if __name__ == "__main__":
    main()
