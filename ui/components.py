"""Reusable page pieces: charts with the offline map config, the statements table, quote context."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis.query import plain_strings, speaker_labels, strings
from analysis.records import target_tones_text
from ui.annotate import LEGEND, Mark, article_marks, quoted_segments, render_html
from ui.charts import PLOTLY_CONFIG
from ui.labels import country_name, topic_label
from ui.safe import csv_cell
from ui.shared import shared

EXPORT_COLUMNS = ["speaker", "speaker_mention", "cue", "kind", "text", "countries", "topics", "tone",
                  "title", "date", "outlet", "article_id", "start", "end", "speaker_start", "speaker_end",
                  "cue_start", "cue_end", "segments", "confidence", "target_tones"]


def chart(fig, key: str) -> None:
    """Show a plotly figure; outlines for maps come from the app's static folder (offline).

    In presentation mode the chart's type is projector-sized (:func:`projected`).
    """
    if st.session_state.get("presentation_mode"):
        fig = projected(fig)
    if getattr(st.context.theme, "type", None) == "dark":
        fig = dark_map(fig)
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG)


def dark_map(fig):
    """A map for the dark theme: transparent sea, dark land, lighter = more statements (the light
    theme's white sea and pale land sat in a white box on the dark page); other charts unchanged.
    """
    if not any(trace.type == "choropleth" for trace in fig.data):
        return fig
    import plotly.graph_objects as go

    copy = go.Figure(fig)
    copy.update_geos(bgcolor="rgba(0,0,0,0)", landcolor="#2b3540", countrycolor="#5d6874", coastlinecolor="#7b8692")
    copy.update_traces(reversescale=True, selector=dict(type="choropleth"))
    return copy


def projected(fig):
    """A copy of a plotly figure with type that reads on a projector: 17 px text, 15 px ticks
    (the app's charts are 12-14 px, too small across a room; rows are 20 px or more apart, so
    15 px labels do not collide).
    """
    import plotly.graph_objects as go

    copy = go.Figure(fig)
    copy.update_layout(font_size=17, title_font_size=20)
    copy.update_xaxes(tickfont_size=15)
    copy.update_yaxes(tickfont_size=15)
    return copy


#: The statement columns :func:`statements_table` reads (what a page asks the selection for).
TABLE_COLUMNS = ("speaker", "speaker_mention", "cue", "kind", "text", "countries", "topics", "tone", "confidence",
                 "title", "date")


def statements_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Display frame of statements: readable country and topic names, rounded tone (plain strings)."""
    return pd.DataFrame({
        "Speaker": speaker_labels(quotes),
        "As named": strings(quotes["speaker_mention"]).fillna(""),
        "Cue": strings(quotes["cue"]).fillna(""),
        "Kind": strings(quotes["kind"]),
        "Statement": strings(quotes["text"]),
        "Countries": [", ".join(country_name(c) for c in codes) for codes in quotes["countries"]],
        "Topics": [", ".join(topic_label(t) for t in topics) for topics in quotes["topics"]],
        "Tone": quotes["tone"].round(2),
        "Confidence": (pd.to_numeric(quotes["confidence"], errors="coerce") if "confidence" in quotes.columns
                       else pd.Series(float("nan"), index=quotes.index)).to_numpy(),
        "Article": strings(quotes["title"]),
        "Date": strings(quotes["date"]),
    }).reset_index(drop=True)


def _export_columns(quotes: pd.DataFrame) -> pd.DataFrame:
    """``quotes[EXPORT_COLUMNS]`` as plain strings; ``confidence`` and ``target_tones`` empty for a store
    made before statements had them.
    """
    if "confidence" not in quotes.columns:
        quotes = quotes.assign(confidence=None)
    if "target_tones" not in quotes.columns:
        quotes = quotes.assign(target_tones=[()] * len(quotes))
    return plain_strings(quotes[EXPORT_COLUMNS])


def export_frame(quotes: pd.DataFrame) -> pd.DataFrame:
    """Statements for download: every field a user needs to cite or re-check a quote (plain strings)."""
    frame = _export_columns(quotes)
    frame["countries"] = [";".join(c) for c in frame["countries"]]
    frame["topics"] = [";".join(t) for t in frame["topics"]]
    frame["segments"] = [json.dumps(quoted_segments(s)) for s in frame["segments"]]  # "[[12, 40], [55, 80]]"
    frame["target_tones"] = [target_tones_text(t) for t in frame["target_tones"]]  # "country:RUS:negative;..."
    return frame.reset_index(drop=True)


def export_json(quotes: pd.DataFrame) -> str:
    """The filtered statements as a JSON array (lists kept as lists)."""
    frame = _export_columns(quotes)
    records = json.loads(frame.to_json(orient="records", force_ascii=False))
    for record, countries, topics, segments, tones in zip(records, quotes["countries"], quotes["topics"],
                                                          quotes["segments"], frame["target_tones"], strict=True):
        record["countries"], record["topics"] = list(countries), list(topics)
        record["segments"] = [list(pair) for pair in quoted_segments(segments)]
        record["target_tones"] = [list(tone) for tone in tones] if isinstance(tones, (list, tuple)) else []
    return json.dumps(records, ensure_ascii=False, indent=1)


#: Selections up to this many statements are exported while the page runs, so their buttons are
#: plain file links that start at once; larger ones are built only when clicked (memory at
#: 10,000 articles). A deferred download needs a round trip over the websocket when clicked,
#: which under load was seen to time out in the browser tests.
EAGER_EXPORT_ROWS = 500


def export_data(make: Callable[[], bytes], rows: int) -> bytes | Callable[[], bytes]:
    """The bytes of a download when the selection is small, else ``make`` to build them on click."""
    return make() if rows <= EAGER_EXPORT_ROWS else make


def csv_frame(quotes: pd.DataFrame) -> pd.DataFrame:
    """:func:`export_frame` with its text cells made safe for spreadsheets (:func:`ui.safe.csv_cell`).

    A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of running it as
    a formula (OWASP, CSV injection). Numbers (a negative tone) stay numbers; the JSON download
    keeps every text exactly.
    """
    frame = export_frame(quotes)
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(csv_cell)
    return frame


def csv_bytes(quotes: pd.DataFrame) -> bytes:
    """The statements as the CSV the download buttons give (formula starts neutralised)."""
    return csv_frame(quotes).to_csv(index=False).encode("utf-8")


def json_bytes(quotes: pd.DataFrame) -> bytes:
    """The statements as the JSON the download buttons give."""
    return export_json(quotes).encode("utf-8")


def statements_filename(filters, extension: str, today: dt.date | None = None) -> str:
    """A file name for the statements of ``filters`` (an :class:`analysis.query.Filters`):
    ``quote-atlas-statements-ukraine-vladimir-putin-2026-12-07.csv``, as the brief's own
    (``quote-atlas-statements-all-...`` when nothing is filtered). Every download was
    ``quote-atlas-statements.csv`` before, so an analyst's second view overwrote the first.
    """
    words = ([country_name(c) for c in filters.countries] + [topic_label(t) for t in filters.topics]
             + list(filters.speakers) + ([filters.search.lstrip("~")] if filters.search else []))
    slug = "".join(ch if ch.isalnum() else "-" for ch in " ".join(words).lower())
    slug = "-".join(part for part in slug.split("-") if part)[:60].strip("-") or "all"
    return f"quote-atlas-statements-{slug}-{(today or dt.date.today()).isoformat()}.{extension}"


def download_selection(selection, key: str) -> None:
    """CSV and JSON downloads of a :class:`ui.selection.Selection`'s statements (read from the store
    only when clicked for large selections); the selection must be the run's view (the bytes are
    shared between sessions, :func:`ui.shared.shared`).
    """
    count = selection.count()
    statements = f"{count:,} statement{'' if count == 1 else 's'}"  # "1 statements" before
    left, right = st.columns(2)
    left.download_button(f"Download CSV ({statements})",
                         export_data(lambda: shared(f"{key}.csv", lambda: csv_bytes(selection.export_rows(
                             EXPORT_COLUMNS))), count),
                         file_name=statements_filename(selection.filters, "csv"), mime="text/csv", key=f"{key}_csv")
    right.download_button(f"Download JSON ({statements})",
                          export_data(lambda: shared(f"{key}.json", lambda: json_bytes(selection.export_rows(
                              EXPORT_COLUMNS))), count),
                          file_name=statements_filename(selection.filters, "json"), mime="application/json",
                          key=f"{key}_json")


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph(s) around [start, end): from the blank line before to the one after."""
    left = text.rfind("\n", 0, start)
    right = text.find("\n", end)
    return (0 if left < 0 else left + 1), (len(text) if right < 0 else right)


def quote_in_context(quote: pd.Series, article_text: str, quotes: pd.DataFrame,
                     mentions: pd.DataFrame, hits: list[tuple[int, int]] = ()) -> None:
    """Show the paragraph around one statement with its speaker, cue and countries marked, and the
    search ``hits`` (offsets into ``article_text``) underlined.
    """
    starts = [quote["start"], quote["speaker_start"], quote["cue_start"]]
    ends = [quote["end"], quote["speaker_end"], quote["cue_end"]]
    start = int(min(s for s in starts if pd.notna(s)))
    end = int(max(e for e in ends if pd.notna(e)))
    left, right = paragraph_bounds(article_text, start, end)
    window = article_text[left:right]
    one = quotes[quotes["quote_id"] == quote["quote_id"]].copy()
    for column in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"):
        one[column] = one[column] - left
    if "segments" in one:
        one["segments"] = [tuple((s - left, e - left) for s, e in quoted_segments(v)) for v in one["segments"]]
    local = mentions[(mentions["start"] >= left) & (mentions["end"] <= right)].copy()
    local["start"] -= left
    local["end"] -= left
    # st.html, not st.markdown: Markdown would restyle the text after a blank line (issue #16).
    marks = article_marks(one, local)
    marks += [Mark(start - left, end - left, "qa-hit", "search hit") for start, end in hits
              if left <= start < end <= right]
    st.html(render_html(window, marks))
    st.html(LEGEND.replace("</div>", '<span class="qa-hit">search hit</span></div>') if hits else LEGEND)


def chart_as(fig, key: str, image_format: str = "png") -> None:
    """Show a plotly figure whose modebar camera saves ``"png"`` or ``"svg"`` (offline map outlines)."""
    from ui.charts import plotly_config

    st.plotly_chart(fig, key=key, config=plotly_config(image_format))


#: Presentation mode: larger type, no toolbar/header, no download clutter (``.st-key-brief_tools``).
PRESENTATION_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], .st-key-brief_tools, .st-key-brief_exports {display:none !important}
[data-testid="stMainBlockContainer"] {padding-top:1.5rem; max-width:100%}
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] td {font-size:1.3rem; line-height:1.5}
[data-testid="stMain"] h1 {font-size:3rem}
[data-testid="stMain"] h2 {font-size:2.2rem}
[data-testid="stMain"] h3 {font-size:1.8rem}
[data-testid="stMain"] [data-testid="stCaptionContainer"] p {font-size:1.15rem}
[data-testid="stMain"] [data-testid="stMetricValue"], [data-testid="stMain"] [data-testid="stMetricValue"] p
 {font-size:3rem; line-height:1.2}
.qa-brief-words {font-size:1.9rem !important; line-height:1.35 !important}
.qa-brief-context {font-size:1.3rem !important}
.qa-brief-chip {font-size:1.2rem !important}
</style>
"""


def presentation_mode(key: str = "presentation_mode") -> bool:
    """A "Presentation mode" toggle (also ``?present=1`` in the URL); applies the CSS when on.

    Returns:
        True when presentation mode is on.
    """
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get("present", "") in ("1", "true", "yes")
    on = st.toggle("Presentation mode", key=key, help="Larger type and no toolbar, for a projector")
    if on:
        st.query_params["present"] = "1"
        st.html(PRESENTATION_CSS)
    elif "present" in st.query_params:
        del st.query_params["present"]
    return on
