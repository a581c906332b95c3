"""Train the content boundary model of :mod:`analysis.quote_bounds` on PolNeAR train.

For every content of reported speech that :func:`analysis.quotes.extract_quotes` finds
without quotation marks (:func:`analysis.quotes.boundary_items`) and that overlaps a gold
content of the same cue, each possible start (and end) token is a training row, positive
when it is the gold content's first (last) word, spans trimmed as by the scorer. Two
logistic regressions (scikit-learn, training time only) are written as JSON to
``analysis/data/models/boundary_model.json``. Train the candidate model and the
attribution filter first: this model learns the edges of what they keep.

Usage:
    .venv/bin/python benchmarks/quotes_train_bounds.py [--split ../shared/benchmarks/polnear/train] [--c 1.0]
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.quotes.bounds import BOUNDARY_MODEL_PATH, content_edges, end_candidates, start_candidates  # noqa: E402
from analysis.quotes.training_exports import boundary_items  # noqa: E402
from benchmarks.quotes_train_filter import (  # noqa: E402
    fitted_weights,
    jaccard,
    load_docs,
    same_cue,
    training_arguments,
    trim,
    write_model,
)


def training_rows(docs) -> dict[str, tuple[list[dict], list[int]]]:
    """Return the start and end rows (features, label) of every matched content."""
    rows = {"start": ([], []), "end": ([], [])}
    for text, gold, doc in docs:
        for start, end, kind, cue, protected, cues, move_end in boundary_items(doc):
            span = trim(text, start, end)
            content = content_edges(doc, start, end, kind, cue, cues)
            if span is None or content is None:
                continue
            matching = [g for g, g_cue in gold if same_cue(cue, g_cue) and jaccard(span, g) > 0]
            if not matching:
                continue
            target = max(matching, key=lambda g: jaccard(span, g))
            for side, candidates, position in (
                ("start", start_candidates(content), lambda t: t.idx),
                ("end", end_candidates(content), lambda t: t.idx + len(t)),
            ):
                if side == "end" and not move_end:
                    continue
                edge = target[0] if side == "start" else target[1]
                for index, features in candidates:
                    offset = position(doc[index])
                    if any(inner_start < offset < inner_end for inner_start, inner_end in protected):
                        continue
                    rows[side][0].append(dict.fromkeys(features, 1.0))
                    rows[side][1].append(int(position(doc[index]) == edge))
    return rows


def main(argv=None) -> int:
    """Train and write the boundary model."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    args = training_arguments(argv, __doc__.splitlines()[0], c=1.0)
    rows = training_rows(load_docs(Path(args.split), args.limit))
    model_json = {
        "about": "Two logistic regressions over the start and end candidate features of "
        f"analysis.quote_bounds; trained by benchmarks/quotes_train_bounds.py on {args.split} "
        f"(C={args.c}), {datetime.date.today()}.",
    }
    for side, (features, labels) in rows.items():
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(features)
        model = LogisticRegression(C=args.c, max_iter=3000)
        model.fit(matrix, labels)
        weights = fitted_weights(vectorizer.get_feature_names_out(), model.coef_[0])
        model_json[f"{side}_intercept"] = round(float(model.intercept_[0]), 4)
        model_json[f"{side}_weights"] = weights
        model_json[f"{side}_rows"] = len(labels)
        print(f"{side}: {sum(labels)} gold edges among {len(labels)} candidates; {len(weights)} weights")
    write_model(BOUNDARY_MODEL_PATH, model_json)
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
