"""AppTest: the Briefing page with a filter, its downloads, presentation mode and the PDF step."""

import json
import os

import pytest
from streamlit.testing.v1 import AppTest

from ui.pdf import find_chromium

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")
PAGE = "pages/briefing.py"


def _open(seed_store, monkeypatch, **params) -> AppTest:
    # AppTest re-runs only the page after the first run: filters go in the URL before it.
    monkeypatch.setenv("QUOTE_ATLAS_STORE", seed_store)
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _markdown(at) -> str:
    """Markdown and st.html bodies (quote cards are drawn with st.html, issue #16)."""
    return "\n".join([str(m.value) for m in at.markdown] + [e.proto.body for e in at.get("html")])


def _chart_specs(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


@pytest.mark.parametrize(
    ("params", "title", "description"),
    [
        ({"country": "DEU"}, "Briefing: Germany", "Statements naming Germany"),
        ({"topic": "diplomacy"}, "Briefing: Diplomacy & relations", "Statements on Diplomacy & relations"),
        ({}, "Briefing: all statements", "All statements"),
    ],
)
def test_briefing_shows_title_description_quotes_charts_and_sources(seed_store, monkeypatch, params, title,
                                                                      description):
    at = _open(seed_store, monkeypatch, **params)
    assert [h.value for h in at.header] == [title]
    assert any(description in c.value for c in at.caption)
    text = _markdown(at)
    assert "Vladimir Putin" in text and "qa-brief-quote" in text
    assert any("PDF: 1 page, A4 portrait" in c.value for c in at.caption), "the page count before the PDF"
    kinds = [spec["data"][0]["type"] for spec in _chart_specs(at)]
    assert kinds == ["choropleth", "bar"], "one page: the map and one chart"
    assert [s.value for s in at.subheader][:2] == ["Top speakers", "Countries named"]
    sources = at.dataframe[0].value
    assert list(sources.columns) == ["Article", "Outlet", "Date", "URL", "Statements"]
    assert sources["Article"].str.contains("Putin").all()
    at.radio(key="brief_form").set_value("long").run()
    titles = [spec["layout"]["title"]["text"] for spec in _chart_specs(at)]
    assert titles[0] == "Countries named in statements"
    assert {"Statements per speaker", "Statements naming each country"} <= set(titles)
    assert any("PDF: about" in c.value for c in at.caption)
    assert "<mark>" in _markdown(at), "the long form shows each quote in its paragraph"


def test_germany_filter_limits_quotes_and_map(seed_store, monkeypatch):
    at = _open(seed_store, monkeypatch, country="DEU")
    at.radio(key="brief_form").set_value("long").run()
    choropleth = next(s for s in _chart_specs(at) if s["data"][0]["type"] == "choropleth")
    assert "DEU" in choropleth["data"][0]["locations"]
    assert "ITA" not in choropleth["data"][0]["locations"], "Italy is not named in the German statements"
    assert choropleth["data"][0]["zmin"] == 0
    blocks = _markdown(at).count('class="qa-brief-quote"')
    from analysis.query import Filters, filter_quotes
    from analysis.store import load_corpus

    assert blocks == len(filter_quotes(load_corpus(seed_store), Filters(countries=("DEU",))))


def test_downloads_are_offered(seed_store, monkeypatch):
    at = _open(seed_store, monkeypatch, country="DEU")
    labels = {b.label for b in at.get("download_button")}
    assert {"Download HTML brief", "Download CSV", "Download JSON"} <= labels


def test_empty_filter_says_so_without_a_brief(seed_store, monkeypatch):
    at = _open(seed_store, monkeypatch, country="ITA", topic="courts_law")
    assert any("No statements match" in i.value for i in at.info)
    assert not at.header and not at.get("download_button")


@pytest.mark.parametrize(("fmt", "expected"), [("PNG", "png"), ("SVG", "svg")])
def test_chart_image_format_reaches_the_modebar(seed_store, monkeypatch, fmt, expected):
    at = _open(seed_store, monkeypatch, country="DEU")
    at.radio(key="brief_image_format").set_value(fmt).run()
    configs = [json.loads(e.proto.config) for e in at.get("plotly_chart")]
    assert configs and all(c["toImageButtonOptions"]["format"] == expected for c in configs)
    assert all(c["topojsonURL"] == "/app/static/" for c in configs)


def test_presentation_mode_from_the_url_applies_its_style(seed_store, monkeypatch):
    at = _open(seed_store, monkeypatch, country="DEU", present="1")
    assert at.toggle(key="presentation_mode").value is True
    assert [t.value for t in at.title] == ["Briefing: Germany"], "the brief's headline replaces the page title"
    assert any("qa-brief-words" in str(h.proto.body) for h in at.get("html"))
    at.toggle(key="presentation_mode").set_value(False).run()
    assert "present" not in at.query_params
    assert not any("font-size:1.9rem" in str(h.proto.body) for h in at.get("html"))


def test_headline_can_be_edited(seed_store, monkeypatch):
    at = _open(seed_store, monkeypatch, country="DEU")
    at.text_input(key="brief_headline").input("Germany, week 47").run()
    assert [h.value for h in at.header] == ["Germany, week 47"]


def test_pdf_without_chromium_is_a_message_not_a_traceback(seed_store, monkeypatch, tmp_path):
    monkeypatch.setenv("QUOTE_ATLAS_CHROMIUM", str(tmp_path / "no-such-browser"))
    at = _open(seed_store, monkeypatch, country="DEU")
    assert any("PDF export needs Chromium" in i.value for i in at.info)
    assert not at.error


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium installed (make setup-dev installs it)")
def test_prepare_pdf_then_download(seed_store, monkeypatch):
    at = _open(seed_store, monkeypatch, country="DEU")
    at.button(key="brief_pdf_prepare").click().run()
    assert not at.exception and not at.warning
    labels = {b.label for b in at.get("download_button")}
    assert "Download PDF" in labels
    assert at.session_state["brief_pdf"][1].startswith(b"%PDF")


def test_sources_and_confident_notes_read_as_english(shared_corpus_store, monkeypatch):
    # Session 17: "The 1 articles the quotes above come from" and "the 22 confident statements of 22".
    import re

    at = _open(shared_corpus_store, monkeypatch, country="UKR", speaker="Vladimir Putin")
    captions = [c.value for c in at.caption]
    sources = next(c for c in captions if "the quotes above come from" in c)
    count, noun = re.match(r"The (\d+) (articles?) the quotes", sources).groups()
    assert noun == ("article" if count == "1" else "articles"), sources
    for caption in captions:
        found = re.match(r"The brief uses the ([\d,]+) confident statements of ([\d,]+)", caption)
        assert not found or found[1] != found[2], caption
    every = "Every statement of this selection is confident (confidence at least 50%)."
    assert every in captions or any(c.startswith("The brief uses the") for c in captions), captions



@pytest.mark.parametrize(("params", "whose"), [
    ({"speaker": "Vladimir Putin"}, "the most representative of the named speaker;"),  # was "the top 1 named speakers"
    ({}, "the most representative of the named speaker;"),  # the seed's one page quotes Putin alone
])
def test_the_statements_shown_say_whose_they_are(seed_store, monkeypatch, params, whose):
    at = _open(seed_store, monkeypatch, **params)
    (shown,) = [c.value for c in at.caption if "statements shown" in c.value]
    assert whose in shown and "top 1 " not in shown


def test_a_source_without_a_url_shows_an_empty_cell(seed_store, monkeypatch):
    """The seed article has no URL: its cell read "None" (a null in a LinkColumn, session 19, qa5)."""
    urls = _open(seed_store, monkeypatch).dataframe[0].value["URL"]
    assert len(urls) and urls.notna().all() and (urls == "").all()


def test_the_sources_table_keeps_every_column_in_view(seed_store, monkeypatch):
    """A long outlet name took the table's width: URL and Statements were scrolled out (session 19, qa5)."""
    table = _open(seed_store, monkeypatch).dataframe[0]
    widths = {name: config.get("width") for name, config in json.loads(table.proto.columns).items()}
    assert widths["Outlet"] == "medium" and widths["Article"] == "large" and widths["URL"] == "small"
