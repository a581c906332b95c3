"""The brief's content and exports from the seed store: quotes, context, sources, CSV/JSON, HTML, PDF."""

import datetime as dt
import io
import json

import pandas as pd
import pytest

from analysis.query import Filters, filter_quotes
from analysis.store import load_corpus
from ui.brief import (
    UNKNOWN_SPEAKER,
    brief_filename,
    brief_html,
    brief_json,
    build_brief,
    ink_on,
    key_quote_order,
    quote_context,
)
from ui.charts import PLOTLY_CONFIG, plotly_config
from ui.components import export_frame, export_json
from ui.pdf import PdfUnavailable, find_chromium, html_to_pdf

TODAY = dt.date(2026, 11, 24)
FILTERS = {
    "germany": Filters(countries=("DEU",)),
    "italy": Filters(countries=("ITA",)),
    "diplomacy": Filters(topics=("diplomacy",)),
    "putin": Filters(speakers=("Vladimir Putin",)),
    "everything": Filters(),
}


@pytest.fixture(scope="module")
def corpus(seed_store):
    return load_corpus(seed_store)


@pytest.fixture(scope="module")
def germany(corpus):
    filters = FILTERS["germany"]
    return build_brief(corpus, filters, filter_quotes(corpus, filters), today=TODAY)


@pytest.fixture(scope="module")
def germany_html(germany):
    return brief_html(germany)


@pytest.mark.parametrize(
    ("text", "start", "end", "before", "after"),
    [
        ("First para.\nHe said it was fine. Then left.\nNext.", 20, 31, "He said ", ". Then left."),
        ("No newline here, said she, plainly.", 0, 15, "", ", said she, plainly."),
        ("One\n\nTwo words here\n\nThree", 5, 8, "", " words here"),
        ("short", 3, 10, "", ""),  # span beyond the text: nothing
        ("", 0, 0, "", ""),
    ],
)
def test_quote_context_is_the_paragraph_around_the_span(text, start, end, before, after):
    assert quote_context(text, start, end) == (before, after)


def test_long_paragraphs_are_cut_at_sentence_ends():
    sentence = "This is one filler sentence of the paragraph. "
    text = sentence * 30 + "QUOTE" + " " + sentence * 30
    start = text.index("QUOTE")
    before, after = quote_context(text, start, start + 5, limit=200)
    assert before.startswith("… This is") and len(before) <= 105
    assert after.endswith("paragraph. …") and len(after) <= 105


@pytest.mark.parametrize(("background", "ink"), [("#ffffff", "#111111"), ("#000000", "#ffffff"),
                                                  ("#F0E442", "#111111"), ("#0072B2", "#ffffff"),
                                                  ("#661100", "#ffffff")])
def test_chip_text_reads_on_its_colour(background, ink):
    assert ink_on(background) == ink


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_brief_counts_and_groups_match_the_filter(corpus, name):
    filters = FILTERS[name]
    quotes = filter_quotes(corpus, filters)
    brief = build_brief(corpus, filters, quotes, today=TODAY, max_quotes_per_speaker=50)
    assert brief.statements == len(quotes)
    assert sum(g.total for g in brief.groups) == len(quotes)
    shown = [q.quote_id for g in brief.groups for q in g.quotes]
    assert sorted(shown) == sorted(quotes["quote_id"])
    assert brief.omitted == 0
    named = [g.total for g in brief.groups if g.speaker != UNKNOWN_SPEAKER]
    assert named == sorted(named, reverse=True)
    assert UNKNOWN_SPEAKER not in [g.speaker for g in brief.groups[:-1]], "unattributed statements come last"


def test_germany_brief_names_germany_in_every_quote(germany):
    assert germany.title == "Briefing: Germany"
    assert germany.description == "Statements naming Germany"
    assert germany.statements >= 1
    assert all("Germany" in q.countries for g in germany.groups for q in g.quotes)
    assert germany.countries[0][:2] == ("DEU", "Germany")
    assert set(germany.figures) == {"map", "countries", "topics", "speakers"}


def test_quotes_carry_speaker_as_named_and_canonical_with_context(germany, seed_text):
    putin = next(g for g in germany.groups if g.speaker == "Vladimir Putin")
    assert "Putin" in putin.mentions
    for quote in putin.quotes:
        assert quote.text and quote.text in seed_text
        core = quote.before.removeprefix("… ") + quote.text + quote.after.removesuffix(" …")
        assert core in seed_text, "the context is the article text around the quote"
        assert quote.before or quote.after, "every quote shows its surrounding sentence"


def test_limits_leave_out_statements_and_say_how_many(corpus):
    quotes = filter_quotes(corpus, Filters())
    brief = build_brief(corpus, Filters(), quotes, today=TODAY, max_speakers=1, max_quotes_per_speaker=2)
    # One named speaker; the seed's statement of unnamed sources ("leaders of the Atlantic
    # Alliance and some Western countries") forms the one more group, last.
    named = [g for g in brief.groups if g.speaker != UNKNOWN_SPEAKER]
    assert len(named) == 1 and len(named[0].quotes) == 2
    assert brief.groups[-1].speaker == UNKNOWN_SPEAKER or len(brief.groups) == 1
    assert brief.omitted == len(quotes) - sum(len(g.quotes) for g in brief.groups)
    assert f"{brief.omitted} more statements" in brief_html(brief, plotly_bundle="", outlines="{}")


def test_key_quotes_put_direct_quotations_first(corpus):
    ordered = key_quote_order(corpus.quotes)
    kinds = ordered["kind"].tolist()
    assert kinds[0] == "direct"
    assert kinds.index("indirect") > kinds.index("direct")


def test_empty_selection_gives_an_empty_brief_that_says_so(corpus):
    filters = Filters(countries=("ITA",), topics=("courts_law",))
    quotes = filter_quotes(corpus, filters)
    assert quotes.empty
    brief = build_brief(corpus, filters, quotes, today=TODAY)
    assert brief.groups == () and brief.sources == () and brief.figures == {}
    page = brief_html(brief)
    assert "No statements match these filters." in page
    assert "PlotlyGeoAssets" not in page, "no charts, no 4.7 MB of plotly.js"


@pytest.mark.parametrize("code", ["DEU", "ITA", "UKR"])
def test_csv_and_json_exports_hold_exactly_the_filtered_rows(corpus, code):
    quotes = filter_quotes(corpus, Filters(countries=(code,)))
    csv = pd.read_csv(io.StringIO(export_frame(quotes).to_csv(index=False)))
    records = json.loads(export_json(quotes))
    assert len(csv) == len(records) == len(quotes) > 0
    assert all(code in row.split(";") for row in csv["countries"])
    assert all(code in record["countries"] for record in records)
    assert sorted(csv["text"]) == sorted(quotes["text"])
    expected = [[list(pair) for pair in segments] for segments in quotes["segments"]]
    assert [json.loads(cell) for cell in csv["segments"]] == [r["segments"] for r in records] == expected


def test_exports_of_rows_without_segments_give_empty_lists(corpus):
    quotes = corpus.quotes.assign(segments=None)
    assert set(export_frame(quotes)["segments"]) == {"[]"}
    assert {str(r["segments"]) for r in json.loads(export_json(quotes))} == {"[]"}


CARD = dict(quote_id="a:0", speaker_mention="he", cue="said", countries=(), topics=(), tone=0.0, title="t",
            outlet="", date="", url="")
# (kind, text, segments within text, before, after, expected words HTML, expected context HTML)
CARDS = [
    ("direct", "Hello,” he said, “how are you?", ((0, 6), (18, 30)), "“", "”",
     "“Hello,” … “how are you?”", "“<mark>Hello,</mark>” he said, “<mark>how are you?</mark>”"),
    ("direct", "We <b>win</b>.", ((0, 14),), "He said: “", "”",
     "“We &lt;b&gt;win&lt;/b&gt;.”", "He said: “<mark>We &lt;b&gt;win&lt;/b&gt;.</mark>”"),
    ("mixed", "it was a “dangerous step”", ((10, 24),), "He said ", ".",
     "“it was a “<mark>dangerous step</mark>””", "He said <mark>it was a “dangerous step”</mark>."),
    ("indirect", "it was fine", (), "He said ", ".", "“it was fine”", "He said <mark>it was fine</mark>."),
    ("direct", "Hello,” he said, “how are you?", (), "“", "”",  # an older store: no segments
     "“Hello,” he said, “how are you?”", "“<mark>Hello,” he said, “how are you?</mark>”"),
]


@pytest.mark.parametrize(("kind", "text", "segments", "before", "after", "words", "context"), CARDS)
def test_quote_cards_mark_the_quoted_words_not_the_attribution(kind, text, segments, before, after, words, context):
    from ui.brief import BriefQuote, quote_card_html

    card = quote_card_html(BriefQuote(**CARD, kind=kind, text=text, segments=segments, before=before, after=after))
    assert f'<div class="words">{words}</div>' in card
    assert f'<div class="context">{context}</div>' in card


@pytest.mark.parametrize(("cue", "mention", "line", "absent"), [
    ("said", "he", "cue “said”", "after “"),
    (":", "Putin", "after “Putin:”", "cue “:”"),  # a headline's or an interview's "Name: ..."
    (" : ", "", "after “a name:”", "cue “"),
    ("", "he", "named as “he”", "cue “"),  # no cue: no cue line at all
])
def test_a_quote_cards_cue_line(cue, mention, line, absent):
    from ui.brief import BriefQuote, quote_card_html

    card = quote_card_html(BriefQuote(**{**CARD, "cue": cue, "speaker_mention": mention}, kind="direct", text="We win.",
                                      segments=((0, 7),), before="", after=""))
    assert line in card and absent not in card


def test_seed_brief_quotes_carry_their_segments(corpus, seed_text):
    brief = build_brief(corpus, FILTERS["putin"], filter_quotes(corpus, FILTERS["putin"]), today=TODAY,
                        max_quotes_per_speaker=30)
    quotes = [q for g in brief.groups for q in g.quotes]
    quoted = {q.text[s:e] for q in quotes for s, e in q.segments}
    assert {"dangerous step", "the conflict will end within 2-3 months,", "predictable,"} <= quoted


def test_html_brief_holds_quotes_sources_and_offline_assets(germany, germany_html):
    import html as html_lib

    for group in germany.groups:
        assert html_lib.escape(group.speaker) in germany_html
        for quote in group.quotes:
            assert html_lib.escape(quote.text) in germany_html
    for source in germany.sources:
        assert html_lib.escape(source.title) in germany_html
    assert germany_html.index("window.PlotlyGeoAssets") < germany_html.index("plotly.js v")
    assert '"world_110m":{"type":"Topology"' in germany_html.replace(" ", "")
    assert "<script src=" not in germany_html and "<link" not in germany_html
    assert germany_html.count('class="chart"') == 4


def test_html_escapes_article_markup(corpus):
    from analysis.pipeline import analyse_text
    from analysis.store import rows_of

    text = "<script>alert(1)</script>\nMerkel said: \u201c<b>We</b> will help Ukraine.\u201d"
    rows = rows_of(analyse_text(text, source="x"))
    quotes = pd.DataFrame(rows["quotes"]).assign(title="<i>t</i>", date=None, outlet=None)
    articles = pd.DataFrame(rows["articles"]).assign(title="<i>t</i>")
    tiny = corpus.__class__(articles=articles, quotes=quotes, mentions=pd.DataFrame(rows["mentions"]),
                            keywords=corpus.keywords.iloc[:0], topic_hits=corpus.topic_hits.iloc[:0],
                            quote_countries=corpus.quote_countries.iloc[:0],
                            quote_topics=corpus.quote_topics.iloc[:0])
    page = brief_html(build_brief(tiny, Filters(), quotes, today=TODAY), plotly_bundle="", outlines="{}")
    assert "<b>We</b>" not in page and "&lt;b&gt;We&lt;/b&gt;" in page
    assert "<i>t</i>" not in page and "<script>alert" not in page


def test_brief_json_is_the_text_content(germany):
    data = json.loads(brief_json(germany))
    assert data["statements"] == germany.statements
    assert data["groups"][0]["quotes"][0]["text"] == germany.groups[0].quotes[0].text


@pytest.mark.parametrize(("fmt", "scale"), [("png", 2), ("svg", None)])
def test_chart_image_format_option(fmt, scale):
    config = plotly_config(fmt)
    assert config["toImageButtonOptions"]["format"] == fmt
    assert config["toImageButtonOptions"].get("scale") == scale
    assert config["topojsonURL"] == PLOTLY_CONFIG["topojsonURL"]
    assert PLOTLY_CONFIG["toImageButtonOptions"]["format"] == "png", "the shared config is unchanged"


def test_unknown_image_format_is_refused():
    with pytest.raises(ValueError):
        plotly_config("gif")


def test_file_names_are_slugs_with_the_date(germany):
    assert brief_filename(germany, "pdf") == "quote-atlas-briefing-germany-2026-11-24.pdf"


def test_pdf_without_chromium_raises_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("QUOTE_ATLAS_CHROMIUM", str(tmp_path / "missing-chromium"))
    assert find_chromium() is None
    with pytest.raises(PdfUnavailable, match="not installed"):
        html_to_pdf("<p>x</p>")


@pytest.mark.parametrize(("binary", "message"),
                         [("/bin/false", "made no PDF"), ("/etc/hostname", "could not be started")])
def test_a_broken_browser_gives_a_clear_error(binary, message):
    with pytest.raises(PdfUnavailable, match=message):
        html_to_pdf("<p>x</p>", chromium=binary)


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium installed (make setup-dev installs it)")
def test_pdf_is_printed_with_the_title_quotes_and_map(germany, germany_html):
    from pypdf import PdfReader

    pdf = html_to_pdf(germany_html)
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert "Briefing: Germany" in flat
    assert "Key quotes by speaker" in flat and "Sources" in flat
    assert " ".join(germany.groups[0].quotes[0].text.split()[:4]) in flat
    assert "Countries named in statements" in flat, "the charts were drawn before printing"


def test_country_and_topic_colours_are_the_same_in_charts_and_chips(germany, germany_html):
    from analysis.topics import topic_color
    from ui.charts import country_color

    def colours(figure):
        found = {}
        for trace in figure.data:
            marker = trace.marker.color
            marker = marker if isinstance(marker, (list, tuple)) else [marker] * len(trace.y)
            found.update(zip(trace.y, marker, strict=True))
        return found

    bar_colours = colours(germany.figures["countries"])
    assert bar_colours == {name: country_color(code) for code, name, _n in germany.countries}
    topic_colours = colours(germany.figures["topics"])
    assert topic_colours == {label: topic_color(topic) for topic, label, _n in germany.topics}
    for code, name, count in germany.countries:
        assert f'background:{country_color(code)};color:{ink_on(country_color(code))}">{name} · {count}' \
            in germany_html


def test_map_scale_starts_at_zero(germany):
    trace = germany.figures["map"].data[0]
    assert trace.zmin == 0 and trace.zmax == max(n for _c, _name, n in germany.countries)


def test_unattributed_statements_come_last_even_when_most_numerous(corpus):
    from ui.brief import speaker_groups

    quotes = corpus.quotes.copy()
    quotes["speaker"] = [None] * (len(quotes) - 2) + ["A. Speaker", "A. Speaker"]
    groups, omitted = speaker_groups(quotes, {}, max_speakers=5, max_quotes_per_speaker=100)
    assert [g.speaker for g in groups] == ["A. Speaker", UNKNOWN_SPEAKER]
    assert groups[1].total == len(quotes) - 2 and omitted == 0


@pytest.mark.parametrize(("filters", "title"), [
    (Filters(), "Briefing: all statements"),
    (Filters(countries=("DEU",)), "Briefing: Germany"),
    (Filters(countries=("DEU", "FRA")), "Briefing: Germany or France"),  # any of a filter's values, as the header
    (Filters(countries=("DEU", "FRA"), topics=("elections",)), "Briefing: Germany or France, Elections & campaigns"),
    (Filters(speakers=("Tony Blair", "Michael Howard")), "Briefing: Tony Blair or Michael Howard"),
])
def test_brief_titles_read_a_filters_values_as_alternatives(filters, title):
    from ui.brief.select import brief_title

    assert brief_title(filters) == title
