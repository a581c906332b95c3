"""PolNeAR documents parsed once by the product's spaCy pipeline, cached for every trainer.

The first trainer to read a split parses it with :func:`analysis.nlp.load_nlp` (840 train
documents: several minutes on 2 cores) and keeps the parses as a spaCy ``DocBin`` in
``training/out/`` (not committed); later trainers load them from there. The file name holds
the split, the number of documents and a fingerprint of the model, tokenizer rules and CoNLL
recogniser, so a parse made with other token boundaries or other name spans is never reused.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc

from training import polnear

CACHE_DIR = Path(__file__).resolve().parent / "out"


class Parsed(NamedTuple):
    """A document's text, its gold contents (:func:`training.polnear.gold_contents`) and its parse."""

    text: str
    gold: list[tuple[polnear.Span, polnear.Span | None]]
    doc: Doc


def parser_fingerprint(nlp) -> str:
    """Return a short hash of the model, tokenizer rules and the CoNLL recogniser's weights when used."""
    from analysis.nlp import DASH_QUOTE_INFIXES, JOIN_PIPE, NER_PATH

    conll = hashlib.sha1(NER_PATH.read_bytes()).hexdigest() if JOIN_PIPE in nlp.pipe_names else "-"
    key = f"{nlp.meta['name']}-{nlp.meta['version']}-{DASH_QUOTE_INFIXES}-{conll}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def parsed_documents(split: str | Path, limit: int | None = None, cache_dir: Path = CACHE_DIR) -> list[Parsed]:
    """Return every annotated document of a split with its parse, parsing once and caching."""
    from spacy.tokens import DocBin

    from analysis.nlp import load_nlp

    nlp = load_nlp()
    split = Path(split)
    items = [(d.text, polnear.gold_contents(d.ann, d.text)) for d in polnear.documents(split, limit)]
    cache = cache_dir / f"parsed_{split.name}_{len(items)}_{parser_fingerprint(nlp)}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(text for text, _ in items))
        cache.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin()
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return [Parsed(text, gold, doc) for (text, gold), doc in zip(items, docs, strict=True)]
