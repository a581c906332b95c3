"""Labels the pages show: a selectbox needs one label per option (Streamlit tells options apart by it)."""

import math

import pytest

from ui.labels import unique_labels

CASES = [
    # (keys, labels, expected labels in order)
    (["a", "b"], ["One", "Two"], ["One", "Two"]),
    (["a", "b", "c"], ["Same", "Same", "Same"], ["Same", "Same (2)", "Same (3)"]),
    (["a", "b"], [None, ""], ["a", "b"]),  # no title: the id
    (["a", "b"], [math.nan, "x"], ["a", "x"]),  # as pandas holds a missing title
    (["a", "b", "c"], ["T (2)", "T", "T"], ["T (2)", "T", "T (3)"]),  # a title that looks like a repeat
    ([], [], []),
]


@pytest.mark.parametrize(("keys", "labels", "expected"), CASES)
def test_unique_labels(keys, labels, expected):
    shown = unique_labels(keys, labels)
    assert list(shown) == keys
    assert list(shown.values()) == expected
    assert len(set(shown.values())) == len(keys)
