"""A data engine too small for a view: the page says so in words, never with a traceback."""

import os

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")


def _runs_out(*_args, **_kwargs):
    raise duckdb.OutOfMemoryException("Out of Memory Error: failed to pin block of size 256.0 KiB")


@pytest.mark.parametrize("runs_out", [True, False])
def test_a_view_over_the_engines_memory_shows_a_message(fresh_store, monkeypatch, runs_out):
    # The engine's own error as DuckDB raises it when a query needs more than its memory limit, from
    # the first query a view asks (a real 1 MB limit stopped failing on the seed store once the pages
    # read pre-counted tables: which query runs out depends on the store, the message must not).
    from analysis.engine import Engine

    monkeypatch.setenv("QUOTE_ATLAS_STORE", fresh_store)
    if runs_out:
        monkeypatch.setattr(Engine, "store_facts", _runs_out)
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    at.switch_page("pages/quotes.py").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert ("needs more memory than the app may use" in errors) is runs_out
    assert "Traceback" not in errors and "pin block" not in errors


def test_other_errors_keep_their_general_message(fresh_store, monkeypatch):
    from analysis.engine import Engine

    def fails(*_args, **_kwargs):
        raise duckdb.IOException("disk gone")

    monkeypatch.setenv("QUOTE_ATLAS_STORE", fresh_store)
    monkeypatch.setattr(Engine, "store_facts", fails)
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    at.switch_page("pages/quotes.py").run()
    errors = " ".join(e.value for e in at.error)
    assert "could not be shown (IOException)" in errors and "memory" not in errors
