"""Filtering and aggregating the loaded corpus: the data layer under every dashboard page.

Pure pandas, no streamlit. Functions never modify the :class:`~analysis.store.Corpus`
frames they receive (those are cached and shared between sessions); they return new frames.

One module per job, every public name re-exported here (pages and tests import
``analysis.query``): ``categoricals`` (categorical columns as plain strings), ``filters``
(:class:`Filters`, in words, and the statements they select), ``counts`` (what the charts count,
the filter widgets' values), ``phrases`` (key phrases and phrase counts), ``speakers`` (speakers
by any alias), ``tone`` (tone by target).
"""

from analysis.query.categoricals import plain_strings, strings
from analysis.query.counts import (
    country_counts,
    country_mentions,
    country_pairs,
    cross_counts,
    evidence_words,
    option_values,
    speaker_counts,
    speaker_labels,
    statements_over_time,
    topic_counts,
    undated_statements,
)
from analysis.query.filters import COUNTRY_SCOPES, Filters, article_focus, describe_filters, filter_quotes, quote_about
from analysis.query.phrases import REPRESENTATIVE_SAMPLE, index_phrases, phrase_counts, statement_keywords
from analysis.query.speakers import aliases_from_counts, resolve_name, resolve_speaker, speaker_aliases
from analysis.query.tone import (
    POLARITY_SCORES,
    STATEMENT_MEASURE,
    TARGET_MEASURE,
    has_target_tones,
    tone_by_target,
    tone_measure,
)

__all__ = [
    "COUNTRY_SCOPES", "POLARITY_SCORES", "REPRESENTATIVE_SAMPLE", "STATEMENT_MEASURE", "TARGET_MEASURE",
    "Filters", "aliases_from_counts", "article_focus", "country_counts", "country_mentions", "country_pairs",
    "cross_counts", "describe_filters", "evidence_words", "filter_quotes", "has_target_tones", "index_phrases",
    "option_values", "phrase_counts", "plain_strings", "quote_about", "resolve_name", "resolve_speaker",
    "speaker_aliases", "speaker_counts", "speaker_labels", "statement_keywords", "statements_over_time", "strings",
    "tone_by_target", "tone_measure", "topic_counts", "undated_statements",
]
