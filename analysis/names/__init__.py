"""Names of people and organisations: titles, honorifics, aliases and how aliases merge.

The one place that decides what a name is and which names are one person or body:

- :mod:`analysis.names.titles`: titles ("Russian President Vladimir Putin's" -> "Vladimir
  Putin"), honorifics ("Mrs." -> "f"), first-name genders.
- :mod:`analysis.names.shape`: what a name looks like (spelling keys for transliteration and
  hyphen variants, name-like phrases, first-name-like and generic words, places).
- :mod:`analysis.names.organizations`: other names of one party or body ("Tories" ->
  "Conservatives"), party labels before a person ("Lib Dem Norman Baker").
- :mod:`analysis.names.aliases`: :func:`merge_aliases`, the one merging algorithm, used per
  article for people and organisations (:mod:`analysis.entities`), per article for speakers
  (:mod:`analysis.quotes.speakers`) and across the corpus at load time
  (:func:`merge_across_articles`, called by :mod:`analysis.store`); its rules are in its
  docstring.
"""

from analysis.names.aliases import (
    CORPUS_PEOPLE_RULES,
    ENTITY_RULES,
    SPEAKER_RULES,
    SPELLING_RULES,
    MergeRules,
    canonicalize_names,
    merge_across_articles,
    merge_aliases,
    rename_rows,
    surname,
)
from analysis.names.organizations import organization_alias, strip_party_label
from analysis.names.shape import is_generic, is_name, is_place, name_keys, word_key
from analysis.names.titles import (
    EDGE_PUNCT,
    FIRST_NAMES_PATH,
    addressed_surnames,
    ends_with_title,
    first_name_genders,
    honorific_gender,
    is_title_plural,
    strip_title_words,
    strip_titles,
    title_words,
)

__all__ = [
    "CORPUS_PEOPLE_RULES", "EDGE_PUNCT", "ENTITY_RULES", "FIRST_NAMES_PATH", "SPEAKER_RULES", "SPELLING_RULES",
    "MergeRules", "addressed_surnames", "canonicalize_names", "ends_with_title", "first_name_genders",
    "honorific_gender", "is_generic", "is_name", "is_place", "is_title_plural", "merge_across_articles",
    "merge_aliases", "name_keys", "organization_alias", "rename_rows", "strip_party_label", "strip_title_words",
    "strip_titles", "surname", "title_words", "word_key",
]
