"""Sidebar filters shared by every page, mirrored in the URL so a copied link reproduces a view.

URL parameters: ``country`` (ISO-3, repeatable), ``topic`` (topic id, repeatable), ``speaker``
(canonical name, repeatable), ``q`` (search text; ``q=~words`` searches by meaning, the "By meaning"
box ticked: :mod:`analysis.semantic_search`), ``country_scope=about`` (statements about the
countries rather than mentioning them; left out when "mentioned"), ``confident=1`` (only statements
whose confidence is at least :data:`analysis.records.CONFIDENT`). Widget keys are namespaced
``filter_*``. A link may name a speaker by any of their names (``?speaker=President Putin``), a
country by its name and a topic by its label, in any case; they are read as the canonical value,
and a value the corpus does not hold is reported at the top of the page (:func:`unknown_notice`).
"""

from __future__ import annotations

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
from ui.labels import country_label, country_name, topic_label
from ui.safe import md
from ui.selection import Source

#: Who-said-what precision on the 39 hand-checked articles of speakers_dev, in percent, of the
#: statements of speech (what the app shows) with confidence >= CONFIDENT and of all
#: (benchmarks/confidence_reliability.py, docs/accuracy.md); the sidebar and every brief state them.
RIGHT_WHEN_CONFIDENT, RIGHT_OF_ALL = 89, 85

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
    name, topics by id or label; all without regard to case.
    """
    if value in options[param]:
        return value
    wanted = " ".join(str(value).split()).casefold()
    if param == "speaker":
        found = corpus.resolve_speaker(value) if isinstance(corpus, Source) else resolve_speaker(corpus, value)
        return found if found in options[param] else None
    for option in options[param]:
        if wanted in (option.casefold(), _label(param, option).casefold(),
                      (country_name(option) if param == "country" else topic_label(option)).casefold()):
            return option
    return None


def _resolved(param: str, values: list[str], options: dict[str, list[str]], corpus: Corpus) -> tuple[list, list]:
    """(canonical values, in order and once each; "param=value" of the values not found)."""
    known, unknown = [], []
    for value in values:
        found = resolve_value(param, value, options, corpus)
        if found is None:
            unknown.append(f"{param}={value}")
        elif found not in known:
            known.append(found)
    return known, unknown


def _initialise_from_url(options: dict[str, list[str]], corpus: Corpus) -> None:
    """Seed widget state from the URL once per session; report values that do not exist."""
    if st.session_state.get("filters_initialised"):
        return
    unknown = []
    for param, (key, _label_text) in FILTER_PARAMS.items():
        known, missing = _resolved(param, st.query_params.get_all(param), options, corpus)
        unknown += missing
        st.session_state[key] = known
    typed = st.query_params.get(SEARCH_PARAM, "")
    st.session_state[MEANING_KEY] = is_meaning_search(typed)
    st.session_state[SEARCH_KEY] = meaning_text(typed) if is_meaning_search(typed) else typed
    unknown += _scope_from_url()
    st.session_state[CONFIDENT_KEY] = st.query_params.get(CONFIDENT_PARAM, "") in ("1", "true", "yes")
    st.session_state["filters_unknown"] = unknown
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
    """Widget callback: a typed name ("President Putin" + Enter) becomes the canonical value;
    one that names nobody is dropped and reported.
    """
    known, unknown = _resolved(param, list(st.session_state.get(key, [])), options, corpus)
    st.session_state[key] = known
    st.session_state["filters_unknown"] = unknown


def unknown_notice() -> None:
    """At the top of the page: the link or typed values that match nothing in this corpus (as text)."""
    if st.session_state.get("filters_unknown"):
        values = ", ".join(md(v) for v in st.session_state["filters_unknown"])
        st.warning(f"Not in this corpus, so not applied: {values}. Pick a value from the sidebar filters.",
                   icon=":material/filter_alt_off:")


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
                      "not the places that only say where")
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
    if is_meaning_search(filters.search) and meaning_text(filters.search):
        loaded = corpus.corpus if isinstance(corpus, Source) else corpus
        if not vectors_ready(loaded):
            with st.spinner("Reading the meaning of every statement (once for this store)…"):
                statement_vectors(loaded)
    return filters


def _search_text() -> str:
    """The search of the filters: what was typed, with the meaning prefix when "By meaning" is ticked."""
    typed = str(st.session_state.get(SEARCH_KEY, "") or "")
    if st.session_state.get(MEANING_KEY) and typed.strip() and not is_meaning_search(typed):
        return MEANING_PREFIX + typed.strip()
    return typed


def describe(filters: Filters) -> str:
    """The filters in words (see :func:`analysis.query.describe_filters`)."""
    return query_describe(filters)
