"""The article pipeline: one spaCy parse, then quotes, places, entities, keywords, topics, tone.

Flow: :class:`~analysis.records.Article` -> spaCy ``Doc`` -> :class:`~analysis.records.ArticleAnalysis`.
Each component reads the shared ``Doc``; nothing is parsed twice.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from analysis import countries, entities, keywords, quotes, tone, topics
from analysis.budget import BudgetExceeded, time_budget
from analysis.nlp import load_nlp
from analysis.places.focus import article_focus, statement_about
from analysis.records import (
    ANALYSIS_VERSION,
    CONLL_MARK,
    SIMILAR_MARK,
    TAGGER_MARK,
    TONE_MARK,
    Article,
    ArticleAnalysis,
    EntityMention,
    Quote,
    TopicHit,
)
from analysis.settings import DEFAULT_ARTICLE_SECONDS
from analysis.tone.statements import target_tones
from analysis.tone.targeted import load_tone_model

LOG = logging.getLogger(__name__)


def _quote_scope(quote: Quote) -> tuple[int, int]:
    """Span whose countries a quote is about: the content plus the cue clause next to it.

    "Putin warned Germany that ..." is about Germany although "Germany" is outside the
    content, so the stretch between cue and content counts too.
    """
    start, end = quote.start, quote.end
    if quote.cue_start is not None and quote.cue_end is not None:
        start, end = min(start, quote.cue_start), max(end, quote.cue_end)
    return start, end


def _countries_of(quote: Quote, places: list[EntityMention]) -> tuple[str, ...]:
    start, end = _quote_scope(quote)
    found: list[str] = []
    for place in places:
        if place.kind != "country" or place.start < start or place.end > end:
            continue
        inside_speaker = (quote.speaker_start is not None and quote.speaker_end is not None
                          and place.start >= quote.speaker_start and place.end <= quote.speaker_end)
        if not inside_speaker and place.key not in found:
            found.append(place.key)
    return tuple(found)


def _valid_span(start: int | None, end: int | None, length: int) -> bool:
    return start is not None and end is not None and 0 <= start < end <= length


def _sane(quote: Quote, length: int) -> Quote | None:
    """Drop a quote with an impossible content span; clear impossible speaker or cue spans."""
    if not _valid_span(quote.start, quote.end, length):
        return None
    if quote.speaker_start is not None and not _valid_span(quote.speaker_start, quote.speaker_end, length):
        quote = replace(quote, speaker_start=None, speaker_end=None)
    if quote.cue_start is not None and not _valid_span(quote.cue_start, quote.cue_end, length):
        quote = replace(quote, cue_start=None, cue_end=None)
    return quote


def current_version(tagger: bool = False, target_tone: bool = False, similar_topics: bool = False,
                    conll_people: bool = True) -> str:
    """The version analyses of this pipeline get: :data:`~analysis.records.ANALYSIS_VERSION`, with
    ``+tagger`` when the content tagger runs (its quotes differ), ``+tone`` when the tone
    towards targets is measured, ``+similar`` when topics are also found by similar meaning and
    ``+modelner`` when people and organisations come from the model's own recogniser (the
    CoNLL-trained one is the default), so switching
    any of them re-analyses a store.
    """
    from analysis.quotes.tagger import load_tagger

    tone_mark = TONE_MARK if target_tone and load_tone_model() is not None else ""
    return (ANALYSIS_VERSION + (TAGGER_MARK if load_tagger(tagger) is not None else "") + tone_mark
            + (SIMILAR_MARK if similar_topics else "") + ("" if conll_people else CONLL_MARK))


def _canonical_speaker(quote: Quote, people: dict[str, str]) -> str | None:
    if quote.speaker is None:
        return None
    return people.get(quote.speaker, quote.speaker)


def analyse_doc(
    article: Article, doc, tagged: list[tuple[int, int]] | None = None, version: str | None = None,
    target_tone: bool = False, similar_topics: bool = False,
) -> ArticleAnalysis:
    """Analyse one article whose text has already been parsed into ``doc``.

    Args:
        article: The article; ``article.text`` must equal ``doc.text``.
        doc: The spaCy ``Doc`` of ``article.text``.
        tagged: The content tagger's spans, when :func:`analysis.quotes.tag_ahead` computed
            them already (else :func:`analysis.quotes.extract_quotes` does, if it is on).
        version: The analysis version to record (default :func:`current_version` without the tagger).
        target_tone: Also give each statement its tone towards each person and country it
            names (``Quote.target_tones``; off by default: about 0.2-0.3 times bare spaCy's
            time more, docs/speed.md).
        similar_topics: Also give a sentence or statement whose words trigger no topic the topic
            nearest in meaning, when near enough (:mod:`analysis.topics.similar`, evidence "similar
            meaning"; off by default: about 0.35 times bare spaCy's time more, docs/accuracy.md).

    Returns:
        The complete analysis with quotes enriched by countries, topics, tone and the tone
        towards each person and country they name.
    """
    text = article.text
    places = countries.find_places(text, doc)
    people_orgs = entities.find_people_and_organizations(doc, places=places)
    aliases = {m.evidence: m.key for m in people_orgs if m.kind == "person"}
    aliases.update({m.key: m.key for m in people_orgs if m.kind == "person"})

    raw_quotes = [q for q in (_sane(q, len(text)) for q in quotes.extract_quotes(doc, tagged)) if q is not None]
    sentence_spans = [(s.start_char, s.end_char) for s in doc.sents]
    quote_spans = [(q.start, q.end) for q in raw_quotes]
    hits = topics.assign_topics(text, sentence_spans + quote_spans, similar=similar_topics)
    hits_by_span: dict[tuple[int, int], list[TopicHit]] = {}
    for hit in hits:
        hits_by_span.setdefault((hit.start, hit.end), []).append(hit)

    enriched = []
    for quote in raw_quotes:
        quote_topics = tuple(dict.fromkeys(h.topic for h in hits_by_span.get((quote.start, quote.end), ())))
        enriched.append(replace(
            quote,
            speaker=_canonical_speaker(quote, aliases),
            countries=_countries_of(quote, places),
            about=statement_about(quote, places, text),
            topics=quote_topics,
            tone=round(tone.tone(quote.text), 4),
        ))
    tones = target_tones(text, enriched, places + people_orgs, load_tone_model() if target_tone else None,
                         sentence_spans)
    enriched = [replace(quote, target_tones=found) for quote, found in zip(enriched, tones, strict=True)]
    # Hits are kept for sentences and quotes alike: they are the evidence a user sees.
    all_hits = tuple(dict.fromkeys(hits))
    return ArticleAnalysis(
        article=article,
        quotes=tuple(enriched),
        mentions=tuple(sorted(places + people_orgs, key=lambda m: (m.start, m.end))),
        keywords=tuple(keywords.extract_keywords(doc, top_n=10)),
        topic_hits=all_hits,
        # VADER saturates on long texts; the mean over sentences is a readable article tone.
        tone=round(tone.mean_tone(text[s:e] for s, e in sentence_spans), 4),
        meta={"words": sum(1 for t in doc if not t.is_space and not t.is_punct)},
        version=version or current_version(target_tone=target_tone, similar_topics=similar_topics),
        focus=article_focus(text, article.title, places),
    )


def analyse_articles(articles: Iterable[Article], batch_size: int = 16, n_process: int = 1,
                     tagger: bool = False, budget_seconds: float | None = DEFAULT_ARTICLE_SECONDS,
                     target_tone: bool = False, similar_topics: bool = False,
                     conll_people: bool = True) -> Iterator[ArticleAnalysis]:
    """Analyse articles in input order, parsing them with ``nlp.pipe`` in batches while the
    content tagger reads the articles parsed before (:func:`analysis.quotes.tag_ahead`).

    Args:
        articles: Articles to analyse.
        batch_size: spaCy batch size.
        n_process: spaCy worker processes (2 helps on 2 cores for large corpora).
        tagger: Also run the content tagger (off by default; see :class:`analysis.settings.Settings`).
        budget_seconds: Time allowed to analyse one parsed article (None: no limit). An article
            over it is skipped: its analysis has no statements and ``meta["skipped"]`` says why.
        target_tone: Also measure each statement's tone towards the people and countries it
            names (off by default; see :func:`analyse_doc`).
        similar_topics: Also find topics by similar meaning (off by default; see :func:`analyse_doc`).
        conll_people: Find people and organisations with the CoNLL-trained recogniser (the
            default; off: the model's own ``ner``; see :class:`analysis.settings.Settings`).
    """
    nlp = load_nlp(conll=conll_people)
    version = current_version(tagger, target_tone, similar_topics, conll_people)
    pairs = ((a.text, a) for a in articles)
    parsed = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, article, tagged in quotes.tag_ahead(parsed, enabled=tagger):
        try:
            with time_budget(budget_seconds):
                analysis_of_article = analyse_doc(article, doc, tagged, version, target_tone, similar_topics)
        except BudgetExceeded:
            message = (f"{article.source or article.id}: skipped, its analysis took longer than "
                       f"{budget_seconds:g} s (QUOTE_ATLAS_ARTICLE_SECONDS)")
            LOG.warning(message)
            yield ArticleAnalysis(article=article, version=version, meta={"skipped": message})
        except Exception as error:  # one article's bug must not lose the batch (or hang spaCy's workers)
            LOG.exception("analysis failed for %s", article.source or article.id)
            yield ArticleAnalysis(article=article, tone=0.0, version=version,
                                  meta={"error": f"{type(error).__name__}: {error}"[:300]})
        else:
            yield analysis_of_article


def analyse_text(text: str, source: str = "<text>") -> ArticleAnalysis:
    """Analyse a single text (convenience for tests and notebooks)."""
    from analysis.ingest import make_article

    return next(analyse_articles([make_article(text, source=source)]))


def summary(analysis: ArticleAnalysis) -> dict:
    """The article-level JSON of ``python -m analysis extract`` (stable field names).

    Returns:
        ``{source, text, title, quotes, countries, focus, regions, persons, organizations, keywords,
        topics, tone, version}``; ``countries`` most mentioned first (ties: the article's focus
        first), ``focus`` the countries the article is about, best first.
    """
    focus_rank = {iso3: rank for rank, iso3 in enumerate(analysis.focus)}

    def counted(kind: str, with_code: bool = False) -> list[dict]:
        counts = Counter((m.key, m.name) for m in analysis.mentions if m.kind == kind)
        ordered = sorted(counts.items(), key=lambda item: (-item[1], focus_rank.get(item[0][0], len(focus_rank)),
                                                           item[0][1]))
        if with_code:
            return [{"iso3": key, "name": name, "count": n} for (key, name), n in ordered]
        return [{"name": name, "count": n} for (_key, name), n in ordered]

    topic_scores: Counter = Counter()
    quote_spans = {(q.start, q.end) for q in analysis.quotes}
    for hit in analysis.topic_hits:
        if (hit.start, hit.end) not in quote_spans:
            topic_scores[hit.topic] += hit.score
    total = sum(topic_scores.values()) or 1.0
    return {
        "source": analysis.article.source,
        "text": analysis.article.text,
        "title": analysis.article.title,
        "quotes": [q.to_dict() for q in analysis.quotes],
        "countries": counted("country", with_code=True),
        "focus": list(analysis.focus),
        "regions": counted("region"),
        "persons": counted("person"),
        "organizations": counted("organization"),
        "keywords": [k.to_dict() for k in analysis.keywords],
        "topics": [{"id": t, "label": topics.topic_label(t), "score": round(s / total, 4)}
                   for t, s in topic_scores.most_common()],
        "tone": analysis.tone,
        "version": analysis.version,
    }
