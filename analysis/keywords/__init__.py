"""Key-phrase extraction.

Two entry points:

* :func:`extract_keywords` (:mod:`analysis.keywords.article`) ranks the noun phrases of one
  article on its spaCy ``Doc``: PositionRank x background rarity
  (``analysis/data/generated/keywords/background_df.json``) with length and position priors.
* :func:`keywords_for_texts` (:mod:`analysis.keywords.statements`) finds key phrases of a
  filtered set of short statements in pure Python (no spaCy), fast enough to run on every
  filter change in the app; its parts are public for :func:`analysis.query.statement_keywords`.

:mod:`analysis.keywords.words` holds what both read: word lists, stems, idf.
"""

from analysis.keywords.article import extract_keywords
from analysis.keywords.statements import (
    PhraseNumbering,
    best_form,
    drop_contained_words,
    keywords_for_texts,
    phrase_score,
    phrases_of_text,
    stem_idf,
    word_stems,
)
from analysis.keywords.words import BACKGROUND_PATH, idf, stem_word, stopwords, word_tokens

__all__ = [
    "BACKGROUND_PATH", "PhraseNumbering", "best_form", "drop_contained_words", "extract_keywords", "idf",
    "keywords_for_texts",
    "phrase_score", "phrases_of_text", "stem_idf", "stem_word", "stopwords", "word_stems", "word_tokens",
]
