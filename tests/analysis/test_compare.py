"""analysis.compare: log-odds with an informative Dirichlet prior, share differences, tone difference."""

import math

import pytest

from analysis.compare import (
    informative_prior,
    log_odds_dirichlet,
    mean_difference,
    proportion_difference,
    share_differences,
    wilson_interval,
)

# Hand-computed with Monroe et al. (2008) eq. 16 and 22:
# x: delta = log(11/1) - log(1/11) = 2 ln 11 = 4.7958; var = 1/11 + 1/1; z = 4.7958 / 1.04447 = 4.5916.
LOG_ODDS_CASES = [
    ({"x": 10, "y": 0}, {"x": 0, "y": 10}, {"x": 1, "y": 1},
     {"x": (2 * math.log(11), 2 * math.log(11) / math.sqrt(1 / 11 + 1)),
      "y": (-2 * math.log(11), -2 * math.log(11) / math.sqrt(1 / 11 + 1))}),
    # Equal shares in A and B: no term is distinctive, whatever the sizes.
    ({"x": 2, "y": 2}, {"x": 20, "y": 20}, {"x": 1, "y": 1}, {"x": (None, 0.0), "y": (None, 0.0)}),
]


@pytest.mark.parametrize(("a", "b", "prior", "expected"), LOG_ODDS_CASES)
def test_log_odds_known_values(a, b, prior, expected):
    result = {d.term: d for d in log_odds_dirichlet(a, b, prior)}
    assert set(result) == set(expected)
    for term, (delta, z) in expected.items():
        if delta is not None:
            assert result[term].delta == pytest.approx(delta, rel=1e-9)
        assert result[term].z == pytest.approx(z, abs=1e-9)


def test_identical_selections_give_z_zero():
    counts = {"sanctions": 7, "peace talks": 3, "Crimea": 12, "gas": 1}
    prior = informative_prior({**counts, "weather": 40}, scale=50)
    assert all(abs(d.z) < 1e-9 for d in log_odds_dirichlet(counts, dict(counts), prior))


@pytest.mark.parametrize(("a", "b"), [({}, {"x": 3}), ({"x": 3}, {}), ({}, {}), ({"x": 0}, {"x": 4})])
def test_an_empty_selection_returns_nothing(a, b):
    assert log_odds_dirichlet(a, b, {"x": 1.0}) == []


def test_ranking_puts_a_first_and_b_last_and_shrinks_rare_terms():
    a = {"war": 30, "peace": 5, "once": 1}
    b = {"war": 5, "peace": 30, "once": 0}
    ranked = log_odds_dirichlet(a, b, informative_prior({"war": 100, "peace": 100, "once": 1}))
    assert ranked[0].term == "war" and ranked[-1].term == "peace"
    once = next(d for d in ranked if d.term == "once")
    assert abs(once.z) < abs(ranked[0].z), "a term seen once is not the most distinctive"
    assert (once.count_a, once.count_b) == (1, 0)


def test_prior_scaling_and_errors():
    assert informative_prior({"a": 3, "b": 1}, scale=8) == {"a": 6.0, "b": 2.0}
    assert informative_prior({"a": 3, "b": 1}) == {"a": 3.0, "b": 1.0}
    assert informative_prior({}) == {} and informative_prior({"a": 0}) == {}
    with pytest.raises(ValueError):
        log_odds_dirichlet({"a": 1}, {"a": 1}, default_alpha=0)


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0), (5, 10, 0.2366, 0.7634), (0, 0, 0.0, 1.0)])
def test_wilson_interval(k, n, low, high):
    assert wilson_interval(k, n) == pytest.approx((low, high), abs=1e-4)


# Newcombe (1998), Table II, example (a): 56/70 vs 48/80 -> 0.2000, 95% CI 0.0524 to 0.3339 (method 10).
def test_proportion_difference_matches_newcombe():
    difference, low, high = proportion_difference(56, 70, 48, 80)
    assert (difference, low, high) == pytest.approx((0.2, 0.0524, 0.3339), abs=1e-4)


@pytest.mark.parametrize(("k_a", "n_a", "k_b", "n_b"), [(1, 0, 1, 2), (1, 2, 0, 0), (3, 2, 0, 1), (-1, 2, 0, 1)])
def test_proportion_difference_refuses_bad_counts(k_a, n_a, k_b, n_b):
    with pytest.raises(ValueError):
        proportion_difference(k_a, n_a, k_b, n_b)


def test_share_differences_per_value():
    a = [("UKR", "RUS"), ("UKR",), (), ("DEU",)]
    b = [("RUS",), ("RUS",), ("UKR",), ()]
    shares = {s.value: s for s in share_differences(a, b)}
    assert set(shares) == {"UKR", "RUS", "DEU"}
    assert (shares["UKR"].share_a, shares["UKR"].share_b) == (0.5, 0.25)
    assert shares["RUS"].difference == pytest.approx(-0.25)
    assert all(s.low <= s.difference <= s.high for s in shares.values())
    assert not shares["DEU"].clear, "one statement in four is no clear difference"
    assert share_differences([], b) == [] and share_differences(a, []) == []


def test_mean_difference():
    result = mean_difference([0.5, 0.7, 0.6], [-0.2, 0.0, -0.1])
    assert result.difference == pytest.approx(0.7)
    assert result.low < 0.7 < result.high and result.low > 0
    assert mean_difference([0.3], [0.1]).low is None
    empty = mean_difference([], [0.1, 0.2])
    assert empty.mean_a is None and empty.difference is None
