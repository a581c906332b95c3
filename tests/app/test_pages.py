"""AppTest: every page renders from the seed store, filters apply and live in the URL."""

import os

import pytest
from streamlit.testing.v1 import AppTest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")
PAGES = ["pages/overview.py", "pages/quotes.py", "pages/countries.py", "pages/topics.py",
         "pages/speakers.py", "pages/reader.py", "pages/briefing.py", "pages/corpus.py"]


@pytest.fixture()
def app(seed_store, monkeypatch):
    monkeypatch.setenv("QUOTE_ATLAS_STORE", seed_store)
    return AppTest.from_file(DASHBOARD, default_timeout=60)


def _texts(at) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.title]
    parts += [e.value for e in at.info] + [e.value for e in at.error]
    parts += [e.proto.body for e in at.get("html")]  # the annotated article (st.html, issue #16)
    return "\n".join(str(p) for p in parts)


def _plotly_titles(at) -> list[str]:
    import json

    titles = []
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        titles.append(spec["layout"].get("title", {}).get("text", ""))
    return titles


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(app, page):
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert app.title, "each page has a title"


def test_overview_shows_headline_figures_and_labelled_charts(app):
    app.run()
    metrics = {m.label: m.value for m in app.metric}
    assert int(metrics["Statements"]) >= 14
    assert metrics["Countries named"] == "5"
    titles = _plotly_titles(app)
    assert "Statements per speaker" in titles and all(titles)


def test_country_filter_changes_the_view_and_the_url(seed_store, monkeypatch):
    # AppTest re-runs only the page script after the first run (not the entry point that draws
    # the sidebar), so each filter state is a fresh first run; the browser tests click the widget.
    monkeypatch.setenv("QUOTE_ATLAS_STORE", seed_store)
    unfiltered = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    filtered = AppTest.from_file(DASHBOARD, default_timeout=60)
    filtered.session_state["filter_country"] = ["ITA"]
    filtered.session_state["filters_initialised"] = True
    filtered.run()
    total, italy = int(unfiltered.metric[0].value), int(filtered.metric[0].value)
    assert 0 < italy < total
    assert filtered.query_params["country"] in ("ITA", ["ITA"])
    assert "country" not in unfiltered.query_params


def test_url_parameters_reproduce_a_view(app):
    app.query_params["country"] = "DEU"
    app.query_params["speaker"] = "Vladimir Putin"
    app.run()
    assert app.multiselect(key="filter_country").value == ["DEU"]
    assert app.multiselect(key="filter_speaker").value == ["Vladimir Putin"]
    assert "Statements naming Germany" in _texts(app)


def test_unknown_url_values_are_reported_not_fatal(app):
    app.query_params["country"] = ["DEU", "XXX"]
    app.run()
    assert not app.exception
    assert any("“XXX” is not a country" in w.value for w in app.warning)
    assert app.multiselect(key="filter_country").value == ["DEU", "XXX"], "kept: it selects nothing more"


def test_empty_result_says_so(app):
    app.query_params["country"] = "ITA"
    app.query_params["topic"] = "courts_law"
    app.run()
    for page in PAGES[:5] + ["pages/briefing.py"]:
        app.switch_page(page).run()
        assert not app.exception
        assert any("No statements match" in i.value for i in app.info), page


def test_quotes_page_lists_speaker_mention_and_canonical_speaker(app):
    app.run()
    app.switch_page("pages/quotes.py").run()
    table = app.dataframe[0].value
    assert {"Speaker", "As named", "Cue", "Statement", "Countries", "Topics", "Tone"} <= set(table.columns)
    assert (table["Speaker"] == "Vladimir Putin").sum() >= 14
    assert {"Putin", "the Russian president"} & set(table["As named"])


def test_map_uses_the_offline_outlines(app):
    app.run()
    app.switch_page("pages/countries.py").run()
    import json

    maps = [json.loads(e.proto.spec) for e in app.get("plotly_chart")
            if json.loads(e.proto.spec)["data"][0]["type"] == "choropleth"]
    assert maps and set(maps[0]["data"][0]["locations"]) == {"RUS", "UKR", "ITA", "DEU", "USA"}
    config = json.loads(app.get("plotly_chart")[0].proto.config)
    assert config["topojsonURL"] == "/app/static/"


def test_reader_escapes_article_html(app, tmp_path, monkeypatch):
    from analysis.build import build_store
    from analysis.ingest import make_article

    store = str(tmp_path / "store")
    build_store(store, [make_article("<script>alert(1)</script> Merkel said: \u201cWe will help Ukraine.\u201d", "x")])
    monkeypatch.setenv("QUOTE_ATLAS_STORE", store)
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    at.switch_page("pages/reader.py").run()
    html = _texts(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
