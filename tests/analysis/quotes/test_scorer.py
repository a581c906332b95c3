"""Tests for the one logistic scorer of the learned models (analysis.quotes.scorer)."""

from __future__ import annotations

import math

import pytest

from analysis.quotes.bounds import BOUNDARY_MODEL_PATH
from analysis.quotes.filters import ATTRIBUTION_MODEL_PATH, MODEL_PATH
from analysis.quotes.scorer import LogisticHead, head, load_weights


def test_probability_is_the_logistic_of_the_intercept_plus_the_known_weights():
    scorer = head({"weights": {"a": 1.0, "b": -0.5}, "intercept": 0.25})
    assert scorer.probability(["a", "b", "unknown"]) == pytest.approx(1 / (1 + math.exp(-0.75)))
    assert LogisticHead({}).probability([]) == 0.5


def test_scores_are_clamped():
    assert LogisticHead({"a": 1000.0}).probability(["a"]) == pytest.approx(1 / (1 + math.exp(-30)))
    assert LogisticHead({"a": -1000.0}).probability(["a"]) > 0.0


def test_a_missing_model_or_head_is_none(tmp_path):
    assert head(None) is None
    assert head({"weights": {}}, "exact_") is None
    assert load_weights(tmp_path / "missing.json") is None


@pytest.mark.parametrize(
    ("path", "names"),
    [(MODEL_PATH, ("", "exact_")), (ATTRIBUTION_MODEL_PATH, ("",)), (BOUNDARY_MODEL_PATH, ("start_", "end_"))],
)
def test_the_three_shipped_models_are_read_by_the_one_scorer(path, names):
    for name in names:
        scorer = head(load_weights(path), name)
        assert scorer is not None and scorer.weights
        assert 0.0 < scorer.probability(["bias"]) < 1.0
