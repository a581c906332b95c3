"""Tests for the content tagger (analysis.quotes.tagger)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.quotes.tagger import (
    BEGIN,
    INSIDE,
    MAX_PIECES,
    OUTSIDE,
    TAGGER_PATH,
    UNTAGGED,
    ContentTagger,
    WordPiece,
    load_tagger,
    sentence_windows,
)

VOCABULARY = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "hello", ",", "!", "cafe", "'", "s"]


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


@pytest.mark.parametrize("on", [False, True])
def test_tagger_is_off_unless_switched_on(monkeypatch, on):
    monkeypatch.setenv("QUOTE_ATLAS_TAGGER", "1")  # the environment is read by analysis.settings only
    assert (load_tagger(on) is not None) == (on and TAGGER_PATH.exists())


@pytest.mark.skipif(not TAGGER_PATH.exists(), reason="the tagger is not shipped")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister said on Monday that the talks had failed.", "the talks had failed"),
        ("The river flows through the city. The weather was cold.", None),  # no speech: nothing tagged
    ],
)
def test_shipped_tagger_marks_reported_clauses_only(nlp, monkeypatch, text, expected):
    spans = [text[s:e] for s, e in load_tagger(True).content_spans(nlp(text))]
    if expected is None:
        assert spans == []
    else:
        assert any(expected in span for span in spans), spans


@pytest.mark.skipif(not TAGGER_PATH.exists(), reason="the tagger is not shipped")
def test_shipped_model_gives_probabilities_for_every_piece(nlp, monkeypatch):
    tagger = load_tagger(True)
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
