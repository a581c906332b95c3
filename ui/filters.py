"""Sidebar filters shared by every page, mirrored in the URL so a copied link reproduces a view.

URL parameters: ``country`` (ISO-3, repeatable), ``topic`` (topic id, repeatable), ``speaker``
(canonical name, repeatable), ``q`` (search text), ``country_scope=about`` (statements about the
countries rather than mentioning them; left out when "mentioned"). Widget keys are namespaced
``filter_*``.
"""

from __future__ import annotations

import streamlit as st

from analysis.query import COUNTRY_SCOPES, Filters
from analysis.query import describe_filters as query_describe
from analysis.store import Corpus
from ui.data import cached_option_values
from ui.labels import country_label, topic_label
from ui.safe import md

#: URL parameter -> (session-state key, widget label)
FILTER_PARAMS = {
    "country": ("filter_country", "Countries"),
    "topic": ("filter_topic", "Topics"),
    "speaker": ("filter_speaker", "Speakers"),
}
SEARCH_PARAM, SEARCH_KEY = "q", "filter_search"
SCOPE_PARAM, SCOPE_KEY = "country_scope", "filter_country_scope"


def _label(param: str, value: str) -> str:
    if param == "country":
        return country_label(value)
    if param == "topic":
        return topic_label(value)
    return value


def _initialise_from_url(options: dict[str, list[str]]) -> None:
    """Seed widget state from the URL once per session; report values that do not exist."""
    if st.session_state.get("filters_initialised"):
        return
    unknown = []
    for param, (key, _label_text) in FILTER_PARAMS.items():
        wanted = st.query_params.get_all(param)
        known = [v for v in wanted if v in options[param]]
        unknown += [f"{param}={v}" for v in wanted if v not in options[param]]
        st.session_state[key] = known
    st.session_state[SEARCH_KEY] = st.query_params.get(SEARCH_PARAM, "")
    unknown += _scope_from_url()
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


def _clear() -> None:
    for key, _label_text in FILTER_PARAMS.values():
        st.session_state[key] = []
    st.session_state[SEARCH_KEY] = ""
    st.session_state[SCOPE_KEY] = COUNTRY_SCOPES[0]


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


def sidebar_filters(corpus: Corpus) -> Filters:
    """Draw the filter widgets in the sidebar and return the current :class:`Filters`."""
    options = cached_option_values(corpus)
    _initialise_from_url(options)
    with st.sidebar:
        st.subheader("Filter statements")
        for param, (key, label) in FILTER_PARAMS.items():
            # Keep selected values selectable even if the corpus changed under them.
            values = options[param] + [v for v in st.session_state.get(key, []) if v not in options[param]]
            st.multiselect(label, values, key=key, format_func=lambda v, p=param: _label(p, v),
                           placeholder=f"All {label.lower()}")
        st.radio("Countries", COUNTRY_SCOPES, key=SCOPE_KEY, horizontal=True,
                 format_func=lambda scope: "mentioned" if scope == "mentioned" else "about (subject)",
                 help="mentioned: every country a statement names; about: the countries it is about, "
                      "not the places that only say where")
        st.text_input("Search quotes", key=SEARCH_KEY, placeholder="words in quote, speaker or title")
        st.button("Clear filters", on_click=_clear, key="filter_clear")
        if st.session_state.get("filters_unknown"):
            st.warning("Ignored link values not in this corpus: "
                       + ", ".join(md(v) for v in st.session_state["filters_unknown"]))
    filters = Filters(
        countries=tuple(st.session_state.get("filter_country", [])),
        topics=tuple(st.session_state.get("filter_topic", [])),
        speakers=tuple(st.session_state.get("filter_speaker", [])),
        search=st.session_state.get(SEARCH_KEY, ""),
        country_scope=st.session_state.get(SCOPE_KEY, COUNTRY_SCOPES[0]),
    )
    _write_url(filters)
    return filters


def describe(filters: Filters) -> str:
    """The filters in words (see :func:`analysis.query.describe_filters`)."""
    return query_describe(filters)
