"""Agreement between PolNeAR annotators, scored like the extractor (context for its figures).

Some PolNeAR documents were annotated by more than one annotator. ``score_quotes.py``
scores against the first annotation file of a document in sorted order; this script scores
every other annotator's file of the same document against that one, with the same
definitions (content exact / overlap, source, cue, attribution), so the extractor's figures
can be read next to how often two people agree.

Usage:
    .venv/bin/python benchmarks/quotes_annotator_agreement.py [--split DIR] [--scorer PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_scorer(path: Path):
    """Import ``score_quotes.py`` from ``path`` as a module."""
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_prediction(text: str, attributions: list[dict]) -> dict:
    """Return an annotator's attributions in the extractor's prediction format."""

    def ends(span):
        return (span[0], span[1]) if span else (None, None)

    quotes = []
    for item in attributions:
        speaker_start, speaker_end = ends(item["source"])
        cue_start, cue_end = ends(item["cue"])
        quotes.append(
            {
                "start": item["content"][0],
                "end": item["content"][1],
                "speaker_start": speaker_start,
                "speaker_end": speaker_end,
                "cue_start": cue_start,
                "cue_end": cue_end,
            }
        )
    return {"text": text, "quotes": quotes}


def annotator_pairs(split: Path, scorer) -> tuple[dict, dict, int]:
    """Return (gold, predictions, skipped files): each later annotator against the first."""
    files_by_doc: dict[str, list[str]] = defaultdict(list)
    for name in sorted(os.listdir(split / "attributions")):
        if name.endswith(".ann"):
            files_by_doc[name.rsplit("_", 1)[0]].append(name)
    gold, predictions, skipped = {}, {}, 0
    for doc, files in sorted(files_by_doc.items()):
        if len(files) < 2:
            continue
        text = (split / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        try:
            first = scorer.parse_ann(split / "attributions" / files[0])
        except (ValueError, KeyError):  # the scorer's parser fails on a few malformed files
            skipped += len(files)
            continue
        for other in files[1:]:
            try:
                attributions = scorer.parse_ann(split / "attributions" / other)
            except (ValueError, KeyError):
                skipped += 1
                continue
            key = f"{doc}#{other}"
            gold[key] = (text, first)
            predictions[key] = as_prediction(text, attributions)
    return gold, predictions, skipped


def main(argv=None) -> int:
    """Print the agreement table for one split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default=str(ROOT.parent / "shared/benchmarks/polnear/train"))
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared/eval/score_quotes.py"))
    args = parser.parse_args(argv)
    scorer = load_scorer(Path(args.scorer))
    gold, predictions, skipped = annotator_pairs(Path(args.split), scorer)
    if not gold:
        print(f"{args.split}: no document has two annotators")
        return 1
    result = scorer.score(gold, predictions)
    documents = len({key.split("#")[0] for key in gold})
    print(f"{args.split}: {len(gold)} annotator pairs over {documents} documents ({skipped} files skipped)")
    print("| content exact F1 | content overlap F1 | source exact F1 | cue exact F1 | attribution acc. |")
    print("|---|---|---|---|---|")
    cells = [result[key]["f1"] for key in ("content_exact", "content_overlap", "source_exact", "cue_exact")]
    print("| " + " | ".join(f"{cell:.1f}" for cell in cells) + f" | {result['attribution_accuracy']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
