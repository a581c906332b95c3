"""Issue #16, item 5: text from the data or the URL reaches Markdown elements as text, never as markup.

Markdown sources are rendered with markdown-it (CommonMark, as Streamlit's renderer) to check that
no link, image or formatting comes out and that the visible text is exactly the input.
"""

import html
import os
import re

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from tests.security.conftest import HOSTILE_Q, MENTION, OUTLET, SPEAKER, TITLE
from ui.safe import WORD_JOINER, md

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])

#: Payloads: each would render as markup if it reached Markdown unescaped.
PAYLOADS = [
    HOSTILE_Q,
    "<img src=x onerror=alert(1)> <script>alert(1)</script>",
    "*italics* **bold** _under_ ~~struck~~ `code`",
    "1. a list\n2. of two",
    "# heading\n> quote\n- item\n+ item\n---",
    ":red[coloured] :blue-background[bg] :green-badge[badge] :material/home: :red alone",
    ":smile: :streamlit: -> <- <-> -- >= <= ~= 2020--21",
    "$x^2$ and $$y$$",
    "<http://evil.example> http://evil.example www.evil.example mail@evil.example",
    "&amp; &lt;b&gt; \\*escaped\\* \\",
    "[ref]: http://evil.example\n[ref]",
    "| a | b |\n|---|---|\n| c | d |",
    "line one\r\nline two\u2028three",
    TITLE, OUTLET, SPEAKER, MENTION,
]

#: Tags markdown-it produces for markup; a plain paragraph of text has only <p>.
MARKUP = re.compile(r"<(?!/?p>)[a-z/]")


def rendered_text(source: str) -> str:
    """The visible text of Markdown ``source`` (tags dropped, entities decoded, word joiners dropped)."""
    return html.unescape(re.sub(r"<[^>]+>", "", MARKDOWN.render(source))).strip().replace(WORD_JOINER, "")


def assert_plain(source: str) -> None:
    """``source`` renders as one plain paragraph: no tag but <p>, no bare URL for GFM autolinks."""
    out = MARKDOWN.render(source)
    assert not MARKUP.search(out), f"markup from {source!r}: {out!r}"
    assert out.count("<p>") <= 1, f"more than one block from {source!r}: {out!r}"
    for bare in ("://", "www.", "$", "@evil"):
        assert not re.search(r"(?<!\\)" + re.escape(bare), source), f"unescaped {bare!r} in {source!r}"
    # Streamlit's directives (":red[x]", ":red" alone, ":material/x:") start with ":" and a letter.
    assert not re.search(r"(?<!\\):[A-Za-z]", source), f"a directive in {source!r}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_renders_as_exactly_its_text_on_one_line(payload):
    source = md(payload)
    assert_plain(source)
    one_line = " ".join(re.split(r"[\r\n\u2028]+", payload))
    assert rendered_text(source) == one_line.strip()


@pytest.mark.parametrize("value, expected", [(None, ""), (float("nan"), ""), (3, "3"), ("", "")])
def test_md_of_missing_values(value, expected):
    assert md(value) == expected


# --------------------------------------------------------------------------- the app

def _markdown_sources(at) -> list[str]:
    """Every Markdown body the run drew (main area and sidebar), with its kind."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "warning", "info", "error", "success")
    return [(kind, str(e.value)) for kind in kinds for e in getattr(at, kind)]


def _assert_no_hostile_markup(at) -> None:
    sources = _markdown_sources(at)
    assert sources
    for kind, source in sources:
        out = MARKDOWN.render(source)
        assert "evil.example" not in source, f"unescaped URL in {kind}: {source!r}"
        assert "<img" not in out and 'href="http' not in out, f"{kind} renders markup: {out!r}"
        assert ":red[" not in source and "$x^2$" not in source, f"{kind}: {source!r}"


@pytest.fixture()
def hostile_app(hostile_store, monkeypatch):
    monkeypatch.setenv("QUOTE_ATLAS_STORE", hostile_store)
    return AppTest.from_file(DASHBOARD, default_timeout=60)


PAGES = ["pages/overview.py", "pages/quotes.py", "pages/speakers.py", "pages/reader.py",
         "pages/briefing.py", "pages/corpus.py", "pages/countries.py", "pages/topics.py"]

#: URL parameters of the issue's reproductions: the search text and unknown filter values.
URLS = [
    {"q": HOSTILE_Q},
    {"speaker": ["[x](http://evil.example)", "![i](http://evil.example/i.png)"]},
    {"country": "![c](http://evil.example/c.png)", "topic": ":red[t](http://evil.example)"},
    {"speaker": SPEAKER},  # a speaker of the store: its name reaches the page header and the brief
]


@pytest.mark.parametrize("params", URLS, ids=["q", "speaker", "country-topic", "known-speaker"])
def test_url_parameters_are_shown_as_text_on_the_overview(hostile_app, params):
    for name, value in params.items():
        hostile_app.query_params[name] = value
    hostile_app.run()
    assert not hostile_app.exception, hostile_app.exception
    _assert_no_hostile_markup(hostile_app)


@pytest.mark.parametrize("page", PAGES)
def test_filter_values_of_a_link_stay_text_on_every_page(hostile_app, page):
    """Values no statement carries stay in the filters (session 16): every page shows them, as text."""
    for name, value in {**URLS[1], **URLS[2]}.items():
        hostile_app.query_params[name] = value
    hostile_app.run()
    hostile_app.switch_page(page).run()
    assert not hostile_app.exception, hostile_app.exception
    _assert_no_hostile_markup(hostile_app)
    assert any("evil" in w.value and "Kept in the filters" in w.value for w in hostile_app.warning)


def test_the_issue_reproduction_shows_the_search_text_exactly(hostile_app):
    hostile_app.query_params["q"] = HOSTILE_Q
    hostile_app.run()
    header = hostile_app.caption[0].value
    assert_plain(header)
    assert HOSTILE_Q in rendered_text(header)


@pytest.mark.parametrize("page", PAGES)
def test_titles_outlets_and_speakers_of_the_data_are_shown_as_text(hostile_app, page):
    hostile_app.run()
    hostile_app.switch_page(page).run()
    assert not hostile_app.exception, hostile_app.exception
    _assert_no_hostile_markup(hostile_app)


def test_speaker_names_and_mentions_in_captions_are_exact(hostile_app):
    hostile_app.run()
    hostile_app.switch_page("pages/speakers.py").run()
    hostile_app.selectbox(key="speakers_pick").select(SPEAKER).run()
    caption = next(c.value for c in hostile_app.caption if "named in the text as" in c.value)
    assert_plain(caption)
    assert MENTION in rendered_text(caption)


def test_reader_caption_shows_the_outlet_exactly(hostile_app):
    hostile_app.run()
    hostile_app.switch_page("pages/reader.py").run()
    assert any(rendered_text(c.value) == f"{OUTLET} · 2024-06-07" for c in hostile_app.caption)


@pytest.mark.parametrize("suffix, data", [(".docx", b"not a zip"), (".txt", b""), (".txt", bytes(range(256)) * 8)])
def test_upload_messages_show_file_names_as_text(suffix, data):
    from ui.upload import prepare_files

    name = "[open me](http://evil.example)![x](http://evil.example/x.png)" + suffix
    prepared = prepare_files([(name, data)])
    messages = prepared.errors + prepared.warnings
    assert messages and any("evil.example" in m for m in messages)
    for message in messages:
        assert_plain(md(message))


def test_corpus_search_shows_titles_and_the_search_text_as_text(hostile_app):
    hostile_app.run()
    hostile_app.switch_page("pages/corpus.py").run()
    hostile_app.session_state["corpus_tab"] = "Search the text"  # the tabs run lazily: open it
    hostile_app.run()
    hostile_app.text_input(key="corpus_search").input("[offers](http://evil.example)").run()
    assert not hostile_app.exception, hostile_app.exception
    _assert_no_hostile_markup(hostile_app)
    lines = [rendered_text(m.value) for m in hostile_app.markdown]
    assert f"{TITLE} · read" in lines
