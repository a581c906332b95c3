"""Fixtures shared by the tests of analysis.quotes."""

from __future__ import annotations

import pytest

from analysis.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    """The spaCy pipeline, loaded once for the module."""
    return load_nlp()
