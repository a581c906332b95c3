"""Filtering and aggregating the loaded corpus: the data layer under every dashboard page.

Pure pandas, no streamlit. Functions never modify the :class:`~analysis.store.Corpus`
frames they receive (those are cached and shared between sessions); they return new frames.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from analysis import keywords, search, semantic_search
from analysis.records import Keyword
from analysis.store import Corpus


@dataclass(frozen=True)
class Filters:
    """The user's selection; an empty tuple means "all".

    Attributes:
        countries: ISO-3 codes; a statement matches when it names any of them (``country_scope``
            "mentioned", the default) or is about any of them ("about": the countries of its
            ``about`` column, see :func:`analysis.places.focus.statement_about`).
        topics: Topic ids; a statement matches when it has any of them.
        speakers: Canonical speaker names.
        articles: Article ids.
        search: A full-text search of the statements (:mod:`analysis.search`: any word form,
            "phrases", ``title:`` for article titles), or, starting with ``~``, a search by
            meaning (:mod:`analysis.semantic_search`: statements found get a ``similarity``).
        min_confidence: Leave out statements whose ``confidence`` is below this (0 keeps all;
            statements without a confidence, from stores made without the model, are kept).
        versions_once: Count a statement repeated in another version of its story, or quoted
            again word for word elsewhere, once (:mod:`analysis.versions`; applies when the
            corpus carries the repeats in ``corpus.derived``, as the app's does).
    """

    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    search: str = ""
    versions_once: bool = True
    extra: dict = field(default_factory=dict, compare=False)
    country_scope: str = "mentioned"
    min_confidence: float = 0.0

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return not (self.countries or self.topics or self.speakers or self.articles or self.search
                    or self.min_confidence > 0)


def _any_of(names) -> str:
    """"Germany", "Germany or France", "Germany, France or Italy": a filter's values select a statement
    carrying any of them (a comma alone read as "and" to analysts).
    """
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def describe_filters(filters: Filters) -> str:
    """The filters in words: "Statements naming Germany; on Arms & weapons supplies" or "All statements".

    Countries read as the sidebar's scope says: "naming" (mentioned, the default) or "mainly about"
    (about, the subject); "about" alone read as the subject scope on every page's header and brief.
    """""
    from analysis.countries import country_name
    from analysis.topics import topic_label

    parts = []
    if filters.countries:
        scope = "mainly about " if filters.country_scope == "about" else "naming "
        parts.append(scope + _any_of(country_name(c) for c in filters.countries))
    if filters.topics:
        parts.append("on " + _any_of(topic_label(t) for t in filters.topics))
    if filters.speakers:
        parts.append("by " + _any_of(filters.speakers))
    if filters.min_confidence > 0:
        parts.append(f"with confidence at least {filters.min_confidence:.0%}")
    if semantic_search.is_meaning_search(filters.search):
        typed = semantic_search.meaning_text(filters.search)
        parts.append(f"close in meaning to “{typed}”" if typed else "(search by meaning: nothing typed)")
    elif filters.search.strip():
        query, typed = search.parse_query(filters.search), filters.search.strip()
        if query.is_empty:
            parts.append(f"(search “{typed}” ignored: no words to search for)")
        elif query.titles_only:
            parts.append(f"in articles whose title matches “{typed}”")
        else:
            parts.append(f"containing “{typed}”")
    return "Statements " + "; ".join(parts) if parts else "All statements"


def strings(column: pd.Series) -> pd.Series:
    """``column`` as plain strings, also when it is held as a categorical (``load_corpus(categorical=True)``).

    Use before ``fillna`` with a new value, string concatenation or ``value_counts`` (on a
    categorical that would list categories that do not occur in a selection, and order ties
    differently). Missing values stay missing; other dtypes are returned as they are.
    """
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return column
    # Converting the few categories and taking them by code is ten times faster than
    # ``column.astype("str")`` on a large selection, with the same values and dtype.
    categories = column.cat.categories.astype("str")
    codes = column.cat.codes.to_numpy()
    if len(categories) == 0:
        return pd.Series([None] * len(codes), index=column.index, name=column.name, dtype="str")
    values = categories.take(codes, allow_fill=True, fill_value=None)
    return pd.Series(values, index=column.index, name=column.name)


def plain_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose categorical columns are plain strings (see :func:`strings`)."""
    return frame.assign(**{name: strings(frame[name]) for name, dtype in frame.dtypes.items()
                           if isinstance(dtype, pd.CategoricalDtype)})


def _rows_with(long: pd.DataFrame, column: str, values: tuple[str, ...], size: int) -> np.ndarray:
    """Boolean mask over ``corpus.quotes`` of statements with any of ``values`` in a long table."""
    mask = np.zeros(size, dtype=bool)
    mask[long.loc[long[column].isin(values), "row"].to_numpy()] = True
    return mask


COUNTRY_SCOPES = ("mentioned", "about")


def quote_about(corpus: Corpus) -> pd.DataFrame:
    """Long table (``quote_id``, ``iso3``, ``row``) of the countries each statement is about; built
    on first use from the ``about`` column (empty for a store without it), kept in ``corpus.derived``.
    """
    cached = corpus.derived.get("quote_about")
    if cached is not None:
        return cached
    quotes = corpus.quotes
    about = quotes["about"] if "about" in quotes.columns else pd.Series([()] * len(quotes), index=quotes.index)
    rows = [(quote_id, code, row) for row, (quote_id, codes) in enumerate(zip(quotes["quote_id"], about, strict=True))
            for code in (codes if isinstance(codes, (tuple, list, np.ndarray)) else ())]
    table = pd.DataFrame({"quote_id": [r[0] for r in rows], "iso3": [r[1] for r in rows],
                          "row": np.asarray([r[2] for r in rows], dtype=np.int64)})
    corpus.derived["quote_about"] = table
    return table


def article_focus(corpus: Corpus) -> pd.DataFrame:
    """The focus countries of every article, best first (``article_id``, ``iso3``, ``rank`` from 1),
    derived from the stored country mentions as the pipeline does
    (:func:`analysis.places.focus.focus_countries`); kept in ``corpus.derived``.
    """
    from analysis.places.focus import focus_countries, title_end_of

    cached = corpus.derived.get("article_focus")
    if cached is not None:
        return cached
    articles = corpus.articles
    texts = strings(articles["text"]).fillna("") if "text" in articles.columns else None
    titles = strings(articles["title"]).fillna("")
    ends = {}
    for position, article_id in enumerate(articles["article_id"].tolist()):
        title = titles.iloc[position]
        # A corpus loaded without texts: the title is taken to open the text, as ingest makes it.
        ends[article_id] = title_end_of(texts.iloc[position], title) if texts is not None else len(title)
    mentions = corpus.mentions
    countries = mentions.loc[mentions["kind"] == "country", ["article_id", "key", "start"]]
    rows = []
    for article_id, group in countries.groupby(strings(countries["article_id"]), sort=False):
        pairs = list(zip(strings(group["key"]).tolist(), group["start"].astype(int).tolist(), strict=True))
        for rank, iso3 in enumerate(focus_countries(pairs, ends.get(article_id, 0), 0), start=1):
            rows.append((article_id, iso3, rank))
    table = pd.DataFrame(rows, columns=["article_id", "iso3", "rank"])
    corpus.derived["article_focus"] = table
    return table


def filter_quotes(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """Statements matching all given filters (any value within one filter).

    Returns:
        A new DataFrame of rows of ``corpus.quotes``; after a search by meaning, with a
        ``similarity`` column (the cosine with the query, at least
        :data:`analysis.semantic_search.MIN_SIMILARITY`).

    Raises:
        ValueError: for a ``country_scope`` other than "mentioned" or "about".
    """
    if filters.country_scope not in COUNTRY_SCOPES:
        raise ValueError(f"country scope must be one of {', '.join(COUNTRY_SCOPES)}, not {filters.country_scope!r}")
    quotes = corpus.quotes
    mask = np.ones(len(quotes), dtype=bool)
    about = filters.country_scope == "about" and filters.countries
    countries = quote_about(corpus) if about else corpus.quote_countries
    for values, long, column in ((filters.countries, countries, "iso3"),
                                 (filters.topics, corpus.quote_topics, "topic")):
        if not values:
            continue
        if "row" in long.columns:
            mask &= _rows_with(long, column, values, len(quotes))
        else:  # a Corpus built by hand without row positions
            mask &= quotes["quote_id"].isin(long.loc[long[column].isin(values), "quote_id"]).to_numpy()
    if filters.speakers:
        mask &= quotes["speaker"].isin(filters.speakers).to_numpy()
    if filters.articles:
        mask &= quotes["article_id"].isin(filters.articles).to_numpy()
    similarity = None
    if semantic_search.is_meaning_search(filters.search):
        similarity = semantic_search.similarities(corpus, filters.search)
        mask &= similarity >= semantic_search.MIN_SIMILARITY
    elif filters.search.strip():
        mask &= search.matching_mask(corpus, filters.search)
    if filters.min_confidence > 0 and "confidence" in quotes.columns:
        confidence = pd.to_numeric(quotes["confidence"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        mask &= np.isnan(confidence) | (confidence >= filters.min_confidence)
    repeated = corpus.derived.get("repeated_statements")
    if filters.versions_once and repeated is not None and len(repeated) == len(quotes):
        mask &= ~repeated
    if similarity is not None:
        return quotes[mask].assign(similarity=similarity[mask])
    if mask.all():
        return quotes.copy(deep=False)  # copy-on-write: a new frame sharing the data until written
    # Boolean indexing builds a new frame; under copy-on-write no second copy is needed.
    return quotes[mask]


def speaker_labels(quotes: pd.DataFrame) -> pd.Series:
    """Each statement's speaker as the app shows it: the canonical name, else "unnamed source
    (a spokesman for the ministry)" from its ``speaker_description``, else "(unknown)".
    """
    names = strings(quotes["speaker"])
    if "speaker_description" in quotes.columns:
        names = names.fillna("unnamed source (" + strings(quotes["speaker_description"]) + ")")
    return names.fillna("(unknown)")


def speaker_counts(quotes: pd.DataFrame, limit: int = 20) -> pd.DataFrame:
    """Statements per named speaker, most first: unnamed sources and unattributed statements are
    nobody's and never top a chart.
    """
    names = strings(quotes["speaker"]).dropna()
    counts = names.value_counts().head(limit)
    return pd.DataFrame({"speaker": counts.index.astype(str), "statements": counts.to_numpy()})


def country_counts(quotes: pd.DataFrame) -> pd.DataFrame:
    """Statements naming each country, most first (column ``iso3``, ``statements``)."""
    counter = Counter(code for codes in quotes["countries"] for code in codes)
    rows = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return pd.DataFrame(rows, columns=["iso3", "statements"])


def topic_counts(quotes: pd.DataFrame) -> pd.DataFrame:
    """Statements per topic id, most first (``topic``, ``statements``)."""
    counter = Counter(topic for topics in quotes["topics"] for topic in topics)
    rows = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return pd.DataFrame(rows, columns=["topic", "statements"])


def country_mentions(corpus: Corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """Country mentions (``key``, ``evidence``, ``via``) in the articles of the given statements,
    as plain strings.
    """
    mentions = corpus.mentions
    chosen = (mentions["kind"] == "country") & mentions["article_id"].isin(quotes["article_id"].unique())
    return plain_strings(mentions.loc[chosen, ["key", "evidence", "via"]])


def evidence_words(mentions: pd.DataFrame, limit: int = 6) -> dict[str, str]:
    """iso3 -> the ``limit`` most frequent words that named the country, comma-separated (map hovers)."""
    if mentions.empty:
        return {}
    # Counters, not a grouped value_counts per country: that was most of a map's cost on a new view.
    words: dict[str, Counter] = {}
    for key, evidence in zip(strings(mentions["key"]).tolist(), strings(mentions["evidence"]).tolist(), strict=True):
        if isinstance(evidence, str):  # as value_counts did, no missing words
            words.setdefault(key, Counter())[evidence] += 1
    return {key: ", ".join(word for word, _ in counts.most_common(limit)) for key, counts in sorted(words.items())}


def country_pairs(quotes: pd.DataFrame) -> pd.DataFrame:
    """How often two countries are named in the same statement (``a``, ``b``, ``statements``)."""
    counter: Counter = Counter()
    for codes in quotes["countries"]:
        for a, b in combinations(sorted(set(codes)), 2):
            counter[(a, b)] += 1
    rows = [(a, b, n) for (a, b), n in counter.most_common()]
    return pd.DataFrame(rows, columns=["a", "b", "statements"])


def _long_values(quotes: pd.DataFrame, name: str, corpus: Corpus | None) -> pd.DataFrame:
    """Long table (``row``, ``name``) of one dimension of the given statements."""
    if name == "speaker":
        speakers = strings(quotes["speaker"]).fillna("(unknown)")
        return pd.DataFrame({"row": quotes.index.to_numpy(), name: speakers.to_numpy()})
    column = {"countries": "iso3", "topics": "topic"}[name]
    long = None if corpus is None else (corpus.quote_countries if name == "countries" else corpus.quote_topics)
    if long is not None and "row" in long.columns:
        # ``quotes`` is a selection of ``corpus.quotes`` and keeps its index, the ``row`` positions.
        chosen = long[np.isin(long["row"].to_numpy(), quotes.index.to_numpy())]
        return pd.DataFrame({"row": chosen["row"].to_numpy(), name: chosen[column].to_numpy()})
    exploded = quotes[name].explode().dropna()
    return pd.DataFrame({"row": exploded.index.to_numpy(), name: exploded.to_numpy()})


def cross_counts(quotes: pd.DataFrame, row: str, column: str, corpus: Corpus | None = None) -> pd.DataFrame:
    """Long table of statement counts and mean tone for each pair of values.

    Args:
        quotes: Filtered statements (rows of ``corpus.quotes`` with their original index).
        row: ``"speaker"``, ``"countries"`` or ``"topics"``.
        column: Another of those.
        corpus: The corpus ``quotes`` came from; its long tables make this fast on large
            selections (without it the list columns are exploded).

    Returns:
        Columns ``row``, ``column``, ``statements``, ``tone`` (mean VADER compound).
    """
    if quotes.empty:
        return pd.DataFrame(columns=[row, column, "statements", "tone"])
    pairs = _long_values(quotes, row, corpus).merge(_long_values(quotes, column, corpus), on="row")
    if pairs.empty:
        return pd.DataFrame(columns=[row, column, "statements", "tone"])
    pairs["tone"] = quotes["tone"].reindex(pairs["row"].to_numpy()).to_numpy()
    grouped = pairs.groupby([row, column], sort=False).agg(statements=("row", "nunique"), tone=("tone", "mean"))
    return grouped.reset_index().sort_values("statements", ascending=False, ignore_index=True)


def statements_over_time(quotes: pd.DataFrame, freq: str = "MS") -> pd.DataFrame:
    """Statements per period by article date (``period``, ``statements``); undated ones left out."""
    dates = pd.to_datetime(quotes["date"], errors="coerce").dropna()
    if dates.empty:
        return pd.DataFrame(columns=["period", "statements"])
    counts = dates.dt.to_period(freq[0]).value_counts().sort_index()
    return pd.DataFrame({"period": counts.index.to_timestamp(), "statements": counts.to_numpy()})


def _most_frequent_first(values: pd.Series) -> list[str]:
    """Distinct values, most frequent first; ties in alphabetical order (so any engine gives one order)."""
    counts = values.value_counts(sort=False)
    return [value for value, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def option_values(corpus: Corpus) -> dict[str, list[str]]:
    """Values offered in the filter widgets, most frequent first (ties alphabetical)."""
    speakers = _most_frequent_first(strings(corpus.quotes["speaker"]).dropna())
    countries = _most_frequent_first(strings(corpus.quote_countries["iso3"]))
    mentioned = _most_frequent_first(strings(corpus.mentions.loc[corpus.mentions["kind"] == "country", "key"]))
    countries += [c for c in mentioned if c not in countries]
    topics = _most_frequent_first(strings(corpus.quote_topics["topic"]))
    topics += [t for t in _most_frequent_first(strings(corpus.topic_hits["topic"])) if t not in topics]
    return {"country": countries, "topic": topics, "speaker": speakers}


def index_phrases(corpus: Corpus) -> None:
    """Build the key-phrase index of every statement now (see :func:`statement_keywords`), so the
    first view that draws key phrases does not pay for it (about 1.5 s at 300 articles).
    """
    _phrase_index(corpus)


def _phrase_index(corpus: Corpus) -> dict:
    """Phrases of every statement, as integer arrays; built on first use, kept in ``corpus.derived``.

    ``pair_rows``/``pair_groups``: each (statement row, phrase group) once; ``form_rows``/
    ``forms``: every phrase occurrence; ``form_group``: group of each surface form;
    ``group_forms``: surface forms of each group; ``rarity``: mean background idf of a group.
    """
    cached = corpus.derived.get("phrase_index")
    if cached is not None:
        return cached
    numbering = keywords.PhraseNumbering()
    pair_rows: list[int] = []
    pair_groups: list[int] = []
    form_rows: list[int] = []
    forms: list[int] = []
    for row, text in enumerate(corpus.quotes["text"].tolist()):
        seen: set[int] = set()
        for form_id in numbering.forms_of(text):
            form_rows.append(row)
            forms.append(form_id)
            group_id = numbering.form_group[form_id]
            if group_id not in seen:
                seen.add(group_id)
                pair_rows.append(row)
                pair_groups.append(group_id)
    index = {
        "quote_rows": pd.Index(corpus.quotes["quote_id"]),
        "pair_rows": np.asarray(pair_rows, dtype=np.int64), "pair_groups": np.asarray(pair_groups, dtype=np.int64),
        "form_rows": np.asarray(form_rows, dtype=np.int64), "forms": np.asarray(forms, dtype=np.int64),
        "form_text": list(numbering.form_ids), "groups": list(numbering.group_ids),
        "group_forms": numbering.group_forms(), "rarity": numbering.rarity(),
    }
    corpus.derived["phrase_index"] = index
    return index


def statement_keywords(corpus: Corpus, quotes: pd.DataFrame, top_n: int = 10) -> list[Keyword]:
    """Key phrases of the statements ``quotes`` (rows of ``corpus.quotes``), fast.

    Gives the result of :func:`analysis.keywords.keywords_for_texts` on ``quotes["text"]``
    (same scoring, merging and ordering) from phrase counts precomputed once per corpus,
    so a filter change counts integers instead of re-reading every statement: at 10,000
    articles about 40x faster for a large selection. Statements not in the corpus fall
    back to :func:`~analysis.keywords.keywords_for_texts`.
    """
    if quotes.empty:
        return []
    index = _phrase_index(corpus)
    rows = index["quote_rows"].get_indexer(quotes["quote_id"])
    if (rows < 0).any():
        return keywords.keywords_for_texts(quotes["text"].tolist(), top_n=top_n)
    selected = np.zeros(len(index["quote_rows"]), dtype=bool)
    selected[rows] = True
    statements = np.bincount(index["pair_groups"][selected[index["pair_rows"]]],
                             minlength=len(index["groups"]))
    occurrences = np.bincount(index["forms"][selected[index["form_rows"]]], minlength=len(index["form_text"]))
    form_text, group_forms, rarity = index["form_text"], index["group_forms"], index["rarity"]
    scored = []
    for group_id in np.flatnonzero(statements).tolist():
        counts = {form_text[f]: int(occurrences[f]) for f in group_forms[group_id] if occurrences[f]}
        phrase = keywords.best_form(counts)
        scored.append((keywords.phrase_score(int(statements[group_id]), rarity[group_id], phrase), phrase,
                       index["groups"][group_id]))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return keywords.drop_contained_words(scored, top_n)


def _name_key(text: str) -> str:
    """A typed or stored name compared without case, spacing or edge punctuation."""
    return " ".join(str(text).replace("’", "'").split()).strip(" .,;:'\"“”").casefold()


#: A speaker's representative statements (the one-page brief) are ranked on their last this many
#: statements in corpus order, the most recently stored, when they have more: enough to choose a
#: page's few quotes from, and read in a second at a million articles where all of a large
#: speaker's texts took 5-7 s (the page says so: ``pages/briefing.py``).
REPRESENTATIVE_SAMPLE = 20_000
#: A capital after a mention's first character (a name, not "He" at a sentence start).
_CAPITAL_INSIDE = re.compile(r".[A-Z]")


def speaker_aliases(corpus: Corpus) -> dict[str, str]:
    """Every name a speaker goes by -> its canonical name; built once per corpus (``corpus.derived``).

    The names: each canonical name; each way the texts name a speaker that shares a word with
    the name or has a capital after its first letter ("Putin", "President Putin", "the Russian
    President"; not "He" at a sentence start, nor "whom");
    the surname of each canonical name. Keys are case-folded. A name used for several
    speakers goes to the one it names most often, and a surname to the speaker with most
    statements.
    """
    cached = corpus.derived.get("speaker_aliases")
    if cached is not None:
        return cached
    speakers = strings(corpus.quotes["speaker"])
    mentions = strings(corpus.quotes["speaker_mention"]) if "speaker_mention" in corpus.quotes else speakers
    # value_counts sorts stably: most first, ties in order of first use (as the engine's counts are ordered).
    totals = speakers.value_counts()
    pairs = pd.DataFrame({"mention": mentions, "speaker": speakers}).dropna().value_counts()
    aliases = aliases_from_counts(list(totals.items()),
                                  [(m, n, k) for (m, n), k in pairs.sort_values(kind="stable").items()])
    corpus.derived["speaker_aliases"] = aliases
    return aliases


def aliases_from_counts(totals: list[tuple[str, int]], pairs: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """The aliases of :func:`speaker_aliases` from counts: ``totals`` (speaker, statements), most
    first, and ``pairs`` (mention, speaker, statements; read once, may be streamed), fewest first,
    ties of both in order of first use; the warehouse build reads both from its pre-counted
    tables (:mod:`analysis.store.page_tables`).
    """
    from analysis.names.aliases import surname

    aliases: dict[str, str] = {}
    for name, _count in reversed(totals):  # the most quoted speaker writes last and wins
        last = surname(name)
        if last:
            aliases[_name_key(last)] = name
    for mention, speaker, _count in pairs:  # ascending: the most frequent pairing writes last
        if _CAPITAL_INSIDE.search(mention) or set(_name_key(mention).split()) & set(_name_key(speaker).split()):
            aliases[_name_key(mention)] = speaker
    for name, _count in totals:
        aliases[_name_key(name)] = name
    return aliases


def resolve_speaker(corpus: Corpus, typed: str) -> str | None:
    """The canonical speaker a typed name means, or None.

    ``"putin"``, ``"Vladimir Putin"``, ``"President Putin"`` and ``"russian president vladimir
    putin"`` all give "Vladimir Putin" when the corpus quotes him: the name itself, then the
    name without its titles, then its surname (see :func:`speaker_aliases`).
    """
    return resolve_name(typed, speaker_aliases(corpus).get)


def resolve_name(typed: str, alias: Callable[[str], str | None]) -> str | None:
    """The canonical speaker a typed name means (as :func:`resolve_speaker`), looking each
    candidate key up with ``alias`` (key -> speaker or None): a dictionary's ``get``, or the
    engine's pre-computed aliases (:meth:`analysis.engine.Engine.speaker_alias`).
    """
    from analysis.names.aliases import surname
    from analysis.names.titles import strip_titles

    key = _name_key(typed)
    if not key:
        return None
    found = alias(key)
    if found is not None:
        return found
    bare = strip_titles(" ".join(w[:1].upper() + w[1:] for w in key.split()))
    for candidate in (bare, surname(bare) if bare else ""):
        if candidate:
            found = alias(_name_key(candidate))
            if found is not None:
                return found
    return None


def undated_statements(quotes: pd.DataFrame) -> int:
    """How many statements have no readable article date (left out of every time chart)."""
    return int(pd.to_datetime(quotes["date"], errors="coerce").isna().sum()) if len(quotes) else 0


#: The score of each polarity the tone model gives a statement towards a target (-1 to +1, like VADER's).
POLARITY_SCORES = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}
#: What the speaker x country tone shows: the tone towards each country (the tone model, a store
#: built with ``--target-tone``), else the tone of the whole statement (VADER).
TARGET_MEASURE = "tone towards the country (model)"
STATEMENT_MEASURE = "statement tone (VADER)"


def has_target_tones(quotes: pd.DataFrame) -> bool:
    """True when any statement of ``quotes`` holds its tone towards a target (``target_tones``: a
    store built with ``--target-tone`` or ``QUOTE_ATLAS_TARGET_TONE=1``).
    """
    if quotes.empty or "target_tones" not in quotes.columns:
        return False
    return any(isinstance(tones, (tuple, list)) and len(tones) for tones in quotes["target_tones"])


def tone_measure(quotes: pd.DataFrame, row: str, column: str) -> str:
    """What :func:`tone_by_target` shows for these statements and axes: :data:`TARGET_MEASURE` for
    speaker x country when any statement holds target tones, else :data:`STATEMENT_MEASURE`.
    """
    if (row, column) == ("speaker", "countries") and has_target_tones(quotes):
        return TARGET_MEASURE
    return STATEMENT_MEASURE


def tone_by_target(quotes: pd.DataFrame, row: str, column: str, corpus: Corpus | None = None) -> pd.DataFrame:
    """In what tone each ``row`` (e.g. speaker) speaks about each ``column`` (country or topic).

    Long table ``row``, ``column``, ``statements``, ``tone`` (mean tone of the statements behind
    each cell, -1 to +1), most statements first. For speaker x country, when the statements hold
    their tone towards each country they name (:func:`has_target_tones`), a cell is the mean of
    those tones (negative -1, neutral 0, positive +1) over the statements of the speaker that name
    the country as a target, and ``statements`` counts them; otherwise (and for every other pair)
    it is the mean tone of the whole statements (VADER, ``quotes["tone"]``) naming it.
    :func:`tone_measure` says which. This is the one function the tone charts read.
    """
    if tone_measure(quotes, row, column) == TARGET_MEASURE:
        return _tone_towards_countries(quotes, row, column)
    return cross_counts(quotes, row, column, corpus)


def _tone_towards_countries(quotes: pd.DataFrame, row: str, column: str) -> pd.DataFrame:
    """Speaker x country mean of the target tones towards each country (see :func:`tone_by_target`)."""
    speakers = strings(quotes["speaker"]).fillna("(unknown)")
    pairs = [(position, speaker, key, POLARITY_SCORES[polarity])
             for position, (speaker, tones) in enumerate(zip(speakers, quotes["target_tones"], strict=True))
             if isinstance(tones, (tuple, list))
             for kind, key, polarity in tones if kind == "country" and polarity in POLARITY_SCORES]
    if not pairs:
        return pd.DataFrame(columns=[row, column, "statements", "tone"])
    long = pd.DataFrame(pairs, columns=["row", row, column, "tone"])
    grouped = long.groupby([row, column], sort=False).agg(statements=("row", "nunique"), tone=("tone", "mean"))
    return grouped.reset_index().sort_values("statements", ascending=False, ignore_index=True)


def phrase_counts(corpus: Corpus, quotes: pd.DataFrame) -> dict[str, int]:
    """How many of the statements ``quotes`` (rows of ``corpus.quotes``) hold each key phrase.

    Phrases are those of :func:`statement_keywords` (word forms of one phrase counted together),
    each named by its most frequent form in the whole corpus, so counts of two selections and of
    the corpus share their keys (for :func:`analysis.compare.log_odds_dirichlet`).
    """
    if quotes.empty:
        return {}
    index = _phrase_index(corpus)
    names = corpus.derived.get("phrase_names")
    if names is None:
        occurrences = np.bincount(index["forms"], minlength=len(index["form_text"]))
        names = [keywords.best_form({index["form_text"][f]: int(occurrences[f]) for f in forms if occurrences[f]})
                 for forms in index["group_forms"]]
        corpus.derived["phrase_names"] = names
    rows = index["quote_rows"].get_indexer(quotes["quote_id"])
    selected = np.zeros(len(index["quote_rows"]), dtype=bool)
    selected[rows[rows >= 0]] = True
    statements = np.bincount(index["pair_groups"][selected[index["pair_rows"]]], minlength=len(index["groups"]))
    counts: dict[str, int] = {}
    for group_id in np.flatnonzero(statements).tolist():
        counts[names[group_id]] = counts.get(names[group_id], 0) + int(statements[group_id])
    return counts
