"""Labels the pages show: a selectbox needs one label per option (Streamlit tells options apart by it)."""

import math

import pytest

from ui.labels import distinct_names, folded, known_country, unique_labels

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


# (typed, the gazetteer's code or None): any case, accents or apostrophe (session 20, qa6)
COUNTRIES = [
    ("Côte d'Ivoire", "CIV"),
    ("cote d'ivoire", "CIV"),  # selected nothing before: "not a country or region"
    ("COTE D’IVOIRE", "CIV"),  # the typographic apostrophe of a pasted name
    ("  côte   d'ivoire ", "CIV"),
    ("CIV", "CIV"),
    ("antarctica", "ATA"),
    ("cote divoire", None),  # a missing apostrophe is another word
    ("Ivoire", None),
    ("", None),
    ("<b>x</b>", None),
]


@pytest.mark.parametrize(("typed", "code"), COUNTRIES)
def test_known_country_by_any_spelling_of_its_name(typed, code):
    assert known_country(typed) == code


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Miloš Zeman", "milos zeman", True),
    ("Murphy-O’Connor", "murphy-o'connor", True),
    ("Lajčák", "Lajcak", True),
    ("Lajčák", "Lajcek", False),
    ("O'Connor", "OConnor", False),
])
def test_folded(a, b, same):
    assert (folded(a) == folded(b)) is same


@pytest.mark.parametrize(("names", "kept"), [
    (["Cardinal O'Connor", "He", "The cardinal", "he", "the Cardinal", "the cardinal"],
     ["Cardinal O'Connor", "He", "The cardinal"]),
    (["he", "He"], ["he"]),  # the first kept, whichever case it has
    (["Mr  Blair", "Mr Blair", "mr blair"], ["Mr  Blair"]),
    (["Lajčák", "Lajcak"], ["Lajčák", "Lajcak"]),  # two spellings of the text, not two cases: both said
    ([], []),
])
def test_distinct_names(names, kept):
    assert distinct_names(names) == kept
