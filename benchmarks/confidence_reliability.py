"""How well the statements' confidence is calibrated on real news: a reliability table on speakers_dev.

Runs ``python -m analysis extract`` on the 39 hand-annotated articles of
``../shared/benchmarks/speakers_dev`` (through ``benchmarks/speakers_dev.py``), matches each
predicted statement to the gold and calls it right as ``../shared/eval/score_speakers.py`` does
(:mod:`training.speakers_gold`: found, and given to an accepted canonical name). Prints, per confidence bin, the
number of statements, the mean confidence and the share right; the expected calibration
error (ECE, bins weighted by size); the Brier score; and what keeping only statements at or
above a threshold does to who-said-what precision, recall and F1.

The statements are what ``extract`` prints by default (speech, as the app shows them);
``--acts speech,stance`` measures every record, each act through its own calibration.

Usage:
    .venv/bin/python benchmarks/confidence_reliability.py [--predictions FILE] [--bins 5] [--acts ACTS]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from training import speakers_gold  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "benchmarks" / "speakers_dev" / "gold.json"
SCORER = SHARED / "eval" / "score_speakers.py"


def labelled(predictions: Path) -> tuple[list[tuple[float, int]], int]:
    """Return (confidence, right) per scored prediction and the number of gold statements."""
    scorer = speakers_gold.scorer_module(SCORER)
    articles = speakers_gold.gold_articles(GOLD)
    preds = {}
    for line in predictions.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            preds[Path(record["source"]).stem] = record
    rows = []
    for article in articles:
        record = preds.get(article["id"]) or {"text": "", "quotes": []}
        for item in speakers_gold.scored(article, record["text"], record.get("quotes", []), scorer):
            rows.append((0.5 if item.confidence is None else float(item.confidence), item.right))
    return rows, speakers_gold.gold_count(articles)


def report(rows: list[tuple[float, int]], n_gold: int, bins: int) -> str:
    """Return the reliability table, ECE, Brier score and the threshold table as Markdown."""
    lines = ["| confidence | statements | mean confidence | right |", "|---|---|---|---|"]
    ece = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        chosen = [(c, r) for c, r in rows if low <= c < high or (b == bins - 1 and c == 1.0)]
        if not chosen:
            lines.append(f"| {low:.1f}-{high:.1f} | 0 | - | - |")
            continue
        mean = sum(c for c, _ in chosen) / len(chosen)
        share = sum(r for _, r in chosen) / len(chosen)
        ece += len(chosen) / len(rows) * abs(mean - share)
        lines.append(f"| {low:.1f}-{high:.1f} | {len(chosen)} | {mean:.2f} | {100 * share:.1f}% |")
    brier = sum((c - r) ** 2 for c, r in rows) / len(rows)
    lines += ["", f"ECE {ece:.3f}, Brier {brier:.3f} over {len(rows)} statements", ""]
    lines += ["| keep confidence >= | statements kept | who-said-what P | R | F1 |", "|---|---|---|---|---|"]
    for threshold in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        kept = [r for c, r in rows if c >= threshold]
        right = sum(kept)
        p = right / len(kept) if kept else 0.0
        r = right / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"| {threshold:.1f} | {len(kept)} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} |")
    return "\n".join(lines)


def main() -> int:
    """Extract (unless given predictions) and print the reliability report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--predictions", type=Path, help="extract JSONL of the speakers_dev articles")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "confidence")
    parser.add_argument("--bins", type=int, default=5)
    parser.add_argument("--acts", help="passed on to extract (default: extract's own, speech)")
    args = parser.parse_args()
    predictions = args.predictions
    if predictions is None:
        acts = ["--acts", args.acts] if args.acts else []
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "speakers_dev.py"), "--out", str(args.out), *acts],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        predictions = args.out / "predictions.jsonl"
    rows, n_gold = labelled(predictions)
    print(report(rows, n_gold, args.bins))
    return 0


if __name__ == "__main__":
    sys.exit(main())
