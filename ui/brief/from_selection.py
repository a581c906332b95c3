"""The one-page brief of a :class:`ui.selection.Selection`: the same :class:`~ui.brief.model.Brief`
as :func:`ui.brief.select.build_brief` (one page, no comparison), made from the selection's counts
and the statements of its top speakers only, so the engine answers it out of core.

The long form and a brief with a comparison need every selected statement
(:func:`ui.brief.select.build_brief` on the loaded corpus).
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from ui.brief.figures import one_page_charts
from ui.brief.model import FORMATS, Brief, SpeakerGroup
from ui.brief.select import (
    brief_title,
    describe_filters,
    fit_to_page,
    one_page_budget,
    short_quote,
    sources_of,
)
from ui.labels import country_name, topic_label
from ui.selection import Selection, evidence_words

#: The statement columns a brief's quotes read.
QUOTE_FIELDS = ("quote_id", "article_id", "kind", "start", "end", "text", "speaker", "speaker_start", "speaker_end",
                "cue_start", "cue_end", "countries", "topics", "tone", "segments", "speaker_mention", "cue", "title",
                "date", "outlet")
#: The article columns the brief's sources read.
SOURCE_FIELDS = ("article_id", "title", "outlet", "date", "url")


def _groups(selection: Selection, form: str, urls: dict[str, str]) -> tuple[tuple[SpeakerGroup, ...], int]:
    """:func:`ui.brief.select.one_page_groups` of ``selection`` (no comparison)."""
    page = FORMATS[form]
    budget, max_speakers, most = one_page_budget(form)
    total = selection.count()
    ranking = selection.speaker_counts()["speaker"].head(max_speakers).tolist()
    picked: dict[str, list] = {}
    narrowed: dict[str, Selection] = {}
    for speaker in ranking:
        mine = narrowed[speaker] = selection.narrowed(speaker)
        phrases = [k.phrase for k in mine.keywords(8)]
        rows = mine.representative(phrases, most, QUOTE_FIELDS)  # the best few only, not all the speaker's
        picked[speaker] = list(rows.assign(url=rows["article_id"].map(urls)).itertuples())
    counts = fit_to_page(picked, page.quote_chars, budget)
    groups, shown = [], 0
    for speaker, rows in picked.items():
        items = tuple(short_quote(row, page.quote_chars) for row in rows[:counts[speaker]])
        groups.append(SpeakerGroup(speaker=speaker, mentions=narrowed[speaker].mentions_in_order(),
                                   total=narrowed[speaker].count(), quotes=items))
        shown += len(items)
    return tuple(groups), total - shown


def selection_brief(selection: Selection, articles: pd.DataFrame, *, title: str | None = None, form: str = "a4",
                    today: _dt.date | None = None) -> Brief:
    """The one-page brief (``form`` ``a4`` or ``slide``) of the statements ``selection`` holds.

    Args:
        selection: The statements (engine or pandas: the same brief).
        articles: The store's articles (:data:`SOURCE_FIELDS`), for the sources and links.
        title: Headline; defaults to :func:`ui.brief.select.brief_title`.
        form: A one-page :data:`~ui.brief.model.FORMATS` key.
        today: Date printed on the brief (default: today).

    Raises:
        ValueError: For a format that is not one page.
    """
    if form not in FORMATS or not FORMATS[form].one_page:
        raise ValueError(f"a brief of a selection is one page ('a4' or 'slide'), not {form!r}")
    filters = selection.filters
    total = selection.count()
    groups, omitted, sources, countries, topics, phrases, figures, speakers = (), 0, (), (), (), (), {}, 0
    if total:
        urls = dict(zip(articles["article_id"].astype(object), articles["url"].astype(object), strict=True))
        groups, omitted = _groups(selection, form, urls)
        per_article = selection.statements_by("article_id").set_index("article_id")["statements"]
        cited = [a for a in dict.fromkeys(q.article_id for g in groups for q in g.quotes) if a in per_article.index]
        # Only the cited sources are shown (in the order the quotes cite them): not one record per article.
        by_id = {s.article_id: s for s in sources_of(per_article.loc[cited], articles)}
        shown_sources = tuple(by_id[a] for a in cited if a in by_id)
        sources = per_article
        country_table = selection.country_counts()
        countries = tuple((str(r.iso3), country_name(r.iso3), int(r.statements)) for r in country_table.itertuples())
        topics = tuple((str(r.topic), topic_label(r.topic), int(r.statements))
                       for r in selection.topic_counts().itertuples())
        phrases = tuple(k.phrase for k in selection.keywords(12))
        evidence = evidence_words(selection.country_evidence())
        figures = one_page_charts(country_table, selection.topic_counts, filters, form, evidence)
        speakers = selection.summary()["speakers"]
    else:
        shown_sources = ()
    return Brief(
        title=title or brief_title(filters), description=describe_filters(filters),
        generated=(today or _dt.date.today()).isoformat(), statements=total, groups=groups,
        countries=countries, topics=topics, sources=shown_sources, figures=figures, omitted=omitted,
        form=form, phrases=phrases, articles=len(sources), speakers=speakers, comparison=None,
    )
