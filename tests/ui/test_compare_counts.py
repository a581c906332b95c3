"""ui.compare.compare_counts: a prior from the compared phrases' background counts and the whole
background's total ranks the phrases as the whole background does (what a large store reads)."""

from __future__ import annotations

import pytest

from ui.compare import compare_counts

SIDE_A = {"statements": 4, "speakers": 2, "articles": 2, "phrases": {"war": 3, "peace": 1, "grain": 2},
          "topics": {}, "countries": {}, "tone": (4, 0.1, 0.02)}
SIDE_B = {"statements": 3, "speakers": 1, "articles": 1, "phrases": {"peace": 3, "talks": 2},
          "topics": {}, "countries": {}, "tone": (3, -0.1, 0.03)}
BACKGROUND = {"war": 40, "peace": 25, "grain": 5, "talks": 10, "weather": 300, "football": 120, "zero": 0}


@pytest.mark.parametrize("a, b", [(SIDE_A, SIDE_B), (SIDE_B, SIDE_A), (SIDE_A, SIDE_A)])
def test_a_background_of_the_compared_phrases_and_its_total_ranks_as_the_whole(a, b):
    whole = compare_counts(a, b, BACKGROUND, "A", "B")
    terms = set(a["phrases"]) | set(b["phrases"])
    part = compare_counts(a, b, {t: BACKGROUND[t] for t in terms}, "A", "B",
                          background_total=sum(BACKGROUND.values()))
    assert [d.term for d in part.phrases] == [d.term for d in whole.phrases]
    assert [d.z for d in part.phrases] == pytest.approx([d.z for d in whole.phrases], abs=1e-12)


def test_the_background_total_weighs_the_prior():
    # the same compared counts against a far larger background: a weaker prior for these phrases
    small = compare_counts(SIDE_A, SIDE_B, BACKGROUND, "A", "B")
    large = compare_counts(SIDE_A, SIDE_B, BACKGROUND, "A", "B", background_total=100 * sum(BACKGROUND.values()))
    assert [d.z for d in small.phrases] != pytest.approx([d.z for d in large.phrases])


def test_no_phrase_on_one_side_compares_nothing():
    empty = {**SIDE_B, "phrases": {}}
    assert compare_counts(SIDE_A, empty, BACKGROUND, "A", "B", background_total=500).phrases == []


@pytest.mark.parametrize("zs", [[0.4, -1.2], [3.0, -2.5], []])
def test_the_phrase_bars_mark_where_a_difference_is_clear(zs):
    """The bars had no mark of |z| = 1.96: short of it, "what each side says" was no clear difference (qa4)."""
    from analysis.compare import Distinctive
    from ui.compare import CLEAR_Z, phrases_figure

    fig = phrases_figure([Distinctive(f"p{i}", 1, 1, z, z) for i, z in enumerate(zs)], "A", "B")
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [-CLEAR_Z, CLEAR_Z]
    assert len(fig.data[0].x) == len(zs)


@pytest.mark.parametrize(("a", "b"), [("Tony Blair", "Gordon Brown"), ("A" * 40, "B" * 40), ("<b>x</b>", "y")])
def test_the_share_axis_title_takes_two_lines(a, b):
    """On one line it ran past a half-width chart's edge ("... (points of shar", qa4)."""
    from analysis.compare import ShareDifference
    from ui.compare import shares_figure

    fig = shares_figure([ShareDifference("war", 2, 1, 0.2, 0.1, 0.1, -0.1, 0.3)], {"war": "War"}, a, b, "t")
    first, second = fig.layout.xaxis.title.text.split("<br>")
    assert second == "(points of share)" and len(first) <= 18 * 2 + len(" minus ") + 20
    assert "<b>" not in first


def test_numbers_function_words_and_the_sides_names_are_no_distinctive_phrases():
    """The Compare page listed "six", "ago" and "don't" among what sets a side apart, and comparing
    Russia with Ukraine, "Russia" and "Ukraine" themselves (session 19, qa5)."""
    from analysis.query import Filters
    from ui.compare import side_names

    a = {**SIDE_A, "phrases": {"six": 4, "Russia": 4, "grain": 2, "don't": 3}}
    b = {**SIDE_B, "phrases": {"ago": 3, "Ukraine": 3, "talks": 2, "Ukrainians": 2}}
    ranked = compare_counts(a, b, BACKGROUND, "A", "B")  # the ranking as it is (the engine's reference)
    assert {d.term for d in ranked.phrases} == set(a["phrases"]) | set(b["phrases"])
    plain = compare_counts(a, b, BACKGROUND, "A", "B", names=side_names(Filters(), "period", "x", "y"))
    assert {d.term for d in plain.phrases} == {"Russia", "grain", "Ukraine", "talks", "Ukrainians"}
    named = compare_counts(a, b, BACKGROUND, "A", "B", names=side_names(Filters(), "country", "RUS", "UKR"))
    assert [d.term for d in named.phrases] == ["grain", "talks"]
    by_speaker = side_names(Filters(countries=("RUS",)), "speaker", "Tony Blair", "Michael Howard")
    assert is_own(by_speaker, "Russia") and is_own(by_speaker, "Blair") and not is_own(by_speaker, "Ukraine")


def is_own(names, phrase):
    from analysis.keywords.shown import is_own_name

    return is_own_name(phrase, names)
