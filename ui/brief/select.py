"""What goes into a brief: statements by speaker with their context, countries, topics, sources.

Pure functions over the filtered statements (no streamlit). :func:`build_brief` chooses for a
page format (:data:`ui.brief.model.FORMATS`): on one page the top five named speakers with
their two or three most representative statements, cut to a few lines
(:func:`ui.brief.from_selection.selection_brief`, the same on the engine); in the long form every
speaker group with up to six statements and their paragraphs.
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from analysis.query import (
    Filters,
    country_counts,
    country_mentions,
    evidence_words,
    speaker_counts,
    statement_keywords,
    strings,
    topic_counts,
)
from analysis.query import describe_filters as query_describe
from analysis.store import Corpus
from ui.annotate import quoted_segments
from ui.brief.comparison import brief_comparison, comparison_title
from ui.brief.figures import brief_figures
from ui.brief.model import FORMATS, UNKNOWN_SPEAKER, Brief, BriefComparison, BriefQuote, BriefSource, SpeakerGroup
from ui.labels import country_name, distinct_names, topic_label

#: Longest context shown around a quote, in characters (the paragraph is cut at sentence ends).
CONTEXT_CHARS = 700
#: Characters of all the quotes of a one-page A4 brief together; beyond it speakers get two, not three.
ONE_PAGE_QUOTE_BUDGET = {"a4": 3400, "slide": 1500}
#: With a comparison on the page (it takes a band across the sheet): the budget, most speakers and most
#: statements per speaker (two compared speakers share the column: each may have more).
ONE_PAGE_COMPARED = {"a4": (2000, 4, 5), "slide": (700, 3, 2)}


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


def cut_words(text: str, limit: int) -> str:
    """``text`` whole when it has at most ``limit`` characters, else cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;:") + "…"


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
        article_id=str(row.article_id),
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


def representative_order(quotes: pd.DataFrame, phrases: list[str]) -> pd.DataFrame:
    """One speaker's statements, most representative first, each wording once.

    A statement scores for each of the speaker's key ``phrases`` it contains (what the speaker
    talks about most), for being quoted words (direct 2, mixed 1: confident attribution), for
    naming a country or topic, and for a length that reads on one page (60 to 300 characters);
    statements whose first 80 characters repeat a better one's (versions of a story) are left out.
    """
    texts = strings(quotes["text"]).fillna("").tolist()
    lowered = [text.lower() for text in texts]
    wanted = [phrase.lower() for phrase in phrases]
    kinds = strings(quotes["kind"]).tolist()
    # Plain Python over one speaker's statements: pandas string methods per phrase cost ~0.2 s a speaker.
    scores = [sum(2 for phrase in wanted if phrase in low) + (2 if kind == "direct" else 1 if kind == "mixed" else 0)
              + (len(countries) > 0) + (len(topics) > 0) + (2 if 60 <= len(text) <= 300 else 0)
              - (3 if len(text) < 30 else 0)
              for text, low, kind, countries, topics in zip(texts, lowered, kinds, quotes["countries"],
                                                            quotes["topics"], strict=True)]
    order = sorted(range(len(texts)), key=lambda i: -scores[i])  # stable: ties keep their order
    seen: set[str] = set()
    keep = []
    for i in order:
        wording = " ".join(lowered[i].split())[:80]
        if wording not in seen:
            seen.add(wording)
            keep.append(i)
    return quotes.iloc[keep]


def speaker_groups(quotes: pd.DataFrame, article_texts: dict[str, str], max_speakers: int = 10,
                   max_quotes_per_speaker: int = 6) -> tuple[tuple[SpeakerGroup, ...], int]:
    """Key statements grouped by canonical speaker (the long form).

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
        groups.append(SpeakerGroup(speaker=speaker, mentions=mentions_in(mine), total=len(mine), quotes=items))
        shown += len(items)
    return tuple(groups), len(quotes) - shown


def mentions_in(mine: pd.DataFrame) -> tuple[str, ...]:
    """The ways the texts name the speaker of the statements ``mine``, in order of first use, once each
    whatever its case (:func:`ui.labels.distinct_names`).
    """
    return tuple(distinct_names(m for m in strings(mine["speaker_mention"]).dropna() if m.strip()))


def one_page_budget(form: str, compared: bool = False) -> tuple[int, int, int]:
    """(characters of all quotes, most speakers, most statements per speaker) of a one-page ``form``."""
    page = FORMATS[form]
    return (ONE_PAGE_COMPARED[form] if compared else
            (ONE_PAGE_QUOTE_BUDGET[form], page.max_speakers, page.quotes_per_speaker))


def fit_to_page(picked: dict[str, list], quote_chars: int, budget: int) -> dict[str, int]:
    """How many of each speaker's ``picked`` statements (rows, best first) fit: two each, then the
    first speakers one more (a pass at a time) while their words, each cut to ``quote_chars``,
    stay within ``budget`` characters.
    """
    counts = {speaker: min(2, len(rows)) for speaker, rows in picked.items()}

    def used() -> int:
        return sum(min(len(_text(r.text)), quote_chars) for s, rows in picked.items() for r in rows[:counts[s]])

    full = False
    while not full and any(len(rows) > counts[s] for s, rows in picked.items()):
        for speaker, rows in picked.items():
            if len(rows) > counts[speaker]:
                counts[speaker] += 1
                if used() > budget:
                    counts[speaker] -= 1
                    full = True
                    break
    return counts


def short_quote(row, limit: int) -> BriefQuote:
    """A statement for one page: its words cut to ``limit`` characters, no context."""
    quote = _brief_quote(row, "")
    text = cut_words(quote.text, limit)
    if text == " ".join(quote.text.split()) and text == quote.text:
        return quote
    # The quoted stretches no longer line up with the cut text: the card shows it whole.
    return BriefQuote(**{**quote.__dict__, "text": text, "segments": ()})


def brief_sources(quotes: pd.DataFrame, articles: pd.DataFrame) -> tuple[BriefSource, ...]:
    """The articles the statements come from, oldest first (undated last)."""
    return sources_of(strings(quotes["article_id"]).value_counts(), articles)


def sources_of(counts: pd.Series, articles: pd.DataFrame) -> tuple[BriefSource, ...]:
    """The ``articles`` (``article_id``, ``title``, ``outlet``, ``date``, ``url``) in ``counts`` (article
    id -> statements), oldest first (undated last).
    """
    rows = articles[articles["article_id"].isin(counts.index)]
    rows = rows.sort_values(["date", "title"], na_position="last", kind="stable")
    return tuple(BriefSource(article_id=str(r.article_id), title=_text(r.title) or str(r.article_id),
                             outlet=_text(r.outlet), date=_text(r.date), url=_text(r.url),
                             statements=int(counts[r.article_id])) for r in rows.itertuples())


def country_evidence(corpus: Corpus, quotes: pd.DataFrame) -> dict[str, str]:
    """iso3 -> the words that named the country in the statements' articles (for map hovers)."""
    return evidence_words(country_mentions(corpus, quotes))


def describe_filters(filters: Filters) -> str:
    """The filters in words (see :func:`analysis.query.describe_filters`)."""
    return query_describe(filters)


def brief_title(filters: Filters, comparison: BriefComparison | None = None) -> str:
    """A headline for the brief from its filters ("Briefing: Germany or France, Elections"), or from its comparison
    ("Briefing: Vladimir Putin vs Tony Blair", the filters after it: "… · Ukraine").
    """
    # Values of one filter are alternatives ("Germany or France", as the page header says), filters together narrow.
    groups = ([country_name(c) for c in filters.countries], [topic_label(t) for t in filters.topics],
              list(filters.speakers))
    subjects = [" or ".join(values) for values in groups if values]
    if filters.search:
        subjects.append(f"“{filters.search}”")
    if comparison is not None:
        return f"Briefing: {comparison_title(comparison)}" + (f" · {', '.join(subjects)}" if subjects else "")
    return "Briefing: " + (", ".join(subjects) if subjects else "all statements")


def build_brief(corpus: Corpus, filters: Filters, quotes: pd.DataFrame, *, title: str | None = None,
                form: str = "long", max_speakers: int | None = None, max_quotes_per_speaker: int | None = None,
                today: _dt.date | None = None, compare: tuple[str, str, str] | None = None) -> Brief:
    """Gather the brief for the filtered statements.

    Args:
        corpus: The loaded store (read only); the long form needs the texts of the statements'
            articles (for the context), one page does not.
        filters: The active filters (for the title and description).
        quotes: The statements matching ``filters`` (``filter_quotes(corpus, filters)``).
        title: Headline; defaults to :func:`brief_title`.
        form: A :data:`~ui.brief.model.FORMATS` key: ``a4`` or ``slide`` (one page), ``long``.
        max_speakers: Long form: most speakers whose quotes are listed (default: the format's).
        max_quotes_per_speaker: Long form: most quotes listed per speaker (default: the format's).
        today: Date printed on the brief (default: today).
        compare: ``(by, a, b)`` as the Compare page's link names them: the brief gets the
            comparison of A and B (:func:`ui.brief.comparison.brief_comparison`) and is made of
            their statements together; on one page, fewer speakers leave room for it.

    Returns:
        The :class:`Brief`; with no matching statement it has no groups, sources or figures.

    Raises:
        ValueError: For an unknown ``form``, or a ``compare`` that names no side (see
            :func:`ui.compare.side_quotes`).
    """
    if form not in FORMATS:
        raise ValueError(f"unknown brief format {form!r}; expected one of {sorted(FORMATS)}")
    page = FORMATS[form]
    comparison = None
    if compare is not None:
        comparison, quotes = brief_comparison(corpus, quotes, *compare, filters=filters)
    if page.one_page:
        # One mechanism for one page, whatever answers: the statements as a private selection.
        # (Imported here: ui.selection.frame imports this module for representative_order.)
        from ui.brief.from_selection import selection_brief
        from ui.selection import FrameSelection

        return selection_brief(FrameSelection(corpus, filters, quotes), title=title, form=form, today=today,
                               comparison=comparison)
    articles = corpus.articles
    urls = dict(zip(articles["article_id"], articles["url"], strict=True))
    enriched = quotes.assign(url=strings(quotes["article_id"]).map(urls)) if not quotes.empty else quotes
    sources = brief_sources(quotes, articles) if not quotes.empty else ()
    texts = dict(zip(articles["article_id"], articles["text"], strict=True)) if "text" in articles else {}
    groups, omitted = speaker_groups(enriched, texts, max_speakers or page.max_speakers,
                                     max_quotes_per_speaker or page.quotes_per_speaker)
    countries = tuple((str(r.iso3), country_name(r.iso3), int(r.statements))
                      for r in country_counts(quotes).itertuples()) if not quotes.empty else ()
    topics = tuple((str(r.topic), topic_label(r.topic), int(r.statements))
                   for r in topic_counts(quotes).itertuples()) if not quotes.empty else ()
    # A comparison's distinctive phrases say more than the phrases of both sides together.
    phrases = (tuple(k.phrase for k in statement_keywords(corpus, quotes, top_n=12))
               if not quotes.empty and comparison is None else ())
    evidence = country_evidence(corpus, quotes) if not quotes.empty else {}
    description = describe_filters(filters)
    if comparison is not None:
        description += f" · compared: A {comparison.a.label} vs B {comparison.b.label}"
    return Brief(
        title=title or brief_title(filters, comparison), description=description,
        generated=(today or _dt.date.today()).isoformat(), statements=len(quotes), groups=groups,
        countries=countries, topics=topics, sources=sources, figures=brief_figures(quotes, evidence),
        omitted=omitted, form=form, phrases=phrases, articles=len(sources),
        speakers=int(strings(quotes["speaker"]).nunique()) if not quotes.empty else 0, comparison=comparison,
    )
