"""Train the candidate filter of :mod:`analysis.quotes.filters` on PolNeAR train.

Collects the verb candidates outside the cue lists (:func:`analysis.quotes.candidate_attributions`)
of every parsed train document (:mod:`training.parsed`), labels a candidate positive when its
content overlaps a gold content (character Jaccard >= 0.5, spans trimmed as by the scorer)
whose cue overlaps the candidate's cue, fits two logistic regressions (overlap and exact
match, :mod:`training.logistic`) and writes them to ``analysis/data/models/candidate_filter.json``.
First of the three quote models: the attribution filter and the boundary model learn from
what this one keeps.

Usage (from the repo root)::

    python -m training.train_candidate_filter [--split ../shared/benchmarks/polnear/train] [--c 0.3]
        [--limit N] [--out FILE]
"""

from __future__ import annotations

import datetime
import sys

from analysis.quotes.filters import MODEL_PATH
from analysis.quotes.training_exports import candidate_attributions
from training import logistic
from training.parsed import parsed_documents
from training.polnear import jaccard, same_cue, split_label, trim


def main(argv=None) -> int:
    """Train and write the filter."""
    args = logistic.arguments(argv, __doc__.splitlines()[0], MODEL_PATH)
    rows, labels, exact_labels = [], [], []
    for text, gold, doc in parsed_documents(args.split, args.limit):
        for start, end, cue, features in candidate_attributions(doc):
            span = trim(text, start, end)
            if span is None:
                continue
            # Positive when the content matches a gold content whose cue is this candidate's cue.
            matching = [g for g, g_cue in gold if same_cue(cue, g_cue)]
            rows.append(features)
            labels.append(int(any(jaccard(span, g) >= 0.5 for g in matching)))
            exact_labels.append(int(span in matching))
    model_json = {
        "about": "Two logistic regressions over analysis.quotes.filters.candidate_features (plus the "
        "listed/extra features of analysis.quotes.candidates.verb_candidates): 'weights' predicts overlap "
        "with a gold content (Jaccard >= 0.5), 'exact_weights' an exact match; trained by "
        f"training/train_candidate_filter.py on {args.split} (C={args.c}), {datetime.date.today()}.",
        "candidates": len(labels),
        "positives": int(sum(labels)),
        "exact_positives": int(sum(exact_labels)),
    }
    for prefix, targets in (("", labels), ("exact_", exact_labels)):
        fitted = logistic.fit(rows, targets, args.c)
        model_json[f"{prefix}intercept"] = fitted.intercept
        model_json[f"{prefix}weights"] = fitted.weights
        predicted = fitted.model.predict(fitted.matrix)
        correct = int(sum(p and y for p, y in zip(predicted, targets, strict=True)))
        print(
            f"{prefix or 'overlap_'}model: {sum(targets)} of {len(targets)} candidates positive; on train it "
            f"keeps {int(predicted.sum())}, {correct} of them positive; {len(fitted.weights)} weights"
        )
    training_data = f"{split_label(args.split)}, {len(labels):,} candidates"
    logistic.write_model(args.out, model_json, logistic.command("train_candidate_filter", args), training_data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
