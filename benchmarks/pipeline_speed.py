"""Speed of the whole article pipeline against bare spaCy over the same texts, in one run.

Measures, on the same articles and in the same process:

1. bare ``nlp.pipe`` of the spaCy model alone (the floor the pipeline is built on:
   ``load_nlp(conll=False)``), and the product's ``nlp.pipe`` with its CoNLL recogniser;
2. :func:`analysis.pipeline.analyse_articles` (parse plus every component);
3. each component timed separately on the already-parsed docs (places, people/orgs,
   quotes, topics, quote tone, tone towards targets, article tone, keywords, word count), and for the hottest
   components their slowest functions from ``cProfile``;
4. optionally both 1 and 2 again with ``n_process=2``.

The ratio pipeline / bare spaCy is the figure to watch (target: <= 1.5).

Usage::

    .venv/bin/python benchmarks/pipeline_speed.py [--corpus ../shared/corpus/news_politics_world_300.jsonl]
        [--limit N] [--n-process 2] [--profile] [--target-tone]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict
from dataclasses import replace

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from analysis import countries, entities, keywords, quotes, tone, topics  # noqa: E402
from analysis.ingest import read_path  # noqa: E402
from analysis.nlp import load_nlp  # noqa: E402
from analysis.pipeline import analyse_articles  # noqa: E402
from analysis.tone.statements import target_tones  # noqa: E402
from analysis.tone.targeted import load_tone_model  # noqa: E402

DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "corpus", "news_politics_world_300.jsonl")


def load_articles(path: str, limit: int | None):
    """The corpus articles (first ``limit``)."""
    articles = read_path(path).articles
    return articles[:limit] if limit else articles


def count_words(texts: list[str]) -> int:
    """Whitespace-separated words (the unit of words/s)."""
    return sum(len(t.split()) for t in texts)


def time_bare_spacy(nlp, texts: list[str], n_process: int) -> tuple[float, list]:
    """Seconds for ``nlp.pipe`` over ``texts``, plus the docs."""
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16, n_process=n_process))
    return time.perf_counter() - start, docs


def time_pipeline(articles, n_process: int, target_tone: bool = False) -> float:
    """Seconds for :func:`analyse_articles` over ``articles``."""
    start = time.perf_counter()
    for _analysis in analyse_articles(articles, n_process=n_process, target_tone=target_tone):
        pass
    return time.perf_counter() - start


def component_steps():
    """(name, callable(article, doc, state)) in pipeline order; ``state`` carries results along."""
    def places(article, doc, state):
        state["places"] = countries.find_places(article.text, doc)

    def people(article, doc, state):
        state["people"] = entities.find_people_and_organizations(doc, places=state["places"])

    def quote_rules(article, doc, state):
        state["quotes"] = quotes.extract_quotes(doc)

    def topic_rules(article, doc, state):
        spans = [(s.start_char, s.end_char) for s in doc.sents]
        state["sentences"] = spans
        topics.assign_topics(article.text, spans + [(q.start, q.end) for q in state["quotes"]])

    def quote_tone(article, doc, state):
        state["quotes"] = [replace(q, tone=round(tone.tone(q.text), 4)) for q in state["quotes"]]

    def statement_target_tones(article, doc, state):
        target_tones(article.text, state["quotes"], state["places"] + state["people"], load_tone_model(),
                     state["sentences"])

    def article_tone(article, doc, state):
        tone.mean_tone(article.text[s:e] for s, e in state["sentences"])

    def key_phrases(article, doc, state):
        keywords.extract_keywords(doc, top_n=10)

    def word_count(article, doc, state):
        sum(1 for t in doc if not t.is_space and not t.is_punct)

    return [("countries.find_places", places), ("entities.find_people_and_organizations", people),
            ("quotes.extract_quotes", quote_rules), ("topics.assign_topics", topic_rules),
            ("tone.tone (per quote)", quote_tone), ("tone.mean_tone (sentences)", article_tone),
            ("tone.statements.target_tones (opt-in)", statement_target_tones),
            ("keywords.extract_keywords", key_phrases), ("word count", word_count)]


def time_components(articles, docs) -> dict[str, float]:
    """Seconds per component over all parsed docs."""
    seconds: dict[str, float] = defaultdict(float)
    steps = component_steps()
    for article, doc in zip(articles, docs, strict=True):
        state: dict = {}
        for name, step in steps:
            start = time.perf_counter()
            step(article, doc, state)
            seconds[name] += time.perf_counter() - start
    return dict(seconds)


def profile_components(articles, docs, top: int = 15) -> None:
    """Print the functions with the most cumulative time inside the components."""
    steps = component_steps()
    profiler = cProfile.Profile()
    profiler.enable()
    for article, doc in zip(articles, docs, strict=True):
        state: dict = {}
        for _name, step in steps:
            step(article, doc, state)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a Markdown-ready report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--n-process", type=int, default=1, help="also measure with this many processes")
    parser.add_argument("--profile", action="store_true", help="print cProfile of the components")
    parser.add_argument("--target-tone", action="store_true", help="also time the pipeline with target tones")
    args = parser.parse_args(argv)

    articles = load_articles(args.corpus, args.limit)
    texts = [a.text for a in articles]
    words = count_words(texts)
    nlp = load_nlp()
    bare_nlp = load_nlp(conll=False)  # the model alone: the floor (the opt-in CoNLL recogniser is off by default)
    list(nlp.pipe(texts[:3]))  # warm up (lazy weights, vocab)
    list(bare_nlp.pipe(texts[:3]))
    bare, _bare_docs = time_bare_spacy(bare_nlp, texts, 1)
    parsed, docs = time_bare_spacy(nlp, texts, 1)
    full = time_pipeline(articles, 1)
    parts = time_components(articles, docs)
    print(f"articles: {len(articles)}, words: {words}, model: {nlp.meta.get('name')} {nlp.meta.get('version')}")
    print(f"pipes: {', '.join(nlp.pipe_names)}")
    print("| run | seconds | words/s | x bare spaCy |")
    print("|---|---:|---:|---:|")
    print(f"| bare nlp.pipe, 1 process | {bare:.1f} | {words / bare:,.0f} | 1.00 |")
    print(f"| product nlp.pipe, 1 process | {parsed:.1f} | {words / parsed:,.0f} | {parsed / bare:.2f} |")
    print(f"| analyse_articles, 1 process | {full:.1f} | {words / full:,.0f} | {full / bare:.2f} |")
    if args.target_tone:
        toned = time_pipeline(articles, 1, target_tone=True)
        print(f"| analyse_articles --target-tone | {toned:.1f} | {words / toned:,.0f} | {toned / bare:.2f} |")
    if args.n_process > 1:
        bare_n, _docs = time_bare_spacy(bare_nlp, texts, args.n_process)
        full_n = time_pipeline(articles, args.n_process)
        print(f"| bare nlp.pipe, {args.n_process} processes | {bare_n:.1f} | {words / bare_n:,.0f} "
              f"| {bare_n / bare:.2f} |")
        print(f"| analyse_articles, {args.n_process} processes | {full_n:.1f} | {words / full_n:,.0f} "
              f"| {full_n / bare_n:.2f} (vs bare {args.n_process} proc) |")
    total = sum(parts.values())
    print()
    print("| component (on parsed docs) | seconds | share of components | x bare spaCy |")
    print("|---|---:|---:|---:|")
    for name, sec in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"| {name} | {sec:.2f} | {sec / total:.0%} | {sec / bare:.2f} |")
    print(f"| all components | {total:.2f} | 100% | {total / bare:.2f} |")
    if args.profile:
        profile_components(articles, docs)


if __name__ == "__main__":
    main()
