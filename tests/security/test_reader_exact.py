"""Issue #16, item 8: the Reader (and every annotated text) shows exactly the stored characters.

The annotated article is escaped HTML drawn with ``st.html``; through ``st.markdown`` the text
after the first blank line became Markdown (italics, lists, autolinks, ``:red[...]`` colours).
"""

import html
import os
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.security.conftest import TEXT
from ui.annotate import Mark, render_html

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")

#: Article texts that Markdown would change after a blank line.
TEXTS = [
    TEXT,
    "First paragraph.\n\nThen *asterisks* and _underscores_ and **bold**.",
    "Intro.\n\n1. Not a list\n2. either\n\n- nor this\n\n# nor a heading",
    "Intro.\n\nA link http://evil.example and www.evil.example and [x](http://evil.example).",
    "Intro.\n\n:red[not red] :smile: $x^2$ -> <- ~~no~~ `no`",
    "Intro.\n\n<script>alert(1)</script><img src=x onerror=alert(1)> &amp; &lt;",
    "Intro.\n\n    four spaces are not code\n\n> nor a quote",
]


def visible_text(fragment: str) -> str:
    """The characters a browser shows for the annotated HTML (tags and the style block dropped)."""
    body = re.search(r'<div class="qa-doc">(.*)</div>', fragment, flags=re.S).group(1)
    body = re.sub(r'<span class="qa-tag[^"]*">[^<]*</span>', "", body)  # the speaker/country tags
    return html.unescape(re.sub(r"<[^>]+>", "", body))


@pytest.mark.parametrize("text", TEXTS)
def test_render_html_escapes_every_character(text):
    fragment = render_html(text, [Mark(0, min(5, len(text)), "qa-q", "t")])
    assert visible_text(fragment) == text
    assert "<script" not in fragment and "<img" not in fragment and "<a " not in fragment


def _doc_fragments(at) -> list[str]:
    return [e.proto.body for e in at.get("html") if 'class="qa-doc"' in e.proto.body]


@pytest.fixture()
def hostile_app(hostile_store, monkeypatch):
    monkeypatch.setenv("QUOTE_ATLAS_STORE", hostile_store)
    return AppTest.from_file(DASHBOARD, default_timeout=60)


def test_reader_draws_the_article_with_st_html_character_for_character(hostile_app):
    hostile_app.run()
    hostile_app.switch_page("pages/reader.py").run()
    assert not hostile_app.exception, hostile_app.exception
    fragments = _doc_fragments(hostile_app)
    assert len(fragments) == 1
    assert visible_text(fragments[0]) == TEXT
    assert not [m.value for m in hostile_app.markdown if "qa-doc" in m.value], "no article text through Markdown"


def test_quote_context_is_drawn_with_st_html_exactly(hostile_app):
    hostile_app.run()
    hostile_app.switch_page("pages/quotes.py").run()
    assert not hostile_app.exception, hostile_app.exception
    fragments = _doc_fragments(hostile_app)
    assert len(fragments) == 1
    shown = visible_text(fragments[0])
    assert shown and shown in TEXT
    assert not [m.value for m in hostile_app.markdown if "qa-doc" in m.value]


def test_briefing_quote_cards_are_not_markdown(hostile_app):
    hostile_app.run()
    hostile_app.switch_page("pages/briefing.py").run()
    assert not hostile_app.exception, hostile_app.exception
    cards = [e.proto.body for e in hostile_app.get("html") if "qa-brief-quote" in e.proto.body]
    assert cards
    assert not [m.value for m in hostile_app.markdown if "qa-brief-words\">" in m.value]
    assert "*very* bad [offers](http://evil.example) :red[alarm] $x^2$" in html.unescape("".join(cards))
