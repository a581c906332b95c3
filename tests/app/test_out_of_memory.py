"""A data engine too small for a view: the page says so in words, never with a traceback."""

import os

import pytest
from streamlit.testing.v1 import AppTest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")


@pytest.mark.parametrize("memory_mb, runs_out", [("1", True), ("", False)])
def test_a_view_over_the_engines_memory_shows_a_message(fresh_store, monkeypatch, memory_mb, runs_out):
    # A private store: the engine (one per store and process) keeps the limit it was opened with.
    monkeypatch.setenv("QUOTE_ATLAS_STORE", fresh_store)
    monkeypatch.setenv("QUOTE_ATLAS_MEMORY_MB", memory_mb)
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    at.switch_page("pages/quotes.py").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert ("needs more memory than the app may use" in errors) is runs_out
    assert "Traceback" not in errors
