"""Train the confidence model of :mod:`analysis.quotes.confidence` on PolNeAR train.

Runs the whole quote extraction (:func:`analysis.quotes.extract_quotes`, rules with the three
JSON models, no tagger) over every parsed train document (:mod:`training.parsed`) and labels
each final quote right when its content overlaps a gold content (character Jaccard >= 0.5,
spans trimmed as by the scorer) whose source the quote's speaker mention overlaps, or which
has no source when the quote has no mention. Fits a logistic regression over
:func:`analysis.quotes.confidence.confidence_features` (:mod:`training.logistic`) and writes
``analysis/data/models/confidence_model.json``. Its calibration on real news is measured by
``benchmarks/confidence_reliability.py``.

Usage (from the repo root)::

    python -m training.train_confidence [--split ../shared/benchmarks/polnear/train] [--c 0.3]
        [--limit N] [--out FILE]
"""

from __future__ import annotations

import datetime
import sys
from dataclasses import replace

from analysis.quotes import extract_quotes
from analysis.quotes.confidence import CONFIDENCE_MODEL_PATH, confidence_features
from training import logistic, polnear
from training.parsed import parsed_documents
from training.polnear import jaccard, split_label, trim


def _gold_statements(split, limit) -> list[list[tuple[polnear.Span, polnear.Span | None]]]:
    """Return per document of the split its (trimmed content, source span or None) pairs."""
    result = []
    for document in polnear.documents(split, limit):
        pairs = []
        for roles in polnear.attributions(document.ann):
            content, source = roles.get("Content"), roles.get("Source")
            span = trim(document.text, content[1], content[2]) if content else None
            if span:
                pairs.append((span, source[1:] if source else None))
        result.append(pairs)
    return result


def is_right(quote, span, gold) -> bool:
    """Return True when a quote's content matches a gold content whose source it names."""
    mention = None if quote.speaker_start is None else (quote.speaker_start, quote.speaker_end)
    for content, source in gold:
        if jaccard(span, content) < 0.5:
            continue
        if source is None and mention is None:
            return True
        if source is not None and mention is not None and mention[0] < source[1] and source[0] < mention[1]:
            return True
    return False


def main(argv=None) -> int:
    """Train and write the confidence model."""
    args = logistic.arguments(argv, __doc__.splitlines()[0], CONFIDENCE_MODEL_PATH)
    rows, labels = [], []
    golds = _gold_statements(args.split, args.limit)
    for (text, _contents, doc), gold in zip(parsed_documents(args.split, args.limit), golds, strict=True):
        for quote in extract_quotes(doc):
            span = trim(text, quote.start, quote.end)
            if span is None:
                continue
            rows.append(confidence_features(doc, replace(quote, confidence=None)))
            labels.append(int(is_right(quote, span, gold)))
    fitted = logistic.fit(rows, labels, args.c)
    about = (
        "Logistic regression over analysis.quotes.confidence.confidence_features (final quotes whose "
        "content and source match a gold attribution), trained by training/train_confidence.py on "
        f"{args.split} (C={args.c}), {datetime.date.today()}."
    )
    model_json = logistic.single_head_json(about, "quotes", labels, fitted)
    training_data = f"{split_label(args.split)}, {len(labels):,} extracted quotes"
    logistic.write_model(args.out, model_json, logistic.command("train_confidence", args), training_data)
    print(f"{len(labels)} quotes, {sum(labels)} right ({100 * sum(labels) / max(1, len(labels)):.1f}%); "
          f"{len(fitted.weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
