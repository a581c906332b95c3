"""The counts and tables the pages draw from the filtered statements (from :mod:`analysis.query`).

Pages import these from here, never from ``analysis``: this module is where a change of the
query API is absorbed. No streamlit here.
"""

from __future__ import annotations

from analysis.query import (
    REPRESENTATIVE_SAMPLE,
    STATEMENT_MEASURE,
    TARGET_MEASURE,
    country_counts,
    country_mentions,
    country_pairs,
    cross_counts,
    evidence_words,
    speaker_counts,
    speaker_labels,
    statement_keywords,
    statements_over_time,
    strings,
    tone_by_target,
    tone_measure,
    topic_counts,
    undated_statements,
)
from analysis.records import CONFIDENT
from analysis.search import bracketed, highlight_html, hit_spans, parse_query
from analysis.semantic_search import MIN_SIMILARITY, is_meaning_search, parse_meaning

__all__ = ["CONFIDENT", "MIN_SIMILARITY", "REPRESENTATIVE_SAMPLE",
           "STATEMENT_MEASURE", "TARGET_MEASURE", "bracketed", "country_counts",
           "country_mentions", "country_pairs", "cross_counts", "evidence_words",
           "highlight_html", "hit_spans", "is_meaning_search", "parse_meaning", "parse_query",
           "speaker_counts", "speaker_labels", "statement_keywords",
           "statements_over_time", "strings", "tone_by_target", "tone_measure", "topic_counts", "undated_statements"]
