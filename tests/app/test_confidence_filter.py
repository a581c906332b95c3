"""AppTest on the seed store: "Confident statements only" filters, lives in the URL, and is the brief's default."""

import os

from streamlit.testing.v1 import AppTest

from analysis.records import CONFIDENT

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")


def _run(seed_store, monkeypatch, page=None, **params) -> AppTest:
    monkeypatch.setenv("QUOTE_ATLAS_STORE", seed_store)
    app = AppTest.from_file(DASHBOARD, default_timeout=90)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def _table(app):
    return next(frame.value for frame in app.dataframe if "Confidence" in frame.value.columns)


def test_confident_only_from_the_url_keeps_confident_statements(seed_store, monkeypatch):
    everything = _table(_run(seed_store, monkeypatch, "pages/quotes.py"))
    confident = _run(seed_store, monkeypatch, "pages/quotes.py", confident="1")
    assert confident.checkbox(key="filter_confident").value is True
    assert confident.query_params["confident"] in ("1", ["1"])
    table = _table(confident)
    assert 0 < len(table) < len(everything)
    assert (table["Confidence"] >= CONFIDENT).all()
    assert (everything["Confidence"] < CONFIDENT).any()


def test_ticking_the_box_writes_the_url_and_unticking_removes_it(seed_store, monkeypatch):
    app = _run(seed_store, monkeypatch)
    assert "confident" not in app.query_params
    app.checkbox(key="filter_confident").check().run()
    assert app.query_params["confident"] in ("1", ["1"])
    app.checkbox(key="filter_confident").uncheck().run()
    assert "confident" not in app.query_params


def test_the_brief_uses_confident_statements_by_default(seed_store, monkeypatch):
    app = _run(seed_store, monkeypatch, "pages/briefing.py")
    assert app.checkbox(key="brief_confident").value is True
    notes = [c.value for c in app.caption if "confident statements of" in c.value]
    assert notes, [c.value for c in app.caption]
    app.checkbox(key="brief_confident").uncheck().run()
    assert not app.exception
    assert not [c.value for c in app.caption if "confident statements of" in c.value]
