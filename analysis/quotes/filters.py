"""The two learned filters: which candidate attributions to add, which rule attributions to drop.

Verbs outside the reporting-verb lists ("has come out in support of", "touted",
"slammed") often introduce attributions in news (PolNeAR annotates them), but most verbs
with a subject and an object do not. :func:`candidate_features` describes a candidate
content of a verb or noun (lemma, complement type, subject type, ...);
:func:`keep_probability` scores it (probability of matching a content of that cue) and
:func:`exact_probability` chooses among one cue's candidates; both are logistic
regressions trained on PolNeAR train (the candidate-filter trainer under ``training/``),
shipped as ``analysis/data/models/candidate_filter.json``. :func:`attribution_probability`
scores the rules' own attributions, described by :func:`attribution_features` (the
attribution-filter trainer → ``analysis/data/models/attribution_filter.json``). All are
computed by the one logistic scorer of :mod:`analysis.quotes.scorer`; a missing file
disables the model.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, Span, Token

from analysis import resources
from analysis.quotes.attribution import Attribution
from analysis.quotes.lexicon import reporting_verbs
from analysis.quotes.scorer import head, load_weights
from analysis.quotes.syntax import doc_text

MODEL_PATH = resources.model_file("candidate_filter.json")
#: Candidates scoring at least this probability are kept.
THRESHOLD = 0.25
_QUOTE_MARKS = ('"', "“", "”")
_CLOSING_MARKS = " ”\"’'"


ATTRIBUTION_MODEL_PATH = resources.model_file("attribution_filter.json")
#: Rule attributions scoring below this probability are dropped.
ATTRIBUTION_THRESHOLD = 0.2


def source_type(source: Span | None) -> str:
    """Return a coarse type of a source phrase (entity label, pronoun or part of speech)."""
    if source is None or len(source) == 0:
        return "none"
    root = source.root
    if root.ent_type_:
        return root.ent_type_
    if root.pos_ == "PRON":
        return "pron:" + root.lower_
    return root.pos_


def candidate_features(verb: Token, content_kind: str, source: Span | None, content: str) -> list[str]:
    """Return the binary features of a candidate attribution.

    Args:
        verb: The verb heading the candidate.
        content_kind: How the content was found ("ccomp", "xcomp", "dobj", "prep").
        source: The subject phrase, if any.
        content: The text of the content.
    """
    lemma = verb.lemma_.lower()
    subject = source_type(source)
    words = len(content.split())
    length = "1" if words <= 1 else "2-3" if words <= 3 else "4-8" if words <= 8 else "9+"
    negated = any(child.dep_ == "neg" for child in verb.children)
    has_quote = any(mark in content for mark in _QUOTE_MARKS)
    return [
        "bias",
        f"lemma={lemma}",
        f"kind={content_kind}",
        f"lemma+kind={lemma}|{content_kind}",
        f"subject={subject}",
        f"kind+subject={content_kind}|{subject}",
        f"lemma+subject={lemma}|{subject}",
        f"dep={verb.dep_}",
        f"tag={verb.tag_}",
        f"length={length}",
        f"kind+length={content_kind}|{length}",
        f"negated={negated}",
        f"quote={has_quote}",
        f"next={verb.nbor(1).lower_ if verb.i + 1 < len(verb.doc) else '<end>'}",
    ]


def _probability(features: list[str], name: str, path: Path = MODEL_PATH) -> float:
    """Return the probability of the head ``name`` of a model file (0 without model or head)."""
    scorer = head(load_weights(path), name)
    return 0.0 if scorer is None else scorer.probability(features)


def keep_probability(features: list[str]) -> float:
    """Return the model's probability that a candidate overlaps a real attribution's content
    (character Jaccard >= 0.5; 0 without a model).
    """
    return _probability(features, "")


def exact_probability(features: list[str]) -> float:
    """Return the model's probability that a candidate's span equals a real content exactly
    (used to choose among the candidates of one verb; 0 without a model).
    """
    return _probability(features, "exact_")


def attribution_probability(features: list[str]) -> float:
    """Return the probability that a rule attribution's content overlaps a real content
    (1 without a model, so nothing is dropped).
    """
    if load_weights(ATTRIBUTION_MODEL_PATH) is None:
        return 1.0
    return _probability(features, "", ATTRIBUTION_MODEL_PATH)


def _length_bucket(words: int) -> str:
    """Return a coarse length class of a content."""
    return "1" if words <= 1 else "2-3" if words <= 3 else "4-8" if words <= 8 else "9-20" if words <= 20 else "21+"


def attribution_features(doc: Doc, attribution: Attribution) -> list[str]:
    """Return the binary features of an attribution for the learned attribution filter:
    its kind, cue word and syntax, source type, content length and first word.
    """
    text = doc_text(doc)
    content = text[attribution.start : attribution.end]
    words = content.split()
    first = words[0].lower().strip("\"“‘'") if words else "<none>"
    kind = attribution.kind
    question = content.rstrip(_CLOSING_MARKS).endswith("?")
    line_end = text.find("\n")
    headline = line_end < 0 or attribution.start < line_end
    features = [
        "bias",
        f"kind={kind}",
        f"quotations={min(len(attribution.quotations), 3)}",
        f"length={_length_bucket(len(words))}",
        f"kind+length={kind}|{_length_bucket(len(words))}",
        f"first={first}",
        f"kind+first={kind}|{first}",
        f"question={question}",
        f"headline={headline}",
    ]
    source = attribution.source
    features.append(f"source={source_type(source)}")
    if attribution.cue is None:
        return features + ["cue=<none>", f"cue+kind=<none>|{kind}"]
    cue_text = text[attribution.cue[0] : attribution.cue[1]]
    position = (
        "before"
        if attribution.cue[1] <= attribution.start
        else "after"
        if attribution.cue[0] >= attribution.end
        else "inside"
    )
    features += [f"position={position}", f"kind+position={kind}|{position}"]
    if attribution.cue[0] >= attribution.cue[1]:  # an empty or inverted cue span carries no syntax
        return features + [f"cue={cue_text.strip().lower()[:20]}"]
    span = doc.char_span(attribution.cue[0], attribution.cue[1], alignment_mode="expand")
    if span is None or len(span) == 0 or cue_text == ":":
        return features + [f"cue={cue_text.strip().lower()[:20]}"]
    root = span.root
    lemma = root.lemma_.lower()
    modal = any(c.tag_ == "MD" for c in root.children)
    marks = sorted({c.lower_ for c in root.children if c.dep_ == "mark"})
    features += [
        f"lemma={lemma}",
        f"lemma+kind={lemma}|{kind}",
        f"lemma+position={lemma}|{position}",
        f"lemma+source={lemma}|{source_type(source)}",
        f"pos={root.pos_}",
        f"tag={root.tag_}",
        f"dep={root.dep_}",
        f"lemma+dep={lemma}|{root.dep_}",
        f"head_dep={root.head.dep_ if root.dep_ != 'ROOT' else '-'}",
        f"modal={modal}",
        f"lemma+modal={lemma}|{modal}",
        f"mark={'+'.join(marks)}",
        f"negated={any(c.dep_ == 'neg' for c in root.children)}",
        f"cue_words={min(len(span), 4)}",
        f"listed={lemma in reporting_verbs()}",
    ]
    return features
