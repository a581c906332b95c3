"""The one-page brief of a :class:`ui.selection.Selection`: the only way a one-page
:class:`~ui.brief.model.Brief` is made, on the engine (out of core) and on the loaded corpus alike
(:func:`ui.brief.select.build_brief` passes its statements here as a private frame selection).

It reads the selection's counts, the few most representative statements of its top speakers and
the rows of the articles those statements cite: never a row per statement or per article of the
selection (at a million articles a table of every article took seconds and hundreds of MB).
The long form needs every selected statement and its article's text (:func:`ui.brief.select.build_brief`).
"""

from __future__ import annotations

import datetime as _dt

from ui.brief.figures import one_page_charts
from ui.brief.model import FORMATS, Brief, BriefComparison, SpeakerGroup
from ui.brief.select import (
    brief_title,
    describe_filters,
    fit_to_page,
    one_page_budget,
    short_quote,
    sources_of,
)
from ui.labels import country_name, distinct_names, topic_label
from ui.selection import Selection, evidence_words

#: The statement columns a brief's quotes read.
QUOTE_FIELDS = ("quote_id", "article_id", "kind", "start", "end", "text", "speaker", "speaker_start", "speaker_end",
                "cue_start", "cue_end", "countries", "topics", "tone", "segments", "speaker_mention", "cue", "title",
                "date", "outlet")


def _groups(selection: Selection, form: str, compared: bool) -> tuple[tuple[SpeakerGroup, ...], int, dict]:
    """The top named speakers with their most representative statements, cut to fit one page.

    Every speaker gets two statements, then the first speakers a third (and so on up to the
    format's most, a pass at a time) while the format's character budget
    (:func:`ui.brief.select.one_page_budget`, smaller with a comparison on the page, ``compared``)
    allows. Statements of unnamed or unknown speakers are left out (the long form lists them).
    Returns ``(groups, omitted, sources)``: ``sources`` the cited articles' rows by article id
    (:meth:`ui.selection.Selection.article_sources`).
    """
    page = FORMATS[form]
    budget, max_speakers, most = one_page_budget(form, compared)
    ranking = selection.speaker_counts().head(max_speakers)
    picked, narrowed = {}, {}
    for speaker in ranking["speaker"]:
        mine = narrowed[speaker] = selection.narrowed(speaker)
        phrases = [k.phrase for k in mine.keywords(8)]
        picked[speaker] = mine.representative(phrases, most, QUOTE_FIELDS)  # the best few only
    cited = [a for rows in picked.values() for a in rows["article_id"]]
    sources = selection.article_sources(cited).set_index("article_id", drop=False)
    urls = sources["url"].to_dict()
    picked = {speaker: list(rows.assign(url=rows["article_id"].map(urls)).itertuples())
              for speaker, rows in picked.items()}
    counts = fit_to_page(picked, page.quote_chars, budget)
    groups, shown = [], 0
    for speaker, total in zip(ranking["speaker"], ranking["statements"], strict=True):
        items = tuple(short_quote(row, page.quote_chars) for row in picked[speaker][:counts[speaker]])
        mentions = tuple(distinct_names(narrowed[speaker].mentions_in_order()))
        groups.append(SpeakerGroup(speaker=speaker, mentions=mentions, total=int(total), quotes=items))
        shown += len(items)
    return tuple(groups), selection.count() - shown, sources


def selection_brief(selection: Selection, *, title: str | None = None, form: str = "a4",
                    today: _dt.date | None = None, comparison: BriefComparison | None = None) -> Brief:
    """The one-page brief (``form`` ``a4`` or ``slide``) of the statements ``selection`` holds.

    Args:
        selection: The statements (engine or pandas: the same brief); with a ``comparison``, the
            statements of its two sides.
        title: Headline; defaults to :func:`ui.brief.select.brief_title`.
        form: A one-page :data:`~ui.brief.model.FORMATS` key.
        today: Date printed on the brief (default: today).
        comparison: Two sides compared (:func:`ui.brief.comparison.brief_comparison`): it takes a band of
            the page, so fewer speakers are shown, and its distinctive phrases replace the key phrases.

    Raises:
        ValueError: For a format that is not one page.
    """
    if form not in FORMATS or not FORMATS[form].one_page:
        raise ValueError(f"a brief of a selection is one page ('a4' or 'slide'), not {form!r}")
    filters = selection.filters
    total = selection.count()
    groups, omitted, shown_sources, countries, topics, phrases, figures, speakers, articles = (
        (), 0, (), (), (), (), {}, 0, 0)
    if total:
        groups, omitted, sources = _groups(selection, form, comparison is not None)
        # Only the cited sources are shown, numbered in the order the quotes cite them.
        cited = [a for a in dict.fromkeys(q.article_id for g in groups for q in g.quotes) if a in sources.index]
        by_id = {s.article_id: s for s in sources_of(sources.loc[cited, "statements"], sources.loc[cited])}
        shown_sources = tuple(by_id[a] for a in cited if a in by_id)
        country_table = selection.country_counts()
        countries = tuple((str(r.iso3), country_name(r.iso3), int(r.statements)) for r in country_table.itertuples())
        topics = tuple((str(r.topic), topic_label(r.topic), int(r.statements))
                       for r in selection.topic_counts().itertuples())
        # A comparison's distinctive phrases say more than the phrases of both sides together.
        phrases = tuple(k.phrase for k in selection.keywords(12)) if comparison is None else ()
        evidence = evidence_words(selection.country_evidence())
        figures = one_page_charts(country_table, selection.topic_counts, filters, form, evidence)
        summary = selection.summary()
        speakers, articles = summary["speakers"], summary["articles"]
    description = describe_filters(filters)
    if comparison is not None:
        description += f" · compared: A {comparison.a.label} vs B {comparison.b.label}"
    return Brief(
        title=title or brief_title(filters, comparison), description=description,
        generated=(today or _dt.date.today()).isoformat(), statements=total, groups=groups,
        countries=countries, topics=topics, sources=shown_sources, figures=figures, omitted=omitted,
        form=form, phrases=phrases, articles=articles, speakers=speakers, comparison=comparison,
    )
