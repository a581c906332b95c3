"""Train the attribution filter of :mod:`analysis.quote_model` on PolNeAR train.

Runs the rules of :mod:`analysis.quotes` over every train text (parsed once and cached in
``benchmarks/out/`` by :func:`quotes_train_filter.load_docs`), labels each rule attribution
positive when its content overlaps a gold content (character Jaccard >= 0.5, spans trimmed
as by the scorer), fits a logistic regression over
:func:`analysis.quotes.attribution_features` (scikit-learn, training time only) and writes
the weights as JSON to ``analysis/data/models/attribution_filter.json``. At run time
:func:`analysis.quotes.extract_quotes` drops rule attributions scoring below
``analysis.quote_model.ATTRIBUTION_THRESHOLD``.

Usage:
    .venv/bin/python benchmarks/quotes_train_attribution_filter.py
        [--split ../shared/benchmarks/polnear/train] [--c 0.3]
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from quotes_train_filter import (  # noqa: E402
    fitted_weights,
    jaccard,
    load_docs,
    same_cue,
    training_arguments,
    trim,
    write_model,
)

from analysis.quotes.filters import ATTRIBUTION_MODEL_PATH  # noqa: E402
from analysis.quotes.training_exports import rule_attributions  # noqa: E402


def main(argv=None) -> int:
    """Train and write the attribution filter."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    args = training_arguments(argv, __doc__.splitlines()[0])
    if ATTRIBUTION_MODEL_PATH.exists():
        ATTRIBUTION_MODEL_PATH.unlink()  # features must come from the unfiltered rules
    rows, labels = [], []
    for text, gold, doc in load_docs(Path(args.split), args.limit):
        for start, end, cue, features in rule_attributions(doc):
            span = trim(text, start, end)
            if span is None:
                continue
            rows.append(dict.fromkeys(features, 1.0))
            labels.append(int(any(jaccard(span, g) >= 0.5 and same_cue(cue, g_cue) for g, g_cue in gold)))
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=args.c, max_iter=3000)
    model.fit(matrix, labels)
    weights = fitted_weights(vectorizer.get_feature_names_out(), model.coef_[0])
    write_model(
        ATTRIBUTION_MODEL_PATH,
        {
            "about": "Logistic regression over analysis.quotes.attribution_features (rule attributions "
            "overlapping a gold content), trained by benchmarks/quotes_train_attribution_filter.py on "
            f"{args.split} (C={args.c}), {datetime.date.today()}.",
            "attributions": len(labels),
            "positives": int(sum(labels)),
            "intercept": round(float(model.intercept_[0]), 4),
            "weights": weights,
        },
    )
    probabilities = model.predict_proba(matrix)[:, 1]
    print(
        f"{len(labels)} rule attributions, {sum(labels)} positive; "
        f"{int((probabilities < 0.3).sum())} below 0.3 on train; {len(weights)} weights"
    )
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
