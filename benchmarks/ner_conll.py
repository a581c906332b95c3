"""Entity-level NER scores of the spaCy pipeline on CoNLL-2003 (IOB1), with optional gazetteer fixes.

Each CoNLL document is given to spaCy pre-tokenised (one ``Doc`` per document, sentences
joined by newlines), so predicted and gold spans align on tokens. OntoNotes labels are mapped
to CoNLL: PERSON -> PER; GPE, LOC, FAC -> LOC; ORG -> ORG; NORP -> MISC. MISC is neither
scored nor penalised (gold MISC spans and predicted MISC spans are ignored); PER, LOC and
ORG are scored with exact span and type match (micro P/R/F1 per type and over all three).

``--postprocess`` gives capitalised sentences to spaCy in title case, then applies
:func:`relabel_with_gazetteer` (spans that the country gazetteer resolves: countries, capitals,
cities -> LOC; alliances and institutions -> ORG; demonyms -> MISC; gazetteer countries that
spaCy missed are added as LOC), :func:`extend_org_suffixes` ("Warsaw Newsroom" -> ORG) and,
in sports reports only, :func:`relabel_sports_teams` (non-country places -> ORG, since CoNLL
labels teams named after cities and counties as ORG).

Usage::

    .venv/bin/python benchmarks/ner_conll.py [--path ../shared/benchmarks/conll2003/eng.testa]
        [--postprocess] [--product] [--model-ner] [--limit N]

``--model-ner`` scores the spaCy model's own recogniser instead of the default ``conll_people`` setting
(``load_nlp(conll=True)``: the CoNLL-trained recogniser of :mod:`analysis.nlp` in place of the
model's ``ner``, same OntoNotes labels); without it, the model as shipped (the default).

``--product`` scores what the product reports instead of raw spaCy entities:
:func:`analysis.entities.find_people_and_organizations` (PER/ORG, titles stripped, junk dropped,
places removed from organisations, untagged surnames added) plus countries from
:func:`analysis.countries.find_places` and spaCy's other places as LOC.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spacy.tokens import Doc  # noqa: E402

from analysis.countries import find_places, load_gazetteer  # noqa: E402
from analysis.entities import find_people_and_organizations  # noqa: E402
from analysis.nlp import load_nlp  # noqa: E402
from training.conll import iob1_spans, read_conll  # noqa: E402

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "conll2003" / "eng.testa"
LABEL_MAP = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "MISC"}
SCORED = ("PER", "LOC", "ORG")


def relabel_with_gazetteer(doc: Doc, spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Correct predicted (start, end, CoNLL type) spans with the country gazetteer.

    * A span whose text is a country name, capital or city -> LOC; an institution or seat of
      power stays/becomes ORG; a demonym -> MISC; an alliance or organisation-like region
      (NATO, EU, UN) -> ORG; a continent-like region -> LOC.
    * Country names/capitals that spaCy did not tag at all are added as LOC.
    """
    gazetteer = load_gazetteer()
    org_regions = {
        "EU",
        "NATO",
        "UN",
        "G7",
        "G20",
        "OPEC",
        "ASEAN",
        "AU",
        "CIS",
        "SCO",
        "CSTO",
        "OSCE",
        "ARAB_LEAGUE",
        "BRICS",
    }
    fixed = set()
    covered = set()
    for start, end, label in spans:
        text = doc[start:end].text
        target = gazetteer.targets.get(text)
        if target is None and len(text) > 3 and text.isupper():
            target = gazetteer.targets.get(text.title())
        if target is not None and target.kind == "country":
            if target.via == "demonym":
                label = "MISC"
            elif target.via in {"institution", "seat"}:
                label = "ORG"
            else:
                label = "LOC"
        elif target is not None and target.kind == "region":
            label = (
                "ORG" if target.key in org_regions else ("MISC" if text.endswith(("an", "ans")) else "LOC")
            )
        fixed.add((start, end, label))
        covered.update(range(start, end))
    for token in doc:
        if token.i in covered or not token.is_title:
            continue
        target = gazetteer.targets.get(token.text)
        if target is not None and target.kind == "country" and target.via in {"name", "capital"}:
            fixed.add((token.i, token.i + 1, "LOC"))
    return fixed


SPORTS_WORDS = (
    "SOCCER",
    "CRICKET",
    "BASEBALL",
    "RUGBY",
    "BASKETBALL",
    "TENNIS",
    "GOLF",
    "HOCKEY",
    "FOOTBALL",
    "NFL",
    "NHL",
    "NBA",
    "CYCLING",
    "ATHLETICS",
    "MOTOR",
    "BOXING",
    "SPORT",
)
TITLE_CASE_SHOUTING = True
ORG_SUFFIX_WORDS = {"Newsroom", "Desk", "Bureau"}


def is_sports_document(document: list[list[tuple[str, str]]]) -> bool:
    """Tell whether a CoNLL document is a sports report (its first line names a sport in capitals)."""
    first = " ".join(word for word, _ in document[0])
    return any(word in first for word in SPORTS_WORDS)


def is_shouting(sentence: list[tuple[str, str]]) -> bool:
    """Tell whether a sentence is set in capitals (headlines, result tables)."""
    letters = [ch for word, _ in sentence for ch in word if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


def relabel_sports_teams(doc: Doc, spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """In sports reports, places that are not countries name teams or clubs: LOC -> ORG."""
    targets = load_gazetteer().targets
    fixed = set()
    for start, end, label in spans:
        text = doc[start:end].text
        target = targets.get(text) or targets.get(text.title())
        is_country = target is not None and target.kind == "country" and target.via == "name"
        fixed.add((start, end, "ORG" if label == "LOC" and not is_country else label))
    return fixed


def extend_org_suffixes(doc: Doc, spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Relabel a span followed by an organisation suffix ("Warsaw Newsroom") as ORG."""
    fixed = set()
    for start, end, label in spans:
        if end < len(doc) and doc[end].text in ORG_SUFFIX_WORDS:
            fixed.add((start, end + 1, "ORG"))
        else:
            fixed.add((start, end, label))
    return fixed


def propagate_person_names(doc: Doc, spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Label other mentions of a person's names as PER within the document.

    The words of multi-word PER spans ("Roberto Duran") make a name list; a span made only of
    these words ("Duran" tagged ORG) becomes PER, and an untagged capitalised occurrence of
    a surname is added as PER (the same idea as alias merging in analysis.entities).
    """
    names = set()
    surnames = set()
    for start, end, label in spans:
        if label == "PER" and end - start > 1:
            words = [t.text.lower() for t in doc[start:end] if t.text[:1].isalpha()]
            names.update(words)
            surnames.update(words[-1:])
    fixed = set()
    covered = set()
    for start, end, label in spans:
        words = [t.text.lower() for t in doc[start:end]]
        if label != "PER" and all(w in names for w in words) and words[-1] in surnames:
            label = "PER"
        fixed.add((start, end, label))
        covered.update(range(start, end))
    for token in doc:
        if (
            token.i not in covered
            and token.text.lower() in surnames
            and token.text[:1].isupper()
            and len(token) > 2
        ):
            fixed.add((token.i, token.i + 1, "PER"))
    return fixed


def product_spans(doc: Doc) -> set[tuple[int, int, str]]:
    """Spans as the product reports them: people -> PER, organisations -> ORG, countries -> LOC.

    Countries found by name, capital or city count as LOC (demonyms, seats and institutions
    are not locations in CoNLL terms); other spaCy GPE/LOC/FAC entities are kept as LOC.
    """
    spans = set()
    places = find_places(doc.text, doc)
    for mention in find_people_and_organizations(doc, places):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        spans.add((span.start, span.end, "PER" if mention.kind == "person" else "ORG"))
    taken = {i for start, end, _ in spans for i in range(start, end)}
    for mention in places:
        if mention.kind == "country" and mention.via in {"name", "capital", "city"}:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if not taken.intersection(range(span.start, span.end)):
                spans.add((span.start, span.end, "LOC"))
                taken.update(range(span.start, span.end))
    for ent in doc.ents:
        if LABEL_MAP.get(ent.label_) == "LOC" and not taken.intersection(range(ent.start, ent.end)):
            spans.add((ent.start, ent.end, "LOC"))
    return spans


def predict(
    nlp,
    document: list[list[tuple[str, str]]],
    postprocess: bool,
    product: bool = False,
) -> tuple[set, set, int]:
    """Run spaCy on one pre-tokenised document; return gold spans, predicted spans, word count.

    With ``postprocess``, capitalised sentences are given to spaCy in title case (same
    lengths, so the spans still align) and the gazetteer/sports/suffix fixes are applied.
    """
    words, spaces, tags = [], [], []
    for sentence in document:
        shouting = postprocess and TITLE_CASE_SHOUTING and is_shouting(sentence)
        for index, (word, tag) in enumerate(sentence):
            words.append(word.title() if shouting and word.isupper() and len(word) > 1 else word)
            spaces.append(index < len(sentence) - 1)
            tags.append(tag)
        words.append("\n")
        spaces.append(False)
        tags.append("O")
    doc = nlp(Doc(nlp.vocab, words=words, spaces=spaces))
    predicted = {(e.start, e.end, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}
    if product:
        predicted = product_spans(doc)
    if postprocess:
        predicted = relabel_with_gazetteer(doc, predicted)
        predicted = extend_org_suffixes(doc, predicted)
        predicted = propagate_person_names(doc, predicted)
        if is_sports_document(document):
            predicted = relabel_sports_teams(doc, predicted)
    gold = set(iob1_spans(tags))
    word_count = sum(len(s) for s in document)
    return gold, predicted, word_count


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Return precision, recall and F1 in percent."""
    precision = 100 * tp / max(1, tp + fp)
    recall = 100 * tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1


def main() -> None:
    """Score the pipeline and print per-type and overall figures plus throughput."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(DEFAULT_PATH))
    parser.add_argument("--postprocess", action="store_true", help="apply gazetteer relabelling")
    parser.add_argument(
        "--product", action="store_true", help="score find_people_and_organizations + find_places instead"
    )
    parser.add_argument("--conll-people", action="store_true",
                        help="the CoNLL-trained recogniser (the default since analysis 1.16.0; kept for old commands)")
    parser.add_argument("--model-ner", action="store_true", help="the spaCy model's own recogniser (before 1.16.0)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = parser.parse_args()
    documents = read_conll(Path(args.path))
    if args.limit:
        documents = documents[: args.limit]
    nlp = load_nlp(conll=not args.model_ner)
    counts = {kind: Counter() for kind in SCORED}
    words = 0
    started = time.perf_counter()
    for document in documents:
        gold, predicted, word_count = predict(nlp, document, args.postprocess, args.product)
        words += word_count
        for kind in SCORED:
            gold_k = {s for s in gold if s[2] == kind}
            pred_k = {s for s in predicted if s[2] == kind}
            counts[kind].update(tp=len(gold_k & pred_k), fp=len(pred_k - gold_k), fn=len(gold_k - pred_k))
    elapsed = time.perf_counter() - started
    print(
        f"{args.path}: {len(documents)} documents, {words} words, "
        f"postprocess={args.postprocess}, product={args.product}, model_ner={args.model_ner}"
    )
    total = Counter()
    for kind in SCORED:
        total.update(counts[kind])
        p, r, f = prf(counts[kind]["tp"], counts[kind]["fp"], counts[kind]["fn"])
        print(f"  {kind}: P {p:.1f} R {r:.1f} F1 {f:.1f}")
    p, r, f = prf(total["tp"], total["fp"], total["fn"])
    print(f"  PER+LOC+ORG: P {p:.1f} R {r:.1f} F1 {f:.1f}")
    print(f"  {words / elapsed:.0f} words/s ({elapsed:.1f} s)")


if __name__ == "__main__":
    main()
