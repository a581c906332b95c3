"""Compare as a section of the brief on the 300-article store (issue #17, item 8): the numbers are
those of the two sides, the rest of the brief is made of their statements, the one-page PDF stays
one page, and text from the data is escaped."""

import dataclasses
import io

import pytest

from analysis.query import Filters, filter_quotes
from analysis.store import load_corpus
from ui.brief import brief_html, build_brief, page_estimate
from ui.brief.comparison import COMPACT, FULL, brief_comparison, comparison_html, tone_sentence
from ui.compare import side_quotes
from ui.pdf import find_chromium, html_to_pdf

#: (by, a, b) as the Compare page's link names them.
CASES = {
    "speakers": ("speaker", "Vladimir Putin", "Tony Blair"),
    "countries": ("country", "UKR", "RUS"),
    "topics": ("topic", "diplomacy", "war"),
    "periods": ("period", "1987-01-01..1989-12-31", "1990-01-01..1994-12-31"),
}
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="no Chromium (make setup-dev installs it)")


@pytest.fixture(scope="module")
def corpus(shared_corpus_store):
    return load_corpus(shared_corpus_store, mention_kinds=("country", "region"), texts=False, categorical=True)


@pytest.fixture(scope="module")
def everything(corpus):
    return filter_quotes(corpus, Filters())


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_section_counts_each_side_and_the_brief_is_made_of_both(corpus, everything, name):
    by, a, b = CASES[name]
    quotes_a, quotes_b = side_quotes(everything, by, a), side_quotes(everything, by, b)
    assert len(quotes_a) and len(quotes_b), "both sides hold statements in the 300 articles"
    brief = build_brief(corpus, Filters(), everything, form="a4", compare=(by, a, b))
    section = brief.comparison
    assert (section.a.statements, section.b.statements) == (len(quotes_a), len(quotes_b))
    assert section.a.articles == quotes_a["article_id"].nunique()
    both = set(quotes_a["quote_id"]) | set(quotes_b["quote_id"])
    assert brief.statements == len(both) < len(everything)
    assert {q.quote_id for g in brief.groups for q in g.quotes} <= both, "the quotes come from A or B"
    assert 1 <= len(brief.groups) <= 4, "fewer speakers leave room for the comparison"
    assert page_estimate(brief) == 1
    assert section.phrases[0].z > 0 > section.phrases[-1].z, "A's typical phrases first, B's last"
    if by in ("topic", "country"):
        shares = section.topics if by == "topic" else section.countries
        assert not {s.value for s in shares} & {a, b}, "the compared values are not their own differences"
    assert all(s.low <= s.difference <= s.high for s in section.topics + section.countries)
    assert "vs" in brief.title and "compared: A" in brief.description


def test_distinctive_phrases_are_each_speakers_own(corpus, everything):
    section, _ = brief_comparison(corpus, everything, *CASES["speakers"])
    a_side = [d.term for d in section.phrases[:12]]
    b_side = [d.term for d in section.phrases[-12:]]
    assert "Russia" in a_side and "Labour" in b_side
    assert "95% interval" in tone_sentence(section)


def test_the_default_brief_has_no_comparison(corpus, everything):
    brief = build_brief(corpus, Filters(), everything, form="a4")
    assert brief.comparison is None and brief.phrases and "Compare</h2>" not in brief_html(brief, plotly_bundle="")


@pytest.mark.parametrize(("by", "a", "b", "empty"), [
    ("period", "1960-01-01..1960-12-31", "1990-01-01..1994-12-31", "a"),  # no article of 1960
    ("speaker", "Vladimir Putin", "Nobody Of That Name", "b"),
])
def test_a_side_with_no_statement_says_so(corpus, everything, by, a, b, empty):
    brief = build_brief(corpus, Filters(), everything, form="a4", compare=(by, a, b))
    assert getattr(brief.comparison, empty).statements == 0
    assert "nothing to compare" in comparison_html(brief.comparison)
    assert brief.comparison.phrases == () and brief.comparison.tone.low is None


@pytest.mark.parametrize(("by", "value"), [("period", "yesterday..today"), ("astrology", "Leo")])
def test_a_malformed_comparison_is_refused(corpus, everything, by, value):
    with pytest.raises(ValueError):
        build_brief(corpus, Filters(), everything, form="a4", compare=(by, value, value))


def test_labels_from_the_data_are_escaped(corpus, everything):
    section, _ = brief_comparison(corpus, everything, *CASES["speakers"])
    hostile = dataclasses.replace(section, a=dataclasses.replace(section.a, label="<script>alert(1)</script>"))
    block = comparison_html(hostile)
    assert "<script>" not in block and "&lt;script&gt;" in block


def test_the_long_form_lists_more_than_one_page(corpus, everything):
    section, _ = brief_comparison(corpus, everything, *CASES["countries"])
    compact, full = comparison_html(section, rows=COMPACT), comparison_html(section, rows=FULL)
    assert full.count("<tr") > compact.count("<tr") and full.count('class="z"') > compact.count('class="z"')
    brief = build_brief(corpus, Filters(), everything, form="long", compare=CASES["countries"])
    document = brief_html(brief, plotly_bundle="")
    assert "<h2>Compare</h2>" in document and document.index("<h2>Compare</h2>") < document.index("Key quotes")


@needs_chromium
@pytest.mark.parametrize(("name", "form"), [("speakers", "a4"), ("countries", "a4"), ("topics", "slide")])
def test_the_compared_brief_prints_one_page(corpus, everything, name, form):
    from pypdf import PdfReader

    brief = build_brief(corpus, Filters(), everything, form=form, compare=CASES[name])
    pdf = html_to_pdf(brief_html(brief))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "COMPARE" in text.upper() and brief.comparison.a.label in text and "95%" in text
