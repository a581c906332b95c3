"""Train the attribution filter of :mod:`analysis.quotes.filters` on PolNeAR train.

Runs the rules of :mod:`analysis.quotes` over every parsed train document
(:mod:`training.parsed`) and takes their attributions before the attribution filter
(:func:`analysis.quotes.rule_attributions`, so the shipped filter does not shape its own
training data), labels each positive when its content overlaps a gold content (character
Jaccard >= 0.5, spans trimmed as by the scorer) of the same cue, fits a logistic regression
over :func:`analysis.quotes.attribution_features` (:mod:`training.logistic`) and writes it to
``analysis/data/models/attribution_filter.json``. At run time
:func:`analysis.quotes.extract_quotes` drops rule attributions scoring below
``analysis.quotes.filters.ATTRIBUTION_THRESHOLD``. Train the candidate filter first.

Usage (from the repo root)::

    python -m training.train_attribution_filter [--split ../shared/benchmarks/polnear/train] [--c 0.3]
        [--limit N] [--out FILE]
"""

from __future__ import annotations

import datetime
import sys

from analysis.quotes.filters import ATTRIBUTION_MODEL_PATH
from analysis.quotes.training_exports import rule_attributions
from training import logistic
from training.parsed import parsed_documents
from training.polnear import jaccard, same_cue, split_label, trim


def main(argv=None) -> int:
    """Train and write the attribution filter."""
    args = logistic.arguments(argv, __doc__.splitlines()[0], ATTRIBUTION_MODEL_PATH)
    rows, labels = [], []
    for text, gold, doc in parsed_documents(args.split, args.limit):
        for start, end, cue, features in rule_attributions(doc):
            span = trim(text, start, end)
            if span is None:
                continue
            rows.append(features)
            labels.append(int(any(jaccard(span, g) >= 0.5 and same_cue(cue, g_cue) for g, g_cue in gold)))
    fitted = logistic.fit(rows, labels, args.c)
    about = (
        "Logistic regression over analysis.quotes.attribution_features (rule attributions "
        "overlapping a gold content), trained by training/train_attribution_filter.py on "
        f"{args.split} (C={args.c}), {datetime.date.today()}."
    )
    model_json = logistic.single_head_json(about, "attributions", labels, fitted)
    training_data = f"{split_label(args.split)}, {len(labels):,} rule attributions"
    logistic.write_model(args.out, model_json, logistic.command("train_attribution_filter", args), training_data)
    probabilities = fitted.model.predict_proba(fitted.matrix)[:, 1]
    print(
        f"{len(labels)} rule attributions, {sum(labels)} positive; "
        f"{int((probabilities < 0.3).sum())} below 0.3 on train; {len(fitted.weights)} weights"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
