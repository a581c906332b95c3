"""Tests for the content tagger (analysis.quotes.tagger) and how extract_quotes uses it."""

from __future__ import annotations

import numpy as np
import pytest

import analysis.quotes.candidates as quote_candidates
import analysis.quotes.extract as quotes_module
from analysis.nlp import load_nlp
from analysis.quotes import extract_quotes
from analysis.quotes.candidates import best_candidate
from analysis.quotes.syntax import span_jaccard
from analysis.quotes.tagger import (
    BEGIN,
    INSIDE,
    MAX_PIECES,
    OUTSIDE,
    TAGGER_PATH,
    TAGGER_SETTING,
    UNTAGGED,
    ContentTagger,
    WordPiece,
    load_tagger,
    sentence_windows,
)

VOCABULARY = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "hello", ",", "!", "cafe", "'", "s"]


@pytest.fixture(scope="module")
def nlp():
    """The spaCy pipeline, loaded once for the module."""
    return load_nlp()


@pytest.fixture(scope="module")
def wordpiece():
    """A WordPiece over a tiny vocabulary."""
    return WordPiece(VOCABULARY)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("unaffable", ["un", "##aff", "##able"]),
        ("Hello!", ["hello", "!"]),  # lower-cased, punctuation split off
        ("Café", ["cafe"]),  # accents stripped
        ("cafe's", ["cafe", "'", "s"]),
        ("xyz", ["[UNK]"]),  # no piece fits
        ("unxyz", ["[UNK]"]),  # a word that cannot be finished is unknown as a whole
        ("", []),
        ("\u200b", []),  # a format character only
    ],
)
def test_wordpiece_splits_like_bert_uncased(wordpiece, word, expected):
    assert [VOCABULARY[i] for i in wordpiece.pieces(word)] == expected


def test_windows_hold_whole_sentences_and_every_word_once(nlp, wordpiece):
    doc = nlp("Hello, hello! " * 40 + "Unaffable.\n\nHello cafe.")
    windows = sentence_windows(doc, wordpiece)
    owners = [owner for _ids, window_owners in windows for owner in window_owners if owner >= 0]
    assert owners == [t.i for t in doc if wordpiece.pieces(t.text)]
    for ids, window_owners in windows:
        assert ids[0] == wordpiece.cls and ids[-1] == wordpiece.sep
        assert len(ids) <= MAX_PIECES + 2 and len(ids) == len(window_owners)
    # a window starts at a sentence start
    sentence_starts = {s.start for s in doc.sents}
    assert all(next(o for o in w if o >= 0) in sentence_starts for _ids, w in windows)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ([OUTSIDE, OUTSIDE, BEGIN, INSIDE, INSIDE], ["the talks failed"]),
        ([INSIDE, INSIDE, OUTSIDE, BEGIN, OUTSIDE], ["Officials said", "talks"]),  # I after O opens a span
        ([BEGIN, BEGIN, OUTSIDE, OUTSIDE, OUTSIDE], ["Officials", "said"]),
        ([OUTSIDE, OUTSIDE, BEGIN, UNTAGGED, INSIDE], ["the talks failed"]),  # no opinion does not close it
        ([OUTSIDE] * 5, []),
    ],
)
def test_content_spans_decode_begin_inside_outside(nlp, monkeypatch, tags, expected):
    text = "Officials said the talks failed"
    doc = nlp(text)
    tagger = ContentTagger.__new__(ContentTagger)
    monkeypatch.setattr(tagger, "token_tags", lambda _doc: np.array(tags, dtype=np.int8), raising=False)
    assert [text[s:e] for s, e in tagger.content_spans(doc)] == expected


@pytest.mark.parametrize(("setting", "on"), [(None, False), ("0", False), ("off", False), ("1", True), ("yes", True)])
def test_tagger_is_off_unless_switched_on(monkeypatch, setting, on):
    if setting is None:
        monkeypatch.delenv(TAGGER_SETTING, raising=False)
    else:
        monkeypatch.setenv(TAGGER_SETTING, setting)
    assert (load_tagger() is not None) == (on and TAGGER_PATH.exists())


@pytest.mark.skipif(not TAGGER_PATH.exists(), reason="the tagger is not shipped")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister said on Monday that the talks had failed.", "the talks had failed"),
        ("The river flows through the city. The weather was cold.", None),  # no speech: nothing tagged
    ],
)
def test_shipped_tagger_marks_reported_clauses_only(nlp, monkeypatch, text, expected):
    monkeypatch.setenv(TAGGER_SETTING, "1")
    spans = [text[s:e] for s, e in load_tagger().content_spans(nlp(text))]
    if expected is None:
        assert spans == []
    else:
        assert any(expected in span for span in spans), spans


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
def test_extract_quotes_agrees_with_the_tagger(nlp, monkeypatch, tagged, expected):
    spans = [] if tagged is None else [(SENTENCE.index(t), SENTENCE.index(t) + len(t)) for t in tagged]
    monkeypatch.setattr(quotes_module, "tagged_contents", lambda _doc: spans)
    assert [q.text for q in extract_quotes(nlp(SENTENCE))] == expected


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


def test_tagger_confirms_a_less_likely_candidate(nlp, monkeypatch):
    text = "The senator slammed the president for his remarks."
    token = next(t for t in nlp(text) if t.text == "slammed")
    monkeypatch.setattr(quote_candidates, "keep_probability", lambda _features: 0.1)
    assert best_candidate(token) is None  # below the filter's threshold
    content = "the president for his remarks"
    tagged = [(text.index(content), text.index(content) + len(content))]
    start, end, *_ = best_candidate(token, tagged=tagged)
    assert span_jaccard((start, end), tagged[0]) >= 0.5
    monkeypatch.setattr(quote_candidates, "keep_probability", lambda _features: 0.01)
    assert best_candidate(token, tagged=tagged) is None  # too unlikely even when confirmed


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [((0, 10), (0, 10), 1.0), ((0, 10), (5, 15), 5 / 15), ((0, 5), (5, 10), 0.0), ((0, 0), (0, 0), 0.0)],
)
def test_span_jaccard(a, b, expected):
    assert span_jaccard(a, b) == pytest.approx(expected)


def test_tag_ahead_keeps_order_and_tags_each_document(nlp, monkeypatch):
    texts = [f"Official {i} said the talks failed." for i in range(7)]
    monkeypatch.setattr(quotes_module, "load_tagger", lambda enabled=None: object())
    monkeypatch.setattr(quotes_module, "tagged_contents", lambda doc, _tagger: [(0, len(doc.text.split()[1]))])
    found = list(quotes_module.tag_ahead(((nlp(t), i) for i, t in enumerate(texts)), lookahead=2))
    assert [context for _doc, context, _tagged in found] == list(range(7))
    assert [doc.text for doc, _context, _tagged in found] == texts
    assert [tagged for _doc, _context, tagged in found] == [[(0, len(str(i)))] for i in range(7)]


def test_tag_ahead_switched_off_tags_nothing(nlp, monkeypatch):
    monkeypatch.setenv(TAGGER_SETTING, "1")
    found = list(quotes_module.tag_ahead([(nlp("He said the talks in Geneva had failed."), "a")], enabled=False))
    assert [(context, tagged) for _doc, context, tagged in found] == [("a", [])]


def test_tag_ahead_survives_a_failing_tagger(nlp, monkeypatch, caplog):
    def tagged_contents(doc, _tagger):
        if "broken" in doc.text:
            raise RuntimeError("model file damaged")
        return [(0, 2)]

    monkeypatch.setattr(quotes_module, "load_tagger", lambda enabled=None: object())
    monkeypatch.setattr(quotes_module, "tagged_contents", tagged_contents)
    pairs = [(nlp(t), t) for t in ("He said yes.", "A broken one said no.", "She said maybe.")]
    found = [tagged for _doc, _context, tagged in quotes_module.tag_ahead(pairs)]
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


@pytest.mark.skipif(not TAGGER_PATH.exists(), reason="the tagger is not shipped")
def test_shipped_model_gives_probabilities_for_every_piece(nlp, monkeypatch):
    monkeypatch.setenv(TAGGER_SETTING, "1")
    tagger = load_tagger()
    windows = sentence_windows(nlp("Officials said the talks failed. It rained in Geneva."), tagger.wordpiece)
    ids = np.array([windows[0][0] + [0, 0]])  # two padding pieces
    mask = np.array([[1.0] * len(windows[0][0]) + [0.0, 0.0]])
    probabilities = tagger.probabilities(ids, mask)
    assert probabilities.shape == (1, ids.shape[1], 3)
    assert np.allclose(probabilities.sum(-1), 1.0, atol=1e-4)
    # padding is masked out: the real pieces keep their tags (activations are quantised per
    # batch, so probabilities move a little with what else is in the batch)
    alone = tagger.probabilities(np.array([windows[0][0]]), np.ones((1, len(windows[0][0]))))
    padded = probabilities[0, : len(windows[0][0])]
    assert (alone[0].argmax(-1) == padded.argmax(-1)).all()
    assert np.abs(alone[0] - padded).max() < 0.1
