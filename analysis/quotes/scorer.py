"""The one logistic scorer behind the learned models of quote extraction.

Three models are logistic regressions over binary features, trained on PolNeAR train by
scripts outside the package and shipped as plain JSON weights in ``analysis/data/models``:
the candidate filter and the attribution filter (:mod:`analysis.quotes.filters`) and the
boundary model (:mod:`analysis.quotes.bounds`). A model file holds one or more *heads*, each
a ``<name>weights`` table (feature → weight) and a ``<name>intercept``; the probability of a
feature list is the logistic function of the intercept plus the weights of its features.
No runtime dependency; a missing file disables the model.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


@functools.lru_cache(maxsize=4)
def load_weights(path: Path) -> dict | None:
    """Return the trained weights of a model file (read once), or None when it is missing."""
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class LogisticHead:
    """One logistic regression of a model file: feature weights and an intercept."""

    weights: Mapping[str, float]
    intercept: float = 0.0

    def probability(self, features: Iterable[str]) -> float:
        """Return the logistic probability of a feature list (unknown features weigh nothing)."""
        score = self.intercept + sum(self.weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def head(model: Mapping | None, name: str = "") -> LogisticHead | None:
    """Return the head stored under ``<name>weights`` and ``<name>intercept`` of a model (the
    intercept defaults to 0), or None without a model or without that head.

    Args:
        model: The weights of a model file (:func:`load_weights`), or None.
        name: The head's key prefix: "" for a file's main head, e.g. "exact_" or "start_".
    """
    if model is None or f"{name}weights" not in model:
        return None
    return LogisticHead(model[f"{name}weights"], model.get(f"{name}intercept", 0.0))
