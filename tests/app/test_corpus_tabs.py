"""AppTest of the Corpus page's lazy tabs: only the open tab runs and is sent to the browser
(the article listing, its outlet chart and the text search ran on every first view before)."""

import os

from streamlit.testing.v1 import AppTest

DASHBOARD = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                         "dashboard.py")


def corpus_page(store: str, monkeypatch, tab: str | None = None) -> AppTest:
    """The Corpus page on ``store``, with ``tab`` opened (None: as a first view shows it)."""
    monkeypatch.setenv("QUOTE_ATLAS_STORE", store)
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    at.switch_page("pages/corpus.py").run()
    if tab is not None:
        at.session_state["corpus_tab"] = tab
        at.run()
    assert not at.exception, at.exception
    return at


def keys(at: AppTest) -> set[str]:
    """The keys of the text widgets the page drew."""
    return {e.key for kind in ("text_input", "text_area") for e in getattr(at, kind)} - {None}


def listing(at: AppTest):
    """The Articles tab's table (None when not drawn)."""
    return next((d.value for d in at.dataframe if "Matching" in d.value.columns), None)


def test_a_first_view_runs_the_upload_tab_only(seed_store, monkeypatch):
    at = corpus_page(seed_store, monkeypatch)
    assert at.session_state["corpus_tab"] == "Add articles"
    drawn = keys(at)
    assert "corpus_paste_text" in drawn  # the open tab
    assert listing(at) is None and "corpus_search" not in drawn
    assert not at.get("plotly_chart"), "the outlets chart is in the closed Articles tab"


def test_each_tab_runs_when_opened(seed_store, monkeypatch):
    articles = corpus_page(seed_store, monkeypatch, "Articles")
    table = listing(articles)
    assert len(table) == 1 and table["Statements"].iloc[0] > 0
    assert articles.get("plotly_chart"), "the outlets chart"
    assert "corpus_search" not in keys(articles)
    assert "corpus_paste_text" in keys(articles), "the upload tab always runs: a pending upload stays"
    search = corpus_page(seed_store, monkeypatch, "Search the text")
    search.text_input(key="corpus_search").input("Russia").run()
    assert any("match" in c.value for c in search.caption) and listing(search) is None
    corrections = corpus_page(seed_store, monkeypatch, "Corrections")
    assert not corrections.exception and listing(corrections) is None


def test_the_text_search_says_the_filters_do_not_apply_to_it(seed_store, monkeypatch):
    """It searched every stored article under a country filter without saying so (qa4)."""
    for params, said in (({"country": "DEU"}, True), ({}, False)):
        monkeypatch.setenv("QUOTE_ATLAS_STORE", seed_store)
        at = AppTest.from_file(DASHBOARD, default_timeout=120)
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        at.switch_page("pages/corpus.py").run()
        at.session_state["corpus_tab"] = "Search the text"
        at.run()
        at.text_input(key="corpus_search").input("Russia").run()
        (caption,) = [c.value for c in at.caption if "match" in c.value]
        assert ("filters apply to the statements, not to this search" in caption) is said, caption
