"""Tests for the learned candidate and attribution filters (analysis.quotes.filters)."""

from __future__ import annotations

from analysis.quotes.filters import ATTRIBUTION_MODEL_PATH, MODEL_PATH, attribution_probability, keep_probability


def test_candidate_filter_is_shipped_and_scores_probabilities():
    assert MODEL_PATH.exists()
    probability = keep_probability(["bias", "lemma=slam", "kind=dobj"])
    assert 0.0 < probability < 1.0


def test_attribution_filter_is_shipped_and_scores_probabilities():
    assert ATTRIBUTION_MODEL_PATH.exists()
    probability = attribution_probability(["bias", "kind=indirect", "lemma=say"])
    assert 0.0 < probability < 1.0
