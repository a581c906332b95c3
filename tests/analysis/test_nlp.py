"""Tests for analysis.nlp: the shipped CoNLL-trained recogniser loads offline and finds names.

The recogniser's output lives in ``doc.spans["conll"]``; ``doc.ents`` must stay the model's own
OntoNotes entities (places and quotes read them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.nlp import CONLL_NER_PATH, CONLL_PIPES, CONLL_SPANS_KEY, load_nlp

SEED = Path(__file__).resolve().parents[2] / "data" / "seed" / "putin-spief-2024.txt"


@pytest.fixture(scope="module")
def nlp():
    """The product's pipeline with the opt-in CoNLL recogniser, loaded once for the module."""
    return load_nlp(conll=True)


def test_shipped_component_is_small_and_in_the_pipeline(nlp):
    assert 1_000_000 < CONLL_NER_PATH.stat().st_size < 20_000_000
    names = nlp.pipe_names
    assert names.index("conll_ner") < names.index("conll_to_spans") < names.index("ner")
    assert set(nlp.get_pipe("conll_ner").labels) >= {"PERSON", "ORG", "LOC", "MISC"}


CASES = [
    # (sentence, expected {(text, label)} among the CoNLL spans of these three labels)
    (
        "Angela Merkel met Emmanuel Macron in Paris.",
        {("Angela Merkel", "PERSON"), ("Emmanuel Macron", "PERSON"), ("Paris", "LOC")},
    ),
    ("Shares of Siemens rose after Deutsche Bank raised its forecast.", {("Siemens", "ORG"), ("Deutsche Bank", "ORG")}),
    ("The United Nations sent aid to Sudan and Chad.", {("United Nations", "ORG"), ("Sudan", "LOC"), ("Chad", "LOC")}),
    ("Kofi Annan told Reuters the talks would resume.", {("Kofi Annan", "PERSON"), ("Reuters", "ORG")}),
    ("Prime Minister Boris Johnson spoke in London on Monday.", {("Boris Johnson", "PERSON"), ("London", "LOC")}),
    # sentences with no name at all: nothing may be found
    ("the talks will resume next week, officials said.", set()),
    ("He said it was a very good day for everyone.", set()),
    ("Prices rose 3 percent in the first quarter of 2024.", set()),
    ("", set()),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_conll_spans_find_people_organisations_places(nlp, sentence, expected):
    doc = nlp(sentence)
    found = {(s.text, s.label_) for s in doc.spans[CONLL_SPANS_KEY] if s.label_ in {"PERSON", "ORG", "LOC"}}
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russian President Vladimir Putin met Olaf Scholz in Berlin on Monday, the Kremlin said. "
        "Five Germans and 12 percent of NATO members disagreed, Reuters reported from Kyiv.",
        SEED.read_text(encoding="utf-8"),
    ],
)
def test_model_entities_are_unchanged_by_the_conll_recogniser(nlp, text):
    with_conll = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    with nlp.select_pipes(disable=list(CONLL_PIPES)):
        bare = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    assert with_conll == bare
    assert {"GPE", "PERSON", "DATE"} <= {label for _, _, label in with_conll}


@pytest.mark.parametrize(("conll_people", "mark"), [(False, False), (True, True)])
def test_the_conll_recogniser_is_an_opt_in_recorded_in_the_version(conll_people, mark):
    from analysis.ingest import make_article
    from analysis.pipeline import analyse_articles
    from analysis.records import CONLL_MARK

    article = make_article("Robert Kilroy-Silk said he would quit the party on Monday.", source="t")
    analysis = next(analyse_articles([article], conll_people=conll_people))
    assert analysis.version.endswith(CONLL_MARK) is mark
    people = {m.key for m in analysis.mentions if m.kind == "person"}
    if conll_people:
        assert "Robert Kilroy-Silk" in people
