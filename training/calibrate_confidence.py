"""Recalibrate the confidence model of :mod:`analysis.quotes.confidence` on real news (speakers_dev).

The model trained on PolNeAR train (``training/train_confidence.py``) ranks statements well on
real news but is too sure of itself there: PolNeAR's "right" (content and source span) is
easier than who-said-what (content and canonical speaker). This step extracts the 39 articles
of ``../shared/benchmarks/speakers_dev`` in process (rules, no tagger), labels each statement
as ``../shared/eval/score_speakers.py`` would (:mod:`training.speakers_gold`), and fits Platt
scaling (a logistic regression on the raw model's log-odds, with Platt's smoothed targets) for each ``act``
(:mod:`analysis.quotes.acts`) on that act's statements, so that a confidence means the same
for both: speech scored as the app, ``export`` and ``extract`` show it (speech only), stances
scored among every record (``--acts speech,stance``: where they compete with speech for the
gold statements). It writes them into the model file under ``calibration_by_act``, with the
speech scaling also as ``calibration_slope`` / ``calibration_intercept`` (the fallback of
:func:`analysis.quotes.confidence.calibration`). It prints, per act and for every record, the
reliability table before calibration and with leave-one-article-out calibration (each article
scored by scalings fitted on the other 38), which is the honest estimate;
``benchmarks/confidence_reliability.py`` measures the shipped file.

Usage (from the repo root, after train_confidence)::

    python -m training.calibrate_confidence [--model FILE] [--gold GOLD.json] [--scorer score_speakers.py]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from analysis.nlp import load_nlp
from analysis.quotes import extract_quotes
from analysis.quotes.acts import ACTS, SPEECH, STANCE
from analysis.quotes.confidence import CONFIDENCE_MODEL_PATH, confidence_features
from analysis.quotes.scorer import head
from training import manifest, speakers_gold


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _platt(rows: list[tuple[float, int]]) -> tuple[float, float]:
    """Return (slope, intercept) of a logistic regression of right on the raw log-odds, with
    Platt's (1999) targets: (N+ + 1) / (N+ + 2) for the right, 1 / (N- + 2) for the wrong, so
    that an act whose statements are all wrong on the gold (stances: the gold counts no act
    without speech) gets a finite scaling near the observed share instead of none.
    """
    from sklearn.linear_model import LogisticRegression

    positives = sum(r for _, r in rows)
    high, low = (positives + 1) / (positives + 2), 1 / (len(rows) - positives + 2)
    features, labels, weights = [], [], []
    for p, r in rows:
        target = high if r else low
        features += [[_logit(p)], [_logit(p)]]
        labels += [1, 0]
        weights += [target, 1 - target]
    model = LogisticRegression(C=100.0).fit(features, labels, sample_weight=weights)
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


def _labelled(articles: list[dict], nlp, scorer_head, scorer) -> dict[str, list[tuple[str, float, int]]]:
    """Return (article, raw confidence, right) per statement of each act: speech judged among
    speech only (the app's view), stances among every record.
    """
    rows: dict[str, list[tuple[str, float, int]]] = {act: [] for act in ACTS}
    for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles), strict=True):
        quotes = [{**q.to_dict(), "confidence": scorer_head.probability(confidence_features(doc, q))}
                  for q in extract_quotes(doc)]
        for act, shown in ((SPEECH, [q for q in quotes if q["act"] == SPEECH]), (STANCE, quotes)):
            rows[act] += [(s.article, s.confidence, s.right)
                          for s in speakers_gold.scored(article, doc.text, shown, scorer) if s.act == act]
    return rows


def main(argv=None) -> int:
    """Fit and write the calibration of each act; print the reliability tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=CONFIDENCE_MODEL_PATH)
    parser.add_argument("--gold", type=Path, default=speakers_gold.GOLD)
    parser.add_argument("--scorer", type=Path, default=speakers_gold.SCORER)
    args = parser.parse_args(argv)
    model = json.loads(args.model.read_text(encoding="utf-8"))
    scorer_head, scorer = head(model), speakers_gold.scorer_module(args.scorer)
    rows = _labelled(speakers_gold.gold_articles(args.gold), load_nlp(), scorer_head, scorer)
    every = [row for act in ACTS for row in rows[act]]
    cross: dict[str, list[tuple[float, int]]] = {}
    for act in ACTS:
        print(f"## {act}: raw model (PolNeAR train)\n" + reliability([(c, r) for _, c, r in rows[act]]))
        cross[act] = []
        for name in sorted({a for a, _, _ in rows[act]}):
            slope, intercept = _platt([(c, r) for a, c, r in rows[act] if a != name])
            cross[act] += [(_scaled(c, slope, intercept), r) for a, c, r in rows[act] if a == name]
        print(f"\n## {act}: Platt scaling of its own, leave one article out\n" + reliability(cross[act]) + "\n")
    print("## every record (speech and stance): raw model\n" + reliability([(c, r) for _, c, r in every]))
    print("\n## every record, each act's own scaling, leave one article out\n"
          + reliability(cross[SPEECH] + cross[STANCE]))
    by_act = {}
    for act in ACTS:
        slope, intercept = _platt([(c, r) for _, c, r in rows[act]])
        by_act[act] = {"slope": round(slope, 4), "intercept": round(intercept, 4), "statements": len(rows[act])}
        print(f"\n{act}: slope {slope:.4f}, intercept {intercept:.4f} ({len(rows[act])} statements)")
    model["calibration_slope"] = by_act[SPEECH]["slope"]
    model["calibration_intercept"] = by_act[SPEECH]["intercept"]
    model["calibration_by_act"] = by_act
    counts = ", ".join(f"{by_act[act]['statements']} {act}" for act in ACTS)
    model["calibration"] = (f"Platt scaling of the log-odds, one per act, on {counts} statements of speakers_dev "
                            "(training/calibrate_confidence.py); calibration_slope/intercept: speech's")
    args.model.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    listed = args.model.parent / "MANIFEST.json"
    entries = json.loads(listed.read_text(encoding="utf-8"))["models"] if listed.exists() else []
    entry = next((e for e in entries if e["file"] == args.model.name), {})
    trained = entry.get("training_command", "training/train_confidence.py").split("; ")[0]
    data = entry.get("training_data", "PolNeAR train").split("; ")[0]
    manifest.record(args.model, f"{trained}; training/calibrate_confidence.py",
                    f"{data}; Platt scaling per act on {counts} speakers_dev statements")
    print(f"written to {args.model}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
