"""Who said what on real news: ``python -m analysis extract`` scored on speakers_dev.

Writes each of the 39 hand-annotated articles of ``../shared/benchmarks/speakers_dev/gold.json``
to ``<id>.txt`` (its ``text`` is exactly what the gold offsets index), runs the command line on
them as a user would, and scores the JSONL with ``../shared/eval/score_speakers.py``: statement
P/R/F1, who-said-what P/R/F1 (statement found and given to an accepted canonical name),
speaker accuracy on found statements and the share of junk speakers.

It scores what ``extract`` prints by default, the statements the app and ``export`` show
(``act`` "speech"); ``--acts speech,stance`` is passed on to ``extract`` to score every record,
stances included (for the record: the gold does not count them as who said what).

Usage:
    .venv/bin/python benchmarks/speakers_dev.py [--out benchmarks/out/speakers_dev] [--tagger] [--acts ACTS]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    """Extract the gold articles and print the scorer's report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default=str(SHARED / "benchmarks" / "speakers_dev" / "gold.json"))
    parser.add_argument("--scorer", default=str(SHARED / "eval" / "score_speakers.py"))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "speakers_dev"))
    parser.add_argument("--tagger", action="store_true", help="also run the content tagger")
    parser.add_argument("--acts", help="passed on to extract (default: extract's own, speech)")
    args = parser.parse_args()
    out = Path(args.out)
    texts = out / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    files = []
    for article in json.loads(Path(args.gold).read_text(encoding="utf-8")):
        path = texts / f"{article['id']}.txt"
        path.write_text(article["text"], encoding="utf-8")
        files.append(str(path))
    command = [sys.executable, "-m", "analysis", "extract", *files] + (["--tagger"] if args.tagger else [])
    command += ["--acts", args.acts] if args.acts else []
    predictions = out / "predictions.jsonl"
    with predictions.open("w", encoding="utf-8") as handle:
        subprocess.run(command, cwd=ROOT, stdout=handle, check=True)
    result = subprocess.run([sys.executable, args.scorer, str(predictions), args.gold, "0"], capture_output=True,
                            text=True, check=False)
    print(f"python -m analysis extract {'--acts ' + args.acts if args.acts else '(default acts)'}:")
    print(result.stdout.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
