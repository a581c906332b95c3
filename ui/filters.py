"""Sidebar filters shared by every page, mirrored in the URL so a copied link reproduces a view.

URL parameters: ``country`` (ISO-3, repeatable), ``topic`` (topic id, repeatable), ``speaker``
(canonical name, repeatable), ``q`` (search text; ``q=~words`` searches by meaning, the "By meaning"
box ticked: :mod:`analysis.semantic_search`), ``country_scope=about`` (statements about the
countries rather than mentioning them; left out when "mentioned"), ``confident=1`` (only statements
whose confidence is at least :data:`analysis.records.CONFIDENT`). Widget keys are namespaced
``filter_*``. A link may name a speaker by any of their names (``?speaker=President Putin``), a
country by its name and a topic by its label, in any case; they are read as the canonical value.

A filter never widens what was asked for: a value that no statement of the corpus carries stays in
the filter and selects nothing (``?country=ATA`` shows no statement, not every one), whether it is
a real country, topic or name the corpus lacks or a value that means nothing at all; the top of the
page says which values match nothing and why (:func:`unknown_notice`). Such values are only ever
shown as text.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from analysis.query import COUNTRY_SCOPES, Filters, resolve_speaker
from analysis.query import describe_filters as query_describe
from analysis.records import CONFIDENT
from analysis.semantic_search import (
    MEANING_PREFIX,
    MIN_SIMILARITY,
    is_meaning_search,
    meaning_text,
    statement_vectors,
    vectors_ready,
)
from analysis.store import Corpus
from ui.data import cached_option_values
from ui.labels import country_label, country_name, folded, known_country, known_topic, topic_label
from ui.safe import md
from ui.selection import Source

#: Who-said-what precision on the 39 hand-checked articles of speakers_dev, in percent, of the
#: statements of speech (what the app shows) with confidence >= CONFIDENT and of all
#: (benchmarks/confidence_reliability.py, docs/accuracy.md); the sidebar and every brief state them.
RIGHT_WHEN_CONFIDENT, RIGHT_OF_ALL = 94, 93

#: URL parameter -> (session-state key, widget label)
FILTER_PARAMS = {
    "country": ("filter_country", "Countries"),
    "topic": ("filter_topic", "Topics"),
    "speaker": ("filter_speaker", "Speakers"),
}
SEARCH_PARAM, SEARCH_KEY = "q", "filter_search"
#: The "By meaning" box: in the URL as the prefix of ``q`` (``q=~energy security``).
MEANING_KEY = "filter_meaning"
#: Speakers listed in the sidebar at most, the most quoted first (any other is typed: its name is
#: resolved). Every page sends the list to the browser: 30,000 names on every run of a realistic
#: 10,000-article store.
MAX_SPEAKER_OPTIONS = 2_000
SCOPE_PARAM, SCOPE_KEY = "country_scope", "filter_country_scope"
#: Characters of a filter value kept from a link or the speaker box (a value that long matches nothing).
MAX_VALUE_CHARS = 200
#: Session-state key of the values of the current filters that no statement carries (:func:`unknown_notice`).
UNMATCHED_KEY = "filters_unknown"
CONFIDENT_PARAM, CONFIDENT_KEY = "confident", "filter_confident"


def _label(param: str, value: str) -> str:
    if param == "country":
        return country_label(value)
    if param == "topic":
        return topic_label(value)
    return value


def resolve_value(param: str, value: str, options: dict[str, list[str]], corpus: Corpus | Source) -> str | None:
    """The canonical filter value ``value`` means, or None when the corpus (or store ``Source``) has none.

    Speakers by any alias (:func:`analysis.query.resolve_speaker`), countries by ISO-3 code or
    name, topics by id or label; all without regard to case, accents or the kind of apostrophe
    (:func:`ui.labels.folded`).
    """
    if value in options[param]:
        return value
    wanted = folded(value)
    if param == "speaker":
        found = corpus.resolve_speaker(value) if isinstance(corpus, Source) else resolve_speaker(corpus, value)
        return found if found in options[param] else _unaccented_speaker(wanted, options[param])
    for option in options[param]:
        if wanted in (folded(option), folded(_label(param, option)),
                      folded(country_name(option) if param == "country" else topic_label(option))):
            return option
    return None


def _unaccented_speaker(wanted: str, speakers: list[str]) -> str | None:
    """The speaker whose name, or else surname, is ``wanted`` (:func:`ui.labels.folded`), the most quoted
    first: the aliases compare accents ("miroslav lajcak" found nobody, where "Miroslav Lajčák" is
    quoted; session 20). Only for a name the aliases miss: one pass over the speakers.
    """
    by_surname = None
    for name in speakers:
        key = folded(name)
        if key == wanted:
            return name
        if by_surname is None and " " in key and key.rsplit(" ", 1)[1] == wanted:
            by_surname = name
    return by_surname


def filter_value(param: str, value: str, options: dict[str, list[str]], corpus: Corpus | Source) -> str:
    """The value a filter keeps for ``value`` from a link or the speaker box: the corpus's canonical
    value (:func:`resolve_value`), else the gazetteer's country or the taxonomy's topic it names,
    else the value as typed (blanks collapsed, at most :data:`MAX_VALUE_CHARS`). Never dropped: a
    value that matches no statement selects none.
    """
    found = resolve_value(param, value, options, corpus)
    if found is None and param in ("country", "topic"):
        found = (known_country if param == "country" else known_topic)(value)
    return found if found is not None else " ".join(str(value).split())[:MAX_VALUE_CHARS]


def _resolved(param: str, values: list[str], options: dict[str, list[str]], corpus: Corpus) -> list[str]:
    """The filter values of ``values`` (:func:`filter_value`), in order and once each; blank ones left out."""
    kept: list[str] = []
    for value in values:
        found = filter_value(param, value, options, corpus)
        if found and found not in kept:
            kept.append(found)
    return kept


def _initialise_from_url(options: dict[str, list[str]], corpus: Corpus) -> None:
    """Seed widget state from the URL once per session (a scope that is none is noted for :func:`unknown_notice`)."""
    if st.session_state.get("filters_initialised"):
        return
    for param, (key, _label_text) in FILTER_PARAMS.items():
        st.session_state[key] = _resolved(param, st.query_params.get_all(param), options, corpus)
    typed = st.query_params.get(SEARCH_PARAM, "")
    st.session_state[MEANING_KEY] = is_meaning_search(typed)
    st.session_state[SEARCH_KEY] = meaning_text(typed) if is_meaning_search(typed) else typed
    st.session_state["filters_bad_scope"] = _scope_from_url()
    st.session_state[CONFIDENT_KEY] = st.query_params.get(CONFIDENT_PARAM, "") in ("1", "true", "yes")
    st.session_state["filters_initialised"] = True


def filter_query_params(filters: Filters) -> dict[str, list[str] | str]:
    """URL parameters that reproduce ``filters`` (empty filters are left out)."""
    params: dict[str, list[str] | str] = {}
    for name, values in (("country", filters.countries), ("topic", filters.topics),
                         ("speaker", filters.speakers)):
        if values:
            params[name] = list(values)
    if filters.search:
        params[SEARCH_PARAM] = filters.search
    if filters.countries and filters.country_scope != COUNTRY_SCOPES[0]:
        params[SCOPE_PARAM] = filters.country_scope
    if filters.min_confidence > 0:
        params[CONFIDENT_PARAM] = "1"
    return params


def _write_url(filters: Filters) -> None:
    wanted = {"country": list(filters.countries), "topic": list(filters.topics),
              "speaker": list(filters.speakers)}
    for param, values in wanted.items():
        if st.query_params.get_all(param) != values:
            if values:
                st.query_params[param] = values
            elif param in st.query_params:
                del st.query_params[param]
    if filters.search:
        if st.query_params.get(SEARCH_PARAM) != filters.search:
            st.query_params[SEARCH_PARAM] = filters.search
    elif SEARCH_PARAM in st.query_params:
        del st.query_params[SEARCH_PARAM]
    _write_scope(filters)
    if filters.min_confidence > 0:
        if st.query_params.get(CONFIDENT_PARAM) != "1":
            st.query_params[CONFIDENT_PARAM] = "1"
    elif CONFIDENT_PARAM in st.query_params:
        del st.query_params[CONFIDENT_PARAM]


def _clear() -> None:
    for key, _label_text in FILTER_PARAMS.values():
        st.session_state[key] = []
    st.session_state[SEARCH_KEY] = ""
    st.session_state[MEANING_KEY] = False
    st.session_state[SCOPE_KEY] = COUNTRY_SCOPES[0]
    st.session_state[CONFIDENT_KEY] = False
    st.session_state.pop("filters_bad_scope", None)


def _scope_from_url() -> list[str]:
    """Seed the country scope from the URL; return it as an unknown value if it is not a scope."""
    wanted = st.query_params.get(SCOPE_PARAM, COUNTRY_SCOPES[0])
    st.session_state[SCOPE_KEY] = wanted if wanted in COUNTRY_SCOPES else COUNTRY_SCOPES[0]
    return [] if wanted in COUNTRY_SCOPES else [f"{SCOPE_PARAM}={wanted}"]


def _write_scope(filters: Filters) -> None:
    """Keep ``country_scope=about`` in the URL while countries are chosen with that scope."""
    wanted = filter_query_params(filters).get(SCOPE_PARAM)
    if wanted and st.query_params.get(SCOPE_PARAM) != wanted:
        st.query_params[SCOPE_PARAM] = wanted
    elif not wanted and SCOPE_PARAM in st.query_params:
        del st.query_params[SCOPE_PARAM]


def _resolve_typed(param: str, key: str, options: dict[str, list[str]], corpus: Corpus) -> None:
    """Widget callback: a typed name ("President Putin" + Enter) becomes the canonical value; one
    that names nobody stays as typed and selects nothing (said at the top of the page).
    """
    st.session_state[key] = _resolved(param, list(st.session_state.get(key, [])), options, corpus)


def unmatched_value(param: str, value: str, about: bool = False) -> str:
    """Why the ``param`` (``country``, ``topic``, ``speaker``) value ``value``, which no statement of
    the corpus carries, matches nothing, in Markdown with the value escaped ("No statement names
    Antarctica (ATA) in this corpus"); ``about``: countries as the subject, not merely named.
    """
    if param == "country" and known_country(value) == value:
        return f"No statement {'is about' if about else 'names'} {md(country_label(value))} in this corpus"
    if param == "topic" and known_topic(value) == value:
        return f"No statement is on the topic {md(topic_label(value))} in this corpus"
    if param == "speaker":
        return f"No statement in this corpus is attributed to “{md(value)}” (by any of their names)"
    what = "a country or region (ISO-3 code or name)" if param == "country" else "a topic (id or label)"
    return f"“{md(value)}” is not {what}: it matches no statement"


def unmatched(filters: Filters, options: dict[str, list[str]]) -> list[str]:
    """Why each value of ``filters`` that no statement of the corpus carries matches nothing
    (:func:`unmatched_value`), in Markdown with the value escaped.
    """
    about = filters.country_scope == "about"
    notes = []
    for param, values in (("country", filters.countries), ("topic", filters.topics),
                          ("speaker", filters.speakers)):
        offered = set(options[param]) if values else set()  # 100,000 speakers at a million articles
        notes += [unmatched_value(param, value, about) for value in values if value not in offered]
    return notes


def unknown_notice() -> None:
    """At the top of the page: the filter values that match no statement of this corpus, and why
    (:func:`unmatched`); they stay in the filters, so the page shows what they select: nothing,
    or the statements of the filter's other values.
    """
    notes = st.session_state.get(UNMATCHED_KEY) or []
    bad_scope = st.session_state.get("filters_bad_scope") or []
    if notes:
        st.warning(". ".join(notes) + ". Kept in the filters, so no statement outside them is shown: remove a "
                   "value in the sidebar, or press “Clear filters”.", icon=":material/filter_alt_off:")
    if bad_scope:
        st.warning(f"Not a country scope, so not applied: {', '.join(md(v) for v in bad_scope)} (the scope is "
                   "“mentioned” or “about”).", icon=":material/filter_alt_off:")


def sidebar_filters(corpus: Corpus | Source) -> Filters:
    """Draw the filter widgets in the sidebar and return the current :class:`Filters` (the values
    offered from the store ``Source``, through its engine when it has one, or from the corpus).
    """
    if isinstance(corpus, Source):
        options = corpus.option_values(cached_option_values)
    else:
        options = cached_option_values(corpus)
    _initialise_from_url(options, corpus)
    with st.sidebar:
        st.subheader("Filter statements")
        for param, (key, label) in FILTER_PARAMS.items():
            typed = param == "speaker"
            listed = options[param][:MAX_SPEAKER_OPTIONS] if typed else options[param]
            # Keep selected values selectable even if the corpus changed under them (or they are not listed).
            shown = set(listed)
            values = listed + [v for v in st.session_state.get(key, []) if v not in shown]
            # "contains", not fuzzy, and no "select all matches": Enter picks the first (most
            # quoted) match; a typed name of the speaker filter is resolved to its canonical name.
            st.multiselect(label, values, key=key, format_func=lambda v, p=param: _label(p, v),
                           placeholder=f"All {label.lower()}" + (" (any name)" if typed else ""),
                           help=(f"The {MAX_SPEAKER_OPTIONS:,} most quoted of {len(options[param]):,} are listed: "
                                 "type any other name and press Enter"
                                 if typed and len(options[param]) > MAX_SPEAKER_OPTIONS else None),
                           filter_mode="contains", select_all=False, accept_new_options=typed,
                           on_change=_resolve_typed if typed else None,
                           args=(param, key, options, corpus) if typed else None)
        st.radio("Countries", COUNTRY_SCOPES, key=SCOPE_KEY, horizontal=True,
                 format_func=lambda scope: "mentioned" if scope == "mentioned" else "about (subject)",
                 help="mentioned: every country a statement names; about: the countries it is about, "
                      "not the places that only say where",
                 on_change=lambda: st.session_state.pop("filters_bad_scope", None))  # a scope is picked now
        st.checkbox("Confident statements only", key=CONFIDENT_KEY,
                    help=f"Leave out statements whose confidence is below {CONFIDENT:.0%}. On hand-checked "
                         f"real news, {RIGHT_WHEN_CONFIDENT}% of the confident statements are found right and given "
                         f"to the right speaker, against {RIGHT_OF_ALL}% of all (docs/accuracy.md).")
        st.text_input("Search statements", key=SEARCH_KEY,
                      placeholder='words, "a phrase", title:word',
                      help='Any form of a word (missile finds missiles), "a phrase", prefix*, OR, -word; '
                           "title:word searches article titles instead. With “By meaning”: what the "
                           "statements are about, in any words")
        st.checkbox("By meaning", key=MEANING_KEY,
                    help="Find statements close in meaning to the search (“energy security” finds statements "
                         "on gas supplies and pipelines), most similar first, similarity at least "
                         f"{MIN_SIMILARITY:.2f}")
        st.button("Clear filters", on_click=_clear, key="filter_clear")
    filters = Filters(
        countries=tuple(st.session_state.get("filter_country", [])),
        topics=tuple(st.session_state.get("filter_topic", [])),
        speakers=tuple(st.session_state.get("filter_speaker", [])),
        search=_search_text(),
        country_scope=st.session_state.get(SCOPE_KEY, COUNTRY_SCOPES[0]),
        min_confidence=CONFIDENT if st.session_state.get(CONFIDENT_KEY) else 0.0,
    )
    _write_url(filters)
    st.session_state[UNMATCHED_KEY] = unmatched(filters, options)
    if is_meaning_search(filters.search) and meaning_text(filters.search):
        if not _loadable(corpus):
            st.sidebar.warning(f"Search by meaning reads every statement's sentence vector into memory: with "
                               f"{corpus.articles:,} articles this store is too large for that here, so the "
                               f"words are searched instead.", icon=":material/memory:")
            return dataclasses.replace(filters, search=meaning_text(filters.search))
        loaded = corpus.corpus if isinstance(corpus, Source) else corpus
        if not vectors_ready(loaded):
            with st.spinner("Reading the meaning of every statement (once for this store)…"):
                statement_vectors(loaded)
    return filters


def _loadable(corpus: Corpus | Source) -> bool:
    """Whether ``corpus`` is loaded or may be (:attr:`ui.selection.Source.loadable`)."""
    return not isinstance(corpus, Source) or corpus.loadable


def _search_text() -> str:
    """The search of the filters: what was typed, with the meaning prefix when "By meaning" is ticked."""
    typed = str(st.session_state.get(SEARCH_KEY, "") or "")
    if st.session_state.get(MEANING_KEY) and typed.strip() and not is_meaning_search(typed):
        return MEANING_PREFIX + typed.strip()
    return typed


def describe(filters: Filters) -> str:
    """The filters in words (see :func:`analysis.query.describe_filters`)."""
    return query_describe(filters)
