"""Fitting the quote models' logistic regressions and writing them as the JSON the runtime reads.

The three JSON models (candidate filter, attribution filter, boundary model) are logistic
regressions over binary features (scikit-learn at training time only). The runtime
(:func:`analysis.quotes.scorer.load_weights`) reads ``{prefix}intercept`` (4 decimals) and
``{prefix}weights``: {feature: weight} with 3 decimals, sorted by feature, leaving out
weights under 0.05 in magnitude (they change nothing). Written with ``indent=0``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import NamedTuple

from training import manifest, polnear


class Fit(NamedTuple):
    """A fitted model: what goes into the JSON file, and the model and matrix for reports."""

    intercept: float
    weights: dict[str, float]
    model: object
    matrix: object


def arguments(argv, description: str, out: Path, c: float = 0.3) -> argparse.Namespace:
    """Parse the options every quote-model trainer takes: split, document limit, C, output file."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--split", default=polnear.DEFAULT_TRAIN)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents (trial runs)")
    parser.add_argument("--c", type=float, default=c, help=f"inverse L2 regularisation strength (default {c})")
    parser.add_argument("--out", type=Path, default=out, help=f"model file to write (default {out.name} shipped)")
    return parser.parse_args(argv)


def command(script: str, args: argparse.Namespace) -> str:
    """Return the training command for the manifest, e.g. ``training/train_bounds.py --split S --c 1.0``."""
    limit = f" --limit {args.limit}" if args.limit is not None else ""
    return f"training/{script}.py --split {args.split} --c {args.c}{limit}"


def fitted_weights(names, coefficients) -> dict[str, float]:
    """Return the weights of magnitude 0.05 or more, rounded to 3 decimals and sorted by name."""
    weights = {name: round(float(weight), 3) for name, weight in zip(names, coefficients, strict=True)}
    return {name: weight for name, weight in sorted(weights.items()) if abs(weight) >= 0.05}


def fit(rows: list[list[str]], labels: list[int], c: float) -> Fit:
    """Fit a logistic regression (L2, inverse strength ``c``) over rows of binary feature names."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(features, 1.0) for features in rows])
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(matrix, labels)
    weights = fitted_weights(vectorizer.get_feature_names_out(), model.coef_[0])
    return Fit(round(float(model.intercept_[0]), 4), weights, model, matrix)


def single_head_json(about: str, rows_name: str, labels: list[int], fitted: Fit) -> dict:
    """The JSON of a one-head model: what it is, how many rows (``rows_name``) and positives it
    learned from, its intercept and weights (the key order the shipped files have).
    """
    return {"about": about, rows_name: len(labels), "positives": int(sum(labels)),
            "intercept": fitted.intercept, "weights": fitted.weights}


def write_model(path: Path, model_json: dict, training_command: str, training_data: str) -> None:
    """Write a model's JSON, enter it in the manifest of its folder, and say where."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model_json, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    manifest_path = manifest.record(path, training_command, training_data)
    print(f"written to {path} (entered in {manifest_path})")
