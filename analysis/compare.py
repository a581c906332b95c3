"""Comparing two selections of statements: distinctive phrases, shares and tone with their uncertainty.

Pure Python (no pandas, no streamlit): the app hands in counts and values, gets numbers back.

- :func:`log_odds_dirichlet`: the weighted log-odds ratio with an informative Dirichlet prior
  of Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation
  for Identifying the Content of Political Conflict", *Political Analysis* 16(4), eq. 15-22:
  which phrases set selection A apart from B, as z-scores that shrink rare words towards the
  prior instead of ranking every once-used word first.
- :func:`share_differences`: for each value (topic, country) the share of statements of A and of
  B naming it, their difference and a 95% interval for it (Newcombe 1998, method 10: the hybrid
  Wilson score interval, sound with small counts and shares near 0 or 1).
- :func:`mean_difference`: mean tone of A and B and a 95% interval for the difference (Welch).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Two-sided 95% normal quantile.
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Distinctive:
    """One term's log-odds comparison (``z`` > 0: typical of A, < 0: of B).

    Attributes:
        term: The phrase.
        count_a: Its count in A.
        count_b: Its count in B.
        delta: Log-odds ratio of A over B, with the prior (eq. 16).
        z: ``delta`` over its standard error (eq. 22).
    """

    term: str
    count_a: int
    count_b: int
    delta: float
    z: float


def informative_prior(background: Mapping[str, float], scale: float | None = None,
                      total: float | None = None) -> dict[str, float]:
    """Dirichlet pseudo-counts proportional to a background's counts (Monroe et al., section 3.5).

    Args:
        background: Term counts of a larger body of text (e.g. the whole corpus), or only those of
            the terms compared when ``total`` gives the whole background's sum.
        scale: Sum of the pseudo-counts, alpha_0 (default: the background's own total, i.e. the
            background counts as they are).
        total: The whole background's sum of positive counts (default: ``background``'s).

    Returns:
        term -> alpha_w; empty for an empty background.
    """
    total = float(total if total is not None else sum(v for v in background.values() if v > 0))
    if total <= 0:
        return {}
    factor = (scale if scale is not None else total) / total
    return {term: count * factor for term, count in background.items() if count > 0}


def log_odds_dirichlet(counts_a: Mapping[str, int], counts_b: Mapping[str, int],
                       prior: Mapping[str, float] | None = None, default_alpha: float = 0.01,
                       prior_total: float | None = None) -> list[Distinctive]:
    """The terms of A and B ranked by how much more typical they are of A than of B.

    delta_w = log((y_wa + a_w) / (n_a + a_0 - y_wa - a_w)) - log((y_wb + a_w) / (n_b + a_0 - y_wb - a_w)),
    var(delta_w) ~ 1 / (y_wa + a_w) + 1 / (y_wb + a_w), z_w = delta_w / sqrt(var).

    Args:
        counts_a: Term counts of selection A.
        counts_b: Term counts of selection B.
        prior: Dirichlet pseudo-counts a_w (:func:`informative_prior`); a term missing from it
            gets ``default_alpha``. Default: ``default_alpha`` for every term (uninformative).
        default_alpha: Pseudo-count of a term the prior does not know (> 0).
        prior_total: alpha_0 when ``prior`` holds only the terms compared (default: the sum of
            ``prior``: the whole vocabulary's pseudo-counts).

    Returns:
        One :class:`Distinctive` per term of A or B, highest z first (A's most typical first,
        B's most typical last); empty when A or B has no term.

    Raises:
        ValueError: When ``default_alpha`` is not positive.
    """
    if default_alpha <= 0:
        raise ValueError("default_alpha must be positive")
    n_a, n_b = sum(counts_a.values()), sum(counts_b.values())
    if n_a <= 0 or n_b <= 0:
        return []
    terms = sorted(set(counts_a) | set(counts_b))
    alphas = {t: (prior or {}).get(t, default_alpha) or default_alpha for t in terms}
    alpha_0 = prior_total if prior_total is not None else (sum((prior or {}).values()) if prior else 0.0)
    alpha_0 = max(alpha_0, sum(alphas.values()))  # the prior covers at least the terms compared
    results = []
    for term in terms:
        y_a, y_b, alpha = counts_a.get(term, 0), counts_b.get(term, 0), alphas[term]
        delta = (math.log((y_a + alpha) / (n_a + alpha_0 - y_a - alpha))
                 - math.log((y_b + alpha) / (n_b + alpha_0 - y_b - alpha)))
        variance = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha)
        results.append(Distinctive(term, y_a, y_b, delta, delta / math.sqrt(variance)))
    results.sort(key=lambda d: (-d.z, d.term))
    return results


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion; (0, 1) when there are no trials."""
    if trials <= 0:
        return 0.0, 1.0
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class ShareDifference:
    """The share of A's and B's statements with one value, and the difference with its 95% interval."""

    value: str
    count_a: int
    count_b: int
    share_a: float
    share_b: float
    difference: float
    low: float
    high: float

    @property
    def clear(self) -> bool:
        """True when the interval leaves out 0 (a difference the counts can tell)."""
        return self.low > 0 or self.high < 0


def proportion_difference(k_a: int, n_a: int, k_b: int, n_b: int, z: float = Z95) -> tuple[float, float, float]:
    """p_a - p_b and its Newcombe hybrid score interval (method 10): (difference, low, high).

    Raises:
        ValueError: When a selection is empty or a count exceeds its total.
    """
    if n_a <= 0 or n_b <= 0:
        raise ValueError("both selections need statements")
    if not (0 <= k_a <= n_a and 0 <= k_b <= n_b):
        raise ValueError("a count must lie between 0 and its total")
    p_a, p_b = k_a / n_a, k_b / n_b
    low_a, high_a = wilson_interval(k_a, n_a, z)
    low_b, high_b = wilson_interval(k_b, n_b, z)
    difference = p_a - p_b
    low = difference - math.sqrt((p_a - low_a) ** 2 + (high_b - p_b) ** 2)
    high = difference + math.sqrt((high_a - p_a) ** 2 + (p_b - low_b) ** 2)
    return difference, low, high


def share_differences(values_a: Iterable[Iterable[str]], values_b: Iterable[Iterable[str]]) -> list[ShareDifference]:
    """For each value any statement names: shares of A and B, difference and 95% interval.

    Args:
        values_a: Per statement of A, the values it names (its countries or topics).
        values_b: The same for B.

    Returns:
        Largest absolute difference first; empty when A or B has no statement.
    """
    rows_a, rows_b = [set(v) for v in values_a], [set(v) for v in values_b]
    if not rows_a or not rows_b:
        return []
    count_a = Counter(v for row in rows_a for v in row)
    count_b = Counter(v for row in rows_b for v in row)
    out = []
    for value in sorted(set(count_a) | set(count_b)):
        k_a, k_b = count_a.get(value, 0), count_b.get(value, 0)
        difference, low, high = proportion_difference(k_a, len(rows_a), k_b, len(rows_b))
        out.append(ShareDifference(value, k_a, k_b, k_a / len(rows_a), k_b / len(rows_b), difference, low, high))
    out.sort(key=lambda s: (-abs(s.difference), s.value))
    return out


@dataclass(frozen=True)
class MeanDifference:
    """Means of A and B, the difference A - B and its 95% interval (None where it cannot be told)."""

    mean_a: float | None
    mean_b: float | None
    difference: float | None
    low: float | None
    high: float | None


def mean_difference(values_a: Iterable[float], values_b: Iterable[float], z: float = Z95) -> MeanDifference:
    """Welch's normal interval for the difference of two means (needs two values on each side)."""
    a = [float(v) for v in values_a if v is not None and v == v]
    b = [float(v) for v in values_b if v is not None and v == v]
    mean_a = sum(a) / len(a) if a else None
    mean_b = sum(b) / len(b) if b else None
    if len(a) < 2 or len(b) < 2:
        difference = mean_a - mean_b if mean_a is not None and mean_b is not None else None
        return MeanDifference(mean_a, mean_b, difference, None, None)
    var_a = sum((v - mean_a) ** 2 for v in a) / (len(a) - 1)
    var_b = sum((v - mean_b) ** 2 for v in b) / (len(b) - 1)
    error = math.sqrt(var_a / len(a) + var_b / len(b))
    difference = mean_a - mean_b
    return MeanDifference(mean_a, mean_b, difference, difference - z * error, difference + z * error)
