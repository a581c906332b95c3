"""BERT's uncased WordPiece tokenizer, written out (no ``tokenizers`` dependency).

Shared by the two MiniLM models the analysis runs through onnxruntime: the content tagger
(:mod:`analysis.quotes.tagger`, which cuts spaCy tokens into pieces) and the target-dependent
tone model (:mod:`analysis.tone.targeted`, which cuts raw sentences and needs each piece's
character span: :func:`pre_tokens`). Identical to the ``tokenizers`` library's pieces on every
token of PolNeAR dev.
"""

from __future__ import annotations

import functools
import re
import unicodedata


def is_punctuation(character: str) -> bool:
    """Return True for what BERT's pre-tokenizer splits off (ASCII symbols and Unicode P*)."""
    code = ord(character)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(character).startswith("P")


#: CJK ideograph blocks, which BERT's normaliser surrounds with spaces.
_CJK_BLOCKS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0xF900, 0xFAFF))


def _is_cjk(code: int) -> bool:
    return any(low <= code <= high for low, high in _CJK_BLOCKS)


def _normalise(text: str) -> str:
    """Clean, lower-case and strip accents the way BERT's uncased normaliser does."""
    kept = []
    for character in text:
        code = ord(character)
        category = unicodedata.category(character)
        if code == 0 or code == 0xFFFD or (category in ("Cc", "Cf") and character not in "\t\n\r"):
            continue
        if character in "\t\n\r" or category == "Zs":
            kept.append(" ")
        elif _is_cjk(code):
            kept.append(f" {character} ")
        else:
            kept.append(character)
    lowered = "".join(kept).lower()
    return "".join(c for c in unicodedata.normalize("NFD", lowered) if unicodedata.category(c) != "Mn")


class WordPiece:
    """BERT's uncased WordPiece over one word at a time (results cached per word)."""

    def __init__(self, vocabulary: list[str]):
        self.ids = {piece: index for index, piece in enumerate(vocabulary)}
        self.unknown = self.ids["[UNK]"]
        self.cls = self.ids["[CLS]"]
        self.sep = self.ids["[SEP]"]

    @functools.lru_cache(maxsize=200_000)  # noqa: B019 - one tokenizer lives for the whole process
    def pieces(self, word: str) -> tuple[int, ...]:
        """Return the word-piece ids of ``word`` (a spaCy token's text)."""
        found: list[int] = []
        for chunk in _normalise(word).split():
            parts, current = [], ""
            for character in chunk:
                if is_punctuation(character):
                    if current:
                        parts.append(current)
                        current = ""
                    parts.append(character)
                else:
                    current += character
            if current:
                parts.append(current)
            for part in parts:
                found.extend(self._greedy(part))
        return tuple(found)

    def _greedy(self, part: str) -> list[int]:
        """Split one word into the longest vocabulary pieces from the left ([UNK] if impossible)."""
        if len(part) > 100:
            return [self.unknown]
        start, found = 0, []
        while start < len(part):
            end = len(part)
            while start < end:
                piece = part[start:end] if start == 0 else "##" + part[start:end]
                if piece in self.ids:
                    found.append(self.ids[piece])
                    break
                end -= 1
            else:
                return [self.unknown]
            start = end
        return found


_WORDS = re.compile(r"\S+")


def pre_tokens(text: str) -> list[tuple[int, int]]:
    """Return the character spans BERT's pre-tokenizer cuts ``text`` into: runs of
    non-space characters, each punctuation character on its own (see :func:`is_punctuation`).

    Each span's text gives its word pieces through :meth:`WordPiece.pieces`, so every piece
    can be traced back to the characters it came from.
    """
    spans = []
    for word in _WORDS.finditer(text):
        current = None
        for position in range(word.start(), word.end()):
            if is_punctuation(text[position]):
                if current is not None:
                    spans.append((current, position))
                    current = None
                spans.append((position, position + 1))
            elif current is None:
                current = position
        if current is not None:
            spans.append((current, word.end()))
    return spans


#: The key of the vocabulary (one piece per line) in the metadata of the ONNX models.
VOCABULARY_KEY = "vocabulary"


def onnx_encoder(path):
    """Return ``(session, wordpiece)`` for one of the shipped MiniLM ONNX models: an onnxruntime
    session on the CPU and the WordPiece of the vocabulary stored in its metadata.

    The session logs errors only (the app's log is for the user's problems) and its idle threads
    sleep instead of spinning, because spaCy parses on the same two cores meanwhile.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    vocabulary = session.get_modelmeta().custom_metadata_map[VOCABULARY_KEY]
    return session, WordPiece(vocabulary.split("\n"))
