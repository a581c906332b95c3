"""Tests for what the trainers read (analysis.quotes.training_exports)."""

from __future__ import annotations

from analysis.quotes.training_exports import (
    BoundaryItem,
    FilterExample,
    boundary_items,
    candidate_attributions,
    rule_attributions,
)


def test_boundary_items_are_the_reported_contents_with_their_cues(nlp):
    text = "Analysts said the economy would grow, citing exports."
    items = boundary_items(nlp(text))
    assert items and all(isinstance(item, BoundaryItem) for item in items)
    item = items[0]
    assert text[item.cue[0] : item.cue[1]] == "said"
    assert item.kind == "indirect" and item.move_end
    assert item.cue in item.cues and item.protected == []


def test_rule_attributions_and_candidates_carry_their_features(nlp):
    text = "Analysts said the economy would grow. The senator ridiculed the president for his remarks."
    doc = nlp(text)
    rules = rule_attributions(doc)
    assert rules and all(isinstance(r, FilterExample) and "bias" in r.features for r in rules)
    assert "the economy would grow" in [text[r.start : r.end] for r in rules]
    candidates = candidate_attributions(doc)
    assert all(isinstance(c, FilterExample) for c in candidates)
    assert "the president for his remarks" in [text[c.start : c.end] for c in candidates]
