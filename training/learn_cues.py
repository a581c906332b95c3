"""Learn the cue-word lexicon for quote extraction from PolNeAR train annotations.

For every word form, counts how often it is the head word of an annotated Cue span
(auxiliaries, negation and cue adverbs skipped) against how often it occurs in the text,
and keeps forms with at least ``--min-count`` cue uses and a cue share of ``--min-share``.
The result is written to ``analysis/data/generated/quotes/learned_cues.txt`` (one form a line, with
counts as a comment), read by :mod:`analysis.quotes`. Only the train split is used. No parsing:
a few seconds. Run it before the quote models (the rules read the list).

Usage (from the repo root)::

    python -m training.learn_cues [--split ../shared/benchmarks/polnear/train] [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections import Counter
from pathlib import Path

from analysis import resources
from training import polnear

OUT = resources.generated_file("quotes", "learned_cues.txt")
_WORD = re.compile(r"[A-Za-z’']+")
_SKIP = frozenset(
    "has have had is was are were will would also just then not never to be been did does do could should "
    "can may might already later repeatedly previously n’t n't once again often".split()
)
#: Forms that pass the counts but are not cue verbs on their own (adverbs, adjectives,
#: possessive marks, nouns) or are handled by a dedicated rule ("according to").
_EXCLUDE = frozenset(
    "'s ’s widely officially explicitly enthusiastically eager wary reportedly according complaints "
    "convinced angered sided".split()
)


def cue_counts(split: str) -> tuple[Counter, Counter]:
    """Return (cue head-word counts, all word counts) over the split (first annotator per doc)."""
    cues, words = Counter(), Counter()
    for document in polnear.documents(split):
        text = document.text
        words.update(w.lower() for w in _WORD.findall(text))
        for start, end in polnear.cue_spans(document.ann):
            heads = [w.lower() for w in _WORD.findall(text[start:end]) if w.lower() not in _SKIP]
            if heads:
                cues[heads[0]] += 1
    return cues, words


def main(argv=None) -> int:
    """Write the learned lexicon."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default=polnear.DEFAULT_TRAIN)
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument("--min-share", type=float, default=0.4)
    parser.add_argument("--out", type=Path, default=OUT, help="file to write (default: the shipped list)")
    args = parser.parse_args(argv)
    cues, words = cue_counts(args.split)
    kept = sorted(
        (
            form
            for form, count in cues.items()
            if count >= args.min_count
            and words[form]
            and count / words[form] >= args.min_share
            and form not in _EXCLUDE
        ),
        key=lambda form: -cues[form],
    )
    lines = [
        "# Cue word forms learned from PolNeAR train (training/learn_cues.py,",
        f"# --min-count {args.min_count} --min-share {args.min_share}, {datetime.date.today().isoformat()}).",
        "# form  cue-uses/occurrences",
    ]
    lines += [f"{form}\t# {cues[form]}/{words[form]}" for form in kept]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} forms written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
