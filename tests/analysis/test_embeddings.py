"""Tests for the sentence encoder (analysis.embeddings)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import embeddings

# (text, a text of the same meaning in other words, an unrelated text)
PAIR_CASES = [
    ("Gas prices will rise this winter.", "Energy bills are going up in the cold months.",
     "The striker scored twice in the second half."),
    ("The president vetoed the budget bill.", "The head of state rejected the spending law.",
     "Heavy rain flooded the village overnight."),
    ("Russia invaded Ukraine.", "Russian troops crossed into Ukrainian territory.",
     "The bakery sells fresh bread every morning."),
    ("We must cut carbon emissions.", "Greenhouse gas output has to come down.",
     "The court adjourned the murder trial."),
    ("The central bank raised interest rates.", "Borrowing costs were increased by the monetary authority.",
     "The orchestra played Beethoven's ninth symphony."),
]


@pytest.mark.parametrize(("text", "same", "unrelated"), PAIR_CASES)
def test_texts_of_the_same_meaning_are_closer_than_unrelated_ones(text, same, unrelated):
    vectors = embeddings.encode([text, same, unrelated])
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_vectors_are_float32_unit_vectors_in_input_order():
    texts = ["A short one.", "A much longer sentence about the parliament and its many committees and votes.", ""]
    vectors = embeddings.encode(texts)
    assert vectors.shape == (3, embeddings.DIMENSION) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    # Batched (sorted by length, padded) gives nearly what one at a time gives: the int8
    # products quantise activations with one scale per batch, so not exactly.
    for text, vector in zip(texts, vectors, strict=True):
        assert embeddings.encode([text])[0] @ vector > 0.95


def test_no_texts_give_an_empty_array():
    vectors = embeddings.encode([])
    assert vectors.shape == (0, embeddings.DIMENSION) and vectors.dtype == np.float32


def test_one_string_is_refused_rather_than_read_letter_by_letter():
    with pytest.raises(TypeError):
        embeddings.encode("energy security")


def test_long_texts_are_cut_to_the_bounded_length():
    encoder = embeddings.default_encoder()
    ids = encoder.piece_ids(encoder.wordpiece, "word " * 1000)
    assert len(ids) == embeddings.MAX_PIECES
    assert ids[0] == encoder.wordpiece.cls and ids[-1] == encoder.wordpiece.sep
    assert embeddings.encode(["word " * 1000]).shape == (1, embeddings.DIMENSION)
