"""Opening the dashboard in AppTest on a store, from a link: the one helper of the tests/app files."""

from __future__ import annotations

import os

from streamlit.testing.v1 import AppTest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")


def open_app(store: str, monkeypatch, page: str | None = None, timeout: float = 120, **params) -> AppTest:
    """Run the dashboard on ``store`` with ``params`` in the URL, switch to ``page`` (a path such as
    ``pages/quotes.py``; None stays on the landing page) and check that nothing raised.
    """
    monkeypatch.setenv("QUOTE_ATLAS_STORE", store)
    at = AppTest.from_file(DASHBOARD, default_timeout=timeout)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at
