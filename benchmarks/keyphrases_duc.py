"""Key-phrase benchmark: analysis.keywords vs YAKE on DUC-2001 and 500N-KPCrowd.

Writes ranked predictions as ``{id, keyphrases}`` JSONL and scores them with the
official scorer ``eval/score_keyphrases.py`` (F1@5 / F1@10, Gallina et al. 2020
conventions). Also reports throughput of :func:`extract_keywords` on parsed docs
and of :func:`keywords_for_texts` on a few hundred short statements.

Usage:
    .venv/bin/python benchmarks/keyphrases_duc.py [--shared ../shared] [--datasets DUC-2001 500N-KPCrowd-v1.1]
        [--docbin-cache DIR] [--no-yake]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.keywords import extract_keywords, keywords_for_texts  # noqa: E402
from analysis.nlp import load_nlp  # noqa: E402


def load_records(path: Path) -> list[dict]:
    """Gold records that have text (title-only records are skipped by the scorer too)."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if (r.get("text") or "").strip()]


def parsed_docs(records: list[dict], name: str, cache: Path | None):
    """SpaCy docs of the records, optionally cached as a DocBin (parsing dominates run time)."""
    from spacy.tokens import DocBin

    nlp = load_nlp()
    cache_file = cache / f"{name}.spacy" if cache else None
    if cache_file and cache_file.exists():
        docs = list(DocBin().from_disk(cache_file).get_docs(nlp.vocab))
        if len(docs) == len(records):
            return docs, 0.0
    started = time.perf_counter()
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=16))
    parse_seconds = time.perf_counter() - started
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin()
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache_file)
    return docs, parse_seconds


def write_predictions(path: Path, ids: list[str], phrase_lists: list[list[str]]) -> None:
    """Write ``{id, keyphrases}`` JSONL."""
    with path.open("w", encoding="utf-8") as handle:
        for doc_id, phrases in zip(ids, phrase_lists, strict=True):
            handle.write(json.dumps({"id": doc_id, "keyphrases": phrases}) + "\n")


def score(scorer: Path, predictions: Path, gold: Path) -> dict:
    """Run the official scorer and return its JSON result."""
    out = subprocess.run(
        [sys.executable, str(scorer), str(predictions), str(gold), "--json"],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout)


def yake_predictions(records: list[dict]) -> list[list[str]]:
    """YAKE (n=3, otherwise defaults), top 10."""
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=3, top=10)
    return [[kw for kw, _ in extractor.extract_keywords(r["text"])] for r in records]


def short_text_speed(records: list[dict], n_texts: int = 300) -> float:
    """Milliseconds for keywords_for_texts on ``n_texts`` sentence-sized statements."""
    sentences = [s.strip() for r in records for s in r["text"].split(". ") if len(s.split()) > 5]
    texts = sentences[:n_texts]
    keywords_for_texts(texts)  # warm caches, as in the app after the first filter change
    started = time.perf_counter()
    for _ in range(5):
        keywords_for_texts(texts)
    return (time.perf_counter() - started) / 5 * 1000


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--datasets", nargs="+", default=["DUC-2001", "500N-KPCrowd-v1.1"])
    parser.add_argument("--docbin-cache", type=Path, default=None,
                        help="cache parsed docs here (speeds up repeated runs)")
    parser.add_argument("--no-yake", action="store_true")
    args = parser.parse_args()
    shared = Path(args.shared)
    scorer = shared / "eval" / "score_keyphrases.py"
    out_dir = Path(tempfile.mkdtemp(prefix="kp_bench_"))
    for name in args.datasets:
        gold = shared / "benchmarks" / "keyphrase" / f"{name}.jsonl"
        records = load_records(gold)
        ids = [r["id"] for r in records]
        docs, parse_seconds = parsed_docs(records, name, args.docbin_cache)
        started = time.perf_counter()
        ours = [[k.phrase for k in extract_keywords(doc, top_n=10)] for doc in docs]
        extract_seconds = time.perf_counter() - started
        n_words = sum(len(doc) for doc in docs)
        systems = {"analysis.keywords": ours}
        if not args.no_yake:
            systems["YAKE (n=3)"] = yake_predictions(records)
        print(f"\n{name}: {len(records)} documents, {n_words} tokens"
              + (f", spaCy parse {n_words / parse_seconds:,.0f} tokens/s" if parse_seconds else ""))
        print(f"extract_keywords on parsed docs: {extract_seconds * 1000 / len(docs):.1f} ms/doc "
              f"({n_words / extract_seconds:,.0f} tokens/s)")
        print(f"{'system':<22} {'F1@5':>6} {'F1@10':>6} {'P@10':>6} {'R@10':>6}")
        for system, phrases in systems.items():
            path = out_dir / f"{name}.{system.split()[0]}.jsonl"
            write_predictions(path, ids, phrases)
            result = score(scorer, path, gold)
            print(f"{system:<22} {_metric(result, 'F1', 5):>6.1f} {_metric(result, 'F1', 10):>6.1f} "
                  f"{_metric(result, 'P', 10):>6.1f} {_metric(result, 'R', 10):>6.1f}")
    print(f"\nkeywords_for_texts on 300 statements: {short_text_speed(records):.1f} ms")
    print(f"predictions in {out_dir}")


def _metric(result: dict, name: str, k: int) -> float:
    """Pick a metric out of the scorer's JSON, whatever its exact nesting."""
    for key in (f"{name}@{k}", f"{name.lower()}@{k}"):
        if key in result:
            return float(result[key])
    if str(k) in result:
        return float(result[str(k)][name])
    raise KeyError(f"{name}@{k} not in scorer output: {list(result)[:8]}")


if __name__ == "__main__":
    main()
