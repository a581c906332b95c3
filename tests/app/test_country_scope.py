"""AppTest: the sidebar's "Countries: mentioned / about" switch filters statements and lives in the URL."""

import os

import pytest
from streamlit.testing.v1 import AppTest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")


def _run(seed_store, monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("QUOTE_ATLAS_STORE", seed_store)
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    for name, value in params.items():
        app.query_params[name] = value
    return app.run()


def _texts(app) -> str:
    return "\n".join(str(e.value) for e in list(app.markdown) + list(app.caption) + list(app.title))


def test_about_scope_from_the_url_filters_and_stays_in_the_url(seed_store, monkeypatch):
    mentioned = _run(seed_store, monkeypatch, country="RUS")
    about = _run(seed_store, monkeypatch, country="RUS", country_scope="about")
    assert not about.exception
    assert about.radio(key="filter_country_scope").value == "about"
    assert mentioned.radio(key="filter_country_scope").value == "mentioned"
    assert about.query_params["country_scope"] in ("about", ["about"])
    assert "country_scope" not in mentioned.query_params
    assert "mainly about Russia" in _texts(about)
    # The default scope counts statements that name the country: "about" alone read as the subject scope.
    assert "Statements naming Russia" in _texts(mentioned) and "Statements about Russia" not in _texts(mentioned)
    assert int(about.metric[0].value) <= int(mentioned.metric[0].value)


@pytest.mark.parametrize("value", ["nearby", "<script>"])
def test_an_unknown_scope_is_reported_and_ignored(seed_store, monkeypatch, value):
    app = _run(seed_store, monkeypatch, country="RUS", country_scope=value)
    assert not app.exception
    assert app.radio(key="filter_country_scope").value == "mentioned"
    assert any("scope=" in w.value.replace("\\", "") for w in app.warning)  # md() escapes the underscore
