"""Reading PolNeAR (Newell et al. 2018): texts and the BRAT standoff attributions.

A split folder holds ``text/<doc>.txt`` and ``attributions/<doc>_<annotator>.ann``. ``T`` lines
are spans (``T3<TAB>Cue 120 125;130 134<TAB>said``: a label, then character offsets with ``;``
between fragments); ``E`` lines join a Source, a Cue and a Content into one attribution. Like the
scorer, training reads the first annotator's file of a document (in sorted order).

Also here: how a candidate span is matched against the gold (trimmed as by the scorer, character
Jaccard overlap, same cue), which all three quote-model trainers share.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from analysis.quotes.syntax import edge_trimmed, span_jaccard

DEFAULT_TRAIN = "../shared/benchmarks/polnear/train"

Span = tuple[int, int]


@dataclass(frozen=True)
class Document:
    """One annotated document of a split: its name, text and first annotator's BRAT file."""

    name: str
    text: str
    ann: Path


def documents(split: str | Path, limit: int | None = None) -> list[Document]:
    """Return the documents of a split that have an annotation file, in file-name order
    (``limit``: only the first ``limit`` texts, counted before those without annotations drop).
    """
    split = Path(split)
    anns = sorted(os.listdir(split / "attributions"))
    found = []
    for text_path in sorted((split / "text").glob("*.txt"))[:limit]:
        ann = next((a for a in anns if a.startswith(text_path.stem + "_") and a.endswith(".ann")), None)
        if ann:
            found.append(Document(text_path.stem, text_path.read_text(encoding="utf-8"), split / "attributions" / ann))
    return found


def texts(split: str | Path) -> list[str]:
    """Return the text of every document of a split, annotated or not, in file-name order."""
    return [path.read_text(encoding="utf-8") for path in sorted((Path(split) / "text").glob("*.txt"))]


def _t_line(line: str) -> tuple[str, tuple[str, int, int]] | None:
    """Return (id, (label, first offset, last offset)) of a ``T`` line, else None; a span of
    several fragments runs from its first fragment's start to its last one's end.
    """
    parts = line.split("\t")
    if not (line.startswith("T") and len(parts) >= 3):
        return None
    label, offsets = parts[1].split(" ", 1)
    pieces = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
    return parts[0], (label, min(p[0] for p in pieces), max(p[1] for p in pieces))


def attributions(ann: Path) -> list[dict[str, tuple[str, int, int]]]:
    """Return the attributions of a BRAT file: {role ("Source", "Cue", "Content"): span} per
    ``E`` line (a role the annotator left out is missing).

    An ``E`` line sees only the ``T`` lines above it, as the trainers have always read the
    files: in PolNeAR train 88 roles point to a ``T`` line further down and are left out
    (kept so that the shipped models reproduce; reading them would change the training data).
    """
    spans, found = {}, []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if t_line := _t_line(line):
            spans[t_line[0]] = t_line[1]
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(part.split(":", 1) for part in parts[1].split() if ":" in part)
            found.append({role: spans[ref] for role, ref in roles.items() if ref in spans})
    return found


def cue_spans(ann: Path) -> list[Span]:
    """Return the (start, end) of every span labelled Cue, linked to an attribution or not."""
    t_lines = filter(None, map(_t_line, ann.read_text(encoding="utf-8").splitlines()))
    return [(start, end) for _id, (label, start, end) in t_lines if label.startswith("Cue")]


def trim(text: str, start: int, end: int) -> Span | None:
    """Trim a span as the scorer does (None when nothing is left)."""
    start, end = edge_trimmed(text, start, end)
    return (start, end) if start < end else None


def gold_contents(ann: Path, text: str) -> list[tuple[Span, Span | None]]:
    """Return (trimmed content span, cue span or None) per attribution with a content."""
    contents = []
    for roles in attributions(ann):
        content, cue = roles.get("Content"), roles.get("Cue")
        if content:
            trimmed = trim(text, content[1], content[2])
            if trimmed:
                contents.append((trimmed, cue[1:] if cue else None))
    return contents


jaccard = span_jaccard  # the scorer's character overlap, as the extractor measures it


def same_cue(cue: Span | None, gold_cue: Span | None) -> bool:
    """Return True when two cues overlap or either is missing."""
    return cue is None or gold_cue is None or (cue[0] < gold_cue[1] and gold_cue[0] < cue[1])


def split_label(split: str | Path) -> str:
    """Return how a manifest names the training data, e.g. "PolNeAR train"."""
    return f"PolNeAR {Path(split).name}"
