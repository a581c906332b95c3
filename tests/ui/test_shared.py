"""ui.shared: a view's results are computed once and shared by every session looking at it."""

import pytest
from streamlit.testing.v1 import AppTest


def _session(view) -> str:
    """One session: declares ``view`` (None: no view) and returns what ``shared`` gave it."""
    def script(view):
        import uuid

        import streamlit as st

        from ui.shared import set_view, shared

        if view is not None:
            set_view(view)
        st.session_state["got"] = shared("probe", lambda: uuid.uuid4().hex)

    app = AppTest.from_function(script, args=(view,))
    app.run()
    assert not app.exception
    return app.session_state["got"]


@pytest.mark.parametrize(("first", "second", "same"), [
    ((("batch-1",), "DEU"), (("batch-1",), "DEU"), True),       # same store state and filters: shared
    ((("batch-1",), "DEU"), (("batch-1",), "FRA"), False),      # other filters
    ((("batch-1",), "DEU"), (("batch-1", "batch-2"), "DEU"), False),  # a batch was added: computed again
    (None, None, False),                                          # no view declared: nothing shared
])
def test_sessions_share_a_views_results(first, second, same):
    assert (_session(first) == _session(second)) is same
