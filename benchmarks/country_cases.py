"""Country resolution accuracy on the hand-written tricky cases.

Reads ``tests/analysis/country_cases.json`` (each case: text, exact expected country ISO-3 set
and region set) and runs :func:`analysis.countries.find_places` with and without the spaCy
doc. A case is correct when both the country set and the region set match exactly. Prints
accuracy per mode, the failures, and mention-level precision/recall over country codes.

Usage::

    .venv/bin/python benchmarks/country_cases.py [--cases tests/analysis/country_cases.json]
        [--corpus ../shared/corpus/news_politics_world_300.jsonl]

It also times text-only ``find_places`` over the corpus (words/s, mentions found).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.countries import find_places  # noqa: E402
from analysis.nlp import load_nlp  # noqa: E402

DEFAULT_CASES = Path(__file__).resolve().parents[1] / "tests" / "analysis" / "country_cases.json"
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news_politics_world_300.jsonl"


def time_corpus(path: Path) -> str:
    """Time text-only find_places over a JSONL corpus; return a one-line summary."""
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    find_places("warm-up")
    started = time.perf_counter()
    mentions = sum(len(find_places(text)) for text in texts)
    elapsed = time.perf_counter() - started
    words = sum(len(text.split()) for text in texts)
    return (
        f"corpus: {len(texts)} articles, {words} words, {mentions} mentions, {words / elapsed:,.0f} words/s"
    )


def score(cases: list[dict], nlp=None) -> dict:
    """Score all cases; with ``nlp`` the spaCy doc is passed to ``find_places``.

    Returns:
        Dict with accuracy, case counts, code-level precision/recall and the failures.
    """
    correct = true_pos = false_pos = false_neg = 0
    failures = []
    for case in cases:
        doc = nlp(case["text"]) if nlp is not None else None
        mentions = find_places(case["text"], doc)
        countries = {m.key for m in mentions if m.kind == "country"}
        regions = {m.key for m in mentions if m.kind == "region"}
        expected_countries, expected_regions = set(case["countries"]), set(case["regions"])
        true_pos += len(countries & expected_countries)
        false_pos += len(countries - expected_countries)
        false_neg += len(expected_countries - countries)
        if countries == expected_countries and regions == expected_regions:
            correct += 1
        else:
            failures.append((case["note"], case["text"], sorted(countries), sorted(regions)))
    return {
        "accuracy": correct / len(cases),
        "correct": correct,
        "cases": len(cases),
        "precision": true_pos / max(1, true_pos + false_pos),
        "recall": true_pos / max(1, true_pos + false_neg),
        "failures": failures,
    }


def main() -> None:
    """Run the benchmark and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=str(DEFAULT_CASES))
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = parser.parse_args()
    cases = json.loads(Path(args.cases).read_text(encoding="utf-8"))["cases"]
    nlp = load_nlp()
    for mode, model in (("text only", None), ("with spaCy doc", nlp)):
        started = time.perf_counter()
        result = score(cases, model)
        elapsed = time.perf_counter() - started
        print(
            f"{mode}: {result['correct']}/{result['cases']} cases exactly right "
            f"(accuracy {100 * result['accuracy']:.1f}%), country codes P {100 * result['precision']:.1f} "
            f"R {100 * result['recall']:.1f}, {elapsed:.2f} s"
        )
        for note, text, countries, regions in result["failures"]:
            print(f"  FAIL [{note}] {text!r} -> countries {countries}, regions {regions}")
    if Path(args.corpus).exists():
        print(time_corpus(Path(args.corpus)))


if __name__ == "__main__":
    main()
