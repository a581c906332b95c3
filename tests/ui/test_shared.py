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


def _ask_together(results, key, build, threads: int = 8) -> list:
    """``compute_once`` from ``threads`` threads started together; their answers (None where one raised)."""
    import threading

    from ui.shared import compute_once

    answers = [None] * threads

    def ask(i):
        try:
            answers[i] = compute_once(results, key, build)
        except RuntimeError:
            pass

    workers = [threading.Thread(target=ask, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    return workers, answers


def test_a_crowd_asking_at_once_computes_a_result_once():
    import threading
    from collections import OrderedDict

    release, calls = threading.Event(), []

    def build():
        calls.append(1)
        release.wait(10)  # every other thread asks while this one computes
        return object()

    workers, answers = _ask_together(OrderedDict(), "view", build)
    release.set()
    for worker in workers:
        worker.join(10)
    assert len(calls) == 1
    assert all(answer is answers[0] for answer in answers) and answers[0] is not None


def test_a_failed_computation_is_tried_again_by_the_next_asker():
    from collections import OrderedDict

    from ui.shared import compute_once

    results, calls = OrderedDict(), []

    def build():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("first try fails")
        return "value"

    with pytest.raises(RuntimeError):
        compute_once(results, "view", build)
    assert compute_once(results, "view", build) == "value"
    assert compute_once(results, "view", build) == "value" and len(calls) == 2


def test_results_beyond_the_limit_are_dropped_least_recent_first():
    from collections import OrderedDict

    from ui.shared import MAX_RESULTS, compute_once

    results = OrderedDict()
    for i in range(MAX_RESULTS + 5):
        compute_once(results, i, lambda i=i: i)
    assert len(results) == MAX_RESULTS and 0 not in results and MAX_RESULTS + 4 in results
