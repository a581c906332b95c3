"""The brief as a file: HTML in its format and theme, and the pages its PDF will have (no streamlit)."""

from __future__ import annotations

from ui.brief.model import THEMES, Brief
from ui.brief.onepage import one_page_html
from ui.brief.render import long_html

#: Long form: characters of quotes and context per A4 page, and pages per chart and per 30 sources.
CHARS_PER_PAGE = 3200
PAGES_PER_CHART = 0.5
SOURCES_PER_PAGE = 30


def brief_html(brief: Brief, *, theme: str = "light", plotly_bundle: str | None = None,
               outlines: str | None = None) -> str:
    """The brief as one self-contained HTML file that opens and draws with no network.

    Args:
        brief: From :func:`ui.brief.select.build_brief`; its ``form`` decides the layout.
        theme: ``light`` or ``dark``.
        plotly_bundle: plotly.js source (default: the installed package's).
        outlines: world_110m topojson text (default: ``static/world_110m.json``).

    Raises:
        ValueError: For an unknown theme.
    """
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; expected one of {THEMES}")
    render = one_page_html if brief.page_format.one_page else long_html
    return render(brief, theme=theme, plotly_bundle=plotly_bundle, outlines=outlines)


def page_estimate(brief: Brief) -> int:
    """How many pages the PDF will have: 1 for a one-page format, an estimate for the long form
    (text of the quotes with their context, half a page per chart, the sources table).
    """
    if brief.page_format.one_page:
        return 1
    text = sum(len(q.text) + len(q.before) + len(q.after) + 120 for g in brief.groups for q in g.quotes)
    pages = 0.4 + text / CHARS_PER_PAGE + PAGES_PER_CHART * len(brief.figures) + len(brief.sources) / SOURCES_PER_PAGE
    return max(1, round(pages + 0.49))


def page_summary(brief: Brief) -> str:
    """"PDF: 1 page, A4 portrait, 210 × 297 mm" ("about 12 pages" for the long form)."""
    pages = page_estimate(brief)
    count = "1 page" if pages == 1 and brief.page_format.one_page else f"about {pages} page{'s' * (pages != 1)}"
    return f"PDF: {count}, {brief.page_format.size}"
