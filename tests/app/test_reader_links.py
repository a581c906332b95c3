"""The Reader opened from a link shows the article the link names, or says why it cannot.

Before, a link to an article outside the filters, without statements, or not stored at all showed
the first article of the choice instead, silently, and rewrote the URL to it (session 15, qa).
"""

from __future__ import annotations

import pytest

from analysis.store.batches import article_column
from tests.app.opening import open_app
from ui.annotate import FOCUS_ID, SCROLL_TO_FOCUS

READER = "pages/reader.py"


def _article_html(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def _seed_id(store: str) -> str:
    (article_id,) = article_column(store, "title")
    return article_id


def test_a_link_to_an_unknown_article_says_so(seed_store, monkeypatch):
    at = open_app(seed_store, monkeypatch, READER, article="ffffffffffffffff")
    warnings = [w.value for w in at.warning]
    assert any("No stored article has the id" in w and "ffffffffffffffff" in w for w in warnings), warnings
    assert at.selectbox(key="reader_article").value == _seed_id(seed_store), "the choice offers the stored one"


def test_a_link_outside_the_filters_shows_that_article_dimmed(seed_store, monkeypatch):
    article_id = _seed_id(seed_store)
    at = open_app(seed_store, monkeypatch, READER, article=article_id, q="zzyzxqqq")
    assert at.selectbox(key="reader_article").value == article_id
    assert "sidelines" in _article_html(at), "the article's text is shown"
    notes = [i.value for i in at.info]
    assert any("None of this article's statements is selected" in n for n in notes), notes
    assert not any("No article has statements matching" in n for n in notes), "not the empty-selection stop"


def test_a_link_to_an_article_without_statements_shows_it(fresh_store, monkeypatch):
    from analysis.build import build_store
    from analysis.ingest import read_bytes

    text = b"The weather in the valley was mild all week. Farmers began the harvest early this year."
    seed = _seed_id(fresh_store)
    build_store(fresh_store, read_bytes(text, "weather.txt").articles)
    (quiet,) = [a for a in article_column(fresh_store, "title") if a != seed]
    at = open_app(fresh_store, monkeypatch, READER, article=quiet)
    assert at.selectbox(key="reader_article").value == quiet, "the linked article, not the first one"
    assert "harvest" in _article_html(at)
    assert any("No statement was found in this article" in c.value for c in at.caption)



def _linked_reader(store: str, monkeypatch, quote_of=lambda link: link["quote"]):
    """The Quotes page's "Read the whole article" link opened in the Reader (``quote_of`` may change
    the statement it names)."""
    from urllib.parse import parse_qs, urlsplit

    quotes = open_app(store, monkeypatch, "pages/quotes.py")
    url = next(b.proto.url for b in quotes.get("link_button") if "Read the whole article" in b.proto.label)
    link = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert link["quote"].startswith(link["article"] + ":"), "the link names the statement picked"
    params = {k: v for k, v in {**link, "quote": quote_of(link)}.items() if v is not None}
    return open_app(store, monkeypatch, READER, **params), link


# (which statement the link names, whether the Reader outlines and scrolls to it, the note it shows)
FOCUS_CASES = [
    (lambda link: link["quote"], True, None),
    (lambda link: link["article"] + ":9999", False, "The statement the link names is not in this article"),
    (lambda link: "<b>x</b>", False, "The statement the link names is not in this article"),
    (lambda link: None, False, None),  # the Reader opened without a statement: no outline, no scrolling
]


@pytest.mark.parametrize(("quote_of", "focused", "note"), FOCUS_CASES)
def test_the_reader_opened_from_a_quote_marks_and_scrolls_to_it(seed_store, monkeypatch, quote_of, focused, note):
    """The Reader opened from a Quotes row stayed at the top of the article, the statement unmarked (qa4)."""
    at, link = _linked_reader(seed_store, monkeypatch, quote_of)
    bodies = [(str(e.proto.body), e.proto.unsafe_allow_javascript) for e in at.get("html")]
    article = next(body for body, _ in bodies if "qa-doc" in body)
    assert article.count(f'id="{FOCUS_ID}"') == int(focused)
    assert ('class="qa-q qa-focus' in article) is focused
    scripts = [body for body, scripted in bodies if scripted]
    assert scripts == ([SCROLL_TO_FOCUS] if focused else []), "only the fixed script runs, and only with a focus"
    if focused:
        review = at.selectbox(key=f"reader_review_{link['article']}").value
        assert review == link["quote"], "the linked statement is the one to review"
    notes = [i.value for i in at.info]
    assert any(note in n for n in notes) if note else not any("The statement the link names" in n for n in notes)
    assert "<b>" not in "".join(notes)


def test_another_article_picked_drops_the_statement_from_the_link(two_article_store, monkeypatch):
    at, link = _linked_reader(two_article_store, monkeypatch)
    assert "quote" in at.query_params
    other = next(a for a in at.selectbox(key="reader_article").options if a != link["article"])
    at.selectbox(key="reader_article").set_value(other).run()
    assert not at.exception
    assert "quote" not in at.query_params
    html = "".join(str(e.proto.body) for e in at.get("html"))
    assert f'id="{FOCUS_ID}"' not in html and 'class="qa-q qa-focus' not in html


@pytest.mark.parametrize(("params", "selected"), [
    ({}, None),  # nothing filtered: no "selected" part
    ({"speaker": "Vladimir Putin"}, "header"),  # one article: the header's count is the article's
    ({"q": "zzyzxqqq"}, 0),
])
def test_the_reader_says_how_many_statements_the_article_holds_and_selects(seed_store, monkeypatch, params,
                                                                            selected):
    """Session 20: the header counts the whole selection (52 of Putin's statements in the 300 articles);
    nothing said how many the article shown holds, nor how many of them the filters select.
    """
    from analysis.store import load_corpus

    article_id = _seed_id(seed_store)
    held = int((load_corpus(seed_store).quotes["article_id"] == article_id).sum())
    at = open_app(seed_store, monkeypatch, READER, article=article_id, **params)
    notes = [c.value for c in at.caption if "in this article" in c.value]
    assert len(notes) == 1 and notes[0].startswith(f"{held:,} statements in this article"), notes
    header = at.caption[0].value
    if selected is None:
        assert "selected" not in notes[0]
        assert "dimmed" not in header, header  # no filter dims any statement
        return
    assert header.endswith("matching statements are highlighted, others dimmed"), header
    count = int(header.split(" · ")[1].split()[0].replace(",", ""))
    expected = count if selected == "header" else selected
    assert expected < held and f", {expected:,} of them selected by the filters" in notes[0], notes
