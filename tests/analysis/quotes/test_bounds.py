"""Tests for the learned content boundaries (analysis.quotes.bounds) and their use in extract_quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import analysis.quotes.bounds as quote_bounds
from analysis.quotes import extract_quotes
from analysis.quotes.bounds import (
    BOUNDARY_MODEL_PATH,
    content_edges,
    end_candidates,
    refine_bounds,
    start_candidates,
)
from analysis.quotes.marks import find_quotations

SEED = Path(__file__).resolve().parents[3] / "data" / "seed" / "putin-spief-2024.txt"


@pytest.fixture()
def without_model(monkeypatch):
    """Run a test as if the boundary model file were missing."""
    monkeypatch.setattr(quote_bounds, "_model", lambda *args: None)


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_model_is_shipped_with_both_edges_and_its_training_command():
    model = json.loads(BOUNDARY_MODEL_PATH.read_text(encoding="utf-8"))
    assert "train_bounds" in model["about"]
    for side in ("start", "end"):
        assert len(model[f"{side}_weights"]) > 100
        assert isinstance(model[f"{side}_intercept"], float)


# The rules take the object alone ("the mayor"); PolNeAR annotators, and the model learned
# from them, take "X for Y" as what was criticised. Sentences written for these tests.
@pytest.mark.parametrize(
    "text, rules_content, model_content",
    [
        (
            "The governor criticized the mayor for taking advantage of legal tax deductions.",
            "the mayor",
            "the mayor for taking advantage of legal tax deductions",
        ),
        (
            "Democrats slammed Romney for not releasing his full tax returns.",
            "Romney",
            "Romney for not releasing his full tax returns",
        ),
        (
            "The union attacked the media for being “unbelievably dishonest” on Monday.",
            "the media",
            "the media for being “unbelievably dishonest” on Monday",
        ),
    ],
)
def test_model_moves_edges_the_rules_draw_differently(nlp, monkeypatch, text, rules_content, model_content):
    doc = nlp(text)
    # tagged=[]: the boundary model's edges, whether or not the content tagger is switched on
    assert [q.text for q in extract_quotes(doc, tagged=[])] == [model_content]
    monkeypatch.setattr(quote_bounds, "_model", lambda *args: None)
    assert [q.text for q in extract_quotes(doc, tagged=[])] == [rules_content]


@pytest.mark.parametrize(
    "text",
    [
        "Putin said the decision was “a very dangerous step” for Europe.",
        "She said the statement was “true.”",
        "The report said that half of the voters were “deplorables” and should be ignored.",
    ],
)
def test_quoted_words_stay_whole_inside_the_content(nlp, text):
    quoted = text[text.index("“") + 1 : text.index("”")]
    contents = [q.text for q in extract_quotes(nlp(text))]
    assert len(contents) == 1
    assert quoted in contents[0]


def _prefer(monkeypatch, start_feature: str | None = None, end_feature: str | None = None) -> None:
    """Install a boundary model that strongly prefers the given start and end features."""
    model = {
        "start_intercept": 0.0,
        "start_weights": {start_feature: 20.0} if start_feature else {},
        "end_intercept": 0.0,
        "end_weights": {end_feature: 20.0} if end_feature else {},
    }
    monkeypatch.setattr(quote_bounds, "_model", lambda *args: model)


def test_forced_model_moves_the_end(nlp, monkeypatch):
    text = "She said the statement was “true.”"
    doc = nlp(text)
    _prefer(monkeypatch, end_feature="word=statement")
    span = _span(text, "the statement was")
    assert refine_bounds(doc, *span, "indirect", _span(text, "said")) == _span(text, "the statement")


def test_quoted_words_are_never_cut_or_left_out(nlp, monkeypatch):
    text = "She said the statement was “true.”"
    doc = nlp(text)
    _prefer(monkeypatch, end_feature="word=statement")
    inner = _span(text, "true.")
    start, end = refine_bounds(doc, *_span(text, "the statement was “true.”"), "indirect", _span(text, "said"), [inner])
    assert start <= inner[0] and inner[1] <= end
    _prefer(monkeypatch, start_feature="word=true")
    start, end = refine_bounds(doc, *_span(text, "the statement was “true.”"), "indirect", _span(text, "said"), [inner])
    assert start <= inner[0] and inner[1] <= end


def test_edges_stay_in_the_paragraph(nlp, monkeypatch):
    text = "Analysts said the economy would grow by 2 percent in July\n\nand more news follows here."
    doc = nlp(text)
    _prefer(monkeypatch, end_feature="sentence_end=True")  # without the limit: "... follows here"
    start, end = refine_bounds(doc, *_span(text, "the economy would grow"), "indirect", _span(text, "said"))
    assert text[start:end] == "the economy would grow by 2 percent in July"


def test_pinned_end_does_not_move(nlp, monkeypatch):
    text = "The union attacked the media for being dishonest on Monday."
    doc = nlp(text)
    _prefer(monkeypatch, end_feature="word=monday")
    span = _span(text, "the media")
    assert refine_bounds(doc, *span, "indirect", _span(text, "attacked"), move_end=False) == span
    assert refine_bounds(doc, *span, "indirect", _span(text, "attacked"))[1] == text.index(".")


def test_start_after_end_keeps_the_rule_span(nlp, monkeypatch):
    text = "Analysts said the economy would grow quickly."
    doc = nlp(text)
    _prefer(monkeypatch, start_feature="word=quickly", end_feature="word=economy")
    span = _span(text, "the economy would grow quickly")
    assert refine_bounds(doc, *span, "indirect", _span(text, "said")) == span


def test_refine_without_model_or_words_returns_the_rule_span(nlp, without_model):
    text = "Analysts said the economy would grow, citing exports."
    doc = nlp(text)
    span = _span(text, "the economy would grow, citing exports")
    assert refine_bounds(doc, *span, "indirect", _span(text, "said")) == span


def test_refine_of_a_span_without_words_returns_it(nlp):
    text = "He said: “ ” and left."
    doc = nlp(text)
    span = _span(text, "“ ”")
    assert refine_bounds(doc, *span, "indirect", None) == span


def test_candidates_cover_the_rule_edges_and_skip_punctuation(nlp):
    text = "Analysts said, on Monday, that the economy would grow, citing exports."
    doc = nlp(text)
    content = content_edges(doc, *_span(text, "that the economy would grow"), "indirect", _span(text, "said"))
    starts = [index for index, _ in start_candidates(content)]
    ends = [index for index, _ in end_candidates(content)]
    assert content.first in starts and content.last in ends
    assert all(not doc[i].is_punct for i in starts + ends)
    assert doc[ends[-1]].text == "exports"  # the end may run to the sentence's last word
    assert min(starts) >= doc[0].sent.start
    features = dict(start_candidates(content))[content.first]
    assert "d=0" in features and "after_cue=False" in features


def test_content_edges_records_own_and_other_cues(nlp):
    text = "Analysts said the economy would grow, though officials warned of risks."
    doc = nlp(text)
    own, other = _span(text, "said"), _span(text, "warned")
    content = content_edges(
        doc, *_span(text, "the economy would grow, though officials warned of risks"), "indirect", own, [own, other]
    )
    assert content.cue_lemma == "say"
    assert content.cues_between(content.first, content.last) == (False, True)
    assert content_edges(doc, *_span(text, ","), "indirect", own) is None


def test_an_edge_never_cuts_a_quotation_outside_the_rule_span(nlp, monkeypatch):
    text = "He said that the threat was invented by the West: “You made up that Russia wants war. Absurd.”"
    doc = nlp(text)
    _prefer(monkeypatch, end_feature="word=war")  # "war" lies inside the quotation after the content
    quotation = _span(text, "You made up that Russia wants war. Absurd.")
    span = _span(text, "that the threat was invented by the West")
    start, end = refine_bounds(doc, *span, "indirect", _span(text, "said"), [quotation])
    assert not quotation[0] < end < quotation[1]
    assert text[start:end].startswith("that the threat")


def test_seed_headline_statement_stays_whole(nlp):
    text = SEED.read_text(encoding="utf-8")
    headline = text.splitlines()[0]
    statement = headline.split(":", 1)[1].strip()
    quotes = [q for q in extract_quotes(nlp(text)) if q.start < len(headline)]
    assert [q.text for q in quotes] == [statement]


def test_seed_contents_never_cut_a_quotation(nlp):
    text = SEED.read_text(encoding="utf-8")
    quotations = find_quotations(text)
    for quote in extract_quotes(nlp(text)):
        for quotation in quotations:
            assert not quotation.start < quote.start < quotation.end, quote.text
            assert not quotation.start < quote.end < quotation.end, quote.text
