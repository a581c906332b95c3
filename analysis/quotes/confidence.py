"""Confidence: the probability that a statement is right and is the named speaker's.

:func:`confidence_features` describes a finished :class:`analysis.records.Quote` in its parsed
article with binary features (its kind, how its speaker is named and where, its cue, its
length, its quoted words); :func:`with_confidence` scores them with one logistic regression
(:mod:`analysis.quotes.scorer`), trained on PolNeAR train by ``training/train_confidence.py``
(label: the content matches a gold content and the speaker mention is the gold source), then
recalibrated for real news by ``training/calibrate_confidence.py`` (Platt scaling of its
log-odds on speakers_dev, where "right" means found and given to the right canonical speaker;
one scaling per ``act``, since stances are rarer statements of the gold than speech and the
same raw score means less for them), and shipped as ``analysis/data/models/confidence_model.json``.
The reliability tables (cross-validated by article, and of the shipped file) are in
``docs/accuracy.md``. Without the model file every confidence is None.
"""

from __future__ import annotations

import math
from dataclasses import replace

from spacy.tokens import Doc

from analysis import resources
from analysis.quotes.antecedents import pronouns
from analysis.quotes.lexicon import learned_cues, reporting_verbs
from analysis.quotes.scorer import head, load_weights
from analysis.quotes.syntax import doc_text
from analysis.records import Quote

#: The shipped model (written by ``python -m training.train_confidence``).
CONFIDENCE_MODEL_PATH = resources.model_file("confidence_model.json")



def _char_span(doc: Doc, start: int | None, end: int | None):
    """Return the tokens covering ``[start, end)``, or None for a missing, empty or out-of-range span."""
    # doc_text: spaCy's doc.text joins every token on each call (a fifth of the pipeline's time, per quote).
    if start is None or end is None or not 0 <= start < end <= len(doc_text(doc)):
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    """Return the first edge ``value`` does not exceed ("<=3"), or ">last"."""
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _mention_form(doc: Doc, quote: Quote) -> str:
    """Return how the text names the speaker: "none", "pronoun", "name" or "description"."""
    span = _char_span(doc, quote.speaker_start, quote.speaker_end)
    if span is None:
        return "none"
    words = doc_text(doc)[quote.speaker_start : quote.speaker_end].split()
    if len(words) == 1 and any(words[0].lower() in forms for forms in pronouns().values()):
        return "pronoun"
    if any(token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG") for token in span):
        return "name"
    return "description"


def _cue_form(doc: Doc, quote: Quote) -> str:
    """Return the cue's class: "none", "colon", "listed:<lemma>", "learned" or "other"."""
    span = _char_span(doc, quote.cue_start, quote.cue_end)
    if span is None:
        return "none"
    words = doc_text(doc)[quote.cue_start : quote.cue_end].lower()
    if words.strip() in (":", "-", "—"):
        return "colon"
    lemma = span.root.lemma_.lower() if len(span) else words
    if lemma in reporting_verbs():
        return f"listed:{lemma}" if lemma in ("say", "tell", "add", "write", "claim", "ask") else "listed"
    if words in learned_cues():
        return "learned"
    return "other"


def _mention_place(quote: Quote) -> str:
    """Return where the speaker mention stands: before, after or inside the content, with its
    distance in characters bucketed ("before:<=40").
    """
    if quote.speaker_start is None or quote.speaker_end is None:
        return "none"
    if quote.speaker_end <= quote.start:
        return "before:" + _bucket(quote.start - quote.speaker_end, (3, 40, 200))
    if quote.speaker_start >= quote.end:
        return "after:" + _bucket(quote.speaker_start - quote.end, (3, 40, 200))
    return "inside"


def confidence_features(doc: Doc, quote: Quote) -> list[str]:
    """Return the binary features the confidence model scores for one quote of ``doc``."""
    text = doc_text(doc)
    content = text[quote.start : quote.end]
    speaker = (
        "named:" + (quote.speaker_kind or "other")
        if quote.speaker
        else ("unnamed" if quote.speaker_description else "nobody")
    )
    mention = _mention_form(doc, quote)
    place = _mention_place(quote)
    cue = _cue_form(doc, quote)
    words = _bucket(len(content.split()), (3, 8, 20, 50))
    features = [
        f"kind={quote.kind}",
        f"speaker={speaker}",
        f"mention={mention}",
        f"place={place}",
        f"cue={cue}",
        f"words={words}",
        f"segments={min(len(quote.segments), 2)}",
        f"kind={quote.kind}&speaker={speaker}",
        f"kind={quote.kind}&cue={cue.split(':')[0]}",
        f"kind={quote.kind}&words={words}",
        f"mention={mention}&place={place.split(':')[0]}",
    ]
    if "\n\n" in content:
        features.append("paragraphs")
    if content[:1].islower():
        features.append("lower_start")
    if content.rstrip()[-1:] in (".", "!", "?", "”", '"'):
        features.append("sentence_end")
    return features


def calibration(model: dict, act: str | None = None) -> tuple[float, float] | None:
    """Return the (slope, intercept) of the Platt scaling for statements of ``act``: the act's own
    (``calibration_by_act``, fitted on that act's statements) when the model has one, else the
    model's single scaling; None without any.
    """
    own = (model.get("calibration_by_act") or {}).get(act or "")
    if own is not None:
        return float(own["slope"]), float(own["intercept"])
    slope, intercept = model.get("calibration_slope"), model.get("calibration_intercept")
    if slope is None or intercept is None:
        return None
    return float(slope), float(intercept)


def calibrated(probability: float, model: dict, act: str | None = None) -> float:
    """Return a raw model probability through the Platt scaling of ``act`` (:func:`calibration`;
    unchanged without one), so that a confidence means the same for speech and stances.
    """
    scaling = calibration(model, act)
    if scaling is None:
        return probability
    slope, intercept = scaling
    probability = min(max(probability, 1e-6), 1 - 1e-6)
    score = slope * math.log(probability / (1 - probability)) + intercept
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def with_confidence(doc: Doc, quotes: list[Quote], path=CONFIDENCE_MODEL_PATH) -> list[Quote]:
    """Return ``quotes`` with their ``confidence`` set by the shipped model (None without it),
    each through the calibration of its ``act`` (set before, :mod:`analysis.quotes.acts`).
    """
    model = load_weights(path)
    scorer = head(model)
    if scorer is None:
        return quotes
    return [
        replace(q, confidence=round(calibrated(scorer.probability(confidence_features(doc, q)), model, q.act), 3))
        for q in quotes
    ]
