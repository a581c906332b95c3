"""Tests for party and organisation aliases (analysis.names.organizations) and where they apply."""

from __future__ import annotations

import pytest

from analysis import names
from analysis.quotes import extract_quotes

# (name, canonical organisation or None): aliases of one party, and names that are none
ALIAS_CASES = [
    ("Tories", "Conservatives"),
    ("the Tories", "Conservatives"),
    ("Conservative Party", "Conservatives"),
    ("Conservatives", "Conservatives"),
    ("Lib Dems", "Liberal Democrats"),
    ("The Liberal Democrats", "Liberal Democrats"),
    ("Labour Party", "Labour"),
    ("Labour party", "Labour"),
    ("SNP", "Scottish National Party"),
    ("UKIP", "UK Independence Party"),
    ("both Plaid Cymru", "Plaid Cymru"),
    ("Downing St", "Downing Street"),
    ("Downing Street", "Downing Street"),
    # none: a group of a party's members, lower-case words, another body
    ("Labour MPs", None),
    ("labour", None),
    ("tories", None),
    ("Conservative", None),
    ("Independence Party", None),
    ("Greenpeace", None),
    ("Downing", None),
]


@pytest.mark.parametrize(("name", "canonical"), ALIAS_CASES)
def test_organization_alias(name, canonical):
    assert names.organization_alias(name) == canonical


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tory David Heathcoat-Amory", "David Heathcoat-Amory"),
        ("Lib Dem Norman Baker", "Norman Baker"),
        ("Tories Ken Clarke", "Ken Clarke"),
        ("SNP Alex Salmond", "Alex Salmond"),
        ("Labour Chancellor Gordon Brown", "Gordon Brown"),
        # a party's own name is no label before a person
        ("Labour Party", "Labour Party"),
        ("Green Party", "Green Party"),
        ("Liberal Democrats", "Liberal Democrats"),
        ("Labour", "Labour"),
    ],
)
def test_party_label_before_a_person_is_stripped(name, expected):
    assert names.strip_titles(name) == expected


def test_corpus_merge_joins_party_aliases_whatever_kind_the_rows_voted():
    renames = names.merge_across_articles(
        ["Tories", "Conservatives", "Conservative Party", "Lib Dems", "Liberal Democrats", "Labour",
         "Labour Party", "SNP", "Labour MPs", "Greenpeace"],
        {"Lib Dems": "person", "Labour": "person"},
    )
    assert renames == {
        "Tories": "Conservatives",
        "Conservative Party": "Conservatives",
        "Lib Dems": "Liberal Democrats",
        "Labour Party": "Labour",
        "SNP": "Scottish National Party",
    }


def test_per_article_organisations_join_party_aliases():
    canonical = names.canonicalize_names(["Tories", "Conservative Party", "Labour Party", "Labour"],
                                         names.ENTITY_RULES, "organization")
    assert canonical == {"Tories": "Conservatives", "Conservative Party": "Conservatives",
                         "Labour Party": "Labour", "Labour": "Labour"}


@pytest.fixture(scope="module")
def nlp():
    """The spaCy pipeline, loaded once for the module."""
    from analysis.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ("The Tories said the plan was a disaster.", "Conservatives", "organization"),
        ("The Lib Dems said taxes must rise.", "Liberal Democrats", "organization"),
        ("Lib Dem Norman Baker said it would fail.", "Norman Baker", "person"),
        ("The Labour Party said the vote would be close.", "Labour", "organization"),
    ],
)
def test_speakers_by_their_party_name(nlp, text, speaker, kind):
    (quote,) = extract_quotes(nlp(text))
    assert (quote.speaker, quote.speaker_kind) == (speaker, kind)


def test_a_group_of_party_members_is_no_party(nlp):
    (quote,) = extract_quotes(nlp("Angry Labour MPs said the plan would fail."))
    assert quote.speaker != "Labour"
