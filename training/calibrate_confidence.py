"""Recalibrate the confidence model of :mod:`analysis.quotes.confidence` on real news (speakers_dev).

The model trained on PolNeAR train (``training/train_confidence.py``) ranks statements well on
real news but is too sure of itself there: PolNeAR's "right" (content and source span) is
easier than who-said-what (content and canonical speaker). This step extracts the 39 articles
of ``../shared/benchmarks/speakers_dev`` in process (rules, no tagger), labels each statement
as ``../shared/eval/score_speakers.py`` would (:mod:`training.speakers_gold`), fits Platt
scaling (a logistic regression on the raw model's log-odds) and writes its slope and
intercept into the model file. Only statements whose ``act`` is in ``--acts`` are fitted (by
default "speech": the statements the who-said-what view and ``export`` show,
:mod:`analysis.quotes.acts`; stances get the same scaling). It prints the reliability table before calibration and with
leave-one-article-out calibration (each article scored by a scaling fitted on the other 38),
which is the honest estimate; ``benchmarks/confidence_reliability.py`` measures the shipped file.

Usage (from the repo root, after train_confidence)::

    python -m training.calibrate_confidence [--model FILE] [--gold GOLD.json] [--scorer score_speakers.py]
        [--acts speech]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from analysis.nlp import load_nlp
from analysis.quotes import extract_quotes
from analysis.quotes.confidence import CONFIDENCE_MODEL_PATH, confidence_features
from analysis.quotes.scorer import head
from training import manifest, speakers_gold


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _platt(rows: list[tuple[float, int]]) -> tuple[float, float]:
    """Return (slope, intercept) of a logistic regression of right on the raw log-odds."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=100.0).fit([[_logit(p)] for p, _ in rows], [r for _, r in rows])
    return float(model.coef_[0][0]), float(model.intercept_[0])


def _scaled(p: float, slope: float, intercept: float) -> float:
    return 1.0 / (1.0 + math.exp(-(slope * _logit(p) + intercept)))


def reliability(rows: list[tuple[float, int]], bins: int = 5) -> str:
    """Return a reliability table (confidence bin, statements, mean confidence, share right) and the ECE."""
    lines, ece = ["| confidence | statements | mean confidence | right |", "|---|---|---|---|"], 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        chosen = [(c, r) for c, r in rows if low <= c < high or (b == bins - 1 and c >= 1.0)]
        if chosen:
            mean, share = sum(c for c, _ in chosen) / len(chosen), sum(r for _, r in chosen) / len(chosen)
            ece += len(chosen) / len(rows) * abs(mean - share)
            lines.append(f"| {low:.1f}-{high:.1f} | {len(chosen)} | {mean:.2f} | {100 * share:.1f}% |")
        else:
            lines.append(f"| {low:.1f}-{high:.1f} | 0 | - | - |")
    brier = sum((c - r) ** 2 for c, r in rows) / len(rows)
    return "\n".join(lines) + f"\n\nECE {ece:.3f}, Brier {brier:.3f} over {len(rows)} statements"


def main(argv=None) -> int:
    """Fit and write the calibration; print the reliability tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=CONFIDENCE_MODEL_PATH)
    parser.add_argument("--gold", type=Path, default=speakers_gold.GOLD)
    parser.add_argument("--scorer", type=Path, default=speakers_gold.SCORER)
    parser.add_argument("--acts", default="speech", help="statements fitted: speech (default) or speech,stance")
    args = parser.parse_args(argv)
    acts = {act.strip() for act in args.acts.split(",")}
    model = json.loads(args.model.read_text(encoding="utf-8"))
    scorer_head, scorer = head(model), speakers_gold.scorer_module(args.scorer)
    nlp = load_nlp()
    articles = speakers_gold.gold_articles(args.gold)
    rows: list[tuple[str, float, int]] = []
    for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles), strict=True):
        quotes = [
            {**q.to_dict(), "confidence": scorer_head.probability(confidence_features(doc, q))}
            for q in extract_quotes(doc) if q.act in acts
        ]
        rows += [(s.article, s.confidence, s.right) for s in speakers_gold.scored(article, doc.text, quotes, scorer)]
    print("## Raw model (PolNeAR train)\n" + reliability([(c, r) for _, c, r in rows]))
    cross = []
    for name in sorted({a for a, _, _ in rows}):
        slope, intercept = _platt([(c, r) for a, c, r in rows if a != name])
        cross += [(_scaled(c, slope, intercept), r) for a, c, r in rows if a == name]
    print("\n## Platt scaling, leave one article out\n" + reliability(cross))
    slope, intercept = _platt([(c, r) for _, c, r in rows])
    model["calibration_slope"], model["calibration_intercept"] = round(slope, 4), round(intercept, 4)
    model["calibration"] = (
        f"Platt scaling of the log-odds on {len(rows)} statements ({', '.join(sorted(acts))}) of speakers_dev "
        "(training/calibrate_confidence.py)"
    )
    args.model.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    listed = args.model.parent / "MANIFEST.json"
    entries = json.loads(listed.read_text(encoding="utf-8"))["models"] if listed.exists() else []
    entry = next((e for e in entries if e["file"] == args.model.name), {})
    trained = entry.get("training_command", "training/train_confidence.py").split("; ")[0]
    data = entry.get("training_data", "PolNeAR train").split("; ")[0]
    manifest.record(args.model, f"{trained}; training/calibrate_confidence.py",
                    f"{data}; Platt scaling on {len(rows)} speakers_dev statements ({', '.join(sorted(acts))})")
    print(f"\nslope {slope:.4f}, intercept {intercept:.4f}; written to {args.model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
