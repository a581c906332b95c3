"""The training targets of the CoNLL-trained recogniser (:mod:`training.train_ner_onto`).

CoNLL-2003 documents cut into pieces and written a little more as news is (:func:`augment`: Title
Case headlines, titles before people), some re-tokenised as the product does; their gold labels
merged with the original model's own predictions (:func:`merge_labels`, :func:`place_label`);
and un-annotated news pieces with the model's own entities as targets (:func:`silver_examples`).
See :mod:`training.train_ner_onto` for what each target is and why.
"""

from __future__ import annotations

import functools
import random
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.training import Example

from analysis import nlp as product_nlp
from analysis.countries import load_gazetteer
from training.conll import iob1_spans, read_conll

#: CoNLL labels as the gold docs carry them (renamed to OntoNotes ones by :func:`merge_labels`).
CONLL_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
PLACE_LABELS = ("GPE", "LOC", "FAC")
#: OntoNotes labels a CoNLL MISC span may carry.
MISC_LABELS = ("NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE")
#: OntoNotes labels that name nothing CoNLL annotates: kept from the model outside CoNLL entities.
NON_NAME_LABELS = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
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

