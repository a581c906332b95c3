"""Issue #16, item 6: only http(s) URLs become links, in the app and in the downloaded brief."""

import os

import pytest
from streamlit.testing.v1 import AppTest

from tests.security.conftest import URL
from ui.safe import http_url

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")

URLS = [
    ("http://example.org/a?b=1#c", "http://example.org/a?b=1#c"),
    ("https://example.org", "https://example.org"),
    ("  HTTPS://Example.org/x  ", "HTTPS://Example.org/x"),
    ("javascript:alert(1)", ""),
    (" JavaScript:alert(1)", ""),
    ("java\tscript:alert(1)", ""),
    ("javascript\n:alert(1)", ""),
    ("http://example.org/\nx", ""),
    ("data:text/html,<script>alert(1)</script>", ""),
    ("vbscript:msgbox(1)", ""),
    ("file:///etc/passwd", ""),
    ("//evil.example/x", ""),
    ("http:evil", ""),
    ("ftp://example.org", ""),
    ("http://[::1", ""),
    ("", ""),
    (None, ""),
    (float("nan"), ""),
]


@pytest.mark.parametrize("value, expected", URLS)
def test_http_url_keeps_only_http_and_https(value, expected):
    assert http_url(value) == expected


@pytest.fixture(scope="module")
def hostile_brief(hostile_store):
    from analysis.query import Filters, filter_quotes
    from analysis.store import load_corpus
    from ui.brief import build_brief

    corpus = load_corpus(hostile_store)
    return build_brief(corpus, Filters(), filter_quotes(corpus, Filters()))


def test_html_brief_has_no_javascript_link(hostile_brief):
    from ui.brief import brief_html

    document = brief_html(hostile_brief, plotly_bundle="", outlines="{}")
    assert 'href="javascript:' not in document.lower()
    assert "<a " not in document.split("<h2>Sources</h2>")[1], "a non-http URL is not a link"
    assert "javascript:alert(1)" in document, "the URL is still shown, as text"


def test_html_brief_links_http_sources(hostile_brief):
    from dataclasses import replace

    from ui.brief import brief_html

    sources = tuple(replace(s, url="https://news.example/a?b=1&c=2") for s in hostile_brief.sources)
    document = brief_html(replace(hostile_brief, sources=sources), plotly_bundle="", outlines="{}")
    assert '<a href="https://news.example/a?b=1&amp;c=2" rel="noopener noreferrer">' in document


def test_briefing_page_sources_table_links_no_javascript(hostile_store, monkeypatch):
    monkeypatch.setenv("QUOTE_ATLAS_STORE", hostile_store)
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    at.switch_page("pages/briefing.py").run()
    assert not at.exception, at.exception
    sources = next(d.value for d in at.dataframe if "URL" in d.value.columns)
    assert URL not in set(sources["URL"].dropna())
    assert (sources["URL"] == "").all()  # no link, and no "None" either
