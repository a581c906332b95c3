"""analysis.keywords.shown: the key phrases a page leaves out after the ranking: numbers, function
words and contractions (the Compare page listed "six", "ago", "don't"), and the names of what the
selection is filtered on (``?country=RUS`` listed "Russia" first).
"""

from __future__ import annotations

import pytest

from analysis.keywords.shown import OwnNames, is_function_phrase, is_own_name, own_names, shown_phrases

FUNCTION_CASES = [
    ("six", True), ("six million", True), ("ago", True), ("course", True), ("don't", True), ("Don’t", True),
    ("I'm", True), ("We're", True), ("government doesn't", True), ("2014", True), ("", True),
    # kept: content, also next to a number word or with an apostrophe that is no contraction
    ("six-party talks", False), ("two states", False), ("al-Ma'ayitah", False), ("O'Brien", False),
    ("missiles", False), ("Ukraine", False), ("G8 members", False),
]


@pytest.mark.parametrize(("phrase", "dropped"), FUNCTION_CASES)
def test_function_phrases(phrase, dropped):
    assert is_function_phrase(phrase) is dropped


OWN_CASES = [
    # (filters, phrase, is the filter's own name)
    ({"countries": ("RUS",)}, "Russia", True),
    ({"countries": ("RUS",)}, "russian federation", True),
    ({"countries": ("RUS",)}, "Russians", True),
    ({"countries": ("RUS",)}, "Russian President Vladimir Putin", False),
    ({"countries": ("RUS",)}, "Moscow", False),
    ({"countries": ("RUS",)}, "Ukraine", False),
    ({"countries": ("USA", "GBR")}, "United States", True),
    ({"countries": ("USA", "GBR")}, "UK", True),
    ({"countries": ("USA", "GBR")}, "British troops", False),
    ({"countries": ("WEST",)}, "the West", True),
    ({"speakers": ("Vladimir Putin",)}, "Putin", True),
    ({"speakers": ("Vladimir Putin",)}, "President Putin", True),
    ({"speakers": ("Vladimir Putin",)}, "Vladimir Putin", True),
    ({"speakers": ("Vladimir Putin",)}, "Putin's rule", False),
    ({"speakers": ("Vladimir Putin",)}, "Vladimir", False),
    ({"topics": ("elections",)}, "elections", True),
    ({"topics": ("elections",)}, "election campaign", True),
    ({"topics": ("elections",)}, "general election", False),
    ({"topics": ("human_rights",)}, "human rights", True),
    ({"topics": ("no-such-topic",)}, "topic", False),
    ({"countries": ("XXX",)}, "XXX", False),
    ({}, "Russia", False),
]


@pytest.mark.parametrize(("filters", "phrase", "own"), OWN_CASES)
def test_own_names(filters, phrase, own):
    assert is_own_name(phrase, own_names(**filters)) is own


def test_no_filter_names_nothing():
    assert not own_names() and own_names() == OwnNames()
    assert not is_own_name("Russia", None)


def test_shown_phrases_keeps_the_order_of_the_rest():
    phrases = ["Russia", "six", "eastern Ukraine", "don't", "Crimea", "Russians"]
    assert shown_phrases(phrases, own_names(countries=("RUS",))) == ["eastern Ukraine", "Crimea"]
    assert shown_phrases(phrases) == ["Russia", "eastern Ukraine", "Crimea", "Russians"]
    assert shown_phrases([]) == []
