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


def test_results_beyond_the_byte_bound_are_dropped_least_recent_first():
    from ui.shared import Results, compute_once

    results = Results()
    for i in range(10):
        compute_once(results, i, lambda: bytes(1_000_000), max_bytes=3_500_000)
    assert list(results) == [7, 8, 9], "three of a million bytes fit in 3.5 million"
    assert set(results.sizes) == {7, 8, 9} and sum(results.sizes.values()) <= 3_500_000
    compute_once(results, 8, lambda: b"")  # asked again: the most recent, kept over 9
    compute_once(results, 10, lambda: bytes(1_000_000), max_bytes=3_500_000)
    assert list(results) == [9, 8, 10]


def test_a_result_larger_than_the_bound_is_given_but_not_kept():
    from ui.shared import Results, compute_once

    results, calls = Results(), []

    def build():
        calls.append(1)
        return bytes(2_000)

    assert len(compute_once(results, "big", build, max_bytes=1_000)) == 2_000
    assert len(compute_once(results, "big", build, max_bytes=1_000)) == 2_000
    assert len(calls) == 2 and not results and not results.sizes


def _figure():
    import plotly.graph_objects as go

    return go.Figure(go.Heatmap(z=[[i * j for j in range(25)] for i in range(20)]))


@pytest.mark.parametrize(("make", "low", "high"), [
    (lambda: bytes(100_000), 100_000, 100_200),
    (lambda: "x" * 50_000, 50_000, 50_200),
    (lambda: __import__("pandas").DataFrame({"a": range(100_000)}), 800_000, 900_000),
    (lambda: __import__("pandas").DataFrame({"s": ["speaker name"] * 50_000}), 500_000, 5_000_000),
    (lambda: __import__("numpy").zeros(10_000), 80_000, 80_200),
    (lambda: [bytes(1_000)] * 5_000, 5_000_000, 5_300_000),           # sampled: the first 1,000 items
    (lambda: {i: bytes(1_000) for i in range(3_000)}, 3_000_000, 3_600_000),
    (lambda: (bytes(10_000), [bytes(10_000)]), 20_000, 21_000),
    (_figure, 2_000, 20_000),
    (lambda: 7, 1, 100),
])
def test_approx_bytes(make, low, high):
    from ui.shared import approx_bytes

    assert low <= approx_bytes(make()) <= high
