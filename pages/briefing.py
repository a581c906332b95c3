"""Briefing: a one-page brief (A4 or slide, light or dark) or the long form, to present or download."""

import dataclasses
import hashlib
import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.brief import FORMATS, Brief, brief_filename, brief_html, chips_html, page_summary, quote_card_html
from ui.brief.comparison import COMPACT, COMPARE_CSS, comparison_html
from ui.charts import country_color
from ui.compare import BY
from ui.compare_picker import (
    clear_url,
    pick,
    seed_from_url,
    selection_ranking,
    side_notes,
    url_comparison,
    write_url,
)
from ui.components import EXPORT_COLUMNS, chart_as, csv_bytes, export_data, json_bytes, statements_filename
from ui.data import cached_brief, cached_option_values, cached_selection_brief
from ui.filters import RIGHT_OF_ALL, RIGHT_WHEN_CONFIDENT
from ui.labels import topic_color
from ui.layout import empty_notice, page_header, page_selection, plural, view_provenance
from ui.pdf import PdfUnavailable, find_chromium, html_to_pdf
from ui.queries import CONFIDENT, REPRESENTATIVE_SAMPLE
from ui.safe import http_url, md

QUOTE_CSS = """
<style>
.qa-brief-quote{border-left:4px solid #1f5fa8;padding:.35rem .9rem;margin:.4rem 0 .9rem}
.qa-brief-words{font-family:Georgia,"Liberation Serif",serif;font-size:1.12rem;line-height:1.45}
.qa-brief-context{font-family:Georgia,"Liberation Serif",serif;opacity:.85;margin:.3rem 0;font-size:.97rem}
.qa-brief-context mark,.qa-brief-words mark{background:rgba(255,214,0,.45);color:inherit;border-radius:2px}
.qa-brief-about{opacity:.7;font-size:.85rem}
.qa-brief-chip{display:inline-block;border-radius:1rem;padding:.05rem .7rem;margin:.15rem .25rem .15rem 0;
 font-size:.9rem}
.qa-brief-phrase{display:inline-block;border:1px solid rgba(128,128,128,.5);border-radius:1rem;padding:0 .6rem;
 margin:.1rem .2rem}
.qa-brief-compare{--muted:rgba(128,128,128,.95);--rule:rgba(128,128,128,.35);--cmp-size:.9rem;margin:.2rem 0 .8rem}
.qa-brief-compare .cmp-legend{margin:0 0 .3rem}
</style>
"""
#: Presentation mode: the comparison in projector type, its choice hidden like the other tools.
PRESENT_COMPARE_CSS = ("<style>.qa-brief-compare{--cmp-size:1.15rem}.qa-brief-compare .cmp{grid-template-columns:"
                       "1fr 1.1fr 1.9fr}.st-key-brief_compare{display:none}</style>")
FORM_KEYS = list(FORMATS)


def _print_pdf(brief: Brief, theme: str, document_key: str) -> None:
    """Button callback (runs before the page, so one click is enough even across reruns)."""
    st.session_state.pop("brief_pdf_error", None)
    try:
        st.session_state["brief_pdf"] = (document_key, html_to_pdf(brief_html(brief, theme=theme)))
    except PdfUnavailable as error:
        st.session_state["brief_pdf_error"] = str(error)


def _pdf_section(brief: Brief, theme: str, document_key: str) -> None:
    """PDF in two steps (printing takes a few seconds): prepare, then download."""
    if find_chromium() is None:
        st.info("PDF export needs Chromium on the server, which is not installed here. "
                "Download the HTML brief and use your browser's Print → Save as PDF.")
        return
    ready = st.session_state.get("brief_pdf")
    if ready and ready[0] == document_key:
        st.download_button("Download PDF", ready[1], file_name=brief_filename(brief, "pdf"),
                           mime="application/pdf", key="brief_pdf_download", icon=":material/picture_as_pdf:")
        return
    st.button("Prepare PDF", key="brief_pdf_prepare", icon=":material/picture_as_pdf:",
              on_click=_print_pdf, args=(brief, theme, document_key), help="Prints this brief with headless Chromium")
    if st.session_state.get("brief_pdf_error"):
        st.warning(md(st.session_state["brief_pdf_error"]))


def _on_screen(fig: go.Figure, presenting: bool, dark: bool) -> go.Figure:
    """A copy of a brief figure for the page: the page's width, larger type on a projector."""
    copy = go.Figure(fig)
    copy.update_layout(width=None, autosize=True)
    if copy.layout.height and copy.layout.height < 300:  # one page's small charts, on a screen
        copy.update_layout(height=320)
        copy.update_traces(colorbar_tickfont_size=16 if presenting else 12, selector=dict(type="choropleth"))
    if presenting:
        copy.update_layout(font_size=18, title_font_size=24)
        copy.update_xaxes(tickfont_size=17, title_font_size=18)
        copy.update_yaxes(tickfont_size=17, title_font_size=18)
    if dark and any(t.type == "choropleth" for t in copy.data):  # light = more, on dark land
        copy.update_geos(landcolor="#2b3540", countrycolor="#5d6874", coastlinecolor="#7b8692")
        copy.update_traces(reversescale=True)
    return copy


def _sources_table(brief: Brief) -> pd.DataFrame:
    # A missing or non-http URL is "": the LinkColumn draws a null as the word "None" (session 19, qa5).
    return pd.DataFrame({
        "Article": [s.title for s in brief.sources], "Outlet": [s.outlet or "—" for s in brief.sources],
        "Date": [s.date or "—" for s in brief.sources], "URL": [http_url(s.url) or "" for s in brief.sources],
        "Statements": [s.statements for s in brief.sources],
    })


def _tools(brief: Brief, selection, dark: bool, note: str = "") -> tuple[str, str]:
    """Headline, format, theme, chart format, the downloads and ``note`` (which statements the
    brief uses), all hidden in presentation mode; returns (theme, image format).
    """
    with st.container(key="brief_tools"):
        left, middle, right = st.columns([2, 2, 1])
        left.text_input("Headline", key="brief_headline", placeholder=brief.title)
        middle.radio("Format", FORM_KEYS, format_func=lambda k: FORMATS[k].label, horizontal=True,
                     key="brief_form")
        theme = right.radio("File theme", ["light", "dark"], index=1 if dark else 0, horizontal=True,
                            key="brief_theme")
        image_format = st.radio("Chart downloads (camera in each chart's toolbar)", ["PNG", "SVG"],
                                horizontal=True, key="brief_image_format").lower()
        st.caption(f"{page_summary(brief)} · {theme} theme")
        if note:
            st.caption(note)
        document_key = hashlib.sha1(repr((brief.title, brief.form, theme, brief.statements, brief.generated,
                                          st.session_state.get("run_filters"))).encode()).hexdigest()
        cols = st.columns(4)
        with cols[0]:
            st.download_button("Download HTML brief", lambda: brief_html(brief, theme=theme),
                               file_name=brief_filename(brief, "html"), mime="text/html",
                               key="brief_html_download", icon=":material/download:",
                               help="One file that opens offline, with the map and charts")
        with cols[1]:
            _pdf_section(brief, theme, document_key)
        count = selection.count()
        cols[2].download_button("Download CSV", export_data(lambda: csv_bytes(selection.export_rows(EXPORT_COLUMNS)),
                                                            count),
                                file_name=statements_filename(selection.filters, "csv"), mime="text/csv",
                                key="brief_statements_csv", icon=":material/table:")
        cols[3].download_button("Download JSON", export_data(lambda: json_bytes(selection.export_rows(EXPORT_COLUMNS)),
                                                             count),
                                file_name=statements_filename(selection.filters, "json"), mime="application/json",
                                key="brief_statements_json", icon=":material/data_object:")
    return theme, image_format


def _speakers(brief: Brief, numbers: dict[str, int]) -> None:
    """The speaker groups; on one page each quote cites its numbered source."""
    for group in brief.groups:
        shown = f" (showing {len(group.quotes)})" if group.total > len(group.quotes) else ""
        noun = "statement" if group.total == 1 else "statements"
        st.markdown(f"#### {md(group.speaker)} — {group.total:,} {noun}{shown}")
        if group.mentions and not numbers:
            st.caption("Named in the text as: " + ", ".join(md(m) for m in group.mentions))
        if brief.page_format.one_page and group.total > REPRESENTATIVE_SAMPLE:
            st.caption(f"Chosen among their {REPRESENTATIVE_SAMPLE:,} most recently stored statements.")
        # st.html: a quote spanning paragraphs would otherwise be Markdown after its blank line.
        st.html("".join(quote_card_html(q, "qa-brief-", with_source=False).replace(
            '<div class="qa-brief-about">', f'<div class="qa-brief-about">[{numbers[q.article_id]}] · ')
            if q.article_id in numbers else quote_card_html(q, "qa-brief-", with_source=False)
            for q in group.quotes))


def _confidence_note(selection) -> str:
    """Which statements the brief is made of, as to confidence: those of the selection, as on every
    page. The sidebar's "Confident statements only" is the one control (session 20: the Briefing's own
    box of the same name, ticked by default beside the sidebar's unticked one, read as a contradiction).
    """
    total = selection.count()
    if selection.filters.min_confidence >= CONFIDENT:
        return (f"Confident statements only (confidence at least {CONFIDENT:.0%}), as the sidebar's "
                "“Confident statements only” asks.")
    confident = source.selection(dataclasses.replace(selection.filters, min_confidence=CONFIDENT)).count()
    if confident == total:
        return f"Every statement of this selection is confident (confidence at least {CONFIDENT:.0%})."
    below = total - confident
    note = (f"Statements of any confidence: {below:,} of the {plural(total, 'statement')} of this selection "
            f"{'is' if below == 1 else 'are'} below {CONFIDENT:.0%}")
    if not confident:
        return note + "."
    return (note + f"; tick “Confident statements only” in the sidebar to brief only the {confident:,} confident "
            f"{'one' if confident == 1 else 'ones'} ({RIGHT_WHEN_CONFIDENT}% of them right on hand-checked news, "
            f"against {RIGHT_OF_ALL}% of all).")


def _comparison(selection) -> tuple[str, str, str] | None:
    """"Compare with…": two selections (the Compare page's ``by``, ``a``, ``b``, also from the URL)
    whose comparison the brief adds; None when off or not yet two sides.
    """
    options = source.option_values(cached_option_values)
    unknown = seed_from_url(source, options, "brief_compare")
    url = url_comparison()
    st.session_state.setdefault("brief_compare_on", bool(url[1] and url[2]))
    if url[1] and url[2] and st.session_state.get("brief_compare_seen_on") != url:
        st.session_state["brief_compare_on"] = True  # a link with a comparison turns it on
    st.session_state["brief_compare_seen_on"] = url
    with st.container(key="brief_compare"):
        on = st.toggle("Compare with…", key="brief_compare_on",
                       help="Add a comparison of two selections (A vs B) to the brief, as on the Compare page")
        if unknown:
            st.warning("Not a way to compare, so not applied: " + ", ".join(md(v) for v in unknown)
                       + " (compare speakers, countries, topics or periods).")
        if not on:
            if any(url):
                clear_url("brief_compare")
                st.session_state["brief_compare_seen_on"] = url_comparison()
            return None
        by = st.radio("Compare", list(BY), format_func=BY.get, horizontal=True, key="brief_compare_by")
        a, b = pick(selection.date_range, options, by, "brief_compare",
                    ranked=lambda by: selection_ranking(selection, by))
        notes = side_notes(by, a, b, options, "brief_compare")
        if notes:  # the link's side stays in the URL; the brief compares nothing in its place
            st.warning(". ".join(notes) + ". Kept in the link, so the brief compares nothing in its place.",
                       icon=":material/filter_alt_off:")
            return None
        if not (a and b):
            return None
        write_url(by, a, b, "brief_compare")
        st.session_state["brief_compare_seen_on"] = url_comparison()
        if a == b:
            st.info("A and B are the same selection: pick two different ones to compare.")
            return None
    return by, a, b


source, selection = page_selection()
filters = selection.filters
total = selection.count()
# The toggle lives in the sidebar of every page (ui/layout.py); here it also reshapes the brief.
presenting = bool(st.session_state.get("presentation_mode", False))
if not presenting or not total:
    page_header("Briefing", filters, total, "one page to present or download; the long form has everything")

if not empty_notice(total):
    dark = getattr(st.context.theme, "type", None) == "dark"
    headline = st.session_state.get("brief_headline", "").strip() or None
    form = st.session_state.get("brief_form", "a4")
    tools = st.container()
    if presenting:
        st.html(PRESENT_COMPARE_CSS)
    comparison = _comparison(selection)
    confident_note = _confidence_note(selection)
    if (comparison is not None or not FORMATS[form].one_page) and not source.loadable:
        st.info(f"The long form and a compared brief read every statement of the store into memory: with "
                f"{source.articles:,} articles this store is too large for that here, so this is the one-page "
                f"brief{' without the comparison (the Compare page compares the two sides)' if comparison else ''}. "
                f"`python -m analysis export` writes every statement.", icon=":material/memory:")
        form, comparison = (form if FORMATS[form].one_page else "a4"), None
    if FORMATS[form].one_page and comparison is None:  # from counts and the top speakers' statements
        brief = cached_selection_brief(selection, headline, form=form)
    else:  # every statement: the loaded corpus (the long form, a comparison)
        brief = cached_brief(source.corpus, filters, source.frame_quotes(filters), headline, form=form,
                             compare=comparison)
    brief = dataclasses.replace(brief, provenance=view_provenance(source, filters, "briefing"))
    with tools:
        theme, image_format = _tools(brief, selection, dark, confident_note)

    st.markdown(QUOTE_CSS, unsafe_allow_html=True)
    if presenting:  # the brief's own headline is the page title on a projector
        st.title(md(brief.title), anchor=False)
    else:
        st.header(md(brief.title), anchor=False)
    st.caption(f"{md(brief.description)} · {brief.statements:,} statements · {brief.articles:,} "
               f"{'article' if brief.articles == 1 else 'articles'} · made {brief.generated}")
    if brief.comparison is not None:
        st.subheader("Compare", anchor=False)
        st.html(f"<style>{COMPARE_CSS}</style><div class='qa-brief-compare'>"
                f"{comparison_html(brief.comparison, rows=COMPACT)}</div>")
    figures = {key: _on_screen(fig, presenting, dark) for key, fig in brief.figures.items()}
    one_page = brief.page_format.one_page
    if one_page:
        numbers = {s.article_id: i for i, s in enumerate(brief.sources, start=1)}
        left, right = st.columns([3, 2]) if not presenting else st.columns([1, 1])
        with left:
            st.subheader("Top speakers", anchor=False)
            _speakers(brief, numbers)
        with right:
            if "map" in figures:
                st.subheader("Countries named", anchor=False)
                chart_as(figures["map"], key="brief_map", image_format=image_format)
            if "chart" in figures:
                meta = brief.figures["chart"].layout.meta
                st.subheader(md(meta.get("title", "") if isinstance(meta, dict) else ""), anchor=False)
                chart_as(figures["chart"], key="brief_chart", image_format=image_format)
            if brief.phrases:
                st.subheader("Key phrases", anchor=False)
                st.html(" ".join(f'<span class="qa-brief-phrase">{html.escape(p)}</span>' for p in brief.phrases))
        shown = sum(len(g.quotes) for g in brief.groups)
        whose = "the named speaker" if len(brief.groups) == 1 else f"the top {len(brief.groups)} named speakers"
        st.caption(f"{shown} of {brief.statements:,} statements shown, the most representative of {whose}; the long "
                   "form and the downloads have them all.")
    else:
        if brief.countries:
            st.markdown("**Countries** &nbsp;" + chips_html(brief.countries, country_color, css="qa-brief-chip"),
                        unsafe_allow_html=True)
        if brief.topics:
            st.markdown("**Topics** &nbsp;" + chips_html(brief.topics, topic_color, css="qa-brief-chip"),
                        unsafe_allow_html=True)
        st.subheader("Key quotes by speaker", anchor=False)
        _speakers(brief, {})
        if brief.omitted:
            st.caption(f"{brief.omitted} more statements are in the CSV/JSON download and on the Quotes page.")
        st.subheader("Charts", anchor=False)
        if "map" in figures:
            chart_as(figures["map"], key="brief_map", image_format=image_format)
        keys = [k for k in ("countries", "topics", "speakers") if k in figures]
        columns = st.columns(1 if presenting else 2)
        for index, key in enumerate(keys):
            with columns[index % len(columns)]:
                chart_as(figures[key], key=f"brief_{key}", image_format=image_format)

    st.subheader("Sources", anchor=False)
    if one_page and brief.articles > len(brief.sources):
        st.caption(f"The {plural(len(brief.sources), 'article')} the quotes above come from, numbered as cited; "
                   f"{brief.articles:,} in all (long form).")
    st.dataframe(_sources_table(brief).rename_axis("#").set_axis(range(1, len(brief.sources) + 1)),
                 hide_index=not one_page, key="brief_sources",
                 # Sized, so that URL and Statements stay in view: an outlet of the shared corpus
                 # ("Ukraine-crisis news (outlet not recorded; ...)") took the table's whole width.
                 column_config={"Article": st.column_config.TextColumn("Article", width="large"),
                                "Outlet": st.column_config.TextColumn("Outlet", width="medium"),
                                "URL": st.column_config.LinkColumn("URL", display_text="open", width="small")})
    st.caption(md(brief.provenance))
