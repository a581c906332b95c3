"""The "count repeated statements once" switch, mirrored in the URL (``versions=all`` when off).

Versions of one story and statements quoted again elsewhere (:mod:`analysis.versions`) are
counted once by default; the switch in the sidebar undoes the grouping for every page, and the
Corpus page lists the stories with their versions.
"""

from __future__ import annotations

import streamlit as st

from analysis.store import Corpus
from ui.data import repeated_count, story_versions
from ui.selection import Source

#: Session-state key of the switch; URL parameter and its value when the switch is off.
VERSIONS_KEY, VERSIONS_PARAM, ALL = "count_versions_once", "versions", "all"


def versions_toggle(corpus: Corpus | Source) -> bool:
    """Draw the switch in the sidebar (first value from the URL) and return whether repeats count once
    (the counts from the corpus or the store ``Source``).
    """
    if VERSIONS_KEY not in st.session_state:
        st.session_state[VERSIONS_KEY] = st.query_params.get(VERSIONS_PARAM) != ALL
    if isinstance(corpus, Source):
        stories, repeats = corpus.stories, corpus.repeats
    else:
        stories, repeats = len(story_versions(corpus).stories), repeated_count(corpus)
    # The engine knows the repeats, not the stories (its warehouse does not keep them).
    listed = "" if stories is None else f" ({stories:,} stories have several versions, listed on the Corpus page)"
    st.sidebar.toggle(
        "Count repeated statements once", key=VERSIONS_KEY,
        help=f"{repeats:,} statements repeat one already counted: in another version of the same story"
             f"{listed} or quoted again word for word in a later article. Off: every copy counts.")
    once = bool(st.session_state[VERSIONS_KEY])
    if once and VERSIONS_PARAM in st.query_params:
        del st.query_params[VERSIONS_PARAM]
    elif not once and st.query_params.get(VERSIONS_PARAM) != ALL:
        st.query_params[VERSIONS_PARAM] = ALL
    return once
