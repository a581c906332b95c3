"""Compare as a section of the brief: two selections (A vs B) in a few lines (no streamlit here).

:func:`brief_comparison` takes the sides as the Compare page's link names them (``by``, ``a``,
``b``) and computes the numbers with :func:`ui.compare.compare`: statements, speakers and
articles of each side, their most distinctive key phrases (log-odds ratio with an informative
Dirichlet prior), the topics and countries whose share differs most, with the 95% interval of
the difference, and the tone. :func:`comparison_html` draws it as one compact block, the same
on the one-page sheet, in the long form and on the Briefing page.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.compare import MeanDifference, ShareDifference
from analysis.query import Filters
from analysis.store import Corpus
from ui.brief.model import BriefComparison, CompareSide
from ui.compare import BY, COLOR_A, COLOR_B, compare, share_names, side_label, side_names, side_quotes

#: The block's styles; ``--ink``/``--muted``/``--rule`` come from the page (brief themes or the app's CSS).
COMPARE_CSS = """
.cmp{display:grid;grid-template-columns:1fr 1.25fr 1.5fr;gap:14px;font-size:var(--cmp-size,11px);line-height:1.3}
.cmp h4{margin:0 0 3px;font-size:1em;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.cmp table{border-collapse:collapse;width:100%;font-size:1em}
.cmp th,.cmp td{text-align:left;padding:1px 4px;border-bottom:1px solid var(--rule);vertical-align:top}
.cmp td.n,.cmp th.n{text-align:right;white-space:nowrap}
.cmp .a{color:#0072B2;font-weight:700}.cmp .b{color:#D55E00;font-weight:700}
.cmp .side{margin:0 0 4px}
.cmp .z{color:var(--muted);font-size:.85em}
.cmp .clear{font-weight:700}
.cmp .note{color:var(--muted);margin:3px 0 0}
"""
#: Rows of the block: distinctive phrases per side, topic and country differences.
COMPACT = {"phrases": 5, "shares": 3}
SLIDE = {"phrases": 5, "shares": 2}
FULL = {"phrases": 10, "shares": 6}


def _side(label: str, quotes: pd.DataFrame, tone: float | None) -> CompareSide:
    speakers = int(quotes["speaker"].astype("string").nunique()) if len(quotes) else 0
    return CompareSide(label, len(quotes), speakers, int(quotes["article_id"].nunique()) if len(quotes) else 0, tone)


def brief_comparison(corpus: Corpus, quotes: pd.DataFrame, by: str, a: str, b: str,
                     filters: Filters | None = None) -> tuple[BriefComparison, pd.DataFrame]:
    """Compare two sides of the filtered statements for the brief.

    Args:
        corpus: The loaded store (read only).
        quotes: The statements matching the sidebar's filters.
        by: A :data:`ui.compare.BY` key.
        a: Side A's value (a canonical speaker, an ISO-3 code, a topic id, ``YYYY-MM-DD..YYYY-MM-DD``).
        b: Side B's value.
        filters: The sidebar's filters: their values' names, like the sides', are left out of the
            distinctive phrases (:func:`ui.compare.side_names`).

    Returns:
        The comparison, and the statements of A and B together (each once, in ``quotes`` order):
        what the rest of a compared brief is made of.

    Raises:
        ValueError: For an unknown ``by`` or a malformed period (see :func:`ui.compare.side_quotes`).
    """
    quotes_a, quotes_b = side_quotes(quotes, by, a), side_quotes(quotes, by, b)
    label_a, label_b = side_label(by, a), side_label(by, b)
    both = quotes[quotes["quote_id"].isin(set(quotes_a["quote_id"]) | set(quotes_b["quote_id"])).to_numpy()]
    if quotes_a.empty or quotes_b.empty:
        tone_a = float(quotes_a["tone"].mean()) if len(quotes_a) else None
        tone_b = float(quotes_b["tone"].mean()) if len(quotes_b) else None
        return BriefComparison(by, a, b, _side(label_a, quotes_a, tone_a), _side(label_b, quotes_b, tone_b),
                               (), (), (), MeanDifference(tone_a, tone_b, None, None, None)), both
    result = compare(corpus, quotes_a, quotes_b, label_a, label_b, side_names(filters or Filters(), by, a, b))
    topics = [s for s in result.topics if not (by == "topic" and s.value in (a, b))]
    countries = [s for s in result.countries if not (by == "country" and s.value in (a, b))]
    return BriefComparison(
        by=by, value_a=a, value_b=b,
        a=_side(label_a, quotes_a, result.tone.mean_a), b=_side(label_b, quotes_b, result.tone.mean_b),
        phrases=tuple(result.phrases), topics=tuple(topics), countries=tuple(countries), tone=result.tone,
    ), both


def comparison_title(comparison: BriefComparison) -> str:
    """"Vladimir Putin vs Tony Blair"."""
    return f"{comparison.a.label} vs {comparison.b.label}"


def _number(value: float | None, form: str = "+.2f") -> str:
    return "—" if value is None else format(value, form)


def tone_sentence(comparison: BriefComparison) -> str:
    """The tone difference in words, with its interval ("" when neither side has a tone)."""
    tone = comparison.tone
    if tone.difference is None:
        return ""
    if tone.low is None:
        return f"Tone A − B {tone.difference:+.2f} (too few statements for an interval)."
    verdict = "a clear difference" if tone.low > 0 or tone.high < 0 else "no clear difference"
    return f"Tone A − B {tone.difference:+.2f} (95% interval {tone.low:+.2f} to {tone.high:+.2f}: {verdict})."


def _counts_html(comparison: BriefComparison) -> str:
    a, b = comparison.a, comparison.b
    rows = [("Statements", f"{a.statements:,}", f"{b.statements:,}"),
            ("Speakers", f"{a.speakers:,}", f"{b.speakers:,}"),
            ("Articles", f"{a.articles:,}", f"{b.articles:,}"),
            ("Mean tone", _number(a.tone), _number(b.tone))]
    body = "".join(f'<tr><td>{name}</td><td class="n">{x}</td><td class="n">{y}</td></tr>' for name, x, y in rows)
    tone = tone_sentence(comparison)
    return ('<div><h4>Counts</h4><table><tr><th></th><th class="n a">A</th><th class="n b">B</th></tr>'
            f'{body}</table>{f"<p class=note>{html.escape(tone)}</p>" if tone else ""}</div>')


def _phrases_html(comparison: BriefComparison, top: int) -> str:
    a_side = [d for d in comparison.phrases if d.z > 0][:top]
    b_side = [d for d in reversed(comparison.phrases) if d.z < 0][:top]

    def words(items, css: str, side) -> str:
        listed = " · ".join(f'{html.escape(d.term)} <span class="z">{abs(d.z):.1f}</span>' for d in items) or "—"
        return f'<p class="side"><span class="{css}">{html.escape(side.label)}</span>: {listed}</p>'

    return ("<div><h4>Distinctive key phrases (|z|)</h4>" + words(a_side, "a", comparison.a)
            + words(b_side, "b", comparison.b) + "</div>")


def _shares_rows(shares: tuple[ShareDifference, ...], names: dict[str, str], top: int) -> str:
    rows = []
    for s in shares[:top]:
        css = ' class="clear"' if s.clear else ""
        rows.append(f"<tr{css}><td>{html.escape(names.get(s.value, s.value))}</td>"
                    f'<td class="n">{100 * s.share_a:.0f}%</td><td class="n">{100 * s.share_b:.0f}%</td>'
                    f'<td class="n">{100 * s.difference:+.0f} ({100 * s.low:+.0f} to {100 * s.high:+.0f})</td></tr>')
    return "".join(rows)


def _shares_html(comparison: BriefComparison, top: int) -> str:
    topics = _shares_rows(comparison.topics, share_names("topic", list(comparison.topics)), top)
    countries = _shares_rows(comparison.countries, share_names("country", list(comparison.countries)), top)
    if not topics and not countries:
        return "<div><h4>Topics and countries</h4><p>Nothing to compare.</p></div>"
    head = ('<tr><th></th><th class="n a">A</th><th class="n b">B</th>'
            '<th class="n">A − B, points (95%)</th></tr>')
    parts = [f'<tr><th colspan="4">Topics</th></tr>{topics}' if topics else "",
             f'<tr><th colspan="4">Countries named</th></tr>{countries}' if countries else ""]
    return (f"<div><h4>Share of statements</h4><table>{head}{''.join(parts)}</table>"
            '<p class="note">Bold: the interval leaves out 0 (Newcombe hybrid score).</p></div>')


def comparison_html(comparison: BriefComparison, *, rows: dict[str, int] | None = None) -> str:
    """The comparison as one block of three columns: counts and tone, distinctive phrases,
    topic and country differences (everything escaped).

    Args:
        comparison: From :func:`brief_comparison`.
        rows: How many distinctive phrases per side (``phrases``) and topic and country differences
            (``shares``) to list: :data:`COMPACT` (the default, one A4 page), :data:`SLIDE`, :data:`FULL`.
    """
    rows = rows or COMPACT
    legend = (f'<span class="a" style="color:{COLOR_A}">A</span> {html.escape(comparison.a.label)} · '
              f'<span class="b" style="color:{COLOR_B}">B</span> {html.escape(comparison.b.label)} · '
              f"compared by {comparison.by if comparison.by in BY else 'selection'}")
    if not comparison.a.statements or not comparison.b.statements:
        return (f'<p class="cmp-legend">{legend}</p><p>One side has no statement under these filters; '
                "there is nothing to compare.</p>")
    return (f'<p class="cmp-legend">{legend}</p><div class="cmp">{_counts_html(comparison)}'
            f"{_phrases_html(comparison, rows['phrases'])}{_shares_html(comparison, rows['shares'])}</div>")
