"""Small learned models for attributions beyond the curated cue lists.

Verbs outside the reporting-verb lists ("has come out in support of", "touted",
"slammed") often introduce attributions in news (PolNeAR annotates them), but most verbs
with a subject and an object do not. :func:`candidate_features` describes a candidate
content of a verb or noun (lemma, complement type, subject type, ...);
:func:`keep_probability` scores it (probability of matching a content of that cue) and
:func:`exact_probability` chooses among one cue's candidates; both are logistic
regressions trained on PolNeAR train by ``benchmarks/quotes_train_filter.py``, shipped as
``analysis/data/models/candidate_filter.json``. :func:`attribution_probability` scores the
rules' own attributions (``benchmarks/quotes_train_attribution_filter.py`` →
``analysis/data/models/attribution_filter.json``). Plain JSON weights, no runtime
dependency; a missing file disables the model.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from spacy.tokens import Span, Token

from analysis import resources

MODEL_PATH = resources.model_file("candidate_filter.json")
#: Candidates scoring at least this probability are kept.
THRESHOLD = 0.25
_QUOTE_MARKS = ('"', "“", "”")


ATTRIBUTION_MODEL_PATH = resources.model_file("attribution_filter.json")
#: Rule attributions scoring below this probability are dropped.
ATTRIBUTION_THRESHOLD = 0.2


@functools.lru_cache(maxsize=4)
def load_weights(path: Path) -> dict | None:
    """Return the trained weights of a model file (read once), or None when it is missing."""
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


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


def _probability(features: list[str], prefix: str, path: Path = MODEL_PATH) -> float:
    """Return the logistic probability of the weights stored under ``prefix`` (0 without a model)."""
    model = load_weights(path)
    if model is None or f"{prefix}weights" not in model:
        return 0.0
    weights = model[f"{prefix}weights"]
    score = model.get(f"{prefix}intercept", 0.0) + sum(weights.get(feature, 0.0) for feature in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


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
    (``benchmarks/quotes_train_attribution_filter.py``; 1 without a model, so nothing is dropped).
    """
    if load_weights(ATTRIBUTION_MODEL_PATH) is None:
        return 1.0
    return _probability(features, "", ATTRIBUTION_MODEL_PATH)
