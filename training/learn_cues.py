"""Learn the cue-word lexicon for quote extraction from PolNeAR train annotations.

For every word form, counts how often it is the head word of an annotated Cue span
(auxiliaries, negation and cue adverbs skipped) against how often it occurs in the text,
and keeps forms with at least ``--min-count`` cue uses and a cue share of ``--min-share``.
The result is written to ``analysis/data/generated/quotes/learned_cues.txt`` (one form a line, with
counts as a comment), read by :mod:`analysis.quotes`. Only the train split is used.

Usage:
    .venv/bin/python benchmarks/quotes_learn_cues.py [--split ../shared/benchmarks/polnear/train]
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "analysis" / "data" / "generated" / "quotes" / "learned_cues.txt"
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
    text_dir, ann_dir = Path(split) / "text", Path(split) / "attributions"
    anns = sorted(os.listdir(ann_dir))
    for text_path in sorted(text_dir.glob("*.txt")):
        doc = text_path.stem
        ann = next((a for a in anns if a.startswith(doc + "_") and a.endswith(".ann")), None)
        if ann is None:
            continue
        text = text_path.read_text(encoding="utf-8")
        words.update(w.lower() for w in _WORD.findall(text))
        for line in (ann_dir / ann).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or not line.startswith("T") or not parts[1].startswith("Cue"):
                continue
            pieces = parts[1].split(" ", 1)[1].split(";")
            start, end = int(pieces[0].split()[0]), int(pieces[-1].split()[1])
            heads = [w.lower() for w in _WORD.findall(text[start:end]) if w.lower() not in _SKIP]
            if heads:
                cues[heads[0]] += 1
    return cues, words


def main(argv=None) -> int:
    """Write the learned lexicon."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="../shared/benchmarks/polnear/train")
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument("--min-share", type=float, default=0.4)
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
        "# Cue word forms learned from PolNeAR train (benchmarks/quotes_learn_cues.py,",
        f"# --min-count {args.min_count} --min-share {args.min_share}, {datetime.date.today().isoformat()}).",
        "# form  cue-uses/occurrences",
    ]
    lines += [f"{form}\t# {cues[form]}/{words[form]}" for form in kept]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} forms written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
