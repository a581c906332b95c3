"""The one-page brief on the 300-article store: one printed page whatever the filter (issue #17, item 1)."""

import dataclasses
import io

import pandas as pd
import pytest

from analysis.query import Filters, filter_quotes
from analysis.store import load_corpus
from ui.brief import FORMATS, brief_html, build_brief, page_estimate, page_summary, representative_order
from ui.brief.select import cut_words
from ui.pdf import find_chromium, html_to_pdf

FILTERS = {
    "none": Filters(),
    "country=UKR": Filters(countries=("UKR",)),
    "speaker": Filters(speakers=("Vladimir Putin",)),
    "topic": Filters(topics=("diplomacy",)),
    "topic and country": Filters(countries=("UKR",), topics=("diplomacy",)),
}
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="no Chromium (make setup-dev installs it)")


@pytest.fixture(scope="module")
def corpus(shared_corpus_store):
    return load_corpus(shared_corpus_store, mention_kinds=("country", "region"), texts=False, categorical=True)


def _pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_one_page_content_is_bounded(corpus, name):
    quotes = filter_quotes(corpus, FILTERS[name])
    assert len(quotes) > 0, "the filter matches statements in the 300 articles"
    brief = build_brief(corpus, FILTERS[name], quotes, form="a4")
    page = FORMATS["a4"]
    assert 1 <= len(brief.groups) <= page.max_speakers
    assert all(1 <= len(g.quotes) <= page.quotes_per_speaker for g in brief.groups)
    assert all(len(q.text) <= page.quote_chars for g in brief.groups for q in g.quotes)
    assert "(unknown speaker)" not in [g.speaker for g in brief.groups]
    totals = [g.total for g in brief.groups]
    assert totals == sorted(totals, reverse=True)
    cited = {q.article_id for g in brief.groups for q in g.quotes}
    assert {s.article_id for s in brief.sources} == cited, "one page lists the sources its quotes cite"
    assert set(brief.figures) <= {"map", "chart"} and "chart" in brief.figures
    assert brief.phrases and page_estimate(brief) == 1
    assert page_summary(brief) == "PDF: 1 page, A4 portrait, 210 × 297 mm"


def test_a_topic_filter_charts_the_other_countries(corpus):
    filters = FILTERS["topic and country"]
    brief = build_brief(corpus, filters, filter_quotes(corpus, filters), form="a4")
    bars = brief.figures["chart"].data[0]
    assert "Ukraine" not in bars.y, "the filtered country does not crowd out the rest"
    assert brief.figures["chart"].layout.meta["title"] == "Other countries named"


@pytest.mark.parametrize(("name", "title"), [("topic", "Statements naming each country"),
                                             ("none", "Statements per topic"),
                                             ("topic and country", "Other countries named")])
def test_the_one_page_chart_is_not_headed_as_the_map(corpus, name, title):
    """With a topic filter it was headed "Countries named", as the map above it (qa4)."""
    brief = build_brief(corpus, FILTERS[name], filter_quotes(corpus, FILTERS[name]), form="a4")
    assert brief.figures["chart"].layout.meta["title"] == title != "Countries named"


@needs_chromium
@pytest.mark.parametrize("name", ["none", "country=UKR", "speaker", "topic"])
def test_default_pdf_is_one_a4_page(corpus, name):
    quotes = filter_quotes(corpus, FILTERS[name])
    brief = build_brief(corpus, FILTERS[name], quotes, form="a4")
    # as the Briefing page makes it: with the view's link, store fingerprint, version and accuracy
    from ui.layout import MEASURED_ACCURACY

    brief = dataclasses.replace(brief, provenance="View /briefing?country=UKR&topic=diplomacy&confident=1 · "
                                "store 0123456789ab · analysis 1.11.0. " + MEASURED_ACCURACY)
    pdf = html_to_pdf(brief_html(brief))
    assert pdf.startswith(b"%PDF") and _pages(pdf) == 1
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert abs(float(box.width) / 72 * 25.4 - 210) < 2 and abs(float(box.height) / 72 * 25.4 - 297) < 2


@needs_chromium
def test_dark_slide_pdf_is_one_landscape_page(corpus):
    quotes = filter_quotes(corpus, Filters())
    brief = build_brief(corpus, Filters(), quotes, form="slide")
    document = brief_html(brief, theme="dark")
    assert "--bg:#0f1720" in document
    pdf = html_to_pdf(document)
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)


def test_the_long_form_estimates_more_pages(corpus):
    quotes = filter_quotes(corpus, FILTERS["country=UKR"])
    long_form = build_brief(corpus, FILTERS["country=UKR"], quotes, form="long")
    assert page_estimate(long_form) > 3
    assert page_summary(long_form).startswith("PDF: about ")


def test_unknown_format_and_theme_are_refused(corpus):
    with pytest.raises(ValueError, match="format"):
        build_brief(corpus, Filters(), corpus.quotes.iloc[:0], form="letter")
    brief = build_brief(corpus, Filters(), corpus.quotes.iloc[:0], form="a4")
    with pytest.raises(ValueError, match="theme"):
        brief_html(brief, theme="sepia")


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("short words", 20, "short words"),
    ("one two three four five", 14, "one two three…"),
    ("  spaced\n out  ", 20, "spaced out"),
    ("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…"),
])
def test_cut_words(text, limit, expected):
    assert cut_words(text, limit) == expected
    assert len(cut_words(text, limit)) <= limit


def test_representative_order_prefers_phrases_and_drops_repeats():
    quotes = pd.DataFrame({
        "text": ["ok", "The sanctions on Russia will stay until the peace deal is kept, said the minister.",
                 "The sanctions on Russia will stay until the peace deal is kept, said the minister.",
                 "We will talk about the weather and many other things of no consequence at all today."],
        "kind": ["direct", "indirect", "indirect", "direct"],
        "countries": [(), ("RUS",), ("RUS",), ()], "topics": [(), ("sanctions",), ("sanctions",), ()],
    })
    ordered = representative_order(quotes, ["sanctions", "peace deal"])
    assert ordered.index.tolist()[0] == 1, "the statement with the speaker's key phrases comes first"
    assert 2 not in ordered.index, "a repeated wording (another version of the story) is left out"
    assert ordered.index.tolist()[-1] == 0, "two words are no statement for a brief"
