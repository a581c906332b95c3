"""Who said what: quote extraction and speaker attribution (being split into one module per job)."""

from analysis.quotes.extract import (
    boundary_items,
    candidate_attributions,
    canonical_person_names,
    extract_quotes,
    quoted_segments,
    rule_attributions,
    tag_ahead,
)

__all__ = [
    "boundary_items",
    "candidate_attributions",
    "canonical_person_names",
    "extract_quotes",
    "quoted_segments",
    "rule_attributions",
    "tag_ahead",
]
