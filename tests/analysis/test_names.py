"""Tests for analysis.names: titles, honorifics, aliases and the one alias-merging algorithm."""

from __future__ import annotations

from collections import Counter

import pytest

from analysis import names, resources
from analysis.names import ENTITY_RULES, SPEAKER_RULES


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("President Vladimir Putin", "Vladimir Putin"),
        ("Russian President Vladimir Putin", "Vladimir Putin"),
        ("Mr. Lavrov", "Lavrov"),
        ("Mr Putin", "Putin"),
        ("Mr. Putin's", "Putin"),
        ("Putin’s", "Putin"),
        ("Chancellor Olaf Scholz", "Olaf Scholz"),
        ("Prime Minister Giorgia Meloni", "Giorgia Meloni"),
        ("US Secretary of State Antony Blinken", "Antony Blinken"),
        ("Dr Jane Smith", "Jane Smith"),
        ("former President Donald Trump", "Donald Trump"),
        ("Joe Biden", "Joe Biden"),
        ("  Joe   Biden, ", "Joe Biden"),
        ("Taras Shevchenko - the", "Taras Shevchenko"),
        # A title alone is not stripped to nothing; empty input stays empty.
        ("President", "President"),
        ("", ""),
    ],
)
def test_strip_titles(raw, clean):
    assert names.strip_titles(raw) == clean


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        (["President", "Joe", "Biden"], ["Joe", "Biden"]),
        (["Mr.", "Lavrov"], ["Lavrov"]),
        (["former", "Prime", "Minister", "Tony", "Blair"], ["Tony", "Blair"]),
        (["Vladimir", "Putin"], ["Vladimir", "Putin"]),
        (["Mr."], []),  # a title alone leaves no name
        ([], []),
    ],
)
def test_strip_title_words(words, kept):
    assert names.strip_title_words(words) == kept


@pytest.mark.parametrize(
    ("text", "titled"),
    [("talks with Chancellor ", True), ("said Prime Minister ", True), ("talks with ", False), ("", False)],
)
def test_ends_with_title(text, titled):
    assert names.ends_with_title(text) is titled


def test_one_title_list_with_two_uses():
    rows = [line.split("\t") for line in resources.entries(resources.rules_file("names", "titles.tsv"))]
    assert all(len(row) == 2 and set(row[1].split()) <= {"names", "speakers"} and row[1].split() for row in rows)
    assert {"president", "mr.", "former"} <= names.title_words()
    assert "lord" not in names.title_words()  # a "names" title only: "Lord" stays in speakers' names
    assert names.strip_titles("Lord Carrington") == "Carrington"
    assert all(" " not in word for word in names.title_words())


@pytest.mark.parametrize(
    ("word", "gender"),
    [("mr", "m"), ("mr.", "m"), ("sir", "m"), ("mrs.", "f"), ("ms", "f"), ("lady", "f"), ("dr", None), ("", None)],
)
def test_honorific_gender(word, gender):
    assert names.honorific_gender(word) == gender


@pytest.mark.parametrize(
    ("text", "surnames"),
    [
        ("Mr Kucan's party met Dr. Jordan and Ms Ivanova.", {"Kucan", "Jordan", "Ivanova"}),
        ("Mrs. May said so; Mr. said nothing.", {"May"}),
        ("mr smith and Sir John", set()),  # lowercase; "Sir" also precedes first names
        ("", set()),
    ],
)
def test_addressed_surnames(text, surnames):
    assert names.addressed_surnames(text) == surnames


@pytest.mark.parametrize(("name", "last"), [("Vladimir Putin", "Putin"), ("Putin", "Putin"), ("", "")])
def test_surname(name, last):
    assert names.surname(name) == last


def _counts(*names_: str) -> Counter:
    return Counter(names_)


@pytest.mark.parametrize(
    ("counts", "rules", "expected"),
    [
        # A surname joins the full name; chains are followed.
        (_counts("Putin", "Vladimir Putin"), ENTITY_RULES, {"Putin": "Vladimir Putin"}),
        (_counts("Putin", "Vladimir Putin"), SPEAKER_RULES, {"Putin": "Vladimir Putin"}),
        (
            _counts("Putin", "Vladimir Putin", "Vladimir Putin", "Vladimir Vladimirovich Putin"),
            ENTITY_RULES,
            {"Putin": "Vladimir Vladimirovich Putin", "Vladimir Putin": "Vladimir Vladimirovich Putin"},
        ),
        # Different first names with one surname never merge into each other...
        (_counts("John Smith", "Jane Smith"), ENTITY_RULES, {}),
        (_counts("John Smith", "Jane Smith"), SPEAKER_RULES, {}),
        # ...and the bare surname stays when they are equally frequent (entities), or goes to the
        # longest (speakers); otherwise it goes to the more frequent one.
        (_counts("Smith", "John Smith", "Jane Smith"), ENTITY_RULES, {}),
        (_counts("Clinton", "Bill Clinton", "Hillary Clinton"), SPEAKER_RULES, {"Clinton": "Hillary Clinton"}),
        (_counts("Blair", "Tony Blair", "Tony Blair", "Cherie Blair"), ENTITY_RULES, {"Blair": "Tony Blair"}),
        (_counts("Blair", "Tony Blair", "Tony Blair", "Cherie Blair"), SPEAKER_RULES, {"Blair": "Tony Blair"}),
        # A first name alone joins its full name only for speakers.
        (_counts("Hillary", "Hillary Clinton"), ENTITY_RULES, {}),
        (_counts("Hillary", "Hillary Clinton"), SPEAKER_RULES, {"Hillary": "Hillary Clinton"}),
        # Case: entities match words in any case, speakers as written.
        (_counts("De Blasio", "Bill de Blasio"), ENTITY_RULES, {"De Blasio": "Bill de Blasio"}),
        (_counts("De Blasio", "Bill de Blasio"), SPEAKER_RULES, {}),
        # A longer name merges only into one that contains all its words.
        (_counts("Vladimir Putin", "Lyudmila Alexandrovna Putin"), ENTITY_RULES, {}),
        # Nothing in, nothing out.
        (Counter(), ENTITY_RULES, {}),
        (Counter(), SPEAKER_RULES, {}),
    ],
)
def test_merge_aliases(counts, rules, expected):
    merged = names.merge_aliases(counts, rules)
    assert set(merged) == set(counts)
    assert {name: canonical for name, canonical in merged.items() if name != canonical} == expected


@pytest.mark.parametrize(
    ("surfaces", "expected"),
    [
        (
            ["Putin", "Vladimir Putin", "Mr Putin", "Russian President Vladimir Putin", "Putin's"],
            dict.fromkeys(
                ["Putin", "Vladimir Putin", "Mr Putin", "Russian President Vladimir Putin", "Putin's"], "Vladimir Putin"
            ),
        ),
        (
            ["Biden", "Joe Biden", "Joe Biden", "Hunter Biden", "President Biden"],
            {"Biden": "Joe Biden", "Joe Biden": "Joe Biden", "Hunter Biden": "Hunter Biden",
             "President Biden": "Joe Biden"},
        ),
        (["Smith", "John Smith", "Jane Smith"], {s: s for s in ["Smith", "John Smith", "Jane Smith"]}),
        (["Scholz", "Olaf Scholz", "SCHOLZ"], dict.fromkeys(["Scholz", "Olaf Scholz", "SCHOLZ"], "Olaf Scholz")),
        (["President"], {"President": "President"}),
        ([], {}),
    ],
)
def test_canonicalize_names(surfaces, expected):
    assert names.canonicalize_names(surfaces) == expected


@pytest.mark.parametrize(
    ("surfaces", "renames"),
    [
        (["Putin", "Vladimir Putin", "Vladimir Putin", "Mr Lavrov", "Sergei Lavrov"],
         {"Putin": "Vladimir Putin", "Mr Lavrov": "Sergei Lavrov"}),
        (["Smith", "John Smith", "Jane Smith"], {}),
        ([], {}),
    ],
)
def test_merge_across_articles(surfaces, renames):
    assert names.merge_across_articles(surfaces) == renames
