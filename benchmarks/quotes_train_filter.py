"""Train the candidate filter of :mod:`analysis.quote_model` on PolNeAR train.

Parses every train text with :func:`analysis.nlp.load_nlp`, collects the verb candidates
outside the cue lists (:func:`analysis.quotes.candidate_attributions`), labels a candidate
positive when its content overlaps a gold content (character Jaccard >= 0.5, spans trimmed
as by the scorer) whose cue overlaps the candidate's cue, fits a logistic regression
(scikit-learn, training time only) and writes
the weights as JSON to ``analysis/data/models/candidate_filter.json``. Parsed documents are
cached in ``benchmarks/out/`` (not committed).

Usage:
    .venv/bin/python benchmarks/quotes_train_filter.py [--split ../shared/benchmarks/polnear/train] [--c 0.3]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.nlp import load_nlp  # noqa: E402
from analysis.quotes.filters import MODEL_PATH  # noqa: E402
from analysis.quotes.syntax import edge_trimmed, span_jaccard  # noqa: E402
from analysis.quotes.training_exports import candidate_attributions  # noqa: E402


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim as the scorer does (None when nothing is left)."""
    start, end = edge_trimmed(text, start, end)
    return (start, end) if start < end else None


def gold_contents(ann_path: Path, text: str) -> list[tuple[tuple[int, int], tuple[int, int] | None]]:
    """Return (trimmed content span, cue span or None) per attribution of a BRAT file
    (multi-line T entries tolerated).
    """
    spans, contents = {}, []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, offsets = parts[1].split(" ", 1)
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[parts[0]] = (label, min(p[0] for p in pieces), max(p[1] for p in pieces))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(part.split(":", 1) for part in parts[1].split() if ":" in part)
            content = spans.get(roles.get("Content", ""))
            cue = spans.get(roles.get("Cue", ""))
            if content:
                trimmed = trim(text, content[1], content[2])
                if trimmed:
                    contents.append((trimmed, cue[1:] if cue else None))
    return contents


jaccard = span_jaccard  # the scorer's character overlap, as the extractor measures it


def parser_fingerprint(nlp) -> str:
    """Return a short hash of the model and tokenizer rules, so a parse cache made with other
    token boundaries is not reused.
    """
    from analysis.nlp import DASH_QUOTE_INFIXES

    key = f"{nlp.meta['name']}-{nlp.meta['version']}-{DASH_QUOTE_INFIXES}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def load_docs(split: Path, limit: int | None):
    """Return (text, gold contents, spaCy doc) per document, parsing once and caching."""
    from spacy.tokens import DocBin

    nlp = load_nlp()
    anns = sorted(os.listdir(split / "attributions"))
    items = []
    for text_path in sorted((split / "text").glob("*.txt"))[:limit]:
        ann = next((a for a in anns if a.startswith(text_path.stem + "_") and a.endswith(".ann")), None)
        if ann:
            text = text_path.read_text(encoding="utf-8")
            items.append((text, gold_contents(split / "attributions" / ann, text)))
    cache = ROOT / "benchmarks" / "out" / f"parsed_{split.name}_{len(items)}_{parser_fingerprint(nlp)}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(text for text, _ in items))
        cache.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin()
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return [(text, gold, doc) for (text, gold), doc in zip(items, docs, strict=True)]


def same_cue(cue: tuple[int, int] | None, gold_cue: tuple[int, int] | None) -> bool:
    """Return True when two cues overlap or either is missing."""
    return cue is None or gold_cue is None or (cue[0] < gold_cue[1] and gold_cue[0] < cue[1])


def fitted_weights(names, coefficients) -> dict[str, float]:
    """Return a fitted linear model's weights of magnitude 0.05 or more, rounded and sorted by
    feature name, for the JSON files the extractor reads (smaller weights change nothing).
    """
    weights = {name: round(float(weight), 3) for name, weight in zip(names, coefficients, strict=True)}
    return {name: weight for name, weight in sorted(weights.items()) if abs(weight) >= 0.05}


def write_model(path: Path, model_json: dict) -> None:
    """Write a trained model's JSON where the extractor reads it, and say where."""
    path.write_text(json.dumps(model_json, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {path.relative_to(ROOT)}")


def training_arguments(argv, description: str, c: float = 0.3) -> argparse.Namespace:
    """Parse the options the quote-model trainers take: split, document limit, C (default ``c``)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--split", default="../shared/benchmarks/polnear/train")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--c", type=float, default=c, help=f"inverse L2 regularisation strength (default {c})")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    """Train and write the filter."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    args = training_arguments(argv, __doc__.splitlines()[0])
    rows, labels, exact_labels = [], [], []
    for text, gold, doc in load_docs(Path(args.split), args.limit):
        for start, end, cue, features in candidate_attributions(doc):
            span = trim(text, start, end)
            if span is None:
                continue
            # Positive when the content matches a gold content whose cue is this candidate's cue.
            matching = [g for g, g_cue in gold if same_cue(cue, g_cue)]
            rows.append(dict.fromkeys(features, 1.0))
            labels.append(int(any(jaccard(span, g) >= 0.5 for g in matching)))
            exact_labels.append(int(span in matching))
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    names = vectorizer.get_feature_names_out()
    model_json = {
        "about": "Two logistic regressions over analysis.quote_model.candidate_features (plus the "
        "listed/extra features of analysis.quote_candidates.verb_candidates): 'weights' predicts overlap "
        "with a gold content (Jaccard >= 0.5), 'exact_weights' an exact match; trained by "
        f"benchmarks/quotes_train_filter.py on {args.split} (C={args.c}), {datetime.date.today()}.",
        "candidates": len(labels),
        "positives": int(sum(labels)),
        "exact_positives": int(sum(exact_labels)),
    }
    for prefix, targets in (("", labels), ("exact_", exact_labels)):
        model = LogisticRegression(C=args.c, max_iter=3000)
        model.fit(matrix, targets)
        weights = fitted_weights(names, model.coef_[0])
        model_json[f"{prefix}intercept"] = round(float(model.intercept_[0]), 4)
        model_json[f"{prefix}weights"] = weights
        predicted = model.predict(matrix)
        correct = int(sum(p and y for p, y in zip(predicted, targets, strict=True)))
        print(
            f"{prefix or 'overlap_'}model: {sum(targets)} of {len(targets)} candidates positive; on train it "
            f"keeps {int(predicted.sum())}, {correct} of them positive; {len(weights)} weights"
        )
    write_model(MODEL_PATH, model_json)
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
