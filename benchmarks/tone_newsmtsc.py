"""Tone towards a target on NewsMTSC: F1_m of ``python -m analysis tone`` and of VADER.

Runs the command line on a NewsMTSC file (default: ``../shared/benchmarks/tone_newsmtsc/dev_mt.jsonl``)
exactly as a user would, reads its JSON lines back and scores every target against the gold
polarity (2.0 negative, 4.0 neutral, 6.0 positive): macro F1 over the three classes (the
paper's F1_m), accuracy, and per-class precision / recall / F1. The baseline is VADER on the
whole sentence (compound >= 0.05 positive, <= -0.05 negative, else neutral), the same label
for every target of a sentence. Speed: words of the sentences over the command's wall time
(model loading included).

Usage::

    .venv/bin/python benchmarks/tone_newsmtsc.py [--data FILE.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from analysis.tone import tone  # noqa: E402

DEFAULT_DATA = os.path.join(REPO, "..", "shared", "benchmarks", "tone_newsmtsc", "dev_mt.jsonl")
LABELS = ("negative", "neutral", "positive")
GOLD = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def scores(gold: list[str], predicted: list[str]) -> dict:
    """Return F1_m and accuracy (percent) and per-class (precision, recall, F1)."""
    per_class = {}
    for label in LABELS:
        hits = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        precision = hits / max(1, predicted.count(label))
        recall = hits / max(1, gold.count(label))
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = (100 * precision, 100 * recall, 100 * f1)
    return {
        "f1_m": sum(f1 for _p, _r, f1 in per_class.values()) / len(LABELS),
        "accuracy": 100 * sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold),
        "per_class": per_class,
    }


def vader_label(sentence: str) -> str:
    """VADER's label of a whole sentence."""
    compound = tone(sentence)
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def main(argv: list[str] | None = None) -> int:
    """Score the command line and VADER; print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in open(args.data, encoding="utf-8") if line.strip()]
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "analysis", "tone", args.data], cwd=REPO, capture_output=True,
                         text=True, check=False)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        return 1
    answers = {answer["line"]: answer["targets"] for answer in map(json.loads, run.stdout.splitlines())}
    gold, model, vader = [], [], []
    for number, record in enumerate(records, start=1):
        sentence_label = vader_label(record["sentence_normalized"])
        for target, answer in zip(record["targets"], answers[number], strict=True):
            assert (answer["from"], answer["to"]) == (target["from"], target["to"])
            gold.append(GOLD[float(target["polarity"])])
            model.append(answer["polarity"])
            vader.append(sentence_label)
    words = sum(len(record["sentence_normalized"].split()) for record in records)
    print(f"{os.path.basename(args.data)}: {len(records)} sentences, {len(gold)} targets, {words} words; "
          f"python -m analysis tone took {seconds:.1f} s ({words / seconds:,.0f} words/s, model loading included)")
    print()
    print("| method | F1_m | accuracy | negative P / R / F1 | neutral P / R / F1 | positive P / R / F1 |")
    print("|---|---:|---:|---|---|---|")
    for name, predicted in (("python -m analysis tone (fine-tuned MiniLM)", model), ("VADER on the sentence", vader)):
        result = scores(gold, predicted)
        cells = " | ".join(" / ".join(f"{v:.1f}" for v in result["per_class"][label]) for label in LABELS)
        print(f"| {name} | {result['f1_m']:.1f} | {result['accuracy']:.1f} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
