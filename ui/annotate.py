"""The annotated article as safe HTML: quotes, speakers, cues and countries highlighted.

Every piece of article text passes through :func:`html.escape`, so markup or scripts inside
an article are shown as text, never run. No streamlit here (reused by the briefing export).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

STYLE = """
<style>
.qa-doc{font-size:1.05rem;line-height:1.75;white-space:pre-wrap;font-family:Georgia,serif}
.qa-q{background:#fff3b0;border-radius:3px}
.qa-w{background:#ffe066;border-radius:3px}
.qa-q.qa-dim,.qa-w.qa-dim{background:#ececec;color:#6b6b6b}
.qa-s{border-bottom:3px solid #0072B2;font-weight:600}
.qa-c{border-bottom:2px dotted #D55E00;font-style:italic}
.qa-g{background:#d8ecf7;border-radius:3px;padding:0 1px}
.qa-tag{font-size:.65em;font-family:sans-serif;font-weight:700;color:#fff;background:#0072B2;
 border-radius:3px;padding:0 3px;margin-left:2px;vertical-align:super}
.qa-tag.qa-stag{background:#444}
.qa-hit{box-shadow:inset 0 -.45em 0 #f4a261;font-weight:700}
.qa-q.qa-focus{box-shadow:0 0 0 2px #D55E00;background:#ffd59e}
.qa-legend span{margin-right:1em}
</style>
"""

LEGEND = ('<div class="qa-legend"><span class="qa-q qa-w">words in quotation marks</span>'
          '<span class="qa-q">reported statement</span>'
          '<span class="qa-s">speaker as named in the text</span><span class="qa-c">cue</span>'
          '<span class="qa-g">country</span></div>')
#: The legend of an article read with filters: the statements outside them are grey
#: (distinct from the pale yellow of a reported statement, which they were close to before).
LEGEND_FILTERED = LEGEND.replace("</div>", '<span class="qa-q qa-dim">statement outside the filters</span></div>')
#: What the legend adds when a link named one statement (the Quotes page's "Read the whole article").
LEGEND_FOCUS = '<span class="qa-q qa-focus">the statement opened from Quotes</span>'
#: The id of the point a Reader link's statement starts at (scrolled to; see :data:`SCROLL_TO_FOCUS`).
FOCUS_ID = "qa-focus"
#: A fixed script (no data in it) scrolling the page to :data:`FOCUS_ID` once the article is drawn:
#: st.html draws the article after the script may have run, so it looks again for up to 5 s. No "<"
#: before a letter or digit in it: DOMPurify drops such a script as markup ("tries<50" was dropped).
SCROLL_TO_FOCUS = (
    "<script>(function(){let tries=0;function go(){const at=document.getElementById('" + FOCUS_ID + "');"
    "if(at){at.scrollIntoView({block:'center'});}else if(50>tries++){setTimeout(go,100);}}go();})();</script>")


@dataclass(frozen=True)
class Mark:
    """One highlight: a CSS class over [start, end), a hover title and an optional tag after it."""

    start: int
    end: int
    css: str
    title: str = ""
    tag: str = ""
    tag_css: str = "qa-tag"


def render_html(text: str, marks: list[Mark], anchor: int | None = None) -> str:
    """Return ``text`` as escaped HTML with ``marks`` applied (overlaps nest by splitting).

    Args:
        text: The article text.
        marks: Highlights; out-of-range or empty marks are ignored.
        anchor: An offset into ``text`` marked by an empty element with the id :data:`FOCUS_ID`
            (where the Reader scrolls to); None or out of range for none.
    """
    valid = list(dict.fromkeys(m for m in marks if 0 <= m.start < m.end <= len(text)))
    if anchor is not None and not 0 <= anchor < len(text):
        anchor = None
    bounds = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid),
                     *(() if anchor is None else (anchor,))})
    tags_at: dict[int, list[Mark]] = {}
    for mark in valid:
        if mark.tag:
            tags_at.setdefault(mark.end, []).append(mark)
    pieces = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        active = [m for m in valid if m.start <= left and m.end >= right]
        if left == anchor:
            pieces.append(f'<span id="{FOCUS_ID}"></span>')
        segment = html.escape(text[left:right])
        if active:
            classes = " ".join(dict.fromkeys(m.css for m in active))
            title = " | ".join(dict.fromkeys(m.title for m in active if m.title))
            segment = f'<span class="{classes}" title="{html.escape(title)}">{segment}</span>'
        pieces.append(segment)
        for mark in tags_at.get(right, []):
            pieces.append(f'<span class="{mark.tag_css}">{html.escape(mark.tag)}</span>')
    return f'{STYLE}<div class="qa-doc">{"".join(pieces)}</div>'


def quoted_segments(segments) -> list[tuple[int, int]]:
    """A statement's ``segments`` (words in quotation marks) as (start, end) pairs; none when
    missing (a row of an older store, None or NaN).
    """
    if not isinstance(segments, (tuple, list)):
        return []
    return [(int(start), int(end)) for start, end in segments]


def article_marks(quotes, mentions, highlighted: set[str] | None = None, focus: str | None = None) -> list[Mark]:
    """Marks for one article from its quote rows and mention rows (DataFrames or records).

    Args:
        quotes: Rows with quote_id, start, end, speaker, speaker_start/end, cue_start/end,
            countries, topics, tone, kind and (optional) segments. A direct quote marks its
            segments, not the attribution between them (“A,” he said, “B.”); a mixed one its
            whole content, with the quoted words in it marked stronger.
        mentions: Rows with kind, key, name, start, end, via.
        highlighted: quote_ids matching the current filters (others are dimmed); None = all.
        focus: The quote_id of the statement a link names: its marks are outlined (``qa-focus``).
    """
    marks = []
    for q in quotes.itertuples():
        dim = highlighted is not None and q.quote_id not in highlighted
        about = ", ".join(q.countries) or "no country"
        # A mention the text names but no canonical speaker: missing, None or NaN from a frame.
        speaker = q.speaker if isinstance(q.speaker, str) and q.speaker else None
        unnamed = getattr(q, "speaker_description", None)  # "a spokesman for the ministry"
        speaker = speaker or (f"unnamed source ({unnamed})" if isinstance(unnamed, str) and unnamed else None)
        title = (f"{q.kind} statement by {speaker or 'unknown speaker'}; about {about}; "
                 f"topics: {', '.join(q.topics) or 'none'}; tone {q.tone:+.2f}")
        css = ("qa-q qa-dim" if dim else "qa-q") + (" qa-focus" if focus is not None and q.quote_id == focus else "")
        segments = quoted_segments(getattr(q, "segments", None))
        if q.kind == "direct" and segments:
            marks.extend(Mark(start, end, f"{css} qa-w", title) for start, end in segments)
        else:
            marks.append(Mark(int(q.start), int(q.end), css, title))
            # The quoted words of a dimmed statement are dimmed too (they stood out as matching before).
            marks.extend(Mark(start, end, "qa-w qa-dim" if dim else "qa-w") for start, end in segments)
        if q.speaker_start is not None and q.speaker_start == q.speaker_start:  # not NaN
            marks.append(Mark(int(q.speaker_start), int(q.speaker_end), "qa-s",
                              f"speaker: {speaker or 'unknown'}", tag=speaker or "", tag_css="qa-tag qa-stag"))
        if q.cue_start is not None and q.cue_start == q.cue_start:
            marks.append(Mark(int(q.cue_start), int(q.cue_end), "qa-c", "cue"))
    for m in mentions.itertuples():
        if m.kind == "country":
            marks.append(Mark(int(m.start), int(m.end), "qa-g", f"{m.name} ({m.key}) via {m.via}", tag=m.key))
    return marks
