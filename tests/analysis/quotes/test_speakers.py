"""Tests for speaker names (analysis.quotes.speakers)."""

from __future__ import annotations

from analysis.names import first_name_genders
from analysis.quotes.speakers import canonical_person_names


def test_canonical_person_names_merges_aliases(nlp):
    doc = nlp("Russian President Vladimir Putin spoke. Putin said he was tired.")
    names = canonical_person_names(doc)
    assert names.get("Putin") == "Vladimir Putin"


def test_first_name_gazetteer_is_shipped_with_confident_names_only():
    genders = first_name_genders()
    assert genders["vladimir"] == "m" and genders["angela"] == "f" and genders["hillary"] == "f"
    assert "jean" not in genders  # borne by women and men alike
