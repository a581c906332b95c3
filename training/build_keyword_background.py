"""Build the background document frequencies used by :mod:`analysis.keywords`.

The background is training text only: CoNLL-2003 English train (945 Reuters
documents, 1996) and PolNeAR train (840 US-election news documents, 2016). DUC-2001
and 500N-KPCrowd, the keyphrase evaluation sets, are never read. Only word-stem
document frequencies (no text) are written, to ``analysis/data/generated/keywords/background_df.json``.

Usage (from the repo root)::

    python -m training.build_keyword_background [--shared ../shared] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from analysis.keywords import BACKGROUND_PATH, stem_word, word_tokens
from training import polnear


def conll_documents(path: Path) -> list[str]:
    """Documents of a CoNLL-2003 file as space-joined tokens."""
    documents, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if current:
                documents.append(" ".join(current))
            current = []
        elif line.strip():
            current.append(line.split(" ")[0])
    if current:
        documents.append(" ".join(current))
    return documents


def main(argv=None) -> None:
    """Count stem document frequencies and write the JSON file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared", help="the shared data folder")
    parser.add_argument("--min-df", type=int, default=2, help="drop stems rarer than this")
    parser.add_argument("--out", type=Path, default=BACKGROUND_PATH, help="file to write (default: the shipped one)")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    documents = conll_documents(shared / "benchmarks/conll2003/eng.train")
    documents += polnear.texts(shared / "benchmarks/polnear/train")
    df: Counter[str] = Counter()
    for text in documents:
        df.update({stem_word(w) for w in word_tokens(text)})
    kept = {s: n for s, n in sorted(df.items()) if n >= args.min_df}
    payload = {
        "about": "Document frequencies of Porter stems of lowercase words in CoNLL-2003 "
        "English train and PolNeAR train (training data only); built by "
        "training/build_keyword_background.py.",
        "n_documents": len(documents),
        "min_df": args.min_df,
        "df": kept,
    }
    args.out.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(documents)} documents, {len(kept)} stems -> {args.out}")


if __name__ == "__main__":
    main()
