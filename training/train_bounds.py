"""Train the content boundary model of :mod:`analysis.quotes.bounds` on PolNeAR train.

For every content of reported speech that :func:`analysis.quotes.extract_quotes` finds
without quotation marks (:func:`analysis.quotes.boundary_items`) and that overlaps a gold
content of the same cue, each possible start (and end) token is a training row, positive
when it is the gold content's first (last) word, spans trimmed as by the scorer. Two
logistic regressions (:mod:`training.logistic`) are written to
``analysis/data/models/boundary_model.json``. Train the candidate filter and the attribution
filter first: this model learns the edges of what they keep.

Usage (from the repo root)::

    python -m training.train_bounds [--split ../shared/benchmarks/polnear/train] [--c 1.0] [--limit N] [--out FILE]
"""

from __future__ import annotations

import datetime
import sys

from analysis.quotes.bounds import BOUNDARY_MODEL_PATH, content_edges, end_candidates, start_candidates
from analysis.quotes.training_exports import boundary_items
from training import logistic
from training.parsed import parsed_documents
from training.polnear import jaccard, same_cue, split_label, trim


def training_rows(docs) -> dict[str, tuple[list[list[str]], list[int]]]:
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
                    rows[side][0].append(features)
                    rows[side][1].append(int(offset == edge))
    return rows


def main(argv=None) -> int:
    """Train and write the boundary model."""
    args = logistic.arguments(argv, __doc__.splitlines()[0], BOUNDARY_MODEL_PATH, c=1.0)
    rows = training_rows(parsed_documents(args.split, args.limit))
    model_json = {
        "about": "Two logistic regressions over the start and end candidate features of "
        f"analysis.quotes.bounds; trained by training/train_bounds.py on {args.split} "
        f"(C={args.c}), {datetime.date.today()}.",
    }
    for side, (features, labels) in rows.items():
        fitted = logistic.fit(features, labels, args.c)
        model_json[f"{side}_intercept"] = fitted.intercept
        model_json[f"{side}_weights"] = fitted.weights
        model_json[f"{side}_rows"] = len(labels)
        print(f"{side}: {sum(labels)} gold edges among {len(labels)} candidates; {len(fitted.weights)} weights")
    logistic.write_model(args.out, model_json, logistic.command("train_bounds", args), split_label(args.split))
    return 0


if __name__ == "__main__":
    sys.exit(main())
