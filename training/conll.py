"""Reading CoNLL-2003 files: documents of sentences of (word, IOB tag), and IOB tags as spans.

Shared by the CoNLL-trained recogniser's trainer (:mod:`training.train_ner_onto`) and its benchmark
(``benchmarks/ner_conll.py``).
"""

from __future__ import annotations

from pathlib import Path


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Read a CoNLL-2003 file into documents of sentences of (word, tag)."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            documents.append([])
            continue
        if not line.strip():
            if sentence:
                if not documents:
                    documents.append([])
                documents[-1].append(sentence)
                sentence = []
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    if sentence:
        if not documents:
            documents.append([])
        documents[-1].append(sentence)
    return [doc for doc in documents if doc]


def iob1_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, CoNLL type) token spans of IOB1 (or IOB2) tags, in order."""
    spans = []
    start, current = 0, None
    for index, tag in enumerate(tags + ["O"]):
        prefix, _, kind = tag.partition("-")
        begins = tag != "O" and (prefix == "B" or kind != current)
        if (tag == "O" or begins) and current is not None:
            spans.append((start, index, current))
            current = None
        if begins:
            start, current = index, kind
    return spans
