"""Nickname forms of first names, honorific genders and hyphenated surnames in the alias merge
(analysis.names.nicknames, analysis.names.aliases): table cases, with names that must stay apart."""

import pytest

from analysis.names import CORPUS_PEOPLE_RULES, SPEAKER_RULES, merge_aliases
from analysis.names.nicknames import are_nickname_forms
from analysis.names.shape import word_key


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Vince", "Vincent", True),
    ("Bill", "William", True),
    ("Bob", "Robert", True),
    ("Tony", "Anthony", True),
    ("Mike", "Michael", True),
    ("Ken", "Kenneth", True),
    ("Vincent", "Vince", True),
    # Not one name in two forms.
    ("Vince", "Vince", False),
    ("Gordon", "George", False),
    ("Tony", "Michael", False),
    ("Charles", "Clarence", False),
])
def test_nickname_forms(a, b, expected):
    assert are_nickname_forms(word_key(a), word_key(b)) is expected


@pytest.mark.parametrize("rules", [SPEAKER_RULES, CORPUS_PEOPLE_RULES])
@pytest.mark.parametrize(("counts", "expected"), [
    # The corpus list of the 300 shared articles: 12 and 9 statements apart.
    ({"Vince Cable": 12, "Vincent Cable": 9}, {"Vincent Cable": "Vince Cable"}),
    ({"William Clinton": 1, "Bill Clinton": 3}, {"William Clinton": "Bill Clinton"}),
    ({"Anthony Blair": 1, "Tony Blair": 5}, {"Anthony Blair": "Tony Blair"}),
    ({"Michael Howard": 9, "Mike Howard": 1}, {"Mike Howard": "Michael Howard"}),
    # Must stay apart: another surname, another first name, or no single formal form.
    ({"Vince Cable": 3, "Vincent Smith": 2}, {}),
    ({"Vince Cable": 3, "Victor Cable": 2}, {}),
    ({"Bill Smith": 1, "Billy Smith": 1, "William Smith": 1}, {}),
    ({"Gordon Brown": 5, "George Brown": 1}, {}),
])
def test_full_names_in_nickname_forms_are_one_person(rules, counts, expected):
    merged = merge_aliases(counts, rules)
    assert {name: canonical for name, canonical in merged.items() if name != canonical} == expected


@pytest.mark.parametrize(("counts", "genders", "expected"), [
    # "Mr Blair" beside Tony and Cherie Blair: the man.
    ({"Blair": 4, "Tony Blair": 2, "Cherie Blair": 1}, {"Blair": "m"}, "Tony Blair"),
    ({"Blair": 4, "Tony Blair": 2, "Cherie Blair": 1}, {"Blair": "f"}, "Cherie Blair"),
    # No honorific, or two men of that surname: it stays.
    ({"Blair": 4, "Tony Blair": 2, "Cherie Blair": 1}, None, "Blair"),
    ({"Blair": 4, "Tony Blair": 2, "Ian Blair": 1}, {"Blair": "m"}, "Blair"),
    # A hyphenated surname's first part alone ("Mr Kilroy").
    ({"Kilroy": 2, "Robert Kilroy-Silk": 4}, None, "Robert Kilroy-Silk"),
    ({"Kilroy": 2, "Kilroy-Silk": 3, "Robert Kilroy-Silk": 4}, None, "Robert Kilroy-Silk"),
    # Not a part of another word, nor a first name.
    ({"Kil": 2, "Robert Kilroy-Silk": 4}, None, "Kil"),
    ({"Robert": 2, "Anne Robert-Smith": 4}, None, "Robert"),
])
def test_a_surname_alone_joins_the_one_full_name_it_can_be(counts, genders, expected):
    assert merge_aliases(counts, SPEAKER_RULES, genders=genders)[next(iter(counts))] == expected
