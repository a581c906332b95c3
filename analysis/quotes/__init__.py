"""Who said what: quotes, their speakers and cues, found in a parsed article.

:func:`extract_quotes` returns the quotes of one spaCy ``Doc``; :func:`tag_ahead` runs the
optional content tagger ahead of the caller over a stream of parsed documents. One module per
job, imported in one direction (each only from those listed before it):

- :mod:`~analysis.quotes.lexicon`, :mod:`~analysis.quotes.marks`, :mod:`~analysis.quotes.syntax`,
  :mod:`~analysis.quotes.clauses`, :mod:`~analysis.quotes.scorer`: word lists, quotation marks and
  paragraphs, the phrases of the parse (cues, sources, clauses), reported clauses the parse gets
  wrong, the one logistic scorer of the learned models;
- :mod:`~analysis.quotes.attribution`: the attribution record every finder returns;
- :mod:`~analysis.quotes.person_names`, :mod:`~analysis.quotes.people`, :mod:`~analysis.quotes.antecedents`,
  :mod:`~analysis.quotes.national_bodies`, :mod:`~analysis.quotes.source_names`,
  :mod:`~analysis.quotes.pronoun_speakers`, :mod:`~analysis.quotes.speakers`: the names of an
  article's persons, the persons themselves, whom a "he" that speaks may mean, a state body named
  with its country ("Russian Foreign Ministry"), the name a source is shown under (a capital for its
  country, an agency without "news agency"), speakers that are pronouns, and speaker mentions
  resolved to canonical names or unnamed sources;
- :mod:`~analysis.quotes.filters`, :mod:`~analysis.quotes.candidates`, :mod:`~analysis.quotes.bounds`,
  :mod:`~analysis.quotes.tagger`: the learned models (candidate and attribution filters, the
  candidates they judge, content boundaries, the ONNX content tagger);
- :mod:`~analysis.quotes.framing`, :mod:`~analysis.quotes.asides`, :mod:`~analysis.quotes.noun_cues`,
  :mod:`~analysis.quotes.reported`, :mod:`~analysis.quotes.headlines`, :mod:`~analysis.quotes.quoted_speech`,
  :mod:`~analysis.quotes.direct`, :mod:`~analysis.quotes.joins`: statements framed by layout or a
  set phrase (titles, interview turns, "according to X"), cues set off as asides, speech nouns and
  polls, reported speech from the parse, "Name: ..." lines, whether quoted words are speech or a
  title or scare quote, quotations and who said them, and quotations joined across their attribution;
- :mod:`~analysis.quotes.assembly`, :mod:`~analysis.quotes.fusion`,
  :mod:`~analysis.quotes.confidence`, :mod:`~analysis.quotes.acts`: merging into final quotes,
  the tagger's second opinion, the probability that a final quote is right and its speaker's,
  and whether it reports words (speech) or only an attitude or act (stance);
- :mod:`~analysis.quotes.extract` (the pipeline) and :mod:`~analysis.quotes.training_exports`
  (what the trainers under ``training/`` read).
"""

from analysis.quotes.extract import extract_quotes
from analysis.quotes.fusion import tag_ahead

__all__ = ["extract_quotes", "tag_ahead"]
