"""How quote extraction grows with the number of quotation marks in one article (issue #16, item 1).

A hostile but valid text, ``"w1" "w2" ... "wN" said Putin.``, once stalled a build for minutes:
attribution looked at every token of the sentence for every quotation, and for each token at
every quotation again. This script times spaCy's parse and :func:`analysis.quotes.extract_quotes`
separately for N quoted words, in one run, and prints the ratio of extraction to parse time and
the growth from one size to the next (near-linear code doubles when N doubles).

Usage:
    .venv/bin/python benchmarks/quotes_many_marks.py [--sizes 1000 2000 5000 10000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.nlp import load_nlp  # noqa: E402
from analysis.quotes import extract_quotes  # noqa: E402


def hostile_text(n: int) -> str:
    """``"w1" "w2" ... "wN" said Putin.``"""
    return " ".join(f'"w{i}"' for i in range(1, n + 1)) + " said Putin."


def main() -> int:
    """Time parse and extraction per size and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    args = parser.parse_args()
    nlp = load_nlp()
    nlp("Warm up: the minister said the talks had failed.")
    print(f"{'quoted words':>12} {'chars':>8} {'parse s':>8} {'extract s':>10} {'extract/parse':>14} {'growth':>7}")
    previous = None
    for n in args.sizes:
        text = hostile_text(n)
        start = time.perf_counter()
        doc = nlp(text)
        parsed = time.perf_counter() - start
        start = time.perf_counter()
        quotes = extract_quotes(doc)
        extracted = time.perf_counter() - start
        growth = f"{extracted / previous:.1f}x" if previous else ""
        print(f"{n:>12,} {len(text):>8,} {parsed:>8.2f} {extracted:>10.2f} {extracted / parsed:>14.2f} {growth:>7}"
              f"   ({len(quotes)} quotes)", flush=True)
        previous = extracted
    return 0


if __name__ == "__main__":
    sys.exit(main())
