"""The one-page brief as HTML: an A4 page or a 16:9 slide, light or dark (no streamlit here).

One sheet of the page's exact size holds everything: the headline, the top speakers with
their statements (each citing its numbered source), the map, one chart, the key phrases and
the numbered sources; a brief made from a comparison adds a band with it (A vs B) under the
headline. The content is chosen to fit (:func:`ui.brief.from_selection.selection_brief`);
the sheet also clips what would not, so the printed PDF is always one page.
"""

from __future__ import annotations

import html

from ui.brief.comparison import COMPACT, COMPARE_CSS, SLIDE, comparison_html
from ui.brief.figures import ONE_PAGE_SIZES
from ui.brief.model import Brief, BriefQuote
from ui.brief.render import THEME_VARS, chart_scripts, document, meta_line, quote_words_html, source_link

ONE_PAGE_CSS = """
*{box-sizing:border-box}
html,body{margin:0;padding:0;background:var(--bg)}
body{color:var(--ink);font-family:"Liberation Sans",Arial,sans-serif;-webkit-print-color-adjust:exact;
 print-color-adjust:exact}
.sheet{width:%(w)smm;height:%(h)smm;padding:%(pad)s;overflow:hidden;display:flex;flex-direction:column;
 background:var(--bg)}
h1{font-size:%(h1)spx;line-height:1.15;margin:0;color:var(--accent)}
.meta{font-size:%(small)spx;color:var(--muted);margin:2px 0 6px}
.cols{display:grid;grid-template-columns:1fr %(side)spx;gap:16px;flex:1;min-height:0}
.speakers,.side{overflow:hidden;min-height:0}
h2{font-size:%(small)spx;text-transform:uppercase;letter-spacing:.05em;color:var(--accent);margin:4px 0 3px;
 border-bottom:1px solid var(--rule)}
h3{font-size:%(h3)spx;margin:6px 0 2px}
h3 .n{color:var(--muted);font-weight:normal;font-size:%(small)spx}
.q{font-family:Georgia,"Liberation Serif",serif;font-size:%(quote)spx;line-height:1.33;margin:0 0 4px;
 padding-left:7px;border-left:3px solid var(--accent)}
.q mark{background:var(--quote);color:var(--markink)}
.q sup{font-family:"Liberation Sans",Arial,sans-serif;color:var(--muted);font-size:.72em}
.chart{width:%(side)spx}
.phrases span{display:inline-block;border:1px solid var(--rule);border-radius:9px;padding:0 6px;margin:1px 2px;
 font-size:%(small)spx}
ol.sources{columns:%(source_columns)s;column-gap:16px;font-size:%(tiny)spx;margin:4px 0 0;padding-left:18px}
ol.sources li{list-style-position:inside;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
ol.sources a{color:var(--accent)}
footer{font-size:%(tiny)spx;color:var(--muted);margin-top:3px}
.compare{flex:none;--cmp-size:%(compare)spx;margin:0 0 6px}
.cmp-legend{font-size:%(small)spx;margin:0 0 3px}
@page{size:%(w)smm %(h)smm;margin:0}
"""
#: Type sizes (px) and columns of each format.
SIZES = {
    "a4": dict(w=210, h=297, pad="9mm 10mm", h1=22, h3=14, quote=12.3, small=10.5, tiny=9, source_columns=2,
               compare=9.5),
    "slide": dict(w=338.7, h=190.5, pad="8mm 11mm", h1=26, h3=15, quote=13.5, small=12, tiny=9.5, source_columns=3,
                  compare=10),
}


def one_page_css(form: str, theme: str) -> str:
    """The stylesheet of a one-page format in a theme."""
    return (f":root{{{THEME_VARS[theme]}}}" + ONE_PAGE_CSS % {**SIZES[form], "side": ONE_PAGE_SIZES[form][0]}
            + COMPARE_CSS)


def _quote_html(quote: BriefQuote, number: int | None) -> str:
    cite = f"<sup>[{number}]</sup>" if number else ""
    return f'<p class="q">{quote_words_html(quote)}{cite}</p>'


def one_page_body(brief: Brief) -> str:
    """The sheet's HTML (everything escaped; the charts are empty divs the scripts fill)."""
    numbers = {s.article_id: i for i, s in enumerate(brief.sources, start=1)}
    speakers = []
    for group in brief.groups:
        noun = "statement" if group.total == 1 else "statements"
        quotes = "".join(_quote_html(q, numbers.get(q.article_id)) for q in group.quotes)
        speakers.append(f'<h3>{html.escape(group.speaker)} <span class="n">· {group.total:,} {noun}</span></h3>'
                        f"{quotes}")
    if not brief.groups:
        speakers.append("<p>No statement here names its speaker; the long form lists them all.</p>"
                        if brief.statements else "<p>No statements match these filters.</p>")
    side = []
    if "map" in brief.figures:
        side.append('<h2>Countries named</h2><div class="chart" id="chart-map" role="img" '
                    'aria-label="Map of the countries named"></div>')
    # A slide with a comparison has room for the map only.
    if "chart" in brief.figures and not (brief.form == "slide" and brief.comparison is not None):
        meta = brief.figures["chart"].layout.meta
        title = meta.get("title", "") if isinstance(meta, dict) else ""
        side.append(f'<h2>{html.escape(title)}</h2><div class="chart" id="chart-chart" role="img" '
                    f'aria-label="{html.escape(title, quote=True)}"></div>')
    if brief.phrases:
        side.append('<h2>Key phrases</h2><div class="phrases">'
                    + "".join(f"<span>{html.escape(p)}</span>" for p in brief.phrases) + "</div>")
    compared = ""
    if brief.comparison is not None:
        block = comparison_html(brief.comparison, rows=SLIDE if brief.form == "slide" else COMPACT)
        compared = f'<section class="compare"><h2>Compare</h2>{block}</section>'
    sources = ""
    if brief.sources:
        items = []
        for source in brief.sources:
            about = " · ".join(v for v in (source.outlet, source.date) if v)
            link = source_link(source)
            items.append(f"<li>{html.escape(source.title)}{' — ' + html.escape(about) if about else ''}"
                         f"{' · ' + link if link else ''}</li>")
        rest = brief.articles - len(brief.sources)
        more = f" (the quotes above; {rest:,} more in the long form)" if rest > 0 else ""
        sources = f'<h2>Sources{more}</h2><ol class="sources">{"".join(items)}</ol>'
    shown = sum(len(g.quotes) for g in brief.groups)
    footer = (f"<footer>{shown} of {brief.statements:,} statements shown, chosen as the most representative of "
              f"the top {len(brief.groups)} speakers. Found automatically: check quotes against the sources "
              "before citing." + (f" {html.escape(brief.provenance)}" if brief.provenance else "") + "</footer>")
    return (f'<div class="sheet"><h1>{html.escape(brief.title)}</h1><p class="meta">{meta_line(brief)}</p>{compared}'
            f'<div class="cols"><section class="speakers">{"".join(speakers)}</section>'
            f'<section class="side">{"".join(side)}</section></div>{sources}{footer}</div>')


def one_page_html(brief: Brief, *, theme: str = "light", plotly_bundle: str | None = None,
                  outlines: str | None = None) -> str:
    """A one-page brief (``brief.form`` ``a4`` or ``slide``) as a self-contained HTML document."""
    scripts = chart_scripts(brief.figures, theme, width=ONE_PAGE_SIZES[brief.form][0], static=True,
                            plotly_bundle=plotly_bundle, outlines=outlines)
    return document(brief.title, one_page_css(brief.form, theme), one_page_body(brief), scripts)
