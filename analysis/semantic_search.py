"""Search statements by meaning: "~energy security" finds statements on gas supplies and pipelines.

A search that starts with :data:`MEANING_PREFIX` (``q=~energy security`` in a link) ranks the
statements by the cosine of their sentence vector (:mod:`analysis.embeddings`) with the query's,
and keeps those at or above :data:`MIN_SIMILARITY`, so unrelated statements are not listed. It
combines with every other filter through :func:`analysis.query.filter_quotes`, which gives each
statement found its ``similarity``.

What is not a question of meaning returns nothing, with a note: an empty query, stop words
only, or words that neither the encoder's vocabulary, nor the background word list of the key
phrases, nor any statement of the corpus holds ("xqzvw blorft" would otherwise be read as its
letter pieces and match at random).

The statement vectors are too costly for the default build (docs/speed.md: they would take the
pipeline past 1.5x bare spaCy), so they are computed once per store on first use and kept in
``corpus.derived``; for a local store they are also saved beside it
(:data:`INDEX_FILE`, replaced atomically) and read back on the next load, where only statements
not seen before are encoded. Vectors are keyed by a digest of the statement's text and by the
encoder file's, so a re-analysed store or a new model never reuses a stale vector.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from dataclasses import dataclass

import numpy as np

from analysis import embeddings, search
from analysis.keywords.words import idf, stem_word, stopwords
from analysis.store import Corpus, is_remote

#: A search starting with this is a search by meaning.
MEANING_PREFIX = "~"
#: Statements less similar than this to the query are not listed (cosine; unrelated text scores
#: below it, see docs/accuracy.md).
MIN_SIMILARITY = 0.3
#: Longer queries are cut here, with a note.
MAX_QUERY_CHARS = 300
#: The index of statement vectors saved in a local store's folder.
INDEX_FILE = "statement_vectors.npz"
_WORD = re.compile(r"[^\W_]+")
_LOCK = threading.Lock()
#: Similarities of this many recent queries are kept per corpus.
_RECENT_QUERIES = 16


@dataclass(frozen=True)
class MeaningQuery:
    """A search by meaning as read: the text to encode ("" when there is nothing to search) and
    notes for the user on what was ignored.
    """

    text: str
    notes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when nothing is searched (the search then finds no statement)."""
        return not self.text


def is_meaning_search(raw: str) -> bool:
    """True when ``raw`` asks for a search by meaning (starts with :data:`MEANING_PREFIX`)."""
    return str(raw or "").lstrip().startswith(MEANING_PREFIX)


def meaning_text(raw: str) -> str:
    """What a search by meaning searches for: ``raw`` without the prefix, spaces collapsed."""
    text = str(raw or "").strip()
    if text.startswith(MEANING_PREFIX):
        text = text[len(MEANING_PREFIX):]
    return " ".join(text.split())


def _known(word: str, corpus: Corpus | None) -> bool:
    """True when ``word`` is a word of the encoder's vocabulary, of the key-phrase background
    list or of a statement of ``corpus``.
    """
    if word in embeddings.default_encoder().wordpiece.ids:
        return True
    if idf(stem_word(word)) < idf("\0"):  # a stem of the background list
        return True
    return corpus is not None and bool(search.matching_mask(corpus, f'"{word}"').any())


def parse_meaning(raw: str, corpus: Corpus | None = None) -> MeaningQuery:
    """Read a search by meaning (with or without its prefix) into a :class:`MeaningQuery`; never raises."""
    text = meaning_text(raw)
    notes = []
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
        notes.append(f"the search was cut to its first {MAX_QUERY_CHARS} characters")
    words = [w.lower() for w in _WORD.findall(text)]
    content = [w for w in words if w not in stopwords()]
    if not words:
        return MeaningQuery("", (*notes, "nothing to search for: type a few words after ~"))
    if not content:
        return MeaningQuery("", (*notes, "only common words (such as “the”): say what the statements are about"))
    if not any(_known(word, corpus) for word in content):
        return MeaningQuery("", (*notes, "none of the words is known, so no meaning can be read from them"))
    return MeaningQuery(text, tuple(notes))


def set_index_location(corpus: Corpus, store_dir: str) -> None:
    """Save and read the statement vectors of ``corpus`` beside the local store ``store_dir``
    (an object store keeps them in memory only).
    """
    if not is_remote(store_dir):
        corpus.derived["vector_index_dir"] = str(store_dir)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _model_digest() -> str:
    return hashlib.sha256(embeddings.ENCODER_PATH.read_bytes()).hexdigest()


def _read_index(path: str, model: str) -> dict[bytes, np.ndarray]:
    """The saved vectors by text digest ({} when missing, unreadable or from another model)."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            if str(saved["model"]) != model:
                return {}
            digests = (row.tobytes() for row in saved["digests"])
            return dict(zip(digests, saved["vectors"].astype(np.float32), strict=True))
    except (OSError, KeyError, ValueError):
        return {}


def _write_index(path: str, model: str, digests: list[bytes], vectors: np.ndarray) -> None:
    """Replace the index file in one step (a reader sees the old file or the new, never half)."""
    folder = os.path.dirname(path)
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix=".statement_vectors-", suffix=".npz", delete=False)
    try:
        with handle:
            # Digests as rows of bytes: numpy's "S" strings would drop trailing zero bytes.
            rows = np.frombuffer(b"".join(digests), dtype=np.uint8).reshape(-1, 16)
            np.savez(handle, model=np.array(model), digests=rows,
                     vectors=vectors.astype(np.float16))
        os.chmod(handle.name, 0o644)  # readable as the store's other files (a temporary file is private)
        os.replace(handle.name, path)
    except OSError:
        # A read-only store still searches; only the next load encodes again.
        if os.path.exists(handle.name):
            os.unlink(handle.name)


def _compute_vectors(corpus: Corpus) -> np.ndarray:
    texts = [str(t) for t in corpus.quotes["text"].astype(object).fillna("")]
    digests = [_digest(t) for t in texts]
    folder = corpus.derived.get("vector_index_dir")
    path = os.path.join(folder, INDEX_FILE) if folder else None
    model = _model_digest()
    known = _read_index(path, model) if path else {}
    missing = {d: t for d, t in zip(digests, texts, strict=True) if d not in known}
    if missing:
        known.update(zip(missing, embeddings.encode(list(missing.values())), strict=True))
    vectors = np.zeros((len(texts), embeddings.DIMENSION), dtype=np.float32)
    for row, digest in enumerate(digests):
        vectors[row] = known[digest]
    unique = list(dict.fromkeys(digests))
    if path and (missing or len(unique) != len(known)):
        _write_index(path, model, unique, np.array([known[d] for d in unique], dtype=np.float32)
                     .reshape(-1, embeddings.DIMENSION))
    return vectors


def vectors_ready(corpus: Corpus) -> bool:
    """True when the statement vectors of ``corpus`` are in memory (no wait for the next search)."""
    return "statement_vectors" in corpus.derived


def statement_vectors(corpus: Corpus) -> np.ndarray:
    """The unit vector of every statement, in the row order of ``corpus.quotes`` (float32,
    n x 384): computed or read once per loaded corpus and kept in ``corpus.derived``.
    """
    vectors = corpus.derived.get("statement_vectors")
    if vectors is None:
        with _LOCK:
            vectors = corpus.derived.get("statement_vectors")
            if vectors is None:
                vectors = _compute_vectors(corpus)
                corpus.derived["statement_vectors"] = vectors
    return vectors


def similarities(corpus: Corpus, raw: str) -> np.ndarray:
    """The cosine of every statement of ``corpus`` with the search ``raw`` (row order of
    ``corpus.quotes``); all zeros when the search is empty (:func:`parse_meaning`).
    """
    query = parse_meaning(raw, corpus)
    if query.is_empty or corpus.quotes.empty:
        return np.zeros(len(corpus.quotes), dtype=np.float32)
    recent = corpus.derived.setdefault("meaning_similarities", {})
    found = recent.get(query.text)
    if found is None:
        found = statement_vectors(corpus) @ embeddings.encode([query.text])[0]
        if len(recent) >= _RECENT_QUERIES:
            recent.pop(next(iter(recent)), None)
        recent[query.text] = found
    return found


def matching_mask(corpus: Corpus, raw: str) -> np.ndarray:
    """Boolean mask over ``corpus.quotes``: statements at least :data:`MIN_SIMILARITY` similar to ``raw``."""
    return similarities(corpus, raw) >= MIN_SIMILARITY
