"""Which countries an article names, on LGL local news: ``python -m analysis extract`` scored on places_lgl.

Writes each of the 588 articles of ``../shared/benchmarks/places_lgl/gold.json`` to ``<id>.txt``
in a temporary folder (nothing is copied into the repository), runs the command line on them as
a user would, and scores the article-level ``countries`` with ``../shared/eval/score_places.py``:
micro P/R/F1 over (article, country) pairs, countries the gold lists as optional ignored,
decoys ("Paris" in Texas read as France) counted as false positives and also reported apart.

Usage:
    .venv/bin/python benchmarks/places_lgl.py [--keep DIR] [--min-f1 90]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def run(gold: Path, scorer: Path, folder: Path, min_f1: float) -> int:
    """Extract the gold articles into ``folder`` and print the scorer's report; its exit status."""
    texts = folder / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    files = []
    for article in json.loads(gold.read_text(encoding="utf-8")):
        path = texts / f"{article['id']}.txt"
        path.write_text(article["text"], encoding="utf-8")
        files.append(str(path))
    predictions = folder / "predictions.jsonl"
    with predictions.open("w", encoding="utf-8") as handle:
        subprocess.run([sys.executable, "-m", "analysis", "extract", *files], cwd=ROOT, stdout=handle, check=True)
    result = subprocess.run([sys.executable, str(scorer), str(predictions), str(gold), str(min_f1)],
                            capture_output=True, text=True, check=False)
    print(result.stdout.rstrip())
    return result.returncode


def main() -> int:
    """Parse the arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default=str(SHARED / "benchmarks" / "places_lgl" / "gold.json"))
    parser.add_argument("--scorer", default=str(SHARED / "eval" / "score_places.py"))
    parser.add_argument("--keep", help="folder to keep the texts and predictions in (default: a temporary one)")
    parser.add_argument("--min-f1", type=float, default=90.0, help="exit status 1 below this F1 (default 90)")
    args = parser.parse_args()
    if args.keep:
        return run(Path(args.gold), Path(args.scorer), Path(args.keep), args.min_f1)
    with tempfile.TemporaryDirectory(prefix="places_lgl-") as folder:
        return run(Path(args.gold), Path(args.scorer), Path(folder), args.min_f1)


if __name__ == "__main__":
    sys.exit(main())
