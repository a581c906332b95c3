"""Tests for how extract_quotes uses the content tagger, and tag_ahead (analysis.quotes.fusion)."""

from __future__ import annotations

import pytest

import analysis.quotes.fusion as fusion
from analysis.quotes import extract_quotes

SENTENCE = "Officials said the talks failed because of the weather. “We tried,” Smith said."


@pytest.mark.parametrize(
    ("tagged", "expected"),
    [
        # nothing tagged at all: the rules' output, unchanged
        (None, ["the talks failed because of the weather", "We tried,"]),
        # the reported clause takes the tagged edges (Jaccard >= 0.3)
        (["the talks failed"], ["the talks failed", "We tried,"]),
        # reported speech the tagger marks no word of is dropped; a quotation never is
        (["Smith"], ["We tried,"]),
    ],
)
def test_extract_quotes_agrees_with_the_tagger(nlp, tagged, expected):
    spans = None if tagged is None else [(SENTENCE.index(t), SENTENCE.index(t) + len(t)) for t in tagged]
    assert [q.text for q in extract_quotes(nlp(SENTENCE), spans)] == expected


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        # a well-formed tagged content: the reported clause takes its edges
        ("Officials said the talks failed because of the weather.", "the talks failed", "the talks failed"),
        # edges that would gain a cue (another statement's, same subject) stay where the rules put them
        (
            "Obama said he would order a review and warned against hackers from China.",
            "he would order a review and warned against hackers",
            "he would order a review",
        ),
        # edges that cut the source in two
        (
            "At the heart of the dispute, according to Dennis Ross, a former envoy, was a decision to build.",
            "Ross, a former envoy, was a decision to build",
            "At the heart of the dispute, according to Dennis Ross, a former envoy, was a decision to build",
        ),
        # an edge on a function word cuts a phrase in two
        (
            "A poll said Clinton held a 24-point lead among black voters.",
            "Clinton held a 24-point lead among",
            "Clinton held a 24-point lead among black voters",
        ),
        # a closing mark the tagged content opens is taken along (tagged edges are trimmed of marks)
        (
            "The union accused the media of being \u201cunbelievably dishonest\u201d on Monday.",
            "the media of being \u201cunbelievably dishonest",
            "the media of being \u201cunbelievably dishonest\u201d",
        ),
        # a headline statement is the whole line after the colon, whatever the tagger marks
        (
            "Putin: Russia Has No Intention to Attack NATO\n\nThe interview follows.",
            "Russia Has No Intention",
            "Russia Has No Intention to Attack NATO",
        ),
        # a content does not grow across a paragraph break (one sentence to the parser)
        (
            "Officials said the talks failed\n\nbecause of the weather.",
            "the talks failed\n\nbecause of the weather",
            "the talks failed",
        ),
    ],
)
def test_tagged_edges_must_keep_the_content_well_formed(nlp, text, tagged, expected):
    start = text.index(tagged)
    contents = [q.text for q in extract_quotes(nlp(text), tagged=[(start, start + len(tagged))])]
    assert expected in contents
    assert tagged == expected or tagged not in contents


def test_tag_ahead_keeps_order_and_tags_each_document(nlp, monkeypatch):
    texts = [f"Official {i} said the talks failed." for i in range(7)]
    monkeypatch.setattr(fusion, "load_tagger", lambda enabled=None: object())
    monkeypatch.setattr(fusion, "tagged_contents", lambda doc, _tagger: [(0, len(doc.text.split()[1]))])
    found = list(fusion.tag_ahead(((nlp(t), i) for i, t in enumerate(texts)), lookahead=2))
    assert [context for _doc, context, _tagged in found] == list(range(7))
    assert [doc.text for doc, _context, _tagged in found] == texts
    assert [tagged for _doc, _context, tagged in found] == [[(0, len(str(i)))] for i in range(7)]


def test_tag_ahead_switched_off_tags_nothing(nlp):
    found = list(fusion.tag_ahead([(nlp("He said the talks in Geneva had failed."), "a")], enabled=False))
    assert [(context, tagged) for _doc, context, tagged in found] == [("a", [])]


def test_tag_ahead_survives_a_failing_tagger(nlp, monkeypatch, caplog):
    def tagged_contents(doc, _tagger):
        if "broken" in doc.text:
            raise RuntimeError("model file damaged")
        return [(0, 2)]

    monkeypatch.setattr(fusion, "load_tagger", lambda enabled=None: object())
    monkeypatch.setattr(fusion, "tagged_contents", tagged_contents)
    pairs = [(nlp(t), t) for t in ("He said yes.", "A broken one said no.", "She said maybe.")]
    found = [tagged for _doc, _context, tagged in fusion.tag_ahead(pairs, enabled=True)]
    assert found == [[(0, 2)], [], [(0, 2)]]
    assert "content tagger failed" in caplog.text


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        # a long tagged content no rule found: kept, with the verb (or adjective) that governs it
        (
            "The farmers are certain the new highway will cut the old village in two for good.",
            "the new highway will cut the old village in two for good",
            [("the new highway will cut the old village in two for good", "The farmers", "certain")],
        ),
        # no governing word outside the content: kept without cue or source
        (
            "In his view, the new highway will cut the old village in two for good.",
            "the new highway will cut the old village in two for good",
            [("the new highway will cut the old village in two for good", None, None)],
        ),
        # shorter than eight words: mostly fragments, nothing added
        ("In his view, the highway is a mistake.", "the highway is a mistake", []),
        # the rules found it already: one statement, not two
        (
            "Farmers worry the new highway will cut the old village in two for good.",
            "the new highway will cut the old village in two for good",
            [("the new highway will cut the old village in two for good", "Farmers", "worry")],
        ),
    ],
)
def test_long_tagged_contents_no_rule_found_become_statements(nlp, monkeypatch, text, tagged, expected):
    start = text.index(tagged)
    quotes = extract_quotes(nlp(text), tagged=[(start, start + len(tagged))])
    found = [
        (
            q.text,
            None if q.speaker_start is None else text[q.speaker_start : q.speaker_end],
            None if q.cue_start is None else text[q.cue_start : q.cue_end],
        )
        for q in quotes
    ]
    assert found == expected
